# docs/conf.py of a src-layout project:
#   pyproject.toml  src/shop/__init__.py  src/shop/orders.py  tests/test_orders.py  docs/conf.py
extensions = ["sphinxcontrib_repodoc"]

# Nothing else is needed. The documented root is the git work tree holding docs/ (outside
# git: the folder above docs/), and the default import roots make src/shop/orders.py the
# module shop.orders, so `from shop.orders import Order` in tests/ links to it. Written out:
repodoc_python_paths = ["", "src"]

# Optional: only the code, the tests and the packaging (without the docs folder itself).
repodoc_include = ["src/", "tests/", "pyproject.toml", "README.md"]
