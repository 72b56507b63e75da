"""Leave the large finishing outputs alone when a build changed nothing.

At the end of every build, Sphinx's HTML builder renders every domain index and writes the
search index and the object inventory again, even when it read, removed and wrote no page.
With a repository's worth of symbols (about 90,000 for the standard library) that was half
of a no-change rebuild, spent writing byte-identical files (and reading the search index
back, to write it again).

Those files depend only on the environment, on the pages written and on the code writing
them. So a successful build records, for this builder, this Sphinx and this extension's code,
the size and time of each of them (``repodoc-finished.json`` in the doctree folder). A later
build that reads, removes and writes no page leaves a file alone when it is exactly as
recorded. The record is deleted as soon as a build changes anything, so a build stopped
before it finished leaves none, and the next one writes everything. Only our own domain
indices are considered; the other domains' are always written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: the record of the outputs as the last successful build left them
RECORD = "repodoc-finished.json"
BUILDERS = ("html", "dirhtml")
#: the builder methods wrapped; a Sphinx without one of them keeps its own behaviour
METHODS = (
    "prepare_writing",
    "load_indexer",
    "write_domain_indices",
    "dump_search_index",
    "dump_inventory",
)
OUR_INDEX_PREFIX = "repo-"


class BuildActivity:
    """What this build did to the pages, and whether an output is still current."""

    def __init__(self, record: Path, key: str) -> None:
        self.record = record
        self.key = key
        self.changed = False
        #: reads the search index back, when that was put off (see ``_load_indexer``)
        self.unloaded_index: Callable[[], None] | None = None
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.recorded: dict[str, list[int]] = (
            data.get("outputs", {}) if isinstance(data, dict) and data.get("key") == key else {}
        )

    def change(self) -> None:
        """A page is read, removed or written: no output is current, and the record goes
        (a build stopped before finishing must not leave one)."""
        if not self.changed:
            self.changed = True
            self.recorded = {}
            with contextlib.suppress(OSError):
                self.record.unlink()

    def current(self, output: Path) -> bool:
        """Whether ``output`` needs no writing: nothing changed, and it is as recorded."""
        if self.changed:
            return False
        try:
            info = output.stat()
        except OSError:
            return False
        return self.recorded.get(str(output)) == [info.st_size, info.st_mtime_ns]

    def save(self, outputs: list[Path]) -> None:
        stats = {}
        for output in outputs:
            with contextlib.suppress(OSError):
                info = output.stat()
                stats[str(output)] = [info.st_size, info.st_mtime_ns]
        data = {"key": self.key, "outputs": dict(sorted(stats.items()))}
        with contextlib.suppress(OSError):
            self.record.write_text(json.dumps(data, indent=0), encoding="utf-8")


def finish_key(app: Sphinx) -> str:
    """What writes the outputs besides the environment: Sphinx, this code, the builder."""
    from .. import __version__
    from ..cache import code_stamp

    blob = f"{sphinx.__version__}|{__version__}|{code_stamp()}|{app.builder.name}"
    return hashlib.sha256(blob.encode()).hexdigest()


def install(app: Sphinx) -> None:
    """``builder-inited``: watch this build, and skip the outputs that are still current."""
    builder = app.builder
    if builder.name not in BUILDERS or not all(hasattr(builder, m) for m in METHODS):
        return
    activity = BuildActivity(Path(app.doctreedir) / RECORD, finish_key(app))
    app.connect("env-purge-doc", functools.partial(_purged, activity))
    app.connect("env-before-read-docs", functools.partial(_reading, activity))
    _wrap(builder, "prepare_writing", functools.partial(_prepare_writing, activity, app))
    _wrap(builder, "write_domain_indices", functools.partial(_domain_indices, activity, builder))
    outdir = Path(builder.outdir)
    search = outdir / builder.searchindex_filename  # type: ignore[attr-defined]
    _wrap(builder, "load_indexer", functools.partial(_load_indexer, activity, search, app))
    _wrap(builder, "dump_search_index", functools.partial(_dump_search_index, activity, builder))
    inventory = outdir / "objects.inv"
    _wrap(builder, "dump_inventory", functools.partial(_unless_current, activity, inventory))
    app.connect("build-finished", functools.partial(_finished, activity, search, inventory))


def _wrap(builder: Builder, name: str, wrapper: Callable[..., Any]) -> None:
    setattr(builder, name, functools.partial(wrapper, getattr(builder, name)))


def _purged(activity: BuildActivity, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    activity.change()


def _reading(
    activity: BuildActivity, app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    if docnames:
        activity.change()


def _prepare_writing(
    activity: BuildActivity, app: Sphinx, original: Callable[..., Any], docnames: Any
) -> Any:
    if docnames:
        activity.change()
    domain = app.env.get_domain("repo")
    # the indices need not collect their entries (see ``indices``) for pages left as they are
    domain.indices_current = all(  # type: ignore[attr-defined]
        activity.current(page) for page in _index_pages(app)
    )
    try:
        return original(docnames)
    finally:
        domain.indices_current = False  # type: ignore[attr-defined]


def _load_indexer(
    activity: BuildActivity,
    search: Path,
    app: Sphinx,
    original: Callable[[Any], None],
    docnames: Any,
) -> None:
    """The search index is read back only to be written again with the pages that changed:
    with none, and the file left alone, reading it (0.6 s of JSON for the standard library,
    a quarter of a no-change build) is put off until it turns out to be needed."""
    if not docnames and activity.current(search) and not _extra_file(app, search.name):
        activity.unloaded_index = functools.partial(original, docnames)
        return
    original(docnames)


def _extra_file(app: Sphinx, name: str) -> bool:
    """Whether ``html_extra_path`` copies a file of that name over the output's own."""
    confdir = Path(app.confdir)
    return any((confdir / extra / name).exists() for extra in app.config.html_extra_path)


def _dump_search_index(activity: BuildActivity, builder: Any, original: Callable[[], None]) -> None:
    search = Path(builder.outdir) / builder.searchindex_filename
    if activity.current(search):
        logger.verbose("repodoc: %s unchanged, not written again", search.name)
        return
    if activity.unloaded_index is not None:  # changed since it was found current: read it
        activity.unloaded_index()
    original()


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


def _finished(
    activity: BuildActivity, search: Path, inventory: Path, app: Sphinx, exception: Any
) -> None:
    if exception is None:
        activity.save([*_index_pages(app), search, inventory])


def _index_pages(app: Sphinx) -> list[Path]:
    """The output files of our domain's indices."""
    domain = app.env.get_domain("repo")
    return [
        Path(app.builder.get_outfilename(f"{domain.name}-{index.name}")) for index in domain.indices
    ]
