"""``objects.inv`` of the demo (the extension documenting its own repository) against an
independent walk of the same files.

The demo is built where it lives, since its repository root is found through git from its
``conf.py`` (only the output and doctree folders go to a temporary folder; the stubs are written
to ``demo_project/repodoc/``, which is git-ignored). The expected objects are computed here,
without the extension's code:

* files: ``git ls-files -co --exclude-standard`` in the work tree, minus the demo's
  ``repodoc_exclude`` patterns (read from its ``conf.py``, matched with gitignore semantics);
* Python files: the ``.py``/``.pyi``/``.pyw`` ones and extension-less ones whose first line is
  a ``python`` shebang, parsed with :func:`ast.parse` (a file that does not parse defines
  nothing; files above the default ``repodoc_max_file_bytes`` are not analysed);
* in them, every ``class`` statement at any depth is a ``repo:class``; a ``def`` whose nearest
  enclosing definition is a class is a ``repo:method``, or a ``repo:property`` when decorated
  with ``property``/``cached_property``/``abstractproperty`` or ``@<name>.setter/getter/deleter``;
  any other ``def`` (module level, or nested in a function) is a ``repo:function``. Compound
  statements (``if``/``try``/``with``/``for``/``while``/``match``) do not open a scope.
  Names are ``PATH::Outer.inner`` (definition names joined with dots); a name defined several
  times is one object, of the kind of its first definition in source order.

Not covered here: attributes, data, headings, modules, folders, test cases, and the symbols of
the other languages (tests/test_polyglot.py and the extractor unit tests cover those).
"""

from __future__ import annotations

import ast
import hashlib
import re
import subprocess
import time
from io import StringIO
from pathlib import Path

import pathspec
import pytest
from buildutil import Site, empty_parts, html_pages, read_inventory

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo_project"
MAX_FILE_BYTES = 2_000_000  #: the default of repodoc_max_file_bytes
PROPERTY_DECORATORS = {"property", "cached_property", "abstractproperty"}
ACCESSORS = {"setter", "getter", "deleter"}
CHECKED = ("repo:file", "repo:class", "repo:function", "repo:method", "repo:property")
_BLOCKS = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    *((ast.TryStar,) if hasattr(ast, "TryStar") else ()),
)


# -- the independent walk -----------------------------------------------------------------------


def _decorator_tail(dec: ast.expr) -> tuple[str | None, bool]:
    """(last dotted name, whether it is an attribute access) of a decorator, call stripped."""
    if isinstance(dec, ast.Call):
        dec = dec.func
    if isinstance(dec, ast.Name):
        return dec.id, False
    if isinstance(dec, ast.Attribute):
        return dec.attr, True
    return None, False


def _blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists inside a compound statement that does not open a scope."""
    if isinstance(stmt, ast.Match):
        return [case.body for case in stmt.cases]
    if not isinstance(stmt, _BLOCKS):
        return []
    out = [stmt.body, getattr(stmt, "orelse", [])]
    if isinstance(stmt, ast.Try | getattr(ast, "TryStar", ast.Try)):
        out.extend(h.body for h in stmt.handlers)
        out.append(stmt.finalbody)
    return out


def python_objects(path: str, source: bytes) -> dict[str, str]:
    """Full name → role of the classes, functions, methods and properties of one file."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    out: dict[str, str] = {}

    def visit(stmts: list[ast.stmt], prefix: str, in_class: bool) -> None:
        for stmt in stmts:
            if isinstance(stmt, ast.ClassDef):
                out.setdefault(f"{path}::{prefix}{stmt.name}", "repo:class")
                visit(stmt.body, f"{prefix}{stmt.name}.", True)
            elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                role = "repo:method" if in_class else "repo:function"
                if in_class:
                    for dec in stmt.decorator_list:
                        tail, attribute = _decorator_tail(dec)
                        if tail in PROPERTY_DECORATORS or (attribute and tail in ACCESSORS):
                            role = "repo:property"
                out.setdefault(f"{path}::{prefix}{stmt.name}", role)
                visit(stmt.body, f"{prefix}{stmt.name}.", False)
            else:
                for block in _blocks(stmt):
                    visit(block, prefix, in_class)

    visit(tree.body, "", False)
    return out


def is_python(path: Path) -> bool:
    if path.suffix.lower() in (".py", ".pyi", ".pyw"):
        return True
    if path.suffix:
        return False
    with path.open("rb") as f:
        first = f.readline(200)
    return bool(re.match(rb"#!.*\bpython[\d.]*\b", first))


def test_independent_walk_on_inline_code():
    code = b"""
import functools

class A:
    x = 1

    def m(self):
        def helper():
            pass

        class Local:
            def inner(self):
                pass

    @property
    def p(self):
        return 1

    @p.setter
    def p(self, value):
        pass

    @functools.cached_property
    def c(self):
        return 2

    if True:
        def conditional(self):
            pass

    class B:
        async def am(self):
            pass


def f():
    def g():
        pass


try:
    def f():
        pass
except ImportError:
    class Fallback:
        pass
"""
    assert python_objects("x.py", code) == {
        "x.py::A": "repo:class",
        "x.py::A.m": "repo:method",
        "x.py::A.m.helper": "repo:function",
        "x.py::A.m.Local": "repo:class",
        "x.py::A.m.Local.inner": "repo:method",
        "x.py::A.p": "repo:property",
        "x.py::A.c": "repo:property",
        "x.py::A.conditional": "repo:method",
        "x.py::A.B": "repo:class",
        "x.py::A.B.am": "repo:method",
        "x.py::f": "repo:function",
        "x.py::f.g": "repo:function",
        "x.py::Fallback": "repo:class",
    }
    assert python_objects("bad.py", b"def (:\n") == {}


# -- the demo build -------------------------------------------------------------------------------


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(DEMO), *args], capture_output=True, text=True, timeout=60, check=False
    )


def _demo_excludes() -> list[str]:
    tree = ast.parse((DEMO / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "repodoc_exclude" for t in node.targets
        ):
            return list(ast.literal_eval(node.value))
    return []


def _listed_files(root: Path) -> list[str]:
    proc = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-co", "--exclude-standard", "-z"],
        capture_output=True,
        timeout=60,
        check=True,
    )
    spec = pathspec.GitIgnoreSpec.from_lines(_demo_excludes())
    paths = {p.decode("utf-8") for p in proc.stdout.split(b"\0") if p}
    return sorted(
        p
        for p in paths
        if (root / p).is_file() and not (root / p).is_symlink() and not spec.match_file(p)
    )


def test_inventory_matches_an_independent_walk(tmp_path):
    inside = _git("rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        pytest.skip("demo_project is not inside a git work tree")
    root = Path(_git("rev-parse", "--show-toplevel").stdout.strip()).resolve()

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    status, warning = StringIO(), StringIO()
    started = time.time()
    with patch_docutils(DEMO), docutils_namespace():
        app = Sphinx(
            DEMO, DEMO, tmp_path / "html", tmp_path / "doctrees", "html",
            status=status, warning=warning, freshenv=True,
        )  # fmt: skip
        app.build()
    state = app.env.get_domain("repo").state
    assert state.root == root

    files = _listed_files(root)
    # Files written, added or deleted by someone else while the test ran (a developer's
    # editor, a concurrent build) would compare two different trees: leave them out.
    model = {f.path: f for f in state.repo.files}
    moved = {p for p in model if not (root / p).is_file()}
    moved |= {p for p in files if (root / p).stat().st_mtime >= started - 2}
    moved |= {
        p
        for p in files
        if p in model
        and model[p].sha256
        and model[p].language.value == "python"
        and hashlib.sha256((root / p).read_bytes()).hexdigest() != model[p].sha256
    }
    assert len(moved) < len(files) // 10, sorted(moved)
    files = [p for p in files if p not in moved]

    expected: set[tuple[str, str]] = {("repo:file", p) for p in files}
    for p in files:
        path = root / p
        if not is_python(path) or path.stat().st_size > MAX_FILE_BYTES:
            continue
        expected |= {(role, name) for name, role in python_objects(p, path.read_bytes()).items()}

    inventory = read_inventory(tmp_path / "html" / "objects.inv")
    actual = {
        (e.role, e.name)
        for e in inventory
        if e.role in CHECKED
        and e.name.partition("::")[0] not in moved
        # the symbols of the other languages (the demo's polyglot sample) are not walked here
        and (e.role == "repo:file" or is_python(root / e.name.partition("::")[0]))
    }
    missing = sorted(expected - actual)
    extra = sorted(actual - expected)
    assert (missing[:20], extra[:20]) == ([], []), f"{len(missing)} missing, {len(extra)} extra"
    assert len(expected) > 200  # the walk found the repository, not an empty folder

    # every object points into its file's overview page, at its own anchor
    for e in inventory:
        if e.role in CHECKED:
            path, _, qual = e.name.partition("::")
            page = f"repodoc/files/{path}.html"
            assert e.uri == (f"{page}#{qual}" if qual else page), e
            assert (tmp_path / "html" / page).is_file()

    # no generated page of the demo has a section with an empty body (issue 4)
    html = tmp_path / "html"
    site = Site(html)
    empty = {p: e for p in html_pages(html, "repodoc") if (e := empty_parts(site.tree(p)))}
    assert empty == {}
