"""The analysis steps of issue 4, run once per scan after imports are resolved.

purpose overrides → components → console scripts → tests ↔ code → git history (one
``git log``) → last change → related ranking. Every step is plain data in, plain data out.
"""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

import pathspec

from ..model import Diagnostic, Finding, History, LastChange, Purpose, evolve
from . import findings as F
from .git import read_history
from .related import rank
from .tests import TestPlan, has_pytest_config, is_unittest_only, link_tests

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..config import RepodocConfig
    from ..model import Folder, SourceFile
    from .git import GitLog

__all__ = ["component_of", "enrich", "normalize_components"]


def normalize_components(pairs: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """``./aten`` → ``aten/``; the root (``""``, ``.``, ``/``) is ``""``; sorted by prefix."""
    out = {}
    for prefix, description in pairs:
        p = prefix.replace("\\", "/").strip()
        while p.startswith("./"):
            p = p[2:]
        p = p.strip("/")
        out["" if p in ("", ".") else p + "/"] = description
    return tuple(sorted(out.items()))


def component_of(path: str, components: Sequence[tuple[str, str]]) -> str | None:
    """The longest component prefix holding ``path`` (a file, or a folder; root is ``.``)."""
    best: str | None = None
    probe = "" if path == "." else path.rstrip("/") + "/"
    for prefix, _ in components:
        if probe.startswith(prefix) and (best is None or len(prefix) > len(best)):
            best = prefix
    return best


def _override_purposes(
    files: list[SourceFile], patterns: Sequence[tuple[str, str]]
) -> tuple[list[SourceFile], list[Diagnostic]]:
    problems: list[Diagnostic] = []
    specs = []
    for pattern, value in patterns:
        try:
            purpose = Purpose(value)
        except ValueError:
            known = ", ".join(p.value for p in Purpose)
            message = f"repodoc_purpose: {value!r} for {pattern!r} is not a purpose ({known})"
            problems.append(Diagnostic("config", message, "repodoc_purpose"))
            continue
        spec = pattern_spec(pattern, "repodoc_purpose", problems)
        if spec is not None:
            specs.append((spec, pattern, purpose))
    if not specs:
        return files, problems
    out = []
    for f in files:
        for spec, pattern, purpose in specs:
            if spec.match_file(f.path):
                reason = f"set by repodoc_purpose pattern {pattern}"
                f = evolve(f, purpose=purpose, purpose_reason=reason)
                break
        out.append(f)
    return out, problems


def pattern_spec(
    pattern: str, option: str, problems: list[Diagnostic]
) -> pathspec.GitIgnoreSpec | None:
    """One gitwildmatch pattern; an invalid one is dropped with a ``config`` diagnostic."""
    try:
        return pathspec.GitIgnoreSpec.from_lines([pattern])
    except ValueError:
        problems.append(Diagnostic("config", f"invalid pattern {pattern!r} ignored", option))
        return None


def _console_scripts(root_files: dict[str, SourceFile], config: RepodocConfig) -> dict[str, list]:
    """``path → [(line, script name)]`` of the functions pyproject's console scripts name."""
    if "pyproject.toml" not in root_files:
        return {}
    try:
        data = tomllib.loads((config.root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    project = data.get("project", {})
    scripts = {**project.get("scripts", {}), **project.get("gui-scripts", {})}
    by_module = {f.module: f for f in root_files.values() if f.module}
    out: dict[str, list] = {}
    for name, target in sorted(scripts.items()):
        if not isinstance(target, str):
            continue
        module, _, attr = target.partition(":")
        source = by_module.get(module.strip())
        if source is None:
            continue
        line = 1
        attr = attr.split("[")[0].strip()
        for sym in source.all_symbols():
            if sym.qualname == attr:
                line = sym.line
                break
        out.setdefault(source.path, []).append((line, f"console script {name}"))
    return out


def _add_script_findings(source: SourceFile, hits: list) -> SourceFile:
    r = F.RULES["cli-entry-point"]
    old = next((f for f in source.findings if f.rule == r.id), None)
    lines = {line for line, _ in hits} | set(old.lines if old else ())
    details = tuple(dict.fromkeys([*(old.details if old else ()), *(d for _, d in hits)]))
    finding = Finding(r.id, r.category, r.explanation, tuple(sorted(lines)), details)
    others = [f for f in source.findings if f.rule != r.id]
    ordered = sorted([*others, finding], key=lambda f: list(F.RULES).index(f.rule))
    return evolve(source, findings=tuple(ordered))


def _last_changes(
    files: dict[str, SourceFile], log: GitLog, show_authors: bool
) -> dict[str, LastChange]:
    truncated = log.shallow or len(log.commits) >= log.limit
    out = {}
    for path in files:
        indices = log.by_file.get(path)
        if indices:
            c = log.commits[indices[0]]
            out[path] = LastChange(c.date, c.hash[:10], c.author if show_authors else None)
        elif truncated and log.oldest:
            out[path] = LastChange(log.oldest, "", None, before=True)
    return out


def enrich(
    files: list[SourceFile], folders: list[Folder], config: RepodocConfig
) -> tuple[list[SourceFile], list[Folder], tuple[tuple[str, str], ...], History | None, list]:
    """Files and folders with their insights; the components, the history, diagnostics."""
    files, problems = _override_purposes(files, config.purpose)
    components = normalize_components(config.components)
    if components:
        files = [evolve(f, component=component_of(f.path, components)) for f in files]
        folders = [evolve(d, component=component_of(d.path, components)) for d in folders]
    by_path = {f.path: f for f in files}

    enabled = {r.id for r in F.select(config.findings)[0]}
    if "cli-entry-point" in enabled:
        for path, hits in _console_scripts(by_path, config).items():
            by_path[path] = _add_script_findings(by_path[path], hits)

    pytest = has_pytest_config(config.root, by_path) or not is_unittest_only(by_path.values())
    templates = [
        (spec, template)
        for pattern, template in config.test_command
        if (spec := pattern_spec(pattern, "repodoc_test_command", problems)) is not None
    ]
    plan = TestPlan(templates, pytest)
    for path, fields in link_tests(by_path, plan).items():
        by_path[path] = evolve(by_path[path], **fields)  # type: ignore[arg-type]

    log = read_history(config.root, config.git_commits)
    history = None
    if log is not None:
        history = History(len(log.commits), log.limit, log.shallow, log.oldest)
        for path, change in _last_changes(by_path, log, config.show_authors).items():
            by_path[path] = evolve(by_path[path], last_change=change)
    for path, related in rank(by_path, log, config.related_files).items():
        by_path[path] = evolve(by_path[path], related=related)
    return [by_path[f.path] for f in files], folders, components, history, problems
