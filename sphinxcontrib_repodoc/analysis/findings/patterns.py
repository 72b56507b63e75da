"""Design patterns: what kind of code a file holds, read from its symbols (no re-parse)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import PYTHON, Hit, Source, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ...model import Symbol


def _classes(src: Source) -> Iterator[Symbol]:
    for top in src.symbols:
        for sym in top.walk():
            if sym.kind == "class":
                yield sym


def _functions(src: Source) -> Iterator[Symbol]:
    for top in src.symbols:
        for sym in top.walk():
            if sym.kind in ("function", "method"):
                yield sym


def _head(decorator: str) -> str:
    """``pytest.fixture(scope='x')`` → ``pytest.fixture``."""
    return decorator.partition("(")[0].strip()


def _resolve(src: Source, dotted: str) -> str:
    first, _, rest = dotted.partition(".")
    full = src.aliases.get(first, first)
    return f"{full}.{rest}" if rest else full


_NN_MODULE = {"torch.nn.Module", "torch.nn.modules.module.Module"}


@rule(
    "nn-module",
    "patterns",
    "Defines PyTorch modules (torch.nn.Module subclasses): layers or models with forward().",
    PYTHON,
    words=("Module",),
)
def nn_module(src: Source) -> Iterator[Hit]:
    found: set[str] = set()
    for cls in _classes(src):
        if any(_resolve(src, b) in _NN_MODULE or b in found for b in cls.bases):
            found.add(cls.name)
            yield Hit(cls.line, cls.qualname)


_DATA_DECORATORS = {
    "dataclasses.dataclass",
    "attr.s",
    "attr.attrs",
    "attr.define",
    "attr.frozen",
    "attr.mutable",
    "attrs.define",
    "attrs.frozen",
    "attrs.mutable",
    "pydantic.dataclasses.dataclass",
}
_DATA_BASES = {"pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.v1.BaseModel"}


@rule(
    "data-model",
    "patterns",
    "Defines data classes (dataclasses, attrs or pydantic models).",
    PYTHON,
    words=("dataclass", "attr", "pydantic"),
)
def data_model(src: Source) -> Iterator[Hit]:
    for cls in _classes(src):
        heads = {_resolve(src, _head(d)) for d in cls.decorators}
        if heads & _DATA_DECORATORS or any(_resolve(src, b) in _DATA_BASES for b in cls.bases):
            yield Hit(cls.line, cls.qualname)


_ABSTRACT = {"abc.ABC", "typing.Protocol", "typing_extensions.Protocol"}


@rule(
    "abstract-interface",
    "patterns",
    "Defines interfaces: abstract base classes (ABC / ABCMeta) or typing Protocols.",
    PYTHON,
    words=("ABC", "Protocol"),
)
def abstract_interface(src: Source) -> Iterator[Hit]:
    for cls in _classes(src):
        for base in cls.bases:
            name = base.partition("[")[0]
            if name.startswith("metaclass="):
                if _resolve(src, name.removeprefix("metaclass=")) == "abc.ABCMeta":
                    yield Hit(cls.line, cls.qualname)
            elif _resolve(src, name) in _ABSTRACT:
                yield Hit(cls.line, cls.qualname)


_MAIN_GUARD = re.compile(
    r"^if\s+(?:__name__\s*==\s*(['\"])__main__\1|(['\"])__main__\2\s*==\s*__name__)\s*:",
    re.MULTILINE,
)


@rule(
    "cli-entry-point",
    "patterns",
    "A command-line entry point: runs as a script (if __name__ == '__main__') or is a "
    "console script of the project.",
    PYTHON,
    words=(("__main__",), ("if __name__",)),
)
def cli_entry_point(src: Source) -> Iterator[Hit]:
    """A module-level ``if __name__ == "__main__":`` (read from the text: a guard at column 0
    outside a triple-quoted string is module-level code, so the file is not parsed again)."""
    text = src.text
    for match in _MAIN_GUARD.finditer(text):
        start = match.start()
        if text.count('"""', 0, start) % 2 == 0 and text.count("'''", 0, start) % 2 == 0:
            yield Hit(text.count("\n", 0, start) + 1, "__main__")


@rule(
    "pytest-fixture",
    "patterns",
    "Defines pytest fixtures.",
    PYTHON,
    words=("fixture",),
)
def pytest_fixture(src: Source) -> Iterator[Hit]:
    for func in _functions(src):
        for dec in func.decorators:
            name = _resolve(src, _head(dec))
            if name in ("pytest.fixture", "pytest_asyncio.fixture"):
                yield Hit(func.line, func.qualname)


_CM_DECORATORS = {"contextlib.contextmanager", "contextlib.asynccontextmanager"}


@rule(
    "context-manager",
    "patterns",
    "Defines context managers (@contextmanager functions or classes with __enter__ / "
    "__exit__), used with 'with'.",
    PYTHON,
    words=("contextmanager", "__enter__", "__aenter__"),
)
def context_manager(src: Source) -> Iterator[Hit]:
    for func in _functions(src):
        if any(_resolve(src, _head(d)) in _CM_DECORATORS for d in func.decorators):
            yield Hit(func.line, func.qualname)
    for cls in _classes(src):
        names = {c.name for c in cls.children}
        if {"__enter__", "__exit__"} <= names or {"__aenter__", "__aexit__"} <= names:
            yield Hit(cls.line, cls.qualname)
