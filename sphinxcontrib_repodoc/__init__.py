"""sphinxcontrib-repodoc: document a whole source repository, file by file, with Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point; all registrations live in :mod:`.sphinx_`."""
    from .sphinx_ import setup_extension

    return setup_extension(app)
