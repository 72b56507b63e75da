"""HTML for source listings: Pygments tokens, an anchor on every line, names as links.

Pygments' own HTML formatter cannot link a token to a page of ours, so this is a small
formatter of its own: the same CSS classes (Sphinx's ``pygments.css`` styles it), each line
wrapped in ``<span class="repodoc-code-line" id="L-12">`` (so ``:target`` can highlight it;
symbol anchors are empty spans inside it), and the names the model resolved
(:func:`..pages.sections.listing_links`) wrapped in links.
"""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING

from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, Token
from pygments.util import ClassNotFound

if TYPE_CHECKING:
    from collections.abc import Callable

    from pygments.lexer import Lexer
    from pygments.token import _TokenType


@functools.cache
def _lexer(alias: str) -> Lexer:
    try:
        return get_lexer_by_name(alias, stripnl=False, ensurenl=True)
    except ClassNotFound:
        return get_lexer_by_name("text", stripnl=False, ensurenl=True)


@functools.cache
def css_class(ttype: _TokenType) -> str:
    """Pygments' short class for a token type (``k``, ``nf``, ``s2``…)."""
    suffix = ""
    while True:
        short = STANDARD_TYPES.get(ttype)
        if short is not None:
            return short + suffix
        suffix = ttype[-1] + suffix
        ttype = ttype.parent


@functools.cache
def _linkable(ttype: _TokenType) -> bool:
    """Names, and the file of an ``#include``: the tokens a link may wrap."""
    return ttype in Token.Name or ttype in Token.Comment.PreprocFile


def render(
    code: str,
    alias: str,
    link: Callable[[int, str], str | None],
    line_ids: dict[int, list[str]] | None = None,
) -> str:
    """The highlighted listing; ``link(line, name)`` gives a name's href, or None;
    ``line_ids`` adds ids to lines (the definitions that cross-references land on)."""
    line_ids = line_ids or {}
    lines = code.count("\n") + 1
    width = len(str(lines))
    out = ['<div class="highlight"><pre><span></span>']
    parts: list[str] = []
    lineno = 1

    def flush() -> None:
        extra = "".join(f'<span id="{html.escape(i)}"></span>' for i in line_ids.get(lineno, ()))
        out.append(
            f'<span class="repodoc-code-line" id="L-{lineno}">{extra}<a href="#L-{lineno}">'
            f'<span class="linenos">{lineno:>{width}}</span></a>{"".join(parts)}</span>\n'
        )

    escape = html.escape
    for ttype, value in _lexer(alias).get_tokens(code):
        chunks = value.split("\n") if "\n" in value else (value,)
        for i, chunk in enumerate(chunks):
            if i:
                flush()
                lineno += 1
                parts = []
            if not chunk:
                continue
            text = escape(chunk, quote=False)
            cls = css_class(ttype)
            if cls:
                text = f'<span class="{cls}">{text}</span>'
            if _linkable(ttype):
                href = link(lineno, chunk)
                if href is not None:
                    text = f'<a class="repodoc-xref" href="{escape(href)}">{text}</a>'
            parts.append(text)
    if parts:
        flush()
    out.append("</pre></div>\n")
    return "".join(out)
