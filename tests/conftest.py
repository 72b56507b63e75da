"""Shared fixtures: Sphinx's testing plugin with our test roots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Console messages are translated into the OS locale (as Sphinx's are); the tests read them in
# English whatever the developer's locale. test_locale.py sets the German one explicitly.
os.environ["LANGUAGE"] = "C"

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="session")
def basic_app(tmp_path_factory: pytest.TempPathFactory):
    """One build of ``test-basic`` per test process, shared by the read-only page and role tests.

    A private copy: the stubs are written next to the sources, never into ``tests/roots``.
    """
    from buildutil import build, copy_root

    return build(copy_root("basic", tmp_path_factory.mktemp("basic")))
