"""benchmarks/fidelity_ctags.py on the polyglot test root: recall of our C/C++/CUDA symbols
against universal-ctags (skipped where ctags is not installed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _universal_ctags() -> bool:
    exe = shutil.which("ctags")
    if exe is None:
        return False
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    return "Universal Ctags" in out.stdout


@pytest.mark.skipif(not _universal_ctags(), reason="universal-ctags is not installed")
def test_recall_on_the_polyglot_root():
    pytest.importorskip("tree_sitter_cpp")
    pytest.importorskip("tree_sitter_cuda")
    out = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "fidelity_ctags.py"),
            str(REPO / "tests" / "roots" / "test-polyglot" / "src"),
            "--show",
            "0",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {line.split()[0]: line.split() for line in out.stdout.splitlines() if line.strip()}
    for group in ("ns", "class", "type", "func", "macro", "all"):
        recall = rows[group][4]
        assert float(recall.rstrip("%")) >= 98.0, out.stdout
