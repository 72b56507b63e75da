"""What the builders other than HTML do with the generated pages.

The decisions (documented in the demo's ``builders.rst``):

- ``latex``, ``texinfo``, ``epub``: a book of ten thousand file pages helps nobody, so the
  landing's toctree into the generated pages is wrapped in ``only`` (:data:`BOOK_ONLY`). LaTeX
  and Texinfo leave the pages out of the document (references to them become plain text);
  EPUB keeps them as non-linear content, reached through links only, out of its table of
  contents and reading order.
- ``linkcheck``: the generated pages are added to ``linkcheck_exclude_documents``, so the
  source-host links of every line are never probed (the user's own pages still are).
- ``gettext``: generated pages are emptied before the message catalogs read them, so no
  generated text lands in a ``.pot`` file (it changes with the code and is never translated).
- ``text``, ``singlehtml``, ``dirhtml``, ``html``: everything, as in HTML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes as docutils_nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: our stylesheet's folder (``repodoc.css``)
STATIC = Path(__file__).resolve().parent.parent / "static"

#: the ``only`` expression around the landing's toctree: true except for the book builders
BOOK_ONLY = "not (latex or texinfo or epub)"


def only_outside_books(node: nodes.Node) -> addnodes.only:
    """``node`` (the landing's toctree) shown by every builder but the book builders."""
    wrapper = addnodes.only(expr=BOOK_ONLY)
    wrapper += node
    return wrapper


def add_static_path(app: Sphinx) -> None:
    """``builder-inited``: HTML builders copy ``static/repodoc.css`` to ``_static/`` (first in
    ``html_static_path``, so a user's file of the same name wins). A new list: the default is
    shared between apps."""
    paths = list(getattr(app.config, "html_static_path", None) or [])
    if app.builder.format == "html" and str(STATIC) not in paths:
        app.config.html_static_path = [str(STATIC), *paths]


def exclude_from_linkcheck(app: Sphinx, config: Config) -> None:
    """``config-inited``: linkcheck skips the generated pages (their per-line source links)."""
    stub_dir = str(config.repodoc_stub_dir).strip("/")
    pattern = f"^{re.escape(stub_dir)}/"
    current = list(config.linkcheck_exclude_documents or [])
    if pattern not in current:
        config.linkcheck_exclude_documents = [*current, pattern]


def doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The gettext builder extracts nothing from a generated page; in LaTeX, a reference to a
    page left out of the document becomes its plain text (no undefined label)."""
    domain = app.env.get_domain("repo")
    state = getattr(domain, "state", None)
    if state is None:
        return
    if app.builder.name == "gettext" and docname in state.plan.pages:
        doctree.children = []
    elif app.builder.name == "latex":
        prefix = f"%{state.plan.stub_dir}/"
        for ref in list(doctree.findall(docutils_nodes.reference)):
            if ref.get("refuri", "").startswith(prefix):
                ref.replace_self(ref.children)
