"""Helpers for the tests that run real Sphinx builds: roots, builds, HTML, inventories.

Assertions look at what the extension controls (element ids, our ``repodoc-*`` classes, link
targets, the model), never at theme layout, so the HTML is parsed into a small element tree
with the standard library instead of being matched as text.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# -- roots and builds ---------------------------------------------------------------------------


def copy_root(name: str, dest: Path) -> Path:
    """A private, editable copy of ``tests/roots/test-NAME`` at ``dest``."""
    shutil.copytree(ROOTS / f"test-{name}", dest, dirs_exist_ok=True)
    return dest


def make(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """A test app on ``srcdir`` (output under ``srcdir/_build``), messages captured."""
    kwargs.setdefault("status", StringIO())
    kwargs.setdefault("warning", StringIO())
    return SphinxTestApp(buildername, srcdir=srcdir, **kwargs)


def build(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """Build once. The app's docutils registrations are reset at once (its environment and
    output stay usable), so that later apps in the same process start clean."""
    app = make(srcdir, buildername, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def warnings_of(app_or_stream: Any) -> list[str]:
    """Non-empty warning lines, colour codes removed."""
    stream = getattr(app_or_stream, "warning", app_or_stream)
    text = ANSI.sub("", stream.getvalue())
    return [line for line in text.splitlines() if line.strip()]


def repodoc_warnings(app: Any, subtype: str) -> list[str]:
    return [w for w in warnings_of(app) if f"[repodoc.{subtype}]" in w]


def stub_mtimes(srcdir: Path, stub_dir: str = "repodoc") -> dict[str, int]:
    root = srcdir / stub_dir
    return {p.relative_to(srcdir).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*.repodoc")}


# -- HTML ------------------------------------------------------------------------------------------

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)


@dataclass(eq=False)
class El:
    """One HTML element: tag, attributes, children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    parent: El | None = None
    children: list[El | str] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def elements(self) -> list[El]:
        return [c for c in self.children if isinstance(c, El)]

    def iter(self):
        yield self
        for child in self.elements:
            yield from child.iter()

    def find_all(self, tag: str | None = None, *, id: str | None = None, cls: str | None = None):
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag)
            and (id is None or e.id == id)
            and (cls is None or cls in e.classes)
        ]

    def find(self, tag: str | None = None, *, id: str | None = None, cls: str | None = None):
        found = self.find_all(tag, id=id, cls=cls)
        return found[0] if found else None

    def one(self, tag: str | None = None, *, id: str | None = None, cls: str | None = None) -> El:
        found = self.find_all(tag, id=id, cls=cls)
        assert len(found) == 1, f"expected one <{tag} id={id} class={cls}>, found {len(found)}"
        return found[0]

    def ids(self) -> set[str]:
        return {e.id for e in self.iter() if e.id}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = El("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = El(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = El(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(el)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> El:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


class Site:
    """The HTML output of a build, page by page (docname without ``.html``)."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = Path(outdir)
        self._cache: dict[str, El] = {}

    def path(self, page: str) -> Path:
        return self.outdir / f"{page}.html"

    def exists(self, page: str) -> bool:
        return self.path(page).is_file()

    def html(self, page: str) -> str:
        return self.path(page).read_text(encoding="utf-8")

    def tree(self, page: str) -> El:
        if page not in self._cache:
            self._cache[page] = parse_html(self.html(page))
        return self._cache[page]

    def section(self, page: str, ident: str) -> El | None:
        """One of our sections (``repodoc-summary``…) or None when the page has none."""
        found = self.tree(page).find_all("section", id=f"repodoc-{ident}")
        assert len(found) <= 1
        return found[0] if found else None


def resolve_href(page: str, href: str) -> str:
    """``href`` as written in ``page.html`` → the outdir-relative target (``a/b.html#frag``)."""
    if href.startswith("#"):
        return f"{page}.html{href}"
    base = posixpath.dirname(page)
    target, _, frag = href.partition("#")
    path = posixpath.normpath(posixpath.join(base, target)) if target else f"{page}.html"
    return f"{path}#{frag}" if frag else path


def links(el: El, page: str) -> list[tuple[str, str]]:
    """(text, resolved target) of every internal link inside ``el``."""
    out = []
    for a in el.find_all("a"):
        href = a.attrs.get("href")
        if href is None or re.match(r"^[a-z]+:", href):
            continue
        out.append((a.text.strip(), resolve_href(page, href)))
    return out


def link_targets(el: El, page: str) -> set[str]:
    return {target for _, target in links(el, page)}


def dangling_links(outdir: Path, pages: list[str]) -> list[str]:
    """Internal links of ``pages`` whose file or fragment id does not exist."""
    site = Site(outdir)
    ids: dict[str, set[str] | None] = {}
    problems = []
    for page in pages:
        for text, target in links(site.tree(page), page):
            path, _, frag = target.partition("#")
            if path.endswith("/"):
                path += "index.html"
            if not (outdir / path).is_file():
                problems.append(f"{page}: {text!r} → {target} (no such file)")
                continue
            if frag and path.endswith(".html"):
                if path not in ids:
                    ids[path] = site.tree(path[: -len(".html")]).ids()
                if frag not in ids[path]:
                    problems.append(f"{page}: {text!r} → {target} (no such id)")
    return problems


def html_pages(outdir: Path, under: str = "") -> list[str]:
    """Docnames of every HTML file under ``outdir/under`` (sorted)."""
    root = outdir / under if under else outdir
    return sorted(
        p.relative_to(outdir).as_posix()[: -len(".html")]
        for p in root.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


# -- objects.inv ---------------------------------------------------------------------------------

_INV_LINE = re.compile(r"(.+?)\s+(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)")


@dataclass(frozen=True)
class InvEntry:
    name: str
    role: str  #: ``domain:objtype``
    priority: int
    uri: str  #: expanded (``$`` replaced by the name)
    dispname: str


def read_inventory(path: Path) -> list[InvEntry]:
    """Decode a version 2 ``objects.inv`` without Sphinx (the format is four header lines and
    a zlib stream of ``name domain:role priority uri dispname`` lines)."""
    data = Path(path).read_bytes()
    lines = data.split(b"\n", 4)
    assert lines[0] == b"# Sphinx inventory version 2", lines[0]
    assert b"zlib" in lines[3]
    out = []
    for line in zlib.decompress(lines[4]).decode("utf-8").splitlines():
        m = _INV_LINE.match(line.rstrip())
        assert m, line
        name, role, prio, uri, disp = m.groups()
        if uri.endswith("$"):
            uri = uri[:-1] + name
        out.append(InvEntry(name, role, int(prio), uri, name if disp == "-" else disp))
    return out


# -- searchindex.js --------------------------------------------------------------------------------


def read_searchindex(outdir: Path) -> dict[str, Any]:
    import json

    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    start = text.index("(") + 1
    end = text.rindex(")")
    return json.loads(text[start:end])


def searchindex_objects(index: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(full name, ``domain:objtype``, docname) of every object in a search index."""
    docnames = index["docnames"]
    objtypes = {int(k): v for k, v in index["objtypes"].items()}
    out = set()
    for prefix, entries in index["objects"].items():
        for entry in entries:
            doc, typ, _prio, _anchor, name = entry[:5]
            full = f"{prefix}.{name}" if prefix else name
            out.add((full, objtypes[typ], docnames[doc]))
    return out


# -- empty sections ------------------------------------------------------------------------------


def empty_parts(tree: El) -> list[str]:
    """Our sections without a body, and our rubric blocks with nothing below the rubric."""
    out = []
    for sect in tree.find_all("section"):
        if (sect.id or "").startswith("repodoc-"):
            body = [e for e in sect.elements if not re.fullmatch(r"h\d", e.tag)]
            if not "".join(e.text for e in body).strip():
                out.append(sect.id)
    for box in tree.find_all("div"):
        kids = box.elements
        if (
            kids
            and "rubric" in kids[0].classes
            and any(c.startswith("repodoc-") for c in box.classes)
            and not "".join(e.text for e in kids[1:]).strip()
        ):
            out.append(" ".join(box.classes))
    return out
