"""A package documented from a Markdown-only project."""
