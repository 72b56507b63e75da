"""Node builders of the insight sections (:mod:`..pages.insights`).

Registered into :data:`.nodes.BUILDERS` at the end of ``nodes.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..pages import sections as S
from ..pages.plan import PageKind
from .locale import N_, _, ngettext
from .nodes import _field_list, _para, _section, _table, rubric_block

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..model import Finding, TestCase
    from ..pages import insights as I
    from .nodes import Context

_CATEGORY_TITLES = {
    "security": N_("Security"),
    "performance": N_("Performance"),
    "patterns": N_("Patterns"),
}


def _command(command: str) -> list[nodes.Node | str]:
    """A command as a literal; a bare gtest flag says what it is passed to."""
    literal = nodes.literal(command, command, classes=["repodoc-command"])
    if command.startswith("--gtest_filter="):
        return [_("run the test binary with") + " ", literal]
    return [literal]


def context(ctx: Context, data: I.Context) -> list[nodes.Node]:
    rows: list[tuple[str, Sequence[nodes.Node | str]]] = []
    if data.component is not None:
        where = data.component or _("the repository root")
        parts: list[nodes.Node | str] = []
        if data.description:
            parts.extend([nodes.strong(data.description, data.description), " ("])
            parts.extend([nodes.literal(where, where), ")"])
        else:
            parts.append(nodes.literal(where, where))
        rows.append((_("Component"), parts))
    change = data.last_change
    if change is not None:
        if change.before:
            why = _("shallow clone") if data.shallow else "repodoc_git_commits"
            text = _("before %(date)s (older than the history read: %(why)s)") % {
                "date": change.date,
                "why": why,
            }
            rows.append((_("Last change"), [text]))
        else:
            commit = " · " + _("commit") + " "
            parts = [change.date, commit, nodes.literal(change.commit, change.commit)]
            if change.author:
                parts.append(f" · {change.author}")
            rows.append((_("Last change"), parts))
    return [_field_list(rows, classes=["repodoc-context"])] if rows else []


def findings(ctx: Context, data: Sequence[Finding]) -> list[nodes.Node]:
    sect = _section("findings", _("Findings"))
    for category, english in _CATEGORY_TITLES.items():
        mine = [f for f in data if f.category == category]
        if not mine:
            continue
        title = _(english)
        sect += nodes.rubric(title, title)
        blist = nodes.bullet_list(classes=["repodoc-findings"])
        for f in mine:
            para = _para(classes=["repodoc-finding", f"repodoc-rule-{f.rule}"])
            para += nodes.literal(f.rule, f.rule, classes=["repodoc-rule"])
            para += nodes.Text(" — " + f.message)
            if f.details:
                para += nodes.Text(" (" + ", ".join(f.details) + ")")
            para += nodes.Text(" " + _("Evidence:") + " ")
            for i, line in enumerate(f.lines):
                if i:
                    para += nodes.Text(", ")
                para += ctx.line_link(line)
            para += nodes.Text(".")
            blist += nodes.list_item("", para)
        sect += blist
    return [sect]


def _case_rows(ctx: Context, path: str, cases: Sequence[TestCase]) -> nodes.table:
    rows = []
    for case in cases:
        link = ctx.page_link(
            PageKind.FILE, path, case.qualname, S.line_anchor(case.line), literal=True
        )
        command = _para(*_command(case.command)) if case.command else ""
        rows.append([_para(link), str(case.line), command])
    headers = [_("Test case"), _("Line"), _("Command")]
    return _table(headers, rows, classes=["repodoc-test-cases"])


def tests(ctx: Context, data: I.Tests) -> list[nodes.Node]:
    sect = _section("tests", _("Tests"))
    if data.command:
        run = _("Run this file:") + " "
        sect += _para(run, *_command(data.command), classes=["repodoc-run"])
    if data.files:
        sect += _para(_("It tests:"))
        blist = nodes.bullet_list(classes=["repodoc-tested-files"])
        for f in data.files:
            how = f.how.replace("imports it", _("imported here")).replace(
                "name pairs with it", _("name pairs with this file")
            )
            blist += nodes.list_item("", _para(ctx.file_link(f.path), f" ({how})"))
        sect += blist
    if data.cases:
        sect += _case_rows(ctx, ctx.page.path if ctx.page else "", data.cases)
    return [sect]


def tested_by(ctx: Context, data: Sequence[I.Tester]) -> list[nodes.Node]:
    sect = _section("tested-by", _("Tested by"))
    blist = nodes.bullet_list(classes=["repodoc-testers"])
    for t in data:
        para = _para(ctx.file_link(t.path), f" ({t.how})")
        if t.command:
            para += nodes.Text(" — " + _("run:") + " ")
            for part in _command(t.command):
                para += nodes.Text(part) if isinstance(part, str) else part
        item = nodes.list_item("", para)
        if t.cases:
            # the cases are those that name this file's code, not every case of the file
            which = ngettext(
                "The test case that names this file's code:",
                "The %(count)s test cases that name this file's code:",
                len(t.cases),
            ) % {"count": len(t.cases)}
            item += _para(which)
            item += _case_rows(ctx, t.path, t.cases)
        blist += item
    sect += blist
    return [sect]


def related(ctx: Context, data: I.Ranked) -> list[nodes.Node]:
    sect = _section("ranked", _("Most related files"))
    blist = nodes.bullet_list(classes=["repodoc-ranked"])
    for f in data.files:
        para = _para(ctx.file_link(f.path), f" ({f.language}) — ")
        para += nodes.emphasis(" · ".join(f.reasons), " · ".join(f.reasons))
        blist += nodes.list_item("", para)
    sect += blist
    if data.shallow:
        sect += _para(
            _(
                "The history comes from a shallow clone: co-change counts cover only the "
                "commits it holds."
            ),
            classes=["repodoc-shallow"],
        )
    return [sect]


def _importer_list(ctx: Context, rows: Sequence[tuple[str, int]]) -> nodes.bullet_list:
    blist = nodes.bullet_list()
    for path, count in rows:
        text = ngettext("%(count)s importer", "%(count)s importers", count) % {"count": count}
        blist += nodes.list_item("", _para(ctx.file_link(path), f" ({text})"))
    return blist


def _folder_list(ctx: Context, rows: Sequence[tuple[str, int]]) -> nodes.bullet_list:
    blist = nodes.bullet_list()
    for path, count in rows:
        text = ngettext("%(count)s import", "%(count)s imports", count) % {"count": count}
        blist += nodes.list_item("", _para(ctx.folder_link(path), f" ({text})"))
    return blist


def folder_insights(ctx: Context, data: I.FolderInsights) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    if data.component is not None:
        where = data.component or _("the repository root")
        para = _para(_("Component:") + " ")
        if data.description:
            para += nodes.strong(data.description, data.description)
            para += nodes.Text(" (")
            para += nodes.literal(where, where)
            para += nodes.Text(")")
        else:
            para += nodes.literal(where, where)
        out.append(rubric_block("component", _("Role"), para))
    if data.most_imported:
        out.append(
            rubric_block(
                "most-imported", _("Most imported"), _importer_list(ctx, data.most_imported)
            )
        )
    if data.entry_points:
        blist = nodes.bullet_list()
        for path in data.entry_points:
            blist += nodes.list_item("", _para(ctx.file_link(path)))
        out.append(rubric_block("entry-points", _("Entry points"), blist))
    if data.tests:
        blist = nodes.bullet_list()
        for t in data.tests:
            para = _para(ctx.file_link(t.path))
            if t.cases:
                cases = ngettext("%(count)s test case", "%(count)s test cases", t.cases)
                para += nodes.Text(" (" + cases % {"count": t.cases} + ")")
            if t.command:
                para += nodes.Text(" — " + _("run:") + " ")
                for part in _command(t.command):
                    para += nodes.Text(part) if isinstance(part, str) else part
            blist += nodes.list_item("", para)
        box = rubric_block("folder-tests", _("Tests"), blist)
        if data.more_tests:
            more = ngettext(
                "…and %(count)s more test file.", "…and %(count)s more test files.", data.more_tests
            )
            box += _para(more % {"count": f"{data.more_tests:,}"})
        out.append(box)
    if data.findings:
        blist = nodes.bullet_list()
        for r in data.findings:
            para = _para(nodes.literal(r.rule, r.rule), f" ({r.category}) " + _("in") + " ")
            for i, path in enumerate(r.files):
                if i:
                    para += nodes.Text(", ")
                para += ctx.file_link(path)
            if r.total > len(r.files):
                more = _("and %(count)s more") % {"count": f"{r.total - len(r.files):,}"}
                para += nodes.Text(" " + more)
            blist += nodes.list_item("", para)
        out.append(rubric_block("folder-findings", _("Findings"), blist))
    if data.depends_on:
        depends = _folder_list(ctx, data.depends_on)
        out.append(rubric_block("depends-on", _("Depends on"), depends))
    if data.used_by:
        out.append(rubric_block("used-by", _("Used by"), _folder_list(ctx, data.used_by)))
    return out


BUILDERS: dict[str, Callable[[Context, object], list[nodes.Node]]] = {
    "context": context,  # type: ignore[dict-item]
    "tests": tests,  # type: ignore[dict-item]
    "tested-by": tested_by,  # type: ignore[dict-item]
    "findings": findings,  # type: ignore[dict-item]
    "related": related,  # type: ignore[dict-item]
    "folder-insights": folder_insights,  # type: ignore[dict-item]
}
