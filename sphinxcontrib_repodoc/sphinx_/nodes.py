"""Section data (:mod:`..pages.sections`) → docutils nodes.

One small builder per section; links to other generated pages are ``pending_xref`` nodes that
the ``repo`` domain resolves at write time, so a page never holds a stale URL.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from ..discover import read_text, text_digest
from ..pages import sections as S
from ..pages.plan import PageKind
from .deferred import LAZY, Lazy, defer, lazy
from .diagrams import graph_section
from .docstrings import render_docstring
from .domain import get_state, page_uri
from .listing import LexedListings, cut_at, cut_line, first_lines, lex, link_lines
from .locale import _, kind_label, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    from sphinx.util.docutils import SphinxDirective

    from ..model import Repository
    from ..pages.diagrams import Graph
    from ..pages.plan import Page, PagePlan
    from ..sourcelinks import SourceLinks


class listing_block(nodes.literal_block):
    """A source listing whose text lives in ``node["code"]``, not in a child Text node.

    Sphinx's search indexer collects every Text node (Sphinx 7.4 has no ``no-search`` class):
    keeping the code out of the tree keeps listings out of the search index, where symbols are
    found through the domain instead. HTML renders it with a line anchor on every line;
    other builders get a plain literal block (see :func:`plain_listings`).
    """


class source_link(nodes.Inline, nodes.Element):
    """A link to the source host, filled in when writing (see :func:`resolve_source_links`).

    The commit in the URL changes with every commit: resolving it at write time keeps pages
    from being re-read for it (they are only rewritten).
    """

    def __init__(
        self, path: str, line: int | None, end_line: int | None, text: str, separator: str
    ) -> None:
        super().__init__(
            "", path=path, line=line, end_line=end_line, text=text, separator=separator
        )


def resolve_source_links(doctree: nodes.Node, links: SourceLinks | None) -> None:
    """Each placeholder becomes its separator and an external link, or nothing."""
    for node in list(doctree.findall(source_link)):
        if links is None:
            node.parent.remove(node)
            continue
        url = links.url(node["path"], node["line"], node["end_line"])
        ref = nodes.reference(
            node["text"], node["text"], refuri=url, internal=False, classes=["repodoc-source-link"]
        )
        node.replace_self([nodes.Text(node["separator"]), ref])


def _verbatim(text: str) -> nodes.inline:
    """Text taken from the repository (summaries), shown as written.

    Sphinx's smart-quotes transform would turn ``--json`` into an en dash and the straight
    quotes of a code example into curly ones; it skips nodes flagged like this one.
    """
    return nodes.inline(text, text, support_smartquotes=False)


def listing_html(builder: Any, docname: str, node: listing_block) -> str:
    """HTML: highlighted code, an anchor per line (``#L-12``), resolved names as links."""
    lang = node.get("language", "default")
    state = builder.env.get_domain("repo").state
    targets: dict[tuple[int, str], str] = {}
    for line, name, path, anchor in node.get("links", ()):
        target = state.plan.docname(PageKind.FILE, path) if state else None
        if target is None:
            continue
        uri = "" if target == docname else builder.get_relative_uri(docname, target)
        targets[line, name] = uri + (f"#{anchor}" if anchor else "") if uri or anchor else "#"

    def link(line: int, name: str) -> str | None:
        return targets.get((line, name)) or targets.get((0, name))

    line_ids: dict[int, list[str]] = {}
    for line, anchor in node.get("line_ids", ()):
        line_ids.setdefault(line, []).append(anchor)
    key = node.get("lexed", "")
    cache = state.lexed if state else None
    lexed = cache.get(key) if cache and key else None
    if lexed is None:  # not read by an HTML builder, or its entry is gone
        lexed = lex(node["code"], lang)
        if cache and key:
            cache.put(key, lexed)
    tail = ""
    if node.get("cut"):
        path, first, last = node["cut"]
        links = state.links if state else None
        hidden = [i for line in sorted(line_ids) if line >= first for i in line_ids[line]]
        tail = cut_line(
            first,
            last,
            _cut_message(last - first + 1, links is not None),
            links.url(path) if links else None,
            hidden,
        )
    classes = " ".join([*node.get("classes", ()), f"highlight-{lang}", "notranslate"])
    return (
        f'<div class="{html.escape(classes)}">'
        + link_lines(node["code"], lexed, link, line_ids, tail)
        + "</div>\n"
    )


def _cut_message(count: int, linked: bool) -> str:
    message = ngettext(
        "%(count)s more line is not shown here (repodoc_listing_max_lines).",
        "%(count)s more lines are not shown here (repodoc_listing_max_lines).",
        count,
    ) % {"count": count}
    if not linked:
        return message
    return message + " " + _("The whole file is on its source host.")


def visit_listing_html(self: Any, node: listing_block) -> None:
    """HTML builders link a listing where the page is written; it was lexed where the page
    was read (:func:`listing`).

    With ``-j 2`` Sphinx writes in one worker process while the main process resolves the
    pages; the lexing, which made that worker the slower side of the writing phase, is done
    by the two readers instead.
    """
    self.body.append(listing_html(self.builder, self.builder.current_docname, node))
    raise nodes.SkipNode


def plain_listings(doctree: nodes.document) -> None:
    """For non-HTML builders: the listing becomes an ordinary literal block."""
    for node in list(doctree.findall(listing_block)):
        code = node["code"]
        if node.get("cut"):
            _path, first, last = node["cut"]
            code += "… " + _cut_message(last - first + 1, linked=False)
        plain = nodes.literal_block(code, code, language=node.get("language", "default"))
        # other builders have no line anchors: the symbols' targets point at the listing
        plain["ids"] = [anchor for _, anchor in node.get("line_ids", ())]
        node.replace_self(plain)


def page_xref(
    kind: PageKind, path: str, text: str, anchor: str = "", literal: bool = False
) -> addnodes.pending_xref:
    """A link to another generated page, resolved by the domain when writing."""
    inner: nodes.Node = nodes.literal(text, text) if literal else nodes.inline(text, text)
    return addnodes.pending_xref(
        "",
        inner,
        refdomain="repo",
        reftype="page",
        reftarget=path,
        refexplicit=True,
        refwarn=False,
        repodoc_kind=kind.value,
        repodoc_anchor=anchor,
    )


class Context:
    """What every section builder needs: the directive, the model, the page."""

    def __init__(
        self,
        directive: SphinxDirective,
        repo: Repository,
        plan: PagePlan,
        root: Path,
        page: Page | None,
        lexed: LexedListings | None = None,
    ) -> None:
        self.directive = directive
        self.repo = repo
        self.plan = plan
        self.root = root
        self.page = page
        self.lexed = lexed  #: where listings are lexed to (HTML builders)

    # -- links --------------------------------------------------------------------------

    def page_link(
        self, kind: PageKind, path: str, text: str, anchor: str = "", literal: bool = False
    ) -> addnodes.pending_xref:
        return page_xref(kind, path, text, anchor, literal)

    def file_link(self, path: str, text: str | None = None, anchor: str = "") -> nodes.Node:
        return self.page_link(PageKind.FILE, path, text or path, anchor, literal=True)

    def folder_link(self, path: str, text: str | None = None) -> nodes.Node:
        label = text or (self.repo.name if path == "." else path + "/")
        return self.page_link(PageKind.FOLDER, path, label, literal=True)

    def line_link(self, line: int, text: str | None = None) -> nodes.reference:
        return _line_link(line, text)


def _line_label(line: int) -> str:
    return _("line %(line)s") % {"line": line}


def _line_link(line: int, text: str | None = None) -> nodes.reference:
    """A link to a line of this page's listing."""
    label = text or _line_label(line)
    return nodes.reference(
        label, label, refid=S.line_anchor(line), internal=True, classes=["repodoc-line"]
    )


def _section(ident: str, title: str, *children: nodes.Node) -> nodes.section:
    sect = nodes.section(ids=[f"repodoc-{ident}"], classes=[f"repodoc-{ident}"])
    sect += nodes.title(title, title)
    for child in children:
        sect += child
    return sect


def _para(*parts: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def _field_list(
    rows: Sequence[tuple[str, Sequence[nodes.Node | str]]], classes: Sequence[str] = ()
) -> nodes.field_list:
    flist = nodes.field_list(classes=list(classes))
    for label, parts in rows:
        field = nodes.field()
        field += nodes.field_name(label, label)
        body = nodes.field_body()
        body += _para(*parts)
        field += body
        flist += field
    return flist


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[nodes.Node | str]],
    classes: Sequence[str] = (),
) -> nodes.table:
    table = nodes.table(classes=["repodoc-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in _widths(headers, rows):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return table


def _widths(headers: Sequence[str], rows: Sequence[Sequence[nodes.Node | str]]) -> list[int]:
    """Column widths from the content: HTML reads them as proportions, the text builder as
    characters, so they must be real widths (capped to keep text output readable)."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            text = cell if isinstance(cell, str) else cell.astext()
            widths[i] = max(widths[i], min(len(text), 60))
    return [max(w, 3) for w in widths]


def _row(cells: Sequence[nodes.Node | str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, nodes.paragraph):
            entry += cell
        elif cell != "":
            entry += _para(_verbatim(cell) if isinstance(cell, str) else cell)
        row += entry
    return row


_COUNTS: dict[str, Callable[[int], str]] = {
    "byte": lambda n: ngettext("%(count)s byte", "%(count)s bytes", n),
    "line": lambda n: ngettext("%(count)s line", "%(count)s lines", n),
    "file": lambda n: ngettext("%(count)s file", "%(count)s files", n),
    "module": lambda n: ngettext("%(count)s module", "%(count)s modules", n),
    "class": lambda n: ngettext("%(count)s class", "%(count)s classes", n),
    "function": lambda n: ngettext("%(count)s function", "%(count)s functions", n),
    "method": lambda n: ngettext("%(count)s method", "%(count)s methods", n),
    "property": lambda n: ngettext("%(count)s property", "%(count)s properties", n),
    "attribute": lambda n: ngettext("%(count)s attribute", "%(count)s attributes", n),
    "data": lambda n: ngettext("%(count)s data", "%(count)s data", n),
    "heading": lambda n: ngettext("%(count)s heading", "%(count)s headings", n),
    "namespace": lambda n: ngettext("%(count)s namespace", "%(count)s namespaces", n),
    "macro": lambda n: ngettext("%(count)s macro", "%(count)s macros", n),
    "type": lambda n: ngettext("%(count)s type", "%(count)s types", n),
    "test case": lambda n: ngettext("%(count)s test case", "%(count)s test cases", n),
}


def _plural(n: int, word: str) -> str:
    """``3 classes``, in the project's language (plural rules included)."""
    forms = _COUNTS.get(word)
    if forms is None:
        return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
    return forms(n) % {"count": f"{n:,}"}


def _human_size(size: int) -> str:
    if size < 1024:
        return _plural(size, "byte")
    for unit in ("KiB", "MiB", "GiB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "GiB":
            return f"{size_f:,.1f} {unit}"
        size = int(size_f)
    return f"{size} B"  # pragma: no cover


# -- file pages -------------------------------------------------------------------------------


def navigation(ctx: Context, path: str) -> list[nodes.Node]:
    """Links between the three pages of a file and its folder."""
    current = ctx.page.kind if ctx.page else None
    parts: list[nodes.Node | str] = []
    for kind, label in (
        (PageKind.FILE, _("Overview")),
        (PageKind.KEYWORDS, _("Keywords")),
        (PageKind.RELATED, _("Related files")),
    ):
        if parts:
            parts.append(" · ")
        if kind is current:
            parts.append(nodes.strong(label, label))
        else:
            parts.append(ctx.page_link(kind, path, label))
    source = ctx.repo.file(path)
    if source is not None:
        parts.extend([" · " + _("Folder") + " ", ctx.folder_link(source.folder)])
        parts.append(source_link(path, None, None, _("source on the host"), " · "))
    return [_para(*parts, classes=["repodoc-navigation"])]


def folder_navigation(ctx: Context, path: str) -> list[nodes.Node]:
    """Links between a folder's index (its files) and its documentation page."""
    current = ctx.page.kind if ctx.page else None
    parts: list[nodes.Node | str] = []
    for kind, label in (
        (PageKind.FOLDER, _("Files and folders")),
        (PageKind.ABOUT, _("Documentation")),
    ):
        if parts:
            parts.append(" · ")
        parts.append(
            nodes.strong(label, label) if kind is current else ctx.page_link(kind, path, label)
        )
    return [_para(*parts, classes=["repodoc-navigation"])]


def metadata(ctx: Context, data: S.Metadata) -> list[nodes.Node]:
    rows: list[tuple[str, list[nodes.Node | str]]] = [
        (_("Path"), [nodes.literal(data.path, data.path)]),
        (_("Language"), [data.language]),
        (
            _("Size"),
            [
                f"{_human_size(data.size)} · {_plural(data.lines, 'line')}"
                if data.lines
                else _human_size(data.size)
            ],
        ),
    ]
    if data.purpose_reason:
        rows.append(
            (_("Purpose"), [nodes.strong(data.purpose, data.purpose), f" — {data.purpose_reason}"])
        )
    if data.module:
        rows.append((_("Module"), [nodes.literal(data.module, data.module)]))
    if data.counts:
        rows.append((_("Defines"), [", ".join(_plural(n, k) for k, n in data.counts)]))
    if data.skipped:
        reason = {
            "too-large": _("larger than repodoc_max_file_bytes: metadata only"),
            "binary": _("binary file: no listing"),
            "unreadable": _("could not be read"),
        }.get(data.skipped, data.skipped)
        rows.append((_("Not analysed"), [reason]))
    if data.problem:
        rows.append((_("Not parsed"), [data.problem + " " + _("(listing only)")]))
    out: list[nodes.Node] = [_field_list(rows, classes=["repodoc-metadata"])]
    out.extend(navigation(ctx, data.path))
    return out


def summary(ctx: Context, data: S.Summary) -> list[nodes.Node]:
    path = ctx.page.path if ctx.page else ""
    if data.rst:
        body = render_docstring(data.text, ctx.directive, path=path, line=data.line)
    else:
        body = [
            _para(_verbatim(p.replace("\n", " "))) for p in data.text.split("\n\n") if p.strip()
        ]
    return [_section("summary", _("Summary"), *body)] if body else []


#: an outline block's data: the page's file (for its source links), and the entries
_Outline = tuple[str | None, tuple[S.OutlineEntry, ...]]


def outline(ctx: Context, data: Sequence[S.OutlineEntry]) -> list[nodes.Node]:
    """The outline: lazy, a large module has thousands of entries (and nodes per entry)."""
    block: _Outline = (ctx.page.path if ctx.page else None, tuple(data))
    text = " ".join(" ".join(_outline_words(data)).split())
    return [_section("outline", _("Outline"), lazy("outline", block, text=text))]


def _outline_nodes(data: _Outline) -> list[nodes.Node]:
    path, entries = data
    return [_outline_list(path, entries)]


def _outline_list(path: str | None, entries: Sequence[S.OutlineEntry]) -> nodes.bullet_list:
    blist = nodes.bullet_list(classes=["repodoc-outline"])
    for e in entries:
        item = nodes.list_item(ids=[S.outline_anchor(e.anchor)] if e.anchor else [])
        para = _para(classes=["repodoc-symbol"])
        kind = "test" if e.is_test else e.kind
        badge = kind_label(kind)
        para += nodes.inline(badge, badge, classes=["repodoc-kind", f"repodoc-kind-{kind}"])
        para += nodes.Text(" ")
        para += nodes.literal(e.name, e.name, classes=["repodoc-name"])
        if e.signature:
            para += nodes.literal(e.signature, e.signature, classes=["repodoc-signature"])
        labels = _shown_labels(e)
        if labels:
            para += nodes.inline(labels, labels, classes=["repodoc-labels"])
        para += nodes.Text(" — ")
        para += _line_link(e.line)
        if path is not None:
            para += source_link(path, e.line, e.end_line, _("source"), " · ")
        if e.summary:
            para += nodes.Text(": ")
            para += _verbatim(e.summary)
        if e.aliases:
            para += nodes.Text(_also_importable())
            for i, alias in enumerate(e.aliases):
                if i:
                    para += nodes.Text(", ")
                para += nodes.literal(alias, alias, classes=["repodoc-alias"])
        if e.counterparts:
            para += nodes.Text(_counterparts_lead(e))
            for i, (other, anchor) in enumerate(e.counterparts):
                if i:
                    para += nodes.Text(", ")
                para += page_xref(PageKind.FILE, other, other, anchor, literal=True)
        item += para
        if e.used_in:
            item += _used_in(e)
        if e.children:
            item += _outline_list(path, e.children)
        blist += item
    return blist


def _shown_labels(e: S.OutlineEntry) -> str:
    labels = [x for x in e.labels if x not in ("setter", "deleter")]
    return " [" + ", ".join(labels) + "]" if labels else ""


def _also_importable() -> str:
    return " · " + _("also importable as") + " "


def _counterparts_lead(e: S.OutlineEntry) -> str:
    """A header's declaration ↔ its source's definition."""
    where = _("defined in") if "declaration" in e.labels else _("declared in")
    return f" · {where} "


def _used_in(e: S.OutlineEntry) -> nodes.paragraph:
    """``used in a.py:12 (3×), b.py:40`` — each a link to the line of the first use."""
    para = _para(_("used in") + " ", classes=["repodoc-used-in"])
    for i, (path, line, count) in enumerate(e.used_in):
        if i:
            para += nodes.Text(", ")
        para += page_xref(PageKind.FILE, path, f"{path}:{line}", S.line_anchor(line), literal=True)
        if count > 1:
            para += nodes.Text(f" ({count}×)")
    if e.more_used:
        para += nodes.Text(_more_used(e))
    return para


def _more_used(e: S.OutlineEntry) -> str:
    more = ngettext("and %(count)s more file", "and %(count)s more files", e.more_used)
    return " " + more % {"count": f"{e.more_used:,}"}


def _outline_words(entries: Sequence[S.OutlineEntry]) -> Iterator[str]:
    """The outline's text, as :func:`_outline_nodes` would give it, for the search index."""
    for e in entries:
        kind = "test" if e.is_test else e.kind
        text = f"{kind_label(kind)} {e.name}{e.signature or ''}{_shown_labels(e)}"
        text += " — " + _line_label(e.line)
        if e.summary:
            text += ": " + e.summary
        if e.aliases:
            text += _also_importable() + ", ".join(e.aliases)
        if e.counterparts:
            text += _counterparts_lead(e) + ", ".join(other for other, _anchor in e.counterparts)
        yield text
        if e.used_in:
            uses = (
                f"{path}:{line}" + (f" ({count}×)" if count > 1 else "")
                for path, line, count in e.used_in
            )
            yield _("used in") + " " + ", ".join(uses) + (_more_used(e) if e.more_used else "")
        yield from _outline_words(e.children)


def _outline_html(self: Any, data: _Outline) -> str:
    """:func:`_outline_nodes` as Sphinx's HTML writer renders them, written directly: no
    node per name, link and span, no visitor call per node."""
    path, entries = data
    state = get_state(self.builder.env)
    out: list[str] = []
    _outline_list_html(self, state, path, entries, out, in_simple_list=self.compact_simple)
    return "".join(out)


def _outline_list_html(
    self: Any,
    state: Any,
    path: str | None,
    entries: Sequence[S.OutlineEntry],
    out: list[str],
    in_simple_list: bool,
) -> None:
    enc, att = self.encode, self.attval
    simple = _compact(self, not _any_used_in(entries))
    css = "repodoc-outline simple" if simple and not in_simple_list else "repodoc-outline"
    out.append(f'<ul class="{css}">\n')
    links = state.links if state else None
    for e in entries:
        out.append(f'<li id="{att(S.outline_anchor(e.anchor))}">' if e.anchor else "<li>")
        kind = "test" if e.is_test else e.kind
        out.append(
            f'<p class="repodoc-symbol"><span class="repodoc-kind repodoc-kind-{att(kind)}">'
            f"{enc(kind_label(kind))}</span> " + _code_html(enc(e.name), "repodoc-name ")
        )
        if e.signature:
            out.append(_code_html(enc(e.signature), "repodoc-signature "))
        labels = _shown_labels(e)
        if labels:
            out.append(f'<span class="repodoc-labels">{enc(labels)}</span>')
        out.append(
            f' — <a class="repodoc-line reference internal" href="#{att(S.line_anchor(e.line))}">'
            f"{enc(_line_label(e.line))}</a>"
        )
        if path is not None and links is not None:
            url = links.url(path, e.line, e.end_line)
            out.append(
                f' · <a class="repodoc-source-link reference external" href="{att(url) or "#"}">'
                f"{enc(_('source'))}</a>"
            )
        if e.summary:
            out.append(f": <span>{enc(e.summary)}</span>")
        if e.aliases:
            out.append(enc(_also_importable()))
            aliases = (_code_html(enc(alias), "repodoc-alias ") for alias in e.aliases)
            out.append(", ".join(aliases))
        if e.counterparts:
            out.append(enc(_counterparts_lead(e)))
            refs = (
                _file_link_html(self, other, enc(other), anchor) for other, anchor in e.counterparts
            )
            out.append(", ".join(refs))
        # docutils ends a list item's only paragraph without a newline
        out.append("</p>\n" if e.used_in or e.children else "</p>")
        if e.used_in:
            out.append(f'<p class="repodoc-used-in">{enc(_("used in"))} ')
            uses = []
            for other, line, count in e.used_in:
                link = _file_link_html(self, other, enc(f"{other}:{line}"), S.line_anchor(line))
                uses.append(link + (enc(f" ({count}×)") if count > 1 else ""))
            out.append(", ".join(uses))
            if e.more_used:
                out.append(enc(_more_used(e)))
            out.append("</p>\n")
        if e.children:
            _outline_list_html(self, state, path, e.children, out, in_simple_list=simple)
        out.append("</li>\n")
    out.append("</ul>\n")


def _compact(self: Any, simple_items: bool) -> bool:
    """Whether docutils' HTML writer makes a bullet list compact (its "simple" class): lists
    are compact unless ``html_compact_lists`` is off, when their items hold one paragraph
    each (besides a nested list)."""
    return bool(self.settings.compact_lists) and simple_items


def _any_used_in(entries: Sequence[S.OutlineEntry]) -> bool:
    return any(e.used_in or _any_used_in(e.children) for e in entries)


def _file_link_html(self: Any, path: str, encoded: str, anchor: str) -> str:
    """A file page link as the domain resolves it (:func:`page_xref`, ``literal=True``)."""
    code = _code_html(encoded)
    href = page_uri(self.builder, PageKind.FILE, path, anchor)
    if href is None:
        return code
    return f'<a class="reference internal" href="{self.attval(href) or "#"}">{code}</a>'


LAZY["outline"] = Lazy(html=_outline_html, nodes=_outline_nodes)


def examples(ctx: Context, data: Sequence[S.Example]) -> list[nodes.Node]:
    """Real uses of this file's names, taken from tests, examples and docs."""
    blist = nodes.bullet_list(classes=["repodoc-examples"])
    for ex in data:
        para = _para()
        name = nodes.literal(ex.qualname, ex.qualname)
        para += (
            nodes.reference("", "", name, refid=S.outline_anchor(ex.anchor), internal=True)
            if ex.anchor
            else name
        )
        para += nodes.Text(" " + _("in") + " ")
        para += ctx.file_link(ex.path, f"{ex.path}:{ex.line}", S.line_anchor(ex.line))
        item = nodes.list_item("", para)
        item += nodes.literal_block(
            ex.text, ex.text, language="default", classes=["repodoc-example"]
        )
        blist += item
    return [_section("examples", _("Usage examples"), defer([blist], searchable=True))]


def dependencies(ctx: Context, data: S.Dependencies) -> list[nodes.Node]:
    sect = _section("dependencies", _("Dependencies"))
    groups = (
        (_("In this repository"), data.local),
        (_("Standard library"), data.stdlib),
        (_("Third party"), data.third_party),
        (_("Unresolved"), data.unresolved),
    )
    blocks: list[nodes.Node] = []
    for title, deps in groups:
        if not deps:
            continue
        blocks.append(nodes.rubric(title, title))
        blist = nodes.bullet_list()
        for dep in deps:
            para = _para()
            if dep.target:
                para += ctx.file_link(dep.target, dep.module)
            else:
                para += nodes.literal(dep.module, dep.module)
            if dep.names:
                para += nodes.Text(": " + ", ".join(dep.names))
            para += nodes.Text(" (")
            for i, line in enumerate(dep.lines):
                if i:
                    para += nodes.Text(", ")
                para += ctx.line_link(line)
            para += nodes.Text(")")
            if dep.type_checking:
                only = " " + _("type checking only")
                para += nodes.emphasis(only, only)
            blist += nodes.list_item("", para)
        blocks.append(blist)
    sect += defer(blocks)
    return [sect]


def listing(ctx: Context, data: S.Listing) -> list[nodes.Node]:
    if data.skipped:
        reason = {
            "too-large": _("The file is larger than repodoc_max_file_bytes: no listing."),
            "binary": _("Binary file: no listing."),
        }.get(data.skipped) or _("The file could not be read: no listing.")
        return [_section("source", _("Source"), _para(reason))]
    source = ctx.repo.file(data.path)
    text, _problems = (
        read_text(ctx.root / data.path, data.path, source.language) if source else (None, [])
    )
    if text is None:
        unread = _("The file could not be read: no listing.")
        return [_section("source", _("Source"), _para(unread))]
    limit = ctx.directive.config.repodoc_listing_max_lines
    shown = first_lines(text, limit)
    block = listing_block(
        "",
        code=shown,
        language=data.lexer,
        links=[list(link) for link in data.links],
        line_ids=[list(anchor) for anchor in data.anchors],
        classes=["repodoc-listing"],
    )
    if shown is not text:  # the lines past repodoc_listing_max_lines are left out
        block["cut"] = [data.path, limit + 1, data.lines]
    cache = ctx.lexed
    if cache is not None and data.sha256 == text_digest(text):  # (not edited since the scan)
        key = cache.key(data.sha256, data.lexer, cut_at(data.lines, limit))
        if key and not cache.has(key):
            cache.put(key, lex(shown, data.lexer))
        block["lexed"] = key
    return [_section("source", _("Source"), block)]


def keywords(ctx: Context, data: Sequence[S.Keyword]) -> list[nodes.Node]:
    """The keyword table: lazy, it has a row per name (thousands in a large file)."""
    path = ctx.page.path if ctx.page else ""
    rows = [(k.name, k.kind, k.qualname, k.line, k.detail or "") for k in data]
    return [_section("keywords", _("Keywords"), lazy("keywords", (path, rows)))]


def _keyword_headers() -> list[str]:
    return [_("Name"), _("Kind"), _("Qualified name"), _("Line"), _("Detail")]


def _keyword_table(data: tuple[str, list[tuple[str, str, str, int, str]]]) -> list[nodes.Node]:
    path, rows = data
    cells = [
        [
            _para(page_xref(PageKind.FILE, path, name, S.line_anchor(line), literal=True)),
            kind_label(kind),
            _para(nodes.literal(qualname, qualname)),
            str(line),
            detail,
        ]
        for name, kind, qualname, line, detail in rows
    ]
    return [_table(_keyword_headers(), cells, classes=["repodoc-keywords"])]


_WORDS_AND_SPACES = re.compile(r"\S+| +|\n")


def _code_html(encoded: str, classes: str = "") -> str:
    """A ``literal`` as Sphinx's HTML writer renders it (words kept from wrapping);
    ``classes``, when given, are the node's own, each followed by a space."""
    out = []
    for token in _WORDS_AND_SPACES.findall(encoded):
        if token.strip():
            out.append(f'<span class="pre">{token}</span>')
        elif token in (" ", "\n"):
            out.append(token)
        else:
            out.append("&#160;" * (len(token) - 1) + " ")
    return f'<code class="{classes}docutils literal notranslate">' + "".join(out) + "</code>"


def _keyword_table_html(self: Any, data: tuple[str, list[tuple[str, str, str, int, str]]]) -> str:
    """The same table as :func:`_keyword_table` gives through the HTML writer, written
    directly: no node per cell, no visitor call per node."""
    path, rows = data
    enc = self.encode
    base = page_uri(self.builder, PageKind.FILE, path)
    out = ['<table class="repodoc-table repodoc-keywords docutils align-default">\n<thead>\n']
    out.append('<tr class="row-odd">')
    heads = (f'<th class="head"><p><span>{enc(h)}</span></p></th>' for h in _keyword_headers())
    out.append("\n".join(heads))
    out.append("\n</tr>\n</thead>\n<tbody>\n")
    for i, (name, kind, qualname, line, detail) in enumerate(rows):
        code = _code_html(enc(name))
        if base is not None:
            href = self.attval(f"{base}#{S.line_anchor(line)}")
            code = f'<a class="reference internal" href="{href}">{code}</a>'
        parity = "even" if i % 2 == 0 else "odd"
        detail_cell = f"<td><p><span>{enc(detail)}</span></p></td>" if detail else "<td></td>"
        out.append(
            f'<tr class="row-{parity}"><td><p>{code}</p></td>\n'
            f"<td><p><span>{enc(kind_label(kind))}</span></p></td>\n"
            f"<td><p>{_code_html(enc(qualname))}</p></td>\n"
            f"<td><p><span>{line}</span></p></td>\n"
            f"{detail_cell}\n</tr>\n"
        )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


LAZY["keywords"] = Lazy(html=_keyword_table_html, nodes=_keyword_table)


_Related = list[tuple[str, str, str, str]]  # (path, language, one-line summary, reason)


def _related_list(ctx: Context, files: Sequence[S.RelatedFile]) -> nodes.Node:
    """A lazy list of files: related pages show three of them, each up to hundreds long."""
    rows = [
        (
            f.path,
            f.language,
            S.one_line(f.summary) or "",
            f.reason if f.reason and f.reason != "same folder" else "",
        )
        for f in files
    ]
    return lazy("related", rows)


def _related_nodes(rows: _Related) -> list[nodes.Node]:
    blist = nodes.bullet_list(classes=["repodoc-related"])
    for path, language, text, reason in rows:
        para = _para(page_xref(PageKind.FILE, path, path, literal=True), f" ({language})")
        if text:
            para += nodes.Text(" — ")
            para += _verbatim(text)
        if reason:
            para += nodes.Text(" · ")
            para += nodes.emphasis(reason, reason)
        blist += nodes.list_item("", para)
    return [blist]


def _related_html(self: Any, rows: _Related) -> str:
    """:func:`_related_nodes` as the HTML writer renders it, written directly."""
    enc = self.encode
    simple = _compact(self, True) and not self.compact_simple
    out = ['<ul class="repodoc-related simple">\n' if simple else '<ul class="repodoc-related">\n']
    for path, language, text, reason in rows:
        code = _code_html(enc(path))
        uri = page_uri(self.builder, PageKind.FILE, path)
        if uri is not None:
            code = f'<a class="reference internal" href="{self.attval(uri) or "#"}">{code}</a>'
        out.append(f"<li><p>{code} ({enc(language)})")
        if text:
            out.append(f" — <span>{enc(text)}</span>")
        if reason:
            out.append(f" · <em>{enc(reason)}</em>")
        out.append("</p></li>\n")
    out.append("</ul>\n")
    return "".join(out)


LAZY["related"] = Lazy(html=_related_html, nodes=_related_nodes)


def imports(ctx: Context, data: Sequence[S.RelatedFile]) -> list[nodes.Node]:
    return [_section("imports", _("Imports"), _related_list(ctx, data))]


def importers(ctx: Context, data: Sequence[S.RelatedFile]) -> list[nodes.Node]:
    return [_section("importers", _("Imported by"), _related_list(ctx, data))]


def neighbours(ctx: Context, data: S.Neighbours) -> list[nodes.Node]:
    sect = _section("neighbours", _("Same folder"), _related_list(ctx, data.files))
    if data.more:
        more = _("…and %(count)s more in") % {"count": f"{data.more:,}"}
        sect += _para(more + " ", ctx.folder_link(data.folder), ".")
    return [sect]


# -- folder pages -----------------------------------------------------------------------------


def folder_summary(ctx: Context, data: S.FolderSummary) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    if data.summary:
        para = _para(_verbatim(data.summary))
        if data.summary_source:
            para += nodes.Text(" (" + _("from") + " ")
            para += ctx.file_link(data.summary_source, data.summary_source.rpartition("/")[2])
            para += nodes.Text(")")
        out.append(para)
    stats = f"{_plural(data.total_files, 'file')}, {_plural(data.total_lines, 'line')}"
    if data.path != ".":
        parent = data.path.rpartition("/")[0] or "."
        up = stats + " · " + _("in") + " "
        out.append(_para(up, ctx.folder_link(parent), classes=["repodoc-navigation"]))
    else:
        out.append(_para(stats, classes=["repodoc-navigation"]))
    if data.languages:
        rows = [[lang, f"{files:,}", f"{lines:,}"] for lang, files, lines in data.languages]
        headers = [_("Language"), _("Files"), _("Lines")]
        out.append(_table(headers, rows, classes=["repodoc-languages"]))
    return out


def rubric_block(ident: str, title: str, *children: nodes.Node) -> nodes.container:
    """A titled block that is not a document section (for landings inside user pages)."""
    box = nodes.container(classes=[f"repodoc-{ident}"])
    box += nodes.rubric(title, title)
    box.extend(children)
    return box


def contents(ctx: Context, data: S.Contents) -> list[nodes.Node]:
    """Tables of the subfolders and files of a folder (rubrics, not sections: folder pages
    would otherwise add two entries under every folder of the navigation tree)."""
    out: list[nodes.Node] = []
    if data.folders:
        rows = [
            [
                _para(ctx.folder_link(r.path, r.name + "/")),
                f"{r.files:,}",
                f"{r.lines:,}",
                S.one_line(r.summary) or "",
            ]
            for r in data.folders
        ]
        out.append(
            rubric_block(
                "folders",
                _("Folders"),
                defer(
                    [_table([_("Folder"), _("Files"), _("Lines"), _("Summary")], rows)],
                    searchable=True,
                ),
            )
        )
    if data.files:
        rows = [
            [
                _para(ctx.file_link(r.path, r.name)),
                r.language,
                f"{r.lines:,}",
                S.one_line(r.summary) or "",
            ]
            for r in data.files
        ]
        out.append(
            rubric_block(
                "files",
                _("Files"),
                defer(
                    [_table([_("File"), _("Language"), _("Lines"), _("Summary")], rows)],
                    searchable=True,
                ),
            )
        )
    return out


def toctree(ctx: Context, data: Sequence[tuple[str, str]]) -> list[nodes.Node]:
    docnames = []
    for kind, path in data:
        docname = ctx.plan.docname(PageKind(kind), path)
        if docname:
            docnames.append(docname)
    return [make_toctree(ctx.directive, docnames, hidden=True)]


def make_toctree(
    directive: SphinxDirective, docnames: Sequence[str], *, hidden: bool, maxdepth: int = -1
) -> nodes.compound:
    """A toctree node, as the ``toctree`` directive builds it."""
    tree = addnodes.toctree()
    tree["parent"] = directive.env.docname
    tree["entries"] = [(None, d) for d in docnames]
    tree["includefiles"] = list(docnames)
    tree["maxdepth"] = maxdepth
    tree["caption"] = None
    tree["glob"] = False
    tree["hidden"] = hidden
    tree["includehidden"] = False
    tree["numbered"] = 0
    tree["titlesonly"] = False
    directive.set_source_info(tree)
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += tree
    return wrapper


def diagram(ctx: Context, data: Graph) -> list[nodes.Node]:
    """A file's import neighbourhood or a folder's subfolder dependencies."""
    return [graph_section(data)]


BUILDERS: dict[str, Callable[[Context, object], list[nodes.Node]]] = {
    "metadata": metadata,  # type: ignore[dict-item]
    "navigation": navigation,  # type: ignore[dict-item]
    "summary": summary,  # type: ignore[dict-item]
    "outline": outline,  # type: ignore[dict-item]
    "dependencies": dependencies,  # type: ignore[dict-item]
    "listing": listing,  # type: ignore[dict-item]
    "keywords": keywords,  # type: ignore[dict-item]
    "imports": imports,  # type: ignore[dict-item]
    "importers": importers,  # type: ignore[dict-item]
    "neighbours": neighbours,  # type: ignore[dict-item]
    "folder-summary": folder_summary,  # type: ignore[dict-item]
    "contents": contents,  # type: ignore[dict-item]
    "toctree": toctree,  # type: ignore[dict-item]
    "diagram": diagram,  # type: ignore[dict-item]
    "examples": examples,  # type: ignore[dict-item]
    "folder-diagram": diagram,  # type: ignore[dict-item]
    "folder-navigation": folder_navigation,  # type: ignore[dict-item]
}

# the insight sections build on the helpers above (imported last: they import this module)
from .insights import BUILDERS as _INSIGHT_BUILDERS  # noqa: E402

BUILDERS.update(_INSIGHT_BUILDERS)
