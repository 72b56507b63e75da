"""A no-op marker for messages the core defines and the Sphinx glue translates.

The core never imports Sphinx, so it cannot translate; it marks its user-visible constants with
:func:`N_` so that ``tools/update_catalog.py`` puts them in the catalog, and the glue passes them
through ``sphinx_.locale._`` when it renders them (in the project's ``language``).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Return ``message`` unchanged: it is only marked for extraction."""
    return message
