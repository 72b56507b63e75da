"""Sphinx configuration of the demo: sphinxcontrib-repodoc documents its own repository."""

import sys
from pathlib import Path

# the demo's own little extension: reference tables generated from the package
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinxcontrib-repodoc"
author = "sphinxcontrib-repodoc developers"
extensions = ["myst_parser", "sphinxcontrib_repodoc", "repodoc_reference"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# the recipes' templates and example files are shown by the pages, not pages themselves
exclude_patterns = ["_build", "recipes/templates", "recipes/examples"]
html_theme = "alabaster"
# every reference must resolve, in every build of this documentation (make demo, tox, Read
# the Docs): -n without asking for it
nitpicky = True

# The repository root is the git work tree holding this file (the default).
# Deliberately broken test fixtures are not part of the documentation.
repodoc_exclude = [
    "tests/roots/",
    "tests/data/",
    "demo_project/_build/",
    ".venv/",
    "__pycache__/",
    "*.egg-info/",
]
# The parts of the architecture, shown on file and folder pages (longest prefix wins).
repodoc_components = {
    "sphinxcontrib_repodoc/": "the extension",
    "sphinxcontrib_repodoc/analysis/": "analysis: what needs more than one file",
    "sphinxcontrib_repodoc/extractors/": "extractors: one file at a time, per language",
    "sphinxcontrib_repodoc/pages/": "pages: plain data of every page and section",
    "sphinxcontrib_repodoc/sphinx_/": "the Sphinx glue",
    "tests/": "the test suite",
    "demo_project/": "this documentation",
}
# Where the polyglot sample's `#include <vec/vec.h>` is found (see languages.rst).
repodoc_cpp_include_dirs = ["demo_project/polyglot/csrc"]
# analysis/tests.py maps tests to code: its name looks like a test module's, but it is not one
repodoc_purpose = {"sphinxcontrib_repodoc/analysis/tests.py": "source"}
# end of repodoc options

# Links to this repository on its source host, from the origin remote (GitHub, GitLab or
# Bitbucket); none when the remote is elsewhere.
repodoc_source_url = "auto"
