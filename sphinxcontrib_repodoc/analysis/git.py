"""The repository's recent history, read once per build with one bounded ``git log``.

Only local reads (``git log``, ``git rev-parse``): never a fetch, never a prompt, with a
timeout. No git, no work tree, or a failing command: the history is simply absent (None), and
the signals built on it (co-change, last change) are not shown. A shallow clone gives the
commits it has; :attr:`History.shallow` says so, so pages can say it once.

Dates are commit dates in UTC, so pages never depend on the build's clock or time zone.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Commit", "GitLog", "read_history"]

TIMEOUT = 60.0
_SEP = "\x1e"  #: record separator before each commit header


@dataclass(frozen=True, slots=True)
class Commit:
    hash: str
    date: str  #: ``YYYY-MM-DD``, UTC
    author: str
    files: tuple[str, ...]  #: paths relative to the scanned root


@dataclass(frozen=True, slots=True)
class GitLog:
    """The commits read, newest first."""

    commits: tuple[Commit, ...]
    limit: int
    shallow: bool
    by_file: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for i, commit in enumerate(self.commits):
            for path in commit.files:
                index.setdefault(path, []).append(i)
        self.by_file.update((k, tuple(v)) for k, v in index.items())

    @property
    def oldest(self) -> str | None:
        return self.commits[-1].date if self.commits else None


def _git(root: Path, *args: str, timeout: float = TIMEOUT) -> str | None:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotepath=off", *args],
            capture_output=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape")


def head(root: Path, timeout: float = TIMEOUT) -> str | None:
    """What the history read by :func:`read_history` depends on besides its limit: the commit
    checked out and, in a shallow clone, where its history is cut (None: no git, or not a
    repository)."""
    out = _git(root, "rev-parse", "HEAD", timeout=timeout)
    if not out:
        return None
    return " ".join([out.strip(), *sorted(_boundary(root, timeout))])


def read_history(root: Path, limit: int, timeout: float = TIMEOUT) -> GitLog | None:
    """The last ``limit`` commits touching ``root`` (paths relative to it), or None."""
    if limit <= 0:
        return None
    inside = _git(root, "rev-parse", "--is-inside-work-tree", timeout=timeout)
    if inside is None or inside.strip() != "true":
        return None
    shallow = (_git(root, "rev-parse", "--is-shallow-repository", timeout=timeout) or "").strip()
    out = _git(
        root,
        "log",
        f"-n{limit}",
        "--no-renames",
        "--relative",
        "--name-only",
        f"--format={_SEP}%H%x09%ct%x09%an",
        "--",
        ".",
        timeout=timeout,
    )
    if out is None:
        return None
    commits = _parse(out)
    if shallow == "true":
        # the boundary commits of a shallow clone have no parent here, so git lists every
        # file of their tree as added: their changes are unknown, drop them
        boundary = _boundary(root, timeout)
        commits = [c for c in commits if c.hash not in boundary]
    return GitLog(tuple(commits), limit, shallow == "true")


def _boundary(root: Path, timeout: float) -> frozenset[str]:
    """The commits a shallow clone is cut at (listed in ``.git/shallow``)."""
    where = (_git(root, "rev-parse", "--git-path", "shallow", timeout=timeout) or "").strip()
    if not where:
        return frozenset()
    path = root / where
    try:
        return frozenset(path.read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return frozenset()


def _parse(out: str) -> list[Commit]:
    commits = []
    for record in out.split(_SEP)[1:]:
        header, _, body = record.partition("\n")
        sha, _, rest = header.partition("\t")
        stamp, _, author = rest.partition("\t")
        try:
            date = datetime.fromtimestamp(int(stamp), UTC).strftime("%Y-%m-%d")
        except ValueError:
            continue
        files = tuple(sorted({line for line in body.splitlines() if line.strip()}))
        commits.append(Commit(sha, date, author, files))
    return commits
