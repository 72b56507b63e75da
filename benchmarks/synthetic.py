"""Generate a deterministic, realistic polyglot source tree of any size.

    python benchmarks/synthetic.py --files 20000 --seed 1 OUT

The same ``--files`` and ``--seed`` always give byte-identical trees. The shape follows a large
ML framework repository (PyTorch-like), in these proportions of ``--files``:

========================================== ======
Python package modules (+ ``__init__.py``) ~40%
Python tests (pytest)                      ~10%
C++ headers (``.h``)                       ~15%
C++ sources (``.cpp``)                     ~15%
CUDA kernels (``.cu``)                     ~3%
gtest files (``*_test.cpp``)               ~3%
CMakeLists.txt (one per library)           ~1%
Markdown docs                              ~7%
YAML (CI workflows, configs)               ~5%
========================================== ======

Python modules import earlier modules of the tree (absolute and relative imports), define
classes with methods and properties, functions and constants, all with docstrings; tests import
the modules they test. Headers have namespaces, classes and include other headers of the
tree; sources include their header and define the methods out of class; CUDA files define
``__global__`` kernels and launch them; gtest files hold ``TEST``/``TEST_F`` cases. Importable as
a module too: :func:`generate` (used by the CI guard test).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

WORDS = [
    "tensor",
    "graph",
    "kernel",
    "module",
    "layer",
    "optim",
    "loss",
    "data",
    "loader",
    "sampler",
    "linear",
    "conv",
    "pool",
    "norm",
    "attention",
    "embed",
    "quant",
    "sparse",
    "dense",
    "cache",
    "stream",
    "device",
    "memory",
    "alloc",
    "dispatch",
    "profile",
    "trace",
    "export",
    "serialize",
    "compile",
    "fusion",
    "lower",
    "schedule",
    "codegen",
    "runtime",
    "autograd",
    "grad",
    "hook",
    "param",
    "buffer",
    "shape",
    "stride",
    "view",
    "index",
    "reduce",
    "scan",
    "sort",
    "random",
    "init",
    "utils",
    "config",
    "registry",
    "plugin",
    "backend",
    "cpu",
    "cuda",
    "mps",
    "distributed",
    "rpc",
    "store",
    "collective",
    "shard",
    "fsdp",
    "pipeline",
    "checkpoint",
    "metrics",
    "logger",
    "benchmark",
    "vision",
    "audio",
    "text",
    "transform",
    "dataset",
    "cache",
    "queue",
    "worker",
    "pool",
]
VERBS = [
    "build",
    "apply",
    "compute",
    "load",
    "save",
    "reset",
    "update",
    "check",
    "parse",
    "merge",
    "split",
    "fuse",
    "emit",
    "run",
]
NOUNS = [
    "Tensor",
    "Graph",
    "Node",
    "Kernel",
    "Module",
    "Layer",
    "Store",
    "Plan",
    "Buffer",
    "Stream",
    "Shape",
    "Spec",
    "Cache",
]
STD_PY = [
    "os",
    "sys",
    "re",
    "math",
    "json",
    "typing",
    "dataclasses",
    "functools",
    "itertools",
    "collections",
    "logging",
]
STD_CPP = [
    "vector",
    "string",
    "memory",
    "unordered_map",
    "algorithm",
    "cstdint",
    "mutex",
    "optional",
    "functional",
]


def _camel(words: list[str]) -> str:
    return "".join(w.capitalize() for w in words)


@dataclass
class Tree:
    """What the generator keeps while writing: paths written, modules to import from."""

    root: Path
    rng: random.Random
    files: list[str] = field(default_factory=list)
    py_modules: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)
    headers: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.files.append(rel)

    def name(self, n: int = 2) -> list[str]:
        return self.rng.sample(WORDS, n)


# ---------------------------------------------------------------- Python


def _py_docstring(rng: random.Random, what: str, indent: str, args: list[str]) -> str:
    lines = [f'{indent}"""{rng.choice(VERBS).capitalize()} the {what}.', ""]
    lines.append(f"{indent}{' '.join(rng.choices(WORDS, k=rng.randint(8, 16))).capitalize()}.")
    if args:
        lines += ["", f"{indent}Args:"]
        lines += [f"{indent}    {a}: the {rng.choice(WORDS)} {rng.choice(WORDS)}." for a in args]
        lines += ["", f"{indent}Returns:", f"{indent}    The {rng.choice(WORDS)}."]
    lines.append(f'{indent}"""')
    return "\n".join(lines)


def _py_function(rng: random.Random, name: str, indent: str, method: bool) -> str:
    args = rng.sample(WORDS, rng.randint(0, 3))
    params = (["self"] if method else []) + [f"{a}: int = {rng.randint(0, 9)}" for a in args]
    body = [f"{indent}def {name}({', '.join(params)}) -> int:"]
    body.append(_py_docstring(rng, name.replace("_", " "), indent + "    ", args))
    body.append(f"{indent}    total = {rng.randint(0, 100)}")
    for a in args:
        body.append(f"{indent}    if {a} > {rng.randint(0, 5)}:")
        body.append(f"{indent}        total += {a} * {rng.randint(1, 7)}")
    for _ in range(rng.randint(1, 6)):
        body.append(f"{indent}    total = (total * {rng.randint(2, 31)}) % {rng.randint(97, 997)}")
    body.append(f"{indent}    return total")
    return "\n".join(body)


def _py_module(tree: Tree, rel: str, dotted: str, package: str) -> None:
    rng = tree.rng
    out = [f'"""{_camel(tree.name())} {rng.choice(WORDS)} utilities for ``{dotted}``.', ""]
    out += [" ".join(rng.choices(WORDS, k=rng.randint(10, 25))).capitalize() + ".", '"""', ""]
    out += ["from __future__ import annotations", ""]
    out += [f"import {m}" for m in sorted(rng.sample(STD_PY, rng.randint(1, 4)))]
    imported: list[str] = []
    if tree.py_modules:
        for _ in range(rng.randint(1, 4)):
            mod, pkg, classes, funcs = rng.choice(tree.py_modules[-200:])
            if classes and rng.random() < 0.6:
                name = rng.choice(classes)
                if pkg == package and rng.random() < 0.5:
                    out.append(f"from .{mod.rsplit('.', 1)[1]} import {name}")
                else:
                    out.append(f"from {mod} import {name}")
                imported.append(name)
            elif funcs:
                out.append(f"from {mod} import {rng.choice(funcs)}")
            else:
                out.append(f"import {mod}")
    out += ["", f'__all__ = ["{dotted.rsplit(".", 1)[-1].upper()}_VERSION"]', ""]
    out.append(f"{dotted.rsplit('.', 1)[-1].upper()}_VERSION = {rng.randint(1, 9)}")
    out.append(f"DEFAULT_{rng.choice(WORDS).upper()} = {rng.randint(1, 4096)}")
    classes, funcs = [], []
    for _ in range(rng.randint(1, 3)):
        cls = _camel(tree.name()) + rng.choice(NOUNS)
        base = rng.choice(imported) if imported and rng.random() < 0.3 else "object"
        out += ["", "", f"class {cls}({base}):"]
        out.append(_py_docstring(rng, cls, "    ", []))
        out.append(f"    {rng.choice(WORDS)}_{rng.choice(WORDS)}: int = {rng.randint(0, 64)}")
        out += ["", "    def __init__(self, size: int = 1) -> None:", "        self.size = size"]
        out += ["", "    @property", "    def numel(self) -> int:"]
        out += ['        """The number of elements."""', "        return self.size"]
        for _ in range(rng.randint(2, 6)):
            out += ["", _py_function(rng, "_".join(tree.name()), "    ", method=True)]
        classes.append(cls)
    for _ in range(rng.randint(2, 5)):
        fn = f"{rng.choice(VERBS)}_{rng.choice(WORDS)}"
        out += ["", "", _py_function(rng, fn, "", method=False)]
        funcs.append(fn)
    tree.write(rel, "\n".join(out) + "\n")
    tree.py_modules.append((dotted, package, classes, funcs))


def _py_test(tree: Tree, rel: str, target: tuple[str, str, list[str], list[str]]) -> None:
    rng = tree.rng
    dotted, _, classes, funcs = target
    out = [f'"""Tests of ``{dotted}``."""', "", "import pytest", ""]
    names = classes[:2] + funcs[:2]
    out.append(f"from {dotted} import {', '.join(names)}")
    for fn in funcs[:2]:
        out += ["", "", f"def test_{fn}():", f"    assert {fn}() >= 0"]
    out += ["", "", '@pytest.mark.parametrize("size", [1, 2, 8])', "def test_sizes(size):"]
    if classes:
        out.append(f"    assert {classes[0]}(size).numel == size")
        out += ["", "", f"class Test{classes[0]}:"]
        for i in range(rng.randint(2, 5)):
            out += [
                f"    def test_case_{i}(self):",
                f"        assert {classes[0]}({i}).size == {i}",
            ]
            out.append("")
    else:
        out.append("    assert size > 0")
    tree.write(rel, "\n".join(out).rstrip() + "\n")


# ---------------------------------------------------------------- C++ / CUDA


def _cpp_header(tree: Tree, rel: str, include: str, ns: list[str]) -> list[str]:
    rng = tree.rng
    out = [f"// {_camel(tree.name())}: {' '.join(rng.choices(WORDS, k=8))}.", "#pragma once", ""]
    out += [f"#include <{h}>" for h in sorted(rng.sample(STD_CPP, rng.randint(1, 4)))]
    for other in rng.sample(tree.headers[-100:], min(len(tree.headers[-100:]), rng.randint(0, 3))):
        out.append(f'#include "{other[1]}"')
    out += [
        "",
        f"#define {'_'.join(ns).upper()}_{rng.choice(WORDS).upper()}_MAX {rng.randint(8, 1024)}",
    ]
    out += ["", f"namespace {'::'.join(ns)} {{", ""]
    classes = []
    for _ in range(rng.randint(1, 3)):
        cls = _camel(tree.name()) + rng.choice(NOUNS)
        out += [f"/// {cls} holds the {rng.choice(WORDS)} {rng.choice(WORDS)}.", f"class {cls} {{"]
        out += [" public:", f"  explicit {cls}(int64_t size);"]
        for _ in range(rng.randint(2, 6)):
            out.append(f"  int64_t {rng.choice(VERBS)}_{rng.choice(WORDS)}(int64_t n) const;")
        out += [" private:", "  int64_t size_;", "};", ""]
        classes.append(cls)
    out += [f"using {_camel(tree.name())}Ptr = std::shared_ptr<{classes[0]}>;", ""]
    out += [f"int64_t {rng.choice(VERBS)}_{rng.choice(WORDS)}(int64_t a, int64_t b);", ""]
    out.append(f"}}  // namespace {'::'.join(ns)}")
    tree.write(rel, "\n".join(out) + "\n")
    tree.headers.append((rel, include, classes))
    return classes


def _cpp_source(tree: Tree, rel: str, include: str, ns: list[str], header: str) -> None:
    rng = tree.rng
    text = (tree.root / header).read_text(encoding="utf-8")
    out = [f'#include "{include}"', ""] + [f"#include <{h}>" for h in rng.sample(STD_CPP, 2)]
    out += ["", f"namespace {'::'.join(ns)} {{", ""]
    cls = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("class "):
            cls = line.split()[1]
            out += [f"{cls}::{cls}(int64_t size) : size_(size) {{}}", ""]
        elif cls and line.startswith("int64_t ") and line.endswith("const;"):
            sig = line[len("int64_t ") : -len(";")]
            out += [f"int64_t {cls}::{sig} {{", "  int64_t acc = size_;"]
            for _ in range(rng.randint(1, 8)):
                out.append(f"  acc = (acc * {rng.randint(2, 31)} + n) % {rng.randint(97, 997)};")
            out += ["  return acc;", "}", ""]
    out.append(f"}}  // namespace {'::'.join(ns)}")
    tree.write(rel, "\n".join(out) + "\n")


def _cuda(tree: Tree, rel: str, include: str, ns: list[str]) -> None:
    rng = tree.rng
    out = [
        "#include <cuda_runtime.h>",
        f'#include "{include}"',
        "",
        f"namespace {'::'.join(ns)} {{",
    ]
    for _ in range(rng.randint(1, 3)):
        k = f"{rng.choice(WORDS)}_{rng.choice(VERBS)}_kernel"
        out += ["", f"__global__ void {k}(const float* in, float* out, int64_t n) {{"]
        out += ["  int64_t i = blockIdx.x * blockDim.x + threadIdx.x;"]
        out += [f"  if (i < n) out[i] = in[i] * {rng.randint(2, 9)}.0f;", "}", ""]
        out += [f"void launch_{k}(const float* in, float* out, int64_t n, cudaStream_t s) {{"]
        out += [f"  {k}<<<(n + 255) / 256, 256, 0, s>>>(in, out, n);", "}"]
    out += ["", f"}}  // namespace {'::'.join(ns)}"]
    tree.write(rel, "\n".join(out) + "\n")


def _gtest(tree: Tree, rel: str, include: str, classes: list[str], ns: list[str]) -> None:
    rng = tree.rng
    out = [
        "#include <gtest/gtest.h>",
        f'#include "{include}"',
        "",
        f"using namespace {'::'.join(ns)};",
    ]
    suite = classes[0] + "Test"
    for i in range(rng.randint(2, 6)):
        out += [
            "",
            f"TEST({suite}, Case{i}) {{",
            f"  {classes[0]} x({i + 1});",
            "  EXPECT_TRUE(true);",
            "}",
        ]
    out += ["", f"class {suite}Fixture : public ::testing::Test {{}};", ""]
    out += [f"TEST_F({suite}Fixture, Works) {{", "  ASSERT_EQ(1, 1);", "}"]
    tree.write(rel, "\n".join(out) + "\n")


# ---------------------------------------------------------------- other files


def _markdown(tree: Tree, rel: str) -> None:
    rng = tree.rng
    out = [f"# {' '.join(w.capitalize() for w in tree.name(3))}", ""]
    for _ in range(rng.randint(2, 6)):
        out += [f"## {' '.join(tree.name(2)).capitalize()}", ""]
        out += [" ".join(rng.choices(WORDS, k=rng.randint(20, 60))).capitalize() + ".", ""]
        if rng.random() < 0.4:
            out += ["```python", f"import {rng.choice(STD_PY)}", "```", ""]
    tree.write(rel, "\n".join(out))


def _cmake(tree: Tree, rel: str, lib: str, sources: list[str], tests: list[str]) -> None:
    out = ["cmake_minimum_required(VERSION 3.18)", f"project({lib} LANGUAGES CXX CUDA)", ""]
    out += [f"add_library({lib}", *(f"  {s}" for s in sources), ")"]
    out += [f"target_include_directories({lib} PUBLIC include)", ""]
    for t in tests:
        name = Path(t).stem
        out += [f"add_executable({name} {t})", f"target_link_libraries({name} {lib} gtest_main)"]
    tree.write(rel, "\n".join(out) + "\n")


def _yaml(tree: Tree, rel: str) -> None:
    rng = tree.rng
    out = [f"name: {' '.join(tree.name())}", "on:", "  push:", "    branches: [main]", "jobs:"]
    for job in tree.name(rng.randint(1, 3)):
        out += [f"  {job}:", "    runs-on: ubuntu-latest", "    steps:"]
        out += ["      - uses: actions/checkout@v4", f"      - run: make {rng.choice(VERBS)}"]
    tree.write(rel, "\n".join(out) + "\n")


# ---------------------------------------------------------------- driver


def generate(out: Path, files: int, seed: int = 1) -> list[str]:
    """Write a tree of ``files`` files, give or take a few, under ``out``; return their paths."""
    rng = random.Random(seed)
    tree = Tree(out, rng)
    n = max(files, 20)
    quota = {
        "py": round(n * 0.40),
        "pytest": round(n * 0.10),
        "cpp": round(n * 0.38),
        "md": round(n * 0.07),
    }
    quota["yaml"] = n - sum(quota.values())  # the CMakeLists come out of the C++ share

    tree.write("README.md", "# Synthetic\n\nA generated repository for benchmarks.\n")
    # Python: packages of 5..25 modules, nested up to three levels
    written, packages = 0, 0
    while written < quota["py"]:
        depth = rng.choice((1, 2, 2, 3))
        parts = [
            "synth",
            *(f"{w}{packages}" if i == depth - 1 else w for i, w in enumerate(tree.name(depth))),
        ]
        package = ".".join(parts)
        pdir = "/".join(parts)
        tree.write(f"{pdir}/__init__.py", f'"""The ``{package}`` package."""\n')
        written += 1
        for i in range(min(rng.randint(5, 25), quota["py"] - written)):
            mod = f"{rng.choice(WORDS)}_{i}"
            _py_module(tree, f"{pdir}/{mod}.py", f"{package}.{mod}", package)
            written += 1
        packages += 1
    for i in range(quota["pytest"]):
        target = tree.py_modules[(i * 7919) % len(tree.py_modules)]
        sub = target[0].split(".")[1]
        _py_test(tree, f"test/{sub}/test_{target[0].rsplit('.', 1)[1]}_{i}.py", target)
    # C++: libraries of 10..60 files: include/<lib>/<sub>/x.h, src/<sub>/x.cpp, cuda, test
    written, libs = 0, 0
    while written < quota["cpp"]:
        lib = f"{rng.choice(WORDS)}{libs}"
        base = f"csrc/{lib}"
        sources, tests = [], []
        subs = tree.name(rng.randint(2, 4))
        for _ in range(rng.randint(4, 20)):
            if written >= quota["cpp"] - 1:
                break
            sub = rng.choice(subs)
            ns = [lib, sub]
            stem = f"{rng.choice(NOUNS)}{_camel(tree.name())}"
            include = f"{lib}/{sub}/{stem}.h"
            classes = _cpp_header(tree, f"{base}/include/{include}", include, ns)
            _cpp_source(
                tree, f"{base}/src/{sub}/{stem}.cpp", include, ns, f"{base}/include/{include}"
            )
            sources.append(f"src/{sub}/{stem}.cpp")
            written += 2
            roll = rng.random()
            if roll < 0.3:
                _cuda(tree, f"{base}/cuda/{sub}/{stem}.cu", include, ns)
                sources.append(f"cuda/{sub}/{stem}.cu")
                written += 1
            elif roll < 0.6:
                _gtest(tree, f"{base}/test/{stem}_test.cpp", include, classes, ns)
                tests.append(f"test/{stem}_test.cpp")
                written += 1
        _cmake(tree, f"{base}/CMakeLists.txt", lib, sources, tests)
        written += 1
        libs += 1
    for i in range(quota["md"]):
        folder = rng.choice(["docs", "docs/guides", "docs/design", "docs/api"])
        _markdown(tree, f"{folder}/{'-'.join(tree.name())}-{i}.md")
    for i in range(max(quota["yaml"] - 1, 0)):
        folder = ".github/workflows" if i % 3 == 0 else "configs"
        _yaml(tree, f"{folder}/{'_'.join(tree.name())}_{i}.yml")
    return tree.files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    parser.add_argument("--files", type=int, default=2000, help="about how many files")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    files = generate(args.out, args.files, args.seed)
    by_ext: dict[str, int] = {}
    for f in files:
        ext = Path(f).suffix or Path(f).name
        by_ext[ext] = by_ext.get(ext, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(by_ext.items(), key=lambda kv: -kv[1]))
    print(f"{len(files)} files in {args.out}: {summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
