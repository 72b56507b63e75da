"""Stub templates overridden through the project's ``templates_path``."""

from __future__ import annotations

import pytest
from buildutil import ROOTS, Site, build, copy_root, repodoc_warnings, warnings_of

F = "repodoc/files"


@pytest.fixture(scope="module")
def templated(tmp_path_factory):
    return build(copy_root("templates", tmp_path_factory.mktemp("templates")))


def test_override_drops_the_listing_and_adds_text(templated):
    assert warnings_of(templated) == []
    site = Site(templated.outdir)
    repo = templated.env.get_domain("repo").state.repo
    for f in repo.files:
        page = f"{F}/{f.path}"
        body = site.tree(page).find(cls="body")
        assert site.section(page, "source") is None
        assert body.find(cls="repodoc-listing") is None
        assert site.section(page, "summary") is None  # dropped by the override too
        assert " ".join(body.text.split()).count(f"Custom overview of {f.path}.") == 1
        assert body.find("dl", cls="repodoc-metadata") is not None
    assert site.section(f"{F}/pkg/mod.py", "outline") is not None


def test_pages_without_override_keep_the_builtin_template(templated):
    site = Site(templated.outdir)
    assert site.section("repodoc/keywords/pkg/mod.py", "keywords") is not None
    assert "Custom overview" not in site.html("repodoc/keywords/pkg/mod.py")
    assert site.tree("repodoc/folders/pkg/index").find(cls="repodoc-files") is not None


def test_unknown_section_in_an_override_warns(tmp_path):
    srcdir = copy_root("templates", tmp_path / "src")
    (srcdir / "_templates/repodoc/related.rst").write_text(
        (ROOTS.parent.parent / "sphinxcontrib_repodoc/templates/repodoc/related.rst").read_text()
        + "\n.. repodoc:section:: no-such-section\n",
        encoding="utf-8",
    )
    app = build(srcdir)
    found = repodoc_warnings(app, "directive")
    repo = app.env.get_domain("repo").state.repo
    assert len(found) == len(repo.files)  # once per related page
    for f in repo.files:
        matching = [w for w in found if f"repodoc/related/{f.path}.repodoc" in w]
        assert len(matching) == 1, (f.path, found)
        assert "no-such-section" in matching[0]
    assert warnings_of(app) == found
    # the known sections of the same page still render
    site = Site(app.outdir)
    assert site.section("repodoc/related/pkg/mod.py", "neighbours") is not None
