"""``repodoc_docstring_format = "auto"``: the Markdown heuristic, and the plain blocks."""

from __future__ import annotations

import pytest

from sphinxcontrib_repodoc.pages.docstring_format import (
    FORMATS,
    choose_format,
    looks_like_markdown,
    plain_blocks,
)

MARKDOWN = {
    "fence": "Run it.\n\n```python\nrun()\n```\n",
    "tilde fence": "Run it.\n\n~~~\nrun()\n~~~\n",
    "colon fence": "Note.\n\n:::{note}\nBody.\n:::\n",
    "atx heading": "Summary.\n\n## Usage\n\nCall it.\n",
    "link": "See [the site](https://example.org) for more.",
    "bold": "This is **important**.",
    "myst role": "Calls {func}`helper` first.",
    "myst directive": "Summary.\n\n```{note}\nBody.\n```\n",
    # code in a fence may hold what would be reST outside one
    "rest-looking code in a fence": (
        "Slice.\n\n```python\nx[::2]  # ends with::\n.. not a directive\n```\n"
    ),
    "indented as in a class body": "    Summary.\n\n    ## Usage\n\n    Call it.\n",
}

REST = {
    "literal marker": "Example::\n\n    run()\n",
    "directive": "Summary.\n\n.. note:: Body with **bold**.\n",
    "comment": "Summary [x](y).\n\n..\n   a comment\n",
    "role": "Calls :func:`helper` and **bold**.",
    "domain role": "See :py:class:`Thing` and [x](https://example.org).",
    "double backticks": "Use ``run()`` and **bold**.",
    "field": "Summary **bold**.\n\n:param x: the x\n:returns: y\n",
    "link with target": "See `the site <https://example.org>`_ and **bold**.",
    "title underline": "Usage\n=====\n\nCall **it**.\n",
    "numpy section": "Summary **bold**.\n\nParameters\n----------\nx : int\n",
    "rest and a fence": "Example::\n\n    run()\n\n```python\nrun()\n```\n",
}

NEITHER = {
    "prose": "Return the answer.",
    "google sections": "Do it.\n\nArgs:\n    x (int): The x.\n\nReturns:\n    bool: ok.\n",
    "single backticks": "Use `run` here.",
    "a list": "Summary.\n\n- one\n- two\n",
    "python comment in a doctest": "Example.\n\n>>> # a comment\n>>> run()\n",
    "image": "Summary ![alt](pic.png).",
    "empty": "",
}


@pytest.mark.parametrize("text", MARKDOWN.values(), ids=MARKDOWN.keys())
def test_markdown_is_recognised(text):
    assert looks_like_markdown(text)
    assert choose_format("auto", text) == "myst"


@pytest.mark.parametrize("text", REST.values(), ids=REST.keys())
def test_any_rest_sign_keeps_rest(text):
    assert not looks_like_markdown(text)
    assert choose_format("auto", text) == "rst"


@pytest.mark.parametrize("text", NEITHER.values(), ids=NEITHER.keys())
def test_no_markdown_sign_keeps_rest(text):
    assert not looks_like_markdown(text)
    assert choose_format("auto", text) == "rst"


def test_explicit_settings_ignore_the_text():
    rest, markdown = REST["role"], MARKDOWN["fence"]
    assert choose_format("rst", markdown) == "rst"
    assert choose_format("myst", rest) == "myst"
    assert choose_format("plain", markdown) == "plain"
    assert FORMATS == ("rst", "myst", "plain", "auto")


def test_markdown_without_myst_parser_is_plain():
    assert choose_format("myst", "x", myst_available=False) == "plain"
    assert choose_format("auto", MARKDOWN["fence"], myst_available=False) == "plain"
    assert choose_format("auto", REST["role"], myst_available=False) == "rst"


def test_plain_blocks_keep_structure_and_join_prose():
    text = (
        "First line\nof prose.\n\n"
        "- one\n- two\n\n"
        "Example:\n\n"
        "    run()\n    stop()\n\n"
        ">>> run()\n1\n\n"
        "```\ncode\n```\n"
    )
    assert plain_blocks(text) == [
        (False, "First line of prose."),
        (True, "- one\n- two"),
        (False, "Example:"),
        (True, "run()\nstop()"),
        (True, ">>> run()\n1"),
        (True, "```\ncode\n```"),
    ]
    assert plain_blocks("\n \n") == []
