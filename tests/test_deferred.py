"""Large blocks kept out of the doctree until written (``sphinx_/deferred.py``).

HTML renders them at write time; every other builder gets them back as ordinary nodes; the
search index gets the outline's words but not the keyword table's (the domain indexes names).
"""

from __future__ import annotations

import pytest
from buildutil import build, copy_root, read_searchindex, searchindex_objects

pytestmark = pytest.mark.sphinx

K = "repodoc/keywords/pkg/core.py"
F = "repodoc/files/pkg/core.py"
R = "repodoc/related/pkg/core.py"


def test_keyword_table_links_every_name_to_its_line(basic_app):
    html = (basic_app.outdir / f"{K}.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="repodoc-table repodoc-keywords') :]
    table = table[: table.index("</table>")]
    assert (
        '<a class="reference internal" href="../../files/pkg/core.py.html#L-35">'
        '<code class="docutils literal notranslate"><span class="pre">start</span></code></a>'
    ) in table
    assert '<span class="pre">Engine.start</span>' in table
    assert table.count("<tr ") == table.count("</tr>") > 5


def _docs_of(index, term: str) -> list[int]:
    where = index["terms"].get(term, [])
    return where if isinstance(where, list) else [where]


def test_search_indexes_the_outline_but_not_the_keyword_table(basic_app):
    index = read_searchindex(basic_app.outdir)
    overview, keywords = index["docnames"].index(F), index["docnames"].index(K)
    # "Runs jobs." is Engine's summary, in the overview's outline
    assert overview in _docs_of(index, "job")
    # names appear in the keyword table only: found through the domain's objects instead
    for term in ("start", "helper", "limit"):
        assert keywords not in _docs_of(index, term), term
    names = {full for full, _, _ in searchindex_objects(index)}
    assert {"pkg/core.py::Engine.start", "pkg/core.py::LIMIT"} <= names, sorted(names)


@pytest.mark.parametrize("builder", ["text", "pseudoxml"])
def test_other_builders_get_the_blocks_as_nodes(tmp_path, builder):
    app = build(copy_root("basic", tmp_path / "src"), builder)
    suffix = {"text": ".txt", "pseudoxml": ".pseudoxml"}[builder]
    keywords = (app.outdir / f"{K}{suffix}").read_text(encoding="utf-8")
    overview = (app.outdir / f"{F}{suffix}").read_text(encoding="utf-8")
    related = (app.outdir / f"{R}{suffix}").read_text(encoding="utf-8")
    assert "Engine.start" in keywords
    assert "Runs jobs." in overview  # the outline
    assert "pkg/util.py" in related
    for text in (keywords, overview, related):
        assert "deferred" not in text
    if builder == "pseudoxml":
        assert "<table" in keywords and "<pending_xref" not in keywords
        assert "<reference" in keywords  # the names still link to their lines


@pytest.mark.parametrize("theme", ["alabaster", "furo"])
def test_pages_outside_toctrees_share_their_folders_sidebar_toctree(tmp_path, monkeypatch, theme):
    """Keyword and related pages reuse one resolved global toctree per output folder, and the
    HTML is byte for byte what resolving it for each page gives."""
    pytest.importorskip(theme)
    from sphinx.builders.html import StandaloneHTMLBuilder

    from sphinxcontrib_repodoc.sphinx_ import events

    calls: list[str] = []
    real = StandaloneHTMLBuilder._get_local_toctree

    def counting(self, docname, *args, **kwargs):
        calls.append(docname)
        return real(self, docname, *args, **kwargs)

    monkeypatch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counting)
    overrides = {"html_theme": theme}
    shared = build(copy_root("basic", tmp_path / "shared"), confoverrides=overrides)
    shared_calls = [d for d in calls if d.startswith(("repodoc/keywords/", "repodoc/related/"))]
    calls.clear()
    monkeypatch.setattr(events, "share_orphan_toctree", lambda *args: None)
    each = build(copy_root("basic", tmp_path / "each"), confoverrides=overrides)
    each_calls = [d for d in calls if d.startswith(("repodoc/keywords/", "repodoc/related/"))]
    pages = [f"{K}.html", f"{R}.html", "repodoc/keywords/README.md.html"]
    for page in pages:
        assert (shared.outdir / page).read_bytes() == (each.outdir / page).read_bytes(), page
    folders = {d.rpartition("/")[0] for d in each_calls}
    assert len(each_calls) > len(shared_calls) >= len(folders) > 1


def _html_through_nodes(lazy_block):
    """A lazy block's HTML made the slow way: its nodes, resolved, through the HTML writer."""
    from docutils import nodes

    from sphinxcontrib_repodoc.sphinx_.deferred import resolve_payload
    from sphinxcontrib_repodoc.sphinx_.domain import get_state
    from sphinxcontrib_repodoc.sphinx_.nodes import resolve_source_links

    def html(translator, data):
        payload = nodes.Element()
        payload.extend(lazy_block.nodes(data))
        builder = translator.builder
        resolve_payload(builder, payload, builder.current_docname)
        state = get_state(builder.env)
        resolve_source_links(payload, state.links if state else None)
        start = len(translator.body)
        for child in payload.children:
            child.walkabout(translator)
        written = "".join(translator.body[start:])
        del translator.body[start:]
        return written

    return html


SOURCE_URL = {"repodoc_source_url": "https://example.org/r/blob/{commit}/{path}#L{line}"}

#: escaping, non-ASCII, and an entry with both uses elsewhere and members
TRICKY = {
    "tricky/box.py": (
        '"""Tricky <b>markup</b> & "quotes" in ünïcode."""\n\n\n'
        "class Box:\n"
        '    """Holds a <value> & more."""\n\n'
        '    def put(self, item: "list[int] | None" = None) -> None:\n'
        '        """Put \'it\' in the <box>."""\n\n'
        "    def take(self):\n"
        "        return 1\n"
    ),
    "tricky/use.py": "from tricky.box import Box\n\nBox().put()\n",
}


@pytest.mark.parametrize(
    ("root", "overrides", "feature"),
    [
        ("basic", {}, 'class="repodoc-used-in"'),
        ("navigation", SOURCE_URL, "repodoc-source-link reference external"),
        ("polyglot", {}, "declared in"),
        ("basic", {"html_compact_lists": False}, 'class="repodoc-used-in"'),
    ],
)
def test_lazy_blocks_write_the_html_their_nodes_would_give(
    tmp_path, monkeypatch, root, overrides, feature
):
    """Outlines, keyword tables and related lists are written as HTML directly; every page is
    byte for byte what their nodes give through Sphinx's HTML writer (nested and compact
    lists, uses in other files, aliases, declarations and definitions, source links)."""
    from sphinxcontrib_repodoc.sphinx_.deferred import LAZY, Lazy

    def source(name):
        src = copy_root(root, tmp_path / name)
        for path, text in TRICKY.items():  # every root documents its src/ folder
            (src / "src" / path).parent.mkdir(parents=True, exist_ok=True)
            (src / "src" / path).write_text(text, encoding="utf-8")
        return src

    direct = build(source("direct"), confoverrides=overrides)
    for kind, block in list(LAZY.items()):
        monkeypatch.setitem(LAZY, kind, Lazy(html=_html_through_nodes(block), nodes=block.nodes))
    slow = build(source("slow"), confoverrides=overrides)
    assert direct.statuscode == slow.statuscode == 0
    pages = sorted(p.relative_to(direct.outdir) for p in direct.outdir.rglob("*.html"))
    assert len(pages) > 10
    different = [
        str(p) for p in pages if (direct.outdir / p).read_bytes() != (slow.outdir / p).read_bytes()
    ]
    assert different == []
    html = "".join((direct.outdir / p).read_text(encoding="utf-8") for p in pages)
    assert '</p>\n<ul class="repodoc-outline' in html  # nested: a class's members
    assert feature in html
    assert "&lt;value&gt; &amp; more" in html and "ünïcode" in html


def test_the_outline_indexes_the_words_its_nodes_hold(basic_app):
    """The lazy outline's text for the search index is its nodes' text."""
    from sphinxcontrib_repodoc.sphinx_.deferred import LAZY, deferred

    doctree = basic_app.env.get_doctree(F)
    [block] = [n for n in doctree.findall(deferred) if n.get("lazy") == "outline"]
    words = " ".join(n.astext() for n in LAZY["outline"].nodes(block["data"]))
    assert block.astext() == " ".join(words.split())
    assert "Runs jobs." in block.astext()
