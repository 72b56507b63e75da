"""Diagnostics → Sphinx warnings, always ``type="repodoc"`` with a documented subtype."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from ..model import Diagnostic

logger = logging.getLogger("sphinxcontrib_repodoc")


class Subtype(enum.StrEnum):
    """Warning subtypes; silence one with ``suppress_warnings = ["repodoc.<subtype>"]``.

    The value is the subtype itself; :attr:`description` says when it is emitted (the
    documentation's list of warnings is generated from it).
    """

    SYNTAX = "syntax"
    ENCODING = "encoding"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    SYMLINK = "symlink"
    DOCSTRING = "docstring"
    AMBIGUOUS = "ambiguous"
    REF = "ref"
    CONFIG = "config"
    DIRECTIVE = "directive"
    SCAN = "scan"
    FINDING = "finding"
    GRAMMAR = "grammar"

    @property
    def description(self) -> str:
        """When this warning is emitted, in one sentence of reST."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Subtype.SYNTAX: "A file could not be parsed; its page keeps metadata and listing.",
    Subtype.ENCODING: "A file is not valid in its declared or detected encoding; it is shown "
    "with replacement characters.",
    Subtype.UNREADABLE: "A file or folder could not be read, or its real location is outside "
    "the repository.",
    Subtype.TOO_LARGE: "A file is larger than ``repodoc_max_file_bytes``; its page shows "
    "metadata only. Or it is above a parse bound (more than 200,000 lines, definitions nested "
    "more than 100 deep), so that one pathological file cannot stall the build; its page "
    "shows metadata and listing.",
    Subtype.SYMLINK: "A symbolic link dangles, loops, or points outside the root or into an "
    "excluded folder; it is skipped.",
    Subtype.DOCSTRING: "A docstring is not valid reST (or MyST); it is shown as a literal "
    "block. In a MyST docstring, also each directive outside the allowlist (shown as written).",
    Subtype.AMBIGUOUS: "A short name in a ``repo`` role matches several equally near objects; "
    "the link goes to the first.",
    Subtype.REF: "A ``repo`` role names no known object.",
    Subtype.CONFIG: "A ``repodoc_*`` value cannot be used as given (e.g. an invalid pattern, "
    "which is ignored).",
    Subtype.DIRECTIVE: "A ``repodoc`` directive or section is misused.",
    Subtype.SCAN: "Anything else met while scanning: a file name that is not UTF-8, "
    "``git ls-files`` failing, an extractor error.",
    Subtype.FINDING: "A finding rule failed on a file (a bug in the rule): the rule is named, the "
    "file's other findings and its page are unaffected.",
    Subtype.GRAMMAR: "The tree-sitter grammar of a language is not installed; its files get "
    "metadata and listing only. Said once per language, naming the extra to install "
    "(``pip install sphinxcontrib-repodoc[cpp]``).",
}


def warn(subtype: Subtype | str, message: str, location: str | None = None) -> None:
    """Emit one ``repodoc.<subtype>`` warning at ``location`` (``path:line`` or a docname)."""
    logger.warning(message, type="repodoc", subtype=str(subtype), location=location)


def report(diagnostic: Diagnostic) -> None:
    location = diagnostic.location
    if diagnostic.path is not None and not diagnostic.line:
        # about the whole file: Sphinx would take a location without ``:`` for a docname
        # (``big.bin`` → ``<srcdir>/big.bin.rst``), so point at its first line
        location = f"{diagnostic.path}:1"
    warn(diagnostic.subtype, diagnostic.message, location)
