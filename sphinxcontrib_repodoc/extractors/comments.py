"""The leading comment of a source file, as its summary (license headers skipped)."""

from __future__ import annotations

import re

__all__ = ["is_license", "leading_comment"]

_LICENSE = re.compile(
    r"copyright|\bspdx-license-identifier\b|\blicen[cs]e[sd]?\b|all rights reserved"
    r"|permission is hereby granted|without warranties|\bwarranty\b",
    re.IGNORECASE,
)
#: Lines that may come before the leading comment without ending the search.
_PREAMBLE = re.compile(
    r"^\s*(?:#!.*|#\s*pragma\s+once\b.*|#\s*ifndef\s+\w+\s*|#\s*define\s+\w+_(?:H|HPP|H_|HPP_|INCLUDED|INCLUDED_)\s*"
    r"|#\s*-\*-.*-\*-\s*|[-*=#/]{3,}\s*)$",
)
_C_LINE = re.compile(r"^\s*//[/!]?\s?(.*)$")
_HASH_LINE = re.compile(r"^\s*#+(?![!])\s?(.*)$")
#: A line of only punctuation: a box-drawing rule of a comment banner.
_RULE = re.compile(r"^[\s\-=*#/_~+]*$")


def is_license(paragraph: str) -> bool:
    """Whether a comment paragraph is (part of) a copyright or license notice."""
    return bool(_LICENSE.search(paragraph))


def _blocks_c(lines: list[str]) -> list[list[str]]:
    """Comment blocks (a run of ``//`` lines, or one ``/* */``) before the first code line."""
    blocks: list[list[str]] = []
    i = 0
    current: list[str] | None = None
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            current = None
            i += 1
            continue
        m = _C_LINE.match(line)
        if m:
            if current is None:
                current = []
                blocks.append(current)
            current.append(m.group(1))
            i += 1
            continue
        if stripped.startswith("/*"):
            body: list[str] = []
            rest = stripped[2:].lstrip("*!")
            while True:
                end = rest.find("*/")
                if end >= 0:
                    body.append(rest[:end])
                    break
                body.append(rest)
                i += 1
                if i >= len(lines):
                    break
                rest = lines[i]
            blocks.append([re.sub(r"^\s*\*+ ?", "", b) for b in body])
            current = None
            i += 1
            continue
        if _PREAMBLE.match(line):
            current = None
            i += 1
            continue
        break
    return blocks


def _blocks_hash(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            current = None
            continue
        if index == 0 and stripped.startswith("#!"):
            continue
        m = _HASH_LINE.match(line)
        if m and not re.match(r"^\s*#\s*-\*-.*-\*-\s*$", line):
            if current is None:
                current = []
                blocks.append(current)
            current.append(m.group(1))
            continue
        if re.match(r"^\s*#\s*-\*-", line):
            continue
        break
    return blocks


def leading_comment(text: str, style: str, max_lines: int = 400) -> str | None:
    """The first comment block of ``text`` that is not only a license, cleaned; or None.

    ``style`` is ``c`` (``//`` and ``/* */``) or ``hash`` (``#``). Paragraphs that are a
    copyright or license notice, and banner rules, are dropped.
    """
    lines = text.lstrip("\ufeff").split("\n", max_lines)[:max_lines]
    blocks = _blocks_c(lines) if style == "c" else _blocks_hash(lines)
    for block in blocks:
        paragraphs: list[list[str]] = [[]]
        for raw in block:
            line = raw.rstrip()
            if _RULE.match(line):
                if paragraphs[-1]:
                    paragraphs.append([])
                continue
            paragraphs[-1].append(line)
        kept = ["\n".join(p).strip() for p in paragraphs if p and not is_license(" ".join(p))]
        kept = [p for p in kept if p]
        if kept:
            return "\n\n".join(_dedent(p) for p in kept)
    return None


def _dedent(paragraph: str) -> str:
    import textwrap

    return textwrap.dedent(paragraph).strip()
