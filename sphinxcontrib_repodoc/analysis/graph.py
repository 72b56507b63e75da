"""The import graph between the tree's files: who imports a file, and import cycles.

Nodes are repository paths. Everything here is linear in the size of the graph (plus the sorts
that make the output deterministic) and iterative, so a 20,000-file tree never meets Python's
recursion limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Origin

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ..model import Import


def import_edges(imports: Mapping[str, Iterable[Import]]) -> dict[str, tuple[str, ...]]:
    """``path -> sorted unique local targets`` from resolved imports (non-local ones dropped)."""
    return {
        path: tuple(
            sorted({i.target for i in imps if i.origin is Origin.LOCAL and i.target is not None})
        )
        for path, imps in sorted(imports.items())
    }


def imported_by(edges: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """``path -> sorted unique importers``, the reverse of ``edges``.

    Every path of ``edges`` (as importer or target) is a key, with ``()`` when nothing imports
    it, so callers can index without a default. A file importing itself is not its own importer.
    """
    reverse: dict[str, set[str]] = {}
    for source, targets in edges.items():
        reverse.setdefault(source, set())
        for target in targets:
            if not target:
                continue
            importers = reverse.setdefault(target, set())
            if target != source:
                importers.add(source)
    return {path: tuple(sorted(reverse[path])) for path in sorted(reverse)}


def find_cycles(edges: Mapping[str, Iterable[str]]) -> list[tuple[str, ...]]:
    """Import cycles: strongly connected components of more than one file.

    Tarjan's algorithm with an explicit stack. Each cycle is sorted, and so is the list; a file
    that imports itself is not a cycle.
    """
    graph: dict[str, tuple[str, ...]] = {}
    for source, targets in edges.items():
        graph[source] = tuple(t for t in targets if t)
    for targets in list(graph.values()):
        for target in targets:
            graph.setdefault(target, ())

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[tuple[str, ...]] = []

    for root in sorted(graph):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(graph[root]))]
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(graph[succ])))
                    break  # descend; this node's iterator resumes afterwards
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(tuple(sorted(component)))
    return sorted(cycles)
