"""The builders other than HTML on ``tests/roots/test-basic`` (decisions: demo ``builders.rst``).

Each one succeeds without warnings of ours beyond the root's deliberate syntax error, and does
what was decided with the generated pages: books (LaTeX, Texinfo, EPUB) leave them out of the
document, linkcheck never probes their source-host links, gettext extracts none of their text,
text / singlehtml / dirhtml build them all.
"""

from __future__ import annotations

import json
import re

import pytest
from buildutil import build, copy_root, warnings_of

pytestmark = pytest.mark.sphinx

#: the one warning test-basic always gives (a deliberately broken Python file)
EXPECTED = re.compile(r"tests/broken\.py:1: WARNING: cannot parse")
#: EPUB3 asks for metadata test-basic does not set
EPUB_META = {"copyright": "2026, tests", "version": "1.0", "project": "basic"}
SOURCE_URL = "https://source.invalid/org/repo/blob/main/{path}#L{line}-L{end_line}"


def _build(tmp_path, builder: str, **overrides):
    src = copy_root("basic", tmp_path / "src")
    app = build(src, builder, confoverrides=overrides or None)
    unexpected = [w for w in warnings_of(app) if not EXPECTED.search(w)]
    assert unexpected == [], unexpected
    return app


def test_latex_leaves_generated_pages_out(tmp_path):
    app = _build(tmp_path, "latex", project="basic")
    tex = (app.outdir / "basic.tex").read_text(encoding="utf-8")
    # the landing (summary and tables) is there; no file or folder page is
    assert "repodoc-landing" in tex
    assert "9 files" in tex
    assert not re.search(r"\\(chapter|section|subsection)\{", tex)
    assert "class Engine" not in tex  # core.py's listing
    # references to left-out pages are plain text, never an undefined label
    assert (
        "detokenize{repodoc/"
        not in tex.split(r"\printindex")[0].split("\\begin{sphinxtheindex}")[0]
    )
    assert "pkg/core.py::Engine" in tex


def test_texinfo_leaves_generated_pages_out(tmp_path):
    app = _build(tmp_path, "texinfo", project="basic")
    (texi,) = app.outdir.glob("*.texi")
    text = texi.read_text(encoding="utf-8")
    assert "9 files" in text
    assert "class Engine" not in text


def test_epub_keeps_pages_out_of_reading_order(tmp_path):
    app = _build(tmp_path, "epub", **EPUB_META)
    opf = (app.outdir / "content.opf").read_text(encoding="utf-8")
    nav = (app.outdir / "nav.xhtml").read_text(encoding="utf-8")
    manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = re.findall(r'<itemref idref="([^"]+)"( linear="no")?', opf)
    generated = [
        (manifest[i], nonlinear) for i, nonlinear in spine if manifest[i].startswith("repodoc/")
    ]
    assert generated, "generated pages are still in the file, reached through links"
    assert all(nonlinear for _, nonlinear in generated), generated
    assert "repodoc/" not in nav
    assert (app.outdir / "index.xhtml").is_file()


def test_text_builds_every_page(tmp_path):
    app = _build(tmp_path, "text")
    core = app.outdir / "repodoc" / "files" / "pkg" / "core.py.txt"
    assert core.is_file()
    assert "class Engine" in core.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("builder", "page"),
    [("dirhtml", "repodoc/files/pkg/core.py/index.html"), ("singlehtml", "index.html")],
)
def test_other_html_builders_build_every_page(tmp_path, builder, page):
    app = _build(tmp_path, builder)
    html = (app.outdir / page).read_text(encoding="utf-8")
    assert 'id="L-1"' in html  # core.py's listing, with its line anchors
    assert "repodoc-listing" in html


def test_linkcheck_never_probes_generated_pages(tmp_path):
    """Offline: the generated pages are full of source-host links (one per symbol and line);
    none is checked, so the run needs no network for them."""
    app = _build(
        tmp_path,
        "linkcheck",
        repodoc_source_url=SOURCE_URL,
        linkcheck_timeout=1,
        linkcheck_retries=1,
    )
    assert any(re.fullmatch(r"\^repodoc/", p) for p in app.config.linkcheck_exclude_documents)
    html_app = build(tmp_path / "src", "html", confoverrides={"repodoc_source_url": SOURCE_URL})
    core = (html_app.outdir / "repodoc/files/pkg/core.py.html").read_text(encoding="utf-8")
    assert "https://source.invalid/org/repo/blob/main/pkg/core.py#L" in core
    output = (app.outdir / "output.json").read_text(encoding="utf-8")
    checked = [json.loads(line) for line in output.splitlines() if line.strip()]
    assert not [c for c in checked if "source.invalid" in c["uri"]], checked
    # links of generated pages (from docstrings, READMEs…) are reported as ignored, unprobed
    generated = [c for c in checked if c["filename"].startswith("repodoc/")]
    assert generated
    assert {c["status"] for c in generated} == {"ignored"}, generated


def test_gettext_extracts_no_generated_text(tmp_path):
    app = _build(tmp_path, "gettext")
    catalogs = {p.name: p.read_text(encoding="utf-8") for p in app.outdir.glob("*.pot")}
    assert "roles.pot" in catalogs  # the project's own pages are extracted
    for name, text in catalogs.items():
        assert ".repodoc:" not in text, name  # no message located in a generated page
        msgids = [m for m in re.findall(r'^msgid "(.*)"$', text, re.M) if m]
        assert "Engine" not in " ".join(msgids) or name != "repodoc.pot", name
    generated = catalogs.get("repodoc.pot", "")
    assert re.findall(r'^msgid "(.+)"$', generated, re.M) == []


def test_html_ships_the_stylesheet(basic_app):
    """``repodoc.css`` is copied and linked from every page; listing lines are wrapped so
    ``:target`` highlights the whole line."""
    out = basic_app.outdir
    css = (out / "_static" / "repodoc.css").read_text(encoding="utf-8")
    assert ".repodoc-code-line:target" in css and '[data-theme="dark"]' in css
    page = (out / "repodoc/files/pkg/core.py.html").read_text(encoding="utf-8")
    assert re.search(r'<link [^>]*href="(\.\./)+_static/repodoc\.css', page)
    assert '<span class="repodoc-code-line" id="L-1">' in page
    from sphinxcontrib_repodoc.sphinx_.builders import STATIC

    assert basic_app.config.html_static_path.count(str(STATIC)) == 1
