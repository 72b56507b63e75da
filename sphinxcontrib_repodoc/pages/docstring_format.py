"""Which markup a docstring is written in (``repodoc_docstring_format``), without Sphinx.

``"auto"`` decides per docstring with :func:`looks_like_markdown`: a small, conservative
heuristic. Markdown needs a sign that only Markdown gives (a fence of three backticks, tildes
or colons, an ATX heading, a ``[text](url)`` link, ``**bold**``, a MyST role) *and* no sign of
reST (``::`` ending a line, an explicit markup line ``.. x``, a role, a double-backquoted
literal, a ``:field:`` line, a ``text <url>`_`` link, a title underline). Anything in doubt
stays reST, today's format, so a project that turns ``"auto"`` on changes only the docstrings
that clearly were Markdown.
"""

from __future__ import annotations

import re
import textwrap
from typing import Literal

#: the values ``repodoc_docstring_format`` accepts
FORMATS: tuple[str, ...] = ("rst", "myst", "plain", "auto")

#: what one docstring is rendered as (``"auto"`` resolved)
Rendering = Literal["rst", "myst", "plain"]

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})")  # code fence, or MyST colon fence
_MARKDOWN_SIGNS = (
    re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE),  # ATX heading
    re.compile(r"(?<!!)\[[^\]\n]+\]\([^)\s]+\)"),  # [text](url)
    re.compile(r"(?<![*\w])\*\*\S(?:[^*\n]*\S)?\*\*(?![*\w])"),  # **bold**
    re.compile(r"\{[A-Za-z][\w:.+-]*\}`[^`\n]+`"),  # {role}`text`
)
_REST_SIGNS = (
    re.compile(r"::[ \t]*$", re.MULTILINE),  # literal block marker
    re.compile(r"^[ \t]*\.\.[ \t]+\S", re.MULTILINE),  # directive, comment, target
    re.compile(r"^[ \t]*\.\.[ \t]*$", re.MULTILINE),  # empty comment
    re.compile(r"(?<![\w{}]):[A-Za-z][\w:.+-]*:`"),  # :role:`text`
    re.compile(r"``[^`\n]+``"),  # ``literal``
    re.compile(r"^[ \t]*:[^:\n`]+:([ \t]|$)", re.MULTILINE),  # :param x: field
    re.compile(r"`[^`\n]*<[^>\n]+>`__?"),  # `text <url>`_
    re.compile(r"\S\n[ \t]*([=\-~^\"'`+*#])\1{2,}[ \t]*$", re.MULTILINE),  # title underline
)


def _outside_fences(text: str) -> str:
    """``text`` without its fenced code blocks (code may hold ``::`` or ``..`` of its own)."""
    kept: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                continue
            kept.append(line)
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            fence = None
    return "\n".join(kept)


def looks_like_markdown(text: str) -> bool:
    """True when ``text`` clearly is Markdown (MyST) and shows no sign of reST."""
    text = textwrap.dedent(text)
    has_fence = any(_FENCE.match(line) for line in text.splitlines())
    prose = _outside_fences(text)
    if any(sign.search(prose) for sign in _REST_SIGNS):
        return False
    return has_fence or any(sign.search(prose) for sign in _MARKDOWN_SIGNS)


def choose_format(setting: str, text: str, *, myst_available: bool = True) -> Rendering:
    """How to render one docstring under ``repodoc_docstring_format = setting``.

    Markdown without myst-parser installed is shown as plain text: read as reST it would
    render wrongly (fences, links) or warn.
    """
    if setting == "auto":
        setting = "myst" if looks_like_markdown(text) else "rst"
    if setting == "myst":
        return "myst" if myst_available else "plain"
    if setting == "plain":
        return "plain"
    return "rst"


#: a line that starts a list item, a doctest, a quote, a table row or a fence
_NOT_PROSE = re.compile(r"(?:>>>|[-*+>|]|\d+[.)])(?:[ \t]|$)|`{3,}|~{3,}|:{3,}")


def plain_blocks(text: str) -> list[tuple[bool, str]]:
    """``text`` as blocks separated by blank lines: ``(preformatted, text)`` pairs.

    A block of prose is a paragraph, its lines joined by spaces. Any other block keeps its
    lines as written: one with an indented line (an example, a nested list), a list, a fence,
    a doctest, a table.
    """
    blocks: list[tuple[bool, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", textwrap.dedent(text).strip("\n")):
        if not chunk.strip():
            continue
        lines = chunk.splitlines()
        if any(line[:1] in (" ", "\t") or _NOT_PROSE.match(line) for line in lines):
            blocks.append((True, textwrap.dedent(chunk).rstrip()))
        else:
            blocks.append((False, " ".join(line.strip() for line in lines)))
    return blocks
