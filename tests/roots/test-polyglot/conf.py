extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "src"
repodoc_cpp_include_dirs = ["csrc"]

# Sphinx < 8 prints the warning type only when asked (tests match on it)
show_warning_types = True
