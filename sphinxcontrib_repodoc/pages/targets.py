"""Every cross-reference target of the ``repo`` domain, and how a written name finds one.

Pure logic: the Sphinx domain only adapts :meth:`Targets.resolve` to roles. Names follow the
public contract (``PATH::QUALNAME``; a folder's path; a dotted Python module), one object per
name whatever the number of definitions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pathspec

from ..model import Kind, Language
from .plan import PageKind
from .sections import symbol_anchors

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from ..model import Repository
    from .plan import PagePlan

#: role name → the object types it may find
ROLE_TYPES: dict[str, tuple[str, ...]] = {
    "file": ("file",),
    "folder": ("folder",),
    "mod": ("module",),
    "class": ("class",),
    "func": ("function",),
    "meth": ("method",),
    "prop": ("property",),
    "attr": ("attribute",),
    "data": ("data",),
    "heading": ("heading",),
    "ns": ("namespace",),
    "macro": ("macro",),
    "type": ("type",),
    "test": ("test",),
}
OBJECT_TYPES: tuple[str, ...] = (
    "file",
    "folder",
    "module",
    *(k.value for k in Kind if k is not Kind.MODULE),
    "test",
)
ROLE_TYPES["obj"] = OBJECT_TYPES

_PRIORITY = {
    "file": 1,
    "folder": 1,
    "module": 1,
    "class": 1,
    "function": 1,
    "method": 1,
    "property": 1,
    "namespace": 1,
    "macro": 1,
    "type": 1,
    "heading": 2,
    "attribute": 2,
    "data": 2,
    "test": -1,
}


@dataclass(frozen=True, slots=True)
class Target:
    name: str  #: the object's full name (``pkg/mod.py::Class.method``)
    objtype: str
    docname: str
    anchor: str  #: HTML id in the page, "" for the page itself
    path: str  #: repository path of the file or folder
    qualname: str  #: name inside the file ("" for files, folders and modules)
    line: int = 0
    dotted: str = ""  #: ``module.Qual`` for a Python symbol, for partial dotted names

    @property
    def priority(self) -> int:
        return _PRIORITY.get(self.objtype, 1)


@dataclass(slots=True)
class Resolution:
    target: Target | None
    candidates: tuple[Target, ...] = ()  #: every candidate when ambiguous

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


@dataclass(slots=True)
class Targets:
    """All targets of a repository, indexed for the lookups roles need."""

    by_name: dict[str, list[Target]] = field(default_factory=lambda: defaultdict(list))
    dotted: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_last: dict[str, list[Target]] = field(default_factory=lambda: defaultdict(list))
    python_files: set[str] = field(default_factory=set)
    prefer: Preference | None = None

    @classmethod
    def build(cls, repo: Repository, plan: PagePlan, prefer: Sequence[str] = ()) -> Targets:
        self = cls(prefer=Preference(prefer) if prefer else None)
        for folder in repo.folders:
            docname = plan.docname(PageKind.FOLDER, folder.path)
            if docname:
                self._add(Target(folder.path, "folder", docname, "", folder.path, ""))
        for source in repo.files:
            docname = plan.docname(PageKind.FILE, source.path)
            if docname is None:
                continue
            self._add(Target(source.path, "file", docname, "", source.path, ""))
            if source.language is Language.PYTHON:
                self.python_files.add(source.path)
            if source.module:
                self._add(Target(source.module, "module", docname, "", source.path, ""))
            anchors = symbol_anchors(source)
            for sym in source.all_symbols():
                anchor = anchors.get((sym.qualname, sym.line))
                if anchor is None:  # a later definition of a name already registered
                    continue
                full = f"{source.path}::{sym.qualname}"
                dotted = f"{source.module}.{sym.qualname}" if source.module else ""
                for objtype in (sym.kind.value, "test") if sym.is_test else (sym.kind.value,):
                    self._add(
                        Target(
                            full,
                            objtype,
                            docname,
                            anchor,
                            source.path,
                            sym.qualname,
                            sym.line,
                            dotted,
                        )
                    )
                if dotted:
                    self.dotted[dotted].append(full)
        for alias, full in repo.reexports:  # ``pkg.Linear`` for ``pkg/linear.py::Linear``
            self.dotted[alias].append(full)
        return self

    def _add(self, target: Target) -> None:
        self.by_name[target.name].append(target)
        last = target.qualname or target.name
        sep = "." if "::" not in last else "::"
        if target.objtype == "heading":
            key = last
        elif target.objtype in ("file", "folder"):
            key = target.name.rpartition("/")[2]
        else:
            key = last.rpartition(sep)[2] if target.qualname else last.rpartition(".")[2]
        self.by_last[key].append(target)

    def objects(self) -> Iterator[Target]:
        """Every target once, sorted (``objects.inv`` and the search index)."""
        for name in sorted(self.by_name):
            yield from sorted(self.by_name[name], key=lambda t: t.objtype)

    # -- resolution -----------------------------------------------------------------------

    def resolve(
        self,
        written: str,
        objtypes: Iterable[str],
        *,
        context_path: str | None = None,
        scope: str | None = None,
    ) -> Resolution:
        """Find the object ``written`` names, preferring the nearest in scope."""
        types = tuple(objtypes)
        name = written.strip()
        exact = self._exact(name, types)
        if exact is not None:
            return Resolution(exact, (exact,))
        # a leading dot (``.model.Repository``) asks for a suffix match, as in the py domain
        name = name.lstrip(".") or name
        if "::" in name:
            exact = self._exact(self._from_node_id(name), types)
            if exact is not None:
                return Resolution(exact, (exact,))
        found = [
            t
            for full in self.dotted.get(name, ())
            for t in self.by_name[full]
            if t.objtype in types
        ]
        if found:
            return Resolution(found[0], (found[0],))
        return self._short(name, types, context_path, scope)

    def resolve_exact_dotted(self, name: str, types: Iterable[str]) -> Target | None:
        """Only the object whose dotted Python name (or a re-export of it) is ``name``."""
        wanted = tuple(types)
        if "module" in wanted:
            module = self._exact(name, ("module",))
            if module is not None:
                return module
        for full in self.dotted.get(name, ()):
            found = self._exact(full, wanted)
            if found is not None:
                return found
        return None

    def _exact(self, name: str, types: tuple[str, ...]) -> Target | None:
        for target in self.by_name.get(name, ()):
            if target.objtype in types:
                return target
        return None

    def _from_node_id(self, name: str) -> str:
        """``test/x.py::TestA::test_b`` (a pytest node id) → ``test/x.py::TestA.test_b``."""
        path, _, rest = name.partition("::")
        if path in self.python_files:
            return f"{path}::{rest.replace('::', '.')}"
        return name

    def _short(
        self, name: str, types: tuple[str, ...], context_path: str | None, scope: str | None
    ) -> Resolution:
        # a file or heading is indexed by its whole last part (``util.py``, ``Version 1.0``),
        # a symbol by its last dotted part: try both
        keys = sorted({name.rpartition("/")[2], name.replace("::", ".").rpartition(".")[2]})
        candidates = [
            t
            for key in keys
            for t in self.by_last.get(key, ())
            if t.objtype in types and _matches(t, name)
        ]
        # one object per name: a test case is also its function/method
        unique: dict[str, Target] = {}
        for t in candidates:
            unique.setdefault(t.name, t)
        if not unique:
            return Resolution(None)
        ranked = sorted(
            unique.values(), key=lambda t: (_distance(t, context_path, scope), t.path, t.name)
        )
        best = _distance(ranked[0], context_path, scope)
        tied = [t for t in ranked if _distance(t, context_path, scope) == best]
        if len(tied) > 1 and self.prefer is not None:
            # ``repodoc_prefer``: the user's known duplicates; one clear winner is no ambiguity
            rank = {t.name: self.prefer.rank(t.path) for t in tied}
            top = min(rank.values())
            if top < len(self.prefer):
                tied = [t for t in tied if rank[t.name] == top]
        if len(tied) > 1:
            tied = _one_c_entity(tied)
        return Resolution(tied[0], tuple(tied))


class Preference:
    """``repodoc_prefer``: path globs (gitwildmatch), an earlier one wins a tie."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._specs = [pathspec.GitIgnoreSpec.from_lines([p]) for p in patterns]

    def __len__(self) -> int:
        return len(self._specs)

    def rank(self, path: str) -> int:
        for i, spec in enumerate(self._specs):
            if spec.match_file(path):
                return i
        return len(self._specs)


def _matches(target: Target, written: str) -> bool:
    if target.objtype in ("file", "folder"):
        return target.name == written or target.name.endswith("/" + written)
    if target.objtype == "module":
        return target.name == written or target.name.endswith("." + written)
    if target.objtype == "heading":
        return target.qualname == written
    qual = target.qualname
    return (
        qual == written
        or qual.endswith(("." + written, "::" + written))
        or (bool(target.dotted) and target.dotted.endswith("." + written))
    )


def _distance(target: Target, context_path: str | None, scope: str | None) -> int:
    """Scope walk of the contract: same class → same file → folder → component → repository."""
    if context_path is None:
        return 4
    if target.path == context_path:
        if scope and target.qualname.startswith(scope + "."):
            return 0
        return 1
    folder = context_path.rpartition("/")[0]
    if target.path.rpartition("/")[0] == folder:
        return 2
    if context_path.partition("/")[0] == target.path.partition("/")[0] and "/" in context_path:
        return 3
    return 4


#: File name endings of C-family headers and sources (a declaration and its definition).
_C_HEADERS = (".h", ".hh", ".hpp", ".hxx", ".h++", ".cuh", ".inl", ".ipp", ".tpp")
_C_SOURCES = (".c", ".cc", ".cpp", ".cxx", ".c++", ".cu", ".mm", ".metal")


def _one_c_entity(tied: list[Target]) -> list[Target]:
    """A C-family name declared in a header and defined in a source is one entity, not an
    ambiguity: the header's object (where its documentation lives) answers for all. So is a
    namespace opened in several files: the first in path order answers."""
    qualnames = {t.qualname for t in tied}
    if len(qualnames) != 1 or not all(t.path.endswith(_C_HEADERS + _C_SOURCES) for t in tied):
        return tied
    if all(t.objtype == "namespace" for t in tied):
        return tied[:1]  # a namespace is open: every file adds to the same one
    headers = [t for t in tied if t.path.endswith(_C_HEADERS)]
    return headers[:1] if len(headers) == 1 else tied
