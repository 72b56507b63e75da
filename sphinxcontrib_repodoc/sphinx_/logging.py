"""Diagnostics → Sphinx warnings, always ``type="repodoc"`` with a documented subtype."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from ..model import Diagnostic

logger = logging.getLogger("sphinxcontrib_repodoc")


class Subtype(enum.StrEnum):
    """Warning subtypes; silence one with ``suppress_warnings = ["repodoc.<subtype>"]``."""

    SYNTAX = "syntax"  #: a file could not be parsed; it still gets metadata and listing
    ENCODING = "encoding"  #: a file is not valid in its declared/detected encoding
    UNREADABLE = "unreadable"  #: a file could not be read
    TOO_LARGE = "too_large"  #: a file is above ``repodoc_max_file_bytes``: metadata only
    SYMLINK = "symlink"  #: a symbolic link leaves the root or loops; it is skipped
    DOCSTRING = "docstring"  #: a docstring is not valid reST; shown as a literal block
    AMBIGUOUS = "ambiguous"  #: a short name matches several objects
    REF = "ref"  #: a ``repo`` role names no known object
    CONFIG = "config"  #: a ``repodoc_*`` value is wrong
    DIRECTIVE = "directive"  #: a ``repodoc`` directive is misused
    SCAN = "scan"  #: anything else found while scanning


def warn(subtype: Subtype | str, message: str, location: str | None = None) -> None:
    """Emit one ``repodoc.<subtype>`` warning at ``location`` (``path:line`` or a docname)."""
    logger.warning(message, type="repodoc", subtype=str(subtype), location=location)


def report(diagnostic: Diagnostic) -> None:
    warn(diagnostic.subtype, diagnostic.message, diagnostic.location)
