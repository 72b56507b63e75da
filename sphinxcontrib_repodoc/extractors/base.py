"""The one small interface every extractor implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..model import FileFacts, Language


class Extractor(Protocol):
    """Turns the text of one file into :class:`~sphinxcontrib_repodoc.model.FileFacts`.

    An extractor knows nothing of the rest of the tree (that is analysis' job), never raises
    on bad input (it returns ``parsed=False`` with a diagnostic naming ``path:line``) and never
    imports, executes or compiles the code it reads.
    """

    languages: frozenset[Language]

    def extract(self, path: str, text: str) -> FileFacts: ...


#: Resource bounds of one file's parse, so that one pathological file cannot stall or crash a
#: build. Above them the file keeps metadata and listing (``parsed=False``) with a
#: ``too_large`` warning. ``repodoc_max_file_bytes`` bounds the size before any of this.
MAX_PARSE_LINES = 200_000
#: deepest nesting of definitions kept (Python's own parser stops at 100 indentation levels)
MAX_NESTING = 100


class TooComplex(Exception):
    """A file is above one of the parse bounds (the message says which)."""


def too_complex(path: str, reason: str) -> FileFacts:
    """The facts of a file above a parse bound: none, and a warning saying why."""
    from ..model import Diagnostic, FileFacts

    message = f"{reason}: not analysed (metadata and listing only)"
    return FileFacts(parsed=False, diagnostics=(Diagnostic("too_large", message, path, 1),))


def check_lines(text: str) -> None:
    """Raise :class:`TooComplex` for a text of more than :data:`MAX_PARSE_LINES` lines."""
    lines = text.count("\n") + 1
    if lines > MAX_PARSE_LINES:
        msg = f"{lines:,} lines is above the parse limit ({MAX_PARSE_LINES:,})"
        raise TooComplex(msg)
