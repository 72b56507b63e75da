"""Markdown and reST extraction: outline, lines, title, summary, and safety."""

from __future__ import annotations

from textwrap import dedent

import pytest
from docutils.parsers.rst import Directive, directives, roles

from sphinxcontrib_repodoc.extractors.markup import MarkdownExtractor, RstExtractor
from sphinxcontrib_repodoc.model import FileFacts, Kind, Language, Symbol


def outline(symbols: tuple[Symbol, ...]) -> list:
    """(name, line, end_line, children) trees, easy to compare."""
    return [(s.name, s.line, s.end_line, outline(s.children)) for s in symbols]


def md(text: str) -> FileFacts:
    return MarkdownExtractor().extract("docs/page.md", dedent(text))


def rst(text: str) -> FileFacts:
    return RstExtractor().extract("docs/page.rst", dedent(text))


def test_languages() -> None:
    assert MarkdownExtractor.languages == frozenset({Language.MARKDOWN})
    assert RstExtractor.languages == frozenset({Language.RST})


# -- Markdown ---------------------------------------------------------------------------------


def test_md_nesting_and_lines() -> None:
    facts = md(
        """\
        # Top

        intro

        ### Skips a level

        ## Second
        Setext
        ------

        # Other
        text
        """
    )
    assert outline(facts.symbols) == [
        ("Top", 1, 10, [("Skips a level", 5, 6, []), ("Second", 7, 7, []), ("Setext", 8, 10, [])]),
        ("Other", 11, 12, []),
    ]
    assert all(s.kind is Kind.HEADING and s.qualname == s.name for s in facts.symbols[0].walk())
    assert facts.parsed and facts.diagnostics == ()


def test_md_setext_levels() -> None:
    facts = md(
        """\
        Title
        =====

        Part
        ----
        """
    )
    assert outline(facts.symbols) == [("Title", 1, 5, [("Part", 4, 5, [])])]
    assert facts.title == "Title"


def test_md_fenced_code_and_indented_code_are_not_headings() -> None:
    facts = md(
        """\
        # Real

        ```bash
        # a shell comment
        ```

            # indented code

        ~~~
        ## nor this
        ~~~
        """
    )
    assert outline(facts.symbols) == [("Real", 1, 11, [])]


def test_md_front_matter_is_skipped_and_lines_kept() -> None:
    facts = md(
        """\
        ---
        title: Not a heading
        # nor a heading
        ---

        First paragraph.

        # Heading
        """
    )
    assert outline(facts.symbols) == [("Heading", 8, 8, [])]
    assert facts.docstring == "First paragraph."
    assert facts.title == "Heading"


def test_md_crlf_front_matter_and_reference_links() -> None:
    text = "---\r\ntitle: x\r\n---\r\n\r\n# See [the docs][ref]\r\n\r\n[ref]: https://x\r\n"
    facts = MarkdownExtractor().extract("a.md", text)
    assert outline(facts.symbols) == [("See the docs", 5, 7, [])]


def test_md_leading_thematic_break_without_closing_is_not_front_matter() -> None:
    facts = md(
        """\
        ---

        # Heading
        """
    )
    assert outline(facts.symbols) == [("Heading", 3, 3, [])]


def test_md_inline_markup_is_stripped() -> None:
    facts = md(
        """\
        # The `repo` *domain* and [**links**](https://x) ![alt *text*](i.png) &amp; <b>html</b>
        """
    )
    assert facts.symbols[0].name == "The repo domain and links alt text & html"


def test_md_summary_skips_badges_quotes_and_lists() -> None:
    facts = md(
        """\
        [![CI](https://ci/badge.svg)](https://ci) | ![Coverage](https://cov/badge.svg)

        # Project

        > **Note** a call-out

        - a list item

        The **first** real [paragraph](https://x)
        on two lines.

        Second paragraph.
        """
    )
    assert facts.docstring == "The first real paragraph\non two lines."
    assert facts.title == "Project"


def test_md_without_headings_or_paragraphs() -> None:
    facts = md("- only\n- a list\n")
    assert facts == FileFacts()
    assert md("") == FileFacts()


def test_md_html_block_is_not_summary() -> None:
    facts = md(
        """\
        <p align="center">
        <img src="logo.png">
        </p>

        What it is.
        """
    )
    assert facts.docstring == "What it is."


def test_md_never_raises() -> None:
    for text in ("\x00\ufffe", "#" * 10_000, "[" * 5_000, "\ufeff# BOM\n", "a\r\n===\r\n"):
        facts = MarkdownExtractor().extract("x.md", text)
        assert facts.parsed
    assert MarkdownExtractor().extract("x.md", "\ufeff# BOM\n").title == "BOM"


# -- reST -------------------------------------------------------------------------------------


def test_rst_over_and_underline_titles_and_nesting() -> None:
    facts = rst(
        """\
        =======
        Project
        =======

        Intro paragraph.

        Install
        -------

        Deep
        ~~~~

        Use
        ---

        text
        """
    )
    assert outline(facts.symbols) == [
        ("Project", 2, 16, [("Install", 7, 12, [("Deep", 10, 12, [])]), ("Use", 13, 16, [])])
    ]
    assert facts.title == "Project"
    assert facts.docstring == "Intro paragraph."


def test_rst_next_heading_with_overline_ends_previous_before_overline() -> None:
    facts = rst(
        """\
        First
        =====

        body

        ------
        Second
        ------
        """
    )
    # "Second" is a new style, so it is nested; "First" still ends at the file's end
    assert outline(facts.symbols) == [("First", 1, 8, [("Second", 7, 8, [])])]

    facts = rst(
        """\
        ======
        First
        ======

        =======
        Second
        =======
        """
    )
    assert outline(facts.symbols) == [("First", 2, 4, []), ("Second", 6, 7, [])]


def test_rst_unknown_sphinx_directives_and_roles_are_silent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    facts = rst(
        """\
        The :ref:`Big <target>` Title
        =============================

        See :class:`~pkg.mod.Klass`, :func:`helper` and :doc:`/usage` for *details*.

        .. toctree::
           :maxdepth: 2

           usage

        .. code-block:: python

           print("hi")

        .. automodule:: os
           :members:
        """
    )
    assert facts.parsed
    assert facts.title == "The Big Title"
    assert facts.docstring == "See Klass, helper and /usage for details."
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_rst_globally_registered_directives_and_roles_never_run() -> None:
    """Sphinx registers its directives and roles in docutils' globals: they must not run."""
    calls: list[str] = []

    class Loud(Directive):
        has_content = True

        def run(self):  # pragma: no cover - must not be called
            calls.append("directive")
            raise RuntimeError("ran")

    def loud_role(*args, **kwargs):  # pragma: no cover - must not be called
        calls.append("role")
        raise RuntimeError("ran")

    saved = dict(directives._directives), dict(roles._roles)
    directives.register_directive("toctree", Loud)
    roles.register_local_role("ref", loud_role)
    try:
        facts = rst("Title\n=====\n\n:ref:`x`\n\n.. toctree::\n\n   a\n")
        assert calls == []
        assert facts.parsed and facts.title == "Title" and facts.docstring == "x"
        # the globals are intact afterwards and a document's own role does not leak
        rst(".. role:: custom\n\n:custom:`x`\n")
        assert directives._directives["toctree"] is Loud
        assert roles._roles["ref"] is loud_role
        assert "custom" not in roles._roles
    finally:
        directives._directives.clear()
        directives._directives.update(saved[0])
        roles._roles.clear()
        roles._roles.update(saved[1])


def test_rst_include_and_raw_do_nothing(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET\n=========\n\nTOPSECRET paragraph\n")
    facts = rst(
        f"""\
        .. include:: {secret}

        .. include:: /etc/passwd

        .. raw:: html

           <script>RAWHTML</script>

        .. raw:: html
           :file: {secret}

        .. csv-table::
           :file: {secret}

        Title
        =====

        Body.
        """
    )
    dump = repr(facts)
    assert "TOPSECRET" not in dump and "RAWHTML" not in dump and "root:" not in dump
    assert outline(facts.symbols) == [("Title", 15, 18, [])]
    assert facts.docstring == "Body."


def test_rst_badges_and_admonitions_are_not_summary() -> None:
    facts = rst(
        """\
        |build| |coverage|

        .. note:: A note.

        * a list item

        Real summary
        on two lines.

        .. |build| image:: https://ci/badge.svg
        .. |coverage| image:: https://cov/badge.svg
        """
    )
    assert facts.docstring == "Real summary\non two lines."
    assert facts.title is None and facts.symbols == ()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\ufffe",
        "Title\n===\n",  # underline too short: a warning, still a title
        "=====\nBad\n----\n",  # mismatched over/underline: severe, no crash
        "Top\n===\n\nA\n---\n\nB\n~~~\n\nC\n===\n\nD\n^^^\n",  # inconsistent levels
        ".. |x| replace:: |x|\n\n|x|\n",  # recursive substitution
        "`unclosed\n\n**bold\n\n.. _target:\n\n:: \n",
        "\ufeffTitle\n=====\n",
    ],
)
def test_rst_invalid_input_never_raises(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    facts = RstExtractor().extract("bad.rst", text)
    assert isinstance(facts, FileFacts)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_rst_bom_title() -> None:
    facts = RstExtractor().extract("x.rst", "\ufeffTitle\n=====\n")
    assert outline(facts.symbols) == [("Title", 1, 2, [])]


def test_rst_docutils_failure_is_a_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    from docutils.parsers.rst import Parser

    def boom(self, inputstring, document):
        raise ValueError("boom")

    monkeypatch.setattr(Parser, "parse", boom)
    facts = RstExtractor().extract("x.rst", "Title\n=====\n")
    assert not facts.parsed
    assert facts.diagnostics[0].subtype == "syntax"
    assert facts.diagnostics[0].path == "x.rst"
    assert "boom" in facts.diagnostics[0].message
