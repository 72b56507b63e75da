"""CI guard against gross performance regressions: ratios and document counts, never times.

A small synthetic polyglot tree (``benchmarks/synthetic.py``) is built with real
``sphinx-build`` processes: full build, no-change rebuild, one-leaf-edit rebuild. The bounds
are several times looser than what ``benchmarks/compare.py`` measures, so they fail on a broken
cache, a stub rewritten at every build or an accidentally quadratic step, not on a slow CI
machine. The measured figures live in ``benchmarks/results.md``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from synthetic import generate

pytestmark = pytest.mark.sphinx

FILES = 40

CONF = """\
import json
from pathlib import Path

extensions = ["sphinxcontrib_repodoc"]
project = "guard"
repodoc_root = {root!r}
suppress_warnings = ["repodoc"]


def _record(app, env, docnames):
    Path(app.outdir).parent.joinpath("read-docs.json").write_text(json.dumps(sorted(docnames)))


def setup(app):
    app.connect("env-before-read-docs", _record)
"""


def _build(project: Path) -> tuple[float, list[str]]:
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-N",
        "-b",
        "html",
        str(project),
        str(project / "_build" / "html"),
    ]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    assert out.returncode == 0, out.stderr[-3000:]
    return elapsed, json.loads((project / "_build" / "read-docs.json").read_text())


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("guard") / "repo"
    generate(root, FILES, seed=3)
    return root


def test_rebuilds_are_cheap(tree: Path, tmp_path: Path) -> None:
    project = tmp_path / "docs"
    project.mkdir()
    (project / "conf.py").write_text(CONF.format(root=str(tree)))
    (project / "index.rst").write_text("Guard\n=====\n\n.. repodoc::\n")

    full, read_full = _build(project)
    nochange, read_nochange = _build(project)
    leaf = sorted(tree.rglob("*.py"))[-1]  # a test module: nothing imports it
    leaf.write_text(leaf.read_text() + "\n\ndef test_guard_edit():\n    assert True\n")
    _, read_edit = _build(project)

    assert len(read_full) >= 3 * FILES  # three pages per file, plus folder pages
    assert read_nochange == [], "a no-change rebuild must read nothing"
    # the file's three pages and its folders' pages up to the root (measured: 10 of 182)
    assert 0 < len(read_edit) <= 20, read_edit
    # measured ~0.11 (Sphinx start-up dominates at this size): 0.5 only fails on a gross regression
    assert nochange <= 0.5 * full, (nochange, full)


def test_scan_stays_near_raw_parse(tree: Path) -> None:
    from sphinxcontrib_repodoc.config import RepodocConfig
    from sphinxcontrib_repodoc.scan import scan

    python = [p.read_bytes() for p in sorted(tree.rglob("*.py"))]
    parse = _best(lambda: [ast.parse(src) for src in python], 3)
    config = RepodocConfig.from_values(tree, {})
    scanned = _best(lambda: scan(config), 2)
    # the scan also reads the C++, CUDA, Markdown and YAML files, resolves and analyses;
    # measured ≈ 5.5x raw ast.parse of the Python files alone
    assert scanned <= 20 * parse, (scanned, parse)
