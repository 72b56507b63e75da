"""Include and import resolution of the non-Python languages (analysis/includes.py)."""

from __future__ import annotations

import pytest

from sphinxcontrib_repodoc.analysis.includes import ForeignIndex
from sphinxcontrib_repodoc.model import Import, Language, Origin

L = Language
Or = Origin

TREE = [
    "aten/src/ATen/ATen.h",
    "aten/src/ATen/core/Tensor.h",
    "aten/src/ATen/native/Add.cpp",
    "aten/src/ATen/native/Add.h",
    "aten/src/ATen/test/vitals.cpp",
    "c10/util/Half.h",
    "third_party/a/util.h",
    "third_party/b/util.h",
    "csrc/kernels.cu",
    "csrc/kernels.cuh",
    "web/src/app.ts",
    "web/src/util.ts",
    "web/src/lib/index.js",
    "web/src/legacy.js",
    "rust/src/lib.rs",
    "rust/src/geo.rs",
    "rust/src/util/mod.rs",
    "rust/src/util/math.rs",
    "go/internal/mathx/mathx.go",
    "go/internal/mathx/mathx_test.go",
    "go/cmd/main.go",
    "java/src/com/example/util/Helper.java",
    "java/src/com/example/App.java",
    "scripts/build.sh",
    "scripts/common.sh",
    "scripts/env.sh",
]


def resolve(path: str, language: Language, written: str, dirs: tuple[str, ...] = ()) -> tuple:
    index = ForeignIndex(TREE, dirs)
    [imp] = index.resolve(path, language, [Import(1, written)])
    assert imp.module == written  # as written, always
    return imp.target, imp.origin


@pytest.mark.parametrize(
    ("path", "written", "dirs", "expected"),
    [
        # quoted: relative to the including file first
        ("aten/src/ATen/native/Add.cpp", '"Add.h"', (), ("aten/src/ATen/native/Add.h", Or.LOCAL)),
        ("csrc/kernels.cu", '"kernels.cuh"', (), ("csrc/kernels.cuh", Or.LOCAL)),
        # then the include dirs
        ("csrc/kernels.cu", "<ATen/ATen.h>", ("aten/src",), ("aten/src/ATen/ATen.h", Or.LOCAL)),
        ("csrc/kernels.cu", '"c10/util/Half.h"', ("",), ("c10/util/Half.h", Or.LOCAL)),
        # then a unique suffix match
        ("csrc/kernels.cu", "<ATen/ATen.h>", (), ("aten/src/ATen/ATen.h", Or.LOCAL)),
        ("csrc/kernels.cu", "<ATen/core/Tensor.h>", (), ("aten/src/ATen/core/Tensor.h", Or.LOCAL)),
        # an ambiguous suffix: the candidate nearer the includer, else nothing
        ("third_party/a/x.cpp", '"util.h"', (), ("third_party/a/util.h", Or.LOCAL)),
        ("csrc/kernels.cu", "<util.h>", (), (None, Or.THIRD_PARTY)),
        # system and missing headers
        ("csrc/kernels.cu", "<vector>", (), (None, Or.STDLIB)),
        ("csrc/kernels.cu", "<stdio.h>", (), (None, Or.STDLIB)),
        ("csrc/kernels.cu", "<cuda_runtime.h>", (), (None, Or.THIRD_PARTY)),
        ("csrc/kernels.cu", '"missing.h"', (), (None, Or.UNRESOLVED)),
        ("csrc/kernels.cu", "HEADER_MACRO", (), (None, Or.UNRESOLVED)),
        ("csrc/kernels.cu", '"../../outside.h"', (), (None, Or.UNRESOLVED)),
    ],
)
def test_includes(path: str, written: str, dirs: tuple[str, ...], expected: tuple) -> None:
    assert resolve(path, L.CPP, written, dirs) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("./util", ("web/src/util.ts", Or.LOCAL)),
        ("./util.js", ("web/src/util.ts", Or.LOCAL)),  # TypeScript's ESM convention
        ("./lib", ("web/src/lib/index.js", Or.LOCAL)),
        ("./legacy.js", ("web/src/legacy.js", Or.LOCAL)),
        ("../../nowhere/x", (None, Or.UNRESOLVED)),
        ("./missing", (None, Or.UNRESOLVED)),
        ("fs", (None, Or.STDLIB)),
        ("node:path", (None, Or.STDLIB)),
        ("react", (None, Or.THIRD_PARTY)),
    ],
)
def test_js_ts(written: str, expected: tuple) -> None:
    assert resolve("web/src/app.ts", L.TYPESCRIPT, written) == expected


@pytest.mark.parametrize(
    ("path", "written", "expected"),
    [
        ("rust/src/lib.rs", "geo", ("rust/src/geo.rs", Or.LOCAL)),  # mod geo;
        ("rust/src/lib.rs", "util", ("rust/src/util/mod.rs", Or.LOCAL)),
        ("rust/src/util/mod.rs", "math", ("rust/src/util/math.rs", Or.LOCAL)),
        ("rust/src/geo.rs", "crate::util::math::sqrt", ("rust/src/util/math.rs", Or.LOCAL)),
        ("rust/src/geo.rs", "crate::util::{a, b}", ("rust/src/util/mod.rs", Or.LOCAL)),
        ("rust/src/geo.rs", "crate::Thing", ("rust/src/lib.rs", Or.LOCAL)),
        ("rust/src/util/math.rs", "super::helper", ("rust/src/util/mod.rs", Or.LOCAL)),
        ("rust/src/geo.rs", "std::collections::HashMap", (None, Or.STDLIB)),
        ("rust/src/geo.rs", "serde::Serialize", (None, Or.THIRD_PARTY)),
    ],
)
def test_rust(path: str, written: str, expected: tuple) -> None:
    assert resolve(path, L.RUST, written) == expected


def test_go_java_shell() -> None:
    assert resolve("go/cmd/main.go", L.GO, "example.com/proj/internal/mathx") == (
        "go/internal/mathx/mathx.go",
        Or.LOCAL,
    )
    assert resolve("go/cmd/main.go", L.GO, "fmt") == (None, Or.STDLIB)
    assert resolve("go/cmd/main.go", L.GO, "github.com/x/y") == (None, Or.THIRD_PARTY)
    app = "java/src/com/example/App.java"
    assert resolve(app, L.JAVA, "com.example.util.Helper") == (
        "java/src/com/example/util/Helper.java",
        Or.LOCAL,
    )
    assert resolve(app, L.JAVA, "java.util.List") == (None, Or.STDLIB)
    assert resolve(app, L.JAVA, "org.junit.Test") == (None, Or.THIRD_PARTY)
    sh = "scripts/build.sh"
    assert resolve(sh, L.SHELL, "./common.sh") == ("scripts/common.sh", Or.LOCAL)
    assert resolve(sh, L.SHELL, '$(dirname "$0")/env.sh') == ("scripts/env.sh", Or.LOCAL)
    assert resolve(sh, L.SHELL, "${SCRIPT_DIR}/env.sh") == ("scripts/env.sh", Or.LOCAL)
    assert resolve(sh, L.SHELL, "scripts/common.sh") == ("scripts/common.sh", Or.LOCAL)
    assert resolve(sh, L.SHELL, "/etc/profile") == (None, Or.THIRD_PARTY)
    assert resolve(sh, L.SHELL, "./gone.sh") == (None, Or.UNRESOLVED)
