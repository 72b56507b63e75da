"""The domain indices ``repo-symbols`` and ``repo-files``."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sphinx.domains import Index, IndexEntry

if TYPE_CHECKING:
    from collections.abc import Iterable


class SymbolIndex(Index):
    """Every class, function, method… of the repository, by name."""

    name = "symbols"
    localname = "Repository symbol index"
    shortname = "symbols"

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        state = self.domain.state  # type: ignore[attr-defined]
        if state is None:
            return [], False
        wanted = set(docnames) if docnames is not None else None
        content: dict[str, list[IndexEntry]] = defaultdict(list)
        for t in state.targets.objects():
            if t.objtype in ("file", "folder", "module", "test", "heading"):
                continue
            if wanted is not None and t.docname not in wanted:
                continue
            short = t.qualname
            letter = short.lstrip("_")[:1].upper() or "_"
            content[letter].append(IndexEntry(short, 0, t.docname, t.anchor, t.path, "", t.objtype))
        return _sorted(content), True


class FileIndex(Index):
    """Every file of the repository, grouped by top-level folder."""

    name = "files"
    localname = "Repository file index"
    shortname = "files"

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        state = self.domain.state  # type: ignore[attr-defined]
        if state is None:
            return [], False
        wanted = set(docnames) if docnames is not None else None
        content: dict[str, list[IndexEntry]] = defaultdict(list)
        for t in state.targets.objects():
            if t.objtype != "file" or (wanted is not None and t.docname not in wanted):
                continue
            top = t.path.partition("/")[0] + "/" if "/" in t.path else "(root)"
            source = state.repo.file(t.path)
            extra = source.language.label if source else ""
            content[top].append(IndexEntry(t.path, 0, t.docname, "", extra, "", ""))
        return _sorted(content), False


def _sorted(content: dict[str, list[IndexEntry]]) -> list[tuple[str, list[IndexEntry]]]:
    return [
        (k, sorted(v, key=lambda e: (e.name.casefold(), e.name, e.docname)))
        for k, v in sorted(content.items())
    ]
