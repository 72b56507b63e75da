"""Who uses a symbol: the names a file imports from the tree, found again in its text.

Cheap on purpose (no type inference, no second parse): a file's import statements say which
names it binds; one regular expression over its text finds where those names appear again,
outside comments. Analysis then maps each name to the symbol it was imported from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import Origin, Usage, Use
from .reexports import defined_as

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ..model import Import, SourceFile

MAX_TEXT = 120  #: characters of the example line kept


def find_uses(text: str, imports: Sequence[Import]) -> tuple[Use, ...]:
    """Where each name bound by a ``from … import name`` appears after its import."""
    bound: dict[str, int] = {}  # name → line of its import
    for imp in imports:
        for name in imp.names:
            if name.name != "*":
                bound.setdefault(name.alias or name.name, imp.line)
    if not bound:
        return ()
    import_lines = {imp.line for imp in imports}
    # no look-behind in the pattern: it would run at every position of the text and defeat
    # the engine's scan for the names' first characters (4x slower); checked below instead
    pattern = re.compile("(" + "|".join(map(re.escape, sorted(bound))) + r")\b")
    first: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = defaultdict(int)
    line, counted_to = 1, 0  # matches come in order: count newlines once, as we go
    position = 0
    while (match := pattern.search(text, position)) is not None:
        at = match.start()
        if at and _continues_name(text[at - 1]):
            position = at + 1  # part of a longer name, an attribute or a string: a name may
            continue  # still start inside it (``a·b`` holds ``b``)
        position = match.end()
        line += text.count("\n", counted_to, at)
        counted_to = at
        if line in import_lines:
            continue
        start = text.rfind("\n", 0, at) + 1
        if "#" in text[start:at]:
            continue  # in a comment
        name = match.group(1)
        counts[name] += 1
        if name not in first:
            end = text.find("\n", at)
            first[name] = (line, text[start : end if end != -1 else None].strip()[:MAX_TEXT])
    return tuple(Use(name, first[name][0], counts[name], first[name][1]) for name in sorted(first))


def _continues_name(char: str) -> bool:
    """Whether a name preceded by ``char`` is part of something else (``\\w``, ``.``, quote)."""
    return char.isalnum() or char in "_.\"'"


def usages(files: Iterable[SourceFile], reexports: dict[str, str]) -> tuple[Usage, ...]:
    """Every use of a repository symbol from another file, sorted by symbol then path."""
    python = {f.path: f for f in files}
    out: list[Usage] = []
    for f in python.values():
        if not f.uses:
            continue
        origin: dict[str, str] = {}  # bound name → full name of the symbol it names
        for imp in f.imports:
            if imp.origin is not Origin.LOCAL or imp.target not in python:
                continue
            for name in imp.names:
                full = defined_as(python[imp.target], name.name, reexports.get)
                if full is not None:
                    origin.setdefault(name.alias or name.name, full)
        for use in f.uses:
            full = origin.get(use.name)
            if full is not None and not full.startswith(f.path + "::"):
                out.append(Usage(full, f.path, use.line, use.count, use.text))
    return tuple(sorted(out, key=lambda u: (u.target, u.path)))
