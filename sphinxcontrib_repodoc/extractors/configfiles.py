"""Build and configuration files: summary and top-level keys or targets, without executing.

TOML and JSON go through the standard library (:mod:`tomllib`, :mod:`json`); YAML, INI,
CMake, Makefiles and Dockerfiles through a few line patterns (no YAML library: nothing in a
file can run code or expand tags). Whatever a file holds, the result is facts or nothing: a
file that does not parse still has its summary from its first comment, and never an error.

Symbols are :attr:`Kind.DATA` labelled ``key`` (a top-level key or INI section), ``target``
(a CMake or Make target), ``project`` or ``stage`` (a Dockerfile ``FROM … AS name``).
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from ..model import FileFacts, Kind, Language, Symbol
from .comments import is_license, leading_comment

__all__ = ["CONFIG_LANGUAGES", "ConfigExtractor"]

_L = Language
CONFIG_LANGUAGES = frozenset({_L.YAML, _L.TOML, _L.JSON, _L.INI, _L.CMAKE, _L.MAKE, _L.DOCKERFILE})
#: Top-level keys or targets kept per file (a huge JSON object is not a keyword list).
MAX_KEYS = 200

_YAML_KEY = re.compile(r"""^(?P<key>[A-Za-z_$][\w.$/-]*|"[^"\n]+"|'[^'\n]+')[ \t]*:(?:[ \t]|$)""")
_INI_SECTION = re.compile(r"^\[(?P<key>[^\]\n]+)\]")
_INI_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*)\s*[=:]\s*(?P<v>.*)$")
_CMAKE_CALL = re.compile(
    r"^\s*(?P<cmd>project|add_library|add_executable|add_custom_target|cuda_add_library"
    r"|cuda_add_executable|function|macro)\s*\(\s*(?P<name>[\w.${}:+-]+)",
    re.IGNORECASE | re.MULTILINE,
)
_MAKE_TARGET = re.compile(
    r"^(?P<name>[A-Za-z0-9_][\w./-]*(?:[ \t]+[A-Za-z0-9_][\w./-]*)*)[ \t]*::?(?!=)"
)
_DOCKER_FROM = re.compile(r"^\s*FROM\s+(?P<image>\S+)(?:\s+AS\s+(?P<stage>\S+))?", re.IGNORECASE)


class ConfigExtractor:
    """The :class:`~.base.Extractor` of one build or configuration language."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.languages = frozenset({language})

    def extract(self, path: str, text: str) -> FileFacts:
        reader = _READERS[self.language]
        try:
            symbols, summary = reader(text)
        except (ValueError, RecursionError, MemoryError, TypeError):
            symbols, summary = [], None
        if summary is None and self.language is not _L.JSON:
            summary = leading_comment(text, "hash")
        if summary is None:  # a ``name: …`` key, last
            summary = next(
                (s.value for s in symbols if s.name in ("name", "title") and s.value), None
            )
        return FileFacts(symbols=tuple(symbols[:MAX_KEYS]), docstring=summary)


def _first_lines(lines: list[str], pattern: re.Pattern[str]) -> dict[str, int]:
    """Key → the first line (1-based) where ``pattern`` finds it, in one pass."""
    out: dict[str, int] = {}
    for index, line in enumerate(lines, 1):
        m = pattern.match(line)
        if m:
            out.setdefault(m.group("key").strip("\"'"), index)
    return out


def _key(name: str, line: int, end: int, value: str | None = None, label: str = "key") -> Symbol:
    return Symbol(Kind.DATA, name, name, line, max(end, line), labels=(label,), value=value)


def _close(
    symbols: list[tuple[str, int, str | None]], last: int, label: str = "key"
) -> list[Symbol]:
    """Symbols whose range runs to the line before the next one."""
    out = []
    for i, (name, line, value) in enumerate(symbols):
        end = symbols[i + 1][1] - 1 if i + 1 < len(symbols) else last
        out.append(_key(name, line, end, value, label))
    return out


def _short(value: Any) -> str | None:
    if isinstance(value, str | int | float | bool):
        text = json.dumps(value) if not isinstance(value, str) else value
        return text if len(text) <= 80 else text[:79] + "…"
    return None


def _describe(mapping: Any) -> str | None:
    if not isinstance(mapping, dict):
        return None
    for key in ("description", "summary", "name", "title"):
        value = mapping.get(key)
        if isinstance(value, str) and value.strip() and not is_license(value):
            return value.strip()
    return None


def _toml(text: str) -> tuple[list[Symbol], str | None]:
    lines = text.splitlines()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return _ini_like(text, lines)
    found: list[tuple[str, int, str | None]] = []
    header = re.compile(r"^\s*\[\[?\s*(?P<key>[^\].\s]+)")
    bare = re.compile(r"^(?P<key>[A-Za-z0-9_\"'-]+)\s*=")
    headers, bares = _first_lines(lines, header), _first_lines(lines, bare)
    for key, value in data.items():
        found.append((key, headers.get(key) or bares.get(key) or 1, _short(value)))
    found.sort(key=lambda t: t[1])
    summary = None
    for table in (
        data.get("project"),
        (data.get("tool") or {}).get("poetry"),
        data.get("package"),
        data,
    ):
        summary = _describe(table)
        if summary:
            break
    return _close(found, len(lines)), summary


def _json(text: str) -> tuple[list[Symbol], str | None]:
    lines = text.splitlines()
    data = json.loads(text)
    if not isinstance(data, dict):
        return [], None
    pattern = re.compile(r'^\s{0,4}"(?P<key>(?:[^"\\]|\\.)*)"\s*:')
    found = []
    first = _first_lines(lines, pattern)
    for key, value in data.items():
        found.append((key, first.get(key, 1), _short(value)))
        if len(found) >= MAX_KEYS:
            break
    found.sort(key=lambda t: t[1])
    return _close(found, len(lines)), _describe(data)


def _yaml(text: str) -> tuple[list[Symbol], str | None]:
    lines = text.splitlines()
    found: list[tuple[str, int, str | None]] = []
    summary = None
    for index, line in enumerate(lines, 1):
        if line.startswith("---") or line.startswith("..."):
            if found:
                break  # several documents: the first one's keys
            continue
        m = _YAML_KEY.match(line)
        if m is None:
            continue
        key = m.group("key").strip("\"'")
        rest = line[m.end() :].strip()
        value = None if not rest or rest[0] in "#|>&*!" else rest.strip("\"'")[:80] or None
        found.append((key, index, value))
        if summary is None and key in ("description", "summary") and value:
            summary = value
    return _close(found, len(lines)), summary


def _ini_like(text: str, lines: list[str] | None = None) -> tuple[list[Symbol], str | None]:
    lines = lines if lines is not None else text.splitlines()
    found: list[tuple[str, int, str | None]] = []
    summary = None
    section = ""
    for index, line in enumerate(lines, 1):
        m = _INI_SECTION.match(line)
        if m:
            section = m.group("key").strip()
            found.append((section, index, None))
            continue
        k = _INI_KEY.match(line)
        if k is None:
            continue
        if not section:
            found.append((k.group("key"), index, k.group("v")[:80] or None))
        elif (
            summary is None
            and k.group("key") == "description"
            and section in ("metadata", "project")
        ):
            summary = k.group("v").strip().strip("\"'") or None
    return _close(found, len(lines)), summary


def _cmake(text: str) -> tuple[list[Symbol], str | None]:
    out = []
    for m in _CMAKE_CALL.finditer(text):
        cmd = m.group("cmd").lower()
        name = m.group("name")
        line = text.count("\n", 0, m.start("cmd")) + 1
        label = {"project": "project", "function": "function", "macro": "macro"}.get(cmd, "target")
        out.append(_key(name, line, line, None, label))
    return out, None


def _make(text: str) -> tuple[list[Symbol], str | None]:
    out = []
    seen: set[str] = set()
    for index, line in enumerate(text.splitlines(), 1):
        m = _MAKE_TARGET.match(line)
        if m is None or line.startswith("\t"):
            continue
        for name in m.group("name").split():
            if name.startswith(".") or name in seen:
                continue
            seen.add(name)
            out.append(_key(name, index, index, None, "target"))
    return out, None


def _dockerfile(text: str) -> tuple[list[Symbol], str | None]:
    out = []
    for index, line in enumerate(text.splitlines(), 1):
        m = _DOCKER_FROM.match(line)
        if m and m.group("stage"):
            out.append(_key(m.group("stage"), index, index, m.group("image"), "stage"))
    return out, None


_READERS = {
    _L.YAML: _yaml,
    _L.TOML: _toml,
    _L.JSON: _json,
    _L.INI: _ini_like,
    _L.CMAKE: _cmake,
    _L.MAKE: _make,
    _L.DOCKERFILE: _dockerfile,
}
