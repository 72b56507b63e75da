"""Fuzzing, fast tier, as real Sphinx builds; and failure isolation.

Generated repositories (arbitrary bytes under every language's file name, hypothesmith Python)
build with every page present and no crash. A deliberately broken extractor and a broken
finding rule are each reported once, naming the file and the rule, and the page still builds.
The full tier (``tests/fuzz/``) builds many more generated repositories.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from buildutil import build, repodoc_warnings, warnings_of
from fuzzutil import ALL_NAMES, file_bytes, fuzz_settings, python_source
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_repodoc.analysis import findings as findings_rules
from sphinxcontrib_repodoc.pages.plan import PageKind, PagePlan

# hypothesmith compiles what it generates: Python's own SyntaxWarnings are noise here
pytestmark = [pytest.mark.sphinx, pytest.mark.filterwarnings("ignore::SyntaxWarning")]

CONF = """\
extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "../repo"
repodoc_git_commits = 0
show_warning_types = True
"""
INDEX = "Fuzzed\n======\n\n.. repodoc::\n"

#: generated repositories built in the fast tier (the full tier builds many more)
FAST_BUILDS = 8

#: a generated repository: files (any language's name, in a few folders) with any content,
#: and a few hypothesmith Python modules
repositories = st.tuples(
    st.dictionaries(
        st.tuples(st.sampled_from(["", "a/", "a/b/", "x y/"]), st.sampled_from(ALL_NAMES)).map(
            "".join
        ),
        file_bytes,
        min_size=1,
        max_size=12,
    ),
    st.lists(python_source(), max_size=3),
)


def make_project(base: Path, files: dict[str, bytes]) -> Path:
    """``base/docs`` (the Sphinx project) documents ``base/repo``; returns the former."""
    docs = base / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "conf.py").write_text(CONF, encoding="utf-8")
    (docs / "index.rst").write_text(INDEX, encoding="utf-8")
    for path, data in files.items():
        target = base / "repo" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return docs


def check_build(app) -> None:
    """Built, with a page of each kind for every file, and nothing that looks like a crash."""
    assert app.statuscode == 0
    repo = app.env.get_domain("repo").state.repo
    plan = PagePlan.build(repo, "repodoc")
    for f in repo.files:
        for kind in (PageKind.FILE, PageKind.KEYWORDS, PageKind.RELATED):
            assert (app.outdir / f"{plan.docname(kind, f.path)}.html").is_file(), f.path
    text = "\n".join(warnings_of(app))
    for crash in ("Traceback", "Exception occurred", "extractor failed", "failed:"):
        assert crash not in text, text


def build_generated(base: Path, repository: tuple[dict[str, bytes], list[str]]):
    files, modules = repository
    files = dict(files)
    for i, source in enumerate(modules):
        files[f"gen/m{i}.py"] = source.encode("utf-8", "surrogatepass")
    return build(make_project(base, files))


def test_generated_repositories_build(tmp_path_factory):
    @fuzz_settings(FAST_BUILDS)
    @given(repository=repositories)
    def check(repository) -> None:
        check_build(build_generated(tmp_path_factory.mktemp("fuzz"), repository))

    check()


# -- failure isolation ----------------------------------------------------------------------------


def _isolation_project(tmp_path: Path) -> Path:
    return make_project(
        tmp_path / "p",
        {
            "boom.py": b'"""Explodes the extractor."""\n\ndef f():\n    pass\n',
            "fine.py": b'"""Fine."""\n\nimport boom\n\n\ndef g():\n    pass\n',
            "boom.cpp": b"int boom() { return 1; }\n",
            "fine.cpp": b"int fine() { return 1; }\n",
        },
    )


def _page(app, path: str) -> str:
    repo = app.env.get_domain("repo").state.repo
    docname = PagePlan.build(repo, "repodoc").docname(PageKind.FILE, path)
    return (app.outdir / f"{docname}.html").read_text(encoding="utf-8")


def test_a_broken_extractor_is_reported_once_and_the_page_builds(tmp_path, monkeypatch):
    from sphinxcontrib_repodoc.extractors import python, treesitter

    real_py = python.PythonExtractor.extract_with_tree
    real_ts = treesitter.TreeSitterExtractor.extract

    def broken_py(self, path, text):
        if path == "boom.py":
            raise RuntimeError("deliberately broken extractor")
        return real_py(self, path, text)

    def broken_ts(self, path, text):
        if path == "boom.cpp":
            raise KeyError("deliberately broken extractor")
        return real_ts(self, path, text)

    monkeypatch.setattr(python.PythonExtractor, "extract_with_tree", broken_py)
    monkeypatch.setattr(treesitter.TreeSitterExtractor, "extract", broken_ts)
    app = build(_isolation_project(tmp_path))
    assert app.statuscode == 0
    for path in ("boom.py", "boom.cpp"):
        found = [w for w in repodoc_warnings(app, "scan") if f"{path}:1" in w]
        assert len(found) == 1, found
        assert "deliberately broken extractor" in found[0]
        assert "Explodes" in _page(app, "boom.py") or path == "boom.cpp"  # listing kept
    repo = app.env.get_domain("repo").state.repo
    assert not repo.file("boom.py").parsed
    assert [s.qualname for s in repo.file("fine.py").symbols] == ["g"]
    assert [s.qualname for s in repo.file("fine.cpp").symbols] == ["fine"]
    assert "boom" in _page(app, "boom.cpp")


def test_a_broken_finding_rule_is_reported_once_per_file_and_the_page_builds(tmp_path, monkeypatch):
    def detect(source):
        if source.path.startswith("boom"):
            raise ZeroDivisionError("deliberately broken rule")
        return []

    broken = findings_rules.Rule("broken-rule", "patterns", "A broken rule.", None, detect)
    monkeypatch.setitem(findings_rules.RULES, "broken-rule", broken)
    app = build(_isolation_project(tmp_path))
    assert app.statuscode == 0
    found = repodoc_warnings(app, "finding")
    assert len(found) == 2, found
    for path in ("boom.py", "boom.cpp"):
        [one] = [w for w in found if f"{path}:1" in w]
        assert "'broken-rule'" in one and "deliberately broken rule" in one
    repo = app.env.get_domain("repo").state.repo
    assert repo.file("boom.py").parsed
    assert [s.qualname for s in repo.file("boom.py").symbols] == ["f"]
    assert "Explodes the extractor" in _page(app, "boom.py")
