"""What the diagrams show, as plain data: a file's import neighbourhood, a folder's subfolders.

Drawing (Graphviz where ``dot`` exists, a text fallback elsewhere) is the Sphinx layer's job.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Folder, Repository, SourceFile

MAX_NEIGHBOURS = 12  #: per side; the rest is counted ("+N more")
MAX_SUBFOLDERS = 40


@dataclass(frozen=True, slots=True)
class Graph:
    """Nodes are repository paths; ``kind`` says which page a node links to."""

    kind: str  #: ``files`` or ``folders``
    center: str | None  #: the file the graph is about (drawn emphasised)
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]  #: (importer, imported)
    more_in: int = 0  #: importers left out
    more_out: int = 0  #: imports left out


def neighbourhood(repo: Repository, source: SourceFile) -> Graph | None:
    """What the file imports and what imports it, one level each way."""
    imports = sorted(
        {
            i.target
            for i in source.imports
            if i.target and i.target != source.path and repo.file(i.target) is not None
        }
    )
    importers = sorted(p for p in source.imported_by if p != source.path)
    if not imports and not importers:
        return None
    shown_out, shown_in = imports[:MAX_NEIGHBOURS], importers[:MAX_NEIGHBOURS]
    edges = [(source.path, p) for p in shown_out] + [(p, source.path) for p in shown_in]
    nodes = sorted({source.path, *shown_out, *shown_in})
    return Graph(
        "files",
        source.path,
        tuple(nodes),
        tuple(sorted(set(edges))),
        more_in=len(importers) - len(shown_in),
        more_out=len(imports) - len(shown_out),
    )


def subfolders(repo: Repository, folder: Folder) -> Graph | None:
    """Which subfolders import from which (files anywhere below each)."""
    subs = list(folder.folders[:MAX_SUBFOLDERS])
    if len(subs) < 2:
        return None
    prefix = "" if folder.path == "." else folder.path + "/"

    def owner(path: str) -> str | None:
        if not path.startswith(prefix):
            return None
        head = path[len(prefix) :].partition("/")
        return prefix + head[0] if head[1] else None

    wanted = set(subs)
    edges: dict[tuple[str, str], int] = defaultdict(int)
    for f in repo.files:
        src = owner(f.path)
        if src not in wanted:
            continue
        for imp in f.imports:
            dst = owner(imp.target) if imp.target else None
            if dst in wanted and dst != src:
                edges[src, dst] += 1  # type: ignore[index]
    if not edges:
        return None
    linked = {path for edge in edges for path in edge}  # isolated subfolders say nothing
    return Graph("folders", None, tuple(sorted(linked)), tuple(sorted(edges)))
