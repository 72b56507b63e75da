"""Build-time event handlers: scan, write stubs, and tell Sphinx exactly what changed.

Sphinx notices changed *source files* by mtime only; our pages change when the *repository*
does. Fingerprints of what each page shows (kept in a small state file under the doctree
folder, so ``-E`` resets it) answer ``env-get-outdated``; changes of the file set or of the
object names answer ``env-get-updated`` (pages to rewrite, not re-read).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.display import status_iterator

from .. import __version__, sourcelinks
from ..pages.fingerprint import fingerprint
from ..pages.plan import STUB_SUFFIX, PagePlan, StubRenderer, render_stubs, write_stubs
from ..pages.sections import landing
from ..pages.targets import Targets
from ..scan import scan
from .bridge import python_bridge
from .config import core_config, resolve_root
from .deferred import findall_deep
from .diagrams import dot_program, resolve_graphs
from .domain import RepodocState, RepoDomain, get_state
from .listing import LexedListings, cut_at
from .locale import _, __
from .logging import Subtype, report, warn
from .nodes import plain_listings, resolve_source_links

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..model import Repository
    from ..pages.targets import Target

logger = logging.getLogger(__name__)

STATE_FILE = "repodoc-state.json"
CACHE_FILE = "repodoc-facts.pickle"  #: per-file facts by content (see ..cache)
STATE_VERSION = 1


def _domain(env: BuildEnvironment) -> RepoDomain:
    domain = env.get_domain("repo")
    assert isinstance(domain, RepoDomain)
    return domain


def builder_inited(app: Sphinx) -> None:
    """Scan the repository, write changed stubs, drop stale ones, index the targets."""
    domain = _domain(app.env)
    root = resolve_root(Path(app.confdir), app.config.repodoc_root)
    if root is None:
        domain.state = None
        return
    config = core_config(app, root)

    def progress(items: Iterable[Any], length: int) -> Iterable[Any]:
        return status_iterator(
            items,
            __("repodoc: scanning... "),
            "darkgreen",
            length,
            app.verbosity,
            stringify_func=lambda f: f.path,
        )

    repo = scan(
        config,
        progress=progress,
        jobs=max(1, app.parallel),
        cache_file=Path(app.doctreedir) / CACHE_FILE,
    )
    plan = PagePlan.build(repo, app.config.repodoc_stub_dir)
    renderer = StubRenderer(Path(app.confdir) / p for p in app.config.templates_path)
    texts = render_stubs(plan, renderer, repo.name, translate=_)
    written, removed = write_stubs(texts, Path(app.srcdir), plan.stub_dir)
    max_files = app.config.repodoc_toctree_files
    state = RepodocState(
        root=root,
        repo=repo,
        plan=plan,
        targets=Targets.build(repo, plan, app.config.repodoc_prefer),
        max_files=max_files,
        lexed=LexedListings(Path(app.doctreedir)) if app.builder.format == "html" else None,
    )
    state.inputs = _inputs_digest(repo, texts, max_files, app.config.repodoc_prefer)
    state.previous = previous = _load_previous(app)
    old = previous.get("fingerprints") or {}
    if previous.get("inputs") == state.inputs and old.keys() == texts.keys():
        state.fingerprints = dict(old)  # nothing they are computed from changed
    else:
        state.fingerprints = {
            docname: fingerprint(repo, plan.pages[docname], text, max_files, state.sections)
            for docname, text in texts.items()
        }
    state.links = sourcelinks.resolve(
        root, app.config.repodoc_source_url, app.config.repodoc_source_branch
    )
    domain.state = state
    if app.config.repodoc_diagrams and dot_program(app) is None:
        logger.info(__("repodoc: Graphviz 'dot' not found: diagrams are shown as text"))
    _remove_old_output(app, removed)
    for diagnostic in sorted(repo.diagnostics, key=lambda d: (d.path or "", d.line or 0)):
        report(diagnostic)
    symbols = sum(len(f.all_symbols()) for f in repo.files)
    logger.info(
        __("repodoc: %d files, %d symbols, %d pages (%d stubs written, %d removed), %d warnings"),
        len(repo.files),
        symbols,
        len(plan.pages),
        len(written),
        len(removed),
        len(repo.diagnostics),
    )


def _remove_old_output(app: Sphinx, removed: Iterable[str]) -> None:
    """Old HTML of a deleted page would otherwise stay online forever."""
    suffix = getattr(app.builder, "out_suffix", None)
    if app.builder.format != "html" or not suffix:
        return
    outdir = Path(app.outdir).resolve()
    # and its copy of the source (``html_copy_source``), named as the HTML builder names it
    link_suffix = getattr(app.config, "html_sourcelink_suffix", ".txt") or ""
    source = STUB_SUFFIX if link_suffix == STUB_SUFFIX else STUB_SUFFIX + link_suffix
    for docname in removed:
        for target in (outdir / (docname + suffix), outdir / "_sources" / (docname + source)):
            target = target.resolve()
            if target.is_relative_to(outdir):
                with contextlib.suppress(OSError):
                    target.unlink()


def drop_empty_search_terms(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: an incremental build keeps the search terms of deleted (and
    rewritten) pages as empty lists in ``searchindex.js`` (Sphinx prunes the documents, not
    the terms), so its index would differ from a clean build's. Runs in the main process after
    every page is written, before the index is dumped; collects no page."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [w for w, docs in mapping.items() if not docs]:
                del mapping[word]
    return []


def _inputs_digest(
    repo: Repository, texts: dict[str, str], max_files: int, prefer: Sequence[str]
) -> str:
    """A digest of everything the page fingerprints and target digests are computed from:
    the model, the stub texts, the toctree limit, the preferred folders and this code's
    version. Equal digests, equal fingerprints: a build where nothing changed skips computing
    every page's section data and every target's digest."""
    digest = hashlib.sha256(f"{__version__}|{STATE_VERSION}|{max_files}|{prefer!r}".encode())
    # the scan's key of everything the model was made from; else the dataclasses' repr, which
    # shows every field that holds content (the lookup indexes, derived from them, are left
    # out), so equal models give equal text however they were built
    digest.update((repo.inputs or repr(repo)).encode("utf-8", "surrogatepass"))
    for docname in sorted(texts):
        digest.update(f"\0{docname}\0{texts[docname]}".encode())
    return digest.hexdigest()


def _load_previous(app: Sphinx) -> dict[str, Any]:
    try:
        data = json.loads((Path(app.doctreedir) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if data.get("version") == STATE_VERSION else {}


def _landing_fingerprints(env: BuildEnvironment, state: RepodocState) -> dict[str, str]:
    out = {}
    for docname, folder in sorted(_domain(env).landings.items()):
        blob = json.dumps([folder, _jsonable(landing(state.repo, folder))], sort_keys=True)
        out[docname] = hashlib.sha256(blob.encode()).hexdigest()[:32]
    return out


def _jsonable(obj: Any) -> Any:
    from ..model import to_jsonable

    return to_jsonable(obj)


def env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose shown data changed, although their stub file did not."""
    state = get_state(env)
    if state is None:
        return []
    previous = state.previous
    old = previous.get("fingerprints")
    if old is None:
        # no record of what the pages showed: every generated page already read is suspect
        return sorted(d for d in state.fingerprints if d in env.all_docs)
    outdated = [d for d, fp in state.fingerprints.items() if old.get(d) != fp]
    old_landings = previous.get("landings", {})
    for docname, fp in _landing_fingerprints(env, state).items():
        if old_landings.get(docname) != fp:
            outdated.append(docname)
    return sorted(set(outdated) - added)


def env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages to rewrite: all when the file set changed, else those naming changed objects."""
    state = get_state(env)
    if state is None:
        return []
    previous = state.previous
    if previous.get("files") != [f.path for f in state.repo.files]:
        return sorted(env.found_docs)
    if previous.get("links") != _links_key(state) or previous.get("dot") != bool(
        dot_program(app)
    ):  # a new commit moves every source link; Graphviz installed or gone redraws diagrams
        return sorted(d for d in env.found_docs if state.plan.page(d) is not None)
    old_keys: dict[str, str] = previous.get("targets", {})
    new_keys = _target_digests(state)
    changed = {k for k in old_keys.keys() | new_keys.keys() if old_keys.get(k) != new_keys.get(k)}
    if not changed:
        return []
    return sorted(d for d, keys in _domain(env).refs.items() if changed.intersection(keys))


def _links_key(state: RepodocState) -> list[str] | None:
    return [state.links.template, state.links.prefix] if state.links else None


def _target_digests(state: RepodocState) -> dict[str, str]:
    """A digest per short-name key, so a renamed or moved object is noticed (computed once
    per build, and not at all when nothing they are made from changed)."""
    if state.target_keys is None:
        recorded = state.previous.get("targets")
        if state.previous.get("inputs") == state.inputs and isinstance(recorded, dict):
            state.target_keys = recorded
        else:
            state.target_keys = {
                key: _digest_of(targets) for key, targets in sorted(state.targets.by_last.items())
            }
    return state.target_keys


def _digest_of(targets: Iterable[Target]) -> str:
    blob = "|".join(sorted(f"{t.name}:{t.objtype}:{t.docname}#{t.anchor}" for t in targets))
    return hashlib.sha1(blob.encode()).hexdigest()[:16]


def doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Remember which names each document references (for ``env_get_updated``)."""
    env = app.env
    if get_state(env) is None:
        return
    targets = [
        node["reftarget"]
        for node in findall_deep(doctree, addnodes.pending_xref)
        if node.get("refdomain") == "repo" and node.get("reftype") != "page"
    ]
    _domain(env).note_refs(env.docname, targets)


def doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    state = get_state(app.env)
    resolve_source_links(doctree, state.links if state else None)
    resolve_graphs(app, doctree, docname)
    if app.builder.format != "html":
        plain_listings(doctree)


def html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """A generated page's source is a stub: the theme's "view/edit source" links must lead to
    the repository file on its host instead, or be hidden when there is no such link."""
    state = get_state(app.env)
    page = state.plan.page(pagename) if state is not None else None
    if page is None:
        return
    context["show_source"] = False  # basic themes, alabaster: "Page source"
    # nor is the stub copied to ``_sources`` (html_copy_source): nothing links to it, and
    # copying 3,000 stubs took 1.2 s of a serial standard-library build
    context["sourcename"] = ""
    context["theme_use_edit_page_button"] = False  # pydata, book: would edit the stub
    context["display_github"] = context["display_gitlab"] = False
    context["display_bitbucket"] = False
    url = state.links.url(page.path) if state.links and not page.kind.of_folder else None
    if url is None:
        context["page_source_suffix"] = ""  # basic-ng themes (furo) show no buttons then
        return
    context["theme_source_view_link"] = context["theme_source_edit_link"] = url  # furo
    host = "gitlab" if "gitlab" in url else "bitbucket" if "bitbucket" in url else "github"
    context["meta"] = {**(context.get("meta") or {}), f"{host}_url": url}  # sphinx-rtd-theme


def share_orphan_toctree(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Generated pages outside every toctree (keyword and related pages; file pages too in
    very large repositories) share their folder's global toctree.

    A theme's sidebar calls ``toctree()`` on every page, and Sphinx resolves the whole tree
    each time: at thousands of pages that was the largest part of writing. A page in no toctree
    marks no entry as current and expands no branch, so every such page of one output folder
    gets the very same HTML: it is resolved once per folder and set of arguments.
    """
    state = get_state(app.env)
    toctree = context.get("toctree")
    if state is None or toctree is None or state.plan.page(pagename) is None:
        return
    if state.in_toctrees is None:
        state.in_toctrees = frozenset(
            child for children in app.env.toctree_includes.values() for child in children
        )
    if pagename in state.in_toctrees:
        return
    folder = posixpath.dirname(app.builder.get_target_uri(pagename))
    cache = state.shared_toctrees

    def shared(**kwargs: Any) -> str:
        key = (folder, repr(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = toctree(**kwargs)
        return cache[key]

    context["toctree"] = shared


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """One landing per folder; say how to add one when there is none."""
    state = get_state(env)
    if state is None:
        return
    by_folder: dict[str, list[str]] = {}
    for docname, folder in sorted(_domain(env).landings.items()):
        by_folder.setdefault(folder, []).append(docname)
    for folder, docnames in sorted(by_folder.items()):
        if len(docnames) > 1:
            warn(
                Subtype.DIRECTIVE,
                __("repodoc landing of %(folder)r appears in several documents: %(docnames)s")
                % {"folder": folder, "docnames": ", ".join(docnames)},
                docnames[1],
            )
    if not by_folder:
        logger.info(
            __(
                "repodoc: no page holds the '.. repodoc::' directive; add it to a page "
                "(e.g. index) to link the generated pages into the table of contents"
            )
        )


def missing_reference(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.Node | None:
    """Docstring references that find nothing are plain text; others warn once, typed."""
    if node.get("repodoc_quiet"):  # from a docstring (repo or citation references)
        return contnode
    if node.get("refdomain") == "py" and app.config.repodoc_python_bridge:
        return python_bridge(app, env, node, contnode)
    if node.get("refdomain") != "repo":
        return None
    if node.get("reftype") == "page":
        return contnode
    if get_state(env) is None:
        return None  # domain only: leave it to intersphinx and Sphinx's own warning
    warn(
        Subtype.REF,
        __("repo:%(role)s reference target not found: %(target)s")
        % {"role": node["reftype"], "target": node["reftarget"]},
        _node_location(node),
    )
    return contnode


def _node_location(node: nodes.Node) -> str | None:
    if node.source:
        return f"{node.source}:{node.line}" if node.line else str(node.source)
    return None


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Record what the pages now show; only after a successful build."""
    state = get_state(app.env)
    if state is None or exception is not None:
        return
    data = {
        "version": STATE_VERSION,
        "files": [f.path for f in state.repo.files],
        "fingerprints": dict(sorted(state.fingerprints.items())),
        "inputs": state.inputs,
        "landings": _landing_fingerprints(app.env, state),
        "targets": _target_digests(state),
        "links": _links_key(state),
        "dot": bool(dot_program(app)),
    }
    if data == state.previous:
        return  # the record is already this build's
    if state.lexed is not None:
        limit = app.config.repodoc_listing_max_lines
        state.lexed.prune(
            {state.lexed.key(f.sha256, f.lexer, cut_at(f.lines, limit)) for f in state.repo.files}
        )
    path = Path(app.doctreedir) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=0, sort_keys=True), encoding="utf-8")
