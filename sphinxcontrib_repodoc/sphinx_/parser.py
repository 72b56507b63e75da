"""The parser of the generated stubs, under a private source suffix.

A project whose ``source_suffix`` is Markdown-only would otherwise silently ignore ``.rst``
stubs; a suffix of our own is read whatever the project's settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.parsers import RSTParser

if TYPE_CHECKING:
    from docutils import nodes
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
