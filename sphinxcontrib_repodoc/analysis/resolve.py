"""Python module names of the tree's files, and where each import statement points.

Purely static: the answer comes from the list of paths and the configured import roots, never
from ``sys.path``, ``importlib`` or the documented code, so a scan gives the same answer on any
machine.

Rules (each mirrors what CPython's path finder would do when the import roots are on
``sys.path``, except where noted):

- **Module names.** A ``.py`` / ``.pyi`` file gets the dotted name of its path relative to the
  most specific (longest) import root that holds it; ``__init__`` names its folder. A path part
  that is not an identifier (``my-scripts``, ``test-x``) or is a keyword leaves the file without a
  module name. Folders without ``__init__`` are namespace packages (PEP 420).
- **One file per name.** When several files claim one name, :meth:`PythonModuleIndex.path_of`
  picks, in order: ``.py`` over ``.pyi`` (stubs are not importable), a regular package's
  ``__init__`` over a plain module (the finder checks the folder first), then the first path in
  sorted order. The others keep their name in :meth:`PythonModuleIndex.module_of`.
- **Relative imports** are resolved by path arithmetic on the importing file's folder, so a file
  without a module name (a script in ``my-scripts/``) still finds its siblings. For a file with
  a module name, climbing above its top-level package is :attr:`Origin.UNRESOLVED`, as Python
  raises there; a file without one may climb up to the repository root.
- **Stdlib shadowing.** A top-level name of the standard library is local only when the tree has
  a *regular* module or package of that name at an import root: a namespace folder never shadows
  a regular package found later on ``sys.path``.
"""

from __future__ import annotations

import keyword
import sys
from typing import TYPE_CHECKING, NamedTuple

from ..model import Import, ImportedName, Origin, evolve

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

PYTHON_SUFFIXES = (".py", ".pyi")
_INIT = "__init__"


def is_stdlib(module: str) -> bool:
    """Whether ``module``'s top-level name belongs to the running Python's standard library."""
    top = module.lstrip(".").partition(".")[0]
    return top in sys.stdlib_module_names or top == "__future__"


def _is_name(part: str) -> bool:
    """Whether ``part`` can appear in a dotted module name (``import a.b``)."""
    return part.isidentifier() and not keyword.iskeyword(part)


def _stem(path: str) -> str | None:
    """``path`` without its Python suffix, or None for a file that is not Python."""
    for suffix in PYTHON_SUFFIXES:
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return None


def _normalize_root(root: str) -> str:
    """``./src/`` → ``src``; ``.`` and ``./`` → ``""`` (the repository root)."""
    root = root.replace("\\", "/").strip("/")
    while root.startswith("./"):
        root = root[2:]
    return "" if root == "." else root


def _under(path: str, root: str) -> bool:
    return root == "" or path == root or path.startswith(root + "/")


def _join(*parts: str) -> str:
    return "/".join(p for p in parts if p)


def _path_rank(path: str) -> tuple[bool, bool, str]:
    """Sort key choosing between files that claim one module name (see the module docstring)."""
    stem = _stem(path) or path
    is_init = stem == _INIT or stem.endswith("/" + _INIT)
    return (path.endswith(".pyi"), not is_init, path)


class _Found(NamedTuple):
    """A module of the tree: its file (None for a namespace package) and whether it is a package."""

    target: str | None
    package: bool


class PythonModuleIndex:
    """Maps dotted module names to repository paths for every Python file of the tree."""

    def __init__(self, paths: Iterable[str], python_paths: Sequence[str]) -> None:
        files = sorted({p for p in paths if p.endswith(PYTHON_SUFFIXES)})
        self._files = frozenset(files)
        #: every folder that holds a Python file at any depth ("" = the repository root)
        self._folders: set[str] = {""}
        for path in files:
            folder = path.rpartition("/")[0]
            while folder and folder not in self._folders:
                self._folders.add(folder)
                folder = folder.rpartition("/")[0]
        roots = {_normalize_root(r) for r in python_paths}
        # Most specific first; a root without Python files claims nothing.
        self._roots = tuple(
            sorted((r for r in roots if r in self._folders), key=lambda r: (-len(r), r))
        )
        self._module: dict[str, str] = {}
        claims: dict[str, list[str]] = {}
        packages: set[str] = set()
        for path in files:
            name = self._name(path)
            if name is None:
                continue
            self._module[path] = name
            claims.setdefault(name, []).append(path)
            parts = name.split(".")
            packages.update(".".join(parts[:i]) for i in range(1, len(parts)))
        self._path = {name: min(cands, key=_path_rank) for name, cands in claims.items()}
        self._namespaces = frozenset(packages - self._path.keys())

    # -- names ------------------------------------------------------------------------------

    def _name(self, path: str) -> str | None:
        """The dotted name of a Python file under the most specific root that holds it."""
        for root in self._roots:
            if _under(path, root):
                rel = _stem(path[len(root) :].lstrip("/")) or ""
                break
        else:
            return None
        parts = rel.split("/") if rel else []
        if parts and parts[-1] == _INIT:
            parts.pop()
        if not parts or not all(_is_name(p) for p in parts):
            return None
        return ".".join(parts)

    def module_of(self, path: str) -> str | None:
        """``src/pkg/sub/mod.py`` → ``pkg.sub.mod``; None outside the roots or for odd names."""
        return self._module.get(path)

    def path_of(self, module: str) -> str | None:
        """The file of ``module`` (``pkg/__init__.py`` for a package); None for a namespace."""
        return self._path.get(module)

    def is_package(self, path: str) -> bool:
        """Whether ``path`` is a regular package's ``__init__.py`` (or ``.pyi``)."""
        return path.rpartition("/")[2] in ("__init__.py", "__init__.pyi")

    def is_namespace(self, module: str) -> bool:
        """Whether ``module`` is a namespace package of the tree (a folder without ``__init__``)."""
        return module in self._namespaces

    # -- lookups ----------------------------------------------------------------------------

    def _by_name(self, module: str) -> _Found | None:
        path = self._path.get(module)
        if path is not None:
            return _Found(path, self.is_package(path))
        if module in self._namespaces:
            return _Found(None, True)
        return None

    def _by_stem(self, stem: str) -> _Found | None:
        """The module at a suffix-less path, in the finder's order; a folder is a namespace."""
        inits = (_join(stem, "__init__.py"), _join(stem, "__init__.pyi"))
        modules = (stem + ".py", stem + ".pyi") if stem else ()
        for cand in (inits[0], *modules[:1], inits[1], *modules[1:]):
            if cand in self._files:
                return _Found(cand, cand in inits)
        if stem in self._folders:
            return _Found(None, True)
        return None

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, path: str, imports: Sequence[Import]) -> tuple[Import, ...]:
        """``imports`` of ``path`` with absolute ``module``, ``target`` and ``origin`` filled.

        Same order; ``from pkg import sub`` where ``sub`` is a submodule of the tree becomes its
        own :class:`Import` of ``pkg.sub`` (see :meth:`_split`), so one input can give several.
        """
        out: list[Import] = []
        for imp in imports:
            written = imp.module
            name = written.lstrip(".")
            level = imp.level or (len(written) - len(name))
            if level:
                out.extend(self._resolve_relative(path, imp, name, level))
            else:
                out.extend(self._resolve_absolute(imp, name))
        return tuple(out)

    def _resolve_absolute(self, imp: Import, name: str) -> list[Import]:
        if not name:
            return [evolve(imp, module=name, origin=Origin.UNRESOLVED)]
        parts = name.split(".")
        top = self._by_name(parts[0])
        if is_stdlib(name) and (top is None or top.target is None):
            return [evolve(imp, module=name, target=None, origin=Origin.STDLIB)]
        # Deepest match: a file at any depth, or a namespace package only for the full name
        # (a namespace prefix may continue in another distribution: ``google.protobuf``).
        for depth in range(len(parts), 0, -1):
            found = self._by_name(".".join(parts[:depth]))
            exact = depth == len(parts)
            if found is not None and (found.target is not None or exact):
                if not (exact and found.package):
                    return [self._located(imp, name, 0, found)]

                def sub(child: str) -> tuple[str, _Found] | None:
                    full = f"{name}.{child}"
                    hit = self._by_name(full)
                    return None if hit is None else (full, hit)

                return self._split(imp, name, 0, found, sub)
        return [evolve(imp, module=name, target=None, origin=Origin.THIRD_PARTY)]

    def _resolve_relative(self, path: str, imp: Import, name: str, level: int) -> list[Import]:
        """Path arithmetic from the importing file's folder (see the module docstring)."""
        folder = path.rpartition("/")[0]
        own = self._module.get(path)
        unresolved = evolve(imp, module=name, level=level, target=None, origin=Origin.UNRESOLVED)
        if own is not None:
            package = own if self.is_package(path) else own.rpartition(".")[0]
            pkg_parts = package.split(".") if package else []
            if level > len(pkg_parts):
                return [unresolved]  # beyond the top-level package
            absolute = ".".join([*pkg_parts[: len(pkg_parts) - level + 1], *_parts(name)])
        else:
            if level - 1 > len(_parts(folder, "/")):
                return [unresolved]  # above the repository root
            absolute = name  # no dotted name to anchor on: stays relative, as written
        folder_parts = _parts(folder, "/")
        base = "/".join(folder_parts[: len(folder_parts) - level + 1])
        stem = _join(base, *_parts(name))
        found = self._by_stem(stem)
        if found is None:
            return [evolve(unresolved, module=absolute)]
        if not found.package:
            return [self._located(imp, absolute, level, found)]

        def sub(child: str) -> tuple[str, _Found] | None:
            hit = self._by_stem(_join(stem, child))
            return None if hit is None else (f"{absolute}.{child}" if absolute else child, hit)

        return self._split(imp, absolute, level, found, sub)

    @staticmethod
    def _located(imp: Import, module: str, level: int, found: _Found) -> Import:
        return evolve(imp, module=module, level=level, target=found.target, origin=Origin.LOCAL)

    def _split(
        self,
        imp: Import,
        module: str,
        level: int,
        found: _Found,
        submodule: Callable[[str], tuple[str, _Found] | None],
    ) -> list[Import]:
        """``from pkg import a, X``: one :class:`Import` per submodule, one for the rest.

        Each split-off import stands where its name was written, the rest where its first name
        was; a split-off import keeps the name it binds as its ``alias``. ``*`` never splits.
        A namespace package has no file: its import is :attr:`Origin.LOCAL` with no ``target``.
        """
        base = self._located(imp, module, level, found)
        out: list[Import] = []
        rest: list[ImportedName] = []
        rest_at: int | None = None
        for imported in imp.names:
            hit = submodule(imported.name) if imported.name != "*" else None
            if hit is not None:
                full, child = hit
                out.append(
                    evolve(
                        base,
                        module=full,
                        names=(),
                        alias=imported.alias or imported.name,  # the name it binds
                        target=child.target,
                    )
                )
                continue
            if rest_at is None:
                rest_at = len(out)
                out.append(base)
            rest.append(imported)
        if rest_at is not None:
            out[rest_at] = evolve(base, names=tuple(rest))
        return out or [base]


def _parts(text: str, sep: str = ".") -> list[str]:
    return text.split(sep) if text else []
