"""Related files, ranked, each with every reason it is related.

Signals (weights in :data:`WEIGHTS`): a direct import either way, a test relation either way,
co-change in the history read (``changed together in k of its n last commits``, from commits
touching at most :data:`MAX_COMMIT_FILES` files, counted when k >= 2), and, as tie-breakers that
never make a file related on their own, the same folder and the same component. Order: score,
then path — deterministic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..model import Origin, Related

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import SourceFile
    from .git import GitLog

__all__ = ["MAX_COMMIT_FILES", "WEIGHTS", "co_changes", "rank"]

WEIGHTS = {
    "imports": 30,
    "imported": 30,
    "tests": 40,
    "co-change": 10,  #: plus up to 40 by the share of the file's commits
    "folder": 5,
    "component": 2,
}
MAX_COMMIT_FILES = 50
"""A commit touching more files (a reformat, a vendored update) says nothing of coupling."""


def co_changes(
    log: GitLog | None, documented: Mapping[str, object]
) -> tuple[dict[str, Counter[str]], dict[str, int]]:
    """``path → Counter(other path → commits together)`` and ``path → commits read``."""
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    totals: dict[str, int] = {}
    if log is None:
        return pairs, totals
    for path, commits in log.by_file.items():
        if path in documented:
            totals[path] = len(commits)
    for commit in log.commits:
        files = [p for p in commit.files if p in documented]
        if len(files) > MAX_COMMIT_FILES or len(files) < 2:
            continue
        for a in files:
            counter = pairs[a]
            for b in files:
                if a != b:
                    counter[b] += 1
    return pairs, totals


def rank(
    files: Mapping[str, SourceFile], log: GitLog | None, limit: int
) -> dict[str, tuple[Related, ...]]:
    """The top ``limit`` related files of every file."""
    pairs, totals = co_changes(log, files)
    out: dict[str, tuple[Related, ...]] = {}
    for path, source in files.items():
        scores: dict[str, int] = defaultdict(int)
        reasons: dict[str, list[str]] = defaultdict(list)

        def add(other: str, weight: int, reason: str) -> None:
            if other == path or other not in files or reason in reasons[other]:  # noqa: B023
                return
            scores[other] += weight  # noqa: B023
            reasons[other].append(reason)  # noqa: B023

        for imp in source.imports:
            if imp.origin is Origin.LOCAL and imp.target:
                add(imp.target, WEIGHTS["imports"], "imported by this file")
        for other in source.imported_by:
            add(other, WEIGHTS["imported"], "imports this file")
        for link in source.tests:
            add(link.path, WEIGHTS["tests"], "tested by this file")
        for link in source.tested_by:
            add(link.path, WEIGHTS["tests"], "tests this file")
        total = totals.get(path, 0)
        for other, together in pairs.get(path, Counter()).items():
            if together >= 2:
                share = round(40 * together / total) if total else 0
                add(
                    other,
                    WEIGHTS["co-change"] + share,
                    f"changed together in {together} of its {total} last commits",
                )
        if not scores:
            continue
        for other in list(scores):
            peer = files[other]
            if peer.folder == source.folder:
                add(other, WEIGHTS["folder"], "same folder")
            elif source.component is not None and peer.component == source.component:
                add(other, WEIGHTS["component"], f"same component ({source.component})")
        ranked = sorted(scores, key=lambda p: (-scores[p], p))[: max(limit, 0)]
        out[path] = tuple(Related(p, scores[p], tuple(reasons[p])) for p in ranked)
    return out
