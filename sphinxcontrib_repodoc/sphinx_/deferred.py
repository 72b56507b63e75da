"""Large generated blocks that Sphinx's transforms never walk.

A keyword table or an outline holds hundreds of nodes, and every read-time transform, every
post-transform and the search indexer walk each of them again: on a large repository that
walking, not the content, was most of the build (see the speed notes in ``benchmarks/``). A
:class:`deferred` node keeps such a block out of the tree, in ``node["payload"]``, until it is
written:

- HTML builders render the payload when they reach the node, after resolving its references
  with the same domain code as Sphinx's resolver (the HTML is the same as without deferral);
- every other builder gets the payload back as ordinary children before references are
  resolved (:class:`ExpandDeferred`), so text, LaTeX or XML output is unchanged.

Only blocks built from plain nodes are deferred: paragraphs, lists, tables, literals and
references to generated pages or to lines (no footnotes, targets or substitutions, which need
the read-time transforms).

The largest blocks (a keyword table has a row per name, an outline several nodes per symbol)
are *lazy*: the node holds only their data and the name of a :class:`Lazy` pair of functions,
one writing the HTML directly, one building the nodes for the other builders. No node of
theirs exists before it is needed (the standard library's outlines were half the bytes of its
pickled overview pages), and a test checks that both give the same HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from sphinx.builders import Builder


class deferred(nodes.General, nodes.Element):
    """A block whose children live in ``node["payload"]`` (an element), out of the tree, or
    are made from ``node["data"]`` by the :data:`LAZY` entry ``node["lazy"]``.

    A single text child, when present, holds the block's words for the search index; blocks
    that only repeat names the domain already indexes have none.
    """


@dataclass(frozen=True)
class Lazy:
    """How a lazy block becomes output: HTML text directly, or nodes for other builders."""

    html: Callable[[Any, Any], str]  #: (HTML translator, data) → HTML
    nodes: Callable[[Any], list[nodes.Node]]  #: data → nodes (references still pending)


#: lazy block kinds, registered by the modules that define them
LAZY: dict[str, Lazy] = {}


def lazy(kind: str, data: Any, *, text: str | None = None) -> deferred:
    """A block of ``kind`` (a :data:`LAZY` key) made from ``data`` only when written;
    ``text``, when given, is the block's words for the search index."""
    node = deferred("", lazy=kind, data=data)
    if text:
        node += nodes.Text(text)
    return node


def _payload(node: deferred) -> nodes.Element:
    """The node's children: kept aside, or built now from its data."""
    if "lazy" in node:
        payload = nodes.Element()
        payload.extend(LAZY[node["lazy"]].nodes(node["data"]))
        return payload
    return node["payload"]


def defer(children: Sequence[nodes.Node], *, searchable: bool = False) -> deferred:
    payload = nodes.Element()
    payload.extend(children)
    node = deferred("", payload=payload)
    if searchable:
        node += nodes.Text(" ".join(payload.astext().split()))
    return node


def findall_deep(doctree: nodes.Node, cls: type[nodes.Node]) -> Iterator[Any]:
    """Every ``cls`` node, inside deferred payloads too."""
    yield from doctree.findall(cls)
    for node in doctree.findall(deferred):
        if "payload" in node:
            yield from node["payload"].findall(cls)


def resolve_payload(builder: Builder, payload: nodes.Element, fromdocname: str) -> None:
    """Resolve the payload's cross-references as Sphinx's ``ReferencesResolver`` would."""
    env = builder.env
    for node in list(payload.findall(addnodes.pending_xref)):
        contnode = node[0].deepcopy() if node.children else nodes.Text(node["reftarget"])
        domain = env.get_domain(node["refdomain"])
        new = domain.resolve_xref(
            env, fromdocname, builder, node["reftype"], node["reftarget"], node, contnode
        )
        if new is None:
            new = builder.app.emit_firstresult(
                "missing-reference", env, node, contnode, allowed_exceptions=(nodes.NodeFound,)
            )
        node.replace_self(new if new is not None else contnode)


def visit_deferred_html(self: Any, node: deferred) -> None:
    """HTML: resolve, then render the payload as if it had been in the tree all along."""
    from .domain import get_state
    from .nodes import resolve_source_links

    if "lazy" in node:
        self.body.append(LAZY[node["lazy"]].html(self, node["data"]))
        raise nodes.SkipNode
    payload = node["payload"]
    resolve_payload(self.builder, payload, self.builder.current_docname)
    state = get_state(self.builder.env)
    resolve_source_links(payload, state.links if state else None)
    for child in payload.children:
        child.walkabout(self)
    raise nodes.SkipNode


class ExpandDeferred(SphinxPostTransform):
    """Non-HTML builders: the payload becomes ordinary children again, before references are
    resolved (Sphinx's resolver runs at priority 10)."""

    default_priority = 5

    def is_supported(self) -> bool:
        # Sphinx 9 knows the builder's class through the environment (``app`` is deprecated)
        builder = getattr(self.env, "_builder_cls", None) or self.app.builder
        return builder.format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(deferred)):
            node.replace_self(_payload(node).children)
