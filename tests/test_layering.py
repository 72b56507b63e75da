"""Layering: only ``sphinxcontrib_repodoc/sphinx_/`` imports Sphinx; the core runs without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "sphinxcontrib_repodoc"


def _is_sphinx(module: str | None) -> bool:
    return module is not None and (module == "sphinx" or module.startswith("sphinx."))


def _type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def _sphinx_imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, allowed) of every absolute import of sphinx, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []

    def walk(node: ast.AST, in_setup: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            setup = in_setup or (
                isinstance(child, ast.FunctionDef) and child.name == "setup" and node is tree
            )
            typing_only = type_only or _type_checking_block(child)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if _is_sphinx(alias.name):
                        out.append((child.lineno, alias.name, setup or typing_only))
            elif isinstance(child, ast.ImportFrom) and child.level == 0:
                if _is_sphinx(child.module):
                    out.append((child.lineno, child.module, setup or typing_only))
            elif isinstance(child, ast.Call) and _dynamic_sphinx_import(child):
                out.append((child.lineno, "<dynamic>", setup))
            walk(child, setup, typing_only)

    walk(tree, False, False)
    return out


def _dynamic_sphinx_import(call: ast.Call) -> bool:
    """``importlib.import_module("sphinx…")`` / ``__import__("sphinx…")``."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in ("import_module", "__import__") or not call.args:
        return False
    arg = call.args[0]
    return isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _is_sphinx(arg.value)


def test_the_check_finds_imports_at_any_depth(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os\n"
        "def f():\n"
        "    if True:\n"
        "        from sphinx.util import logging\n"
        "class C:\n"
        "    import sphinx\n"
        "try:\n"
        "    import sphinx.application as app\n"
        "except ImportError:\n"
        "    pass\n"
        "importlib.import_module('sphinx.domains')\n"
    )
    found = _sphinx_imports(probe)
    assert [(line, allowed) for line, _, allowed in found] == [
        (4, False),
        (6, False),
        (8, False),
        (11, False),
    ]


def test_only_the_glue_imports_sphinx():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("sphinx_/"):
            continue
        for line, module, allowed in _sphinx_imports(path):
            # the package's own ``setup(app)`` (and its type annotation) are the entry point
            if rel == "__init__.py" and allowed:
                continue
            offenders.append(f"sphinxcontrib_repodoc/{rel}:{line}: {module}")
    assert offenders == []


def test_core_imports_without_sphinx():
    code = (
        "import sys\n"
        "import sphinxcontrib_repodoc, sphinxcontrib_repodoc.scan, sphinxcontrib_repodoc.__main__\n"
        "import sphinxcontrib_repodoc.pages.plan, sphinxcontrib_repodoc.pages.sections\n"
        "import sphinxcontrib_repodoc.pages.targets, sphinxcontrib_repodoc.pages.fingerprint\n"
        "loaded = sorted(m for m in sys.modules if m == 'sphinx' or m.startswith('sphinx.'))\n"
        "assert not loaded, loaded\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr


def test_scan_runs_without_sphinx(tmp_path):
    (tmp_path / "a.py").write_text('"""A."""\n')
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sphinxcontrib_repodoc.config import RepodocConfig\n"
        "from sphinxcontrib_repodoc.scan import scan\n"
        f"repo = scan(RepodocConfig(root=Path({str(tmp_path)!r})))\n"
        "assert [f.path for f in repo.files] == ['a.py'], repo.files\n"
        "assert not any(m == 'sphinx' or m.startswith('sphinx.') for m in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
