"""The documentation's recipes, built for real.

The template recipes shown in ``demo_project/templates.rst`` are the files under
``demo_project/recipes/templates/<recipe>/``: each is built here as the ``templates_path`` of
``tests/roots/test-recipes`` (a ``src/`` layout project with ``docs/`` beside it, which is
itself the ``src/`` layout recipe), so the documentation cannot show a template that does not
do what it says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from buildutil import ROOTS, Site, build, copy_root, link_targets, repodoc_warnings, warnings_of

from sphinxcontrib_repodoc.pages.fingerprint import sections_in
from sphinxcontrib_repodoc.pages.plan import BUILTIN_TEMPLATES
from sphinxcontrib_repodoc.pages.sections import FILE_SECTIONS, FOLDER_SECTIONS

DEMO = ROOTS.parent.parent / "demo_project"
RECIPES = DEMO / "recipes" / "templates"
F = "repodoc/files"
ORDERS = f"{F}/src/shop/orders.py"
TEST_FILE = f"{F}/tests/test_orders.py"

TESTED = {"no-listing", "owners-note", "findings-first", "one-page-per-file",
          "folder-insights-on-index"}  # fmt: skip


def _build(tmp_path: Path, recipe: str | None = None):
    """``test-recipes`` built from its ``docs/`` folder, with a recipe's templates if given."""
    srcdir = copy_root("recipes", tmp_path / "project") / "docs"
    overrides = {"templates_path": [str(RECIPES / recipe)]} if recipe else {}
    return build(srcdir, confoverrides=overrides)


def _section_order(site: Site, page: str) -> list[str]:
    """The ids of our sections on a page, in document order."""
    return [
        e.id
        for e in site.tree(page).find(cls="body").iter()
        if e.tag == "section" and (e.id or "").startswith("repodoc-")
    ]


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("plain"))


# -- every recipe is tested and shown ------------------------------------------------------------


def test_every_recipe_has_a_test_and_is_shown_in_the_docs():
    assert {p.name for p in RECIPES.iterdir() if p.is_dir()} == TESTED
    shown = (DEMO / "templates.rst").read_text(encoding="utf-8")
    for recipe in TESTED:
        for template in (RECIPES / recipe / "repodoc").iterdir():
            assert f"recipes/templates/{recipe}/repodoc/{template.name}" in shown, template


@pytest.mark.parametrize("recipe", sorted(TESTED))
def test_recipe_uses_only_sections_of_its_page_kind(recipe):
    for template in (RECIPES / recipe / "repodoc").iterdir():
        names = sections_in(template.read_text(encoding="utf-8"))
        kind = FOLDER_SECTIONS if template.name in ("folder.rst", "about.rst") else FILE_SECTIONS
        assert names and set(names) <= set(kind), (template, names)
        assert (BUILTIN_TEMPLATES / "repodoc" / template.name).is_file()  # overrides a real one


# -- the src/ layout, with the built-in templates -----------------------------------------------


def test_src_layout_resolves_the_package_from_src(plain):
    """The default ``repodoc_python_paths`` (``["", "src"]``) makes ``src/shop`` the package
    ``shop``: module names, local imports from the tests, and dotted roles all agree."""
    assert warnings_of(plain) == []
    repo = plain.env.get_domain("repo").state.repo
    assert repo.file("src/shop/orders.py").module == "shop.orders"
    assert repo.file("tests/test_orders.py").module is not None
    site = Site(plain.outdir)
    deps = site.section(TEST_FILE, "dependencies")
    assert f"{ORDERS}.html" in {t.partition("#")[0] for t in link_targets(deps, TEST_FILE)}
    index = link_targets(site.tree("index").find(cls="body"), "index")
    assert f"{ORDERS}.html#Order" in index
    assert f"{TEST_FILE}.html#test_total" in index


def test_builtin_order_of_sections(plain):
    order = _section_order(Site(plain.outdir), ORDERS)
    assert order.index("repodoc-summary") < order.index("repodoc-findings")
    assert order.index("repodoc-outline") < order.index("repodoc-source") == len(order) - 1


# -- template recipes ----------------------------------------------------------------------------


def test_no_listing(tmp_path):
    app = _build(tmp_path, "no-listing")
    assert warnings_of(app) == []
    site = Site(app.outdir)
    for f in app.env.get_domain("repo").state.repo.files:
        page = f"{F}/{f.path}"
        assert site.section(page, "source") is None, page
        assert site.tree(page).find(cls="repodoc-listing") is None
        assert site.tree(page).find(cls="repodoc-metadata") is not None
    assert site.section(ORDERS, "outline") is not None
    assert site.section(ORDERS, "diagram") is not None
    # roles still reach the page (its symbol ids sat on the listing lines: see the recipe)
    index = link_targets(site.tree("index").find(cls="body"), "index")
    assert f"{ORDERS}.html#Order" in index


def test_owners_note_fills_in_the_path(tmp_path):
    app = _build(tmp_path, "owners-note")
    assert warnings_of(app) == []
    site = Site(app.outdir)
    for path in ("src/shop/orders.py", "tests/test_orders.py", "pyproject.toml"):
        body = site.tree(f"{F}/{path}").find(cls="body")
        notes = [d for d in body.find_all("div", cls="admonition") if "note" in d.classes]
        assert len(notes) == 1, path
        text = " ".join(notes[0].text.split())
        assert f"Questions about {path}? The owners of this path" in text
        hrefs = {a.attrs.get("href") for a in notes[0].find_all("a")}
        assert hrefs == {f"https://example.org/shop/issues/new?title={path}"}
        # the note sits between the metadata and the summary, as in the template
        html = site.html(f"{F}/{path}")
        assert html.index("repodoc-metadata") < html.index("Questions about")
        assert html.index("Questions about") < html.index('id="repodoc-source"')
    tests_body = site.tree(TEST_FILE).find(cls="body")
    assert "run it with pytest tests/test_orders.py" in " ".join(tests_body.text.split())
    assert "part of the test suite" not in site.html(ORDERS)


def test_findings_first_reorders_the_sections(tmp_path):
    app = _build(tmp_path, "findings-first")
    assert warnings_of(app) == []
    site = Site(app.outdir)
    order = _section_order(site, ORDERS)
    assert order[:2] == ["repodoc-findings", "repodoc-tested-by"], order
    assert order.index("repodoc-summary") < order.index("repodoc-outline")
    assert order.index("repodoc-dependencies") < order.index("repodoc-examples")
    assert order[-1] == "repodoc-source"
    test_order = _section_order(site, TEST_FILE)
    assert test_order.index("repodoc-tests") < test_order.index("repodoc-summary")


def test_one_page_per_file(tmp_path):
    app = _build(tmp_path, "one-page-per-file")
    assert warnings_of(app) == []
    site = Site(app.outdir)
    order = _section_order(site, ORDERS)
    assert "repodoc-diagram" not in order
    assert order.index("repodoc-outline") < order.index("repodoc-keywords")
    assert order.index("repodoc-dependencies") < order.index("repodoc-ranked")
    keywords = site.section(ORDERS, "keywords")
    assert {"Order", "load_orders", "pickle"} <= set(re.findall(r"\w+", keywords.text))
    ranked = site.section(ORDERS, "ranked")
    assert f"{TEST_FILE}.html" in {t.partition("#")[0] for t in link_targets(ranked, ORDERS)}
    # the keyword and related pages are still generated, with the built-in templates
    assert site.section("repodoc/keywords/src/shop/orders.py", "keywords") is not None


def test_folder_insights_on_the_folder_index(tmp_path):
    app = _build(tmp_path, "folder-insights-on-index")
    assert warnings_of(app) == []
    site = Site(app.outdir)
    index = site.tree("repodoc/folders/src/shop/index").find(cls="body")
    assert index.find(cls="repodoc-folder-findings") is not None  # pickle.load in orders.py
    assert index.find(cls="repodoc-files") is not None
    html = site.html("repodoc/folders/src/shop/index")
    assert html.index("repodoc-folder-findings") < html.index("repodoc-files")
    root = site.tree("repodoc/folders/index").find(cls="body")
    assert root.find(cls="repodoc-folder-tests") is not None
    # the folder documentation page keeps the built-in template
    about = site.tree("repodoc/about/src/shop/index").find(cls="body")
    assert about.find(cls="repodoc-folder-findings") is not None


# -- a section on the wrong kind of page ---------------------------------------------------------


def test_a_file_section_in_a_folder_template_warns(tmp_path):
    srcdir = copy_root("recipes", tmp_path / "project") / "docs"
    (srcdir / "_templates/repodoc").mkdir(parents=True)
    folder = (BUILTIN_TEMPLATES / "repodoc/folder.rst").read_text(encoding="utf-8")
    (srcdir / "_templates/repodoc/folder.rst").write_text(
        folder + "\n.. repodoc:section:: listing\n", encoding="utf-8"
    )
    app = build(srcdir, confoverrides={"templates_path": ["_templates"]})
    found = repodoc_warnings(app, "directive")
    repo = app.env.get_domain("repo").state.repo
    assert len(found) == len(repo.folders), found  # once per folder page
    assert all("'listing' does not apply to folder pages" in w for w in found)
    assert all("folder-summary" in w for w in found)  # names the sections that do apply
    assert warnings_of(app) == found
    assert Site(app.outdir).tree("repodoc/folders/src/shop/index").find(cls="repodoc-files")
