"""HTML for source listings: Pygments tokens, an anchor on every line, names as links.

Pygments' own HTML formatter cannot link a token to a page of ours, so this is a small
formatter of its own: the same CSS classes (Sphinx's ``pygments.css`` styles it), each line
wrapped in ``<span class="repodoc-code-line" id="L-12">`` (so ``:target`` can highlight it;
symbol anchors are empty spans inside it), and the names the model resolved
(:func:`..pages.sections.listing_links`) wrapped in links.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pygments
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, Token
from pygments.util import ClassNotFound

if TYPE_CHECKING:
    from collections.abc import Callable

    from pygments.lexer import Lexer
    from pygments.token import _TokenType


#: Pygments' version: its lexers decide the tokens, so cached lexing is per version
FORMAT_TAG = f"pygments-{pygments.__version__}"
#: lexer aliases that are safe in a file name (Pygments' are: ``c++``, ``python3``…)
_SAFE_ALIAS = re.compile(r"[A-Za-z0-9+#._-]{1,64}")


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


#: a linkable token in lexed lines, ``<R nf>name</R>``: its class and escaped text (which
#: holds no ``<``, so the source can never forge the mark)
_MARKED = re.compile(r"<R ([^>]*)>([^<]*)</R>")


def lex(code: str, alias: str) -> str:
    """The listing's lines as HTML, one per ``\\n``, without line markup or links.

    Lexing is the costly part of a listing (Pygments); it is done once, where the page is read
    (see :class:`LexedListings`), and its linkable tokens are marked so that the links, which
    depend on the other pages, are added where the page is written (:func:`link_lines`).
    """
    escape = html.escape
    lines: list[str] = []
    parts: list[str] = []
    for ttype, value in _lexer(alias).get_tokens(code):
        chunks = value.split("\n") if "\n" in value else (value,)
        for i, chunk in enumerate(chunks):
            if i:
                lines.append("".join(parts))
                parts = []
            if not chunk:
                continue
            text = escape(chunk, quote=False)
            cls = css_class(ttype)
            if _linkable(ttype):
                text = f"<R {cls}>{text}</R>"
            elif cls:
                text = f'<span class="{cls}">{text}</span>'
            parts.append(text)
    if parts:
        lines.append("".join(parts))
    return "\n".join(lines)


def cut_at(lines: int, limit: int) -> int:
    """Where a listing of ``lines`` lines is cut under ``repodoc_listing_max_lines``; 0: whole."""
    return limit if 0 < limit < lines else 0


def first_lines(text: str, limit: int) -> str:
    """The first ``limit`` lines of ``text`` (all of it when ``limit`` is 0 or not less)."""
    end = -1
    for _ in range(limit if limit > 0 else 0):
        end = text.find("\n", end + 1)
        if end == -1:
            return text
    return text if limit <= 0 or end == len(text) - 1 else text[: end + 1]


def cut_line(first: int, last: int, message: str, href: str | None, ids: list[str]) -> str:
    """The line that ends a listing cut after line ``first - 1``: it holds the anchors of the
    lines ``first`` to ``last`` and ``ids`` (definitions among them), so links to them land
    on it."""
    escape = html.escape
    anchors = "".join(f'<span id="L-{n}"></span>' for n in range(first + 1, last + 1))
    anchors += "".join(f'<span id="{escape(i)}"></span>' for i in ids)
    text = escape(message)
    if href:
        text = f'<a class="repodoc-source-link" href="{escape(href)}">{text}</a>'
    return (
        f'<span class="repodoc-code-line repodoc-listing-cut" id="L-{first}">{anchors}'
        f'<span class="linenos">…</span> {text}</span>\n'
    )


def link_lines(
    code: str,
    lexed: str,
    link: Callable[[int, str], str | None],
    line_ids: dict[int, list[str]] | None = None,
    tail: str = "",
) -> str:
    """The highlighted listing from :func:`lex`'s lines; ``link(line, name)`` gives a name's
    href, or None; ``line_ids`` adds ids to lines (the definitions cross-references land on);
    ``tail`` ends it (see :func:`cut_line`)."""
    line_ids = line_ids or {}
    width = len(str(code.count("\n") + 1))
    escape = html.escape
    out = ['<div class="highlight"><pre><span></span>']
    for lineno, body in enumerate(lexed.split("\n"), 1):
        if "<R " in body:

            def linked(match: re.Match[str], lineno: int = lineno) -> str:
                cls, text = match[1], match[2]
                span = f'<span class="{cls}">{text}</span>' if cls else text
                href = link(lineno, html.unescape(text) if "&" in text else text)
                if href is None:
                    return span
                return f'<a class="repodoc-xref" href="{escape(href)}">{span}</a>'

            body = _MARKED.sub(linked, body)
        extra = "".join(f'<span id="{escape(i)}"></span>' for i in line_ids.get(lineno, ()))
        out.append(
            f'<span class="repodoc-code-line" id="L-{lineno}">{extra}<a href="#L-{lineno}">'
            f'<span class="linenos">{lineno:>{width}}</span></a>{body}</span>\n'
        )
    out.append(tail)
    out.append("</pre></div>\n")
    return "".join(out)


def render(
    code: str,
    alias: str,
    link: Callable[[int, str], str | None],
    line_ids: dict[int, list[str]] | None = None,
) -> str:
    """The highlighted listing, lexed and linked at once."""
    return link_lines(code, lex(code, alias), link, line_ids)


class LexedListings:
    """Lexed listings on disk (in the doctree folder), by the text's digest and lexer.

    Each page is lexed by the process that reads it (with ``-j N``, one of the N readers;
    Sphinx writes with a single worker at ``-j 2``, which highlighting kept busy while the
    main process waited) and by no one when only its other sections changed. An entry is
    named after the text's SHA-256 (the model's) and the lexer, in a folder of this format's
    and Pygments' versions; :meth:`prune` keeps the entries of the files still in the model.
    """

    FORMAT = 1

    def __init__(self, doctreedir: Path) -> None:
        self.base = doctreedir / "repodoc-listings"
        self.folder = self.base / f"{FORMAT_TAG}-{self.FORMAT}"

    @staticmethod
    def key(sha256: str, alias: str, lines: int = 0) -> str:
        """The entry of a text, lexed with ``alias``; of its first ``lines`` if not 0."""
        if not sha256 or not _SAFE_ALIAS.fullmatch(alias):
            return ""
        return f"{sha256}-{alias}-{lines}" if lines else f"{sha256}-{alias}"

    def has(self, key: str) -> bool:
        return (self.folder / key).is_file()

    def get(self, key: str) -> str | None:
        try:
            with (self.folder / key).open(encoding="utf-8", newline="") as fh:
                return fh.read()
        except (OSError, ValueError):
            return None

    def put(self, key: str, lexed: str) -> None:
        """Written whole or not at all: readers in other processes may look at once."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        except OSError:
            return
        tmp = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(lexed)
            tmp.replace(self.folder / key)
        except (OSError, ValueError):
            tmp.unlink(missing_ok=True)

    def prune(self, keep: set[str]) -> None:
        """Remove the entries of files no longer in the model, and other versions' folders."""
        try:
            folders = list(self.base.iterdir())
        except OSError:
            return
        for folder in folders:
            if folder != self.folder:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            for entry in folder.iterdir():
                if entry.name not in keep:
                    with contextlib.suppress(OSError):
                        entry.unlink()
