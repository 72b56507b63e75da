"""One version: the package's ``__version__``, what ``setup()`` tells Sphinx, the changelog."""

from __future__ import annotations

import re
from pathlib import Path

import sphinxcontrib_repodoc

CHANGELOG = Path(__file__).parent.parent / "CHANGELOG.md"


def test_setup_reports_the_package_version(basic_app):
    extension = basic_app.extensions["sphinxcontrib_repodoc"]
    assert extension.version == sphinxcontrib_repodoc.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", extension.version)


def test_changelog_names_the_current_version():
    """The newest release in ``CHANGELOG.md`` is the package's version (or it is unreleased)."""
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$",
                          CHANGELOG.read_text(encoding="utf-8"), re.MULTILINE)  # fmt: skip
    assert releases, "no release heading such as '## [0.1.0] - 2026-11-27'"
    assert releases[0][0] == sphinxcontrib_repodoc.__version__
