"""Parallel builds give the same pages as serial ones, and builds are deterministic."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from buildutil import ANSI, build, copy_root, make, read_inventory, warnings_of

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Sphinx builds in parallel by forking")


def _pages(app) -> dict[str, bytes]:
    root = app.outdir / "repodoc"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.html"))}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("parallel")
    return {
        "serial": build(copy_root("basic", base / "serial")),
        "parallel": build(copy_root("basic", base / "parallel"), parallel=2),
        "again": build(copy_root("basic", base / "again")),
    }


def test_parallel_build_really_ran_in_parallel(builds):
    """Sphinx reports chunks (``first .. last``) only when it reads and writes in workers."""
    status = ANSI.sub("", builds["parallel"].status.getvalue())
    assert re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", status)
    assert re.search(r"writing output\.\.\. \[\s*\d+%\] \S+ \.\. \S+", status)
    serial = ANSI.sub("", builds["serial"].status.getvalue())
    assert not re.search(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", serial)


@pytest.mark.parametrize("other", ["parallel", "again"])
def test_same_pages_byte_for_byte(builds, other):
    serial, pages = _pages(builds["serial"]), _pages(builds[other])
    assert len(serial) == 3 * 9 + 2 * 5  # three pages a file, two a folder
    assert sorted(pages) == sorted(serial)
    different = [name for name in serial if serial[name] != pages[name]]
    assert different == []


@pytest.mark.parametrize("other", ["parallel", "again"])
def test_same_inventory(builds, other):
    serial = read_inventory(builds["serial"].outdir / "objects.inv")
    assert len(serial) > 40
    assert read_inventory(builds[other].outdir / "objects.inv") == serial


@pytest.mark.parametrize("other", ["parallel", "again"])
def test_same_warnings(builds, other):
    def relative(app) -> list[str]:
        return [w.replace(str(app.srcdir), "<srcdir>") for w in warnings_of(app)]

    assert relative(builds[other]) == relative(builds["serial"])


def test_same_domain_data(builds):
    serial = builds["serial"].env.get_domain("repo")
    parallel = builds["parallel"].env.get_domain("repo")
    assert parallel.landings == serial.landings
    assert parallel.refs == serial.refs
    assert sorted(parallel.get_objects()) == sorted(serial.get_objects())


def test_a_parallel_reader_sends_back_only_the_pages_it_read(tmp_path):
    """Each reader's whole environment is unpickled by the main process: a reader drops what
    earlier readers read for generated pages (standard library: 8 of the 21 s of a ``-j 2``
    reading phase went to these unpickles). What is merged stays the same."""
    app = make(copy_root("polyglot", tmp_path / "parallel"), parallel=2)
    sent: list[tuple[set[str], set[str]]] = []

    def merged(app: Any, env: Any, docnames: Any, other: Any) -> None:
        generated = {d for d in other.tocs if d.startswith("repodoc/")}
        sent.append((set(docnames), generated))

    app.connect("env-merge-info", merged)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0
    assert len(sent) > 2  # several readers, merged one after another
    for read, generated in sent:
        assert generated <= read
    read_pages = {d for read, _ in sent for d in read if d.startswith("repodoc/")}
    assert read_pages and read_pages <= set(app.env.tocs) and read_pages <= set(app.env.titles)
    # the generated pages' tables of contents are those of a serial build
    serial = build(copy_root("polyglot", tmp_path / "serial"))
    assert {d: serial.env.tocs[d].astext() for d in read_pages} == {
        d: app.env.tocs[d].astext() for d in read_pages
    }
