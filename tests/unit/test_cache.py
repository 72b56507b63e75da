"""The scan cache (model and facts) and parallel extraction give exactly the model a plain
scan gives, and the cached model is reused only when nothing it was made from changed."""

from __future__ import annotations

import pickle
import subprocess
import textwrap

import pytest

from sphinxcontrib_repodoc import cache as cache_module
from sphinxcontrib_repodoc import scan as scan_module
from sphinxcontrib_repodoc.config import DEFAULT_EXCLUDE, RepodocConfig
from sphinxcontrib_repodoc.scan import scan

FILES = {
    "pkg/__init__.py": '"""Package."""\nfrom .a import A\n',
    "pkg/a.py": (
        '"""Module a."""\nimport os\n\n\nclass A:\n    def run(self):\n        os.system("x")\n'
    ),
    "pkg/b.py": "from .a import A\n\nA().run()\n",
    "tests/test_a.py": "from pkg.a import A\n\n\ndef test_a():\n    assert A()\n",
    "README.md": "# Title\n\nSummary.\n",
    "broken.py": "def f(:\n",
}


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "repo"
    for path, text in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(textwrap.dedent(text))
    return root


@pytest.fixture
def extractions(monkeypatch):
    """Counts the files actually extracted."""
    seen: list[str] = []
    real = scan_module.scan_file

    def counting(item, *args, **kwargs):
        seen.append(item.path)
        return real(item, *args, **kwargs)

    monkeypatch.setattr(scan_module, "scan_file", counting)
    return seen


@pytest.fixture
def analyses(monkeypatch):
    """Counts the analyses run (a reused model runs none)."""
    runs: list[int] = []
    real = scan_module._analyze

    def counting(files, config):
        runs.append(len(files))
        return real(files, config)

    monkeypatch.setattr(scan_module, "_analyze", counting)
    return runs


def test_a_warm_scan_extracts_nothing_and_gives_the_same_model(tree, tmp_path, extractions):
    cache = tmp_path / "facts.pickle"
    plain = scan(RepodocConfig(root=tree)).to_json()
    extractions.clear()
    assert scan(RepodocConfig(root=tree), cache_file=cache).to_json() == plain
    assert len(extractions) == len(FILES)
    extractions.clear()
    assert scan(RepodocConfig(root=tree), cache_file=cache).to_json() == plain
    assert extractions == []


def test_an_edit_extracts_that_file_only(tree, tmp_path, extractions):
    cache = tmp_path / "facts.pickle"
    scan(RepodocConfig(root=tree), cache_file=cache)
    (tree / "pkg/b.py").write_text("from .a import A\n\nA().run()\nA().run()\n")
    extractions.clear()
    after = scan(RepodocConfig(root=tree), cache_file=cache)
    assert extractions == ["pkg/b.py"]
    assert after.to_json() == scan(RepodocConfig(root=tree)).to_json()


def test_settings_that_change_extraction_miss_the_cache(tree, tmp_path, extractions):
    cache = tmp_path / "facts.pickle"
    scan(RepodocConfig(root=tree), cache_file=cache)
    extractions.clear()
    scan(RepodocConfig(root=tree, findings=(("security", False),)), cache_file=cache)
    assert len(extractions) == len(FILES)


def test_a_corrupt_cache_is_ignored(tree, tmp_path, extractions):
    cache = tmp_path / "facts.pickle"
    cache.write_bytes(b"not a pickle")
    plain = scan(RepodocConfig(root=tree)).to_json()
    assert scan(RepodocConfig(root=tree), cache_file=cache).to_json() == plain
    extractions.clear()
    scan(RepodocConfig(root=tree), cache_file=cache)
    assert extractions == []  # rewritten, usable again


def test_parallel_extraction_gives_the_serial_model(tree, monkeypatch):
    monkeypatch.setattr(scan_module, "MIN_PARALLEL_FILES", 1)
    monkeypatch.setattr(scan_module, "CHUNK", 2)
    serial = scan(RepodocConfig(root=tree)).to_json()
    assert scan(RepodocConfig(root=tree), jobs=2).to_json() == serial


def test_an_unchanged_tree_reuses_the_model_without_loading_the_facts(
    tree, tmp_path, extractions, analyses, monkeypatch
):
    cache = tmp_path / "facts.pickle"
    plain = scan(RepodocConfig(root=tree)).to_json()
    scan(RepodocConfig(root=tree), cache_file=cache)
    analyses.clear()
    extractions.clear()
    loads: list[bool] = []
    real = cache_module.ScanCache._facts
    monkeypatch.setattr(
        cache_module.ScanCache, "_facts", lambda self: loads.append(True) or real(self)
    )
    assert scan(RepodocConfig(root=tree), cache_file=cache).to_json() == plain
    assert (analyses, extractions, loads) == ([], [], [])


@pytest.mark.parametrize(
    "change",
    [
        "edit a file",
        "add a file",
        "remove a file",
        "change an analysis option",
        "change a tool file outside the scan",
    ],
)
def test_any_input_of_the_analysis_makes_it_run_again(
    tree, tmp_path, extractions, analyses, change
):
    cache = tmp_path / "facts.pickle"
    config = RepodocConfig(root=tree, exclude=(*DEFAULT_EXCLUDE, "tox.ini"))
    scan(config, cache_file=cache)
    if change == "edit a file":
        (tree / "pkg/b.py").write_text("from .a import A\n")
    elif change == "add a file":
        (tree / "pkg/c.py").write_text("from .b import *\n")
    elif change == "remove a file":
        (tree / "pkg/b.py").unlink()
    elif change == "change an analysis option":
        config = RepodocConfig(root=tree, exclude=config.exclude, related_files=1)
    else:  # read by the test-command analysis although no page documents it
        (tree / "tox.ini").write_text("[pytest]\n")
    analyses.clear()
    after = scan(config, cache_file=cache)
    assert len(analyses) == 1
    assert after.to_json() == scan(config).to_json()


def test_a_new_commit_makes_the_analysis_run_again(tree, tmp_path, analyses):
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=a@b", "-c", "user.name=n", *args],
            cwd=tree,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "first")
    (tree / "pkg/b.py").write_text("from .a import A\n")
    cache = tmp_path / "facts.pickle"
    scan(RepodocConfig(root=tree), cache_file=cache)
    git("commit", "-q", "-am", "second")  # the files stay as they are; their history moves on
    analyses.clear()
    after = scan(RepodocConfig(root=tree), cache_file=cache)
    assert len(analyses) == 1
    assert after.history is not None and after.history.commits == 2


def test_an_edit_of_our_own_code_misses_the_cache(tree, tmp_path, extractions, monkeypatch):
    cache = tmp_path / "facts.pickle"
    scan(RepodocConfig(root=tree), cache_file=cache)
    extractions.clear()
    monkeypatch.setattr(cache_module, "code_stamp", lambda: "edited")
    scan(RepodocConfig(root=tree), cache_file=cache)
    assert len(extractions) == len(FILES)


def test_the_model_pickles_back_equal_with_its_indices(tree):
    repo = scan(RepodocConfig(root=tree))
    back = pickle.loads(pickle.dumps(repo, pickle.HIGHEST_PROTOCOL))
    assert back == repo and back.to_json() == repo.to_json()
    assert back.file("pkg/a.py") == repo.file("pkg/a.py")
    assert back.usages_of("pkg/a.py::A") == repo.usages_of("pkg/a.py::A") != ()


def test_a_history_that_could_not_be_read_is_not_reused(tree, tmp_path, analyses, monkeypatch):
    """git answered for the commit but not for the log (a time-out): the model is not what its
    key says, so the next scan analyses again instead of serving it."""
    from sphinxcontrib_repodoc.analysis import insights

    subprocess.run(["git", "init", "-q"], cwd=tree, check=True)
    subprocess.run(
        [
            "git",
            "-c",
            "user.email=a@b",
            "-c",
            "user.name=n",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "c",
        ],
        cwd=tree,
        check=True,
    )
    cache = tmp_path / "facts.pickle"
    with monkeypatch.context() as patched:
        patched.setattr(insights, "read_history", lambda *args, **kwargs: None)
        assert scan(RepodocConfig(root=tree), cache_file=cache).history is None
    analyses.clear()
    after = scan(RepodocConfig(root=tree), cache_file=cache)
    assert len(analyses) == 1
    assert after.history is not None
