"""The names a Python symbol is importable under besides its own (re-exports).

``from .linear import Linear`` in ``torch/nn/__init__.py`` makes ``torch.nn.Linear`` a name of
``torch/nn/linear.py::Linear``; so does a name listed in a module's ``__all__`` that the module
imports. Python programmers write those names, so roles must find them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Language, Origin

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..model import SourceFile

MAX_HOPS = 8  #: re-exports of re-exports followed at most this deep (cycles end there too)


def reexports(files: Iterable[SourceFile]) -> dict[str, str]:
    """``{alias dotted name: full name PATH::Qual}`` for every re-exported symbol, sorted."""
    python = {f.path: f for f in files if f.language is Language.PYTHON and f.module}
    defined = {path: {sym.name: sym.qualname for sym in f.symbols} for path, f in python.items()}
    # path → {bound name: (target path, name there)} for names a module takes from another
    bindings: dict[str, dict[str, tuple[str, str]]] = {}
    for path, f in python.items():
        bound: dict[str, tuple[str, str]] = {}
        for imp in f.imports:
            if imp.origin is not Origin.LOCAL or imp.target not in python:
                continue
            for name in imp.names:
                if name.name == "*":
                    for star in _public_names(python[imp.target], defined[imp.target]):
                        bound.setdefault(star, (imp.target, star))
                else:
                    bound[name.alias or name.name] = (imp.target, name.name)
        bindings[path] = bound

    def definition(path: str, name: str) -> str | None:
        for _ in range(MAX_HOPS):
            if name in defined.get(path, {}):
                return f"{path}::{defined[path][name]}"
            hop = bindings.get(path, {}).get(name)
            if hop is None:
                return None
            path, name = hop
        return None

    out: dict[str, str] = {}
    for path, f in python.items():
        package = f.name in ("__init__.py", "__init__.pyi")
        public = set(f.exports or ())
        for name, (target, original) in bindings[path].items():
            if not (name in public or (package and not name.startswith("_"))):
                continue
            full = definition(target, original)
            if full is not None:
                out[f"{f.module}.{name}"] = full
    return dict(sorted(out.items()))


def _public_names(source: SourceFile, defined: dict[str, str]) -> list[str]:
    """What ``from m import *`` binds: ``__all__``, else the names without underscore."""
    if source.exports is not None:
        return list(source.exports)
    return [name for name in defined if not name.startswith("_")]


def defined_as(
    source: SourceFile | None, name: str, reexport: Callable[[str], str | None]
) -> str | None:
    """The full name of the symbol ``from <source> import name`` binds: a top-level symbol of
    the file, else what the file re-exports under that name."""
    if source is None:
        return None
    for sym in source.symbols:
        if sym.name == name:
            return f"{source.path}::{sym.qualname}"
    return reexport(f"{source.module}.{name}") if source.module else None
