"""Navigation on hand-written pages: preferences, the current file, the py bridge."""

from __future__ import annotations

import pytest

from buildutil import warnings_of

ROOT = "navigation"
F = "repodoc/files"


def hrefs(app) -> str:
    return (app.outdir / "index.html").read_text()


def paragraph(html: str, start: str) -> str:
    at = html.index(start)
    return html[at : html.index("</p>", at)]


@pytest.mark.sphinx("html", testroot=ROOT)
def test_prefer_currentfile_and_bridge(app):
    app.build()
    html = hrefs(app)
    assert warnings_of(app) == []
    # two functions named run, equally far from a page with no file: repodoc_prefer decides
    assert f'href="{F}/other/b.py.html#run"' in paragraph(html, "Preferred:")
    bridge = paragraph(html, "Bridge:")
    assert f'href="{F}/pkg/a.py.html#run"' in bridge
    assert f'href="{F}/pkg/a.py.html#Thing"' in bridge  # through the re-export pkg.Thing
    assert f'href="{F}/pkg/a.py.html"' in bridge
    assert "nowhere.at.all" in bridge and bridge.count("href=") == 3
    # after repo:currentfile, the same file is nearer than any preference
    scoped = paragraph(html, "Scoped:")
    assert f'href="{F}/pkg/a.py.html#run"' in scoped
    assert f'href="{F}/pkg/a.py.html#Thing"' in scoped


@pytest.mark.sphinx(
    "html", testroot=ROOT, confoverrides={"repodoc_python_bridge": False, "repodoc_prefer": []}
)
def test_bridge_off_and_no_preference(app):
    app.build()
    html = hrefs(app)
    assert "href=" not in paragraph(html, "Bridge:")
    warnings = [w for w in warnings_of(app) if "repodoc.ambiguous" in w]
    assert len(warnings) == 1
    assert "other/b.py::run" in warnings[0] and "pkg/a.py::run" in warnings[0]


@pytest.mark.sphinx("html", testroot=ROOT)
def test_currentfile_names_a_known_file(app):
    (app.srcdir / "extra.rst").write_text(
        ":orphan:\n\nExtra\n=====\n\n.. repo:currentfile:: pkg/missing.py\n"
    )
    app.build()
    found = [w for w in warnings_of(app) if "repodoc.directive" in w]
    assert len(found) == 1 and "pkg/missing.py" in found[0] and "extra.rst" in found[0]
