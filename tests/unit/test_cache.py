"""The facts cache and parallel extraction give exactly the model a plain scan gives."""

from __future__ import annotations

import textwrap

import pytest

from sphinxcontrib_repodoc import scan as scan_module
from sphinxcontrib_repodoc.config import RepodocConfig
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
