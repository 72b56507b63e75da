extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "src"
