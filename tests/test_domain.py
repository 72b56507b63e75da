"""The ``repo`` domain: roles, name forms, the scope walk of short names, indices, search.

Roles are written with explicit titles (``tests/roots/test-basic/roles.rst``) so that each
link can be found by its text.
"""

from __future__ import annotations

import pytest
from buildutil import (
    Site,
    build,
    copy_root,
    links,
    read_searchindex,
    repodoc_warnings,
    searchindex_objects,
    warnings_of,
)

F = "repodoc/files"


def _links_by_text(site: Site, page: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for text, target in links(site.tree(page).find(cls="body"), page):
        assert found.get(text, target) == target, text
        found[text] = target
    return found


ROLE_TARGETS = {
    "file": f"{F}/pkg/util.py.html",
    "file-short": f"{F}/pkg/util.py.html",
    "folder": "repodoc/folders/pkg/sub/index.html",
    "folder-root": "repodoc/folders/index.html",
    "mod": f"{F}/pkg/core.py.html",
    "mod-package": f"{F}/pkg/__init__.py.html",
    "class": f"{F}/pkg/core.py.html#Engine",
    "class-dotted": f"{F}/pkg/core.py.html#Engine",
    "class-nested": f"{F}/pkg/core.py.html#Engine.Part",
    "class-short": f"{F}/pkg/sub/deep.py.html#Deep",
    "func": f"{F}/pkg/util.py.html#helper",
    "func-dotted": f"{F}/pkg/util.py.html#helper",
    "func-short": f"{F}/pkg/util.py.html#helper",
    "meth": f"{F}/pkg/core.py.html#Engine.start",
    "meth-dotted": f"{F}/pkg/core.py.html#Engine.start",
    "meth-short": f"{F}/pkg/core.py.html#Engine.start",
    "meth-nested": f"{F}/pkg/core.py.html#Engine.Part.spin",
    "prop": f"{F}/pkg/core.py.html#Engine.size",
    "attr": f"{F}/pkg/core.py.html#Engine.kind",
    "attr-instance": f"{F}/pkg/core.py.html#Engine.name",
    "data": f"{F}/pkg/core.py.html#LIMIT",
    "data-all": f"{F}/pkg/__init__.py.html#__all__",
    "heading": f"{F}/docs/guide.md.html#Installation",
    "heading-nested": f"{F}/docs/guide.md.html#Advanced",
    "test": f"{F}/tests/test_core.py.html#TestEngine.test_name",
    "test-nodeid": f"{F}/tests/test_core.py.html#TestEngine.test_name",
    "test-function": f"{F}/tests/test_core.py.html#test_engine_starts",
    "meth-nodeid": f"{F}/tests/test_core.py.html#TestEngine.test_name",
    "obj": f"{F}/pkg/core.py.html#Engine.Part.spin",
    "obj-file": f"{F}/pkg/core.py.html",
    "any": f"{F}/pkg/core.py.html#run",
    "any-dotted": f"{F}/pkg/core.py.html#Engine.size",
    "Engine": f"{F}/pkg/core.py.html#Engine",  # :repo:class:`~pkg.core.Engine`
}


@pytest.mark.parametrize("title", sorted(ROLE_TARGETS))
def test_role_resolves_to_page_and_anchor(basic_app, title):
    site = Site(basic_app.outdir)
    found = _links_by_text(site, "roles")
    assert found.get(title) == ROLE_TARGETS[title]
    page, _, anchor = ROLE_TARGETS[title].partition("#")
    if anchor:
        assert anchor in site.tree(page[: -len(".html")]).ids()


def test_every_role_in_the_page_resolved(basic_app):
    """No role of roles.rst fell back to plain text (and nothing warned)."""
    site = Site(basic_app.outdir)
    body = site.tree("roles").find(cls="body")
    xrefs = [c for c in body.find_all("code") if "xref" in c.classes]
    assert len(xrefs) == len(ROLE_TARGETS)
    assert all(c.parent.tag == "a" for c in xrefs)
    assert not any("roles.rst" in w for w in warnings_of(basic_app))


def test_role_kinds_are_enforced(basic_app):
    """A role finds only its own object types: a class role never finds a method."""
    targets = basic_app.env.get_domain("repo").state.targets
    assert targets.resolve("pkg/core.py::Engine.start", ("class",)).target is None
    assert targets.resolve("pkg/core.py::Engine.start", ("method",)).target.anchor == (
        "Engine.start"
    )
    # `start` as a function is the module-level one, as a method the Engine's
    assert targets.resolve("start", ("function",)).target.name == "pkg/util.py::start"
    assert targets.resolve("start", ("method",)).target.name == "pkg/core.py::Engine.start"


def test_one_object_per_name(basic_app):
    """The property's getter and setter are one object, anchored at the first definition."""
    targets = basic_app.env.get_domain("repo").state.targets
    found = [t for t in targets.objects() if t.name == "pkg/core.py::Engine.size"]
    assert [(t.objtype, t.anchor, t.line) for t in found] == [("property", "Engine.size", 40)]


def test_a_test_case_is_also_its_function(basic_app):
    targets = basic_app.env.get_domain("repo").state.targets
    found = sorted(
        (t.objtype, t.anchor)
        for t in targets.objects()
        if t.name == "tests/test_core.py::TestEngine.test_name"
    )
    assert found == [("method", "TestEngine.test_name"), ("test", "TestEngine.test_name")]


def test_reexported_name_resolves(basic_app):
    targets = basic_app.env.get_domain("repo").state.targets
    found = targets.resolve("pkg.Engine", ("class",)).target
    assert found is not None and found.name == "pkg/core.py::Engine"


def test_reexported_name_is_listed_once_on_the_definition(basic_app):
    html = (basic_app.outdir / f"{F}/pkg/core.py.html").read_text()
    assert html.count("also importable as") == 1
    assert (
        '<code class="repodoc-alias docutils literal notranslate"><span class="pre">pkg.Engine'
        in html
    )


# -- indices and search -------------------------------------------------------------------------


def test_domain_indices(basic_app):
    site = Site(basic_app.outdir)
    symbols = {t for _, t in links(site.tree("repo-symbols").find(cls="body"), "repo-symbols")}
    assert f"{F}/pkg/core.py.html#Engine" in symbols
    assert f"{F}/pkg/core.py.html#Engine.Part.spin" in symbols
    assert f"{F}/pkg/util.py.html#helper" in symbols
    files = {t for _, t in links(site.tree("repo-files").find(cls="body"), "repo-files")}
    repo = basic_app.env.get_domain("repo").state.repo
    assert {f"{F}/{f.path}.html" for f in repo.files} <= files


def test_objects_are_in_the_search_index(basic_app):
    objects = searchindex_objects(read_searchindex(basic_app.outdir))
    names = {(name, typ) for name, typ, _ in objects}
    assert ("pkg/core.py::Engine", "repo:class") in names
    assert ("pkg/core.py::Engine.start", "repo:method") in names
    assert ("pkg/core.py::Engine.size", "repo:property") in names
    assert ("pkg/util.py", "repo:file") in names
    assert ("pkg.core", "repo:module") in names
    assert ("docs/guide.md::Installation", "repo:heading") in names
    docs = {name: doc for name, _, doc in objects}
    assert docs["pkg/core.py::Engine"] == f"{F}/pkg/core.py"


# -- the scope walk of short names (tests/roots/test-scope) ------------------------------------


@pytest.fixture(scope="module")
def scope_app(tmp_path_factory):
    return build(copy_root("scope", tmp_path_factory.mktemp("scope")))


def test_short_names_resolve_by_scope_distance(scope_app):
    """From alpha/one.py's docstring: same file, then folder, then component, then anywhere."""
    site = Site(scope_app.outdir)
    page = f"{F}/alpha/one.py"
    summary = site.section(page, "summary")
    found = {
        text.removesuffix("()"): t for p in summary.find_all("p") for text, t in links(p, page)
    }
    assert found == {
        "shared": f"{page}.html#shared",
        "sibling": f"{F}/alpha/two.py.html#sibling",
        "cousin": f"{F}/alpha/inner/three.py.html#cousin",
        # two candidates as far away: the first by path
        "far": f"{F}/beta/four.py.html#far",
    }


def test_same_class_comes_first(scope_app):
    targets = scope_app.env.get_domain("repo").state.targets
    near = targets.resolve("run", ("method",), context_path="alpha/one.py", scope="Beta")
    assert near.target.name == "alpha/one.py::Beta.run"
    assert not near.ambiguous
    near = targets.resolve("run", ("method",), context_path="alpha/one.py", scope="Alpha")
    assert near.target.name == "alpha/one.py::Alpha.run"
    tied = targets.resolve("run", ("method",), context_path="alpha/one.py")
    assert tied.target.name == "alpha/one.py::Alpha.run"
    assert [t.name for t in tied.candidates] == [
        "alpha/one.py::Alpha.run",
        "alpha/one.py::Beta.run",
    ]


def test_ambiguous_short_name_links_first_and_warns_once(scope_app):
    found = _links_by_text(Site(scope_app.outdir), "index")
    assert found["ambiguous"] == f"{F}/alpha/inner/three.py.html#shared"
    assert found["unique"] == f"{F}/gamma/five.py.html#unique_name"
    ambiguous = repodoc_warnings(scope_app, "ambiguous")
    assert len(ambiguous) == 1
    assert "index.rst:6" in ambiguous[0]
    for candidate in (
        "alpha/inner/three.py::shared",
        "alpha/one.py::shared",
        "alpha/two.py::shared",
        "beta/four.py::shared",
    ):
        assert candidate in ambiguous[0]


def test_unknown_target_warns(scope_app):
    assert "missing" not in _links_by_text(Site(scope_app.outdir), "index")
    refs = repodoc_warnings(scope_app, "ref")
    assert len(refs) == 1
    assert "index.rst:8" in refs[0]
    assert "no_such_function" in refs[0]


def test_only_the_expected_warnings(scope_app):
    assert len(warnings_of(scope_app)) == 2  # the ambiguous name and the unknown one


def test_without_landing_pages_are_built_and_one_info_line_says_so(scope_app):
    status = scope_app.status.getvalue()
    assert status.count("no page holds the '.. repodoc::' directive") == 1
    assert (scope_app.outdir / "repodoc/folders/index.html").is_file()
    assert scope_app.env.get_domain("repo").landings == {}
