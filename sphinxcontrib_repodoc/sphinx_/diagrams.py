"""Diagrams: Graphviz SVG inlined in HTML pages where ``dot`` exists, text everywhere else.

One ``dot`` process per build process reads the graphs on stdin, one after the other, and
writes each SVG on stdout as soon as it is laid out: starting ``dot`` costs ~20 ms, more than
laying out a small graph, and a repository has a graph per file. Results are cached under the
doctree folder by the hash of the graph, so a rebuild only pays for graphs that changed.
Inlined SVG keeps every node a link relative to the page itself.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import select
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..pages.plan import PageKind
from .domain import page_uri
from .locale import N_, _, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from ..pages.diagrams import Graph

TITLES = {"files": N_("Import neighbourhood"), "folders": N_("Dependencies between subfolders")}


class repo_graph(nodes.General, nodes.Element):
    """A graph of repository paths (see :class:`..pages.diagrams.Graph`)."""


def graph_section(graph: Graph) -> nodes.Element:
    """The titled block holding one graph: a section on file pages; on folder pages a rubric,
    so that the navigation tree does not gain an entry under every folder."""
    title = _(TITLES[graph.kind])
    if graph.kind == "files":
        block: nodes.Element = nodes.section(ids=["repodoc-diagram"], classes=["repodoc-diagram"])
        block += nodes.title(title, title)
    else:
        block = nodes.container(ids=["repodoc-folder-diagram"], classes=["repodoc-folder-diagram"])
        block += nodes.rubric(title, title)
    block += graph_node(graph)
    return block


def graph_node(graph: Graph) -> repo_graph:
    return repo_graph(
        "",
        kind=graph.kind,
        center=graph.center,
        graph_nodes=list(graph.nodes),
        edges=[list(e) for e in graph.edges],
        more_in=graph.more_in,
        more_out=graph.more_out,
    )


def dot_program(app: Sphinx) -> str | None:
    """The ``dot`` to run (``graphviz_dot`` when sphinx.ext.graphviz is loaded), if present."""
    if not app.config.repodoc_diagrams:
        return None
    return shutil.which(getattr(app.config, "graphviz_dot", None) or "dot")


def to_dot(node: repo_graph, url: Callable[[str], str]) -> str:
    """The DOT source; ``url(path)`` is the page of a node, relative to the current page."""
    kind = node["kind"]
    lines = [
        "digraph repodoc {",
        '  graph [rankdir=LR, bgcolor="transparent", fontname="sans-serif", fontsize=10];',
        '  node [shape=box, style="rounded,filled", fillcolor="#f4f6f8", color="#8a96a3",'
        ' fontname="sans-serif", fontsize=10];',
        '  edge [color="#8a96a3", arrowsize=0.6];',
    ]
    ids = {path: f"n{i}" for i, path in enumerate(node["graph_nodes"])}
    for path, ident in ids.items():
        label = path.rpartition("/")[2] if kind == "folders" else path
        extra = ', fillcolor="#dbe9f6", penwidth=1.6' if path == node["center"] else ""
        lines.append(
            f'  {ident} [label="{_escape(label)}", tooltip="{_escape(path)}", '
            f'URL="{_escape(url(path))}", target="_top"{extra}];'
        )
    for src, dst in node["edges"]:
        lines.append(f"  {ids[src]} -> {ids[dst]};")
    for count, side in ((node["more_in"], "in"), (node["more_out"], "out")):
        if count:
            more = _("+%(count)s more") % {"count": count}
            lines.append(f'  more_{side} [label="{_escape(more)}", shape=plaintext, style=""];')
            center = ids.get(node["center"])
            if center:
                edge = f"more_{side} -> {center}" if side == "in" else f"{center} -> more_{side}"
                lines.append(f"  {edge} [style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


#: seconds a graph may take before ``dot`` is given up on
DOT_TIMEOUT = 60


class DotProcess:
    """A long-lived ``dot -Tsvg``: a graph in, its SVG out (``dot`` flushes after each)."""

    def __init__(self, program: str) -> None:
        self.program = program
        self.pid = os.getpid()
        self.proc = subprocess.Popen(
            [program, "-Tsvg"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def render(self, dot: str) -> str | None:
        """The SVG document for one graph, or None (and the process stopped) on any failure."""
        proc = self.proc
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(dot.encode())
            proc.stdin.flush()
            fd = proc.stdout.fileno()
            chunks: list[bytes] = []
            while True:
                ready, _, _ = select.select([fd], [], [], DOT_TIMEOUT)
                data = os.read(fd, 65536) if ready else b""
                if not data:  # timed out, or dot exited (a graph it could not read)
                    self.close()
                    return None
                chunks.append(data)
                if data.rstrip().endswith(b"</svg>"):
                    return b"".join(chunks).decode("utf-8", "replace")
        except OSError:
            self.close()
            return None

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


_DOT: dict[str, DotProcess] = {}


def _dot_process(program: str) -> DotProcess | None:
    """This process's ``dot`` (a forked writer starts its own: pipes are not shared)."""
    proc = _DOT.get(program)
    if proc is not None and proc.pid == os.getpid() and proc.proc.poll() is None:
        return proc
    try:
        proc = _DOT[program] = DotProcess(program)
    except OSError:
        return None
    return proc


@atexit.register
def _stop_dot() -> None:
    for proc in _DOT.values():
        if proc.pid == os.getpid() and proc.proc.stdin is not None:
            proc.proc.stdin.close()
            proc.close()


def render_svg(dot: str, program: str, cache: Path) -> str | None:
    """SVG for ``dot`` (cached by its hash), or None when Graphviz fails."""
    key = hashlib.sha1(dot.encode()).hexdigest()
    cached = cache / f"{key}.svg"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    process = _dot_process(program)
    svg = process.render(dot) if process else None
    if svg is None:
        return None
    svg = svg[svg.find("<svg") :] if "<svg" in svg else ""
    # a long-lived dot names the second graph's group "page0,1_graph0": the same SVG, whatever
    # the order pages are written in; and ids such as "node1" must not collide with the page's
    svg = re.sub(r'\bid="(?:page\d+,\d+_)?', 'id="repodoc-graph-', svg)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_text(svg, encoding="utf-8")
    return svg


def visit_graph_html(self: Any, node: repo_graph) -> None:
    program = node.get("dot_program")
    svg = None
    if program:
        dot = to_dot(node, lambda path: page_uri(self.builder, PageKind(node["kind"]), path) or "")
        svg = render_svg(dot, program, Path(self.builder.doctreedir) / "repodoc-svg")
    if svg:
        self.body.append(f'<div class="repodoc-graph">{svg}</div>\n')
    raise nodes.SkipNode


def text_fallback(node: repo_graph, url: Callable[[str], str]) -> list[nodes.Node]:
    """The graph as lines of links: who imports whom."""
    by_source: dict[str, list[str]] = {}
    for src, dst in node["edges"]:
        by_source.setdefault(src, []).append(dst)
    items = nodes.bullet_list(classes=["repodoc-graph-text"])
    for src in sorted(by_source):
        para = nodes.paragraph()
        para += _link(src, url)
        para += nodes.Text(" → ")
        for i, dst in enumerate(sorted(by_source[src])):
            if i:
                para += nodes.Text(", ")
            para += _link(dst, url)
        items += nodes.list_item("", para)
    out: list[nodes.Node] = [items]
    more = []
    if node["more_in"]:
        importers = ngettext("%(count)s more importer", "%(count)s more importers", node["more_in"])
        more.append(importers % {"count": f"{node['more_in']:,}"})
    if node["more_out"]:
        imports = ngettext("%(count)s more import", "%(count)s more imports", node["more_out"])
        more.append(imports % {"count": f"{node['more_out']:,}"})
    if more:
        text = _("… and %(more)s.") % {"more": ", ".join(more)}
        out.append(nodes.paragraph("", text))
    return out


def _link(path: str, url: Callable[[str], str]) -> nodes.Node:
    text = nodes.literal(path, path)
    target = url(path)
    return nodes.reference("", "", text, refuri=target, internal=True) if target else text


def resolve_graphs(app: Sphinx, doctree: nodes.Node, docname: str) -> None:
    """Keep graphs for HTML with ``dot``; everything else gets the text form."""
    program = dot_program(app) if app.builder.format == "html" else None
    state = app.env.get_domain("repo").state  # type: ignore[attr-defined]
    for node in list(doctree.findall(repo_graph)):
        if program:
            node["dot_program"] = program
            continue

        def url(path: str, kind: str = node["kind"]) -> str:
            target = state.plan.docname(PageKind(kind), path) if state else None
            return app.builder.get_relative_uri(docname, target) if target else ""

        node.replace_self(text_fallback(node, url))
