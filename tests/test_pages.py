"""Every kind of generated page, on one shared build of ``tests/roots/test-basic``.

The expectations come from the sources of the root (read here) and from the model, never
from theme layout: ids, our ``repodoc-*`` classes, link targets and texts.
"""

from __future__ import annotations

import pytest
from buildutil import (
    ROOTS,
    El,
    Site,
    dangling_links,
    html_pages,
    link_targets,
    links,
    read_searchindex,
    repodoc_warnings,
    searchindex_objects,
    warnings_of,
)

SRC = ROOTS / "test-basic" / "src"
FILES = "repodoc/files"
CORE = f"{FILES}/pkg/core.py"


@pytest.fixture(scope="module")
def site(basic_app) -> Site:
    return Site(basic_app.outdir)


@pytest.fixture(scope="module")
def repo(basic_app):
    return basic_app.env.get_domain("repo").state.repo


def _rubric_lists(section: El) -> dict[str, El]:
    """Rubric title → the list that follows it, inside one section."""
    out: dict[str, El] = {}
    title = None
    for child in section.elements:
        if "rubric" in child.classes:
            title = child.text.strip()
        elif child.tag == "ul" and title is not None:
            out[title] = child
            title = None
    return out


def _top_items(ul: El) -> list[El]:
    return [li for li in ul.elements if li.tag == "li"]


def _field_list(el: El) -> dict[str, str]:
    """``<dl class="repodoc-metadata">`` → {label: value text}."""
    dl = el.one("dl", cls="repodoc-metadata")
    out, label = {}, None
    for child in dl.elements:
        if child.tag == "dt":
            label = child.text.replace(":", "").strip()
        elif child.tag == "dd" and label:
            out[label] = " ".join(child.text.split())
    return out


# -- every planned page exists, and links nowhere dead -------------------------------------------


def test_every_planned_page_is_built(basic_app, repo):
    state = basic_app.env.get_domain("repo").state
    assert len(state.plan.pages) == 3 * len(repo.files) + 2 * len(repo.folders)
    generated = set(html_pages(basic_app.outdir, "repodoc"))
    assert generated == set(state.plan.pages)
    # one overview, keyword and related page per file; an index and a documentation page per
    # folder
    for f in repo.files:
        for kind in ("files", "keywords", "related"):
            assert f"repodoc/{kind}/{f.path}" in generated
    assert {f.path for f in repo.files} == {
        p.relative_to(SRC).as_posix() for p in SRC.rglob("*") if p.is_file()
    }


def test_no_dangling_internal_links(basic_app):
    pages = [*html_pages(basic_app.outdir, "repodoc"), "index", "roles"]
    assert dangling_links(basic_app.outdir, pages) == []


def test_build_warns_only_about_the_broken_file(basic_app):
    assert warnings_of(basic_app) == [
        "tests/broken.py:1: WARNING: cannot parse: invalid syntax [repodoc.syntax]"
    ]


# -- overview page --------------------------------------------------------------------------------


def test_overview_metadata(site, repo):
    source = repo.file("pkg/core.py")
    raw = (SRC / "pkg/core.py").read_bytes()
    assert source.size == len(raw)
    assert source.lines == raw.count(b"\n") == 57
    fields = _field_list(site.tree(CORE))
    assert fields["Path"] == "pkg/core.py"
    assert fields["Language"] == "Python"
    assert f"{len(raw)} bytes" in fields["Size"]
    assert "57 lines" in fields["Size"]
    assert fields["Module"] == "pkg.core"


def test_overview_summary_is_the_rendered_module_docstring(site):
    summary = site.section(CORE, "summary")
    assert summary is not None
    paragraphs = [p.text.strip() for p in summary.find_all("p")]
    assert paragraphs == ["Core engine.", "The engine starts and stops things."]


def test_overview_outline_is_nested(site):
    outline = site.section(CORE, "outline")
    top = _top_items(_outer(outline))
    assert [li.id for li in top] == ["outline-LIMIT", "outline-Engine", "outline-run"]
    engine = top[1]
    members = _top_items(_outer(engine))
    names = [li.find("code", cls="repodoc-name").text for li in members]
    assert names == ["kind", "__init__", "name", "start", "size", "size", "Part"]
    assert [li.id for li in members] == [
        "outline-Engine.kind",
        "outline-Engine.__init__",
        "outline-Engine.name",
        "outline-Engine.start",
        "outline-Engine.size",
        None,  # the setter: a second definition of the same object
        "outline-Engine.Part",
    ]
    part = members[-1]
    assert [li.id for li in _top_items(_outer(part))] == ["outline-Engine.Part.spin"]


def _outer(parent: El) -> El:
    """The one list directly inside ``parent``."""
    lists = [ul for ul in parent.elements if ul.tag == "ul"]
    assert len(lists) == 1
    return lists[0]


def test_outline_lists_each_definition_of_a_property_once(site, repo):
    definitions = [s for s in repo.file("pkg/core.py").all_symbols() if s.qualname == "Engine.size"]
    assert [s.line for s in definitions] == [40, 45]
    outline = site.section(CORE, "outline")
    entries = [
        li
        for li in outline.find_all("li")
        if li.find("code", cls="repodoc-name").text == "size"
        and li.find("span", cls="repodoc-kind").text == "property"
    ]
    assert len(entries) == len(definitions)
    assert [link for _, link in links(entries[0].find("p"), CORE)] == [f"{CORE}.html#L-40"]
    assert [link for _, link in links(entries[1].find("p"), CORE)] == [f"{CORE}.html#L-45"]
    assert sum(1 for e in site.tree(CORE).iter() if e.id == "Engine.size") == 1


def test_outline_entries_link_to_their_line(site, repo):
    outline = site.section(CORE, "outline")
    first_line = {}
    for sym in repo.file("pkg/core.py").all_symbols():
        first_line.setdefault(sym.qualname, sym.line)
    anchored = {li.id.removeprefix("outline-"): li for li in outline.find_all("li") if li.id}
    assert set(anchored) == set(first_line)
    listing_ids = site.section(CORE, "source").ids()
    for qualname, li in anchored.items():
        para = li.elements[0]
        line_links = [t for _, t in links(para, CORE)]
        assert line_links == [f"{CORE}.html#L-{first_line[qualname]}"], qualname
        assert f"L-{first_line[qualname]}" in listing_ids
        assert qualname in listing_ids  # the symbol's own id, on its listing line
    start = outline.one("li", id="outline-Engine.start")
    assert f"{CORE}.html#L-35" in link_targets(start.elements[0], CORE)


def test_overview_dependencies_are_grouped(site):
    deps = site.section(CORE, "dependencies")
    groups = _rubric_lists(deps)
    assert list(groups) == ["In this repository", "Standard library", "Third party"]
    local = groups["In this repository"]
    assert {t for t in link_targets(local, CORE) if "#" not in t} == {
        f"{FILES}/pkg/sub/deep.py.html",
        f"{FILES}/pkg/util.py.html",
    }
    stdlib = [li.find("code").text for li in _top_items(groups["Standard library"])]
    assert sorted(stdlib) == ["__future__", "os", "typing"]
    third = [li.find("code").text for li in _top_items(groups["Third party"])]
    assert third == ["requests"]
    # every import line is a link into the listing
    assert f"{CORE}.html#L-11" in link_targets(groups["Third party"], CORE)


def test_overview_listing_has_an_anchor_per_line(site, repo):
    source = site.section(CORE, "source")
    listing = source.one(cls="repodoc-listing")
    line_ids = {i for i in listing.ids() if i.startswith("L-")}
    assert line_ids == {f"L-{n}" for n in range(1, repo.file("pkg/core.py").lines + 1)}
    assert "def start(self) -> bool:" in listing.text


def test_listings_are_not_in_the_search_index(basic_app):
    terms = read_searchindex(basic_app.outdir)["terms"]
    # words that appear only inside source listings
    assert "getcwd" not in terms
    assert "linenos" not in terms
    # the words of rendered text still are
    assert "engin" in terms


def _pages_of_term(where: int | list[int]) -> set[int]:
    return set(where) if isinstance(where, list) else {where}


def test_keyword_and_related_pages_stay_out_of_the_full_text_search(basic_app):
    """They repeat the names and paths of the overview page, which search finds once."""
    index = read_searchindex(basic_app.outdir)
    docnames = index["docnames"]
    hidden = {
        i
        for i, doc in enumerate(docnames)
        if doc.startswith(("repodoc/keywords/", "repodoc/related/"))
    }
    assert len(hidden) == 2 * sum(1 for d in docnames if d.startswith(f"{FILES}/")) > 0
    for field in ("terms", "titleterms"):
        for term, where in index[field].items():
            assert not hidden & _pages_of_term(where), (field, term)
    assert all(index["titles"][i] == "" for i in hidden)
    # the overview page is still found by its words and its title
    core = docnames.index(CORE)
    assert core in _pages_of_term(index["terms"]["engin"])
    assert core in _pages_of_term(index["titleterms"]["core"])
    # and the names listed on its keyword page are found as objects of the overview page
    object_pages = {doc for _, _, doc in searchindex_objects(index)}
    assert CORE in object_pages
    assert not object_pages & {docnames[i] for i in hidden}


def test_section_with_nothing_to_say_renders_nothing(site):
    config = f"{FILES}/config.yaml"
    assert site.section(config, "outline") is None
    assert site.section(config, "dependencies") is None
    assert site.section(config, "summary") is None
    assert _field_list(site.tree(config))["Language"] == "YAML"
    assert site.section(config, "source") is not None
    body = site.tree(config).find(cls="body")
    assert "Outline" not in body.text and "Dependencies" not in body.text
    # a Python file without imports has no dependencies section either
    assert site.section(f"{FILES}/pkg/util.py", "dependencies") is None
    assert site.section(f"{FILES}/pkg/util.py", "outline") is not None


def test_syntax_error_page_keeps_metadata_and_listing(site):
    page = f"{FILES}/tests/broken.py"
    fields = _field_list(site.tree(page))
    assert fields["Path"] == "tests/broken.py"
    assert "line 1" in fields["Not parsed"]
    assert site.section(page, "outline") is None
    listing = site.section(page, "source").one(cls="repodoc-listing")
    assert {i for i in listing.ids() if i.startswith("L-")} == {"L-1", "L-2"}
    assert "def broken(:" in listing.text


def test_syntax_error_warns_once(basic_app):
    found = repodoc_warnings(basic_app, "syntax")
    assert len(found) == 1
    assert found[0].startswith("tests/broken.py:1:")


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    srcdir="basic-suppressed",
    confoverrides={"suppress_warnings": ["repodoc.syntax"]},
)
def test_syntax_warning_can_be_suppressed(app):
    app.build()
    assert warnings_of(app) == []
    assert (app.outdir / f"{FILES}/tests/broken.py.html").is_file()


# -- keyword page ---------------------------------------------------------------------------------


def _keyword_rows(site: Site, page: str) -> list[dict[str, object]]:
    table = site.section(page, "keywords").one("table")
    rows = []
    for tr in table.one("tbody").elements:
        cells = [td for td in tr.elements if td.tag == "td"]
        name, kind, qual, line = (c.text.strip() for c in cells[:4])
        row_links = [t for _, t in links(cells[0], page)]
        rows.append(
            {"name": name, "kind": kind, "qualname": qual, "line": int(line), "links": row_links}
        )
    return rows


def test_keyword_page_lists_every_name(site):
    page = "repodoc/keywords/pkg/core.py"
    rows = _keyword_rows(site, page)
    names = [r["name"] for r in rows]
    # defined names (every definition) and imported names, as written in pkg/core.py
    expected = {
        "LIMIT", "Engine", "kind", "__init__", "name", "start", "size", "Part", "spin", "run",
        "annotations", "os", "TYPE_CHECKING", "requests", "helper", "Deep",
    }  # fmt: skip
    assert expected <= set(names)
    assert names.count("size") == 2
    assert names == sorted(names, key=lambda n: (n.casefold(), n))
    by_name = {r["name"]: r for r in rows}
    assert by_name["start"]["kind"] == "method"
    assert by_name["start"]["qualname"] == "Engine.start"
    assert by_name["spin"]["qualname"] == "Engine.Part.spin"
    assert by_name["Engine"]["kind"] == "class"
    assert by_name["LIMIT"]["kind"] == "data"
    assert by_name["helper"]["kind"] == "import"
    assert by_name["requests"]["kind"] == "import"
    for row in rows:
        assert row["links"] == [f"{CORE}.html#L-{row['line']}"], row


def test_keyword_page_lists_the_name_a_from_import_binds(site):
    names = {r["name"] for r in _keyword_rows(site, "repodoc/keywords/pkg/core.py")}
    assert "util" in names


# -- related page ---------------------------------------------------------------------------------


def _related(site: Site, page: str, ident: str) -> dict[str, str]:
    """Section ``ident`` of a related page → {linked file page: the item's text}."""
    section = site.section(page, ident)
    assert section is not None, ident
    out = {}
    for li in section.one("ul").elements:
        targets = [t for _, t in links(li, page)]
        assert len(targets) == 1
        out[targets[0]] = " ".join(li.text.split())
    return out


def test_related_page(site):
    page = "repodoc/related/pkg/core.py"
    imports = _related(site, page, "imports")
    assert set(imports) == {f"{FILES}/pkg/sub/deep.py.html", f"{FILES}/pkg/util.py.html"}
    assert "Deep module." in imports[f"{FILES}/pkg/sub/deep.py.html"]
    assert "Helpers for the engine." in imports[f"{FILES}/pkg/util.py.html"]
    importers = _related(site, page, "importers")
    assert set(importers) == {
        f"{FILES}/pkg/__init__.py.html",
        f"{FILES}/pkg/sub/deep.py.html",
        f"{FILES}/tests/test_core.py.html",
    }
    assert "Tests of the core engine." in importers[f"{FILES}/tests/test_core.py.html"]
    same = _related(site, page, "neighbours")
    assert set(same) == {f"{FILES}/pkg/__init__.py.html", f"{FILES}/pkg/util.py.html"}
    assert "The pkg package: engines and helpers." in same[f"{FILES}/pkg/__init__.py.html"]


def test_related_page_omits_empty_sections(site, repo):
    assert repo.file("pkg/util.py").imports == ()
    util = "repodoc/related/pkg/util.py"
    assert site.section(util, "imports") is None
    assert set(_related(site, util, "importers")) == {f"{FILES}/pkg/core.py.html"}
    deep = "repodoc/related/pkg/sub/deep.py"
    assert site.section(deep, "neighbours") is None  # alone in its folder
    readme = "repodoc/related/README.md"
    assert site.section(readme, "imports") is None
    assert site.section(readme, "importers") is None
    assert set(_related(site, readme, "neighbours")) == {f"{FILES}/config.yaml.html"}


def test_file_pages_link_to_each_other(site):
    for kind in ("files", "keywords", "related"):
        page = f"repodoc/{kind}/pkg/core.py"
        nav = site.tree(page).one("p", cls="repodoc-navigation")
        expected = {
            f"repodoc/{k}/pkg/core.py.html" for k in ("files", "keywords", "related") if k != kind
        }
        assert link_targets(nav, page) == expected | {"repodoc/folders/pkg/index.html"}


# -- folder pages ---------------------------------------------------------------------------------


def _table_rows(container: El, page: str) -> dict[str, list[str]]:
    """Rows of the table in a ``repodoc-files`` / ``repodoc-folders`` block, by link target."""
    rows = {}
    for tr in container.one("tbody").elements:
        cells = [" ".join(td.text.split()) for td in tr.elements if td.tag == "td"]
        (target,) = link_targets(tr, page)
        rows[target] = cells
    return rows


def test_folder_page(basic_app, site):
    page = "repodoc/folders/pkg/index"
    tree = site.tree(page)
    files = _table_rows(tree.one(cls="repodoc-files"), page)
    assert list(files) == [
        f"{FILES}/pkg/__init__.py.html",
        f"{FILES}/pkg/core.py.html",
        f"{FILES}/pkg/util.py.html",
    ]
    assert files[f"{FILES}/pkg/core.py.html"] == ["core.py", "Python", "57", "Core engine."]
    assert files[f"{FILES}/pkg/util.py.html"][-1] == "Helpers for the engine."
    folders = _table_rows(tree.one(cls="repodoc-folders"), page)
    assert list(folders) == ["repodoc/folders/pkg/sub/index.html"]
    assert folders["repodoc/folders/pkg/sub/index.html"][:3] == ["sub/", "1", "7"]
    # the folder's summary comes from its package docstring
    assert "The pkg package: engines and helpers." in tree.find(cls="body").text
    assert basic_app.env.toctree_includes[page] == [
        "repodoc/folders/pkg/sub/index",
        f"{FILES}/pkg/__init__.py",
        f"{FILES}/pkg/core.py",
        f"{FILES}/pkg/util.py",
    ]


def test_root_folder_page(basic_app, site):
    page = "repodoc/folders/index"
    tree = site.tree(page)
    assert list(_table_rows(tree.one(cls="repodoc-folders"), page)) == [
        "repodoc/folders/docs/index.html",
        "repodoc/folders/pkg/index.html",
        "repodoc/folders/tests/index.html",
    ]
    files = _table_rows(tree.one(cls="repodoc-files"), page)
    assert list(files) == [f"{FILES}/README.md.html", f"{FILES}/config.yaml.html"]
    assert files[f"{FILES}/config.yaml.html"][-1] == ""  # nothing to say: empty cell
    assert basic_app.env.toctree_includes[page] == [
        "repodoc/folders/docs/index",
        "repodoc/folders/pkg/index",
        "repodoc/folders/tests/index",
        f"{FILES}/README.md",
        f"{FILES}/config.yaml",
    ]


def test_keyword_and_related_pages_stay_out_of_the_toctree(basic_app):
    included = {d for docs in basic_app.env.toctree_includes.values() for d in docs}
    assert not any(d.startswith(("repodoc/keywords/", "repodoc/related/")) for d in included)
    state = basic_app.env.get_domain("repo").state
    every_file_and_folder = {
        d for d, p in state.plan.pages.items() if p.kind.value in ("files", "folders")
    }
    # file and folder pages all hang in the toctree; the root folder page from the landing
    assert every_file_and_folder <= included
    assert "repodoc/folders/index" in basic_app.env.toctree_includes["index"]


# -- landing --------------------------------------------------------------------------------------


def test_landing(basic_app, site, repo):
    landing = site.tree("index").one(cls="repodoc-landing")
    languages = {}
    for tr in landing.one("table", cls="repodoc-languages").one("tbody").elements:
        lang, files, lines = (td.text.strip() for td in tr.elements if td.tag == "td")
        languages[lang] = (int(files), int(lines))
    expected: dict[str, list[int]] = {}
    for f in repo.files:
        counts = expected.setdefault(f.language.label, [0, 0])
        counts[0] += 1
        counts[1] += f.lines
    assert languages == {k: tuple(v) for k, v in expected.items()}
    assert next(iter(languages)) == "Python"  # most lines first
    assert set(_table_rows(landing.one(cls="repodoc-folders"), "index")) == {
        "repodoc/folders/docs/index.html",
        "repodoc/folders/pkg/index.html",
        "repodoc/folders/tests/index.html",
    }
    assert "A tiny repository used by the tests" in landing.text  # the README's summary
    assert basic_app.env.toctree_includes["index"] == ["repodoc/folders/index"]
    assert basic_app.env.get_domain("repo").landings == {"index": "."}
