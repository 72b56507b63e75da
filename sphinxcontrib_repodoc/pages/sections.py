"""The content of every page section, as plain data computed from the model.

Each function returns exactly what its section shows (or ``None`` when it has nothing true to
say, and then the section renders nothing). The Sphinx glue only turns this data into nodes,
and a page's fingerprint is the hash of its sections' data, so a page is re-read exactly when
what it shows changes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.reexports import defined_as
from ..model import Kind, Language, Origin, Purpose, Symbol, first_paragraph
from .diagrams import neighbourhood, subfolders
from .insights import FILE_INSIGHTS, FOLDER_INSIGHTS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..model import Diagnostic, Folder, Repository, SourceFile


KIND_LABELS = {
    Kind.MODULE: "module",
    Kind.CLASS: "class",
    Kind.FUNCTION: "function",
    Kind.METHOD: "method",
    Kind.PROPERTY: "property",
    Kind.ATTRIBUTE: "attribute",
    Kind.DATA: "data",
    Kind.HEADING: "heading",
    Kind.NAMESPACE: "namespace",
    Kind.MACRO: "macro",
    Kind.TYPE: "type",
}

_RESERVED_ID = re.compile(r"^(L-\d+|repodoc-.*|outline-.*)$")
_ROLE = re.compile(r":(?:[\w-]+:)*[\w-]+:`([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def plain_text(text: str | None) -> str | None:
    """A one-line docstring summary without reST markup, for outlines and tables.

    ``:class:`~a.B``` reads ``B``, ``:func:`title <target>``` reads ``title``, ````x```` reads
    ``x``: what a reader of the rendered docstring would see.
    """
    if text is None:
        return None

    def role(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner.endswith(">") and " <" in inner:
            return inner[: inner.rindex(" <")]
        inner = inner.lstrip("!")
        if inner.startswith("~"):
            return inner.rpartition(".")[2]
        return inner.lstrip(".") or inner  # ``..pages.sections`` (relative) reads pages.sections

    return _LITERAL.sub(r"\1", _ROLE.sub(role, text))


def line_anchor(line: int) -> str:
    """The id Pygments gives a listing line (``lineanchors="L"``)."""
    return f"L-{line}"


def outline_anchor(anchor: str) -> str:
    """The id of a symbol's outline entry (the symbol's own id is on its listing line)."""
    return f"outline-{anchor}"


def symbol_anchors(source: SourceFile) -> dict[tuple[str, int], str]:
    """An HTML id for the first definition of every qualname: readable and unique in the page.

    It marks the definition's line in the listing, so a ``repo`` role lands on the code.

    Later definitions of the same name (a property setter, an ``@overload``) share the object
    of the first, so they get no id.
    """
    taken: set[str] = set()
    out: dict[tuple[str, int], str] = {}
    seen: set[str] = set()
    for sym in source.all_symbols():
        if sym.qualname in seen:
            continue
        seen.add(sym.qualname)
        base = re.sub(r"\s+", "-", sym.qualname.strip()) or "symbol"
        base = re.sub(r"[^\w.:\-]", "", base) or "symbol"
        anchor = base if not _RESERVED_ID.match(base) else f"s-{base}"
        n = 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        out[sym.qualname, sym.line] = anchor
    return out


# -- file pages -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Metadata:
    path: str
    language: str
    size: int
    lines: int
    purpose: str
    purpose_reason: str
    module: str | None
    folder: str
    counts: tuple[tuple[str, int], ...]  #: ("class", 3), ("test case", 12) …
    skipped: str | None
    problem: str | None  #: why the file could not be parsed, with its line


@dataclass(frozen=True, slots=True)
class Summary:
    text: str
    rst: bool  #: a Python docstring (markup per repodoc_docstring_format) or plain text
    line: int


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    kind: str
    name: str
    qualname: str
    signature: str | None
    summary: str | None
    line: int
    end_line: int
    labels: tuple[str, ...]
    is_test: bool
    anchor: str | None
    children: tuple[OutlineEntry, ...]
    aliases: tuple[str, ...] = ()  #: re-exported names (``pkg.Linear``)
    used_in: tuple[tuple[str, int, int], ...] = ()  #: (path, first line, count), by path
    more_used: int = 0  #: files using it beyond those listed
    #: C-family: (path, anchor) of the same name's definitions (for a declaration) or
    #: declarations (for a definition) in other files
    counterparts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Dependency:
    module: str
    target: str | None
    names: tuple[str, ...]
    lines: tuple[int, ...]
    type_checking: bool


@dataclass(frozen=True, slots=True)
class Dependencies:
    local: tuple[Dependency, ...]
    stdlib: tuple[Dependency, ...]
    third_party: tuple[Dependency, ...]
    unresolved: tuple[Dependency, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    path: str
    lexer: str
    sha256: str
    skipped: str | None
    lines: int
    #: names in the listing that are links: (line, or 0 for every line; name; target file;
    #: anchor in the target's overview page: a symbol's id, ``L-12``, or "" for the page)
    links: tuple[tuple[int, str, str, str], ...] = ()
    #: (line, symbol id): the definitions that the ``repo`` domain's targets point at
    anchors: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Keyword:
    name: str
    kind: str
    qualname: str
    line: int
    detail: str | None  #: imported-from module, or the symbol's labels


@dataclass(frozen=True, slots=True)
class RelatedFile:
    path: str
    language: str
    summary: str | None
    reason: str


def metadata(repo: Repository, source: SourceFile) -> Metadata:
    counts: Counter[str] = Counter()
    tests = 0
    for sym in source.all_symbols():
        counts[KIND_LABELS[sym.kind]] += 1
        tests += sym.is_test
    ordered = [(k, counts[k]) for k in KIND_LABELS.values() if counts[k]]
    if tests:
        ordered.append(("test case", tests))
    problem = _problem(repo, source)
    return Metadata(
        path=source.path,
        language=source.language.label,
        size=source.size,
        lines=source.lines,
        purpose=source.purpose.value,
        purpose_reason=source.purpose_reason,
        module=source.module,
        folder=source.folder,
        counts=tuple(ordered),
        skipped=source.skipped,
        problem=problem,
    )


def _problem(repo: Repository, source: SourceFile) -> str | None:
    if source.parsed:
        return None
    for diag in diagnostics_for(repo, source.path):
        if diag.subtype in ("syntax", "scan"):
            return f"line {diag.line}: {diag.message}" if diag.line else diag.message
    return "could not be parsed"


def diagnostics_for(repo: Repository, path: str) -> list[Diagnostic]:
    return [d for d in repo.diagnostics if d.path == path]


def summary(repo: Repository, source: SourceFile) -> Summary | None:
    if source.docstring:
        if source.language is Language.PYTHON:
            return Summary(source.docstring, rst=True, line=1)
        return Summary(source.docstring, rst=False, line=1)
    if source.title:
        return Summary(source.title, rst=False, line=1)
    return None


def outline(repo: Repository, source: SourceFile) -> tuple[OutlineEntry, ...] | None:
    if not source.symbols:
        return None
    anchors = symbol_anchors(source)

    def entry(sym: Symbol) -> OutlineEntry:
        anchor = anchors.get((sym.qualname, sym.line))
        full = f"{source.path}::{sym.qualname}"
        used = [(u.path, u.line, u.count) for u in repo.usages_of(full)] if anchor else []
        return OutlineEntry(
            kind=KIND_LABELS[sym.kind],
            name=sym.name,
            qualname=sym.qualname,
            signature=sym.signature,
            summary=plain_text(sym.summary),
            line=sym.line,
            end_line=sym.end_line,
            labels=sym.labels,
            is_test=sym.is_test,
            anchor=anchor,
            children=tuple(entry(c) for c in sym.children),
            aliases=repo.aliases_of(full) if anchor else (),
            used_in=used[:MAX_USED_IN],
            more_used=max(0, len(used) - MAX_USED_IN),
            counterparts=_counterparts(repo, sym),
        )

    return tuple(entry(s) for s in source.symbols)


def _counterparts(repo: Repository, sym: Symbol) -> tuple[tuple[str, str], ...]:
    """(path, anchor) of each file declaring or defining ``sym`` elsewhere (C-family)."""
    out = []
    for path in sym.counterparts:
        other = repo.file(path)
        if other is None:
            continue
        anchors = symbol_anchors(other)
        anchor = next((a for (q, _), a in anchors.items() if q == sym.qualname), "")
        out.append((path, anchor))
    return tuple(out)


MAX_USED_IN = 8
MAX_EXAMPLES = 5
#: where usage examples come from, most telling first
EXAMPLE_PURPOSES = (Purpose.EXAMPLE, Purpose.TEST, Purpose.DOCS, Purpose.BENCHMARK)


@dataclass(frozen=True, slots=True)
class Example:
    qualname: str  #: the symbol of this file that the example uses
    anchor: str | None
    path: str  #: the file the example is in
    line: int
    text: str


def examples(repo: Repository, source: SourceFile) -> tuple[Example, ...] | None:
    """A few real uses of this file's symbols in tests, examples and docs: one per symbol first."""
    anchors = symbol_anchors(source)
    found: list[tuple[int, int, Example]] = []
    for sym in source.all_symbols():
        anchor = anchors.get((sym.qualname, sym.line))
        if anchor is None or sym.name.startswith("_"):
            continue
        for usage in repo.usages_of(f"{source.path}::{sym.qualname}"):
            user = repo.file(usage.path)
            if user is None or user.purpose not in EXAMPLE_PURPOSES:
                continue
            rank = EXAMPLE_PURPOSES.index(user.purpose)
            example = Example(sym.qualname, anchor, usage.path, usage.line, usage.text)
            found.append((rank, len(found), example))
    if not found:
        return None
    found.sort(key=lambda t: (t[0], t[1]))
    chosen: list[Example] = []
    seen: set[str] = set()
    for _, _, example in found:  # one example per symbol first, then more of the same
        if example.qualname not in seen:
            seen.add(example.qualname)
            chosen.append(example)
    for _, _, example in found:
        if example not in chosen:
            chosen.append(example)
    return tuple(chosen[:MAX_EXAMPLES])


def dependencies(repo: Repository, source: SourceFile) -> Dependencies | None:
    if not source.imports:
        return None
    groups: dict[Origin, dict[str, list]] = defaultdict(dict)
    for imp in source.imports:
        origin = imp.origin or Origin.THIRD_PARTY
        key = (
            imp.module
            if imp.level == 0 or origin is not Origin.UNRESOLVED
            else ("." * imp.level + imp.module)
        )
        slot = groups[origin].setdefault(key, [imp.target, set(), set(), True])
        slot[1].update(n.name for n in imp.names)
        slot[2].add(imp.line)
        slot[3] = slot[3] and imp.type_checking

    def deps(origin: Origin) -> tuple[Dependency, ...]:
        return tuple(
            Dependency(module, target, tuple(sorted(names)), tuple(sorted(lines)), tc)
            for module, (target, names, lines, tc) in sorted(groups[origin].items())
        )

    return Dependencies(
        local=deps(Origin.LOCAL),
        stdlib=deps(Origin.STDLIB),
        third_party=deps(Origin.THIRD_PARTY),
        unresolved=deps(Origin.UNRESOLVED),
    )


def listing(repo: Repository, source: SourceFile) -> Listing:
    return Listing(
        source.path,
        source.lexer,
        source.sha256,
        source.skipped,
        source.lines,
        listing_links(repo, source),
        tuple(sorted((line, anchor) for (_, line), anchor in symbol_anchors(source).items())),
    )


def listing_links(repo: Repository, source: SourceFile) -> tuple[tuple[int, str, str, str], ...]:
    """Which names of a listing link where: cheap, from the model, no type inference.

    A definition's name links to its outline entry; the file's own top-level names and the
    names its imports bind link to their definition line wherever they appear; the module
    named by an import statement links to that file's page on the import's line.
    """
    links: dict[tuple[int, str], tuple[str, str]] = {}
    anchors = symbol_anchors(source)
    for sym in source.all_symbols():
        anchor = anchors.get((sym.qualname, sym.line))
        # ``self.x = x``: the line names x twice, only one is the definition
        if anchor and sym.kind is not Kind.HEADING and "instance" not in sym.labels:
            links[sym.line, sym.name] = (source.path, outline_anchor(anchor))
    for name, line in _scope_names(source):
        links.setdefault((0, name), (source.path, line_anchor(line)))
    for imp in source.imports:
        target = repo.file(imp.target) if imp.origin is Origin.LOCAL and imp.target else None
        if target is None:
            continue
        if imp.module[:1] in ('"', "<"):  # ``"x.h"``: the include's one token, as written
            links[imp.line, imp.module] = (target.path, "")
        else:  # ``pkg.mod``: its last name
            links[imp.line, imp.module.rpartition(".")[2]] = (target.path, "")
        if not imp.names and source.language is not Language.PYTHON:
            # an include (or a Go/Rust/JS import of a whole module) brings its names in
            for name, line in _scope_names(target):
                links.setdefault((0, name), (target.path, line_anchor(line)))
        if imp.alias:
            links[imp.line, imp.alias] = (imp.target, "")
            links.setdefault((0, imp.alias), (imp.target, ""))
        for name in imp.names:
            if name.name == "*":
                continue
            where = _definition(repo, imp.target, name.name)
            links[imp.line, name.name] = where
            links.setdefault((0, name.alias or name.name), where)
    return tuple(sorted((line, name, *where) for (line, name), where in links.items()))


#: kinds whose names stand alone in code (a method or attribute needs its object: not linked)
_SCOPE_KINDS = frozenset({Kind.CLASS, Kind.FUNCTION, Kind.DATA, Kind.MACRO, Kind.TYPE})


def _scope_names(source: SourceFile) -> list[tuple[str, int]]:
    """Names a file defines at module or namespace level, with their first line."""
    out: list[tuple[str, int]] = []

    def visit(symbols: tuple[Symbol, ...]) -> None:
        for sym in symbols:
            if sym.kind in _SCOPE_KINDS:
                out.append((sym.name, sym.line))
            elif sym.kind is Kind.NAMESPACE:
                visit(sym.children)

    visit(source.symbols)
    return out


def _definition(repo: Repository, path: str, name: str) -> tuple[str, str]:
    """Where ``name`` imported from the file ``path`` is defined (following re-exports)."""
    full = defined_as(repo.file(path), name, repo.reexport)
    if full is not None:
        where, _, qual = full.partition("::")
        defined = repo.file(where)
        for sym in defined.all_symbols() if defined else ():
            if sym.qualname == qual:
                return where, line_anchor(sym.line)
    return path, ""


def keywords(repo: Repository, source: SourceFile) -> tuple[Keyword, ...] | None:
    out = [
        Keyword(
            sym.name,
            "test" if sym.is_test else KIND_LABELS[sym.kind],
            sym.qualname,
            sym.line,
            ", ".join(sym.labels) or None,
        )
        for sym in source.all_symbols()
    ]
    for imp in source.imports:
        if imp.names:
            for n in imp.names:
                if n.name != "*":
                    out.append(Keyword(n.alias or n.name, "import", n.name, imp.line, imp.module))
        else:
            name = imp.alias or imp.module
            out.append(Keyword(name, "import", imp.module, imp.line, imp.target))
    if not out:
        return None
    return tuple(sorted(out, key=lambda k: (k.name.casefold(), k.name, k.qualname, k.line)))


def _related(
    repo: Repository, paths: Iterable[str], reason: Callable[[str], str]
) -> tuple[RelatedFile, ...] | None:
    out = []
    for path in sorted(set(paths)):
        other = repo.file(path)
        if other is not None:
            out.append(RelatedFile(path, other.language.label, other.summary, reason(path)))
    return tuple(out) or None


def imports(repo: Repository, source: SourceFile) -> tuple[RelatedFile, ...] | None:
    names: dict[str, set[str]] = defaultdict(set)
    for imp in source.imports:
        if imp.origin is Origin.LOCAL and imp.target and imp.target != source.path:
            names[imp.target].update(n.name for n in imp.names)
    return _related(repo, names, lambda p: _names_reason(names[p]))


def _names_reason(names: set[str]) -> str:
    return "imports " + ", ".join(sorted(names)) if names else "imports the module"


def importers(repo: Repository, source: SourceFile) -> tuple[RelatedFile, ...] | None:
    return _related(repo, source.imported_by, lambda p: _importer_verb(repo, p) + " this file")


#: How a file of each language uses another (default: imports).
_IMPORT_VERBS = {
    **dict.fromkeys(
        (Language.C, Language.CPP, Language.CUDA, Language.OBJCPP, Language.METAL), "includes"
    ),
    Language.SHELL: "sources",
}


def _importer_verb(repo: Repository, path: str) -> str:
    other = repo.file(path)
    return _IMPORT_VERBS.get(other.language, "imports") if other is not None else "imports"


MAX_NEIGHBOURS = 40


@dataclass(frozen=True, slots=True)
class Neighbours:
    folder: str
    files: tuple[RelatedFile, ...]
    more: int  #: files of the folder left out to keep the page small


def neighbours(repo: Repository, source: SourceFile) -> Neighbours | None:
    """The other files of the folder; in a huge folder, the nearest ones in name order."""
    folder = repo.folder(source.folder)
    if folder is None or len(folder.files) < 2:
        return None
    others = [p for p in folder.files if p != source.path]
    if len(others) > MAX_NEIGHBOURS:
        at = folder.files.index(source.path)
        start = max(0, min(at - MAX_NEIGHBOURS // 2, len(others) - MAX_NEIGHBOURS))
        others = others[start : start + MAX_NEIGHBOURS]
    files = _related(repo, others, lambda p: "same folder") or ()
    return Neighbours(folder.path, files, len(folder.files) - 1 - len(files))


# -- folder pages -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FolderSummary:
    path: str
    summary: str | None
    summary_source: str | None
    total_files: int
    total_lines: int
    languages: tuple[tuple[str, int, int], ...]  #: (language, files, lines), most lines first


@dataclass(frozen=True, slots=True)
class FolderRow:
    path: str
    name: str
    files: int
    lines: int
    summary: str | None


@dataclass(frozen=True, slots=True)
class FileRow:
    path: str
    name: str
    language: str
    lines: int
    purpose: str
    summary: str | None


@dataclass(frozen=True, slots=True)
class Contents:
    folders: tuple[FolderRow, ...]
    files: tuple[FileRow, ...]


def folder_summary(repo: Repository, folder: Folder) -> FolderSummary:
    return FolderSummary(
        folder.path,
        folder.summary,
        folder.summary_source,
        folder.total_files,
        folder.total_lines,
        folder.languages,
    )


def contents(repo: Repository, folder: Folder) -> Contents | None:
    rows = []
    for path in folder.folders:
        sub = repo.folder(path)
        if sub is not None:
            rows.append(FolderRow(path, sub.name, sub.total_files, sub.total_lines, sub.summary))
    files = []
    for path in folder.files:
        f = repo.file(path)
        if f is not None:
            files.append(
                FileRow(path, f.name, f.language.label, f.lines, f.purpose.value, f.summary)
            )
    if not rows and not files:
        return None
    return Contents(tuple(rows), tuple(files))


def one_line(text: str | None, limit: int = 160) -> str | None:
    """Shorten a summary for tables."""
    line = plain_text(first_paragraph(text))
    if line is None:
        return None
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def toctree(repo: Repository, folder: Folder, max_files: int) -> tuple[tuple[str, str], ...] | None:
    """(kind, path) entries of a folder page's toctree: subfolders, then files while the
    repository is small enough for file pages to stay in the global toctree."""
    entries = [("folders", p) for p in folder.folders]
    if len(repo.files) <= max_files:
        entries.extend(("files", p) for p in folder.files)
    return tuple(entries) or None


def landing(repo: Repository, folder_path: str) -> list[object] | None:
    """What a ``repodoc`` landing shows (for its fingerprint)."""
    folder = repo.folder(folder_path)
    if folder is None:
        return None
    return [folder_summary(repo, folder), contents(repo, folder)]


FILE_SECTIONS: dict[str, Callable[[Repository, SourceFile], object]] = {
    "metadata": metadata,
    "navigation": lambda repo, source: source.path,
    "summary": summary,
    "outline": outline,
    "dependencies": dependencies,
    "listing": listing,
    "keywords": keywords,
    "imports": imports,
    "importers": importers,
    "neighbours": neighbours,
    **FILE_INSIGHTS,
    "diagram": neighbourhood,
    "examples": examples,
}
"""Sections that show one file: the same set serves the overview, keyword and related pages."""

FOLDER_SECTIONS: dict[str, Callable[..., object]] = {
    "folder-summary": folder_summary,
    "contents": contents,
    "toctree": toctree,
    **FOLDER_INSIGHTS,
    "folder-diagram": subfolders,
    "folder-navigation": lambda repo, folder: folder.path,
}
