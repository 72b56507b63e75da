"""``.. repodoc::`` (a landing) and ``.. repodoc:section::`` (one part of a generated page)."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..pages import sections as S
from ..pages.plan import PageKind
from .builders import only_outside_books
from .domain import RepoDomain, get_state
from .locale import __
from .logging import Subtype, warn
from .nodes import BUILDERS, Context, contents, folder_summary, make_toctree

if TYPE_CHECKING:
    from docutils.nodes import Node


class SectionDirective(SphinxDirective):
    """Renders one section of the page being read, from the repository model."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[Node]:
        state = get_state(self.env)
        page = state.plan.page(self.env.docname) if state else None
        name = self.arguments[0]
        if state is None or page is None:
            warn(
                Subtype.DIRECTIVE,
                __("repodoc:section belongs in generated pages only"),
                self.get_location(),
            )
            return []
        builder = BUILDERS.get(name)
        if builder is None:
            known = ", ".join(sorted(BUILDERS))
            warn(
                Subtype.DIRECTIVE,
                __("unknown repodoc section %(name)r (known: %(known)s)")
                % {"name": name, "known": known},
                self.get_location(),
            )
            return []
        # a file section on a folder page (or the reverse) has no data: say so, or an
        # overridden template would silently lose the section
        applies = S.FOLDER_SECTIONS if page.kind.of_folder else S.FILE_SECTIONS
        if name not in applies:
            pages = "folder" if page.kind.of_folder else "file"
            warn(
                Subtype.DIRECTIVE,
                f"repodoc section {name!r} does not apply to {pages} pages "
                f"(they have: {', '.join(sorted(applies))})",
                self.get_location(),
            )
            return []
        if not page.kind.of_folder:
            self.env.ref_context["repo:file"] = page.path
        data = state.section(page, name)
        if data is None:
            return []
        return builder(Context(self, state.repo, state.plan, state.root, page, state.lexed), data)


class LandingDirective(SphinxDirective):
    """The repository landing (no argument) or a folder's (a path relative to the root)."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[Node]:
        state = get_state(self.env)
        if state is None:
            warn(
                Subtype.DIRECTIVE,
                __("repodoc: repodoc_root is None, nothing was scanned"),
                self.get_location(),
            )
            return []
        written = self.arguments[0].strip() if self.arguments else "."
        path = posixpath.normpath(written.strip("/")) if written not in ("", ".") else "."
        if written.startswith("/") or path == ".." or path.startswith("../"):
            warn(
                Subtype.DIRECTIVE,
                __("repodoc: %r leaves the repository root") % written,
                self.get_location(),
            )
            return []
        folder = state.repo.folder(path)
        if folder is None:
            warn(
                Subtype.DIRECTIVE,
                __("repodoc: no documented folder %r") % written,
                self.get_location(),
            )
            return []
        domain = self.env.get_domain("repo")
        if isinstance(domain, RepoDomain):
            domain.landings[self.env.docname] = path
        ctx = Context(self, state.repo, state.plan, state.root, None)
        out: list[Node] = []
        out.extend(folder_summary(ctx, S.folder_summary(state.repo, folder)))
        data = S.contents(state.repo, folder)
        if data is not None:
            out.extend(contents(ctx, data))
        docname = state.plan.docname(PageKind.FOLDER, path)
        if docname:
            # book builders (LaTeX, Texinfo, EPUB) leave the generated pages out
            out.append(only_outside_books(make_toctree(self, [docname], hidden=True)))
        container = nodes.container(classes=["repodoc-landing"])
        container.extend(out)
        return [container]


class CurrentFileDirective(SphinxDirective):
    """``.. repo:currentfile:: PATH``: short names on this page resolve from ``PATH``.

    Like ``py:currentmodule``: it renders nothing and gives hand-written pages the scope walk
    that generated pages have (same class → same file → same folder → …).
    """

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[Node]:
        written = self.arguments[0].strip()
        state = get_state(self.env)
        if written.lower() == "none":
            self.env.ref_context.pop("repo:file", None)
        elif state is not None and state.repo.file(written) is None:
            warn(
                Subtype.DIRECTIVE,
                __("repo:currentfile: no documented file %r") % written,
                self.get_location(),
            )
        else:
            self.env.ref_context["repo:file"] = written
        return []
