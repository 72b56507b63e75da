"""Leave the large finishing outputs alone when a build changed nothing.

At the end of every build, Sphinx's HTML builder renders every domain index and writes the
search index and the object inventory again, even when it read, removed and wrote no page.
With a repository's worth of symbols (about 90,000 for the standard library) that was half
of a no-change rebuild, spent writing byte-identical files.

Those files depend only on the environment and on the pages written. So when this build
read, removed and wrote no page, a file written after the environment was last saved is
already what Sphinx would write again, and is left as it is. Anything else (a page read or
written, ``-a``, ``-E``, a missing or older file, another builder) writes as Sphinx always
does. Only our own domain indices are considered; the other domains' are always written.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: what Sphinx names the saved environment (``sphinx.application.ENV_PICKLE_FILENAME``)
ENV_PICKLE = "environment.pickle"
BUILDERS = ("html", "dirhtml")
#: the builder methods wrapped; a Sphinx without one of them keeps its own behaviour
METHODS = ("prepare_writing", "write_domain_indices", "dump_search_index", "dump_inventory")
OUR_INDEX_PREFIX = "repo-"


class BuildActivity:
    """What this build did to the pages, and whether an output is still current."""

    def __init__(self, doctreedir: Path) -> None:
        self.environment = doctreedir / ENV_PICKLE
        self.changed = False

    def current(self, output: Path) -> bool:
        """Whether ``output`` needs no writing: nothing changed, and it was written after
        the environment was last saved (so by a build that finished)."""
        if self.changed:
            return False
        try:
            return output.stat().st_mtime_ns > self.environment.stat().st_mtime_ns
        except OSError:
            return False


def install(app: Sphinx) -> None:
    """``builder-inited``: watch this build, and skip the outputs that are still current."""
    builder = app.builder
    if builder.name not in BUILDERS or not all(hasattr(builder, m) for m in METHODS):
        return
    activity = BuildActivity(Path(app.doctreedir))
    app.connect("env-purge-doc", functools.partial(_purged, activity))
    app.connect("env-before-read-docs", functools.partial(_reading, activity))
    _wrap(builder, "prepare_writing", functools.partial(_prepare_writing, activity, app))
    _wrap(builder, "write_domain_indices", functools.partial(_domain_indices, activity, builder))
    outdir = Path(builder.outdir)
    search = outdir / builder.searchindex_filename  # type: ignore[attr-defined]
    _wrap(builder, "dump_search_index", functools.partial(_unless_current, activity, search))
    inventory = outdir / "objects.inv"
    _wrap(builder, "dump_inventory", functools.partial(_unless_current, activity, inventory))


def _wrap(builder: Builder, name: str, wrapper: Callable[..., Any]) -> None:
    setattr(builder, name, functools.partial(wrapper, getattr(builder, name)))


def _purged(activity: BuildActivity, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    activity.changed = True


def _reading(
    activity: BuildActivity, app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    if docnames:
        activity.changed = True


def _prepare_writing(
    activity: BuildActivity, app: Sphinx, original: Callable[..., Any], docnames: Any
) -> Any:
    if docnames:
        activity.changed = True
    domain = app.env.get_domain("repo")
    pages = [f"{domain.name}-{index.name}" for index in domain.indices]
    # the indices need not collect their entries (see ``indices``) for pages left as they are
    domain.indices_current = all(  # type: ignore[attr-defined]
        activity.current(Path(app.builder.get_outfilename(page))) for page in pages
    )
    try:
        return original(docnames)
    finally:
        domain.indices_current = False  # type: ignore[attr-defined]


def _domain_indices(activity: BuildActivity, builder: Any, original: Callable[[], None]) -> None:
    every = builder.domain_indices
    kept = [
        entry
        for entry in every
        if not (
            entry[0].startswith(OUR_INDEX_PREFIX)
            and activity.current(Path(builder.get_outfilename(entry[0])))
        )
    ]
    if len(kept) == len(every):
        original()
        return
    logger.verbose("repodoc: domain indices unchanged, not written again")
    builder.domain_indices = kept
    try:
        original()
    finally:
        builder.domain_indices = every


def _unless_current(activity: BuildActivity, output: Path, original: Callable[[], None]) -> None:
    if activity.current(output):
        logger.verbose("repodoc: %s unchanged, not written again", output.name)
        return
    original()
