"""The import graph: reverse edges and cycles."""

from __future__ import annotations

from sphinxcontrib_repodoc.analysis.graph import find_cycles, import_edges, imported_by
from sphinxcontrib_repodoc.model import Import, Origin


def test_imported_by_sorted_unique_without_self() -> None:
    edges = {
        "b.py": ["a.py", "a.py", "b.py"],
        "a.py": ["c.py"],
        "c.py": [],
        "d.py": ["a.py"],
    }
    assert imported_by(edges) == {
        "a.py": ("b.py", "d.py"),
        "b.py": (),
        "c.py": ("a.py",),
        "d.py": (),
    }
    assert list(imported_by(edges)) == ["a.py", "b.py", "c.py", "d.py"]


def test_imported_by_includes_targets_not_in_keys() -> None:
    assert imported_by({"x.py": ["lib/y.py"]}) == {"lib/y.py": ("x.py",), "x.py": ()}


def test_import_edges_keeps_local_targets() -> None:
    imports = {
        "m.py": [
            Import(1, "os", origin=Origin.STDLIB),
            Import(2, "pkg", target="pkg/__init__.py", origin=Origin.LOCAL),
            Import(3, "ns", origin=Origin.LOCAL),  # namespace: no file
            Import(4, "pkg.a", target="pkg/a.py", origin=Origin.LOCAL),
            Import(5, "pkg", names=(), target="pkg/__init__.py", origin=Origin.LOCAL),
        ],
        "e.py": [],
    }
    assert import_edges(imports) == {"e.py": (), "m.py": ("pkg/__init__.py", "pkg/a.py")}


def test_two_and_three_cycles() -> None:
    edges = {
        "b.py": ["a.py"],
        "a.py": ["b.py", "x.py"],
        "x.py": ["y.py"],
        "y.py": ["z.py"],
        "z.py": ["x.py", "w.py"],
        "w.py": [],
    }
    assert find_cycles(edges) == [("a.py", "b.py"), ("x.py", "y.py", "z.py")]


def test_self_loop_is_not_a_cycle() -> None:
    assert find_cycles({"a.py": ["a.py"], "b.py": ["a.py"]}) == []


def test_targets_missing_from_keys_are_nodes() -> None:
    assert find_cycles({"a.py": ["b.py"], "c.py": ["a.py"]}) == []


def test_overlapping_cycles_form_one_component() -> None:
    edges = {"a": ["b"], "b": ["a", "c"], "c": ["b", "d"], "d": []}
    assert find_cycles(edges) == [("a", "b", "c")]


def test_long_chain_has_no_recursion_problem() -> None:
    n = 10_000
    nodes = [f"m{i:05d}.py" for i in range(n)]
    chain = {nodes[i]: [nodes[i + 1]] for i in range(n - 1)}
    assert find_cycles(chain) == []
    chain[nodes[-1]] = [nodes[0]]  # close the ring: one cycle of every node
    assert find_cycles(chain) == [tuple(nodes)]
    assert imported_by(chain)[nodes[0]] == (nodes[-1],)
