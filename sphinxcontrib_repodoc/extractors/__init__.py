"""Extractors: one module per language family, all behind :class:`.base.Extractor`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Language
    from .base import Extractor


def extractor_for(language: Language) -> Extractor | None:
    """The extractor for ``language``, or None when only metadata and listing are available."""
    from .markup import MarkdownExtractor, RstExtractor
    from .python import PythonExtractor

    for extractor in (PythonExtractor(), MarkdownExtractor(), RstExtractor()):
        if language in extractor.languages:
            return extractor
    from .configfiles import CONFIG_LANGUAGES, ConfigExtractor
    from .treesitter import SPECS, TreeSitterExtractor

    if language in SPECS:
        return TreeSitterExtractor(language)
    if language in CONFIG_LANGUAGES:
        return ConfigExtractor(language)
    return None
