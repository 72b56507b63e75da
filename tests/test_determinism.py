"""Byte-identical output: two clean builds (in different folders), ``-j 1`` vs ``-j 2``, and an
incremental build after random edit sequences vs a clean build of the final tree.

The full tier (``tests/fuzz/test_edit_sequences.py``) runs many more sequences.
"""

from __future__ import annotations

import datetime
import time

import pytest
from buildutil import build, copy_root
from editseq import Tree, check_sequence, clean_build, diff, make_project, snapshot

pytestmark = pytest.mark.sphinx

#: random edit sequences in the fast tier (seed, rounds of edits)
FAST_SEQUENCES = [(1, 3), (2, 3)]


def test_two_clean_builds_are_identical(tmp_path):
    tree = Tree.initial()
    first = clean_build(tmp_path / "one", tree)
    second = clean_build(tmp_path / "elsewhere" / "two", tree)
    assert {"objects.inv", "searchindex.js", "index.html"} <= first.keys()
    assert diff(first, second) == []


def test_parallel_and_serial_builds_are_identical(tmp_path):
    serial = build(copy_root("polyglot", tmp_path / "serial"))
    parallel = build(copy_root("polyglot", tmp_path / "parallel"), parallel=2)
    assert serial.statuscode == parallel.statuscode == 0
    assert diff(snapshot(serial.outdir), snapshot(parallel.outdir)) == []


@pytest.mark.parametrize(("seed", "steps"), FAST_SEQUENCES)
def test_incremental_after_random_edits_equals_clean(tmp_path, seed, steps):
    log = check_sequence(tmp_path, seed, steps)
    assert log


def test_no_build_time_in_pages(tmp_path):
    out = clean_build(tmp_path / "p", Tree.initial())
    now = datetime.datetime.now(tz=datetime.UTC)
    stamps = {now.strftime(f) for f in ("%Y-%m-%d", "%d %b %Y", "%b %d, %Y", "%H:%M")}
    stamps.add(str(int(time.time()))[:7])
    for path, data in out.items():
        if path.endswith((".html", ".js", ".inv", ".txt")):
            text = data.decode("utf-8", "replace")
            assert not [s for s in stamps if s in text], path


def _git(cwd, *args, env=None):
    import subprocess

    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_git_dates_are_commit_dates_and_builds_match_across_clones(tmp_path):
    """Pages show commit dates (UTC), never the build's clock: two clones built at different
    paths, in different time zones, give the same bytes."""
    import os
    import shutil

    tree = Tree.initial()
    origin = make_project(tmp_path / "origin", tree)
    conf = (origin / "conf.py").read_text(encoding="utf-8")
    conf = conf.replace("repodoc_git_commits = 0\n", 'repodoc_root = ""\n')
    (origin / "conf.py").write_text(conf, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2001-02-03T04:05:06Z",
        "GIT_COMMITTER_DATE": "2001-02-03T04:05:06Z",
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    _git(origin, "init", "-q", env=env)
    _git(origin, "add", "-A", env=env)
    _git(origin, "commit", "-q", "-m", "first", env=env)
    snapshots = []
    for name, tz in (("one", "UTC"), ("two", "Pacific/Kiritimati")):
        clone = tmp_path / name / "clone"
        shutil.copytree(origin, clone)
        old = os.environ.get("TZ")
        os.environ["TZ"] = tz
        try:
            app = build(clone)
        finally:
            if old is None:
                os.environ.pop("TZ", None)
            else:
                os.environ["TZ"] = old
        assert app.statuscode == 0
        snapshots.append(snapshot(app.outdir))
    assert diff(*snapshots) == []
    pages = b"".join(v for k, v in snapshots[0].items() if k.endswith(".html"))
    assert b"2001-02-03" in pages


def test_a_serial_build_over_its_memory_budget_is_identical(tmp_path, monkeypatch):
    """Pages dropped from Sphinx's in-memory doctree cache are read back from their pickles
    when written: the output is the same, and the cache really was bounded."""
    from sphinxcontrib_repodoc.sphinx_ import memory

    kept: list[int] = []
    real = memory.DoctreeBudget.doctree_read

    def watching(self, app, doctree):
        real(self, app, doctree)
        kept.append(len(app.env._write_doc_doctree_cache))

    cached = build(copy_root("polyglot", tmp_path / "cached"))
    monkeypatch.setattr(memory, "BUDGET_BYTES", 0)
    monkeypatch.setattr(memory.DoctreeBudget, "doctree_read", watching)
    bounded = build(copy_root("polyglot", tmp_path / "bounded"))
    assert cached.statuscode == bounded.statuscode == 0
    assert kept and max(kept) <= 1  # only the page being read, never the ones before
    assert not [d for d in bounded.env._pickled_doctree_cache if d.startswith("repodoc/")]
    assert diff(snapshot(cached.outdir), snapshot(bounded.outdir)) == []


def test_the_process_freezes_its_objects_at_exit_only():
    """Python's last collections at exit took 12 s after a large build; our exit handler
    freezes the heap first. It must run at exit, never while builds are still running."""
    import gc
    import subprocess
    import sys

    import sphinxcontrib_repodoc.sphinx_.memory  # noqa: F401 (registers the handler)

    assert gc.get_freeze_count() == 0  # importing it froze nothing in this process
    check = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "import sphinxcontrib_repodoc.sphinx_.memory\n"  # registered after: runs first
        "print('frozen while running:', gc.get_freeze_count() > 0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == ["frozen while running: False", "frozen at exit: True"]


def test_a_build_enlarges_the_young_generation_and_puts_it_back(tmp_path, monkeypatch):
    """Documents' nodes must be able to die young while a build runs (a full collection per
    few documents cost a third of a parallel build); the process's own thresholds return
    after it, and the output does not depend on them."""
    import gc

    from sphinxcontrib_repodoc.sphinx_ import memory

    during: list[tuple[int, ...]] = []
    real = memory.DoctreeBudget.doctree_read

    def watching(self, app, doctree):
        real(self, app, doctree)
        during.append(gc.get_threshold())

    saved = gc.get_threshold()
    try:
        gc.set_threshold(1234, 5, 6)
        plain = build(copy_root("polyglot", tmp_path / "plain"))
        assert gc.get_threshold() == (1234, 5, 6)
        monkeypatch.setattr(memory.DoctreeBudget, "doctree_read", watching)
        gc.set_threshold(321, 7, 8)
        tuned = build(copy_root("polyglot", tmp_path / "tuned"))
        assert gc.get_threshold() == (321, 7, 8)
    finally:
        gc.set_threshold(*saved)
    assert during and set(during) == {(memory.YOUNG_THRESHOLD, 7, 8)}
    assert plain.statuscode == tuned.statuscode == 0
    assert diff(snapshot(plain.outdir), snapshot(tuned.outdir)) == []


def test_a_build_keeps_what_lives_through_it_out_of_full_collections(tmp_path, monkeypatch):
    """The model and the environment (and the doctrees a serial build keeps) are frozen from
    the start and from the end of reading: full collections then walk only what the build
    allocated since. Everything goes back to the collector after the build, and the output
    does not depend on it."""
    import gc

    from sphinxcontrib_repodoc.sphinx_ import memory

    seen: dict[str, list[int]] = {"read": [], "written": []}
    real_read, real_resolved = (
        memory.DoctreeBudget.doctree_read,
        memory.DoctreeBudget.doctree_resolved,
    )

    def on_read(self, app, doctree):
        real_read(self, app, doctree)
        seen["read"].append(gc.get_freeze_count())

    def on_resolved(self, app, doctree, docname):
        real_resolved(self, app, doctree, docname)
        seen["written"].append(gc.get_freeze_count())

    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(memory.DoctreeBudget, "doctree_read", on_read)
    monkeypatch.setattr(memory.DoctreeBudget, "doctree_resolved", on_resolved)
    frozen = build(copy_root("polyglot", tmp_path / "frozen"))
    assert gc.get_freeze_count() == 0  # given back
    assert seen["read"] and min(seen["read"]) > 0
    # the environment, frozen once reading ended, holds more than the model did before it
    assert seen["written"] and min(seen["written"]) > max(seen["read"]) // 2
    monkeypatch.setattr(memory.CollectorTuning, "freeze", lambda self, *args: None)
    plain = build(copy_root("polyglot", tmp_path / "plain"))
    assert frozen.statuscode == plain.statuscode == 0
    assert diff(snapshot(frozen.outdir), snapshot(plain.outdir)) == []


def test_a_process_that_froze_objects_itself_keeps_them(tmp_path, monkeypatch):
    """A server or a test runner that uses the permanent generation itself: a build neither
    adds to it nor empties it."""
    import gc

    from sphinxcontrib_repodoc.sphinx_ import memory

    during: list[int] = []
    real = memory.DoctreeBudget.doctree_read

    def on_read(self, app, doctree):
        real(self, app, doctree)
        during.append(gc.get_freeze_count())

    monkeypatch.setattr(memory.DoctreeBudget, "doctree_read", on_read)
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        result = build(copy_root("basic", tmp_path / "basic"))
        after = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert result.statuscode == 0
    # frozen objects that die leave the count; a build that froze would add its whole heap
    assert during and max(during) <= before
    assert 0.9 * before <= after <= before  # not given back to the collector either


def test_past_the_doctree_budget_the_end_of_reading_is_not_frozen(tmp_path, monkeypatch):
    """A tree whose pages do not all stay in memory runs short of memory, not time: freezing
    its kept doctrees (and the garbage among them) until the end raised a 20,000-file
    build's peak by 474 MiB. It freezes once, when reading starts; a smaller tree twice; a
    parallel build once."""
    import gc

    from sphinxcontrib_repodoc.sphinx_ import memory

    calls: list[str] = []
    real_freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: (calls.append("freeze"), real_freeze())[1])
    fits = build(copy_root("polyglot", tmp_path / "fits"))
    assert fits.statuscode == 0 and len(calls) == 2
    calls.clear()
    monkeypatch.setattr(memory, "BUDGET_BYTES", 0)
    past = build(copy_root("polyglot", tmp_path / "past"))
    assert past.statuscode == 0 and len(calls) == 1
    assert gc.get_freeze_count() == 0
    # a parallel build's main process keeps no doctrees: it freezes when reading starts only
    calls.clear()
    monkeypatch.setattr(memory, "BUDGET_BYTES", 160 * 2**20)
    parallel = build(copy_root("polyglot", tmp_path / "parallel"), parallel=2)
    assert parallel.statuscode == 0 and len(calls) == 1
