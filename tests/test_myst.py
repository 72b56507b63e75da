"""A Markdown-only project (``source_suffix = {".md": "markdown"}``) still reads the stubs."""

from __future__ import annotations

import pytest
from buildutil import Site, build, copy_root, links, warnings_of

F = "repodoc/files"


@pytest.fixture(scope="module")
def myst_app(tmp_path_factory):
    return build(copy_root("myst", tmp_path_factory.mktemp("myst")))


def test_builds_without_warnings(myst_app):
    assert warnings_of(myst_app) == []


def test_stubs_are_read(myst_app):
    state = myst_app.env.get_domain("repo").state
    assert set(state.plan.pages) <= set(myst_app.env.all_docs)
    site = Site(myst_app.outdir)
    for docname in state.plan.pages:
        assert site.exists(docname), docname
    outline = site.section(f"{F}/pkg/mod.py", "outline")
    assert {li.id for li in outline.find_all("li") if li.id} == {
        "outline-Thing",
        "outline-Thing.go",
    }


def test_landing_renders_in_markdown(myst_app):
    site = Site(myst_app.outdir)
    landing = site.tree("index").one(cls="repodoc-landing")
    assert landing.one("table", cls="repodoc-languages")
    assert "repodoc/folders/pkg/index.html" in {t for _, t in links(landing, "index")}
    assert myst_app.env.toctree_includes["index"] == ["repodoc/folders/index"]
    assert myst_app.env.get_domain("repo").landings == {"index": "."}


def test_roles_resolve_in_markdown(myst_app):
    found = dict(links(Site(myst_app.outdir).tree("index").find(cls="body"), "index"))
    assert found["pkg/mod.py::Thing"] == f"{F}/pkg/mod.py.html#Thing"
    assert found["pkg.mod.Thing.go"] == f"{F}/pkg/mod.py.html#Thing.go"


def test_python_docstrings_stay_rest_in_a_markdown_project(myst_app):
    """The stubs are reST whatever the project's source suffixes: the summary is rendered."""
    summary = Site(myst_app.outdir).section(f"{F}/pkg/mod.py", "summary")
    assert summary.one("em").text == "reST"
