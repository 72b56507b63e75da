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
from buildutil import (
    ROOTS,
    Site,
    build,
    copy_root,
    link_targets,
    links,
    repodoc_warnings,
    warnings_of,
)

from sphinxcontrib_repodoc.pages.fingerprint import sections_in
from sphinxcontrib_repodoc.pages.plan import BUILTIN_TEMPLATES
from sphinxcontrib_repodoc.pages.sections import FILE_SECTIONS, FOLDER_SECTIONS

DEMO = ROOTS.parent.parent / "demo_project"
RECIPES = DEMO / "recipes" / "templates"
EXAMPLES = DEMO / "recipes" / "examples"
F = "repodoc/files"
ORDERS = f"{F}/src/shop/orders.py"
TEST_FILE = f"{F}/tests/test_orders.py"

TESTED = {"no-listing", "owners-note", "findings-first", "one-page-per-file",
          "folder-insights-on-index"}  # fmt: skip


def _project(tmp_path: Path) -> Path:
    """A copy of ``test-recipes`` whose ``docs/conf.py`` is the ``src/`` layout recipe's."""
    srcdir = copy_root("recipes", tmp_path / "project") / "docs"
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + (EXAMPLES / "src-layout/conf.py").read_text("utf-8"),
        encoding="utf-8",
    )
    return srcdir


def _build(tmp_path: Path, recipe: str | None = None):
    """``test-recipes`` built from its ``docs/`` folder, with a recipe's templates if given."""
    overrides = {"templates_path": [str(RECIPES / recipe)]} if recipe else {}
    return build(_project(tmp_path), confoverrides=overrides)


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


# -- the conf.py of every recipe ------------------------------------------------------------------


@pytest.mark.parametrize("conf", sorted(EXAMPLES.glob("*/conf.py")), ids=lambda p: p.parent.name)
def test_recipe_conf_sets_only_real_options(conf):
    """Every ``repodoc_*`` name a recipe sets is an option (a typo would be silently ignored
    by Sphinx), with a value of an accepted type."""
    from sphinxcontrib_repodoc.config import OPTIONS

    types = {f"repodoc_{o.name}": o.types for o in OPTIONS}
    namespace: dict[str, object] = {}
    exec(compile(conf.read_text(encoding="utf-8"), str(conf), "exec"), namespace)  # our own file
    written = {k: v for k, v in namespace.items() if k.startswith("repodoc_")}
    assert set(written) <= set(types), set(written) - set(types)
    for name, value in written.items():
        assert isinstance(value, types[name]), (name, value)
    assert "sphinxcontrib_repodoc" in namespace["extensions"]


# -- the src/ layout, with the built-in templates -----------------------------------------------


def test_src_layout_resolves_the_package_from_src(plain):
    """The default ``repodoc_python_paths`` (``["", "src"]``) makes ``src/shop`` the package
    ``shop``: module names, local imports from the tests, and dotted roles all agree."""
    assert warnings_of(plain) == []
    repo = plain.env.get_domain("repo").state.repo
    assert repo.file("src/shop/orders.py").module == "shop.orders"
    assert repo.file("tests/test_orders.py").module is not None
    # repodoc_include keeps the code, tests and packaging only
    assert sorted(f.path for f in repo.files) == [
        "pyproject.toml",
        "src/shop/__init__.py",
        "src/shop/orders.py",
        "tests/test_orders.py",
    ]
    site = Site(plain.outdir)
    deps = site.section(TEST_FILE, "dependencies")
    assert f"{ORDERS}.html" in {t.partition("#")[0] for t in link_targets(deps, TEST_FILE)}
    index = link_targets(site.tree("index").find(cls="body"), "index")
    assert f"{ORDERS}.html#Order" in index
    assert f"{TEST_FILE}.html#test_total" in index


SECTION_IDS = {name: f"repodoc-{name}" for name in (
    "summary", "findings", "tests", "tested-by", "outline", "examples", "dependencies",
    "diagram", "keywords", "imports", "importers", "neighbours",
)} | {"listing": "repodoc-source", "related": "repodoc-ranked"}  # fmt: skip


def test_section_ids_are_as_documented(plain):
    """``templates.rst`` tells which HTML id each file section has (for stylesheets and
    links): every one of them is found on the pages of this small project."""
    assert set(SECTION_IDS) <= set(FILE_SECTIONS)
    site = Site(plain.outdir)
    ids: set[str] = set()
    for f in plain.env.get_domain("repo").state.repo.files:
        for kind in ("files", "keywords", "related"):
            ids |= {e.id for e in site.tree(f"repodoc/{kind}/{f.path}").find_all("section")}
    assert set(SECTION_IDS.values()) <= ids, set(SECTION_IDS.values()) - ids
    shown = " ".join((DEMO / "templates.rst").read_text(encoding="utf-8").split())
    for name, ident in SECTION_IDS.items():
        if ident == f"repodoc-{name}":
            assert f"``{name}``" in shown, name
        else:
            assert f"``{name}`` (``{ident}``)" in shown, name


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
    srcdir = _project(tmp_path)
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


# -- the PyTorch-like monorepo recipe ------------------------------------------------------------

MONOREPO_CONF = EXAMPLES / "monorepo" / "conf.py"


@pytest.fixture(scope="module")
def monorepo(tmp_path_factory):
    """``test-monorepo`` built with the recipe's ``conf.py``, exactly as the docs show it."""
    root = copy_root("monorepo", tmp_path_factory.mktemp("monorepo"))
    # a generated copy of a header, as a C++ build leaves it (force-added: .gitignore has build/)
    assert (root / "build/aten/src/ATen/core/Tensor.h").is_file()
    conf = root / "docs" / "source" / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + MONOREPO_CONF.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return build(conf.parent)


def _commands(site: Site, page: str) -> set[str]:
    return {" ".join(c.text.split()) for c in site.tree(page).find_all(cls="repodoc-command")}


def test_monorepo_recipe_leaves_out_vendored_and_build_folders(monorepo):
    assert warnings_of(monorepo) == []
    paths = [f.path for f in monorepo.env.get_domain("repo").state.repo.files]
    assert "aten/src/ATen/core/Tensor.h" in paths
    assert not [p for p in paths if p.startswith(("third_party/", "build/", "docs/build/"))]


def test_monorepo_recipe_resolves_includes_and_python_names(monorepo):
    site = Site(monorepo.outdir)
    add = f"{F}/aten/src/ATen/native/cuda/Add.cu"
    deps = link_targets(site.section(add, "dependencies"), add)
    assert f"{F}/aten/src/ATen/core/Tensor.h.html" in {t.partition("#")[0] for t in deps}
    module = f"{F}/torch/csrc/api/src/nn/module.cpp"
    deps = {t.partition("#")[0] for t in link_targets(site.section(module, "dependencies"), module)}
    assert {
        f"{F}/torch/csrc/api/include/torch/nn/module.h.html",
        f"{F}/c10/util/Half.h.html",
    } <= deps
    index = link_targets(site.tree("index").find(cls="body"), "index")
    assert f"{F}/torch/nn/modules/linear.py.html#Linear" in index  # the re-export's definition
    assert f"{F}/aten/src/ATen/core/Tensor.h.html#at::Tensor" in index
    # the short name is not ambiguous: build/'s generated copy is left out (no warning either)
    short = dict(links(site.tree("index").find(cls="body"), "index"))["Tensor"]
    assert short == f"{F}/aten/src/ATen/core/Tensor.h.html#at::Tensor"
    repo = monorepo.env.get_domain("repo").state.repo
    assert repo.file("torch/nn/modules/linear.py").module == "torch.nn.modules.linear"


def test_monorepo_recipe_shows_components_and_test_commands(monorepo):
    site = Site(monorepo.outdir)
    context = site.tree(f"{F}/aten/src/ATen/core/Tensor.h").one(cls="repodoc-context")
    assert "ATen, the C++ tensor library" in context.text
    csrc = site.tree(f"{F}/torch/csrc/api/src/nn/module.cpp").one(cls="repodoc-context")
    assert "the C++ core and the Python bindings" in csrc.text  # the longest prefix wins
    assert "python test/run_test.py -i test_nn" in _commands(site, f"{F}/test/test_nn.py")
    gtest = _commands(site, f"{F}/aten/src/ATen/test/tensor_test.cpp")
    assert "build/bin/tensor_test --gtest_filter=TensorTest.Dim" in gtest


# -- the Markdown-only recipe (tests/test_myst.py covers such projects in depth) ---------------


def test_markdown_recipe_builds_its_own_pages(tmp_path):
    srcdir = _project(tmp_path)
    (srcdir / "index.rst").unlink()
    for name in ("conf.py", "index.md"):
        (srcdir / name).write_text(
            (EXAMPLES / "markdown" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    app = build(srcdir, confoverrides={"show_warning_types": True})
    assert warnings_of(app) == []
    site = Site(app.outdir)
    body = site.tree("index").find(cls="body")
    assert body.one(cls="repodoc-landing")
    found = dict(links(body, "index"))
    assert found["shop.orders.Order"] == f"{ORDERS}.html#Order"
    assert found["tests/test_orders.py"] == f"{TEST_FILE}.html"
    assert found["Order.total"] == f"{ORDERS}.html#Order.total"  # after repo:currentfile
    assert found["the loader"] == f"{ORDERS}.html#load_orders"


# -- the Read the Docs recipe --------------------------------------------------------------------


def test_readthedocs_recipe_matches_the_demo_build():
    """The recipe is the demo's own ``.readthedocs.yaml`` (which CI reproduces with
    ``tools/rtd_simulate.sh``) but for a user's project: same build image, Graphviz and
    ``fail_on_warning``, plus the full history."""
    yaml = pytest.importorskip("yaml")
    recipe = yaml.safe_load((EXAMPLES / "readthedocs/.readthedocs.yaml").read_text("utf-8"))
    demo = yaml.safe_load((DEMO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert recipe["version"] == demo["version"] == 2
    for key in ("os", "tools", "apt_packages"):
        assert recipe["build"][key] == demo["build"][key], key
    assert recipe["sphinx"]["fail_on_warning"] is True
    assert recipe["build"]["jobs"]["post_checkout"] == ["git fetch --unshallow || true"]
    requirement = (EXAMPLES / "readthedocs/requirements.txt").read_text(encoding="utf-8")
    assert "sphinxcontrib-repodoc[" in requirement
    extras = re.search(r"sphinxcontrib-repodoc\[([\w,]+)\]", requirement).group(1).split(",")
    pyproject = (ROOTS.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    for extra in extras:  # every extra the recipe names exists
        assert re.search(rf"^{extra} = \[", pyproject, re.MULTILINE), extra
