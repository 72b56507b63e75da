"""Performance rules: where the file runs on a GPU, compiles, or runs in parallel."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from .base import C_FAMILY, PYTHON, Hit, Source, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

_KERNEL = re.compile(r"\b__global__\b[^;{(]*?\b(\w+)\s*\(")
_LAUNCH = re.compile(r"\b(\w+)\s*(?:<[^<>;]*>)?\s*<<<")


@rule(
    "cuda-kernel",
    "performance",
    "Defines CUDA kernels (__global__ functions), run on the GPU.",
    C_FAMILY,
    words=("__global__",),
)
def cuda_kernel(src: Source) -> Iterator[Hit]:
    yield from src.code_hits(_KERNEL, 1)


@rule(
    "cuda-launch",
    "performance",
    "Launches CUDA kernels (kernel<<<grid, block>>>).",
    C_FAMILY,
    words=("<<<",),
)
def cuda_launch(src: Source) -> Iterator[Hit]:
    yield from src.code_hits(_LAUNCH, 1)


_TORCH_COMPILE = {
    "torch.compile",
    "torch.jit.script",
    "torch.jit.trace",
    "torch.jit.trace_module",
    "torch.jit.script_method",
    "torch.jit.export",
}


@rule(
    "torch-compile",
    "performance",
    "Compiles with torch.compile or TorchScript (torch.jit): first calls are slow, later ones "
    "run the compiled graph.",
    PYTHON,
    words=(("torch",), ("compile", "jit")),
)
def torch_compile(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        if name in _TORCH_COMPILE:
            yield Hit(call.lineno, name)
    for name, node in src.decorated():
        if name in _TORCH_COMPILE:
            yield Hit(node.lineno, name)


_CONCURRENCY = {
    "multiprocessing.Pool",
    "multiprocessing.Process",
    "multiprocessing.get_context",
    "multiprocessing.pool.Pool",
    "multiprocessing.pool.ThreadPool",
    "threading.Thread",
    "threading.Timer",
    "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.ProcessPoolExecutor",
    "torch.multiprocessing.spawn",
    "torch.multiprocessing.Process",
    "torch.multiprocessing.Pool",
    "torch.multiprocessing.start_processes",
}


@rule(
    "concurrency",
    "performance",
    "Runs work in parallel with processes or threads (multiprocessing, threading, "
    "concurrent.futures).",
    PYTHON,
    words=("multiprocessing", "threading", "concurrent"),
    prefilter=r"(?:Pool|Process|Thread|Timer|Executor|get_context|spawn|start_processes)\b",
)
def concurrency(src: Source) -> Iterator[Hit]:
    for name, call in src.calls:
        if name in _CONCURRENCY:
            yield Hit(call.lineno, name)
    for node in src.nodes:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                name = src.canonical(base)
                if name in ("threading.Thread", "multiprocessing.Process"):
                    yield Hit(node.lineno, f"{node.name}({name})")


@rule(
    "numba",
    "performance",
    "Compiles Python functions to machine code with numba.",
    PYTHON,
    words=("numba",),
)
def numba(src: Source) -> Iterator[Hit]:
    for name, node in src.decorated():
        if name.startswith("numba."):
            yield Hit(node.lineno, name)
    for name, call in src.calls:
        if name.startswith("numba.") and name.rpartition(".")[2] in ("jit", "njit", "vectorize"):
            yield Hit(call.lineno, name)


_OMP = re.compile(r"^[ \t]*#[ \t]*pragma[ \t]+omp\b[ \t]*(\w*)", re.MULTILINE)


@rule(
    "openmp",
    "performance",
    "Parallelises loops with OpenMP pragmas.",
    C_FAMILY,
    words=("omp",),
    prefilter=r"pragma\s+omp",
)
def openmp(src: Source) -> Iterator[Hit]:
    for hit in src.code_hits(_OMP, 1):
        yield Hit(hit.line, f"omp {hit.detail}".strip())


_SIMD = re.compile(
    r"\b(_mm(?:256|512)?_\w+)\s*\(|#[ \t]*include[ \t]*<((?:imm|xmm|emm|pmm|tmm|smm|nmm|wmm|"
    r"zmm)intrin\.h|arm_neon\.h|arm_sve\.h)>"
)


@rule(
    "simd",
    "performance",
    "Uses SIMD intrinsics (x86 _mm* / AVX, ARM NEON / SVE headers).",
    C_FAMILY,
    words=("_mm", "intrin.h", "arm_neon.h", "arm_sve.h"),
)
def simd(src: Source) -> Iterator[Hit]:
    code = src.code
    for match in _SIMD.finditer(code):
        yield Hit(code.count("\n", 0, match.start()) + 1, match.group(1) or match.group(2))
