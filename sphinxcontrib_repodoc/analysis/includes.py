"""Where the includes and imports of the non-Python languages point, from the list of paths.

Static, like :mod:`.resolve`: only the tree's paths and the configuration are consulted.

- **C / C++ / CUDA** ``#include``: a ``"quoted"`` name relative to the including file first,
  then each folder of ``repodoc_cpp_include_dirs``, then a path-suffix match across the tree
  (``<ATen/ATen.h>`` → ``aten/src/ATen/ATen.h``) that must be unique, or have one candidate
  nearer the including file than every other one. Not found: a standard header is
  :attr:`Origin.STDLIB`, an ``<angled>`` one :attr:`Origin.THIRD_PARTY`, a ``"quoted"`` one
  :attr:`Origin.UNRESOLVED`. ``module`` keeps the include as written, delimiters included.
- **JavaScript / TypeScript**: ``./`` and ``../`` specifiers, with the usual extensions and
  ``/index.*``; Node's built-in modules are the standard library; the rest is third party.
- **Rust**: ``crate::``, ``self::``, ``super::`` paths and ``mod name;`` to ``name.rs`` or
  ``name/mod.rs``; ``std``/``core``/``alloc`` are the standard library.
- **Go**: a path whose first element has no dot is the standard library; another one is local
  when a folder of the tree ends with it (the target is its first non-test ``.go`` file).
- **Java**: ``java.``/``javax.`` are the standard library; ``a.b.C`` is local when a file ends
  with ``a/b/C.java``.
- **Shell**: ``source``/``.`` of a path relative to the script's folder (a leading
  ``$(dirname "$0")/`` or ``$DIR/`` is read as that folder), then to the root.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import Import, Kind, Language, Origin, SourceFile, Symbol, evolve

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["CPP_STANDARD_HEADERS", "ForeignIndex", "link_declarations"]

_L = Language
C_FAMILY = frozenset({_L.C, _L.CPP, _L.CUDA, _L.OBJCPP, _L.METAL})

# fmt: off
_C_HEADERS = (
    "assert.h", "complex.h", "ctype.h", "errno.h", "fenv.h", "float.h", "inttypes.h",
    "iso646.h", "limits.h", "locale.h", "math.h", "setjmp.h", "signal.h", "stdalign.h",
    "stdarg.h", "stdatomic.h", "stdbit.h", "stdbool.h", "stdckdint.h", "stddef.h", "stdint.h",
    "stdio.h", "stdlib.h", "stdnoreturn.h", "string.h", "tgmath.h", "threads.h", "time.h",
    "uchar.h", "wchar.h", "wctype.h",
)
_CPP_HEADERS = (
    "algorithm", "any", "array", "atomic", "barrier", "bit", "bitset", "cassert", "ccomplex",
    "cctype", "cerrno", "cfenv", "cfloat", "charconv", "chrono", "cinttypes", "ciso646",
    "climits", "clocale", "cmath", "codecvt", "compare", "complex", "concepts",
    "condition_variable", "coroutine", "csetjmp", "csignal", "cstdalign", "cstdarg", "cstdbool",
    "cstddef", "cstdint", "cstdio", "cstdlib", "cstring", "ctgmath", "ctime", "cuchar",
    "cwchar", "cwctype", "deque", "exception", "execution", "expected", "filesystem", "flat_map",
    "flat_set", "format", "forward_list", "fstream", "functional", "future", "generator",
    "initializer_list", "iomanip", "ios", "iosfwd", "iostream", "istream", "iterator", "latch",
    "limits", "list", "locale", "map", "mdspan", "memory", "memory_resource", "mutex", "new",
    "numbers", "numeric", "optional", "ostream", "print", "queue", "random", "ranges", "ratio",
    "regex", "scoped_allocator", "semaphore", "set", "shared_mutex", "source_location", "span",
    "spanstream", "sstream", "stack", "stacktrace", "stdexcept", "stdfloat", "stop_token",
    "streambuf", "string", "string_view", "strstream", "syncstream", "system_error", "thread",
    "tuple", "type_traits", "typeindex", "typeinfo", "unordered_map", "unordered_set",
    "utility", "valarray", "variant", "vector", "version",
)
_NODE_BUILTINS = (
    "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
    "crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "fs/promises",
    "http", "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks",
    "process", "punycode", "querystring", "readline", "repl", "stream", "string_decoder",
    "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi", "worker_threads",
    "zlib",
)
# fmt: on
CPP_STANDARD_HEADERS = frozenset(_C_HEADERS + _CPP_HEADERS)
_JS_EXTENSIONS = (".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_RUST_STD = frozenset({"std", "core", "alloc", "proc_macro", "test"})
_SHELL_DIR_PREFIX = re.compile(
    r"""^(?:"?\$\(\s*dirname\s+[^)]*\)"?|"?\$\{?\w+\}?"?|"?\$\(\s*cd\s+[^)]*\)"?)/"""
)


def _common_prefix(a: str, b: str) -> int:
    """Number of leading path segments shared by two paths' folders."""
    n = 0
    for x, y in zip(a.split("/")[:-1], b.split("/")[:-1], strict=False):
        if x != y:
            break
        n += 1
    return n


def _norm(path: str) -> str | None:
    """A repository path, or None when it climbs out of the root."""
    joined = posixpath.normpath(path)
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined


class ForeignIndex:
    """Resolves the includes and imports of every non-Python file of one tree."""

    def __init__(self, paths: Iterable[str], include_dirs: Sequence[str] = ()) -> None:
        self.files = frozenset(paths)
        self.include_dirs = tuple(
            d.replace("\\", "/").strip("/").removeprefix("./") for d in include_dirs
        )
        self._suffixes: dict[str, list[str]] | None = None
        self._folders: dict[str, list[str]] | None = None

    # -- lookups ----------------------------------------------------------------------------

    def _suffix_index(self) -> dict[str, list[str]]:
        if self._suffixes is None:
            index: dict[str, list[str]] = defaultdict(list)
            for path in sorted(self.files):
                parts = path.split("/")
                for i in range(len(parts)):
                    index["/".join(parts[i:])].append(path)
            self._suffixes = index
        return self._suffixes

    def _folder_index(self) -> dict[str, list[str]]:
        """Folder path → its ``.go`` files (non-test first)."""
        if self._folders is None:
            index: dict[str, list[str]] = defaultdict(list)
            for path in sorted(self.files, key=lambda p: (p.endswith("_test.go"), p)):
                if path.endswith(".go"):
                    index[path.rpartition("/")[0]].append(path)
            self._folders = index
        return self._folders

    def by_suffix(self, name: str, near: str) -> str | None:
        """The file whose path ends with ``name``: the only one, or the one nearest ``near``."""
        candidates = self._suffix_index().get(name.lstrip("/"), [])
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            return None
        ranked = sorted(candidates, key=lambda c: (-_common_prefix(c, near), c))
        if _common_prefix(ranked[0], near) > _common_prefix(ranked[1], near):
            return ranked[0]
        return None

    # -- per language -----------------------------------------------------------------------

    def resolve(
        self, path: str, language: Language, imports: Sequence[Import]
    ) -> tuple[Import, ...]:
        """``imports`` of ``path`` with ``target`` and ``origin`` filled (same order)."""
        resolver = {
            **dict.fromkeys(C_FAMILY, self._include),
            _L.JAVASCRIPT: self._js,
            _L.TYPESCRIPT: self._js,
            _L.RUST: self._rust,
            _L.GO: self._go,
            _L.JAVA: self._java,
            _L.SHELL: self._shell,
        }.get(language)
        if resolver is None:
            return tuple(imports)
        out = []
        for imp in imports:
            target, origin = resolver(path, imp.module)
            out.append(evolve(imp, target=target, origin=origin))
        return tuple(out)

    def _include(self, path: str, written: str) -> tuple[str | None, Origin]:
        text = written.strip()
        quoted = text.startswith('"')
        angled = text.startswith("<")
        if not (quoted or angled):
            return None, Origin.UNRESOLVED  # a computed include (#include MACRO)
        name = text[1:-1].strip() if len(text) > 1 else ""
        if not name:
            return None, Origin.UNRESOLVED
        folder = path.rpartition("/")[0]
        if quoted:
            here = _norm(posixpath.join(folder, name))
            if here in self.files:
                return here, Origin.LOCAL
        for include_dir in self.include_dirs:
            cand = _norm(posixpath.join(include_dir, name))
            if cand in self.files:
                return cand, Origin.LOCAL
        if angled and name in CPP_STANDARD_HEADERS:
            return None, Origin.STDLIB
        found = self.by_suffix(name, path) if not name.startswith(("/", "../")) else None
        if found is not None:
            return found, Origin.LOCAL
        if name in CPP_STANDARD_HEADERS:
            return None, Origin.STDLIB
        return None, (Origin.UNRESOLVED if quoted else Origin.THIRD_PARTY)

    def _js(self, path: str, written: str) -> tuple[str | None, Origin]:
        if written.startswith(("./", "../")) or written in (".", ".."):
            base = _norm(posixpath.join(path.rpartition("/")[0], written))
            if base is None:
                return None, Origin.UNRESOLVED
            stem = re.sub(r"\.(?:m|c)?js$", "", base)
            candidates = [base]
            candidates += [stem + ext for ext in _JS_EXTENSIONS]
            candidates += [f"{base}/index{ext}" for ext in _JS_EXTENSIONS]
            for cand in candidates:
                if cand in self.files:
                    return cand, Origin.LOCAL
            return None, Origin.UNRESOLVED
        if written.startswith("/"):
            return None, Origin.UNRESOLVED
        name = written.removeprefix("node:")
        if written.startswith("node:") or name in _NODE_BUILTINS:
            return None, Origin.STDLIB
        return None, Origin.THIRD_PARTY

    def _rust_module_dir(self, path: str) -> str:
        folder, _, name = path.rpartition("/")
        if name in ("mod.rs", "lib.rs", "main.rs"):
            return folder
        return posixpath.join(folder, name.removesuffix(".rs")) if folder else name[:-3]

    def _rust_file(self, base: str, parts: list[str]) -> str | None:
        for depth in range(len(parts), 0, -1):
            stem = posixpath.join(base, *parts[:depth]) if base else "/".join(parts[:depth])
            for cand in (stem + ".rs", stem + "/mod.rs"):
                if cand in self.files:
                    return cand
        return None

    def _rust_module_file(self, base: str) -> str | None:
        """The file of the module at folder-path ``base`` (``base.rs``, ``base/mod.rs``…)."""
        for cand in (base + ".rs", base + "/mod.rs", base + "/lib.rs", base + "/main.rs"):
            if cand.lstrip("/") in self.files:
                return cand.lstrip("/")
        return None

    def _rust(self, path: str, written: str) -> tuple[str | None, Origin]:
        text = re.sub(r"::\s*\{.*$|::\*$|\s+as\s+\w+$", "", written.strip(), flags=re.DOTALL)
        parts = [p for p in text.split("::") if p]
        if not parts:
            return None, Origin.UNRESOLVED
        if "::" not in written and re.fullmatch(r"\w+", written):
            # ``mod name;`` (also a bare ``use name;`` of a crate)
            found = self._rust_file(self._rust_module_dir(path), parts)
            if found is not None:
                return found, Origin.LOCAL
        head = parts[0]
        if head in _RUST_STD:
            return None, Origin.STDLIB
        if head == "crate":
            segs = path.split("/")
            if "src" in segs:
                root = "/".join(segs[: len(segs) - segs[::-1].index("src")])
            else:
                root = path.rpartition("/")[0]
            found = self._rust_file(root, parts[1:])
            if found is None:
                for name in ("lib.rs", "main.rs"):
                    cand = posixpath.join(root, name) if root else name
                    if cand in self.files:
                        return cand, Origin.LOCAL
            return (found, Origin.LOCAL) if found else (None, Origin.UNRESOLVED)
        if head in ("self", "super"):
            base = self._rust_module_dir(path)
            rest = parts[1:]
            while rest and rest[0] == "super":
                rest = rest[1:]
                base = base.rpartition("/")[0]
            if head == "super":
                base = base.rpartition("/")[0]
            found = self._rust_file(base, rest) or self._rust_module_file(base)
            return (found, Origin.LOCAL) if found else (None, Origin.UNRESOLVED)
        return None, Origin.THIRD_PARTY

    def _go(self, path: str, written: str) -> tuple[str | None, Origin]:
        # A package is a folder: local when the import path and a folder of the tree end with
        # the same two segments at least (one, ``util``, would match too much); the longest
        # such common tail wins, and it must be unique.
        want = written.split("/")
        best: list[tuple[int, str]] = []
        for folder, files in self._folder_index().items():
            have = folder.split("/") if folder else []
            tail = 0
            while tail < min(len(want), len(have)) and want[-1 - tail] == have[-1 - tail]:
                tail += 1
            if tail >= 2 or (tail and tail == len(want) == len(have)):
                best.append((tail, files[0]))
        best.sort(key=lambda t: -t[0])
        if best and (len(best) == 1 or best[0][0] > best[1][0]):
            return best[0][1], Origin.LOCAL
        if "." not in want[0]:
            return None, Origin.STDLIB
        return None, Origin.THIRD_PARTY

    def _java(self, path: str, written: str) -> tuple[str | None, Origin]:
        name = written.strip().removeprefix("static ").strip()
        if name.startswith(("java.", "javax.", "jdk.")):
            return None, Origin.STDLIB
        parts = [p for p in name.split(".") if p and p != "*"]
        for depth in range(len(parts), 1, -1):
            found = self.by_suffix("/".join(parts[:depth]) + ".java", path)
            if found is not None:
                return found, Origin.LOCAL
        return None, Origin.THIRD_PARTY

    def _shell(self, path: str, written: str) -> tuple[str | None, Origin]:
        text = _SHELL_DIR_PREFIX.sub("", written.strip()).strip("\"'")
        if text.startswith("/"):
            return None, Origin.THIRD_PARTY
        folder = path.rpartition("/")[0]
        for base in (folder, ""):
            cand = _norm(posixpath.join(base, text)) if base else _norm(text)
            if cand in self.files:
                return cand, Origin.LOCAL
        return None, Origin.UNRESOLVED


#: Most counterparts kept per symbol (an overloaded name can be defined in many sources).
MAX_COUNTERPARTS = 5
_LINKED_KINDS = frozenset({Kind.FUNCTION, Kind.METHOD})


def link_declarations(files: Sequence[SourceFile]) -> list[SourceFile]:
    """Link each C-family declaration to the files defining the same qualified name, and each
    definition to the files declaring it (a header and its source), in
    :attr:`Symbol.counterparts`. Within one file they are one object already."""
    declared: dict[str, set[str]] = defaultdict(set)
    defined: dict[str, set[str]] = defaultdict(set)
    for f in files:
        if f.language in C_FAMILY:
            for sym in f.all_symbols():
                if sym.kind in _LINKED_KINDS and not sym.is_test:
                    pool = declared if "declaration" in sym.labels else defined
                    pool[sym.qualname].add(f.path)
    if not declared or not defined:
        return list(files)

    def link(sym: Symbol, path: str) -> Symbol:
        children = tuple(link(c, path) for c in sym.children)
        others: tuple[str, ...] = ()
        if sym.kind in _LINKED_KINDS and not sym.is_test:
            pool = defined if "declaration" in sym.labels else declared
            others = tuple(sorted(pool.get(sym.qualname, set()) - {path}))[:MAX_COUNTERPARTS]
        if others or any(a is not b for a, b in zip(children, sym.children, strict=True)):
            return evolve(sym, children=children, counterparts=others)
        return sym

    out = []
    for f in files:
        if f.language in C_FAMILY and f.symbols:
            symbols = tuple(link(s, f.path) for s in f.symbols)
            if any(a is not b for a, b in zip(symbols, f.symbols, strict=True)):
                f = evolve(f, symbols=symbols)
        out.append(f)
    return out
