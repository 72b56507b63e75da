"""Diagrams: Graphviz SVG in HTML where ``dot`` exists, text everywhere else."""

from __future__ import annotations

import re
import shutil

import pytest
from buildutil import build, copy_root, warnings_of

F = "repodoc/files"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' not installed")


def svg_links(html: str) -> list[str]:
    svg = html[html.index("<svg") : html.index("</svg>")]
    return re.findall(r'xlink:href="([^"]*)"', svg)


@needs_dot
def test_file_and_folder_diagrams_are_inline_svg_with_links(basic_app):
    core = (basic_app.outdir / f"{F}/pkg/core.py.html").read_text()
    assert sorted(svg_links(core)) == [
        "../tests/test_core.py.html",  # imports core
        "__init__.py.html",  # imports core
        "sub/deep.py.html",  # imported by and importing core
        "util.py.html",  # imported by core
    ]
    assert 'id="repodoc-graph-' in core and 'id="node1"' not in core  # no id collisions
    root = (basic_app.outdir / "repodoc/about/index.html").read_text()
    # tests/ imports pkg/; docs/ imports nothing and is left out
    assert sorted(svg_links(root)) == ["../folders/pkg/index.html", "../folders/tests/index.html"]


def test_without_dot_the_diagram_is_text_with_one_info_line(tmp_path, monkeypatch):
    from sphinxcontrib_repodoc.sphinx_ import diagrams

    monkeypatch.setattr(diagrams.shutil, "which", lambda _name: None)
    app = build(copy_root("basic", tmp_path / "b"))
    core = (app.outdir / f"{F}/pkg/core.py.html").read_text()
    assert "<svg" not in core
    section = core[core.index('id="repodoc-diagram"') : core.index('id="repodoc-source"')]
    assert 'href="util.py.html"' in section and "→" in section
    assert app.status.getvalue().count("Graphviz 'dot' not found") == 1
    assert [w for w in warnings_of(app) if "repodoc.syntax" not in w] == []


def test_other_builders_get_text(tmp_path):
    app = build(copy_root("basic", tmp_path / "t"), "text")
    text = (app.outdir / f"{F}/pkg/core.py.txt").read_text()
    assert "Import neighbourhood" in text and "pkg/util.py" in text


def test_a_file_without_local_imports_has_no_diagram(basic_app):
    html = (basic_app.outdir / f"{F}/config.yaml.html").read_text()
    assert "repodoc-diagram" not in html


@needs_dot
def test_one_dot_process_renders_many_graphs_like_fresh_ones(tmp_path):
    """The long-lived ``dot`` gives each page the SVG a fresh process would (same ids), and a
    graph it cannot read costs that graph only, never a hang or the next graph."""
    from sphinxcontrib_repodoc.sphinx_ import diagrams

    program = shutil.which("dot")
    graphs = [f"digraph g {{ a{i} -> b; b -> c{i}; }}\n" for i in range(3)]
    first = [diagrams.render_svg(g, program, tmp_path / "one") for g in graphs]
    diagrams._DOT.clear()  # a fresh process for each graph, as before the cache
    fresh = []
    for i, g in enumerate(graphs):
        fresh.append(diagrams.render_svg(g, program, tmp_path / f"fresh{i}"))
        diagrams._DOT.clear()
    assert first == fresh and all(svg and svg.startswith("<svg") for svg in first)
    assert all('id="repodoc-graph-graph0"' in svg for svg in first)
    assert diagrams.render_svg("digraph { a -> ; }\n", program, tmp_path / "bad") is None
    assert diagrams.render_svg(graphs[0].replace("g {", "h {"), program, tmp_path / "after")
