"""The parser of the generated stubs, under a private source suffix.

A project whose ``source_suffix`` is Markdown-only would otherwise silently ignore ``.rst``
stubs; a suffix of our own is read whatever the project's settings.
"""

from __future__ import annotations

from sphinx.parsers import RSTParser


class StubParser(RSTParser):
    supported = ("repodoc",)
