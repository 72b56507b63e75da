"""Test files ↔ the files they test, and the command that runs each test case.

A test file *tests*:

- the files of the tree it imports / includes directly (resolved, local targets that are not
  themselves tests or test support);
- the file its name pairs with — ``test_foo.py`` / ``foo_test.py`` ↔ ``foo.py``,
  ``foo_test.cpp`` / ``test_foo.cc`` ↔ ``foo.cpp`` / ``foo.h``…, ``FooTest.java`` ↔
  ``Foo.java``, ``x.test.ts`` ↔ ``x.ts``, ``foo_test.go`` ↔ ``foo.go`` — anywhere in the tree,
  the nearest ones (fewest folder steps) winning.

Commands: a ``repodoc_test_command`` template matching the test file wins; else pytest node
ids for Python (``python -m unittest`` when no pytest configuration exists and every Python
test is a ``unittest.TestCase`` method), ``--gtest_filter=Suite.Name`` for C-family test
cases, ``go test -run`` for Go.
"""

from __future__ import annotations

import configparser
import re
import tomllib
from collections import defaultdict
from typing import TYPE_CHECKING

import pathspec

from ..model import Kind, Language, Origin, Purpose, TestCase, TestLink

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

    from ..model import SourceFile, Symbol

__all__ = ["TestPlan", "has_pytest_config", "link_tests", "paired_names"]

_NOT_TESTED = frozenset({Purpose.TEST, Purpose.TEST_SUPPORT})
_C_SOURCES = ("c", "cc", "cpp", "cxx", "cu", "h", "hh", "hpp", "hxx", "cuh")
_JS_SOURCES = ("ts", "tsx", "js", "jsx", "mjs", "cjs")
_C_TEST = re.compile(r"^(?:test_(?P<a>.+)|(?P<b>.+?)_(?:test|unittest))\.(?:c|cc|cpp|cxx|cu)$")
_JAVA_TEST = re.compile(r"^(?P<a>[A-Z]\w*?)Tests?\.(?P<ext>java|kt)$")
_JS_TEST = re.compile(r"^(?P<a>.+)\.(?:test|spec)\.(?:ts|tsx|js|jsx|mjs|cjs)$")
_MAX_CASES = 20  #: test cases listed per (test file, tested file) pair
#: the placeholders of a ``repodoc_test_command`` template (see :func:`_fill`)
COMMAND_PLACEHOLDERS = ("path", "module", "stem", "nodeid", "qualname", "name")


def paired_names(name: str) -> tuple[str, ...]:
    """The file names a test file's name pairs with (empty when it is not a test name)."""
    if name.endswith(".py"):
        stem = name[:-3]
        if stem.startswith("test_") and len(stem) > 5:
            return (stem[5:] + ".py",)
        if stem.endswith("_test") and len(stem) > 5:
            return (stem[:-5] + ".py",)
        return ()
    if name.endswith("_test.go") and len(name) > 8:
        return (name[:-8] + ".go",)
    match = _C_TEST.match(name)
    if match:
        stem = match.group("a") or match.group("b")
        return tuple(f"{stem}.{ext}" for ext in _C_SOURCES)
    match = _JAVA_TEST.match(name)
    if match:
        return (f"{match.group('a')}.{match.group('ext')}",)
    match = _JS_TEST.match(name)
    if match:
        return tuple(f"{match.group('a')}.{ext}" for ext in _JS_SOURCES)
    return ()


def _distance(a: str, b: str) -> int:
    """Folder steps between the folders of two paths."""
    pa, pb = a.split("/")[:-1], b.split("/")[:-1]
    common = 0
    for x, y in zip(pa, pb, strict=False):
        if x != y:
            break
        common += 1
    return len(pa) + len(pb) - 2 * common


def has_pytest_config(root: Path, paths: Iterable[str]) -> bool:
    """Whether the tree configures pytest (pytest.ini, conftest.py, or a pytest section)."""
    names = {p.rpartition("/")[2] for p in paths}
    if {"pytest.ini", ".pytest.ini", "conftest.py"} & names:
        return True
    # read like every other file: never through a link whose target leaves the root
    text = read_inside(root, "pyproject.toml", Language.TOML)
    try:
        if text is not None and "pytest" in tomllib.loads(text).get("tool", {}):
            return True
    except (ValueError, AttributeError):
        pass
    for name, section in (("setup.cfg", "tool:pytest"), ("tox.ini", "pytest")):
        parser = configparser.ConfigParser(interpolation=None)
        text = read_inside(root, name, Language.INI)
        if text is None:
            continue
        try:
            parser.read_string(text)
        except configparser.Error:
            continue
        if parser.has_section(section):
            return True
    return False


def read_inside(root: Path, name: str, language: Language) -> str | None:
    """The text of ``root/name`` when it is a file whose real location is inside the root."""
    from ..discover import read_text

    if not (root / name).is_file():
        return None
    return read_text(root / name, name, language)[0]


class TestPlan:
    """How the tree's tests are run: templates, and pytest or unittest for Python."""

    __test__ = False

    def __init__(
        self, templates: Sequence[tuple[str | pathspec.GitIgnoreSpec, str]], pytest: bool
    ) -> None:
        #: (pattern, or its compiled spec; command template)
        self.templates = [
            (
                pathspec.GitIgnoreSpec.from_lines([spec]) if isinstance(spec, str) else spec,
                template,
            )
            for spec, template in templates
        ]
        self.pytest = pytest

    def template_for(self, path: str) -> str | None:
        for spec, template in self.templates:
            if spec.match_file(path):
                return template
        return None

    def commands(self, source: SourceFile) -> tuple[str | None, tuple[TestCase, ...]]:
        """The command running the whole file, and each test case with its command."""
        cases = [s for s in source.all_symbols() if s.is_test]
        template = self.template_for(source.path)
        if template is not None:
            # a template naming the test case runs one case: no whole-file command from it
            per_case = "{qualname}" in template or "{name}" in template
            return (
                None if per_case else _fill(template, source, None),
                tuple(TestCase(s.qualname, s.line, _fill(template, source, s)) for s in cases),
            )
        lang = source.language
        if lang is Language.PYTHON:
            if self.pytest:
                return f"pytest {source.path}", tuple(
                    TestCase(s.qualname, s.line, f"pytest {_nodeid(source, s)}") for s in cases
                )
            module = _module(source)
            return f"python -m unittest {module}", tuple(
                TestCase(s.qualname, s.line, f"python -m unittest {module}.{s.qualname}")
                for s in cases
            )
        if lang in (Language.C, Language.CPP, Language.CUDA, Language.OBJCPP):
            return None, tuple(
                TestCase(s.qualname, s.line, f"--gtest_filter={s.qualname}") for s in cases
            )
        if lang is Language.GO:
            folder = source.folder
            pkg = "./" + folder if folder != "." else "."
            return f"go test {pkg}", tuple(
                TestCase(s.qualname, s.line, f"go test {pkg} -run '^{s.name}$'") for s in cases
            )
        return None, tuple(TestCase(s.qualname, s.line) for s in cases)


def _module(source: SourceFile) -> str:
    if source.module:
        return source.module
    stem = source.path.rsplit(".", 1)[0]
    return stem.replace("/", ".")


def _nodeid(source: SourceFile, symbol: Symbol | None) -> str:
    if symbol is None:
        return source.path
    return source.path + "::" + symbol.qualname.replace(".", "::")


def _fill(template: str, source: SourceFile, symbol: Symbol | None) -> str:
    values = defaultdict(
        str,
        path=source.path,
        module=_module(source),
        stem=source.name.rsplit(".", 1)[0],
        nodeid=_nodeid(source, symbol),
        qualname=symbol.qualname if symbol else "",
        name=symbol.name if symbol else "",
    )
    try:
        return template.format_map(values).strip()
    except (ValueError, IndexError, AttributeError):
        return template


def is_unittest_only(files: Iterable[SourceFile]) -> bool:
    """Whether every Python test case is a method of a ``TestCase`` class."""
    found = False
    for f in files:
        if f.language is not Language.PYTHON or f.purpose is not Purpose.TEST:
            continue
        for top in f.symbols:
            unittest = top.kind is Kind.CLASS and any(b.endswith("TestCase") for b in top.bases)
            for sym in top.walk():
                if sym.is_test:
                    found = True
                    if not unittest:
                        return False
    return found


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")


def _case_words(qualname: str) -> frozenset[str]:
    """The words of a test case's name, and their runs of up to three joined with ``_``:
    ``TestLinear.test_safe_load`` → linear, safe, load, safe_load, test_safe_load…"""
    out: set[str] = set()
    for part in re.split(r"[._]+", qualname):
        words = [w.lower() for w in _WORD.findall(part)]
        out.update(words)
        out.add(part.lower())
    flat = [w.lower() for w in re.split(r"[._]+", qualname) if w]
    for size in (2, 3):
        out.update("_".join(flat[i : i + size]) for i in range(len(flat) - size + 1))
    return frozenset(out)


def _public_names(source: SourceFile) -> set[str]:
    return {
        s.name.lower()
        for s in source.symbols
        if len(s.name) >= 3 and not s.name.startswith("_") and s.kind is not Kind.HEADING
    }


def link_tests(files: Mapping[str, SourceFile], plan: TestPlan) -> dict[str, dict[str, object]]:
    """``path → {field: value}`` updates: tests, tested_by, test_cases, test_command."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for f in files.values():
        if f.purpose not in _NOT_TESTED:
            by_name[f.name].append(f.path)
    tests: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    #: (test, target) → the names the test imports from the target (None: the whole module)
    imported: dict[tuple[str, str], set[str] | None] = {}
    for f in files.values():
        if f.purpose is not Purpose.TEST:
            continue
        for imp in f.imports:
            target = imp.target
            if (
                imp.origin is Origin.LOCAL
                and target
                and target != f.path
                and target in files
                and files[target].purpose not in _NOT_TESTED
            ):
                _add(tests[f.path][target], "imports it")
                names = {n.name for n in imp.names if n.name != "*"}
                key = (f.path, target)
                if not names:
                    imported[key] = None
                elif imported.get(key, set()) is not None:
                    imported[key] = imported.get(key, set()) | names  # type: ignore[operator]
        candidates = [p for n in paired_names(f.name) for p in by_name.get(n, ())]
        if candidates:
            nearest = min(_distance(f.path, p) for p in candidates)
            for p in candidates:
                if _distance(f.path, p) == nearest:
                    _add(tests[f.path][p], "name pairs with it")

    updates: dict[str, dict[str, object]] = defaultdict(dict)
    tested_by: dict[str, list[TestLink]] = defaultdict(list)
    for test_path in sorted(tests):
        test = files[test_path]
        cases = [(s.qualname, _case_words(s.qualname)) for s in test.all_symbols() if s.is_test]
        links = []
        for target in sorted(tests[test_path]):
            how = " · ".join(tests[test_path][target])
            names = _public_names(files[target])
            chosen = imported.get((test_path, target))
            if chosen is not None and "name pairs with it" not in tests[test_path][target]:
                # only the names the test takes from the file: its cases are about those
                names &= {n.lower() for n in chosen}
            matched = [qualname for qualname, words in cases if not names.isdisjoint(words)]
            links.append(TestLink(target, how, ()))
            tested_by[target].append(TestLink(test_path, how, tuple(matched[:_MAX_CASES])))
        updates[test_path]["tests"] = tuple(links)
    for target, links in tested_by.items():
        updates[target]["tested_by"] = tuple(links)
    for f in files.values():
        if f.purpose is Purpose.TEST:
            command, cases = plan.commands(f)
            if cases:  # a file without a test case has nothing to run
                updates[f.path]["test_command"] = command
                updates[f.path]["test_cases"] = cases
    return updates


def _add(hows: list[str], how: str) -> None:
    if how not in hows:
        hows.append(how)
