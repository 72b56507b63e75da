"""Markdown and reStructuredText files: headings as a nested outline, title and summary.

Both extractors read the document only to find its structure: nothing is rendered, no file is
included, no raw markup passes through, and no directive or role of Sphinx (or of any other
extension registered in docutils' global registries) runs.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import re
import threading
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser, directives, roles
from markdown_it import MarkdownIt

from ..model import Diagnostic, FileFacts, Kind, Language, Symbol

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from markdown_it.token import Token

__all__ = ["MarkdownExtractor", "RstExtractor"]


# --------------------------------------------------------------------------------------------
# Shared: heading outline
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Heading:
    """A heading while the tree is built (mutable; frozen into a :class:`Symbol` at the end)."""

    name: str
    level: int
    line: int
    #: first line the heading occupies (the overline of a reST title); the previous section
    #: ends just before it
    first_line: int
    end_line: int = 0
    children: list[_Heading] = field(default_factory=list)

    def freeze(self) -> Symbol:
        return Symbol(
            kind=Kind.HEADING,
            name=self.name,
            qualname=self.name,
            line=self.line,
            end_line=max(self.end_line, self.line),
            children=tuple(child.freeze() for child in self.children),
        )


def _nest(flat: Iterable[_Heading], last_line: int) -> tuple[Symbol, ...]:
    """Nest headings by level and close each one before the next of the same or higher level.

    A level-3 heading directly under a level-1 one is still its child: levels only order, they
    need not be consecutive.
    """
    roots: list[_Heading] = []
    stack: list[_Heading] = []
    for heading in flat:
        while stack and stack[-1].level >= heading.level:
            stack.pop().end_line = heading.first_line - 1
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
    for open_heading in stack:
        open_heading.end_line = last_line
    return tuple(h.freeze() for h in roots)


def _count_lines(text: str) -> int:
    return len(text.splitlines())


_WORDY = re.compile(r"\w")


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@functools.cache
def _markdown_parsers() -> tuple[MarkdownIt, MarkdownIt]:
    """The block parser and the inline one, built once per process.

    Inline parsing is most of markdown-it's time and we only need it for headings and one
    paragraph: the block parser leaves inline tokens without children, and the inline parser
    fills the few we read (with the block pass's ``env``, so reference links resolve).
    """
    inline = MarkdownIt("commonmark").enable("table")
    block = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    return block, inline


def _blank_front_matter(text: str) -> str:
    """Replace a leading YAML front matter block by blank lines, so line numbers still match.

    Done by hand rather than with mdit-py-plugins' ``front_matter`` (an optional dependency),
    and blanking rather than cutting keeps ``token.map`` equal to the file's own lines.
    """
    opening = _FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return text
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end())
    if closing is None:
        return text  # a lone ``---`` at the top is a thematic break, not front matter
    newlines = text.count("\n", 0, closing.end())
    return "\n" * newlines + text[closing.end() :]


def _md_plain(children: Sequence[Token] | None, *, breaks: str = " ") -> str:
    """Plain text of inline tokens: markup removed, code spans, link text and image alt kept."""
    parts: list[str] = []
    for token in children or ():
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_md_plain(token.children, breaks=breaks))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(breaks)
    return "".join(parts)


def _md_is_badges(children: Sequence[Token] | None) -> bool:
    """True for a paragraph of images only (badges), links around images and separators."""
    for token in children or ():
        if token.type in ("text", "code_inline") and _WORDY.search(token.content):
            return False
    return True


class MarkdownExtractor:
    """Headings (ATX and setext) nested by level; title is the first, docstring the first
    paragraph with words in it at the top level of the document."""

    languages = frozenset({Language.MARKDOWN})

    def extract(self, path: str, text: str) -> FileFacts:
        try:
            return self._extract(text)
        except Exception as exc:  # markdown-it should not fail, but never let a file stop a scan
            return FileFacts(
                parsed=False,
                diagnostics=(Diagnostic("syntax", f"cannot parse Markdown: {exc}", path, None),),
            )

    def _extract(self, text: str) -> FileFacts:
        block, inline = _markdown_parsers()
        source = _blank_front_matter(text.removeprefix("\ufeff"))
        env: dict[str, Any] = {}
        tokens = block.parse(source, env)

        def inline_children(token: Token) -> list[Token]:
            parsed = inline.parseInline(token.content, env)
            return (parsed[0].children or []) if parsed else []

        flat: list[_Heading] = []
        title: str | None = None
        docstring: str | None = None
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.map is not None:
                name = _one_line(_md_plain(inline_children(tokens[index + 1])))
                if not name:
                    continue
                line = token.map[0] + 1
                flat.append(_Heading(name, int(token.tag[1:]), line, line))
                if title is None:
                    title = name
            elif docstring is None and token.type == "paragraph_open" and token.level == 0:
                # top level only: a paragraph in a list or a block quote (often a "> Note")
                # does not say what the document is about
                children = inline_children(tokens[index + 1])
                if not _md_is_badges(children):
                    docstring = _md_plain(children, breaks="\n").strip() or None
        return FileFacts(symbols=_nest(flat, _count_lines(text)), title=title, docstring=docstring)


# --------------------------------------------------------------------------------------------
# reStructuredText
# --------------------------------------------------------------------------------------------

#: docutils' directive and role registries are module globals that Sphinx fills with its own
#: (``toctree``, ``literalinclude``, ``:ref:``…, which need a Sphinx environment and may read
#: files); the parse swaps in private, empty ones so only docutils' built-ins are found.
_REGISTRY_LOCK = threading.Lock()

_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1*\s*$")
_ROLE_TEXT = re.compile(
    r"^(?::(?P<pre>[\w.+:-]+):)?`(?P<body>.*)`(?::(?P<post>[\w.+:-]+):)?$", re.DOTALL
)
_EXPLICIT_TITLE = re.compile(r"^(?P<title>.+?)\s*<(?P<target>.*?)>$", re.DOTALL)


@functools.cache
def _rst_settings_template() -> Any:
    """docutils' defaults for the reST parser, made safe; copied for each document."""
    settings = frontend.get_default_settings(Parser)
    settings.file_insertion_enabled = False  # include, csv-table :file:, raw :file:/:url:
    settings.raw_enabled = False
    settings.report_level = 5  # nothing reported ...
    settings.halt_level = 5  # ... and nothing raised for the document's own errors
    settings._disable_config = True
    settings.input_encoding = "unicode"
    settings.syntax_highlight = "none"  # code blocks: no Pygments run, we only want headings
    return settings


@contextlib.contextmanager
def _private_registries() -> Iterator[None]:
    """Swap docutils' directive and role registries for fresh ones during one parse.

    Fresh each time, so a document's own ``.. role::`` or ``.. default-role::`` neither
    leaks into the next document nor into Sphinx.  Only valid outside Sphinx's reading phase
    (the scan runs at ``builder-inited``), when ``directives.directive`` is docutils' own.
    """
    with _REGISTRY_LOCK:
        saved = directives._directives, roles._roles
        directives._directives, roles._roles = {}, {}
        try:
            yield
        finally:
            directives._directives, roles._roles = saved


def _role_display(raw: str) -> str:
    """What Sphinx would show for an interpreted text it does not know here (``:ref:`a <b>```
    shows ``a``, ``:class:`~a.B``` shows ``B``); anything else is returned unchanged."""
    match = _ROLE_TEXT.match(raw)
    if match is None or not (match["pre"] or match["post"]):
        return raw
    body = match["body"]
    explicit = _EXPLICIT_TITLE.match(body)
    if explicit is not None:
        return explicit["title"]
    body = body.removeprefix("!")
    if body.startswith("~"):
        body = body[1:].rpartition(".")[2]
    return body


def _rst_plain(node: nodes.Node) -> str:
    """``astext()``, except that unknown roles show their text instead of their markup and
    system messages are left out."""
    if isinstance(node, nodes.system_message):
        return ""
    if isinstance(node, nodes.problematic):
        return _role_display(node.astext())
    if isinstance(node, nodes.Text):
        return node.astext()
    return "".join(_rst_plain(child) for child in node.children)


def _rst_is_badges(paragraph: nodes.paragraph) -> bool:
    """True for a paragraph of substitution references (``|build| |coverage|``) or images."""

    def wordy(node: nodes.Node) -> bool:
        if isinstance(node, nodes.substitution_reference | nodes.image | nodes.system_message):
            return False
        if isinstance(node, nodes.Text):
            return bool(_WORDY.search(node.astext()))
        return any(wordy(child) for child in node.children)

    return not wordy(paragraph)


def _rst_title_lines(title: nodes.title, lines: Sequence[str]) -> tuple[int, int]:
    """The title text's line and the heading's first line (its overline, if any), 1-based.

    docutils sets ``title.line`` to the line after the title text (the underline); check it
    against the source and look around if an edge case moved it.
    """
    want = title.rawsource.strip()
    guess = (title.line or 1) - 1
    text_line = guess
    for candidate in (guess, guess - 1, guess + 1, guess - 2, guess + 2):
        if 1 <= candidate <= len(lines) and lines[candidate - 1].strip() == want:
            text_line = candidate
            break
    text_line = max(1, min(text_line, max(len(lines), 1)))
    first_line = text_line
    if 2 <= text_line < len(lines):
        above, below = lines[text_line - 2].rstrip(), lines[text_line].rstrip()
        if _ADORNMENT.match(above) and _ADORNMENT.match(below) and above[0] == below[0]:
            first_line = text_line - 1
    return text_line, first_line


def _rst_sections(node: nodes.Element, depth: int) -> Iterator[tuple[int, nodes.section]]:
    for child in node.children:
        if isinstance(child, nodes.section):
            yield depth, child
            yield from _rst_sections(child, depth + 1)


def _rst_first_paragraph(document: nodes.document) -> nodes.paragraph | None:
    """The first paragraph directly in the document or a section (not in a list, quote,
    table, admonition or system message) that is not a row of badges."""

    def search(node: nodes.Element) -> nodes.paragraph | None:
        for child in node.children:
            if isinstance(child, nodes.paragraph) and not _rst_is_badges(child):
                return child
            if isinstance(child, nodes.section):
                found = search(child)
                if found is not None:
                    return found
        return None

    return search(document)


class RstExtractor:
    """Sections as nested headings; title is the first section's, docstring the first
    paragraph's text."""

    languages = frozenset({Language.RST})

    def extract(self, path: str, text: str) -> FileFacts:
        try:
            document = self._parse(path, text)
            return self._facts(document, text)
        except Exception as exc:
            line = getattr(exc, "line", None)
            return FileFacts(
                parsed=False,
                diagnostics=(
                    Diagnostic(
                        "syntax",
                        f"cannot parse reStructuredText: {exc}",
                        path,
                        line if isinstance(line, int) else None,
                    ),
                ),
            )

    def _parse(self, path: str, text: str) -> nodes.document:
        settings = copy.copy(_rst_settings_template())
        settings.warning_stream = io.StringIO()
        with _private_registries(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = utils.new_document(path, settings)
            Parser().parse(text.removeprefix("\ufeff"), document)
        return document

    def _facts(self, document: nodes.document, text: str) -> FileFacts:
        lines = text.removeprefix("\ufeff").splitlines()
        flat: list[_Heading] = []
        for depth, section in _rst_sections(document, 1):
            title = section.children[0] if section.children else None
            if not isinstance(title, nodes.title):
                continue
            name = _one_line(_rst_plain(title))
            if not name:
                continue
            line, first_line = _rst_title_lines(title, lines)
            flat.append(_Heading(name, depth, line, first_line))
        paragraph = _rst_first_paragraph(document)
        docstring = (_rst_plain(paragraph).strip() or None) if paragraph is not None else None
        return FileFacts(
            symbols=_nest(flat, len(lines)),
            title=flat[0].name if flat else None,
            docstring=docstring,
        )
