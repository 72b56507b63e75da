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
