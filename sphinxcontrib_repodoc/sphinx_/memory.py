"""Memory during a build: the doctrees a serial build keeps, and the garbage collector.

With ``-j 1``, Sphinx keeps every document it reads in memory until it writes it (the
environment's ``_write_doc_doctree_cache``), besides pickling it. Three pages per file make
that the whole repository's doctrees at once: 11 GiB for a 20,000-file tree. Past a budget
(measured on the pickles, which are several times smaller than the trees), a page just read
is dropped from that cache; Sphinx then reads its pickle back when writing it, as it does in
every incremental build (and the pickle's bytes, which Sphinx would keep to the end of the
build, are let go once the page is resolved). Parallel builds keep no such cache in their
workers.

The collector's youngest generation is made larger while a build runs, and what lives
through the build is kept out of its full collections (see :class:`CollectorTuning`); the
heap is frozen at exit (see :func:`_no_final_collection`).
"""

from __future__ import annotations

import atexit
import gc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: pickled size of the doctrees kept in memory (about seven times as much once unpickled); the
#: standard library's 3,000 pages fit, so only larger trees read pickles back
BUDGET_BYTES = 160 * 2**20


class DoctreeBudget:
    """Counts the pickled size of the cached doctrees; drops the ones past the budget."""

    def __init__(self, doctreedir: Path, budget: int) -> None:
        self.doctreedir = doctreedir
        self.budget = budget
        self.kept = 0
        self.dropped = False
        self.pending: list[str] = []  # read, and pickled (and cached) since

    def doctree_read(self, app: Sphinx, doctree: nodes.document) -> None:
        cache = getattr(app.env, "_write_doc_doctree_cache", None)
        if not isinstance(cache, dict):
            return
        for docname in self.pending:
            try:
                size = (self.doctreedir / f"{docname}.doctree").stat().st_size
            except OSError:
                continue  # not pickled (another builder's choice): nothing to count
            if self.kept + size > self.budget:
                cache.pop(docname, None)  # read back from its pickle when written
                self.dropped = True
            else:
                self.kept += size
        self.pending = [app.env.docname]

    def doctree_resolved(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """A page read back from its pickle: Sphinx need not keep the pickle's bytes."""
        if self.dropped:
            pickles = getattr(app.env, "_pickled_doctree_cache", None)
            if isinstance(pickles, dict):
                pickles.pop(docname, None)


#: the youngest generation's threshold while a build runs (Python 3.11's default is 700)
YOUNG_THRESHOLD = 20_000


class CollectorTuning:
    """A larger youngest generation from ``config-inited`` to ``build-finished``, and the
    long-lived objects out of the collector's reach while the build runs.

    Reading, resolving and unpickling documents allocate millions of nodes, each in a
    reference cycle with its parent. With Python's default threshold a young collection runs
    every 700 allocations, in the middle of each document: its nodes, still alive, are
    promoted, then die in the oldest generation, which only full collections free. Those
    walk the whole heap (the model, the environment, the search index): on the standard
    library they took 34 s of a ``-j 2`` build's main process, and 11 s of a serial build's
    reading. With a threshold of 20,000, most documents die young, where freeing them is
    cheap.

    What is alive when reading starts (the model, the environment) and when it ends (the
    read environment, and in a serial build the doctrees kept for writing) lives to the end
    of the build: :meth:`freeze` moves it to the collector's permanent generation, so the
    full collections that still happen walk only what the build allocated since (a serial
    build of the standard library held 3.7 million objects after reading, 1.7 s per full
    collection). Garbage frozen with them is freed after the build, when :meth:`finish`
    gives everything back to the oldest generation. The end of reading is frozen only in a
    serial build within the doctree budget: past it (a tree whose pages do not all stay in
    memory) memory is what the build runs short of, and the kept doctrees and the garbage
    frozen with them would stay until the end (a 20,000-file tree peaked 474 MiB higher,
    close to 4 GiB); a parallel build's main process keeps no doctrees, only the garbage of
    merging the readers' environments would be frozen. A process that froze objects itself
    keeps its permanent generation as it is: nothing is frozen then.

    The thresholds in effect before the build are put back after it (an application that
    fails while starting, or is never built, leaves them raised; freezing happens only
    inside a build, whose end always comes).
    """

    def __init__(self, budget: DoctreeBudget) -> None:
        self.budget = budget
        self.saved: tuple[int, ...] | None = None
        self.froze = False

    def start(self) -> None:
        self.saved = gc.get_threshold()
        young, *older = self.saved
        if young:  # 0: the collector is disabled, and stays so
            gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)

    def read_done(self, app: Sphinx, env: object) -> None:
        """``env-updated``: freeze when this process keeps the doctrees it read, all of them
        (a serial build within the budget); a parallel build's main process keeps none."""
        if getattr(env, "_write_doc_doctree_cache", None) and not self.budget.dropped:
            self.freeze()

    def freeze(self, *args: object) -> None:
        """``env-before-read-docs`` (and :meth:`read_done`): what is alive now stays alive."""
        if self.saved is None or not self.saved[0]:
            return  # not started, or the collector is off: nothing to spare
        if not self.froze and gc.get_freeze_count():
            return  # someone else's permanent generation: leave it alone
        gc.freeze()
        self.froze = True

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        if self.froze:
            gc.unfreeze()
            self.froze = False
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None


def _no_final_collection() -> None:
    """At interpreter exit, before Python's final collections: freeze every object.

    Exiting after a large build spent 12 s (of 112 s for the standard library) in the
    collector's last passes over the whole heap, which free nothing the operating system
    would not free anyway. Registered once; it runs only when the process ends, so builds
    run one after the other in one process (tests, servers) are not affected.
    """
    gc.freeze()


atexit.register(_no_final_collection)


def install(app: Sphinx, config: Config) -> None:
    """``config-inited``: before Sphinx loads the environment, then the scan and the stubs."""
    budget = DoctreeBudget(Path(app.doctreedir), BUDGET_BYTES)
    app.connect("doctree-read", budget.doctree_read)
    app.connect("doctree-resolved", budget.doctree_resolved)
    tuning = CollectorTuning(budget)
    tuning.start()
    # last, after every handler of the same event has made what it keeps
    app.connect("env-before-read-docs", tuning.freeze, priority=999)
    app.connect("env-updated", tuning.read_done, priority=999)
    app.connect("build-finished", tuning.finish, priority=999)
