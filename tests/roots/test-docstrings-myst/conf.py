"""Markdown docstrings (``repodoc_docstring_format``); myst_parser is installed, not loaded."""

extensions = ["sphinxcontrib_repodoc"]
project = "docstrings-myst"
exclude_patterns = ["_build"]
repodoc_root = "src"
repodoc_git_commits = 0
repodoc_docstring_format = "myst"

# Sphinx < 8 prints the warning type only when asked (tests match on it)
show_warning_types = True
