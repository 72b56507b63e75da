"""What the C-family grammars need before parsing: macros read as blanks.

tree-sitter parses C and C++ without a preprocessor, so two habits of real code bases derail
it (a whole class is lost to an error node):

- **attribute macros** between ``class`` and the name, or before a declaration:
  ``class TORCH_API Tensor``, ``C10_API void f();``, ``PYBIND11_EXPORT``;
- **type macros** around a return type: ``PyAPI_FUNC(PyObject *) PyObject_Call(…)`` is read
  as ``PyObject * PyObject_Call(…)``;
- **statement macros** alone on a line, without a semicolon:
  ``PYBIND11_OBJECT_DEFAULT(args, tuple, PyTuple_Check)`` in a class body,
  ``C10_DIAGNOSTIC_PUSH``, ``Q_OBJECT``.

:func:`blank_macros` replaces those (and only those) with spaces, so line numbers do not
move: an ALL-CAPS name with one of the attribute suffixes below followed by a name, and a
line holding only an ALL-CAPS name or call (no ``;``, no ``{``, not followed by a line
opening a brace, not part of a ``#define``). ``TEST(Suite, Name) {`` and other macros with
a body are kept: they are definitions.
"""

from __future__ import annotations

import re

__all__ = ["blank_macros"]

_ATTRIBUTE = re.compile(
    r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API|EXPORT|IMPORT|HIDDEN|VISIBILITY|VISIBLE"
    r"|HOST_DEVICE|HOST|DEVICE|INLINE|NOINLINE|ALWAYS_INLINE)\b(?=[ \t]+[A-Za-z_~:*&])"
)
#: Any ALL_CAPS name between ``class``/``struct``/``union`` and the class name is one too
#: (``class PYBIND11_EXPORT_EXCEPTION error_already_set``).
_CLASS_ATTRIBUTE = re.compile(
    r"(\b(?:class|struct|union)[ \t]+)([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?=[ \t]+[A-Za-z_])"
)
_STATEMENT = re.compile(
    r"^([ \t]*)([A-Z][A-Z0-9_]*[A-Z0-9](?:[ \t]*\((?:[^;{}()\n]|\([^;{}()\n]*\))*\))?)"
    r"([ \t]*(?://.*|/\*.*\*/[ \t]*)?)$"
)
#: ``PyAPI_FUNC(PyObject *) PyObject_Call(…)``: a macro around the return type; read as the
#: type alone.
_WRAPPED_TYPE = re.compile(
    r"\b[A-Za-z][A-Za-z0-9]*_(?:FUNC|DATA|API|EXPORTS?|IMPORT)\(([^()\n]*)\)(?=[ \t]+[A-Za-z_*&(])"
)
#: Names that look like macros but are code (never blanked).
_KEEP = frozenset({"TEST", "TEST_F", "TEST_P", "TYPED_TEST", "TYPED_TEST_P", "NULL", "EOF"})


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _class_keyword(match: re.Match[str]) -> str:
    return match.group(1) + " " * len(match.group(2))


def _unwrap(match: re.Match[str]) -> str:
    inner = match.group(1)
    head = match.group(0).index("(") + 1
    return " " * head + inner + " "


def blank_macros(text: str) -> str:
    """``text`` with attribute and statement macros replaced by spaces (same lines)."""
    lines = text.split("\n")
    continued = False
    for index, line in enumerate(lines):
        in_define = continued
        stripped = line.lstrip()
        continued = line.endswith("\\") and (in_define or stripped.startswith("#"))
        if in_define or stripped.startswith("#"):
            continue
        if "_" in line:
            line = _ATTRIBUTE.sub(_spaces, line)
            line = _CLASS_ATTRIBUTE.sub(_class_keyword, line)
            line = _WRAPPED_TYPE.sub(_unwrap, line)
        m = _STATEMENT.match(line) if stripped[:1].isupper() else None
        if m is not None and m.group(2).partition("(")[0].strip() not in _KEEP:
            after = index + 1
            while after < len(lines) and not lines[after].strip():
                after += 1
            if after == len(lines) or not lines[after].lstrip().startswith("{"):
                line = m.group(1) + " " * len(m.group(2)) + m.group(3)
        lines[index] = line
    return "\n".join(lines)
