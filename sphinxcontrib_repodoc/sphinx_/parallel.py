"""A parallel read sends back what its own chunk read, not what earlier chunks did.

Sphinx reads with ``-j N`` by forking one process per chunk of documents. Each child pickles
its *whole* environment back and the main process unpickles it, although it merges only the
chunk's documents (``merge_info_from``). A child inherits every document merged before it
was forked, so the main process unpickles ever larger environments: for the standard
library, 25 chunks and 74 MB, 8 s of the main process in a reading phase of 21 s, most of
it the tables of contents and titles (docutils nodes, slow to unpickle) of generated pages
that earlier chunks read.

So a child, before it reads its first document, drops from the per-document tables what
this build's earlier chunks read for generated pages. ``merge_info_from`` never looks at
those entries, and reading a page never needs another page's table of contents or title
(in a parallel read it could not rely on them anyway: they may be read by another process),
so the merged environment is the same. The project's own documents, and pages not read
again in this build, keep their entries.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the environment's per-document tables filled while reading (by Sphinx's collectors)
PER_DOCUMENT_TABLES = ("tocs", "toc_num_entries", "titles", "longtitles", "metadata")


class ChunkTrim:
    """Knows the generated pages read in this build; trims each forked reader once."""

    def __init__(self) -> None:
        self.main_pid: int | None = None
        self.trimmed_pid: int | None = None
        self.reading: tuple[str, ...] = ()

    def before_read(self, app: Sphinx, env: BuildEnvironment, docnames: Iterable[str]) -> None:
        self.main_pid = os.getpid()
        self.trimmed_pid = None
        state = getattr(env.get_domain("repo"), "state", None)
        plan = state.plan if state is not None else None
        self.reading = tuple(d for d in docnames if plan is not None and plan.page(d))

    def source_read(self, app: Sphinx, docname: str, source: list[str]) -> None:
        pid = os.getpid()
        if pid in (self.main_pid, self.trimmed_pid) or self.main_pid is None:
            return
        # a reader forked from the main process, about to read its chunk's first document
        self.trimmed_pid = pid
        trim(app.env, self.reading)


def trim(env: BuildEnvironment, docnames: Iterable[str]) -> None:
    """Drop these documents' entries from the environment's per-document tables."""
    tables = [getattr(env, name, None) for name in PER_DOCUMENT_TABLES]
    dicts = [table for table in tables if isinstance(table, dict)]
    for docname in docnames:
        for table in dicts:
            table.pop(docname, None)


def install(app: Sphinx) -> None:
    chunks = ChunkTrim()
    app.connect("env-before-read-docs", chunks.before_read)
    # before any other handler of the chunk's first document
    app.connect("source-read", chunks.source_read, priority=0)
