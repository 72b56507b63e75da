"""Which tree is documented: the default root (the git work tree holding ``conf.py``, else
its parent), in a temporary repository, and ``repodoc_root = None`` (domain only)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from buildutil import build, warnings_of

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path, monkeypatch):
    """Keep git from finding a repository above tmp_path or reading the user's config."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(var, raising=False)


def _tree(root, conf="extensions = ['sphinxcontrib_repodoc']\n"):
    files = {
        ".gitignore": "ignored.py\n",
        "ignored.py": '"""Ignored."""\n',
        "untracked.txt": "not added, not ignored\n",
        "pkg/mod.py": '"""A module."""\n\n\nclass Thing:\n    pass\n',
        "docs/conf.py": conf,
        "docs/index.rst": "Docs\n====\n\n.. repodoc::\n",
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root / "docs"


EXPECTED = [".gitignore", "docs/conf.py", "docs/index.rst", "pkg/mod.py", "untracked.txt"]


@pytest.mark.parametrize("git", [pytest.param(True, marks=needs_git), False])
def test_default_root_skips_ignored_files_and_sphinx_folders(tmp_path, git):
    repo = tmp_path / "repo"
    docs = _tree(repo)
    if git:
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        subprocess.run(["git", "-C", str(repo), "add", "pkg/mod.py"], check=True)
    for attempt in range(2):  # the second build has output, doctrees and stubs inside the tree
        app = build(docs)
        state = app.env.get_domain("repo").state
        assert state.root == repo.resolve()
        assert [f.path for f in state.repo.files] == EXPECTED, attempt
        assert warnings_of(app) == []
    assert (docs / "_build/html/repodoc/files/pkg/mod.py.html").is_file()
    assert (docs / "repodoc/.gitignore").read_text() == "*\n"


def test_root_none_registers_the_domain_only(tmp_path):
    docs = _tree(tmp_path / "repo", "extensions = ['sphinxcontrib_repodoc']\nrepodoc_root = None\n")
    (docs / "index.rst").write_text("Docs\n====\n\nNothing scanned.\n", encoding="utf-8")
    app = build(docs)
    assert app.env.get_domain("repo").state is None
    assert not (docs / "repodoc").exists()
    assert not (app.outdir / "repodoc").exists()
    assert warnings_of(app) == []
