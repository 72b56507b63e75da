"""Section data for what a file is for, what tests it, what to watch, what it belongs with.

Pure functions of the model, registered in :data:`.sections.FILE_SECTIONS` /
:data:`.sections.FOLDER_SECTIONS` like every other section, so fingerprints cover them. Each
returns ``None`` when it has nothing true and specific to say, and the section is dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Origin, Purpose

if TYPE_CHECKING:
    from ..model import Finding, Folder, LastChange, Repository, SourceFile, TestCase

__all__ = [
    "FILE_INSIGHTS",
    "FOLDER_INSIGHTS",
    "context",
    "findings",
    "folder_insights",
    "ranked",
    "tested_by",
    "tests",
]

MAX_FOLDER_ROWS = 10


@dataclass(frozen=True, slots=True)
class Context:
    component: str | None  #: the prefix (``aten/``; ``""`` for the root)
    description: str | None
    last_change: LastChange | None
    shallow: bool  #: the history comes from a shallow clone


def _component(repo: Repository, prefix: str | None) -> str | None:
    if prefix is None:
        return None
    return dict(repo.components).get(prefix)


def context(repo: Repository, source: SourceFile) -> Context | None:
    if source.component is None and source.last_change is None:
        return None
    shallow = bool(repo.history and repo.history.shallow and source.last_change)
    return Context(
        source.component,
        _component(repo, source.component),
        source.last_change,
        shallow,
    )


@dataclass(frozen=True, slots=True)
class TestedFile:
    path: str
    how: str


@dataclass(frozen=True, slots=True)
class Tests:
    command: str | None  #: runs the whole file
    files: tuple[TestedFile, ...]  #: what it tests
    cases: tuple[TestCase, ...]


def tests(repo: Repository, source: SourceFile) -> Tests | None:
    if not (source.tests or source.test_cases or source.test_command):
        return None
    files = tuple(TestedFile(link.path, link.how) for link in source.tests)
    return Tests(source.test_command, files, source.test_cases)


@dataclass(frozen=True, slots=True)
class Tester:
    path: str
    how: str
    command: str | None
    cases: tuple[TestCase, ...]  #: the cases naming this file's symbols, with commands


def tested_by(repo: Repository, source: SourceFile) -> tuple[Tester, ...] | None:
    out = []
    for link in source.tested_by:
        test = repo.file(link.path)
        if test is None:
            continue
        wanted = set(link.cases)
        cases = tuple(c for c in test.test_cases if c.qualname in wanted)
        out.append(Tester(link.path, link.how, test.test_command, cases))
    return tuple(out) or None


def findings(repo: Repository, source: SourceFile) -> tuple[Finding, ...] | None:
    return source.findings or None


@dataclass(frozen=True, slots=True)
class RankedFile:
    path: str
    language: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ranked:
    files: tuple[RankedFile, ...]
    shallow: bool  #: co-change comes from a shallow clone (said once)


def ranked(repo: Repository, source: SourceFile) -> Ranked | None:
    files = []
    for rel in source.related:
        other = repo.file(rel.path)
        if other is not None:
            files.append(RankedFile(rel.path, other.language.label, rel.reasons))
    if not files:
        return None
    return Ranked(tuple(files), bool(repo.history and repo.history.shallow))


# -- folders ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FolderTests:
    path: str
    command: str | None
    cases: int


@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: str
    category: str
    message: str
    files: tuple[str, ...]  #: the first ones, in path order
    total: int  #: files of the folder with this finding


@dataclass(frozen=True, slots=True)
class FolderInsights:
    component: str | None
    description: str | None
    most_imported: tuple[tuple[str, int], ...]  #: (path, importers outside the file)
    entry_points: tuple[str, ...]
    tests: tuple[FolderTests, ...]
    more_tests: int
    findings: tuple[RuleCount, ...]
    depends_on: tuple[tuple[str, int], ...]  #: (folder, imports into it)
    used_by: tuple[tuple[str, int], ...]  #: (folder, imports from it)


def _in(path: str, folder: str) -> bool:
    return folder == "." or path.startswith(folder + "/")


def _subtree(repo: Repository, folder: Folder) -> list[SourceFile]:
    """The files of the folder and its subfolders (O(subtree), not O(repository))."""
    out: list[SourceFile] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        out.extend(f for p in current.files if (f := repo.file(p)) is not None)
        stack.extend(sub for p in current.folders if (sub := repo.folder(p)) is not None)
    return sorted(out, key=lambda f: f.path)


def folder_insights(repo: Repository, folder: Folder) -> FolderInsights | None:
    """The folder's role, hubs, entry points, tests, findings and folder dependencies."""
    mine = _subtree(repo, folder)
    importers = sorted(
        ((f.path, len(f.imported_by)) for f in mine if f.imported_by),
        key=lambda t: (-t[1], t[0]),
    )[:MAX_FOLDER_ROWS]
    entry = [f.path for f in mine if any(x.rule == "cli-entry-point" for x in f.findings)]
    test_files = [f for f in mine if f.purpose is Purpose.TEST and (f.test_cases or f.test_command)]
    tests_rows = [FolderTests(f.path, f.test_command, len(f.test_cases)) for f in test_files]
    tests_rows = tests_rows[:MAX_FOLDER_ROWS]
    by_rule: dict[str, list[str]] = defaultdict(list)
    meta: dict[str, Finding] = {}
    for f in mine:
        for x in f.findings:
            by_rule[x.rule].append(f.path)
            meta.setdefault(x.rule, x)
    rules = tuple(
        RuleCount(
            r,
            meta[r].category,
            meta[r].message,
            tuple(by_rule[r][:MAX_FOLDER_ROWS]),
            len(by_rule[r]),
        )
        for r in sorted(by_rule, key=lambda r: (meta[r].category, r))
    )
    out_deps: Counter[str] = Counter()
    in_deps: Counter[str] = Counter()
    for f in mine:
        for imp in f.imports:
            if imp.origin is Origin.LOCAL and imp.target and not _in(imp.target, folder.path):
                out_deps[imp.target.rpartition("/")[0] or "."] += 1
        for other in f.imported_by:
            if not _in(other, folder.path):
                in_deps[other.rpartition("/")[0] or "."] += 1

    def top(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counter.items(), key=lambda t: (-t[1], t[0]))[:MAX_FOLDER_ROWS])

    data = FolderInsights(
        component=folder.component,
        description=_component(repo, folder.component),
        most_imported=tuple(importers),
        entry_points=tuple(entry[:MAX_FOLDER_ROWS]),
        tests=tuple(tests_rows),
        more_tests=max(0, len(test_files) - len(tests_rows)),
        findings=rules,
        depends_on=top(out_deps),
        used_by=top(in_deps),
    )
    if not any(
        (
            data.component is not None,
            data.most_imported,
            data.entry_points,
            data.tests,
            data.findings,
            data.depends_on,
            data.used_by,
        )
    ):
        return None
    return data


FILE_INSIGHTS = {
    "context": context,
    "tests": tests,
    "tested-by": tested_by,
    "findings": findings,
    "related": ranked,
}
FOLDER_INSIGHTS = {"folder-insights": folder_insights}
