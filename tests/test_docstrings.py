"""Docstrings rendered in a restricted parse: real builds of ``tests/roots/test-docstrings``."""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, directives, roles
from docutils.utils import new_document
from sphinx import addnodes

from sphinxcontrib_repodoc.sphinx_.docstrings import (
    convert_sections,
    render_docstring,
    restricted_markup,
)

ROOT = "docstrings"
INVALID = {"pkg/broken.py:42", "pkg/indent.py:7", "pkg/unknown.py:5", "pkg/footnote.py:3"}


def _body(app) -> str:
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    return html[html.index('<section id="docstrings">') : html.index('<div class="sphinxsidebar"')]


def _section(body: str, section_id: str) -> str:
    start = body.index(f'<section id="{section_id}">')
    end = body.find("<section id=", start + 1)
    return body[start : end if end != -1 else None]


def _warnings(warning) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def built(app):
    app.build()
    return app


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"show_warning_types": True})
def test_only_invalid_docstrings_warn_once_each(built, warning):
    lines = _warnings(warning)
    assert len(lines) == len(INVALID), lines
    for location in INVALID:
        matching = [line for line in lines if line.startswith(f"{location}:")]
        assert len(matching) == 1, lines
        assert "[repodoc.docstring]" in matching[0]
        assert "shown as written" in matching[0]
    text = warning.getvalue()
    # docutils' own report does not reach Sphinx's stream on its own
    assert "ERROR" not in text
    assert "WARNING: Inline emphasis" not in text
    assert "Unexpected indentation" not in text
    assert "citation not found" not in text
    assert "Too many autonumbered footnote references" not in text  # forgotten with the parse


@pytest.mark.sphinx(
    "html", testroot=ROOT, confoverrides={"suppress_warnings": ["repodoc.docstring"]}
)
def test_docstring_warning_can_be_suppressed(built, warning):
    assert warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot=ROOT)
def test_google_sections_become_grouped_fields(built):
    google = _section(_body(built), "google")
    assert "Parameters" in google
    assert "<strong>x</strong> (<em>Tensor</em>) – The input." in google
    assert "<strong>scale</strong> (<em>float</em><em>, </em><em>optional</em>)" in google
    assert "Returns" in google and "The output." in google
    assert "Return type" in google
    assert "Raises" in google and "<strong>ValueError</strong> – If the shapes" in google
    assert "Variables" in google and "<strong>weight</strong> (<em>Tensor</em>)" in google
    assert ":param" not in google and "Args:" not in google
    # napoleon's "Methods" would be ``.. method::`` (an object): a rubric and a list instead
    assert re.search(r'<p class="rubric"[^>]*>Methods</p>', google)
    assert "reset(seed)" in google and "METHOD-RESET" in google
    assert ".. method::" not in google


@pytest.mark.sphinx("html", testroot=ROOT)
def test_numpy_sections_become_grouped_fields(built):
    body = _body(built)
    numpy = _section(body, "numpy")
    assert "Parameters" in numpy
    assert "<strong>a</strong> (<em>int</em><em> or </em><em>None</em>) – The first." in numpy
    assert "<strong>b</strong> (<em>list</em><em> of </em><em>str</em>)" in numpy
    assert "Return type" in numpy and "<p>float</p>" in numpy
    # See Also: napoleon's ``:py:obj:`` is rewritten to our own (domain-less) role
    assert "admonition seealso" in numpy
    assert "repo-obj" in numpy and "other_function" in numpy
    assert ":py:obj:" not in numpy
    # ``.. [1]`` in two docstrings of one page: each keeps its own footnote, no collision
    assert "Smith, J. A paper." in numpy
    assert "Jones, K. Another paper." in _section(body, "second-numpy")
    assert "repodoc-docstring-literal" not in numpy + _section(body, "second-numpy")


@pytest.mark.sphinx("html", testroot=ROOT)
def test_allowed_markup_renders(built):
    allowed = _section(_body(built), "allowed")
    assert '<div class="admonition note">' in allowed
    assert "NOTE-BODY with <em>emphasis</em>" in allowed
    assert 'class="math' in allowed
    assert "peps.python.org/pep-0008" in allowed
    assert "versionadded" in allowed and "TEXT-VERSIONADDED" in allowed
    assert "highlight-python" in allowed and "CODE-BLOCK" in allowed
    # unresolved xrefs are plain text, not links, and not warned about (see the count test)
    assert '<span class="pre">Foo</span>' in allowed
    assert '<span class="pre">bar()</span>' in allowed
    assert "default_thing" in allowed
    assert "repodoc-disallowed" not in allowed


@pytest.mark.sphinx("html", testroot=ROOT)
def test_disallowed_markup_is_shown_as_written(built):
    evil = _section(_body(built), "disallowed")
    assert "&lt;script&gt;alert(" in evil
    assert "<script>" not in evil
    assert ".. include:: /etc/passwd" in evil
    assert "root:" not in evil
    assert ".. image:: /etc/passwd" in evil and "<img" not in evil
    assert ".. py:function:: evil_function()" in evil
    assert ":py:class:`PyClassRole`" in evil
    assert ":ref:`some-label`" in evil
    assert ":download:`x" in evil and "_downloads" not in evil
    assert not list((built.outdir / "_downloads").glob("**/conf.py"))


@pytest.mark.sphinx("html", testroot=ROOT)
def test_nested_and_option_tricks_are_contained(built):
    body = _body(built)
    nested = _section(body, "nested-and-options")
    assert '<div class="admonition note">' in nested
    assert "&lt;script&gt;NESTED-SCRIPT" in nested and "<script>NESTED" not in nested
    assert ".. csv-table:: Table" in nested and "root:" not in nested
    assert ":envvar:`HOME`" in nested and ":term:`thing`" in nested
    assert "[Missing]" in nested  # an unknown citation is plain text, without a warning
    # the restrictions end with the docstring: the page's own raw directive works
    assert '<span id="page-raw">PAGE-RAW</span>' in body
    env = built.env
    assert "code-label" not in env.get_domain("std").labels  # :name: dropped
    assert not env.get_domain("math").data["objects"]  # :label: dropped
    assert "HOME" not in str(env.get_domain("index").entries)


@pytest.mark.sphinx("html", testroot=ROOT)
def test_docstrings_create_no_objects(built):
    env = built.env
    assert "evil_function" not in env.get_domain("py").objects
    assert "docstring-label" not in env.get_domain("std").labels
    assert not env.get_domain("index").entries.get("index")  # :pep: adds none
    doctree = env.get_doctree("index")
    assert not list(doctree.findall(addnodes.desc))
    assert not list(doctree.findall(addnodes.index))
    assert not list(doctree.findall(nodes.system_message))
    assert not list(doctree.findall(nodes.problematic))
    inventory = (built.outdir / "objects.inv").read_bytes()
    assert b"evil_function" not in inventory


@pytest.mark.sphinx("html", testroot=ROOT)
def test_names_are_private_to_each_docstring(built):
    body = _body(built)
    labels = _section(body, "labels")
    # the same label in two docstrings: no warning (count test), each links to its own target
    first, second = re.findall(r'<p id="([^"]+)">Targeted[^<]*(?:<a [^>]*href="#([^"]+)")?', labels)
    assert first[0] != second[0]
    assert re.search(
        rf'<p id="{second[0]}">Targeted again, see <a [^>]*href="#{second[0]}"', labels
    )
    assert re.search(
        rf'<p id="{first[0]}">Targeted paragraph, see <a [^>]*href="#{first[0]}"', labels
    )
    substitutions = _section(body, "substitutions")
    assert "One FIRST-X" in substitutions and "Two SECOND-X" in substitutions
    assert '<a class="reference external" href="https://example.org/long">LONG-NAME</a>' in (
        substitutions
    )


@pytest.mark.sphinx("html", testroot=ROOT)
def test_titles_become_rubrics(built):
    titles = _section(_body(built), "titles")
    assert titles.count("<section") == 1  # the page's own
    assert re.search(r'<p class="rubric"[^>]*>Details</p>', titles)
    assert re.search(r'<p class="rubric"[^>]*>More</p>', titles)
    assert "DETAILS-BODY" in titles and "MORE-BODY" in titles
    doctree = built.env.get_doctree("index")
    assert [s["names"] for s in doctree.findall(nodes.section) if "details" in s["names"]] == []


@pytest.mark.sphinx("html", testroot=ROOT)
def test_invalid_docstring_is_a_literal_block(built):
    body = _body(built)
    invalid = _section(body, "invalid")
    assert "repodoc-docstring-literal" in invalid
    assert "Some *unterminated emphasis." in invalid
    indented = _section(body, "badly-indented")
    assert "repodoc-docstring-literal" in indented
    assert "Unexpected indentation here." in indented


@pytest.mark.sphinx("html", testroot=ROOT)
def test_xrefs_target_repo_domain_quietly(built):
    doctree = built.env.get_doctree("index")  # as read: before resolution
    xrefs = {x["reftarget"]: x for x in doctree.findall(addnodes.pending_xref)}
    foo = xrefs["Foo"]
    assert (foo["refdomain"], foo["reftype"]) == ("repo", "class")
    assert foo["repodoc_quiet"] is True
    assert foo["repo:file"] == "pkg/mod.py"
    assert foo["repo:scope"] is None
    assert xrefs["BadThing"]["reftype"] == "class"  # :exc:
    assert xrefs["pkg.bar"]["reftype"] == "func"
    assert xrefs["default_thing"]["reftype"] == "obj"  # the default role
    tensor = xrefs["Tensor"]  # a type from a Google "Args" section
    assert (tensor["refdomain"], tensor["reftype"]) == ("repo", "class")
    assert tensor["repo:file"] == "pkg/google.py"
    assert tensor["repo:scope"] == "Linear"
    assert xrefs["ValueError"]["repodoc_quiet"] is True
    assert all(x["repodoc_quiet"] for x in xrefs.values())
    # only ours, and the quiet form of an undefined citation ([Missing]_)
    assert {x["refdomain"] for x in xrefs.values()} == {"repo", "citation"}
    assert xrefs["Missing"]["refdomain"] == "citation"


def test_restricted_markup_restores_everything():
    settings = get_default_settings(Parser)
    document = new_document("<test>", settings)
    before = directives.directive, roles.role
    raw, insertion = settings.raw_enabled, settings.file_insertion_enabled
    with pytest.raises(RuntimeError), restricted_markup(document):
        assert directives.directive is not before[0]
        assert not settings.raw_enabled and not settings.file_insertion_enabled
        raise RuntimeError
    assert (directives.directive, roles.role) == before
    assert (settings.raw_enabled, settings.file_insertion_enabled) == (raw, insertion)


def test_empty_docstring_renders_nothing():
    assert render_docstring("", None, path="a.py", line=1) == []  # type: ignore[arg-type]
    assert render_docstring(" \n\t\n", None, path="a.py", line=1) == []  # type: ignore[arg-type]


def test_convert_sections_needs_no_napoleon_extension():
    text = convert_sections("Do.\n\nArgs:\n    x (int): The x.\n\nReturns:\n    bool: ok.\n")
    assert ":param x: The x." in text
    assert ":type x: int" in text
    assert ":rtype: bool" in text
