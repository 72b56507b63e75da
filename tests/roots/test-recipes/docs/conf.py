# A src-layout project: docs/ beside src/ and tests/. Outside git the documented root is the
# folder above conf.py; the default repodoc_python_paths (["", "src"]) finds the package.
extensions = ["sphinxcontrib_repodoc"]

# Sphinx < 8 prints the warning type only when asked (tests match on it)
show_warning_types = True
