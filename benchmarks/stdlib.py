"""Time the pipeline on real code nobody here wrote: the running Python's standard library.

Measures, each as whole-process wall time (median of ``--runs``):

1. ``python -m sphinxcontrib_repodoc scan <Lib>`` over the whole ``Lib`` folder;
2. a full ``sphinx-build`` of a project documenting ``Lib/asyncio`` and ``Lib/email``;
3. a no-change rebuild of that project.

Usage: ``python benchmarks/stdlib.py [--runs 3] [--jobs 1] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

#: ``Lib`` as in CPython's source tree: an installed Python keeps third-party packages there too
EXCLUDE = ["--exclude", "site-packages/", "--exclude", "__pycache__/"]

CONF = """\
extensions = ["sphinxcontrib_repodoc"]
project = "stdlib sample"
repodoc_root = {root!r}
repodoc_include = ["/asyncio/", "/email/"]
# the standard library's docstrings are not all valid reST: count, don't fail
suppress_warnings = ["repodoc.docstring"]
"""

INDEX = """\
Standard library sample
=======================

.. repodoc::
"""


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"command failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-3000:]}")
    return elapsed, out.stdout + out.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="1", help="sphinx-build -j value")
    parser.add_argument("--keep", type=Path, help="build here and keep the output")
    args = parser.parse_args()
    lib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    print(f"Python {sys.version.split()[0]}, Lib = {lib}")

    scans = []
    for _ in range(args.runs):
        elapsed, out = timed(
            [sys.executable, "-m", "sphinxcontrib_repodoc", "scan", str(lib), *EXCLUDE]
        )
        scans.append(elapsed)
    summary_line = next((ln for ln in out.splitlines() if " files, " in ln), "")
    print(f"scan of Lib: median {statistics.median(scans):.2f}s ({summary_line})")

    work = args.keep or Path(tempfile.mkdtemp(prefix="repodoc-bench-"))
    full, nochange = [], []
    try:
        for _ in range(args.runs):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            (work / "conf.py").write_text(CONF.format(root=str(lib)))
            (work / "index.rst").write_text(INDEX)
            build = [
                sys.executable,
                "-m",
                "sphinx",
                "-q",
                "-j",
                args.jobs,
                "-b",
                "html",
                str(work),
                str(work / "_build" / "html"),
            ]
            elapsed, out = timed(build)
            full.append(elapsed)
            elapsed, _ = timed(build)
            nochange.append(elapsed)
        pages = sum(1 for _ in (work / "_build" / "html" / "repodoc").rglob("*.html"))
        warnings = sum(1 for ln in out.splitlines() if "WARNING" in ln)
        print(
            f"full build asyncio+email (-j {args.jobs}): median {statistics.median(full):.2f}s, "
            f"{pages} generated pages, {warnings} warnings"
        )
        print(f"no-change rebuild: median {statistics.median(nochange):.2f}s")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
