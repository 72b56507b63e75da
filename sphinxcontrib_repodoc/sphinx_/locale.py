"""Translations of the pages' labels and of the console messages (one catalog).

``_`` translates a page label into the project's :confval:`language` (call it while rendering,
so the build's language applies); ``__`` a console message into the OS locale (``LANGUAGE``,
``LC_ALL``, ``LANG``), as Sphinx does with its own messages. Module-level tables mark their
entries with :func:`N_` and translate them where they are used, so that doctrees hold plain
strings; class attributes that Sphinx reads (the domain's label and object types, the index
names) are lazy ``_`` proxies, as in Sphinx's own domains. Ids and anchors never go through
here: they stay English and stable.

Catalogs live in ``locales/<lang>/LC_MESSAGES/sphinxcontrib-repodoc.mo``; a project may carry
its own in its ``locale_dirs`` (it takes precedence, message by message, over ours).
``tools/update_catalog.py`` extracts the ``.pot`` and compiles the ``.po`` files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx import locale as sphinx_locale

from ..i18n import N_

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["CATALOG", "LOCALE_DIR", "N_", "_", "__", "kind_label", "ngettext", "register_catalog"]

CATALOG = "sphinxcontrib-repodoc"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"

_ = sphinx_locale.get_translation(CATALOG)
__ = sphinx_locale.get_translation(CATALOG, "console")


def ngettext(singular: str, plural: str, n: int) -> str:
    """A page label with a number (Sphinx 9's ``get_translation`` has no plural form)."""
    return sphinx_locale.get_translator(CATALOG).ngettext(singular, plural, n)


#: object types, keyword kinds and outline badges: the English word is the message
KIND_WORDS = (
    N_("file"),
    N_("folder"),
    N_("module"),
    N_("class"),
    N_("function"),
    N_("method"),
    N_("property"),
    N_("attribute"),
    N_("data"),
    N_("heading"),
    N_("namespace"),
    N_("macro"),
    N_("type"),
    N_("test"),
    N_("import"),
)


def kind_label(kind: str) -> str:
    """What a page calls a kind (``class``, ``test``…); an unknown kind is shown as is."""
    return _(kind) if kind else kind


def register_catalog(app: Sphinx) -> None:
    """Load the catalog for ``language``: the project's ``locale_dirs`` first, then ours."""
    project_dirs = [Path(app.srcdir, d) for d in app.config.locale_dirs or ()]
    if app.config.language:
        sphinx_locale.init(project_dirs, app.config.language, CATALOG)
    app.add_message_catalog(CATALOG, LOCALE_DIR)
