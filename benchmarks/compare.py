"""Time sphinxcontrib-repodoc against its floors and sphinx-autoapi, side by side, in one run.

    python benchmarks/compare.py --corpus stdlib [--runs 3] [--update-readme]
    python benchmarks/compare.py --corpus synthetic --files 3000 [--seed 1]
    python benchmarks/compare.py --corpus PATH

Corpora:

``stdlib``
    every ``*.py`` file of the running Python's ``Lib`` except ``test/`` (CPython's own test
    suite, ~800 files of fixtures) and ``site-packages/``, and except the few files the running
    Python cannot parse (``lib2to3`` test data written in Python 2), copied to the cache folder
    so every tool reads the very same files (~970 modules for 3.11);
``synthetic``
    ``benchmarks/synthetic.py --files N --seed S`` (polyglot: about half Python, a third C++/CUDA);
``PATH``
    any folder, used in place (nothing is written into it except by the one-edit step, which
    restores the file it touched).

Every figure is a whole-process wall time (median of ``--runs``) and the peak RSS of the
process (``/usr/bin/time -v``'s maximum resident set size; with ``-j 2`` that is the largest
process of the tree, not a sum):

- ``full -j1`` / ``full -j2``: ``sphinx-build -b html`` of a project with ``.. repodoc::``, from
  an empty output folder and no stubs (our three pages per file plus folder pages);
- ``no-change``: the same build again; ``one-edit``: after appending a function to one leaf
  Python file (no file imports it); the number of documents Sphinx reads is recorded by a tiny
  ``env-before-read-docs`` hook in the generated ``conf.py``;
- ``scan cold`` (and ``scan warm`` when the CLI has ``--cache``):
  ``python -m sphinxcontrib_repodoc scan``;
- ``ast.parse``: one process reading and parsing every ``.py`` file of the tree: the extraction
  floor;
- ``floor full`` / ``floor no-change``: plain Sphinx building one page per file that only
  ``literalinclude``\\ s it, with a toctree nested per folder like ours (file pages leave the
  toctree above ``repodoc_toctree_files`` files, like ours): what any per-file generator pays;
- ``autoapi full`` / ``autoapi no-change``: sphinx-autoapi over the same tree's Python files,
  installed from PyPI into its own venv under the cache folder (never a dependency of ours).

Prints the tables and writes them to ``benchmarks/results.md`` (one block per corpus, replaced
on each run); ``--update-readme`` copies that file into README.md between the
``<!-- bench:start -->`` and ``<!-- bench:end -->`` markers.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results.md"
README = REPO / "README.md"
TIME = Path("/usr/bin/time")
LOADS: list[float] = []  # 1-minute load average before each command: is the machine shared?
TOCTREE_FILES = 500  # repodoc_toctree_files' default: the floor follows the same policy

RECORD_HOOK = """
import json as _json
from pathlib import Path as _Path


def _record(app, env, docnames):
    _Path(app.outdir).parent.joinpath("read-docs.json").write_text(_json.dumps(sorted(docnames)))


def setup(app):
    app.connect("env-before-read-docs", _record)
"""

OURS_CONF = (
    """\
extensions = ["sphinxcontrib_repodoc"]
project = "bench"
repodoc_root = {root!r}
suppress_warnings = ["repodoc"]
"""
    + RECORD_HOOK
)

FLOOR_CONF = (
    """\
project = "bench floor"
suppress_warnings = ["misc.highlighting_failure"]
"""
    + RECORD_HOOK
)

AUTOAPI_CONF = """\
extensions = ["autoapi.extension"]
project = "bench autoapi"
autoapi_dirs = [{root!r}]
autoapi_root = "autoapi"
suppress_warnings = ["autoapi"]
"""

LEXERS = {
    ".py": "python",
    ".h": "cpp",
    ".hpp": "cpp",
    ".cpp": "cpp",
    ".cc": "cpp",
    ".c": "c",
    ".cu": "cuda",
    ".cuh": "cuda",
    ".md": "markdown",
    ".rst": "rst",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".toml": "toml",
    ".json": "json",
}


# ---------------------------------------------------------------- measuring


@dataclass
class Sample:
    wall: float
    rss_mib: float | None
    docs_read: int | None = None
    output: str = ""

    @property
    def warnings(self) -> int:
        return self.output.count("WARNING:")


@dataclass
class Row:
    name: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(s.wall for s in self.samples) if self.samples else None

    @property
    def rss(self) -> float | None:
        values = [s.rss_mib for s in self.samples if s.rss_mib is not None]
        return max(values) if values else None

    @property
    def docs(self) -> int | None:
        values = [s.docs_read for s in self.samples if s.docs_read is not None]
        return values[-1] if values else None


def run(
    cmd: list[str], cwd: Path | None = None, env: dict | None = None, timeout: int = 3600
) -> Sample:
    """Run one command; wall time from here, peak RSS from ``/usr/bin/time -v``."""
    wrapped = [str(TIME), "-v", *cmd] if TIME.exists() else cmd
    LOADS.append(os.getloadavg()[0])
    start = time.perf_counter()
    out = subprocess.run(
        wrapped, cwd=cwd, capture_output=True, text=True, check=False, env=env, timeout=timeout
    )
    wall = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"command failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-4000:]}")
    rss = None
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    if match:
        rss = int(match.group(1)) / 1024
    else:  # no GNU time: the largest child so far (a high-water mark across runs)
        import resource

        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Sample(wall, rss, output=out.stdout + out.stderr)


def sphinx(python: str, project: Path, jobs: int = 1) -> list[str]:
    return [
        python,
        "-m",
        "sphinx",
        "-N",
        "-j",
        str(jobs),
        "-b",
        "html",
        str(project),
        str(project / "_build" / "html"),
    ]


def docs_read(project: Path) -> int | None:
    record = project / "_build" / "read-docs.json"
    return len(json.loads(record.read_text())) if record.exists() else None


def clean(project: Path, *generated: str) -> None:
    shutil.rmtree(project / "_build", ignore_errors=True)
    for name in generated:
        shutil.rmtree(project / name, ignore_errors=True)


# ---------------------------------------------------------------- corpora and projects


def stdlib_corpus(cache: Path) -> tuple[Path, str]:
    lib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    dest = cache / f"corpus-stdlib-{sys.version_info[0]}.{sys.version_info[1]}"
    kept, dropped = 0, 0
    if not dest.exists():
        tmp = dest.with_name(dest.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        for path in sorted(lib.rglob("*.py")):
            rel = path.relative_to(lib)
            if rel.parts[0] in ("test", "site-packages") or "__pycache__" in rel.parts:
                continue
            data = path.read_bytes()
            try:
                ast.parse(data)
            except (SyntaxError, ValueError):
                dropped += 1
                continue
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            kept += 1
        dest.with_name(dest.name + ".dropped").write_text(str(dropped))
        tmp.rename(dest)
    dropped = int(dest.with_name(dest.name + ".dropped").read_text())
    kept = sum(1 for _ in dest.rglob("*.py"))
    return dest, (
        f"Python {platform.python_version()} `Lib`: every `*.py` except `test/` and "
        f"`site-packages/` ({kept} modules; {dropped} files that do not parse left out)"
    )


def synthetic_corpus(cache: Path, files: int, seed: int) -> tuple[Path, str]:
    sys.path.insert(0, str(HERE))
    from synthetic import generate

    dest = cache / f"corpus-synthetic-{files}-{seed}"
    if not dest.exists():
        tmp = dest.with_name(dest.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        generate(tmp, files, seed)
        tmp.rename(dest)
    return (
        dest,
        f"synthetic polyglot tree (`benchmarks/synthetic.py --files {files} --seed {seed}`)",
    )


def corpus_files(root: Path) -> list[Path]:
    skip = {".git", "__pycache__", ".bench"}
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not skip.intersection(p.relative_to(root).parts)
    )


def ours_project(work: Path, root: Path) -> Path:
    project = work / "ours"
    project.mkdir(parents=True, exist_ok=True)
    (project / "conf.py").write_text(OURS_CONF.format(root=str(root)))
    (project / "index.rst").write_text("Bench\n=====\n\n.. repodoc::\n")
    return project


def floor_project(work: Path, root: Path, files: list[Path]) -> Path:
    """One page per file that only ``literalinclude``\\ s it, toctree nested per folder."""
    project = work / "floor"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    (project / "conf.py").write_text(FLOOR_CONF)
    in_toctree = len(files) <= TOCTREE_FILES
    folders: dict[str, tuple[set[str], list[str]]] = {"": (set(), [])}
    for path in files:
        rel = path.relative_to(root).as_posix()
        parent = rel.rpartition("/")[0]
        folders.setdefault(parent, (set(), []))[1].append(rel)
        while parent:
            up = parent.rpartition("/")[0]
            folders.setdefault(up, (set(), []))[0].add(parent)
            parent = up
        page = project / "files" / (rel + ".rst")
        page.parent.mkdir(parents=True, exist_ok=True)
        title = f"``{rel}``"
        lexer = LEXERS.get(path.suffix, "cmake" if path.name == "CMakeLists.txt" else "text")
        page.write_text(
            ("" if in_toctree else ":orphan:\n\n") + f"{title}\n{'=' * len(title)}\n\n"
            f".. literalinclude:: {os.path.relpath(path, page.parent)}\n   :language: {lexer}\n"
        )
    for folder, (subs, names) in folders.items():
        page = project / "folders" / folder / "index.rst"
        page.parent.mkdir(parents=True, exist_ok=True)
        title = f"``{folder or '.'}``"
        lines = [title, "=" * len(title), "", ".. toctree::", "   :maxdepth: 1", ""]
        lines += [f"   /folders/{sub}/index" for sub in sorted(subs)]
        if in_toctree:
            lines += [f"   /files/{name}" for name in sorted(names)]
        else:
            lines += [""] + [f"- :doc:`/files/{name}`" for name in sorted(names)]
        page.write_text("\n".join(lines) + "\n")
    (project / "index.rst").write_text(
        "Bench floor\n===========\n\n.. toctree::\n\n   folders/index\n"
    )
    return project


def autoapi_python(cache: Path) -> tuple[str | None, str]:
    """A separate venv with sphinx and sphinx-autoapi from PyPI; ``(None, why)`` on failure."""
    venv = cache / "venv-autoapi"
    python = venv / "bin" / "python"
    marker = venv / ".installed"
    if not marker.exists():
        shutil.rmtree(venv, ignore_errors=True)
        try:
            subprocess.run(
                [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True
            )
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", "sphinx", "sphinx-autoapi"],
                check=True,
                capture_output=True,
                timeout=600,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            return None, f"sphinx-autoapi could not be installed: {exc} {detail.decode()[-300:]}"
        marker.touch()
    versions = subprocess.run(
        [
            str(python),
            "-c",
            "import sphinx, autoapi; print(sphinx.__version__, autoapi.__version__)",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    return str(python), f"sphinx-autoapi {versions[1]} on Sphinx {versions[0]}" if len(
        versions
    ) == 2 else ""


def pick_leaf(root: Path) -> Path | None:
    """A Python file (not ``__init__``) that no file of the tree imports, with a function."""
    out = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_repodoc", "scan", str(root), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    model = json.loads(out.stdout)
    for entry in model["files"]:
        if (
            entry["language"] == "python"
            and not entry["path"].endswith("__init__.py")
            and not entry["imported_by"]
            and not entry["tested_by"]
            and entry["symbols"]
        ):
            return root / entry["path"]
    return None


PARSE_SCRIPT = """
import ast, pathlib, sys
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    if "__pycache__" in p.parts:
        continue
    try:
        ast.parse(p.read_bytes(), str(p))
    except (SyntaxError, ValueError):
        pass
    n += 1
print(n)
"""


# ---------------------------------------------------------------- the run


STEPS = ("parse", "scan", "j2", "j1", "rebuilds", "floor", "autoapi")


def measure(args: argparse.Namespace) -> tuple[dict[str, Row], dict[str, str]]:
    cache = args.cache_dir.resolve()
    cache.mkdir(parents=True, exist_ok=True)
    if args.corpus == "stdlib":
        root, corpus_note = stdlib_corpus(cache)
        label = "stdlib"
    elif args.corpus == "synthetic":
        root, corpus_note = synthetic_corpus(cache, args.files, args.seed)
        label = f"synthetic-{args.files}"
    else:
        root = Path(args.corpus).resolve()
        corpus_note = f"`{root}`"
        label = root.name
    work = cache / f"work-{label}"
    work.mkdir(parents=True, exist_ok=True)
    files = corpus_files(root)
    n_py = sum(1 for f in files if f.suffix == ".py")
    info = {
        "label": label,
        "corpus": corpus_note,
        "files": str(len(files)),
        "python_files": str(n_py),
        "runs": str(args.runs),
        "load": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        "code": _code_version(),
    }
    print(f"corpus {label}: {root} ({len(files)} files, {n_py} Python)", flush=True)

    rows: dict[str, Row] = {}

    def add(name: str, sample: Sample, docs: int | None = None) -> None:
        sample.docs_read = docs
        rows.setdefault(name, Row(name)).samples.append(sample)
        rss = f", peak RSS {sample.rss_mib:.0f} MiB" if sample.rss_mib else ""
        read = f", {docs} docs read" if docs is not None else ""
        print(f"  {name:<22} {sample.wall:8.2f} s{rss}{read}", flush=True)

    py = sys.executable
    ours = ours_project(work, root)
    floor = floor_project(work, root, files)
    scan_help = subprocess.run(
        [py, "-m", "sphinxcontrib_repodoc", "scan", "--help"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    has_cache = "--cache" in scan_help
    autoapi_py, autoapi_note = (None, "sphinx-autoapi skipped")
    steps = set(args.steps)
    info["steps"] = ", ".join(s for s in STEPS if s in steps)
    if not args.no_autoapi and "autoapi" in steps:
        autoapi_py, autoapi_note = autoapi_python(cache)
        print(f"  {autoapi_note}", flush=True)
    info["autoapi"] = autoapi_note
    leaf = pick_leaf(root)
    info["leaf"] = str(leaf.relative_to(root)) if leaf else "none found"
    autoapi = None
    if autoapi_py:
        autoapi = work / "autoapi"
        shutil.rmtree(autoapi, ignore_errors=True)
        autoapi.mkdir()
        (autoapi / "conf.py").write_text(AUTOAPI_CONF.format(root=str(root)))
        (autoapi / "index.rst").write_text("Bench autoapi\n=============\n")

    for _ in range(args.runs):
        if "parse" in steps:
            add("ast.parse (.py only)", run([py, "-c", PARSE_SCRIPT, str(root)]))
        scan = [py, "-m", "sphinxcontrib_repodoc", "scan", str(root)]
        if "scan" not in steps:
            pass
        elif has_cache:
            cache_file = work / "scan-cache.pickle"
            cache_file.unlink(missing_ok=True)
            add("scan cold", run([*scan, "--cache", str(cache_file)]))
            add("scan warm", run([*scan, "--cache", str(cache_file)]))
        else:
            add("scan cold", run(scan))
        for jobs in (2, 1):  # -j 1 last: its output is what the rebuilds start from
            if f"j{jobs}" in steps:
                clean(ours, "repodoc")
                add(f"full -j{jobs}", run(sphinx(py, ours, jobs)), docs_read(ours))
        if "rebuilds" not in steps:
            pass
        elif "j1" not in steps:
            sys.exit("--steps rebuilds needs j1: the rebuilds start from the -j 1 build")
        else:
            add("no-change", run(sphinx(py, ours)), docs_read(ours))
        if leaf is not None and "rebuilds" in steps:
            original = leaf.read_bytes()
            try:
                leaf.write_bytes(original + b"\n\ndef bench_edit():\n    return 1\n")
                add("one-edit", run(sphinx(py, ours)), docs_read(ours))
            finally:
                leaf.write_bytes(original)
        if "floor" in steps:
            clean(floor)
            add("floor full", run(sphinx(py, floor)), docs_read(floor))
            add("floor no-change", run(sphinx(py, floor)), docs_read(floor))
        if autoapi is not None and autoapi_py:
            clean(autoapi, "autoapi")
            add("autoapi full", run(sphinx(autoapi_py, autoapi)))
            add("autoapi no-change", run(sphinx(autoapi_py, autoapi)))
    return rows, info


def fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def report(rows: dict[str, Row], info: dict[str, str]) -> str:
    def med(name: str) -> float | None:
        return rows[name].median if name in rows else None

    def ratio(a: str, b: str) -> float | None:
        x, y = med(a), med(b)
        return x / y if x is not None and y else None

    files = int(info["files"])
    lines = [
        f"<!-- corpus:{info['label']} -->",
        f"### {info['label']}: {info['files']} files ({info['python_files']} Python)",
        "",
        f"Corpus: {info['corpus']}. Machine: {os.cpu_count()} cores, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()}, Sphinx {_sphinx_version()}; "
        f"{info['autoapi']}. Steps: {info['steps']}. Code {info['code']}. "
        f"Medians of {info['runs']} run(s); "
        f"load average at start {info['load']}, "
        f"1-min load before each command {min(LOADS, default=0):.1f}–{max(LOADS, default=0):.1f}; "
        f"{time.strftime('%Y-%m-%d')}.",
        "",
        "| measurement | median wall | peak RSS | docs read | warnings |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows.values():
        docs = row.docs
        lines.append(
            f"| {row.name} | {fmt(row.median, ' s')} | {fmt(row.rss, ' MiB', 0)} | "
            f"{'' if docs is None else docs} | {row.samples[-1].warnings} |"
        )
    full = med("full -j1")
    best = min(v for v in (med("full -j1"), med("full -j2")) if v is not None) if full else None
    nochange_ok = None
    if med("no-change") is not None and full:
        nochange_ok = med("no-change") / full <= 0.03 or (
            med("floor no-change") is not None and med("no-change") <= 1.2 * med("floor no-change")
        )
    one_edit_docs = rows["one-edit"].docs if "one-edit" in rows else None
    checks = [
        (
            "full -j1 / autoapi full",
            ratio("full -j1", "autoapi full"),
            "≤ 0.33",
            lambda r: r <= 0.33,
        ),
        ("full -j1 / floor full", ratio("full -j1", "floor full"), "≤ 1.5", lambda r: r <= 1.5),
        (
            "scan throughput / ast.parse throughput",
            ratio("ast.parse (.py only)", "scan cold"),
            "≥ 0.50",
            lambda r: r >= 0.5,
        ),
        ("scan warm / scan cold", ratio("scan warm", "scan cold"), "≤ 0.10", lambda r: r <= 0.1),
        ("full -j2 / full -j1", ratio("full -j2", "full -j1"), "≤ 0.65", lambda r: r <= 0.65),
        (
            "no-change / full -j1",
            ratio("no-change", "full -j1"),
            "≤ 0.03, or ≤ 1.2× floor no-change",
            lambda r: bool(nochange_ok),
        ),
        ("no-change / floor no-change", ratio("no-change", "floor no-change"), "(see above)", None),
        (
            "one-edit / full -j1",
            ratio("one-edit", "full -j1"),
            f"docs re-read: {one_edit_docs}",
            None,
        ),
        ("autoapi no-change / autoapi full", ratio("autoapi no-change", "autoapi full"), "", None),
    ]
    lines += ["", "| ratio | value | target | met |", "|---|---:|---|---|"]
    for name, value, target, ok in checks:
        met = "" if ok is None or value is None else ("yes" if ok(value) else "**no**")
        lines.append(f"| {name} | {fmt(value)} | {target} | {met} |")
    rss = max(
        (
            r.rss
            for r in rows.values()
            if r.name.startswith(("full", "no-change", "one-edit")) and r.rss
        ),
        default=None,
    )
    lines += [
        "",
        f"Throughput of the full build: {fmt(files / full if full else None, ' files/s', 1)} "
        f"with `-j 1`, {fmt(files / best if best else None, ' files/s', 1)} at best; "
        f"peak RSS of our builds {fmt(rss, ' MiB', 0)}. "
        f"One-edit step: a function appended to `{info['leaf']}` (imported by no file).",
        f"<!-- corpus:{info['label']}:end -->",
    ]
    return "\n".join(lines) + "\n"


def _code_version() -> str:
    """The commit measured, with ``+dirty`` when the work tree has changes."""
    out = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty=+dirty"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() or "unknown"


def _sphinx_version() -> str:
    out = subprocess.run(
        [sys.executable, "-c", "import sphinx; print(sphinx.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip()


def write_results(block: str, label: str) -> None:
    head = (
        "# Benchmark results\n\nWritten by `python benchmarks/compare.py`; one block per corpus, "
        "replaced by each run of that corpus.\n\n"
    )
    text = RESULTS.read_text() if RESULTS.exists() else head
    pattern = re.compile(
        rf"<!-- corpus:{re.escape(label)} -->.*?<!-- corpus:{re.escape(label)}:end -->\n", re.S
    )
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + block
    )
    RESULTS.write_text(text)


def update_readme() -> None:
    body = RESULTS.read_text().split("\n", 1)[1].strip()  # without the "# Benchmark results" title
    body = re.sub(r"^Written by .*?\n\n", "", body, flags=re.S)
    text = README.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        sys.exit(f"README.md has no {start} … {end} block")
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    README.write_text(f"{before}{start}\n{body}\n{end}{after}")
    print(f"updated {README}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="stdlib", help="stdlib, synthetic or a folder")
    parser.add_argument("--files", type=int, default=3000, help="synthetic tree size")
    parser.add_argument("--seed", type=int, default=1, help="synthetic tree seed")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-autoapi", action="store_true", help="leave sphinx-autoapi out")
    parser.add_argument(
        "--steps",
        type=lambda text: [s.strip() for s in text.split(",") if s.strip()],
        default=list(STEPS),
        help=f"comma-separated subset of {','.join(STEPS)} (default: all); a 20,000-file "
        "tree is measured with --steps scan,parse,j1",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "repodoc-bench",
        help="corpora, generated projects and the autoapi venv (outside any git work tree)",
    )
    parser.add_argument(
        "--update-readme", action="store_true", help="copy results.md into README.md"
    )
    parser.add_argument(
        "--readme-only", action="store_true", help="only copy results.md into README.md"
    )
    args = parser.parse_args()
    unknown = sorted(set(args.steps) - set(STEPS))
    if unknown:
        parser.error(f"unknown --steps {', '.join(unknown)}; choose from {', '.join(STEPS)}")
    if not args.readme_only:
        rows, info = measure(args)
        block = report(rows, info)
        print()
        print(block)
        write_results(block, info["label"])
        print(f"wrote {RESULTS}")
    if args.update_readme or args.readme_only:
        update_readme()


if __name__ == "__main__":
    main()
