"""The domain indices ``repo-symbols`` and ``repo-files``."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from sphinx.domains import Index, IndexEntry

from .locale import _, kind_label

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..pages.targets import Target
    from .domain import RepodocState

Content = list[tuple[str, list[IndexEntry]]]


class _RepoIndex(Index):
    """Groups the domain's targets; subclasses choose, group and describe them."""

    collapse = False

    def generate(self, docnames: Iterable[str] | None = None) -> tuple[Content, bool]:
        state: RepodocState | None = self.domain.state  # type: ignore[attr-defined]
        if state is None:
            return [], False
        if getattr(self.domain, "indices_current", False):
            # the page will not be written again (see ``unchanged``); listed all the same, so
            # that the pages written still link to it
            return [("", [])], self.collapse
        wanted = set(docnames) if docnames is not None else None
        content: dict[str, list[IndexEntry]] = defaultdict(list)
        for t in state.targets.objects():
            if wanted is not None and t.docname not in wanted:
                continue
            entry = self.entry(state, t)
            if entry is not None:
                group, item = entry
                content[group].append(item)
        ordered = [
            (k, sorted(v, key=lambda e: (e.name.casefold(), e.name, e.docname)))
            for k, v in sorted(content.items())
        ]
        return ordered, self.collapse

    def entry(self, state: RepodocState, t: Target) -> tuple[str, IndexEntry] | None:
        raise NotImplementedError


class SymbolIndex(_RepoIndex):
    """Every class, function, method… of the repository, by name."""

    name = "symbols"
    localname = _("Repository symbol index")
    shortname = _("symbols")
    collapse = True

    def entry(self, state: RepodocState, t: Target) -> tuple[str, IndexEntry] | None:
        if t.objtype in ("file", "folder", "module", "test", "heading"):
            return None
        letter = t.qualname.lstrip("_")[:1].upper() or "_"
        kind = kind_label(t.objtype)
        return letter, IndexEntry(t.qualname, 0, t.docname, t.anchor, t.path, "", kind)


class FileIndex(_RepoIndex):
    """Every file of the repository, grouped by top-level folder."""

    name = "files"
    localname = _("Repository file index")
    shortname = _("files")

    def entry(self, state: RepodocState, t: Target) -> tuple[str, IndexEntry] | None:
        if t.objtype != "file":
            return None
        top = t.path.partition("/")[0] + "/" if "/" in t.path else _("(root)")
        source = state.repo.file(t.path)
        extra = source.language.label if source else ""
        return top, IndexEntry(t.path, 0, t.docname, "", extra, "", "")
