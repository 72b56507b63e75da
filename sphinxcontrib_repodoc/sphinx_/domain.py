"""The ``repo`` domain: every file, folder, module and symbol as a cross-reference target.

Targets come from the repository model (held on the domain instance, never in the pickled
environment); the domain's own data only records which documents hold landings and which
names they reference, so that incremental builds know what to rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..pages.fingerprint import section_data
from ..pages.plan import PageKind
from ..pages.targets import OBJECT_TYPES, ROLE_TYPES
from .indices import FileIndex, SymbolIndex
from .locale import _, __
from .logging import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from docutils import nodes
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..model import Repository
    from ..pages.plan import Page, PagePlan
    from ..pages.targets import Target, Targets
    from ..sourcelinks import SourceLinks
    from .listing import LexedListings

#: object type → its role
TYPE_ROLE = {t: r for r, ts in ROLE_TYPES.items() if r != "obj" for t in ts}


@dataclass(slots=True)
class RepodocState:
    """Everything computed once per build at ``builder-inited``; plain data plus indices."""

    root: Path
    repo: Repository
    plan: PagePlan
    targets: Targets
    max_files: int
    links: SourceLinks | None = None  #: links to the source host, if configured
    fingerprints: dict[str, str] = field(default_factory=dict)
    inputs: str = ""  #: digest of what the fingerprints are computed from
    #: what the last successful build recorded (``repodoc-state.json``), read once
    previous: dict[str, Any] = field(default_factory=dict)
    #: a digest per short name of the targets (see ``events._target_digests``), once computed
    target_keys: dict[str, str] | None = None
    landing_fingerprints: dict[str, str] = field(default_factory=dict)
    #: section data computed for the fingerprints, taken (once) by the pages being read
    sections: dict[tuple[str, str], object] = field(default_factory=dict)
    #: documents some toctree includes (computed when writing starts), and the global toctree
    #: HTML shared by generated pages outside them, by output folder and arguments
    in_toctrees: frozenset[str] | None = None
    shared_toctrees: dict[tuple[str, str], str] = field(default_factory=dict)
    #: lexed listings on disk, for HTML builders: lexed where a page is read, linked where
    #: it is written
    lexed: LexedListings | None = None

    def section(self, page: Page, name: str) -> object:
        """Section ``name`` of ``page``: the fingerprint's copy, else computed now."""
        key = (page.docname, name)
        if key in self.sections:
            return self.sections.pop(key)
        return section_data(self.repo, page, name, self.max_files)

    def context_path(self, docname: str) -> str | None:
        page = self.plan.page(docname)
        return page.path if page and not page.kind.of_folder else None


class RepoXRefRole(XRefRole):
    """Records the current file and class, for the scope walk of short names."""

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        refnode["repo:file"] = env.ref_context.get("repo:file")
        refnode["repo:scope"] = env.ref_context.get("repo:scope")
        if target.startswith("~"):  # as the py roles: ``~a.b.C`` shows ``C``
            target = target[1:]
            if not has_explicit_title and title.startswith("~"):
                title = _last_part(title[1:])  # the title may carry ``()`` (fix_parens)
        elif not has_explicit_title and len(title) > 1 and title.startswith("."):
            title = title.lstrip(".")  # ``.b`` (a suffix search) shows ``b``
        return title, target


def _last_part(target: str) -> str:
    """``pkg/a.py::A.b`` → ``b``, ``pkg.a.A`` → ``A``, ``pkg/a.py`` → ``a.py``."""
    if "::" in target:
        return target.rpartition("::")[2].rpartition(".")[2]
    if "/" in target:
        return target.rpartition("/")[2]
    return target.rpartition(".")[2]


class RepoDomain(Domain):
    """Files, folders, modules and symbols of the documented repository."""

    name = "repo"
    label = _("Repository")
    # the label is translated lazily (a proxy), as Sphinx's own domains do theirs
    object_types: ClassVar[dict[str, ObjType]] = {
        t: ObjType(_(t), TYPE_ROLE.get(t, "obj"), "obj") for t in OBJECT_TYPES
    }
    roles: ClassVar[dict[str, Any]] = {
        role: RepoXRefRole(warn_dangling=True) for role in ROLE_TYPES
    }
    indices: ClassVar[list[Any]] = [SymbolIndex, FileIndex]
    initial_data: ClassVar[dict[str, Any]] = {
        "landings": {},  # docname → folder path of its ``repodoc`` directive
        "refs": {},  # docname → sorted last name components it references
    }
    state: RepodocState | None = None
    #: set while writing starts when the index pages on disk are this build's already
    #: (``unchanged``): the indices then skip collecting their entries
    indices_current: bool = False

    # -- per-document data -----------------------------------------------------------------

    @property
    def landings(self) -> dict[str, str]:
        return self.data.setdefault("landings", {})

    @property
    def refs(self) -> dict[str, list[str]]:
        return self.data.setdefault("refs", {})

    def clear_doc(self, docname: str) -> None:
        self.landings.pop(docname, None)
        self.refs.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata.get("landings", {}):
                self.landings[docname] = otherdata["landings"][docname]
            if docname in otherdata.get("refs", {}):
                self.refs[docname] = otherdata["refs"][docname]

    def note_refs(self, docname: str, targets: Iterable[str]) -> None:
        keys = sorted({key for t in targets for key in ref_keys(t)})
        if keys:
            self.refs[docname] = keys
        else:
            self.refs.pop(docname, None)

    # -- objects -------------------------------------------------------------------------

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        if self.state is None:
            return
        for t in self.state.targets.objects():
            yield t.name, t.name, t.objtype, t.docname, t.anchor, t.priority

    def get_full_qualified_name(self, node: Element) -> str | None:
        return node.get("reftarget")

    # -- resolution ----------------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        state = self.state
        if state is None:
            return None
        if typ == "page":
            return self._page_link(state, fromdocname, builder, target, node, contnode)
        found = self._find(state, fromdocname, target, ROLE_TYPES.get(typ, ()), node)
        if found is None:
            return None
        return make_refnode(builder, fromdocname, found.docname, found.anchor, contnode, found.name)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        state = self.state
        if state is None:
            return []
        found = self._find(state, fromdocname, target, OBJECT_TYPES, node)
        if found is None:
            return []
        ref = make_refnode(builder, fromdocname, found.docname, found.anchor, contnode, found.name)
        return [(f"repo:{TYPE_ROLE.get(found.objtype, 'obj')}", ref)]

    def _find(
        self,
        state: RepodocState,
        fromdocname: str,
        target: str,
        types: Iterable[str],
        node: pending_xref,
    ) -> Target | None:
        context = node.get("repo:file") or state.context_path(fromdocname)
        result = state.targets.resolve(
            target, types, context_path=context, scope=node.get("repo:scope")
        )
        if result.ambiguous and not node.get("repodoc_quiet"):
            names = ", ".join(t.name for t in result.candidates)
            warn(
                Subtype.AMBIGUOUS,
                __("%(target)r matches %(count)d objects: %(names)s; linking to %(first)s")
                % {
                    "target": target,
                    "count": len(result.candidates),
                    "names": names,
                    "first": result.target.name if result.target else "?",
                },
                location=_location(node, fromdocname),
            )
        return result.target

    def _page_link(
        self,
        state: RepodocState,
        fromdocname: str,
        builder: Builder,
        path: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        docname = state.plan.docname(PageKind(node["repodoc_kind"]), path)
        if docname is None:
            return None
        return make_refnode(builder, fromdocname, docname, node.get("repodoc_anchor", ""), contnode)


class PagesDomain(Domain):
    """Holds the ``repodoc:section`` directive used by the generated page stubs."""

    name = "repodoc"
    label = "repodoc pages"
    object_types: ClassVar[dict[str, ObjType]] = {}
    initial_data: ClassVar[dict[str, Any]] = {}

    def clear_doc(self, docname: str) -> None:
        pass

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        pass

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []


def ref_keys(target: str) -> set[str]:
    """The index keys (see ``Targets.by_last``) a written target may resolve through."""
    name = target.lstrip("~.")
    return {name.rpartition("/")[2], name.replace("::", ".").rpartition(".")[2]}


def _location(node: Element, docname: str) -> str:
    source, line = node.source, node.line
    if source:
        return f"{source}:{line}" if line else str(source)
    return docname


def get_state(env: BuildEnvironment) -> RepodocState | None:
    domain = env.get_domain("repo")
    return domain.state if isinstance(domain, RepoDomain) else None


def page_uri(builder: Builder, kind: PageKind, path: str, anchor: str = "") -> str | None:
    """The relative URI of a generated page (and ``anchor`` in it) from the page being
    written, as the domain's reference resolver gives it (``make_refnode``: the anchor alone
    when it is in the page being written)."""
    state = get_state(builder.env)
    docname = state.plan.docname(kind, path) if state else None
    if docname is None:
        return None
    current = builder.current_docname
    if anchor and docname == current:
        return "#" + anchor
    uri = builder.get_relative_uri(current, docname)
    return f"{uri}#{anchor}" if anchor else uri
