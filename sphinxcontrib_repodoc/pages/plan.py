"""Which pages exist, under which docnames, and the stub text of each.

Docnames are kind-first (``files/``, ``keywords/``, ``related/``, ``folders/``) so kinds never
collide and URLs stay stable. A stub's text depends only on its kind, its path and the template,
so stubs are rewritten only when a template changes; what a page *shows* is tracked by
fingerprints (:mod:`.fingerprint`) instead.
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from ..i18n import N_

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from ..model import Repository

STUB_SUFFIX = ".repodoc"
"""Private source suffix: read by our own parser whatever the project's ``source_suffix``."""

MARKER = ".repodoc-stubs"
"""Marker file in the stub folder: discovery never scans a folder that holds it."""

BUILTIN_TEMPLATES = Path(__file__).parent.parent / "templates"


class PageKind(enum.StrEnum):
    FILE = "files"
    KEYWORDS = "keywords"
    RELATED = "related"
    FOLDER = "folders"
    ABOUT = "about"  #: a folder's documentation page, beside its index

    @property
    def of_folder(self) -> bool:
        """Pages about a folder (the others are about a file)."""
        return self in (PageKind.FOLDER, PageKind.ABOUT)

    @property
    def template(self) -> str:
        return {
            PageKind.FILE: "repodoc/file.rst",
            PageKind.KEYWORDS: "repodoc/keywords.rst",
            PageKind.RELATED: "repodoc/related.rst",
            PageKind.FOLDER: "repodoc/folder.rst",
            PageKind.ABOUT: "repodoc/about.rst",
        }[self]


@dataclass(frozen=True, slots=True)
class Page:
    kind: PageKind
    path: str  #: repository path of the file or folder (``.`` for the root folder)
    docname: str


@dataclass(slots=True)
class PagePlan:
    """Every generated page of a repository, by docname and by (kind, path)."""

    stub_dir: str
    pages: dict[str, Page] = field(default_factory=dict)  #: docname → page
    _by_key: dict[tuple[PageKind, str], str] = field(default_factory=dict)

    @classmethod
    def build(cls, repo: Repository, stub_dir: str) -> PagePlan:
        plan = cls(stub_dir=stub_dir.strip("/"))
        file_slugs = _case_safe([f.path for f in repo.files])
        folder_slugs = _case_safe([f.path for f in repo.folders if f.path != "."])
        file_slugs = {path: _sphinx_safe(slug) for path, slug in file_slugs.items()}
        folder_slugs = {path: _sphinx_safe(slug) for path, slug in folder_slugs.items()}
        for f in repo.files:
            for kind in (PageKind.FILE, PageKind.KEYWORDS, PageKind.RELATED):
                plan._add(kind, f.path, f"{plan.stub_dir}/{kind.value}/{file_slugs[f.path]}")
        for folder in repo.folders:
            slug = "" if folder.path == "." else folder_slugs[folder.path] + "/"
            plan._add(PageKind.FOLDER, folder.path, f"{plan.stub_dir}/folders/{slug}index")
            plan._add(PageKind.ABOUT, folder.path, f"{plan.stub_dir}/about/{slug}index")
        return plan

    def _add(self, kind: PageKind, path: str, docname: str) -> None:
        self.pages[docname] = Page(kind, path, docname)
        self._by_key[kind, path] = docname

    def docname(self, kind: PageKind, path: str) -> str | None:
        return self._by_key.get((kind, path))

    def page(self, docname: str) -> Page | None:
        return self.pages.get(docname)


def _case_safe(paths: Sequence[str]) -> dict[str, str]:
    """Give the later of two paths that differ only in case a short hash suffix.

    Case-insensitive file systems (macOS, Windows) and many static hosts would otherwise
    serve one page for both.
    """
    seen: set[str] = set()
    out: dict[str, str] = {}
    for path in sorted(paths):
        folded = path.casefold()
        slug = path
        if folded in seen:
            slug = f"{path}-{hashlib.sha1(path.encode()).hexdigest()[:6]}"
        seen.add(folded)
        out[path] = slug
    return out


def _sphinx_safe(slug: str) -> str:
    """A slug Sphinx does not skip: it never reads a document under a folder named
    ``_sources``, nor one whose name starts with ``.#`` (``sphinx.project.EXCLUDE_PATHS``),
    so such path parts get a short hash suffix (and ``.#…`` an ``_`` prefix)."""
    parts = slug.split("/")
    for i, part in enumerate(parts):
        if part == "_sources" or part.startswith(".#"):
            lead = "_" if part.startswith(".#") else ""
            parts[i] = f"{lead}{part}-{hashlib.sha1(part.encode()).hexdigest()[:6]}"
    return "/".join(parts)


def rst_escape(text: str) -> str:
    """Backslash-escape every character that reST might read as markup."""
    return re.sub(r"([^A-Za-z0-9 ])", r"\\\1", text)


def rst_heading(text: str, char: str = "=") -> str:
    escaped = rst_escape(text)
    # generous underline: wide characters count double in docutils' column width
    return f"{escaped}\n{char * (2 * len(escaped) + 2)}"


class StubRenderer:
    """Renders stub templates; the user's ``templates_path`` folders come first."""

    def __init__(self, template_dirs: Iterable[Path] = ()) -> None:
        loader = jinja2.FileSystemLoader([*map(str, template_dirs), str(BUILTIN_TEMPLATES)])
        self._env = jinja2.Environment(
            loader=loader,
            autoescape=False,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
        self._env.filters["heading"] = rst_heading
        self._env.filters["rst_escape"] = rst_escape

    def render(self, page: Page, title: str) -> str:
        template = self._env.get_template(page.kind.template)
        return template.render(kind=page.kind.value, path=page.path, title=title)


def _untranslated(message: str) -> str:
    return message


def page_title(
    kind: PageKind, path: str, repo_name: str, translate: Callable[[str], str] = _untranslated
) -> str:
    """The title of a generated page; stable for a given kind, path and language.

    ``translate`` is the Sphinx glue's page-label translation (the core has none).
    """
    if kind is PageKind.FOLDER:
        return repo_name if path == "." else f"{path}/"
    if kind is PageKind.ABOUT:
        folder = repo_name if path == "." else path + "/"
        return translate(N_("%(folder)s — folder documentation")) % {"folder": folder}
    if kind is PageKind.KEYWORDS:
        return translate(N_("%(path)s — keywords")) % {"path": path}
    if kind is PageKind.RELATED:
        return translate(N_("%(path)s — related files")) % {"path": path}
    return path


def render_stubs(
    plan: PagePlan,
    renderer: StubRenderer,
    repo_name: str,
    translate: Callable[[str], str] = _untranslated,
) -> dict[str, str]:
    """docname → stub text, for every page of the plan (titles in ``translate``'s language)."""
    return {
        docname: renderer.render(page, page_title(page.kind, page.path, repo_name, translate))
        for docname, page in sorted(plan.pages.items())
    }


def write_stubs(texts: dict[str, str], srcdir: Path, stub_dir: str) -> tuple[list[str], list[str]]:
    """Write changed stubs, delete stale ones; return (written, removed) docnames.

    Writing an unchanged stub would bump its mtime and make Sphinx re-read it, so only
    changed text is written.
    """
    stub_root = srcdir / stub_dir
    stub_root.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", "*\n"), (MARKER, "Generated by sphinxcontrib-repodoc.\n")):
        if not (stub_root / name).exists():
            (stub_root / name).write_text(text, encoding="utf-8")
    written: list[str] = []
    # strings (normalised for case where the file system ignores it): hashing 3,000 Paths,
    # with the collections it triggered, took 0.38 s of a no-change build
    wanted: set[str] = set()
    for docname, text in texts.items():
        target = srcdir / (docname + STUB_SUFFIX)
        wanted.add(os.path.normcase(target))
        try:
            if target.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(docname)
    removed: list[str] = []
    for stub in sorted(stub_root.rglob("*" + STUB_SUFFIX)):
        if os.path.normcase(stub) not in wanted:
            stub.unlink()
            removed.append(stub.relative_to(srcdir).as_posix()[: -len(STUB_SUFFIX)])
    _prune_empty_dirs(stub_root)
    return written, removed


def _prune_empty_dirs(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
