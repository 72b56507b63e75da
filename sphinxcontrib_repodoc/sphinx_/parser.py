"""The parser of the generated stubs, under a private source suffix.

A project whose ``source_suffix`` is Markdown-only would otherwise silently ignore ``.rst``
stubs; a suffix of our own is read whatever the project's settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.parsers import RSTParser

from ..pages.plan import page_title
from .domain import get_state
from .locale import _

if TYPE_CHECKING:
    from docutils.statemachine import StringList


class StubParser(RSTParser):
    supported = ("repodoc",)

    def parse(self, inputstring: str | StringList, document: nodes.document) -> None:
        # Generated pages show names, paths and code as the repository writes them: smart
        # quotes would turn ``--json`` into an en dash, and on large pages they cost a fifth of
        # the reading time. Stubs have their own settings (their own file type), so this
        # touches no page of the project.
        document.settings.smart_quotes = False
        super().parse(inputstring, document)
        _keep_title_id(document)


def _keep_title_id(document: nodes.document) -> None:
    """A translated page title keeps the id of its English one (``#pkg-a-py-keywords``):
    anchors must not depend on the project's ``language``."""
    env = getattr(document.settings, "env", None)
    state = get_state(env) if env is not None else None
    page = state.plan.page(env.docname) if state is not None else None
    if page is None:
        return
    english = page_title(page.kind, page.path, state.repo.name)
    translated = page_title(page.kind, page.path, state.repo.name, translate=_)
    section = next(iter(document.findall(nodes.section)), None)
    if english == translated or section is None or not section["ids"]:
        return
    old, new = section["ids"][0], nodes.make_id(english)
    if old != nodes.make_id(translated) or new in document.ids:
        return  # a title of the user's own template, or a clash: leave docutils' choice
    section["ids"][0] = new
    document.ids.pop(old, None)
    document.ids[new] = section
