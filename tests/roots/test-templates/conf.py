extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "src"
templates_path = ["_templates"]

# Sphinx < 8 prints the warning type only when asked (tests match on it)
show_warning_types = True
