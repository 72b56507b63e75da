"""Incremental builds: a second app on the same source folder after editing the repository.

Each test builds ``tests/roots/test-incremental`` in a private copy, changes the documented
tree, builds again with a new app, and checks what was re-read (``env-before-read-docs``),
what the output now shows, and that nothing stale is left.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from buildutil import (
    Site,
    copy_root,
    dangling_links,
    html_pages,
    link_targets,
    links,
    repodoc_warnings,
    stub_mtimes,
    warnings_of,
)

F = "repodoc/files"


@dataclass
class Build:
    app: object
    read: set[str]
    written: set[str]
    warnings: list[str]

    @property
    def repo(self):
        return self.app.env.get_domain("repo").state.repo

    @property
    def site(self) -> Site:
        return Site(self.app.outdir)


class Project:
    def __init__(self, srcdir: Path, make_app) -> None:
        self.srcdir = srcdir
        self.make_app = make_app

    @property
    def src(self) -> Path:
        return self.srcdir / "src"

    def build(self) -> Build:
        app = self.make_app("html", srcdir=self.srcdir)
        read: list[str] = []
        written: list[str] = []
        app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))

        def page_context(_app, pagename, _template, _context, doctree):
            if doctree is not None:
                written.append(pagename)

        app.connect("html-page-context", page_context)
        try:
            app.build()
        finally:
            app.cleanup()
        return Build(app, set(read), set(written), warnings_of(app))

    def write(self, path: str, text: str) -> None:
        target = self.src / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path, make_app) -> Project:
    return Project(copy_root("incremental", tmp_path / "project"), make_app)


def _all_html(build: Build) -> dict[str, str]:
    return {page: build.site.html(page) for page in html_pages(build.app.outdir)}


def _assert_nothing_dangles(build: Build) -> None:
    assert dangling_links(build.app.outdir, html_pages(build.app.outdir)) == []


def _file_pages(path: str) -> set[str]:
    return {f"repodoc/{kind}/{path}" for kind in ("files", "keywords", "related")}


def test_first_build_is_clean(project):
    first = project.build()
    assert first.warnings == []
    assert first.read == set(first.app.env.found_docs)
    _assert_nothing_dangles(first)


def test_no_change_reads_and_rewrites_nothing(project):
    project.build()
    stubs = stub_mtimes(project.srcdir)
    assert stubs
    second = project.build()
    assert second.read == set()
    assert second.written == set()
    assert stub_mtimes(project.srcdir) == stubs
    assert second.warnings == []


def test_fingerprints_are_computed_only_when_their_inputs_changed(project, monkeypatch):
    """A build where nothing changed reuses the recorded fingerprints (the digest of the model
    and stubs is the same); any edit computes them all again."""
    from sphinxcontrib_repodoc.sphinx_ import events

    calls: list[str] = []
    real = events.fingerprint

    def counting(repo, page, *args, **kwargs):
        calls.append(page.path)
        return real(repo, page, *args, **kwargs)

    monkeypatch.setattr(events, "fingerprint", counting)
    first = project.build()
    pages = len(first.app.env.get_domain("repo").state.plan.pages)
    assert len(calls) == pages
    calls.clear()
    assert project.build().read == set()
    assert calls == []
    old = (project.src / "lib/base.py").read_text()
    project.write("lib/base.py", old.replace('"""Base classes."""', '"""Base classes, new."""'))
    assert f"{F}/lib/base.py" in project.build().read
    assert len(calls) == pages


def test_docstring_edit_rereads_exactly_the_pages_that_show_it(project):
    first = project.build()
    stubs = stub_mtimes(project.srcdir)
    # the pages that show lib/base.py's summary or size, from the model's own graph
    source = first.repo.file("lib/base.py")
    folder = first.repo.folder(source.folder)
    expected = {f"{F}/lib/base.py", "repodoc/folders/lib/index"}
    expected |= {f"repodoc/related/{p}" for p in source.imported_by}  # their "Imports"
    expected |= {f"repodoc/related/{i.target}" for i in source.imports if i.target}  # "Imported by"
    expected |= {f"repodoc/related/{p}" for p in folder.files if p != source.path}  # "Same folder"
    assert expected == {
        f"{F}/lib/base.py",
        "repodoc/related/lib/shapes.py",
        "repodoc/related/lib/__init__.py",
        "repodoc/related/lib/colors.py",
        "repodoc/folders/lib/index",
    }

    old = (project.src / "lib/base.py").read_text()
    project.write("lib/base.py", old.replace('"""Base classes."""', '"""Base classes, revised."""'))
    second = project.build()
    assert second.read == expected
    assert second.read <= second.written
    assert stub_mtimes(project.srcdir) == stubs
    assert second.warnings == []
    pages = _all_html(second)
    stale = [page for page, html in pages.items() if "Base classes." in html]
    assert stale == []
    showing = {page for page, html in pages.items() if "Base classes, revised." in html}
    assert showing == expected


def test_added_file(project):
    project.build()
    project.write("lib/extra.py", '"""Extra helpers."""\n\n\ndef extra():\n    """Help."""\n')
    second = project.build()
    assert second.warnings == []
    site = second.site
    for page in _file_pages("lib/extra.py"):
        assert site.exists(page)
        assert page in second.read
    folder = "repodoc/folders/lib/index"
    assert f"{F}/lib/extra.py.html" in link_targets(
        site.tree(folder).one(cls="repodoc-files"), folder
    )
    assert f"{F}/lib/extra.py" in second.app.env.toctree_includes[folder]
    for neighbour in ("lib/base.py", "lib/shapes.py", "lib/colors.py", "lib/__init__.py"):
        page = f"repodoc/related/{neighbour}"
        assert f"{F}/lib/extra.py.html" in link_targets(site.section(page, "neighbours"), page)
    # pages that do not show the folder's file list are not re-read
    assert f"{F}/app/main.py" not in second.read
    assert "repodoc/keywords/lib/base.py" not in second.read
    _assert_nothing_dangles(second)


def _assert_gone(project: Project, build: Build, path: str) -> None:
    for page in _file_pages(path):
        assert not (project.srcdir / f"{page}.repodoc").exists(), page
        assert not build.site.exists(page), page
        assert page not in build.app.env.all_docs
    mentions = [p for p, html in _all_html(build).items() if path in html]
    assert mentions == []
    assert path not in (build.app.outdir / "searchindex.js").read_text(encoding="utf-8")
    _assert_nothing_dangles(build)


def test_deleted_file(project):
    first = project.build()
    assert first.site.exists(f"{F}/lib/colors.py")
    assert "lib/colors.py" in first.site.html("repodoc/folders/lib/index")
    (project.src / "lib/colors.py").unlink()
    second = project.build()
    assert second.warnings == []
    _assert_gone(project, second, "lib/colors.py")


def test_renamed_file(project):
    project.build()
    (project.src / "lib/colors.py").rename(project.src / "lib/palette.py")
    second = project.build()
    assert second.warnings == []
    _assert_gone(project, second, "lib/colors.py")
    for page in _file_pages("lib/palette.py"):
        assert second.site.exists(page)
    folder = "repodoc/folders/lib/index"
    assert f"{F}/lib/palette.py.html" in link_targets(second.site.tree(folder), folder)


def test_deleted_folder(project):
    project.build()
    shutil.rmtree(project.src / "app")
    second = project.build()
    assert second.warnings == []
    _assert_gone(project, second, "app/main.py")
    assert not second.site.exists("repodoc/folders/app/index")
    assert not (project.srcdir / "repodoc/folders/app").exists()
    assert "repodoc/folders/app/index.html" not in link_targets(second.site.tree("index"), "index")


def test_handwritten_reference_to_a_moved_class_is_rewritten(project):
    first = project.build()
    refs = dict(links(first.site.tree("refs").find(cls="body"), "refs"))
    assert refs["short"] == f"{F}/lib/shapes.py.html#Widget"
    assert refs["full"] == f"{F}/lib/shapes.py.html#Widget"

    project.write(
        "lib/base.py",
        '"""Base classes."""\n\n\nclass Base:\n    """Base."""\n\n\n'
        'class Widget(Base):\n    """A widget."""\n',
    )
    project.write("lib/shapes.py", '"""Shapes."""\n\nfrom .base import Widget\n')
    second = project.build()
    assert "refs" not in second.read  # its source did not change…
    assert "refs" in second.written  # …but its links did
    refs = dict(links(second.site.tree("refs").find(cls="body"), "refs"))
    assert refs["short"] == f"{F}/lib/base.py.html#Widget"
    assert "full" not in refs  # lib/shapes.py::Widget is gone: no stale link
    missing = repodoc_warnings(second.app, "ref")
    assert len(missing) == 1
    assert "lib/shapes.py::Widget" in missing[0]
    assert "refs.rst:5" in missing[0]
    assert second.warnings == missing
    assert second.site.section(f"{F}/lib/shapes.py", "outline") is None  # nothing defined now
    _assert_nothing_dangles(second)


#: written by Sphinx at the end of every build; left alone by a build that changed no page
FINISHING = ("repo-symbols.html", "repo-files.html", "searchindex.js", "objects.inv")


def _finishing(build: Build) -> dict[str, tuple[int, bytes]]:
    out = Path(build.app.outdir)
    return {
        name: ((out / name).stat().st_mtime_ns, (out / name).read_bytes()) for name in FINISHING
    }


@pytest.fixture
def index_loads(monkeypatch) -> list[int]:
    """One item per time Sphinx reads a search index back."""
    from sphinx.search import IndexBuilder

    loads: list[int] = []
    real = IndexBuilder.load

    def counting(self, *args, **kwargs):
        loads.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(IndexBuilder, "load", counting)
    return loads


def test_no_change_leaves_indices_search_index_and_inventory_alone(project, index_loads):
    first = _finishing(project.build())
    index_loads.clear()
    second = project.build()
    assert second.read == second.written == set()
    assert _finishing(second) == first  # same bytes, and not even written again
    assert index_loads == []  # nor read back
    old = (project.src / "lib/base.py").read_text()
    project.write("lib/base.py", old + "\n\ndef brand_new_helper():\n    return 1\n")
    third = project.build()
    assert third.written and index_loads == [1]  # kept for the pages not written again


def test_a_search_index_copied_from_html_extra_path_is_read_as_sphinx_reads_it(
    project, index_loads
):
    """``html_extra_path`` copies its files over the output after the index would be read:
    with a ``searchindex.js`` among them, the real index is read before, as Sphinx does."""
    extra = project.srcdir / "extra"
    extra.mkdir()
    (extra / "searchindex.js").write_text("Search.setIndex({})", encoding="utf-8")
    with (project.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nhtml_extra_path = ["extra"]\n')
    first = project.build()
    (Path(first.app.outdir) / "genindex.html").unlink()  # does this Sphinx finish the next?
    index_loads.clear()
    second = project.build()
    assert second.read == second.written == set()
    if not _finished_without_changes(second):
        pytest.skip("this Sphinx does not finish a build that wrote no page")
    assert index_loads == [1]


def test_an_edit_writes_them_again_as_a_clean_build_does(project, tmp_path, make_app):
    first = _finishing(project.build())
    old = (project.src / "lib/base.py").read_text()
    project.write("lib/base.py", old + "\n\ndef brand_new_helper():\n    return 1\n")
    after = _finishing(project.build())
    for name in FINISHING:
        assert after[name][0] != first[name][0], name
    assert "brand_new_helper" in after["repo-symbols.html"][1].decode()
    clean = Project(tmp_path / "clean", make_app)
    shutil.copytree(project.srcdir, clean.srcdir, ignore=shutil.ignore_patterns("_build"))
    assert {n: b for n, (_, b) in _finishing(clean.build()).items()} == {
        n: b for n, (_, b) in after.items()
    }


def _finished_without_changes(build: Build) -> bool:
    """Whether this Sphinx finishes (writes its indices) a build that found nothing to write:
    Sphinx 7 returns early, so our outputs are not touched either way; later ones finish."""
    return (Path(build.app.outdir) / "genindex.html").exists()


def test_a_missing_or_unfinished_output_is_written_again(project):
    built = project.build()
    out = Path(built.app.outdir)
    first = _finishing(built)
    (out / "repo-files.html").unlink()
    (out / "genindex.html").unlink()  # Sphinx's own index: does this Sphinx write it again?
    second = project.build()
    if not _finished_without_changes(second):
        assert not (out / "repo-files.html").exists()  # as Sphinx's own index
        return
    again = _finishing(second)
    assert again["repo-files.html"][1] == first["repo-files.html"][1]
    assert again["objects.inv"][0] == first["objects.inv"][0]
    # as if the last build had changed something and stopped before finishing: no record
    (Path(built.app.doctreedir) / "repodoc-finished.json").unlink()
    third = _finishing(project.build())
    for name in FINISHING:
        assert third[name][0] != first[name][0], name
        assert third[name][1] == first[name][1], name


def test_a_removed_page_leaves_the_search_index(project):
    orphan = project.srcdir / "orphan_notes.rst"
    orphan.write_text(":orphan:\n\nOrphan notes\n============\n\nZebrafish.\n", encoding="utf-8")
    built = project.build()
    search = Path(built.app.outdir) / "searchindex.js"
    assert "orphan_notes" in search.read_text()
    orphan.unlink()
    (Path(built.app.outdir) / "genindex.html").unlink()
    if not _finished_without_changes(project.build()):
        pytest.skip("this Sphinx does not finish a build that wrote no page")
    assert "orphan_notes" not in search.read_text()


def test_new_code_writes_them_again(project, monkeypatch):
    """Another version of this extension may write other bytes for the same environment."""
    from sphinxcontrib_repodoc import cache

    built = project.build()
    first = _finishing(built)
    (Path(built.app.outdir) / "genindex.html").unlink()
    monkeypatch.setattr(cache, "code_stamp", lambda: "an upgrade")
    second = project.build()
    assert second.read == second.written == set()
    if not _finished_without_changes(second):
        pytest.skip("this Sphinx does not finish a build that wrote no page")
    again = _finishing(second)
    for name in FINISHING:
        assert again[name][0] != first[name][0], name
