"""The only Sphinx glue: registrations, nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import __version__
from ..pages.plan import STUB_SUFFIX
from . import builders, events, memory, parallel, unchanged
from .config import add_config_values, validate
from .deferred import ExpandDeferred, deferred, visit_deferred_html
from .diagrams import repo_graph, visit_graph_html
from .directives import CurrentFileDirective, LandingDirective, SectionDirective
from .domain import PagesDomain, RepoDomain
from .locale import register_catalog
from .nodes import listing_block, visit_listing_html
from .parser import StubParser

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_extension(app: Sphinx) -> dict[str, Any]:
    """Register options, the stub format, the domains, directives and event handlers."""
    add_config_values(app)
    # page labels in the project's ``language``, console messages in the OS locale
    register_catalog(app)

    # generated pages: a private suffix read by our own (reST) parser
    if STUB_SUFFIX not in app.registry.source_suffix:
        app.add_source_suffix(STUB_SUFFIX, "repodoc")
    app.add_source_parser(StubParser)

    # the domain of targets, and the pages' section directive
    RepoDomain.directives = {"currentfile": CurrentFileDirective}
    app.add_domain(RepoDomain)
    PagesDomain.directives = {"section": SectionDirective}
    app.add_domain(PagesDomain)
    app.add_directive("repodoc", LandingDirective)
    app.add_node(listing_block, html=(visit_listing_html, None))
    app.add_node(repo_graph, html=(visit_graph_html, None))
    # large blocks out of the tree until written (HTML), or put back (other builders)
    app.add_node(deferred, html=(visit_deferred_html, None))
    app.add_post_transform(ExpandDeferred)

    # a small stylesheet: kind badges, compact tables, the targeted listing line, dark mode
    app.connect("builder-inited", builders.add_static_path)
    app.add_css_file("repodoc.css")

    # the build: scan once, then tell Sphinx precisely what changed
    app.connect("config-inited", validate)
    app.connect("config-inited", builders.exclude_from_linkcheck)
    app.connect("builder-inited", events.builder_inited)
    app.connect("env-get-outdated", events.env_get_outdated)
    app.connect("env-get-updated", events.env_get_updated)
    app.connect("doctree-read", events.doctree_read)
    app.connect("env-check-consistency", events.check_consistency)
    app.connect("missing-reference", events.missing_reference, priority=900)
    app.connect("doctree-resolved", events.doctree_resolved)
    app.connect("doctree-resolved", builders.doctree_resolved)
    app.connect("html-page-context", events.html_page_context)
    # before themes (furo reads ``toctree`` in its own handler, at the default priority)
    app.connect("html-page-context", events.share_orphan_toctree, priority=400)
    app.connect("html-collect-pages", events.drop_empty_search_terms)
    app.connect("build-finished", events.build_finished)
    # a build that changed no page leaves the big indices, search index and inventory alone
    app.connect("builder-inited", unchanged.install)
    # a serial build of a large tree keeps only so many read pages in memory until written;
    # the garbage collector's youngest generation is larger for the whole build, and what
    # lives through it is frozen
    app.connect("config-inited", memory.install)
    # a parallel reader sends back only what its chunk read
    parallel.install(app)

    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
