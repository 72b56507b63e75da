"""Page planning without Sphinx: docnames, stubs, fingerprints, target resolution."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sphinxcontrib_repodoc.config import RepodocConfig
from sphinxcontrib_repodoc.pages.fingerprint import fingerprint, sections_in
from sphinxcontrib_repodoc.pages.plan import (
    PageKind,
    PagePlan,
    StubRenderer,
    render_stubs,
    rst_escape,
    write_stubs,
)
from sphinxcontrib_repodoc.pages.targets import ROLE_TYPES, Targets
from sphinxcontrib_repodoc.scan import scan


def make_repo(tmp_path: Path, files: dict[str, str]):
    root = tmp_path / "repo"
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    return scan(RepodocConfig(root=root))


FILES = {
    "pkg/__init__.py": '"""The package."""\n',
    "pkg/a.py": '"""Module a."""\nfrom . import b\n\nclass A:\n    def run(self): ...\n',
    "pkg/b.py": '"""Module b."""\n\ndef run(): ...\n\nclass B:\n    def run(self): ...\n',
    "other/c.py": '"""Module c."""\n\ndef run(): ...\n',
    "README.md": "# Title\n\nThe summary.\n",
}


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path, FILES)


def test_docnames_are_kind_first(repo):
    plan = PagePlan.build(repo, "repodoc")
    assert plan.docname(PageKind.FILE, "pkg/a.py") == "repodoc/files/pkg/a.py"
    assert plan.docname(PageKind.KEYWORDS, "pkg/a.py") == "repodoc/keywords/pkg/a.py"
    assert plan.docname(PageKind.RELATED, "pkg/a.py") == "repodoc/related/pkg/a.py"
    assert plan.docname(PageKind.FOLDER, "pkg") == "repodoc/folders/pkg/index"
    assert plan.docname(PageKind.FOLDER, ".") == "repodoc/folders/index"
    assert plan.docname(PageKind.ABOUT, "pkg") == "repodoc/about/pkg/index"
    assert plan.docname(PageKind.ABOUT, ".") == "repodoc/about/index"
    assert plan.page("repodoc/files/README.md").path == "README.md"


def test_paths_differing_only_in_case_get_distinct_docnames(tmp_path):
    repo = make_repo(tmp_path, {"Readme.txt": "x\n", "README.txt": "y\n"})
    plan = PagePlan.build(repo, "repodoc")
    first = plan.docname(PageKind.FILE, "README.txt")
    second = plan.docname(PageKind.FILE, "Readme.txt")
    assert first == "repodoc/files/README.txt"  # earlier in sort order keeps its name
    assert second.startswith("repodoc/files/Readme.txt-") and second != first


@pytest.mark.parametrize("text", ["__init__.py", "a*b`c|d_e", "name with space", "ü.py"])
def test_rst_escape_makes_titles_literal(text):
    from docutils.core import publish_doctree

    doc = publish_doctree(
        f"{rst_escape(text)}\n{'=' * 60}\n", settings_overrides={"report_level": 5}
    )
    assert doc.astext().strip() == text


def test_stubs_are_written_only_when_changed_and_stale_ones_removed(repo, tmp_path):
    srcdir = tmp_path / "docs"
    plan = PagePlan.build(repo, "repodoc")
    texts = render_stubs(plan, StubRenderer(), repo.name)
    written, removed = write_stubs(texts, srcdir, "repodoc")
    assert sorted(written) == sorted(plan.pages) and removed == []
    assert (srcdir / "repodoc" / ".gitignore").read_text() == "*\n"
    stub = srcdir / "repodoc/files/pkg/a.py.repodoc"
    mtime = stub.stat().st_mtime_ns
    assert write_stubs(texts, srcdir, "repodoc") == ([], [])
    assert stub.stat().st_mtime_ns == mtime
    del texts["repodoc/files/pkg/a.py"]
    assert write_stubs(texts, srcdir, "repodoc") == ([], ["repodoc/files/pkg/a.py"])
    assert not stub.exists()


def test_stub_text_lists_sections_and_depends_only_on_path(repo):
    plan = PagePlan.build(repo, "repodoc")
    texts = render_stubs(plan, StubRenderer(), repo.name)
    text = texts["repodoc/files/pkg/a.py"]
    assert sections_in(text) == [
        "metadata",
        "context",
        "summary",
        "findings",
        "tests",
        "tested-by",
        "outline",
        "examples",
        "dependencies",
        "diagram",
        "listing",
    ]
    assert "Module a" not in text  # content comes from the model, not the stub


def test_user_template_overrides_builtin(repo, tmp_path):
    templates = tmp_path / "_templates" / "repodoc"
    templates.mkdir(parents=True)
    (templates / "file.rst").write_text("{{ title | heading }}\n\n.. repodoc:section:: outline\n")
    plan = PagePlan.build(repo, "repodoc")
    texts = render_stubs(plan, StubRenderer([tmp_path / "_templates"]), repo.name)
    assert sections_in(texts["repodoc/files/pkg/a.py"]) == ["outline"]
    assert "keywords" in sections_in(texts["repodoc/keywords/pkg/a.py"])


def test_fingerprint_follows_shown_data_only(tmp_path):
    before = make_repo(tmp_path / "1", FILES)
    changed = dict(FILES, **{"pkg/b.py": FILES["pkg/b.py"].replace("Module b.", "Module B!")})
    after = make_repo(tmp_path / "2", changed)

    def prints(repo):
        plan = PagePlan.build(repo, "repodoc")
        texts = render_stubs(plan, StubRenderer(), "repo")
        return {d: fingerprint(repo, plan.pages[d], t, 1000) for d, t in texts.items()}

    old, new = prints(before), prints(after)
    differ = {d for d in old if old[d] != new[d]}
    # b's overview and folder listing show its summary; a imports b, so a's related page too;
    # the package's other files list b as a neighbour.
    assert "repodoc/files/pkg/b.py" in differ
    assert "repodoc/folders/pkg/index" in differ
    assert "repodoc/related/pkg/a.py" in differ
    assert "repodoc/files/pkg/a.py" not in differ
    assert "repodoc/keywords/pkg/b.py" not in differ
    assert "repodoc/files/other/c.py" not in differ


def test_fingerprint_follows_the_layout_kept_in_doctrees(tmp_path, monkeypatch):
    """A lazy outline keeps its entries in the doctree, and they unpickle by position: pages
    must be read again when the fields' order changes, even if the data shown does not."""
    from sphinxcontrib_repodoc.pages import fingerprint as fp

    repo = make_repo(tmp_path, FILES)
    plan = PagePlan.build(repo, "repodoc")
    texts = render_stubs(plan, StubRenderer(), "repo")
    page = "repodoc/files/pkg/a.py"
    before = fingerprint(repo, plan.pages[page], texts[page], 1000)
    assert fingerprint(repo, plan.pages[page], texts[page], 1000) == before
    monkeypatch.setattr(fp, "KEPT_LAYOUT", list(reversed(fp.KEPT_LAYOUT)))
    assert fingerprint(repo, plan.pages[page], texts[page], 1000) != before


def test_targets_names_and_scope_walk(repo):
    targets = Targets.build(repo, PagePlan.build(repo, "repodoc"))
    meth = ROLE_TYPES["meth"]
    exact = targets.resolve("pkg/a.py::A.run", meth)
    assert exact.target.name == "pkg/a.py::A.run" and not exact.ambiguous
    assert targets.resolve("pkg.a.A.run", meth).target.name == "pkg/a.py::A.run"
    # short name: the same class first, then the same file
    scoped = targets.resolve("run", meth, context_path="pkg/b.py", scope="B")
    assert scoped.target.name == "pkg/b.py::B.run" and not scoped.ambiguous
    func = ROLE_TYPES["func"]
    near = targets.resolve("run", func, context_path="pkg/a.py")
    assert near.target.name == "pkg/b.py::run"  # same folder beats other/c.py
    far = targets.resolve("run", func, context_path="README.md")
    assert far.ambiguous and {t.name for t in far.candidates} == {
        "other/c.py::run",
        "pkg/b.py::run",
    }
    assert far.target.name == "other/c.py::run"  # first by path among the tied
    assert targets.resolve("nothing", ROLE_TYPES["obj"]).target is None
    assert targets.resolve(".a.A", ROLE_TYPES["class"]).target.name == "pkg/a.py::A"
    assert targets.resolve("README.md::Title", ROLE_TYPES["heading"]).target.anchor == "Title"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("See :class:`~a.b.Engine` and :func:`title <target>`.", "See Engine and title."),
        ("Section data (:mod:`..pages.sections`).", "Section data (pages.sections)."),
        ("Run ``--json`` now.", "Run --json now."),
    ],
)
def test_plain_text_reads_as_the_rendered_docstring(text, shown):
    from sphinxcontrib_repodoc.pages.sections import plain_text

    assert plain_text(text) == shown
