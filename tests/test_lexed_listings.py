"""Listings are lexed where their page is read, kept on disk, and linked where it is written.

The entries live in the doctree folder, named by the text's digest (the model's) and the
lexer; the HTML is the same whether a page finds its entry or lexes again.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from buildutil import build, copy_root, dangling_links, html_pages, make

from sphinxcontrib_repodoc.sphinx_ import listing

CORE = "repodoc/files/pkg/core.py.html"


def _entries(app: Any) -> dict[str, Path]:
    folder = Path(app.doctreedir) / "repodoc-listings"
    return {p.name: p for p in folder.rglob("*") if p.is_file()}


def _key(text: str, lexer: str) -> str:
    return f"{hashlib.sha256(text.encode()).hexdigest()}-{lexer}"


def _listing_html(app: Any, page: str = CORE) -> str:
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    start = html.index('<div class="repodoc-listing')
    return html[start : html.index("</pre></div>", start)]


# -- lexing and linking, the two halves of a listing ---------------------------------------------


LINKS = {(2, "helper"): "util.html#L-4", (0, "Engine"): "#L-1", (1, "<vector>"): "v.h.html"}


def _link(line: int, name: str) -> str | None:
    return LINKS.get((line, name)) or LINKS.get((0, name))


@pytest.mark.parametrize(
    ("code", "alias"),
    [
        ("class Engine:\n    x = helper()\n", "python"),
        ("#include <vector>\nint helper();\n", "cpp"),
        ("", "python"),
        ("no newline at the end", "text"),
        ("a\r\nb\rc\n\n", "python"),
    ],
)
def test_lexed_then_linked_is_one_listing(code, alias):
    lexed = listing.lex(code, alias)
    once = listing.render(code, alias, _link, {1: ["engine"]})
    assert listing.link_lines(code, lexed, _link, {1: ["engine"]}) == once
    # a line anchor per line of the text (Pygments reads ``\r\n`` and ``\r`` as ``\n``)
    text = code.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    assert once.count('class="repodoc-code-line"') == lines


def test_links_are_added_to_names_only_when_written():
    lexed = listing.lex("x = helper(Engine)\n", "python")
    assert "href" not in lexed
    html = listing.link_lines("x = helper(Engine)\n", lexed, lambda line, name: f"#{name}")
    assert '<a class="repodoc-xref" href="#helper"><span class="n">helper</span></a>' in html
    assert '<a class="repodoc-xref" href="#Engine"><span class="n">Engine</span></a>' in html


def test_the_source_cannot_forge_a_link_mark():
    """A mark is ``<R cls>text</R>``; the source's ``<`` is always escaped."""
    code = 's = "<R n>helper</R>"  # <R n>Engine</R>\n'
    html = listing.render(
        code, "python", lambda line, name: "#" if name in {"helper", "Engine"} else None
    )
    assert "repodoc-xref" not in html
    assert "&lt;R n&gt;helper&lt;/R&gt;" in html


# -- in a build --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = copy_root("basic", tmp_path_factory.mktemp("lexed") / "basic")
    app = make(srcdir)
    after_reading: dict[str, Path] = {}

    def note_entries(app: Any, env: Any) -> None:
        after_reading.update(_entries(app))

    app.connect("env-updated", note_entries)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, after_reading


def test_listings_are_lexed_when_their_pages_are_read(built):
    app, after_reading = built
    repo = app.env.get_domain("repo").state.repo
    expected = {f"{f.sha256}-{f.lexer}" for f in repo.files if not f.skipped}
    assert expected and set(after_reading) == expected  # before any page is written
    core = (app.srcdir / "src/pkg/core.py").read_text(encoding="utf-8")
    assert _key(core, "python") in after_reading


def test_a_missing_entry_is_lexed_again_with_the_same_html(built, tmp_path):
    app, _ = built
    first = _listing_html(app)
    srcdir = copy_root("basic", tmp_path / "again")
    again = make(srcdir)
    # the entries vanish between reading and writing: the writer lexes and stores them

    def remove_entries(app: Any, env: Any) -> None:
        for entry in _entries(app).values():
            entry.unlink()

    again.connect("env-updated", remove_entries)
    try:
        again.build()
    finally:
        again.cleanup()
    assert _listing_html(again) == first
    assert set(_entries(again)) >= {_key((srcdir / "src/pkg/core.py").read_text(), "python")}


def test_a_file_edited_after_the_scan_is_not_stored_under_the_old_digest(tmp_path):
    srcdir = copy_root("basic", tmp_path / "edited")
    core = srcdir / "src/pkg/core.py"
    app = make(srcdir)

    def edit(app: Any, docname: str, source: list[str]) -> None:
        if docname == "repodoc/files/pkg/core.py":
            core.write_text(core.read_text() + "LATE_EDIT = 1\n")

    app.connect("source-read", edit)
    try:
        app.build()
    finally:
        app.cleanup()
    scanned = app.env.get_domain("repo").state.repo.file("pkg/core.py")
    assert f"{scanned.sha256}-python" not in _entries(app)
    assert "LATE_EDIT" in _listing_html(app)


def test_entries_of_files_gone_are_pruned(tmp_path):
    srcdir = copy_root("basic", tmp_path / "pruned")
    first = build(srcdir)
    util = (srcdir / "src/pkg/util.py").read_text()
    assert _key(util, "python") in _entries(first)
    stale = Path(first.doctreedir) / "repodoc-listings" / "pygments-0.0-1"
    stale.mkdir()
    (stale / "old").write_text("x")
    (srcdir / "src/pkg/util.py").write_text(util + "# edited\n")
    second = build(srcdir)
    entries = _entries(second)
    assert _key(util, "python") not in entries
    assert _key(util + "# edited\n", "python") in entries
    assert not stale.exists()


def test_other_builders_lex_nothing_while_reading(tmp_path):
    app = build(copy_root("basic", tmp_path / "text"), "text")
    assert _entries(app) == {}


# -- repodoc_listing_max_lines -----------------------------------------------------------------


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    srcdir = copy_root("basic", tmp_path_factory.mktemp("capped") / "basic")
    return build(
        srcdir,
        confoverrides={
            "repodoc_listing_max_lines": 10,
            "repodoc_source_url": "https://example.org/blob/{commit}/{path}#L{line}",
        },
    )


def _code_lines(listing_html: str) -> list[str]:
    return re.findall(r'<span class="repodoc-code-line[^"]*" id="(L-\d+)"', listing_html)


def test_a_capped_listing_shows_its_first_lines_and_says_what_is_left_out(capped):
    html = _listing_html(capped)
    total = len((capped.srcdir / "src/pkg/core.py").read_text().splitlines())
    assert _code_lines(html) == [f"L-{n}" for n in range(1, 12)]
    cut = html[html.index('class="repodoc-code-line repodoc-listing-cut" id="L-11"') :]
    assert f"{total - 10} more lines are not shown here" in cut
    assert 'href="https://example.org/blob/main/pkg/core.py"' in cut
    # only the first ten lines are shown (line 9 imports TYPE_CHECKING, line 11 requests)
    assert "TYPE_CHECKING" in html and "requests" not in html
    # a file within the limit is whole
    assert _code_lines(_listing_html(capped, "repodoc/files/pkg/util.py.html"))[-1] == "L-10"


def test_links_to_lines_past_the_cut_land_on_the_cut_line(capped):
    page = (capped.outdir / CORE).read_text(encoding="utf-8")
    start = page.index("repodoc-listing-cut")
    cut = page[start : page.index("</pre>", start)]
    total = len((capped.srcdir / "src/pkg/core.py").read_text().splitlines())
    for line in range(12, total + 1):
        assert f'<span id="L-{line}"></span>' in cut
    assert '<span id="run"></span>' in cut  # ``def run`` is on line 55
    pages = html_pages(capped.outdir, "repodoc")
    assert dangling_links(capped.outdir, pages) == []


def test_other_builders_get_the_capped_listing_and_the_count(tmp_path):
    srcdir = copy_root("basic", tmp_path / "text")
    app = build(srcdir, "text", confoverrides={"repodoc_listing_max_lines": 10})
    text = (app.outdir / "repodoc/files/pkg/core.py.txt").read_text(encoding="utf-8")
    total = len((srcdir / "src/pkg/core.py").read_text().splitlines())
    assert f"… {total - 10} more lines are not shown here (repodoc_listing_max_lines)." in text
    assert "return helper(self.name)" not in text  # line 37
