"""Reference tables of the demo documentation, generated from the package itself.

Directives for reST pages (their cells are parsed as reST):

``.. repodoc-options::``
    Every ``repodoc_*`` option from :data:`sphinxcontrib_repodoc.config.OPTIONS`: type,
    default, rebuild scope and help. Each name is also a ``confval`` target.
``.. repodoc-warnings::``
    Every member of the ``Subtype`` enum (``sphinx_/logging.py``) with its description.
``.. repodoc-sections::``
    Every section builder of ``sphinx_/nodes.py``: the pages it applies to (file or folder,
    from ``pages/sections.py``), the built-in templates that use it, what it shows.
``.. repodoc-directives::``
    The ``repodoc`` directive and the domains' directives: arguments, options, content, read
    from the directive classes themselves.
``.. repodoc-roles::``
    Every role of the ``repo`` domain with the object types it finds and a live example.
``.. repodoc-findings::``
    Every finding rule of ``analysis/findings`` (id, category, languages, meaning).

Sections, directives (and their options) and roles need a sentence each, kept below: one
without it (or a sentence for one that no longer exists) is a warning, so a ``-W`` build
catches the gap.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib_repodoc.analysis.findings import RULES
from sphinxcontrib_repodoc.config import OPTIONS
from sphinxcontrib_repodoc.pages.fingerprint import sections_in
from sphinxcontrib_repodoc.pages.plan import BUILTIN_TEMPLATES, PageKind
from sphinxcontrib_repodoc.pages.sections import FILE_SECTIONS, FOLDER_SECTIONS
from sphinxcontrib_repodoc.pages.targets import ROLE_TYPES
from sphinxcontrib_repodoc.sphinx_.directives import LandingDirective
from sphinxcontrib_repodoc.sphinx_.logging import Subtype
from sphinxcontrib_repodoc.sphinx_.nodes import BUILDERS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SECTIONS: dict[str, str] = {
    "metadata": "Path, language, size and line count, purpose (with the reason), Python "
    "module name, counts of what the file defines, why it was not analysed; then the "
    "navigation line.",
    "navigation": "Links between the file's overview, keywords and related pages, and its folder.",
    "summary": "The module docstring (rendered as reST, safely) or a document's title and "
    "first paragraph.",
    "outline": "Every symbol (or heading), nested, with its signature, labels, line link and "
    "one-line summary; each is a ``repo`` target.",
    "dependencies": "Imports grouped as in this repository (linked), standard library, third "
    "party and unresolved, with their lines.",
    "listing": "The source with line numbers; line *N* has the anchor ``#L-N``.",
    "keywords": "A table of every name the file defines or imports, with kind, qualified "
    "name, line and detail.",
    "imports": "The repository files this file imports.",
    "importers": "The repository files that import this file.",
    "neighbours": "The other files of the same folder (at most 40, the nearest in name order).",
    "folder-summary": "The folder's summary (from its README or ``__init__.py``), file and "
    "line totals, a link up, and lines per language.",
    "contents": "Tables of the subfolders and files, with their sizes and summaries.",
    "toctree": "The hidden toctree of the subfolders, and of the files while the repository "
    "has at most ``repodoc_toctree_files`` files.",
    "diagram": "The file's import neighbourhood: what it imports and what imports it, one "
    "level, as Graphviz SVG (text without ``dot``).",
    "folder-diagram": "The dependencies between the folder's subfolders, as Graphviz SVG "
    "(text without ``dot``).",
    "folder-navigation": "Links between a folder's index (its files and subfolders) and its "
    "documentation page.",
    "examples": "Up to five real uses of the file's names, taken from tests, examples, docs and "
    "benchmarks: the line of code, linked.",
    "context": "The file's component (``repodoc_components``) and its last change from git "
    "(date and commit; author with ``repodoc_show_authors``).",
    "findings": "Findings by category: rule id, what it means, the names involved and the "
    "evidence lines (links into the listing).",
    "tests": "For a test file: the command running it, the files it tests (and why) and every "
    "test case with the command running just it.",
    "tested-by": "The test files testing this file (and why), the command running each, and "
    "the test cases whose names name this file's symbols.",
    "related": "The most related files, ranked, each with every reason: imports, importers, "
    "tests, co-change in git, same folder, same component.",
    "folder-insights": "The folder's component, most imported files, entry points, tests and "
    "how to run them, findings by rule, and the folders it depends on / that use it.",
}

DIRECTIVES: dict[str, tuple[str, str]] = {
    # directive: (its argument, in reST; what it does)
    "repodoc": (
        "a folder path relative to the repository root (none: the root)",
        "The landing of the repository or of one folder: summary, lines per language, "
        "subfolders and files, and the hidden toctree into the folder pages. Once per folder.",
    ),
    "repodoc:section": (
        "a section name (see the table below)",
        "One part of a generated page, for the page's file or folder; nothing when the "
        "section has nothing to say. Only in page templates.",
    ),
    "repo:currentfile": (
        "a file path relative to the repository root, or ``None``",
        "Gives the rest of a hand-written page the short-name scope of that file, like "
        "``py:currentmodule``; renders nothing.",
    ),
}

DIRECTIVE_OPTIONS: dict[tuple[str, str], str] = {
    # (directive, option): what the option does; none of the directives takes one today
}

ROLES: dict[str, tuple[str, str]] = {
    # role: (the name, in reST; a live example, or "" for the C-family types)
    "file": ("``PATH``", "sphinxcontrib_repodoc/scan.py"),
    "folder": ("folder path; the root is ``.``", "sphinxcontrib_repodoc/pages"),
    "mod": ("dotted Python module", "sphinxcontrib_repodoc.model"),
    "class": ("``PATH::Class``", "sphinxcontrib_repodoc/pages/plan.py::PagePlan"),
    "func": ("``PATH::function``", "sphinxcontrib_repodoc/scan.py::scan"),
    "meth": ("``PATH::Class.method``", "sphinxcontrib_repodoc/pages/plan.py::PagePlan.docname"),
    "prop": ("``PATH::Class.name``", "sphinxcontrib_repodoc/model.py::SourceFile.summary"),
    "attr": (
        "``PATH::Class.name`` (class-level)",
        "sphinxcontrib_repodoc/config.py::Option.rebuild",
    ),
    "data": ("``PATH::NAME`` (module level)", "sphinxcontrib_repodoc/config.py::OPTIONS"),
    "heading": ("``PATH::Heading text``", "README.md::Quick start"),
    "ns": ("``PATH::a::b`` (C-family)", ""),
    "macro": ("``PATH::NAME`` (C-family)", ""),
    "type": ("``PATH::a::Name`` (C-family)", ""),
    "test": ("``PATH::test`` or a pytest node id", "tests/unit/test_purpose.py::test_classify"),
    "obj": ("any of the above", "sphinxcontrib_repodoc/pages/plan.py::PageKind"),
}


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[nodes.Node]], widths: Sequence[int]
) -> nodes.table:
    table = nodes.table(classes=["longtable"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=w) for w in widths)
    head = nodes.thead()
    head += _row([nodes.paragraph(h, h) for h in headers])
    body = nodes.tbody()
    body.extend(_row(r) for r in rows)
    group += head
    group += body
    return table


def _row(cells: Sequence[nodes.Node | list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry.extend(cell if isinstance(cell, list) else [cell])
        row += entry
    return row


def _literal(text: str, ids: Sequence[str] = ()) -> nodes.paragraph:
    para = nodes.paragraph(ids=list(ids))
    para += nodes.literal(text, text)
    return para


def _type_name(types: tuple[type, ...]) -> str:
    if list in types:
        return "list of str"
    return " or ".join("None" if t is type(None) else t.__name__ for t in types)


def _default(value: Any) -> str:
    """The default as Python source, in an inline literal."""
    if isinstance(value, list | tuple | str):
        return f"``{json.dumps(list(value) if not isinstance(value, str) else value)}``"
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10_000:
        return f"``{value:_}``"
    return f"``{value!r}``"


def _check(kind: str, documented: set[str], actual: set[str], location: str) -> None:
    for name in sorted(actual - documented):
        logger.warning("%s %r is not documented in %s", kind, name, __name__, location=location)
    for name in sorted(documented - actual):
        logger.warning("%s %r no longer exists; drop its text", kind, name, location=location)


class OptionsDirective(SphinxDirective):
    """``.. repodoc-options::`` — the table of every option."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        std = self.env.get_domain("std")
        rows = []
        for option in OPTIONS:
            name = f"repodoc_{option.name}"
            node_id = f"confval-{name}"
            std.note_object("confval", name, node_id, location=self.get_location())  # type: ignore[attr-defined]
            rows.append(
                [
                    _literal(name, ids=[node_id]),
                    nodes.paragraph("", _type_name(option.types)),
                    self.parse_text_to_nodes(_default(option.default)),
                    nodes.paragraph("", option.rebuild),
                    self.parse_text_to_nodes(option.help),
                ]
            )
        headers = ("Option", "Type", "Default", "Rebuild", "What it does")
        return [_table(headers, rows, widths=(18, 9, 18, 7, 48))]


class WarningsDirective(SphinxDirective):
    """``.. repodoc-warnings::`` — every warning subtype and when it is emitted."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                _literal(f"repodoc.{member.value}", ids=[f"warning-{member.value}"]),
                self.parse_text_to_nodes(member.description),
            ]
            for member in Subtype
        ]
        return [_table(("Warning", "Emitted when"), rows, widths=(25, 75))]


class SectionsDirective(SphinxDirective):
    """``.. repodoc-sections::`` — every section a page template may use."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        _check("section", set(SECTIONS), set(BUILDERS), self.get_location())
        used: dict[str, list[str]] = {}
        for kind in PageKind:
            text = (BUILTIN_TEMPLATES / kind.template).read_text(encoding="utf-8")
            for name in sections_in(text):
                used.setdefault(name, []).append(kind.template.rpartition("/")[2])
        rows = []
        for name in BUILDERS:
            where = ", ".join(used.get(name, [])) or "(none)"
            rows.append(
                [
                    _literal(name, ids=[f"section-{name}"]),
                    nodes.paragraph("", _pages_of(name)),
                    nodes.paragraph("", where),
                    self.parse_text_to_nodes(SECTIONS.get(name, "")),
                ]
            )
        headers = ("Section", "On pages of", "In template", "Shows")
        return [_table(headers, rows, widths=(16, 10, 20, 54))]


def _pages_of(section: str) -> str:
    """Which pages a section applies to: the model function that computes its data says."""
    kinds = [k for k, table in (("files", FILE_SECTIONS), ("folders", FOLDER_SECTIONS))
             if section in table]  # fmt: skip
    return " and ".join(kinds) or "(none)"


class DirectivesDirective(SphinxDirective):
    """``.. repodoc-directives::`` — every directive: its argument, options and content."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        registered: dict[str, Any] = {"repodoc": LandingDirective}
        for domain_name in ("repodoc", "repo"):
            domain = self.env.get_domain(domain_name)
            for name, cls in domain.directives.items():
                registered[f"{domain_name}:{name}"] = cls
        _check("directive", set(DIRECTIVES), set(registered), self.get_location())
        options = {(d, o) for d, cls in registered.items() for o in (cls.option_spec or {})}
        _check("directive option", set(DIRECTIVE_OPTIONS), options, self.get_location())
        rows = []
        for name, cls in registered.items():
            argument, does = DIRECTIVES.get(name, ("", ""))
            if cls.required_arguments:
                argument = f"required: {argument}"
            elif cls.optional_arguments:
                argument = f"optional: {argument}"
            else:
                argument = "none"
            option_cells: list[nodes.Node] = [
                nodes.paragraph("", "", nodes.literal(f":{o}:", f":{o}:"), nodes.Text(" "),
                                *self.parse_inline(DIRECTIVE_OPTIONS.get((name, o), ""))[0])
                for o in sorted(cls.option_spec or {})
            ] or [nodes.paragraph("", "none")]  # fmt: skip
            rows.append(
                [
                    _literal(f".. {name}::", ids=[f"directive-{name.replace(':', '-')}"]),
                    self.parse_text_to_nodes(argument),
                    option_cells,
                    nodes.paragraph("", "yes" if cls.has_content else "none"),
                    self.parse_text_to_nodes(does),
                ]
            )
        headers = ("Directive", "Argument", "Options", "Content", "What it does")
        return [_table(headers, rows, widths=(17, 25, 10, 8, 40))]


class RolesDirective(SphinxDirective):
    """``.. repodoc-roles::`` — every role of the ``repo`` domain, with a live example."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        _check("role", set(ROLES), set(ROLE_TYPES), self.get_location())
        rows = []
        for role, types in ROLE_TYPES.items():
            form, example = ROLES.get(role, ("", ""))
            finds = "every type" if role == "obj" else ", ".join(types)
            if example:
                written = f":repo:{role}:`{example}`"
                inline, _messages = self.parse_inline(written)
                shown: list[nodes.Node] = [_literal(written), nodes.paragraph("", "", *inline)]
            else:
                shown = [nodes.paragraph("", "needs a C-family extractor (not yet available)")]
            rows.append(
                [
                    _literal(f":repo:{role}:"),
                    nodes.paragraph("", finds),
                    self.parse_text_to_nodes(form),
                    shown,
                ]
            )
        headers = ("Role", "Finds", "Name", "Example (and its rendering)")
        return [_table(headers, rows, widths=(12, 12, 26, 50))]


class FindingsDirective(SphinxDirective):
    """``.. repodoc-findings::`` — every finding rule of the registry, by category."""

    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                _literal(r.id, ids=[f"finding-{r.id}"]),
                nodes.paragraph("", r.category),
                nodes.paragraph("", ", ".join(sorted(lang.label for lang in r.languages))
                                if r.languages else "any text file"),
                nodes.paragraph("", r.explanation),
            ]
            for r in RULES.values()
        ]  # fmt: skip
        headers = ("Rule", "Category", "Languages", "What it means")
        return [_table(headers, rows, widths=(18, 12, 18, 52))]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("repodoc-findings", FindingsDirective)
    app.add_directive("repodoc-options", OptionsDirective)
    app.add_directive("repodoc-warnings", WarningsDirective)
    app.add_directive("repodoc-sections", SectionsDirective)
    app.add_directive("repodoc-directives", DirectivesDirective)
    app.add_directive("repodoc-roles", RolesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
