# conf.py of a project whose pages are all Markdown: no .rst in source_suffix.
extensions = ["myst_parser", "sphinxcontrib_repodoc"]
source_suffix = {".md": "markdown"}
