"""Related files ranked with reasons; co-change and last change from a real (temporary) git
history; shallow clones; no git; components and purpose overrides."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinxcontrib_repodoc.analysis.git import read_history
from sphinxcontrib_repodoc.analysis.insights import component_of, normalize_components
from sphinxcontrib_repodoc.config import RepodocConfig
from sphinxcontrib_repodoc.model import Purpose
from sphinxcontrib_repodoc.scan import scan

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


class Git:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        root.mkdir(parents=True, exist_ok=True)
        self("init", "-q", "-b", "main")

    def __call__(self, *args: str) -> str:
        stamp = f"2024-01-{self.day + 1:02d}T12:00:00+00:00"
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Ada",
            "GIT_AUTHOR_EMAIL": "ada@example.org",
            "GIT_COMMITTER_NAME": "Ada",
            "GIT_COMMITTER_EMAIL": "ada@example.org",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        out = subprocess.run(
            ["git", "-C", str(self.root), *args],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        return out.stdout

    def commit(self, files: dict[str, str], message: str = "change") -> None:
        for path, text in files.items():
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self("add", "-A")
        self("commit", "-q", "-m", message)
        self.day += 1


def model(root: Path, **values):
    return scan(RepodocConfig.from_values(root, values))


@pytest.fixture
def history(tmp_path) -> Git:
    """a.py and b.py change together 3 times, a.py and c.py twice; d.py imports a.py."""
    git = Git(tmp_path / "repo")
    git.commit({"a.py": "A = 0\n", "b.py": "B = 0\n", "c.py": "C = 0\n", "d.py": "import a\n"})
    git.commit({"a.py": "A = 1\n", "b.py": "B = 1\n"})
    git.commit({"a.py": "A = 2\n", "b.py": "B = 2\n"})
    git.commit({"a.py": "A = 3\n", "c.py": "C = 3\n"})
    git.commit({"c.py": "C = 4\n"})
    return git


def test_read_history(history):
    log = read_history(history.root, 500)
    assert log is not None
    assert not log.shallow
    assert len(log.commits) == 5
    assert log.commits[0].files == ("c.py",)
    assert log.commits[0].date == "2024-01-05"
    assert log.by_file["a.py"] == (1, 2, 3, 4)
    assert log.oldest == "2024-01-01"
    assert read_history(history.root, 2).commits[-1].date == "2024-01-04"


def test_co_change_reasons_and_ranking(history):
    repo = model(history.root)
    related = repo.file("a.py").related
    assert [(r.path, r.reasons) for r in related] == [
        ("b.py", ("changed together in 3 of its 4 last commits", "same folder")),
        ("c.py", ("changed together in 2 of its 4 last commits", "same folder")),
        ("d.py", ("imports this file", "same folder")),
    ]
    # score first (b.py), then path for equal scores (c.py and d.py)
    assert related[0].score > related[1].score == related[2].score
    assert [(r.path, r.reasons) for r in repo.file("d.py").related] == [
        ("a.py", ("imported by this file", "same folder"))
    ]


def test_ranking_is_deterministic(history):
    first = model(history.root).to_json()
    second = model(history.root).to_json()
    assert first == second


def test_last_change(history):
    repo = model(history.root)
    a = repo.file("a.py").last_change
    assert (a.date, a.author, a.before) == ("2024-01-04", None, False)
    assert len(a.commit) == 10
    assert history("rev-parse", "HEAD~1").startswith(a.commit)
    assert model(history.root, show_authors=True).file("a.py").last_change.author == "Ada"
    assert repo.history.commits == 5
    assert repo.history.shallow is False


def test_commit_limit_says_before_the_oldest_commit_read(history):
    repo = model(history.root, git_commits=1)
    assert repo.file("c.py").last_change.commit
    d = repo.file("d.py").last_change
    assert (d.date, d.commit, d.before) == ("2024-01-05", "", True)


def test_uncommitted_file_has_no_last_change(history):
    (history.root / "new.py").write_text("N = 1\n", encoding="utf-8")
    assert model(history.root).file("new.py").last_change is None


def test_shallow_clone(history, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{history.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    repo = model(clone)
    assert repo.history.shallow is True
    # the boundary commit (2024-01-04) lists every file of its tree: it is not read as a change
    assert repo.history.commits == 1
    # d.py was last changed in the first commit, outside the clone's depth: never the
    # boundary commit as if it were the change
    d = repo.file("d.py").last_change
    assert (d.date, d.commit, d.before) == ("2024-01-05", "", True)
    assert repo.file("c.py").last_change.date == "2024-01-05"
    assert repo.file("c.py").last_change.before is False
    assert repo.file("a.py").last_change.before is True
    # no co-change signal from one commit; the import stays
    assert [r.path for r in repo.file("a.py").related] == ["d.py"]
    # the pages say so: once on the related page, and on each "before" last change
    from sphinxcontrib_repodoc.pages import insights

    assert insights.ranked(repo, repo.file("a.py")).shallow is True
    context = insights.context(repo, repo.file("d.py"))
    assert context.shallow is True
    assert context.last_change.before is True


def test_no_git_no_history(tmp_path):
    (tmp_path / "a.py").write_text("import b\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("B = 1\n", encoding="utf-8")
    repo = model(tmp_path)
    assert repo.history is None
    assert repo.file("a.py").last_change is None
    assert [(r.path, r.reasons) for r in repo.file("a.py").related] == [
        ("b.py", ("imported by this file", "same folder"))
    ]


def test_history_off(history):
    repo = model(history.root, git_commits=0)
    assert repo.history is None
    assert [r.path for r in repo.file("a.py").related] == ["d.py"]


def test_big_commits_do_not_count_as_co_change(tmp_path):
    git = Git(tmp_path / "big")
    many = {f"f{i:02d}.py": f"X = {i}\n" for i in range(60)}
    for n in range(3):
        git.commit({path: text + f"# {n}\n" for path, text in many.items()})
    assert model(git.root).file("f00.py").related == ()


def test_related_limit_and_tests_signal(tmp_path):
    files = {
        "pkg/__init__.py": "",
        "pkg/core.py": "from . import a, b, c\n",
        "pkg/a.py": "",
        "pkg/b.py": "",
        "pkg/c.py": "",
        "tests/test_core.py": "from pkg import core\n\ndef test_x():\n    pass\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    repo = model(tmp_path, related_files=2, git_commits=0)
    related = repo.file("pkg/core.py").related
    assert [(r.path, r.reasons) for r in related] == [
        ("tests/test_core.py", ("imports this file", "tests this file")),
        ("pkg/a.py", ("imported by this file", "same folder")),
    ]


def test_components_longest_prefix():
    comps = normalize_components(
        [("./aten", "ATen"), ("aten/src/ATen/native/", "kernels"), ("/", "root")]
    )
    assert comps == (("", "root"), ("aten/", "ATen"), ("aten/src/ATen/native/", "kernels"))
    assert component_of("aten/src/ATen/native/add.cpp", comps) == "aten/src/ATen/native/"
    assert component_of("aten/src/x.cpp", comps) == "aten/"
    assert component_of("aten", comps) == "aten/"
    assert component_of("atenx/y.py", comps) == ""
    assert component_of(".", comps) == ""
    assert component_of("x.py", normalize_components([("aten/", "A")])) is None


def test_components_and_purpose_overrides_in_the_model(tmp_path):
    for path in ("aten/core.py", "aten/gen/ops.py", "tools/fixtures/data.py", "x.py"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("X = 1\n", encoding="utf-8")
    repo = model(
        tmp_path,
        git_commits=0,
        components={"aten/": "ATen, the C++ tensor library"},
        purpose={"tools/fixtures/**": "test-support", "aten/gen/": "generated", "x.py": "nope"},
    )
    assert repo.components == (("aten/", "ATen, the C++ tensor library"),)
    assert repo.file("aten/core.py").component == "aten/"
    assert repo.folder("aten/gen").component == "aten/"
    assert repo.file("x.py").component is None
    data = repo.file("tools/fixtures/data.py")
    assert data.purpose is Purpose.TEST_SUPPORT
    assert data.purpose_reason == "set by repodoc_purpose pattern tools/fixtures/**"
    assert repo.file("aten/gen/ops.py").purpose is Purpose.GENERATED
    assert repo.file("x.py").purpose is Purpose.SOURCE
    assert [d.subtype for d in repo.diagnostics] == ["config"]
    assert "'nope'" in repo.diagnostics[0].message


def test_cli_flags_for_history(history, capsys):
    import json

    from sphinxcontrib_repodoc.__main__ import main

    assert main(["scan", str(history.root), "--json", "--git-commits", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["history"] == {"commits": 2, "limit": 2, "shallow": False, "oldest": "2024-01-04"}
    assert main(["scan", str(history.root), "--json", "--git-commits", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["history"] is None
    assert main(["scan", str(history.root), "--json", "--related-files", "1"]) == 0
    files = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert [r["path"] for r in files["a.py"]["related"]] == ["b.py"]


def test_invalid_patterns_are_dropped_with_a_config_diagnostic(tmp_path):
    (tmp_path / "a.py").write_text("X = 1\n", encoding="utf-8")
    repo = model(
        tmp_path,
        git_commits=0,
        purpose={"!": "test"},
        test_command={"!": "run {path}"},
        findings={"no-such-rule": False},
    )
    assert repo.file("a.py").purpose is Purpose.SOURCE
    problems = sorted((d.subtype, d.path, d.message) for d in repo.diagnostics)
    assert problems == [
        ("config", "repodoc_findings", "unknown rule or category 'no-such-rule' (ignored)"),
        ("config", "repodoc_purpose", "invalid pattern '!' ignored"),
        ("config", "repodoc_test_command", "invalid pattern '!' ignored"),
    ]
