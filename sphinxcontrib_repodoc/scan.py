"""The core pipeline: discover → extract → analyze → :class:`~.model.Repository`.

Runs without Sphinx (the CLI calls it directly); the Sphinx glue calls it once per build.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from .analysis import findings as findings_rules
from .analysis.git import head as git_head
from .analysis.graph import imported_by
from .analysis.includes import ForeignIndex, link_declarations
from .analysis.insights import enrich
from .analysis.purpose import classify
from .analysis.reexports import reexports
from .analysis.resolve import PythonModuleIndex
from .analysis.tests import read_inside
from .analysis.usages import find_uses, usages
from .cache import Entry, ScanCache, settings_key
from .discover import DiscoveredFile, discover, lexer_for, read_text, text_digest
from .extractors import extractor_for
from .extractors.python import PythonExtractor
from .model import (
    Diagnostic,
    FileFacts,
    Folder,
    Language,
    Origin,
    Repository,
    SourceFile,
    evolve,
    first_paragraph,
)

if TYPE_CHECKING:
    import ast
    from pathlib import Path

    from .config import RepodocConfig

#: wraps the per-file loop, e.g. with Sphinx's ``status_iterator``
Progress = Callable[[Iterable[DiscoveredFile], int], Iterable[DiscoveredFile]]

README_NAMES = ("README.md", "README.rst", "README.txt", "README", "readme.md", "Readme.md")


def scan(
    config: RepodocConfig,
    progress: Progress | None = None,
    *,
    jobs: int = 1,
    cache_file: Path | None = None,
) -> Repository:
    """Scan the tree under ``config.root`` into a repository model.

    ``jobs`` > 1 extracts in that many processes; ``cache_file`` keeps per-file facts by
    content between scans, so that only changed files are extracted again.
    """
    with _gc_paused():
        return _scan(config, progress, jobs, cache_file)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while scanning.

    The scan allocates millions of short-lived objects (syntax trees) and a model that only
    grows; none of them form cycles, so reference counting frees them, while the collector's
    passes over the growing model took a fifth of a cold scan and two thirds of loading a
    large facts cache. Whatever cycles do form are collected once the collector is back.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scan(
    config: RepodocConfig,
    progress: Progress | None,
    jobs: int,
    cache_file: Path | None,
) -> Repository:
    found, diagnostics = discover(config)
    rules, rule_problems = findings_rules.select(config.findings)
    diagnostics.extend(rule_problems)
    cache = ScanCache(cache_file, settings_key(config.max_file_bytes, [r.id for r in rules]))
    digests = [_digest(item, config.max_file_bytes) for item in found]
    git = git_head(config.root) if config.git_commits > 0 else None
    model_key = _model_key(cache.key, config, found, digests, diagnostics, git)
    cached = cache.model(model_key)
    if cached is not None:
        return cached
    files: list[SourceFile] = []
    for source, problems in _extract_all(found, digests, config, cache, jobs, progress):
        files.append(source)
        diagnostics.extend(problems)
    diagnostics = _one_grammar_warning_per_language(diagnostics)
    files = _analyze(files, config)
    folders = _folders(files)
    files, folders, components, history, problems = enrich(files, folders, config)
    diagnostics.extend(problems)
    exported = reexports(files)
    repo = Repository(
        name=config.root.name,
        files=tuple(files),
        folders=tuple(folders),
        diagnostics=tuple(diagnostics),
        reexports=tuple(exported.items()),
        usages=usages(files, exported),
        components=components,
        history=history,
        _inputs=model_key,
    )
    # a history that could not be read (git timed out) is not what the key says: not reused
    cache.save(model_key, None if git is not None and history is None else repo)
    return repo


#: files at the root that the analysis reads besides the scanned ones (test runner, scripts)
TOOL_FILES = (
    ("pyproject.toml", Language.TOML),
    ("setup.cfg", Language.INI),
    ("tox.ini", Language.INI),
)


def _model_key(
    settings: str,
    config: RepodocConfig,
    found: list[DiscoveredFile],
    digests: list[str | None],
    diagnostics: list[Diagnostic],
    git: str | None,
) -> str:
    """Everything the analysed model is made from: the extraction settings (our code among
    them), the configuration, every file's content key, what discovery said, the root's tool
    files and the git commit checked out."""
    key = hashlib.sha256(repr((settings, config, diagnostics)).encode())
    for item, digest in zip(found, digests, strict=True):
        key.update(f"{item.path}\0{item.language}\0{item.size}\0{digest}\n".encode())
    for name, language in TOOL_FILES:
        key.update(f"{name}\0{read_inside(config.root, name, language)}\n".encode())
    key.update(f"git\0{git}".encode())
    return key.hexdigest()


#: below this many files to extract, starting processes costs more than it saves
MIN_PARALLEL_FILES = 200
CHUNK = 32


def _extract_all(
    found: list[DiscoveredFile],
    digests: list[str | None],
    config: RepodocConfig,
    cache: ScanCache,
    jobs: int,
    progress: Progress | None,
) -> Iterator[tuple[SourceFile, tuple[Diagnostic, ...]]]:
    """Every file's facts, in discovery order: from the cache, else extracted (in parallel
    when there are many)."""
    cached = [
        cache.get(item.path, digest) if digest else None
        for item, digest in zip(found, digests, strict=True)
    ]
    missing = [item for item, entry in zip(found, cached, strict=True) if entry is None]
    fresh = iter(_extract_missing(missing, config, jobs))
    results = (entry if entry is not None else next(fresh) for entry in cached)
    # the progress line follows the files as their results arrive
    steps = iter(progress(found, len(found))) if progress is not None else iter(())
    for item, digest, entry in zip(found, digests, results, strict=True):
        next(steps, None)
        if digest is not None:
            cache.put(item.path, digest, entry)
        yield entry
    for _ in steps:  # let the progress line finish
        pass


def _digest(item: DiscoveredFile, max_bytes: int) -> str | None:
    """The content key of a file (None: do not cache, e.g. unreadable or too large)."""
    if item.size > max_bytes:
        return None
    return _hash_file(item) or None


def _extract_missing(
    items: list[DiscoveredFile], config: RepodocConfig, jobs: int
) -> Iterator[Entry]:
    settings = config.findings
    if jobs > 1 and len(items) >= MIN_PARALLEL_FILES and _can_fork():
        chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for chunk in pool.map(
                _extract_chunk,
                chunks,
                [config.max_file_bytes] * len(chunks),
                [settings] * len(chunks),
            ):
                yield from chunk
    else:
        yield from _extract_chunk(items, config.max_file_bytes, settings)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _extract_chunk(
    items: list[DiscoveredFile], max_bytes: int, settings: tuple[tuple[str, bool], ...]
) -> list[Entry]:
    """Worker: extract a few files (module-level, so that it can run in another process)."""
    rules, _ = findings_rules.select(settings)
    out = []
    for item in items:
        source, problems = scan_file(item, max_bytes, rules)
        out.append((source, tuple(problems)))
    return out


def scan_file(
    item: DiscoveredFile, max_bytes: int, rules: Iterable[findings_rules.Rule] = ()
) -> tuple[SourceFile, list[Diagnostic]]:
    """Read and extract one file; never raises."""
    base = SourceFile(
        path=item.path,
        language=item.language,
        size=item.size,
        lines=0,
        sha256="",
        lexer=lexer_for(item.path, item.language),
    )
    if item.language is Language.BINARY:  # hashed only within the size limit, and streamed
        digest = _hash_file(item) if item.size <= max_bytes else ""
        return evolve(base, skipped="binary", sha256=digest), []
    if item.size > max_bytes:
        message = (
            f"{item.size:,} bytes is above repodoc_max_file_bytes ({max_bytes:,}); metadata only"
        )
        return evolve(base, skipped="too-large"), [Diagnostic("too_large", message, item.path)]
    text, problems = read_text(item.abspath, item.path, item.language)
    if text is None:
        skipped = "binary" if not problems else "unreadable"
        return evolve(base, skipped=skipped), list(problems)
    facts, tree = _extract(item, text)
    found, finding_problems = findings_rules.run(
        item.path, item.language, text, facts.symbols, facts.imports, rules, tree
    )
    source = evolve(
        base,
        lines=text.count("\n") + (0 if text.endswith("\n") or not text else 1),
        sha256=text_digest(text),
        docstring=facts.docstring,
        title=facts.title,
        symbols=facts.symbols,
        imports=facts.imports,
        parsed=facts.parsed,
        exports=facts.exports,
        findings=found,
        uses=find_uses(text, facts.imports) if item.language is Language.PYTHON else (),
    )
    return source, [*problems, *facts.diagnostics, *finding_problems]


def _extract(item: DiscoveredFile, text: str) -> tuple[FileFacts, ast.Module | None]:
    """The file's facts, and its Python syntax tree for the finding rules (parsed once)."""
    extractor = extractor_for(item.language)
    if extractor is None:
        return FileFacts(), None
    try:
        if isinstance(extractor, PythonExtractor):
            return extractor.extract_with_tree(item.path, text)
        return extractor.extract(item.path, text), None
    except Exception as exc:  # an extractor bug must not take the build down
        message = f"{type(extractor).__name__} failed: {type(exc).__name__}: {exc}"
        return FileFacts(
            parsed=False, diagnostics=(Diagnostic("scan", message, item.path, 1),)
        ), None


def _hash_file(item: DiscoveredFile) -> str:
    """The file's hash, read in chunks: a multi-gigabyte binary never sits in memory."""
    try:
        with item.abspath.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return ""


def _one_grammar_warning_per_language(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A missing tree-sitter grammar is said once (at its first file), not once per file."""
    seen: set[str] = set()
    out = []
    for d in diagnostics:
        if d.subtype == "grammar":
            if d.message in seen:
                continue
            seen.add(d.message)
        out.append(d)
    return out


def _analyze(files: list[SourceFile], config: RepodocConfig) -> list[SourceFile]:
    """Resolve imports, derive importers, classify purposes."""
    index = PythonModuleIndex([f.path for f in files], config.python_paths)
    foreign = ForeignIndex([f.path for f in files], config.cpp_include_dirs)
    resolved: dict[str, SourceFile] = {}
    edges: dict[str, list[str]] = {}
    for f in files:
        if f.language is Language.PYTHON:
            imports = index.resolve(f.path, f.imports)
            f = evolve(f, imports=imports, module=index.module_of(f.path))
            edges[f.path] = [
                i.target for i in imports if i.origin is Origin.LOCAL and i.target is not None
            ]
        elif f.imports:  # includes and imports of the other languages
            imports = foreign.resolve(f.path, f.language, f.imports)
            f = evolve(f, imports=imports)
            edges[f.path] = [
                i.target for i in imports if i.origin is Origin.LOCAL and i.target is not None
            ]
        purpose, reason = classify(f.path, f.language, f.symbols)
        resolved[f.path] = evolve(f, purpose=purpose, purpose_reason=reason)
    importers = imported_by(edges)
    return link_declarations(
        [
            evolve(f, imported_by=importers.get(f.path, ())) if f.path in importers else f
            for f in resolved.values()
        ]
    )


def _folders(files: list[SourceFile]) -> list[Folder]:
    """Every folder holding a documented file, with its summary and subtree counts."""
    direct: dict[str, list[SourceFile]] = defaultdict(list)
    children: dict[str, set[str]] = defaultdict(set)
    for f in files:
        direct[f.folder].append(f)
        folder = f.folder
        while folder != ".":
            parent = folder.rpartition("/")[0] or "."
            children[parent].add(folder)
            folder = parent
    paths = sorted({".", *direct, *children})
    totals: dict[str, list[int]] = {p: [0, 0] for p in paths}
    langs: dict[str, dict[str, list[int]]] = {p: defaultdict(lambda: [0, 0]) for p in paths}
    for f in files:
        folder = f.folder
        label = f.language.label
        while True:
            totals[folder][0] += 1
            totals[folder][1] += f.lines
            langs[folder][label][0] += 1
            langs[folder][label][1] += f.lines
            if folder == ".":
                break
            folder = folder.rpartition("/")[0] or "."
    out = []
    for path in paths:
        mine = sorted(direct.get(path, []), key=lambda f: f.path)
        summary, source = _folder_summary(mine)
        out.append(
            Folder(
                path=path,
                files=tuple(f.path for f in mine),
                folders=tuple(sorted(children.get(path, ()))),
                summary=summary,
                summary_source=source,
                total_files=totals[path][0],
                total_lines=totals[path][1],
                languages=tuple(
                    sorted(
                        ((k, v[0], v[1]) for k, v in langs[path].items()),
                        key=lambda t: (-t[2], -t[1], t[0]),
                    )
                ),
            )
        )
    return out


def _folder_summary(files: list[SourceFile]) -> tuple[str | None, str | None]:
    """A folder is summarised by its README, else by its package docstring."""
    by_name = {f.name: f for f in files}
    for name in (*README_NAMES, "__init__.py"):
        f = by_name.get(name)
        if f is not None and (f.docstring or f.title):
            return first_paragraph(f.docstring) or f.title, f.path
    return None, None
