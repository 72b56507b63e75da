"""Cross-referenced listings: names the model resolves are links in the HTML listing."""

from __future__ import annotations

import re

F = "repodoc/files"


def listing_line(html: str, line: int) -> str:
    """The HTML of one listing line (from its anchor to the next one)."""
    start = html.index(f'<span class="repodoc-code-line" id="L-{line}">')
    end = html.find(f'<span class="repodoc-code-line" id="L-{line + 1}">', start)
    return html[start : end if end != -1 else None]


def hrefs(fragment: str) -> list[str]:
    return re.findall(r'class="repodoc-xref" href="([^"]*)"', fragment)


def test_import_links_to_the_imported_file_and_name(basic_app):
    html = (basic_app.outdir / f"{F}/pkg/core.py.html").read_text()
    # 13: from . import util        14: from .util import helper
    assert hrefs(listing_line(html, 13)) == ["util.py.html"]
    assert hrefs(listing_line(html, 14)) == ["util.py.html", "util.py.html#L-4"]


def test_a_call_links_to_the_definition_line(basic_app):
    html = (basic_app.outdir / f"{F}/pkg/core.py.html").read_text()
    # 37:         return helper(self.name)
    assert hrefs(listing_line(html, 37)) == ["util.py.html#L-4"]
    # 55: def run(engine: Engine, ...): the definition links to its outline entry, the
    # annotation to the class's line in the same page
    assert hrefs(listing_line(html, 55)) == ["#outline-run", "#L-22"]
    # the definition's line carries the symbol's id: repo roles land on the code
    assert '<span id="run"></span>' in listing_line(html, 55)


def test_cross_file_links_across_folders(basic_app):
    html = (basic_app.outdir / f"{F}/tests/test_core.py.html").read_text()
    # 3: from pkg.core import Engine
    assert hrefs(listing_line(html, 3)) == ["../pkg/core.py.html", "../pkg/core.py.html#L-22"]
    # 7:     assert Engine("x").start()   (no type inference: .start is not linked)
    assert hrefs(listing_line(html, 7)) == ["../pkg/core.py.html#L-22"]


def test_other_builders_get_a_plain_listing(basic_app, tmp_path):
    from buildutil import build, copy_root

    app = build(copy_root("basic", tmp_path / "t"), "text")
    text = (app.outdir / f"{F}/pkg/core.py.txt").read_text()
    assert "return helper(self.name)" in text
