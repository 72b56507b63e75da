extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "src"
templates_path = ["_templates"]
