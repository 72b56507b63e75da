"""The bridge from the Python domain: ``:py:`` references that found nothing elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util.nodes import make_refnode

from ..pages.targets import OBJECT_TYPES
from .domain import get_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: py role → the repo object types it may find through the bridge
_PY_TYPES = {
    "class": ("class",),
    "exc": ("class",),
    "func": ("function",),
    "meth": ("method", "property"),
    "attr": ("attribute", "property"),
    "data": ("data",),
    "const": ("data",),
    "mod": ("module",),
    "obj": OBJECT_TYPES,
}


def python_bridge(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.Node | None:
    """An unresolved ``:py:`` reference finds the repository object of that exact dotted name.

    Existing documentation gains links without rewriting its roles; the current
    ``py:module``/``py:class`` are tried as prefixes, as the Python domain does.
    """
    state = get_state(env)
    types = _PY_TYPES.get(node.get("reftype", ""))
    if state is None or types is None:
        return None
    target = node["reftarget"].lstrip("~.")
    module, cls = node.get("py:module"), node.get("py:class")
    names = [target]
    if module:
        names.append(f"{module}.{target}")
        if cls:
            names.append(f"{module}.{cls}.{target}")
    for name in names:
        found = state.targets.resolve_exact_dotted(name, types)
        if found is not None:
            return make_refnode(
                app.builder, node["refdoc"], found.docname, found.anchor, contnode, found.name
            )
    return None
