"""Compare our C / C++ / CUDA symbols with universal-ctags' on any tree.

    python benchmarks/fidelity_ctags.py PATH [--show N]

Needs ``ctags`` (Debian package ``universal-ctags``) and the ``[cpp]`` extra. Every C-family
file under PATH (by our language rules; VCS folders skipped) is read by our extractor and by
``ctags --output-format=json``; the tags are compared per kind group:

======== =================================== ==================================
group    ctags kinds                         our kinds
======== =================================== ==================================
ns       namespace                           namespace
class    class, struct, union                class
type     enum, typedef, alias                type
func     function, prototype                 function, method
macro    macro                               macro
======== =================================== ==================================

A ctags tag matches one of our symbols of the same file and group when the names agree (the
last part of a qualified name) and the tag's line lies in the symbol's line range; a gtest
``TEST(Suite, Name)`` (a ctags function named ``TEST``…) matches our test case ``Suite.Name``.
Recall is matched ctags tags / ctags tags, precision is matched symbols / our symbols. ctags'
members, enumerators, variables and local kinds are not compared (we do not extract them),
nor tags scoped in a function (a class or typedef local to a function body is not part of a
file's API: we leave those out on purpose), nor "functions" with an ALL_CAPS name, which are
macro calls ctags takes for definitions (``PYBIND11_OBJECT(...)``, ``REQUIRE(x)``; also
``PyAPI_FUNC(PyObject *) f(...)``, which ctags tags as ``PyAPI_FUNC``); how many of each were
left out is printed.
Prints one line per group and the first ``--show`` misses of each side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sphinxcontrib_repodoc.discover import language_for
from sphinxcontrib_repodoc.extractors import extractor_for
from sphinxcontrib_repodoc.extractors.treesitter import GTEST_MACROS
from sphinxcontrib_repodoc.model import Kind, Language

C_FAMILY = {Language.C, Language.CPP, Language.CUDA}
CTAGS_GROUP = {
    "namespace": "ns",
    "class": "class",
    "struct": "class",
    "union": "class",
    "enum": "type",
    "typedef": "type",
    "alias": "type",
    "function": "func",
    "prototype": "func",
    "macro": "macro",
}
OUR_GROUP = {
    Kind.NAMESPACE: "ns",
    Kind.CLASS: "class",
    Kind.TYPE: "type",
    Kind.FUNCTION: "func",
    Kind.METHOD: "func",
    Kind.MACRO: "macro",
}
_MACRO_NAME = re.compile(
    r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]{2,}[0-9]*$"
    r"|^[A-Za-z][A-Za-z0-9]*_(?:FUNC|DATA|API|EXPORTS?|IMPORT)$"  # PyAPI_FUNC(type) name(…)
)
GROUPS = ("ns", "class", "type", "func", "macro")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "build", "__pycache__"}


def c_files(root: Path) -> list[str]:
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(names):
            rel = Path(folder, name).relative_to(root).as_posix()
            if language_for(rel) in C_FAMILY:
                out.append(rel)
    return out


def ours(root: Path, paths: list[str]) -> tuple[list[tuple], float]:
    """(path, group, names, line, end_line, is_test) of every symbol, and the time taken."""
    out = []
    started = time.perf_counter()
    for rel in paths:
        lang = language_for(rel)
        extractor = extractor_for(lang)
        text = (root / rel).read_bytes().decode("utf-8", "replace")
        facts = extractor.extract(rel, text)
        if facts.diagnostics and facts.diagnostics[0].subtype == "grammar":
            sys.exit(f"no grammar: {facts.diagnostics[0].message}")
        for top in facts.symbols:
            for sym in top.walk():
                group = OUR_GROUP.get(sym.kind)
                if group is None:
                    continue
                # ``namespace a::b`` is one symbol for us, two tags (a, b) for ctags
                name = sym.name.replace(" ", "")  # ``operator new`` as ctags spells it
                names = tuple(name.split("::")) if group == "ns" else (name,)
                out.append((rel, group, names, sym.line, sym.end_line, sym.is_test))
    return out, time.perf_counter() - started


def ctags(root: Path, paths: list[str]) -> tuple[list[tuple], float, int, int]:
    """(path, group, name, line) of every comparable ctags tag, the time taken, and how many
    tags were left out as local (scoped in a function) and as macro calls."""
    started = time.perf_counter()
    proc = subprocess.run(
        [
            *("ctags", "--languages=C,C++,CUDA", "--kinds-C=+p", "--kinds-C++=+pA"),
            *("--kinds-CUDA=+p", "--fields=+nK", "--output-format=json", "-f", "-", "-L", "-"),
        ],
        input="\n".join(paths),
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - started
    out = []
    local = calls = 0
    tags = [json.loads(line) for line in proc.stdout.splitlines()]
    # scopes opened inside a function body: everything in them is local too
    local_scopes = {
        (t["path"], f"{t['scope']}::{t['name']}")
        for t in tags
        if t.get("scopeKind") in ("function", "prototype") and "scope" in t
    }

    def is_local(tag: dict) -> bool:
        if tag.get("scopeKind") in ("function", "prototype"):
            return True
        scope = tag.get("scope", "")
        parts = scope.split("::")
        return any(
            (tag["path"], "::".join(parts[:i])) in local_scopes for i in range(1, len(parts) + 1)
        )

    for tag in tags:
        group = CTAGS_GROUP.get(tag.get("kind", ""))
        if group is None or tag.get("_type") != "tag":
            continue
        name = tag["name"].rpartition("::")[2].replace(" ", "")  # ``operator <<``
        if name.startswith("__anon"):
            continue  # ctags' names for anonymous structs and namespaces
        if group == "func" and _MACRO_NAME.match(name) and name not in GTEST_MACROS:
            calls += 1  # ``PYBIND11_OBJECT(...)``: a macro call ctags takes for a function
            continue
        if group != "macro" and is_local(tag):
            local += 1  # defined inside a function body: not part of the file's API for us
            continue
        out.append((tag["path"], group, name, int(tag["line"])))
    return out, elapsed, local, calls


def compare(mine: list[tuple], theirs: list[tuple]) -> tuple[dict, list, list]:
    by_file: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for sym in mine:
        by_file[sym[0], sym[1]].append(sym)
    matched_ours: set[tuple] = set()
    missed: list[tuple] = []
    #: ctags tags, our symbols, ctags tags matched, our symbols matched
    hits: dict[str, list[int]] = {g: [0, 0, 0, 0] for g in GROUPS}
    for tag in theirs:
        path, group, name, line = tag
        hits[group][0] += 1
        found = None
        for sym in by_file.get((path, group), ()):
            in_range = sym[3] <= line <= sym[4]
            gtest = name in GTEST_MACROS and sym[5]
            if in_range and (name in sym[2] or gtest):
                found = sym
                break
        if found is None:
            missed.append(tag)
        else:
            hits[group][2] += 1
            matched_ours.add(found)
    for sym in mine:
        hits[sym[1]][1] += 1
        hits[sym[1]][3] += sym in matched_ours
    extra = [s for s in mine if s not in matched_ours]
    return hits, missed, extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--show", type=int, default=10, help="misses shown per side")
    args = parser.parse_args(argv)
    root = args.path.resolve()
    paths = c_files(root)
    mine, t_ours = ours(root, paths)
    theirs, t_ctags, local, calls = ctags(root, paths)
    hits, missed, extra = compare(mine, theirs)
    print(f"{root}: {len(paths)} C/C++/CUDA files; ours {t_ours:.2f}s, ctags {t_ctags:.2f}s")
    print(
        f"left out: {local} ctags tags local to a function body, {calls} ctags 'functions' "
        "with an ALL_CAPS name (macro calls)"
    )
    print(f"{'group':8}{'ctags':>8}{'ours':>8}{'matched':>9}{'recall':>9}{'precision':>11}")
    total = [0, 0, 0, 0]
    for group in GROUPS:
        total = [a + b for a, b in zip(total, hits[group], strict=True)]
        print(f"{group:8}" + _row(*hits[group]))
    print(f"{'all':8}" + _row(*total))
    if args.show:
        for label, rows in (("missed (ctags only)", missed), ("extra (ours only)", extra)):
            if rows:
                print(f"\n{label}, first {min(args.show, len(rows))} of {len(rows)}:")
                for row in rows[: args.show]:
                    print("  ", *row[:4])
    return 0


def _row(n_ctags: int, n_ours: int, ctags_matched: int, ours_matched: int) -> str:
    recall = f"{100 * ctags_matched / n_ctags:.1f}%" if n_ctags else "-"
    precision = f"{100 * ours_matched / n_ours:.1f}%" if n_ours else "-"
    return f"{n_ctags:8}{n_ours:8}{ctags_matched:9}{recall:>9}{precision:>11}"


if __name__ == "__main__":
    sys.exit(main())
