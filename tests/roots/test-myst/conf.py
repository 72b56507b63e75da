extensions = ["myst_parser", "sphinxcontrib_repodoc"]
source_suffix = {".md": "markdown"}
repodoc_root = "src"
