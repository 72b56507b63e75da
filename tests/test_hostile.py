"""A hostile repository as a real Sphinx build: every odd input gets a clear warning (type,
subtype, location), and the rest of the build is intact.

The corpus is generated at test time in a temporary folder (nothing large or odd is
committed): binary and NUL bytes, bad encodings, huge and pathological files, symbolic links
that loop or leave the root, a simulated unreadable file (tests run as root, where ``chmod``
does not stop a read), names full of reST and URL specials, names differing only in case,
folders named like Sphinx's own pages. A canary file outside the root is aimed at from every
angle (links, options, directive arguments, includes, docstrings): its content must reach no
output. ``<script>`` in a docstring, a heading and a file name must come out escaped.
"""

from __future__ import annotations

import os
import pathlib
from pathlib import Path

import pytest
from buildutil import Site, build, html_pages, repodoc_warnings, warnings_of

from sphinxcontrib_repodoc.pages.plan import PageKind, PagePlan

pytestmark = pytest.mark.sphinx

CANARY = "CANARY_7f3a9e_SECRET"
SCRIPT_DOC = "<script>alert('docstring')</script>"
SCRIPT_HEADING = "<script>alert('heading')</script>"
SCRIPT_NAME = "<script>alert(1)<"  # a file name cannot hold "/"

#: file name → bytes, for the plain files of the corpus (the others are made by hand below)
NAMES_WITH_SPECIALS = (
    "with space.py",
    "ünïcödé_名前.py",
    "hash#name.py",
    "per%cent.py",
    "per%20cent.py",
    "co:lon.py",
    "st*ar.py",
    "que?ry.py",
    "back`tick`.py",
    "rst_*emph*_|sub|_`role`_.py",
    "under_score_.py",
    ".. note:: x.py",
    "..rst.py",
    "{{ jinja }}.py",
    "a[1].py",
    "semi;colon&amp.py",
    "quote'double\".py",
    "tab\there.py",
    "trailing space .py",
    f"{SCRIPT_NAME}.py",
    "Case.py",
    "case.py",
    "CASE.py",
    "index/mod.py",
    "genindex/mod.py",
    "search/mod.py",
    "Index/mod.py",
    "docs/genindex",
    "docs/search",
    "search.html",
    "objects.inv",
    "_static/x.js",
    "_sources/x.txt",
    "sub/_sources/y.txt",
    ".#lock.py",
    "sub/.#lock.py",
    "en.lproj/x.strings",
)


def _corpus(root: Path, outside: Path, defs: int) -> dict[str, str]:
    """Write the hostile tree under ``root``; returns {path: what it tests}."""
    made: dict[str, str] = {}

    def put(path: str, data: bytes | str, why: str) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        target.write_bytes(data)
        made[path] = why

    put("pkg/__init__.py", '"""A package."""\n', "ordinary")
    put("pkg/good.py", '"""Good module."""\n\n\ndef ok():\n    """Fine."""\n', "ordinary")
    put("binary.bin", bytes(range(256)) * 4, "binary")
    put("nul.py", b"x = 1\x00\ny = 2\n", "NUL bytes")
    put("nul.c", b"int x;\x00int y;\n", "NUL bytes in C")
    put("invalid_utf8.py", b"x = '\xff\xfe'\ndef f():\n    pass\n", "invalid UTF-8")
    put("invalid_utf8.md", b"# Title \xc3\x28\n\ntext\n", "invalid UTF-8 in Markdown")
    put("latin1.py", b"# -*- coding: latin-1 -*-\n'''Caf\xe9.'''\ns = '\xe9'\n", "latin-1")
    put("badcookie.py", b"# -*- coding: no-such-codec -*-\nx = 1\n", "unknown coding cookie")
    put("bom.py", b'\xef\xbb\xbf"""BOM module."""\n\n\ndef f():\n    pass\n', "UTF-8 BOM")
    put("crlf.py", b'"""CRLF."""\r\n\r\ndef a():\r\n    pass\r\n', "CRLF")
    put("lonecr.py", b'"""Lone CR."""\r\rdef a():\r    pass\r', "lone CR")
    put("mixed.c", b"int a;\r\nint b;\rint c;\n", "mixed line ends")
    put("utf16.txt", "hello".encode("utf-16"), "UTF-16 (binary by sniffing)")
    put("deep.py", "x = " + "(" * 10_000 + "1" + ")" * 10_000 + "\n", "10,000-deep nesting")
    put("deep_op.py", "x = " + "-" * 10_000 + "1\n", "10,000-deep unary chain")
    put("deep_attr.py", "x = a" + ".b" * 10_000 + "\n", "10,000-deep attribute chain")
    put("deep.cpp", "namespace a { " * 2_000 + "}" * 2_000 + "\n", "2,000 nested namespaces")
    put("deep.js", "x = " + "[" * 10_000 + "]" * 10_000 + ";\n", "10,000-deep array")
    put("deep.json", "[" * 10_000 + "]" * 10_000, "10,000-deep JSON")
    put("deep.md", ">" * 10_000 + " quote\n", "10,000-deep blockquote")
    put("lines.py", "x = 1\n" * 100_000, "100,000 lines")
    put(
        "defs.py",
        "".join(f"def f{i}(a):\n    return a\n" for i in range(defs)),
        f"{defs:,} definitions",
    )
    put("empty.py", b"", "empty")
    put("empty.md", b"", "empty Markdown")
    put("empty.cpp", b"", "empty C++")
    put("unreadable.py", "x = 1\n", "unreadable (simulated)")
    put("over_limit.py", "x = 1\n" * 200_000, "above repodoc_max_file_bytes")
    # the 50 MB file: above the default limit, stat'ed but never read
    big = root / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    made["big.txt"] = "50 MB"
    for name in NAMES_WITH_SPECIALS:
        put(name, f'"""File {name!r}."""\n' if name.endswith(".py") else "data\n", "name")
    put(
        "scripts.py",
        f'"""{SCRIPT_DOC}\n\n.. raw:: html\n\n   <b class="raw-injected">raw</b>\n\n'
        f".. include:: {outside}/canary.txt\n\n"
        f".. literalinclude:: {outside}/canary.txt\n"
        f'"""\n\n\ndef f():\n    """{SCRIPT_DOC}"""\n',
        "<script> in docstrings, raw, include",
    )
    put("scripts.md", f"# {SCRIPT_HEADING}\n\n<script>alert('md')</script>\n", "<script> heading")
    put("climb.c", '#include "../../outside/canary.h"\n#include "/etc/passwd"\n', "includes out")
    put("climb.py", "from .. import canary\nimport outside.canary\n", "imports out")
    # symbolic links: loops, outside the root, dangling, and a fine one
    for link, target in (
        ("loop_a", "loop_b"),
        ("loop_b", "loop_a"),
        ("self_loop", "self_loop"),
        ("dir_loop", "."),
        ("out_file.py", str(outside / "canary.py")),
        ("out_rel.txt", "../outside/canary.txt"),
        ("out_dir", str(outside)),
        ("dangling.py", "no/such/file.py"),
        ("inside_link.py", "pkg/good.py"),
        ("pyproject.toml", str(outside / "pyproject.toml")),
        ("setup.cfg", str(outside / "setup.cfg")),
    ):
        (root / link).symlink_to(target)
    return made


def _outside(folder: Path) -> Path:
    folder.mkdir()
    for name in ("canary.txt", "canary.py", "canary.h"):
        (folder / name).write_text(f"{CANARY}\n", encoding="utf-8")
    (folder / "pyproject.toml").write_text(
        f'[project]\nname = "{CANARY}"\n[tool.pytest]\nx = "{CANARY}"\n', encoding="utf-8"
    )
    (folder / "setup.cfg").write_text(f"[tool:pytest]\nx = {CANARY}\n", encoding="utf-8")
    (folder / "outside").mkdir()
    (folder / "outside" / "canary.py").write_text(f'"""{CANARY}"""\n', encoding="utf-8")
    (folder / "outside" / "__init__.py").write_text(f'"""{CANARY}"""\n', encoding="utf-8")
    return folder


CONF = """
extensions = ["sphinxcontrib_repodoc"]
repodoc_root = "repo"
repodoc_max_file_bytes = 1_000_000
repodoc_python_paths = ["", "src", "..", "../outside", {outside!r}]
repodoc_cpp_include_dirs = ["..", "../outside", {outside!r}]
repodoc_include = ["**", "../outside/**", {outside!r} + "/**"]
repodoc_exclude = ["../outside/**", {outside!r}]
repodoc_git_commits = 0
show_warning_types = True
"""

INDEX = """
Hostile
=======

.. repodoc::

.. toctree::

   escape
"""

ESCAPE = """
Escape attempts
===============

.. repodoc:: ../outside

.. repodoc:: {outside}

.. repodoc:: pkg/../../outside
"""


def _unreadable(name: str):
    """``Path.open`` raising PermissionError for one file name, as chmod would for a user."""
    real_open = pathlib.Path.open

    def open_(path, *args, **kwargs):
        if path.name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    return open_


#: definitions in ``defs.py`` of the fast tier's build (10,000 in the scan test below and in
#: the full tier's build: docutils needs ~25 s for the 600,000 nodes of that page)
FAST_DEFS = 500


def build_hostile(base: Path, defs: int = FAST_DEFS, **kwargs):
    """Generate the hostile project under ``base`` and build it; (app, corpus, outside)."""
    outside = _outside(base / "outside")
    src = base / "project"
    src.mkdir()
    root = src / "repo"
    root.mkdir()
    made = _corpus(root, outside, defs)
    (src / "conf.py").write_text(CONF.format(outside=str(outside)), encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    (src / "escape.rst").write_text(ESCAPE.format(outside=outside), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pathlib.Path, "open", _unreadable("unreadable.py"))
        app = build(src, **kwargs)
    return app, made, outside


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile"))


def _repo(app):
    return app.env.get_domain("repo").state.repo


def _plan(app) -> PagePlan:
    return PagePlan.build(_repo(app), "repodoc")


def _warned(app, subtype: str, where: str) -> list[str]:
    """The warnings of ``subtype`` located at ``where`` (``path:line``, as written)."""
    return [w for w in repodoc_warnings(app, subtype) if w.startswith(f"{where}: ")]


def check_every_page(app, made, _outside) -> None:
    assert app.statuscode == 0
    repo = _repo(app)
    paths = {f.path for f in repo.files}
    plan = _plan(app)
    links = {"loop_a", "loop_b", "self_loop", "dir_loop", "out_file.py", "out_rel.txt"}
    links |= {"out_dir", "dangling.py", "pyproject.toml", "setup.cfg"}
    for path, why in made.items():
        if path in links:
            continue
        assert path in paths, (path, why)
        for kind in (PageKind.FILE, PageKind.KEYWORDS, PageKind.RELATED):
            docname = plan.docname(kind, path)
            assert (app.outdir / f"{docname}.html").is_file(), (path, why, kind)
    for folder in repo.folders:
        assert (app.outdir / f"{plan.docname(PageKind.FOLDER, folder.path)}.html").is_file()
    # nothing unexpected went wrong: no exception, no docutils error about our own stubs
    text = "\n".join(warnings_of(app))
    assert "Traceback" not in text
    assert "Exception occurred" not in text
    assert not [w for w in warnings_of(app) if "ERROR" in w and "repodoc/" in w]


#: (subtype, where): the warning each hostile input gets
EXPECTED_WARNINGS = [
    ("encoding", "invalid_utf8.py:1"),
    ("encoding", "invalid_utf8.md:1"),
    ("encoding", "badcookie.py:1"),
    ("syntax", "deep.py:1"),
    ("syntax", "deep_op.py:1"),
    ("syntax", "deep_attr.py:1"),
    ("too_large", "deep.cpp:1"),
    ("too_large", "over_limit.py:1"),
    ("too_large", "big.txt:1"),
    ("unreadable", "unreadable.py:1"),
    ("symlink", "loop_a:1"),
    ("symlink", "self_loop:1"),
    ("symlink", "out_file.py:1"),
    ("symlink", "out_rel.txt:1"),
    ("symlink", "out_dir:1"),
    ("symlink", "dangling.py:1"),
    ("symlink", "pyproject.toml:1"),
]


def check_warnings(hostile) -> None:
    app, _, _ = hostile
    missing = [(s, p) for s, p in EXPECTED_WARNINGS if not _warned(app, s, p)]
    assert not missing, missing


def check_ordinary_files_keep_their_content(hostile) -> None:
    app, _, _ = hostile
    repo = _repo(app)
    for path in ("pkg/good.py", "bom.py", "crlf.py", "lonecr.py", "latin1.py", "defs.py"):
        f = repo.file(path)
        assert f.parsed and not f.skipped, path
    assert repo.file("latin1.py").docstring == "Café."
    assert repo.file("bom.py").docstring == "BOM module."
    assert [s.qualname for s in repo.file("crlf.py").symbols] == ["a"]
    assert [s.line for s in repo.file("lonecr.py").symbols] == [3]
    assert len(repo.file("defs.py").symbols) == FAST_DEFS
    assert repo.file("lines.py").lines == 100_000
    assert repo.file("big.txt").skipped == "too-large"
    assert repo.file("binary.bin").skipped == "binary"
    assert repo.file("nul.py").skipped == "binary"  # a NUL byte in the head: binary
    assert repo.file("utf16.txt").skipped == "binary"
    assert repo.file("inside_link.py").docstring == "Good module."
    site = Site(app.outdir)
    assert "ok" in site.html(_plan(app).docname(PageKind.FILE, "pkg/good.py"))


def check_files_differing_in_case_get_distinct_pages(hostile) -> None:
    app, _, _ = hostile
    plan = _plan(app)
    docnames = {plan.docname(PageKind.FILE, p) for p in ("Case.py", "case.py", "CASE.py")}
    assert len({d.casefold() for d in docnames}) == 3
    folders = {plan.docname(PageKind.FOLDER, p) for p in ("index", "Index")}
    assert len({d.casefold() for d in folders}) == 2
    # the folders named like Sphinx's own pages do not replace them
    assert (app.outdir / "genindex.html").is_file()
    assert (app.outdir / "search.html").is_file()
    assert "Hostile" in (app.outdir / "index.html").read_text(encoding="utf-8")


def check_directive_arguments_cannot_leave_the_root(hostile) -> None:
    app, _, _ = hostile
    found = repodoc_warnings(app, "directive")
    assert len([w for w in found if "escape.rst" in w]) == 3, found


def _all_output(app) -> dict[Path, bytes]:
    out = {}
    for folder in (Path(app.outdir), Path(app.srcdir) / "repodoc"):
        for p in folder.rglob("*"):
            if p.is_file():
                out[p] = p.read_bytes()
    return out


def check_no_canary(app) -> None:
    files = _all_output(app)
    assert len(files) > 100
    leaked = [str(p) for p, data in files.items() if CANARY.encode() in data]
    assert leaked == []
    # nor the model, nor the warnings
    import json

    from sphinxcontrib_repodoc.model import to_jsonable

    assert CANARY not in json.dumps(to_jsonable(_repo(app)), ensure_ascii=False)
    assert CANARY not in "\n".join(warnings_of(app))


def check_nothing_outside_the_root_is_resolved(hostile) -> None:
    app, _, _ = hostile
    repo = _repo(app)
    for f in repo.files:
        for imp in f.imports:
            assert imp.target is None or not imp.target.startswith(".."), (f.path, imp)
    assert all(".." not in f.path.split("/") and f.path[0] != "/" for f in repo.files)
    assert not any("outside" in f.path for f in repo.files)


def check_html_specials_are_escaped(hostile) -> None:
    app, _, _ = hostile
    raw_pages = {
        p: (app.outdir / f"{p}.html").read_text(encoding="utf-8") for p in html_pages(app.outdir)
    }
    for needle in (SCRIPT_DOC, SCRIPT_HEADING, SCRIPT_NAME, "<script>alert('md')"):
        assert not [p for p, html in raw_pages.items() if needle in html], needle
    plan = _plan(app)
    page = raw_pages[plan.docname(PageKind.FILE, "scripts.py")]
    assert "&lt;script&gt;alert(" in page
    assert '<b class="raw-injected">' not in "".join(raw_pages.values())
    md = raw_pages[plan.docname(PageKind.FILE, "scripts.md")]
    assert "&lt;script&gt;alert(&#39;heading&#39;)" in md or "&lt;script&gt;alert('heading')" in md
    named = raw_pages[plan.docname(PageKind.FILE, f"{SCRIPT_NAME}.py")]
    assert "&lt;script&gt;alert(1)&lt;" in named


def check_unreadable_file_keeps_a_metadata_page(hostile) -> None:
    app, _, _ = hostile
    f = _repo(app).file("unreadable.py")
    assert f.skipped == "unreadable"
    assert _plan(app).docname(PageKind.FILE, "unreadable.py") in html_pages(app.outdir)


def check_symlinks_are_not_followed_out_of_the_root(hostile) -> None:
    app, _, _ = hostile
    repo = _repo(app)
    paths = {f.path for f in repo.files}
    for link in ("loop_a", "loop_b", "self_loop", "out_file.py", "out_rel.txt", "dangling.py"):
        assert link not in paths
    # a link to a folder is never followed (its files are documented where they are)
    assert not any(p.startswith(("out_dir/", "dir_loop/")) for p in paths)


#: every check of the hostile build (one build: the corpus is large, and xdist would build a
#: module fixture once per worker)
HOSTILE_CHECKS = {
    "every_page": lambda h: check_every_page(*h),
    "warnings": check_warnings,
    "no_canary": lambda h: check_no_canary(h[0]),
    "ordinary_files_keep_their_content": check_ordinary_files_keep_their_content,
    "files_differing_in_case_get_distinct_pages": check_files_differing_in_case_get_distinct_pages,
    "directive_arguments_cannot_leave_the_root": check_directive_arguments_cannot_leave_the_root,
    "nothing_outside_the_root_is_resolved": check_nothing_outside_the_root_is_resolved,
    "html_specials_are_escaped": check_html_specials_are_escaped,
    "unreadable_file_keeps_a_metadata_page": check_unreadable_file_keeps_a_metadata_page,
    "symlinks_are_not_followed_out_of_the_root": check_symlinks_are_not_followed_out_of_the_root,
}


def test_hostile_repository(hostile):
    """Every check runs; the failures are reported together, by check name."""
    failures = []
    for name, check in HOSTILE_CHECKS.items():
        try:
            check(hostile)
        except AssertionError as exc:
            failures.append(f"{name}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_big_file_is_never_read(tmp_path, monkeypatch):
    """The 50 MB file is only stat'ed: no read, no hash of its content."""
    from sphinxcontrib_repodoc.config import RepodocConfig
    from sphinxcontrib_repodoc.scan import scan

    big = tmp_path / "big.py"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "small.py").write_text("x = 1\n", encoding="utf-8")
    opened: list[str] = []
    real_open = pathlib.Path.open
    real_os_open = os.open

    def spy(path, *args, **kwargs):
        opened.append(Path(path).name)
        return real_open(path, *args, **kwargs)

    def os_spy(path, *args, **kwargs):
        opened.append(Path(os.fsdecode(path)).name)
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", spy)
    monkeypatch.setattr(os, "open", os_spy)
    repo = scan(RepodocConfig(root=tmp_path, git_commits=0))
    assert repo.file("big.py").skipped == "too-large"
    assert repo.file("small.py").parsed
    # the head sniff (language, binary) is bounded; the whole file never is read
    assert [d.subtype for d in repo.diagnostics if d.path == "big.py"] == ["too_large"]


def test_ten_thousand_definitions_and_a_hundred_thousand_lines(tmp_path):
    """The scan side of the big files at full size (the full tier builds them too)."""
    from sphinxcontrib_repodoc.config import RepodocConfig
    from sphinxcontrib_repodoc.scan import scan

    (tmp_path / "defs.py").write_text(
        "".join(f"def f{i}(a):\n    return a\n" for i in range(10_000)), encoding="utf-8"
    )
    (tmp_path / "defs.cpp").write_text(
        "".join(f"int f{i}(int a) {{ return a; }}\n" for i in range(10_000)), encoding="utf-8"
    )
    (tmp_path / "lines.py").write_text("x = 1\n" * 100_000, encoding="utf-8")
    (tmp_path / "deep.py").write_text("x = " + "(" * 10_000 + ")" * 10_000, encoding="utf-8")
    repo = scan(RepodocConfig(root=tmp_path, git_commits=0))
    assert len(repo.file("defs.py").symbols) == 10_000
    assert len(repo.file("defs.cpp").symbols) == 10_000
    assert repo.file("lines.py").lines == 100_000
    assert not repo.file("deep.py").parsed
    assert [d.subtype for d in repo.diagnostics] == ["syntax"]


def test_parse_limits_degrade_to_listing(monkeypatch):
    """Above the parse bounds a file is not analysed: metadata and listing, one warning."""
    from sphinxcontrib_repodoc.extractors import base, extractor_for
    from sphinxcontrib_repodoc.model import Language

    monkeypatch.setattr(base, "MAX_PARSE_LINES", 10)
    for language, name in ((Language.PYTHON, "a.py"), (Language.CPP, "a.cpp")):
        facts = extractor_for(language).extract(name, "x;\n" * 20)
        assert not facts.parsed
        [d] = facts.diagnostics
        assert d.subtype == "too_large" and d.path == name and d.line == 1
        assert "21 lines is above the parse limit (10)" in d.message


TRUST_DOC = '''"""Trusted.

.. raw:: html

   <b class="trusted-raw">raw</b>

.. include:: ../../../outside/canary.txt
"""
'''


@pytest.mark.parametrize("trust", [False, True])
def test_trust_docstrings_opens_the_full_rest(tmp_path, trust):
    """Off (the default): ``raw``/``include`` are shown as written. On: they are rendered."""
    outside = _outside(tmp_path / "outside")
    src = tmp_path / "docs"
    (src / "repo").mkdir(parents=True)
    assert outside == src.parent / "outside"  # the include climbs from repodoc/files/
    (src / "repo" / "mod.py").write_text(TRUST_DOC, encoding="utf-8")
    conf = 'extensions = ["sphinxcontrib_repodoc"]\nrepodoc_root = "repo"\n'
    conf += f"repodoc_git_commits = 0\nrepodoc_trust_docstrings = {trust}\n"
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.rst").write_text("T\n=\n\n.. repodoc::\n", encoding="utf-8")
    app = build(src)
    assert app.statuscode == 0
    assert repodoc_warnings(app, "docstring") == []
    html = (app.outdir / "repodoc/files/mod.py.html").read_text(encoding="utf-8")
    assert ('<b class="trusted-raw">' in html) is trust
    assert (CANARY in html) is trust


def test_a_huge_binary_is_not_read_into_memory(tmp_path, monkeypatch):
    from sphinxcontrib_repodoc.config import RepodocConfig
    from sphinxcontrib_repodoc.scan import scan

    with (tmp_path / "weights.bin").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    read: list[str] = []
    real = pathlib.Path.read_bytes

    def spy(self):
        read.append(self.name)
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", spy)
    repo = scan(RepodocConfig(root=tmp_path, git_commits=0, max_file_bytes=1_000_000))
    assert repo.file("weights.bin").skipped in ("binary", "too-large")
    assert "weights.bin" not in read
