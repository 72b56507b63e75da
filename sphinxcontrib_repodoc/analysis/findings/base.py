"""The rule protocol, the registry, and the runner called once per file during the scan.

A rule is a small function registered with :func:`rule`: it receives a :class:`Source` (the
file's text, its extracted symbols and imports, and — parsed lazily, at most once per file —
its Python syntax tree or its C-family code without comments and strings) and yields
:class:`Hit` objects (a line, and optionally a name). The runner groups the hits of one rule
into one :class:`~sphinxcontrib_repodoc.model.Finding` with every evidence line.

Adding a rule is adding one decorated function to a module of this package (or a new module
imported by ``__init__``). A rule that raises is reported once for that file (a ``finding``
diagnostic naming the rule) and the other rules still run.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from ...model import Diagnostic, Finding, Language

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from ...model import Import, Symbol

__all__ = [
    "CATEGORIES",
    "C_FAMILY",
    "RULES",
    "Hit",
    "Rule",
    "Source",
    "rule",
    "run",
    "select",
]

CATEGORIES = ("security", "performance", "patterns")
C_FAMILY = frozenset({Language.C, Language.CPP, Language.CUDA, Language.OBJCPP})
PYTHON = frozenset({Language.PYTHON})


class Hit(NamedTuple):
    """One piece of evidence: a line, and the name involved when there is one."""

    line: int
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    explanation: str  #: one line, shown on the page and in the documentation
    languages: frozenset[Language] | None  #: None: every text file
    detect: Callable[[Source], Iterable[Hit]]
    #: the rule runs only on a text holding, for every group, one of its strings (fast
    #: substring tests, so most files are never parsed again); empty: no such test
    words: tuple[tuple[str, ...], ...] = ()
    #: regexes the text must then all match; empty: none
    prefilter: tuple[re.Pattern[str], ...] = ()

    def applies(self, source: Source) -> bool:
        if self.languages is not None and source.language not in self.languages:
            return False
        text = source.text
        for group in self.words:
            if not any(w in text for w in group):
                return False
        return all(p.search(text) is not None for p in self.prefilter)


RULES: dict[str, Rule] = {}
"""Every rule by id, in registration order (the documentation's rule list is generated from it)."""


def rule(
    id: str,
    category: str,
    explanation: str,
    languages: frozenset[Language] | None,
    words: tuple[str, ...] | tuple[tuple[str, ...], ...] = (),
    prefilter: str | tuple[str, ...] = (),
) -> Callable[[Callable[[Source], Iterable[Hit]]], Callable[[Source], Iterable[Hit]]]:
    """Register the decorated detector as rule ``id``."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown finding category {category!r}")

    def register(func: Callable[[Source], Iterable[Hit]]) -> Callable[[Source], Iterable[Hit]]:
        if id in RULES:
            raise ValueError(f"finding rule {id!r} registered twice")
        written = (prefilter,) if isinstance(prefilter, str) else prefilter
        patterns = tuple(re.compile(p, re.MULTILINE) for p in written)
        groups = (words,) if words and isinstance(words[0], str) else words
        RULES[id] = Rule(id, category, explanation, languages, func, groups, patterns)  # type: ignore[arg-type]
        return func

    return register


def select(settings: Sequence[tuple[str, bool]]) -> tuple[tuple[Rule, ...], list[Diagnostic]]:
    """The enabled rules for ``repodoc_findings`` settings (id wins over category)."""
    by_key = dict(settings)
    problems = [
        Diagnostic(
            "config",
            f"unknown rule or category {key!r} (ignored)",
            "repodoc_findings",
        )
        for key in by_key
        if key not in RULES and key not in CATEGORIES
    ]
    chosen = tuple(
        r for r in RULES.values() if by_key.get(r.id, by_key.get(r.category, True)) is not False
    )
    return chosen, problems


def run(
    path: str,
    language: Language,
    text: str,
    symbols: Sequence[Symbol],
    imports: Sequence[Import],
    rules: Iterable[Rule],
    tree: ast.Module | None = None,
) -> tuple[tuple[Finding, ...], list[Diagnostic]]:
    """Every enabled rule on one file; never raises. ``tree``: the Python syntax tree when
    the extractor already parsed it (the rules then do not parse again)."""
    source = Source(path, language, text, tuple(symbols), tuple(imports))
    if tree is not None:
        source.__dict__["tree"] = tree  # fills the cached property
    findings: list[Finding] = []
    problems: list[Diagnostic] = []
    for r in rules:
        try:
            if not r.applies(source):
                continue
            hits = sorted(set(r.detect(source)), key=lambda h: (h.line, h.detail or ""))
        except Exception as exc:  # a detector bug must not take the page down
            message = f"finding rule {r.id!r} failed: {type(exc).__name__}: {exc}"
            problems.append(Diagnostic("finding", message, path, 1))
            continue
        if hits:
            findings.append(make_finding(r, hits))
    return tuple(findings), problems


def make_finding(r: Rule, hits: Sequence[Hit]) -> Finding:
    lines = tuple(sorted({h.line for h in hits}))
    details = tuple(dict.fromkeys(h.detail for h in hits if h.detail))
    return Finding(r.id, r.category, r.explanation, lines, details)


# -- what detectors see -----------------------------------------------------------------------


class Source:
    """One file as the detectors see it; the expensive views are computed once, on demand."""

    def __init__(
        self,
        path: str,
        language: Language,
        text: str,
        symbols: tuple[Symbol, ...] = (),
        imports: tuple[Import, ...] = (),
    ) -> None:
        self.path = path
        self.language = language
        self.text = text
        self.symbols = symbols
        self.imports = imports

    @cached_property
    def tree(self) -> ast.Module | None:
        """The Python syntax tree (None when the file does not parse)."""
        try:
            return ast.parse(self.text, self.path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None  # pathological nesting: the extractor already said so

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Local name → the dotted name it was imported as (``pk`` → ``pickle``)."""
        out: dict[str, str] = {}
        for imp in self.imports:
            module = imp.module
            if imp.names:
                for n in imp.names:
                    out[n.alias or n.name] = f"{module}.{n.name}" if module else n.name
            elif imp.alias:
                out[imp.alias] = module
            else:
                top = module.partition(".")[0]
                out.setdefault(top, top)
        return out

    def canonical(self, node: ast.AST) -> str | None:
        """``np.load`` → ``numpy.load`` for a name / attribute chain, through the imports."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(self.aliases.get(node.id, node.id))
        return ".".join(reversed(parts))

    @cached_property
    def nodes(self) -> list[ast.AST]:
        """Every node of the syntax tree (one walk per file, shared by the rules)."""
        return [] if self.tree is None else all_nodes(self.tree)

    @cached_property
    def calls(self) -> list[tuple[str, ast.Call]]:
        """Every call of the file with the canonical name of what it calls."""
        out = []
        for node in self.nodes:
            if isinstance(node, ast.Call):
                name = self.canonical(node.func)
                if name is not None:
                    out.append((name, node))
        return out

    def decorated(self) -> Iterator[tuple[str, ast.expr]]:
        """(canonical decorator name, the decorator) of every decorator of the file."""
        for node in self.nodes:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                for dec in node.decorator_list:
                    target = dec.func if isinstance(dec, ast.Call) else dec
                    name = self.canonical(target)
                    if name is not None:
                        yield name, dec

    @cached_property
    def code(self) -> str:
        """C-family text with comments, string and character literals blanked (lines kept)."""
        return strip_c_comments_and_strings(self.text)

    def line_of(self, offset: int, text: str | None = None) -> int:
        return (self.text if text is None else text).count("\n", 0, offset) + 1

    def code_hits(self, pattern: re.Pattern[str], group: int | None = None) -> Iterator[Hit]:
        """Matches of ``pattern`` in :attr:`code`, as hits (with ``group`` as the detail)."""
        code = self.code
        for match in pattern.finditer(code):
            detail = match.group(group) if group is not None else None
            yield Hit(code.count("\n", 0, match.start()) + 1, detail)


def all_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node under ``tree``, breadth first like :func:`ast.walk`, at a fraction of its
    cost: no generator per node, and fields read directly."""
    out = [tree]
    append = out.append
    node_type = ast.AST
    i = 0
    while i < len(out):
        node = out[i]
        i += 1
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_type):
                        append(item)
            elif isinstance(value, node_type):
                append(value)
    return out


def strip_c_comments_and_strings(text: str) -> str:
    """Blank ``//`` and ``/* */`` comments, ``"..."`` / ``'...'`` / ``R"(...)"`` literals.

    Every character removed becomes a space (newlines stay), so offsets and line numbers of
    what remains are those of the original text. ``1'000`` digit separators are kept.
    """
    out = list(text)
    i, n = 0, len(text)

    def blank(start: int, end: int) -> None:
        for k in range(start, min(end, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if c == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            blank(i, end)
            i = end
        elif c == '"' and i > 0 and text[i - 1] == "R" and (i < 2 or not text[i - 2].isalnum()):
            open_paren = text.find("(", i)
            delim = text[i + 1 : open_paren] if open_paren >= 0 else ""
            end = text.find(")" + delim + '"', open_paren) if open_paren >= 0 else -1
            end = n if end < 0 else end + len(delim) + 2
            blank(i + 1, end - 1)
            i = end
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum() and _in_number(text, i):
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, j)
            i = j + 1
        else:
            i += 1
    return "".join(out)


def _in_number(text: str, i: int) -> bool:
    """Whether the quote at ``i`` is a C++14 digit separator (``1'000``)."""
    j = i - 1
    while j >= 0 and (text[j].isalnum() or text[j] == "'"):
        j -= 1
    return text[j + 1].isdigit()
