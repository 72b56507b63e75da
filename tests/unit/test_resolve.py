"""Python module names and import resolution, on inline path lists."""

from __future__ import annotations

import pytest

from sphinxcontrib_repodoc.analysis.resolve import PythonModuleIndex, is_stdlib
from sphinxcontrib_repodoc.model import Import, ImportedName, Origin

LOCAL, STDLIB, THIRD, UNRESOLVED = (
    Origin.LOCAL,
    Origin.STDLIB,
    Origin.THIRD_PARTY,
    Origin.UNRESOLVED,
)


def index(*paths: str, roots: tuple[str, ...] = ("", "src")) -> PythonModuleIndex:
    return PythonModuleIndex(paths, roots)


def names(*items: str | tuple[str, str]) -> tuple[ImportedName, ...]:
    return tuple(ImportedName(*i) if isinstance(i, tuple) else ImportedName(i) for i in items)


def one(idx: PythonModuleIndex, path: str, imp: Import) -> Import:
    (out,) = idx.resolve(path, [imp])
    return out


def summary(imports: tuple[Import, ...]) -> list[tuple]:
    return [(i.module, tuple(n.name for n in i.names), i.target, i.origin) for i in imports]


# -- module names ---------------------------------------------------------------------------


SRC_TREE = (
    "README.md",
    "setup.py",
    "src/pkg/__init__.py",
    "src/pkg/sub/__init__.py",
    "src/pkg/sub/mod.py",
    "src/pkg/a.py",
    "tests/test_a.py",
    "tests/conftest.py",
    "my-scripts/x.py",
    "tests/roots/test-x/conf.py",
    ".github/scripts/check.py",
    "pkg2/class/x.py",
    "src/__init__.py",
)


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("src/pkg/sub/mod.py", "pkg.sub.mod"),
        ("src/pkg/__init__.py", "pkg"),
        ("src/pkg/sub/__init__.py", "pkg.sub"),
        ("setup.py", "setup"),
        ("tests/test_a.py", "tests.test_a"),  # implicit namespace package
        ("my-scripts/x.py", None),
        ("tests/roots/test-x/conf.py", None),
        (".github/scripts/check.py", None),
        ("pkg2/class/x.py", None),  # a keyword cannot be imported
        ("src/__init__.py", None),  # the root folder itself is no package
        ("README.md", None),
    ],
)
def test_module_of(path: str, module: str | None) -> None:
    assert index(*SRC_TREE).module_of(path) == module


def test_path_of_and_is_package() -> None:
    idx = index(*SRC_TREE)
    assert idx.path_of("pkg.sub") == "src/pkg/sub/__init__.py"
    assert idx.path_of("pkg.sub.mod") == "src/pkg/sub/mod.py"
    assert idx.path_of("src.pkg") is None  # the longest root wins
    assert idx.path_of("tests") is None  # a namespace package has no file
    assert idx.is_namespace("tests")
    assert not idx.is_namespace("pkg")
    assert idx.is_package("src/pkg/__init__.py")
    assert idx.is_package("stubs/__init__.pyi")
    assert not idx.is_package("src/pkg/a.py")


def test_longest_root_wins() -> None:
    idx = index("lib/core/x.py", "lib/y.py", "z.py", roots=("", "lib", "lib/core"))
    assert idx.module_of("lib/core/x.py") == "x"
    assert idx.module_of("lib/y.py") == "y"
    assert idx.module_of("z.py") == "z"
    assert idx.path_of("lib.y") is None


def test_file_named_like_a_root_is_not_inside_it() -> None:
    idx = index("src.py", "src/pkg/a.py")
    assert idx.module_of("src.py") == "src"
    assert idx.module_of("src/pkg/a.py") == "pkg.a"


def test_roots_normalized_and_missing_roots_ignored() -> None:
    idx = index("src/pkg/a.py", roots=("./", "src/", "nowhere"))
    assert idx.module_of("src/pkg/a.py") == "pkg.a"


def test_root_without_empty_string_leaves_other_files_unnamed() -> None:
    idx = index("src/pkg/a.py", "tools/t.py", roots=("src",))
    assert idx.module_of("src/pkg/a.py") == "pkg.a"
    assert idx.module_of("tools/t.py") is None


def test_namespace_packages() -> None:
    idx = index("ns/sub/mod.py", roots=("",))
    assert idx.module_of("ns/sub/mod.py") == "ns.sub.mod"
    assert idx.is_namespace("ns") and idx.is_namespace("ns.sub")
    assert idx.path_of("ns.sub") is None


def test_py_preferred_over_pyi() -> None:
    idx = index("pkg/__init__.py", "pkg/a.py", "pkg/a.pyi", "pkg/b.pyi", roots=("",))
    assert idx.path_of("pkg.a") == "pkg/a.py"
    assert idx.module_of("pkg/a.pyi") == "pkg.a"
    assert idx.path_of("pkg.b") == "pkg/b.pyi"
    out = one(idx, "main.py", Import(1, "pkg", names=names("a")))
    assert (out.module, out.target) == ("pkg.a", "pkg/a.py")


def test_duplicate_module_names_are_deterministic() -> None:
    # package over module (the finder checks the folder first), then the sorted path
    idx = index("m.py", "m/__init__.py", "src/conftest.py", "conftest.py")
    assert idx.path_of("m") == "m/__init__.py"
    assert idx.path_of("conftest") == "conftest.py"
    assert idx.module_of("src/conftest.py") == "conftest"
    reversed_idx = index("src/conftest.py", "conftest.py", "m/__init__.py", "m.py")
    assert reversed_idx.path_of("conftest") == "conftest.py"
    assert reversed_idx.path_of("m") == "m/__init__.py"


# -- absolute imports -------------------------------------------------------------------------


def test_stdlib_third_party_local() -> None:
    idx = index(*SRC_TREE)
    src = "src/pkg/a.py"
    out = idx.resolve(
        src,
        [
            Import(1, "__future__", names=names("annotations")),
            Import(2, "os.path"),
            Import(3, "numpy", alias="np"),
            Import(4, "pkg.sub.mod"),
            Import(5, "setup"),
        ],
    )
    assert summary(out) == [
        ("__future__", ("annotations",), None, STDLIB),
        ("os.path", (), None, STDLIB),
        ("numpy", (), None, THIRD),
        ("pkg.sub.mod", (), "src/pkg/sub/mod.py", LOCAL),
        ("setup", (), "setup.py", LOCAL),
    ]
    assert out[2].alias == "np"


def test_import_dotted_deepest_match() -> None:
    idx = index("a/__init__.py", "a/b/__init__.py", "a/b/c.py", "x/__init__.py", roots=("",))
    assert one(idx, "m.py", Import(1, "a.b.c")).target == "a/b/c.py"
    assert one(idx, "m.py", Import(1, "a.b")).target == "a/b/__init__.py"
    missing = one(idx, "m.py", Import(1, "a.b.missing"))
    assert (missing.target, missing.origin) == ("a/b/__init__.py", LOCAL)
    assert one(idx, "m.py", Import(1, "x.y.z")).target == "x/__init__.py"


def test_namespace_import_is_local_without_target() -> None:
    idx = index("ns/sub/mod.py", roots=("",))
    assert one(idx, "m.py", Import(1, "ns.sub")) == Import(1, "ns.sub", origin=LOCAL)
    deep = one(idx, "m.py", Import(1, "ns.sub.mod.attr"))
    assert (deep.target, deep.origin) == ("ns/sub/mod.py", LOCAL)
    # a namespace prefix may continue in another distribution
    assert one(idx, "m.py", Import(1, "ns.other")).origin is THIRD


def test_local_package_shadows_stdlib() -> None:
    idx = index("json/__init__.py", "json/extra.py", roots=("",))
    assert one(idx, "m.py", Import(1, "json")) == Import(
        1, "json", target="json/__init__.py", origin=LOCAL
    )
    assert one(idx, "m.py", Import(1, "json.extra")).target == "json/extra.py"
    assert one(idx, "m.py", Import(1, "json.decoder")).target == "json/__init__.py"


def test_namespace_folder_does_not_shadow_stdlib() -> None:
    idx = index("email/tool.py", "typing.pyi", roots=("",))
    assert one(idx, "m.py", Import(1, "email")).origin is STDLIB
    assert one(idx, "m.py", Import(1, "email.tool")).origin is STDLIB
    # a stub is a regular module: it shadows
    assert one(idx, "m.py", Import(1, "typing")).target == "typing.pyi"


def test_shadowing_only_at_an_import_root() -> None:
    idx = index("pkg/json/__init__.py", roots=("",))
    assert one(idx, "m.py", Import(1, "json")).origin is STDLIB


def test_is_stdlib() -> None:
    assert is_stdlib("os.path")
    assert is_stdlib("__future__")
    assert is_stdlib("collections.abc")
    assert not is_stdlib("numpy")
    assert not is_stdlib("")


# -- submodule splitting ----------------------------------------------------------------------

PKG = ("pkg/__init__.py", "pkg/a.py", "pkg/b/__init__.py", "pkg/c.pyi", "pkg/mod.py")


def test_from_package_import_splits_submodules_and_names() -> None:
    idx = index(*PKG, roots=("",))
    out = idx.resolve(
        "main.py",
        [Import(7, "pkg", names=names(("a", "aa"), "X", "b", "Y"), type_checking=True)],
    )
    assert out == (
        Import(7, "pkg.a", alias="aa", type_checking=True, target="pkg/a.py", origin=LOCAL),
        Import(
            7,
            "pkg",
            names=names("X", "Y"),
            type_checking=True,
            target="pkg/__init__.py",
            origin=LOCAL,
        ),
        Import(7, "pkg.b", alias="b", type_checking=True, target="pkg/b/__init__.py", origin=LOCAL),
    )


def test_only_submodules_gives_no_empty_rest() -> None:
    idx = index(*PKG, roots=("",))
    out = idx.resolve("main.py", [Import(1, "pkg", names=names("a", "c"))])
    assert summary(out) == [
        ("pkg.a", (), "pkg/a.py", LOCAL),
        ("pkg.c", (), "pkg/c.pyi", LOCAL),
    ]


def test_star_and_module_targets_never_split() -> None:
    idx = index(*PKG, roots=("",))
    star = idx.resolve("main.py", [Import(1, "pkg", names=names("*"))])
    assert summary(star) == [("pkg", ("*",), "pkg/__init__.py", LOCAL)]
    # ``pkg.a`` is a module, not a package: its names are attributes
    attr = idx.resolve("main.py", [Import(1, "pkg.a", names=names("mod"))])
    assert summary(attr) == [("pkg.a", ("mod",), "pkg/a.py", LOCAL)]
    # not local: nothing to split
    third = idx.resolve("main.py", [Import(1, "os", names=names("path"))])
    assert summary(third) == [("os", ("path",), None, STDLIB)]


def test_from_namespace_package_import() -> None:
    idx = index("ns/sub/mod.py", "ns/sub/deeper/x.py", roots=("",))
    out = idx.resolve("main.py", [Import(1, "ns.sub", names=names("mod", "deeper", "attr"))])
    assert summary(out) == [
        ("ns.sub.mod", (), "ns/sub/mod.py", LOCAL),
        ("ns.sub.deeper", (), None, LOCAL),
        ("ns.sub", ("attr",), None, LOCAL),
    ]


# -- relative imports -------------------------------------------------------------------------

DEEP = (
    "src/top/__init__.py",
    "src/top/util.py",
    "src/top/mid/__init__.py",
    "src/top/mid/helpers.py",
    "src/top/mid/low/__init__.py",
    "src/top/mid/low/mod.py",
    "src/top/mid/low/sibling.py",
)
MOD = "src/top/mid/low/mod.py"


@pytest.mark.parametrize(
    ("imp", "module", "target", "origin"),
    [
        (Import(1, "sibling", level=1), "top.mid.low.sibling", "src/top/mid/low/sibling.py", LOCAL),
        (Import(1, "helpers", level=2), "top.mid.helpers", "src/top/mid/helpers.py", LOCAL),
        (Import(1, "util", level=3), "top.util", "src/top/util.py", LOCAL),
        (Import(1, "", level=3), "top", "src/top/__init__.py", LOCAL),
        (Import(1, "", level=4), "", None, UNRESOLVED),  # above the top-level package
        (Import(1, "x", level=5), "x", None, UNRESOLVED),
        (Import(1, "missing", level=2), "top.mid.missing", None, UNRESOLVED),
        (Import(1, "..helpers"), "top.mid.helpers", "src/top/mid/helpers.py", LOCAL),
    ],
)
def test_relative_levels(imp: Import, module: str, target: str | None, origin: Origin) -> None:
    out = one(index(*DEEP), MOD, imp)
    assert (out.module, out.target, out.origin) == (module, target, origin)
    assert out.level == (imp.level or 2)  # kept as written


def test_relative_in_package_init() -> None:
    idx = index(*DEEP)
    out = one(idx, "src/top/mid/__init__.py", Import(1, "helpers", level=1))
    assert (out.module, out.target) == ("top.mid.helpers", "src/top/mid/helpers.py")
    up = one(idx, "src/top/__init__.py", Import(1, "x", level=2))
    assert up.origin is UNRESOLVED


def test_relative_from_top_level_module_is_unresolved() -> None:
    idx = index("setup.py", "helper.py", roots=("",))
    assert one(idx, "setup.py", Import(1, "helper", level=1)).origin is UNRESOLVED


def test_from_dot_import_sibling_splits() -> None:
    idx = index(*DEEP)
    out = idx.resolve(
        MOD,
        [Import(3, "", level=1, names=names(("sibling", "sib"), "CONST"))],
    )
    assert out == (
        Import(
            3,
            "top.mid.low.sibling",
            level=1,
            alias="sib",
            target="src/top/mid/low/sibling.py",
            origin=LOCAL,
        ),
        Import(
            3,
            "top.mid.low",
            names=names("CONST"),
            level=1,
            target="src/top/mid/low/__init__.py",
            origin=LOCAL,
        ),
    )


def test_from_dotdot_import_submodule() -> None:
    out = index(*DEEP).resolve(MOD, [Import(1, "", level=3, names=names("mid", "util"))])
    assert summary(out) == [
        ("top.mid", (), "src/top/mid/__init__.py", LOCAL),
        ("top.util", (), "src/top/util.py", LOCAL),
    ]


def test_relative_in_namespace_package() -> None:
    idx = index("ns/sub/mod.py", "ns/sub/other.py", roots=("",))
    out = idx.resolve("ns/sub/mod.py", [Import(1, "", level=1, names=names("other", "thing"))])
    assert summary(out) == [
        ("ns.sub.other", (), "ns/sub/other.py", LOCAL),
        ("ns.sub", ("thing",), None, LOCAL),
    ]


def test_path_with_dash_resolves_relative_imports() -> None:
    idx = index(
        "my-scripts/x.py",
        "my-scripts/helper.py",
        "my-scripts/lib/__init__.py",
        "my-scripts/lib/tool.py",
        "tests/roots/test-x/conf.py",
        "tests/roots/test-x/ext/__init__.py",
        roots=("",),
    )
    out = idx.resolve(
        "my-scripts/x.py",
        [
            Import(1, "", level=1, names=names("helper", "other")),
            Import(2, "lib.tool", level=1, names=names("f")),
            Import(3, "nothing", level=1),
            Import(4, "", level=3),  # above the repository root
        ],
    )
    assert summary(out) == [
        ("helper", (), "my-scripts/helper.py", LOCAL),  # stays relative: no dotted anchor
        ("", ("other",), None, LOCAL),  # the folder itself: a namespace-like folder
        ("lib.tool", ("f",), "my-scripts/lib/tool.py", LOCAL),
        ("nothing", (), None, UNRESOLVED),
        ("", (), None, UNRESOLVED),
    ]
    assert [i.level for i in out] == [1, 1, 1, 1, 3]
    ext = one(idx, "tests/roots/test-x/conf.py", Import(1, "ext", level=1))
    assert ext.target == "tests/roots/test-x/ext/__init__.py"


def test_order_line_and_flags_kept() -> None:
    idx = index(*PKG, roots=("",))
    imports = [
        Import(1, "os"),
        Import(2, "pkg", names=names("a", "X")),
        Import(9, "pkg.mod", type_checking=True),
    ]
    out = idx.resolve("main.py", imports)
    assert [(i.line, i.module, i.type_checking) for i in out] == [
        (1, "os", False),
        (2, "pkg.a", False),
        (2, "pkg", False),
        (9, "pkg.mod", True),
    ]
