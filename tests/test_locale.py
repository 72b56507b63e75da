"""Translations: page labels follow ``language``, console messages the OS locale; ids never move.

A real build of ``test-basic`` in German (the catalog we ship) is compared with the English
session build of the same root; a catalog in the project's ``locale_dirs`` overrides ours
message by message. The catalog files themselves are checked against the code.
"""

from __future__ import annotations

import contextlib
import importlib.util
import locale
from pathlib import Path

import pytest
import sphinx.locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from buildutil import Site, build, copy_root, repodoc_warnings, warnings_of
from sphinx.errors import ConfigError

REPO = Path(__file__).parent.parent
F = "repodoc/files/pkg/core.py"
K = "repodoc/keywords/pkg/core.py"


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "update_catalog", REPO / "tools" / "update_catalog.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """``test-basic`` with ``language = "de"``, the console in German, one dangling role, and a
    project catalog that overrides one label."""
    srcdir = copy_root("basic", tmp_path_factory.mktemp("german"))
    with (srcdir / "roles.rst").open("a", encoding="utf-8") as f:
        f.write("\nDangling: :repo:class:`NoSuchThing`.\n")
    project_catalog = Catalog(locale="de", domain=tool.DOMAIN)
    project_catalog.add("Usage examples", "Beispiele aus dem Projekt")
    mo = srcdir / "locale" / "de" / "LC_MESSAGES" / f"{tool.DOMAIN}.mo"
    mo.parent.mkdir(parents=True)
    with mo.open("wb") as f:
        write_mo(f, project_catalog)

    with german_console():
        return build(srcdir, confoverrides={"language": "de", "locale_dirs": ["locale"]})


@contextlib.contextmanager
def german_console():
    """Console messages in German: ``LANGUAGE=de`` under the C locale, as gettext reads it.
    Afterwards every translator is dropped (as ``SphinxTestApp.cleanup`` does), also when the
    app never got built, so that later builds in this process start in English."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LANGUAGE", "de")
        previous = locale.setlocale(locale.LC_MESSAGES)
        locale.setlocale(locale.LC_MESSAGES, "C")
        try:
            yield
        finally:
            locale.setlocale(locale.LC_MESSAGES, previous)
            sphinx.locale.translators.clear()


def _text(el) -> str:
    return " ".join(el.text.split())


def test_page_labels_are_german(german):
    site = Site(german.outdir)
    assert _text(site.section(F, "outline").find("h2")).startswith("Gliederung")
    assert _text(site.section(F, "dependencies").find("h2")).startswith("Abhängigkeiten")
    metadata = site.tree(F).one("dl", cls="repodoc-metadata")
    fields = [_text(dt).rstrip(":").strip() for dt in metadata.find_all("dt")]
    assert fields[:3] == ["Pfad", "Sprache", "Größe"]
    # plural forms from the catalog: two classes, one function
    assert "2 Klassen, 1 Funktion" in _text(metadata)
    # the kind badge is translated, its class stays English
    badges = site.section(F, "outline").find_all(cls="repodoc-kind-class")
    assert badges and {_text(b) for b in badges} == {"Klasse"}
    assert "Zeile 22" in {_text(a) for a in site.section(F, "outline").find_all("a")}
    # the keywords page: its title and table headers
    assert _text(site.tree(K).find("h1")).startswith("pkg/core.py — Stichwörter")
    headers = [_text(th) for th in site.section(K, "keywords").find_all("th")]
    assert headers == ["Name", "Art", "Qualifizierter Name", "Zeile", "Detail"]
    # the domain: index title, object type names in the search index
    assert "Symbolindex des Repositorys" in _text(site.tree("repo-symbols").find("h1"))
    assert "Repository-Klasse" in (german.outdir / "searchindex.js").read_text(encoding="utf-8")


def test_project_catalog_overrides_ours_message_by_message(german):
    site = Site(german.outdir)
    assert _text(site.section(F, "examples").find("h2")).startswith("Beispiele aus dem Projekt")
    assert _text(site.section(F, "summary").find("h2")).startswith("Zusammenfassung")


def test_ids_and_anchors_do_not_depend_on_the_language(german, basic_app):
    german_site, english_site = Site(german.outdir), Site(basic_app.outdir)
    pages = sorted(
        p.relative_to(basic_app.outdir).with_suffix("").as_posix()
        for p in (basic_app.outdir / "repodoc").rglob("*.html")
    )
    assert F in pages and K in pages
    for page in pages:
        assert german_site.tree(page).ids() == english_site.tree(page).ids(), page
    # the title of a translated page keeps the English id
    assert german_site.tree(K).find("section").id == "pkg-core-py-keywords"
    # and the English build says it in English
    assert _text(english_site.section(F, "outline").find("h2")).startswith("Outline")


def test_console_messages_are_german(german):
    status = german.status.getvalue()
    assert "Dateien" in status and "Symbole" in status and "Seiten" in status
    found = repodoc_warnings(german, "ref")
    assert len(found) == 1
    assert "repo:class-Verweisziel nicht gefunden: NoSuchThing" in found[0]
    # core diagnostics are produced without Sphinx and stay English (README: Translations)
    assert any("[repodoc.syntax]" in w for w in warnings_of(german))


def test_configuration_errors_are_german(tmp_path, make_app):
    srcdir = copy_root("basic", tmp_path / "src")
    overrides = {"language": "de", "repodoc_max_file_bytes": -1}
    with german_console(), pytest.raises(ConfigError, match="muss 0 oder mehr sein"):
        make_app("html", srcdir=srcdir, confoverrides=overrides)


def test_committed_template_is_up_to_date():
    committed = tool.read(tool.POT)
    assert tool.messages(committed) == tool.messages(tool.extract()), (
        "run: python tools/update_catalog.py"
    )


def test_shipped_catalogs_are_in_sync_and_compiled():
    """Every .po holds exactly the template's messages. A new label may wait for its
    translator (it shows in English), but never as a fuzzy guess, which gettext ignores."""
    template = {m.id for m in tool.extract() if m.id}
    po_files = tool.po_files()
    assert "de" in [p.parent.parent.name for p in po_files]
    for po in po_files:
        catalog = tool.read(po, locale=po.parent.parent.name)
        ids = {m.id for m in catalog if m.id}
        assert ids == template, f"{po}: run python tools/update_catalog.py"
        assert not any(m.fuzzy for m in catalog if m.id)
        # placeholders match (python-format), plural forms are complete
        problems = [(m.id, errors) for m, errors in catalog.check()]
        assert problems == []
        assert po.with_suffix(".mo").read_bytes() == tool.mo_bytes(catalog)
