"""Sphinx configuration of the demo: sphinxcontrib-repodoc documents its own repository."""

import sys
from pathlib import Path

# the demo's own little extension: reference tables generated from the package
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinxcontrib-repodoc"
author = "sphinxcontrib-repodoc developers"
extensions = ["myst_parser", "sphinxcontrib_repodoc", "repodoc_reference"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "alabaster"

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
# end of repodoc options
