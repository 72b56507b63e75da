"""The repository model: plain, frozen, JSON-able data.

Everything downstream of the scan (pages, the Sphinx domain, the CLI) reads this model and
nothing else, so it holds no Sphinx object and can be cached, pickled and compared.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import operator
from dataclasses import dataclass, field
from typing import Any, TypeVar

_T = TypeVar("_T")

SCHEMA_VERSION = 1


class Pickled:
    """Pickles a frozen, slotted dataclass as ``(class, init arguments)``.

    The default for slotted dataclasses (``__getstate__`` / ``__setstate__``, calling
    ``dataclasses.fields`` for every object) made loading the facts cache and sending
    extraction results between processes several times slower than this. Fields not given to
    ``__init__`` (derived indices) are rebuilt by ``__post_init__``.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return (self.__class__, _init_values(self.__class__)(self))


def evolve(obj: _T, /, **changes: Any) -> _T:
    """``dataclasses.replace`` without its per-call look at the fields: the analysis of a
    large tree replaces hundreds of thousands of symbols, imports and files."""
    cls = obj.__class__
    values = dict(zip(_init_names(cls), _init_values(cls)(obj), strict=True))
    values.update(changes)
    return cls(**values)


@functools.cache
def _init_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


@functools.cache
def _init_values(cls: type) -> Any:
    names = _init_names(cls)
    if len(names) == 1:
        only = operator.attrgetter(names[0])
        return lambda obj: (only(obj),)
    return operator.attrgetter(*names)


class Language(enum.StrEnum):
    """The language of a file, decided from its name (and shebang) by :mod:`.discover`."""

    PYTHON = "python"
    MARKDOWN = "markdown"
    RST = "rst"
    C = "c"
    CPP = "cpp"
    CUDA = "cuda"
    OBJCPP = "objective-c++"
    METAL = "metal"
    JAVASCRIPT = "javascript"
    TYPESCRIPT = "typescript"
    RUST = "rust"
    GO = "go"
    JAVA = "java"
    SHELL = "shell"
    CMAKE = "cmake"
    MAKE = "make"
    DOCKERFILE = "dockerfile"
    YAML = "yaml"
    TOML = "toml"
    JSON = "json"
    INI = "ini"
    HTML = "html"
    CSS = "css"
    TEXT = "text"
    BINARY = "binary"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human name shown on pages."""
        return _LANGUAGE_LABELS.get(self, self.value.capitalize())


_LANGUAGE_LABELS = {
    Language.PYTHON: "Python",
    Language.MARKDOWN: "Markdown",
    Language.RST: "reStructuredText",
    Language.C: "C",
    Language.CPP: "C++",
    Language.CUDA: "CUDA",
    Language.OBJCPP: "Objective-C++",
    Language.METAL: "Metal",
    Language.JAVASCRIPT: "JavaScript",
    Language.TYPESCRIPT: "TypeScript",
    Language.RUST: "Rust",
    Language.GO: "Go",
    Language.JAVA: "Java",
    Language.SHELL: "Shell",
    Language.CMAKE: "CMake",
    Language.MAKE: "Makefile",
    Language.DOCKERFILE: "Dockerfile",
    Language.YAML: "YAML",
    Language.TOML: "TOML",
    Language.JSON: "JSON",
    Language.INI: "INI",
    Language.HTML: "HTML",
    Language.CSS: "CSS",
    Language.TEXT: "Plain text",
    Language.BINARY: "Binary",
    Language.OTHER: "Other",
}


class Kind(enum.StrEnum):
    """What a symbol is; the values are the ``repo`` domain's object types."""

    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"
    METHOD = "method"
    PROPERTY = "property"
    ATTRIBUTE = "attribute"  #: class-level (or instance) variable
    DATA = "data"  #: module-level variable or constant
    HEADING = "heading"  #: a heading of a Markdown / reST document
    NAMESPACE = "namespace"
    MACRO = "macro"
    TYPE = "type"


class Purpose(enum.StrEnum):
    """What a file is for (a first, path-based classification; refined by analysis)."""

    SOURCE = "source"
    TEST = "test"
    TEST_SUPPORT = "test-support"
    BENCHMARK = "benchmark"
    EXAMPLE = "example"
    DOCS = "docs"
    BUILD = "build"
    CI = "ci"
    CONFIG = "config"
    GENERATED = "generated"
    VENDORED = "vendored"
    DATA = "data"


class Origin(enum.StrEnum):
    """Where an import points to."""

    LOCAL = "local"  #: a file of this repository
    STDLIB = "stdlib"  #: the language's standard library
    THIRD_PARTY = "third-party"  #: anything else
    UNRESOLVED = (
        "unresolved"  #: relative import that climbs out of the tree or names a missing file
    )


class Severity(enum.StrEnum):
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic(Pickled):
    """A problem found while scanning, reported as a ``repodoc.<subtype>`` warning."""

    subtype: str
    message: str
    path: str | None = None
    line: int | None = None

    @property
    def location(self) -> str | None:
        if self.path is None:
            return None
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Symbol(Pickled):
    """One definition in a file.

    ``qualname`` is the name inside the file, joined with the language's own separator
    (``Outer.Inner.method`` for Python).  A name defined twice is two ``Symbol``s; the domain
    merges them into one object.
    """

    kind: Kind
    name: str
    qualname: str
    line: int
    end_line: int
    signature: str | None = None  #: as written, e.g. ``(self, x: int = 1) -> None``
    docstring: str | None = None  #: cleaned (``inspect.cleandoc``), never executed
    decorators: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    #: free-form labels: ``async``, ``staticmethod``, ``classmethod``, ``abstract``,
    #: ``overload``, ``setter``, ``type_checking``, ``constant``, …
    labels: tuple[str, ...] = ()
    annotation: str | None = None  #: for variables
    value: str | None = None  #: short source text of a variable's value
    is_test: bool = False  #: a test case (pytest / unittest conventions)
    children: tuple[Symbol, ...] = ()
    #: C-family functions and methods: the other files that define this declaration (label
    #: ``declaration``), or that declare this definition (a header and its source)
    counterparts: tuple[str, ...] = ()

    @property
    def summary(self) -> str | None:
        """The first paragraph of the docstring, on one line."""
        return first_paragraph(self.docstring)

    def walk(self) -> list[Symbol]:
        """This symbol and every nested one, in source order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True, slots=True)
class ImportedName(Pickled):
    name: str
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class Import(Pickled):
    """One imported module.

    The extractor fills ``module`` as written (``..pkg.mod`` keeps its dots as ``level``);
    analysis makes it absolute and fills ``target`` (a repository path) and ``origin``.
    ``from pkg import sub`` where ``sub`` is a submodule becomes its own ``Import`` of
    ``pkg.sub`` with no names.
    """

    line: int
    module: str
    names: tuple[ImportedName, ...] = ()
    level: int = 0  #: Python relative-import level (number of leading dots)
    alias: str | None = (
        None  #: the name bound when not the module's own (``as c``, ``from pkg import sub``)
    )
    type_checking: bool = False  #: under ``if TYPE_CHECKING:``
    target: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class FileFacts(Pickled):
    """What one extractor learns from one file, knowing nothing of the rest of the tree."""

    symbols: tuple[Symbol, ...] = ()
    imports: tuple[Import, ...] = ()
    docstring: str | None = None  #: module docstring / leading comment / first paragraph
    title: str | None = None  #: a document's first heading
    diagnostics: tuple[Diagnostic, ...] = ()
    parsed: bool = True  #: False when the file could not be parsed (listing only)
    #: the names of a Python module's ``__all__`` (None when it has none or it is computed)
    exports: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Finding(Pickled):
    """A detector's result in one file: a rule, what it means, and the lines that show it."""

    rule: str  #: the rule id (``eval-exec``, ``cuda-launch``…), see ``analysis/findings``
    category: str  #: ``security``, ``performance`` or ``patterns``
    message: str  #: one line: what the rule means
    lines: tuple[int, ...] = ()  #: the evidence lines, sorted
    details: tuple[str, ...] = ()  #: names involved (classes, functions, console scripts)


@dataclass(frozen=True, slots=True)
class TestCase(Pickled):
    """A test case of a test file and the command that runs just it."""

    __test__ = False  #: not a pytest test class

    qualname: str
    line: int
    command: str | None = None


@dataclass(frozen=True, slots=True)
class TestLink(Pickled):
    """One side of a test file ↔ tested file pair."""

    __test__ = False  #: not a pytest test class

    path: str  #: the other file
    how: str  #: ``imports it`` / ``name pairs with`` (joined with `` · `` when both)
    cases: tuple[str, ...] = ()  #: test cases whose names name the tested file's symbols


@dataclass(frozen=True, slots=True)
class Related(Pickled):
    """A related file, with its score (higher first) and every reason."""

    path: str
    score: int
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LastChange(Pickled):
    """The last commit touching a file, from the history that was read."""

    date: str  #: ``YYYY-MM-DD`` (commit date, UTC)
    commit: str  #: short hash; empty when ``before`` is set
    author: str | None = None  #: only with ``repodoc_show_authors``
    #: not changed within the commits read (shallow clone or commit limit): ``date`` is the
    #: oldest commit read, and the change is older
    before: bool = False


@dataclass(frozen=True, slots=True)
class History(Pickled):
    """What was read of the git history (None on the repository when there is no git)."""

    commits: int  #: commits read
    limit: int  #: ``repodoc_git_commits``
    shallow: bool  #: the clone is shallow: older history is missing
    oldest: str | None = None  #: date of the oldest commit read


@dataclass(frozen=True, slots=True)
class Use(Pickled):
    """Where a name a file imports appears again in it: first line, count, that line."""

    name: str
    line: int
    count: int
    text: str


@dataclass(frozen=True, slots=True)
class Usage(Pickled):
    """A repository symbol used from another file (the "used in" lists and examples)."""

    target: str  #: full name ``PATH::Qual`` of the symbol used
    path: str  #: the file using it
    line: int  #: its first use there
    count: int  #: how many times it appears there
    text: str  #: the line of the first use


@dataclass(frozen=True, slots=True)
class SourceFile(Pickled):
    path: str  #: repository-relative POSIX path
    language: Language
    size: int
    lines: int
    sha256: str
    lexer: str  #: Pygments alias used for the listing
    purpose: Purpose = Purpose.SOURCE
    purpose_reason: str = ""
    module: str | None = None  #: dotted Python module name
    docstring: str | None = None
    title: str | None = None
    symbols: tuple[Symbol, ...] = ()
    imports: tuple[Import, ...] = ()
    imported_by: tuple[str, ...] = ()
    parsed: bool = True
    #: why the file has no listing / facts: ``too-large``, ``binary``, ``unreadable``, …
    skipped: str | None = None
    #: a Python module's literal ``__all__``
    exports: tuple[str, ...] | None = None
    #: the longest ``repodoc_components`` prefix holding the file
    component: str | None = None
    tests: tuple[TestLink, ...] = ()  #: for a test file: the files it tests
    tested_by: tuple[TestLink, ...] = ()  #: the test files testing this file
    test_cases: tuple[TestCase, ...] = ()  #: for a test file: its cases with their commands
    test_command: str | None = None  #: for a test file: the command running all of it
    findings: tuple[Finding, ...] = ()
    related: tuple[Related, ...] = ()  #: ranked, best first
    last_change: LastChange | None = None
    uses: tuple[Use, ...] = ()  #: names imported from the tree, found again in the text

    @property
    def summary(self) -> str | None:
        return first_paragraph(self.docstring) or self.title

    @property
    def folder(self) -> str:
        head, _, _ = self.path.rpartition("/")
        return head or "."

    @property
    def name(self) -> str:
        return self.path.rpartition("/")[2]

    def all_symbols(self) -> list[Symbol]:
        out: list[Symbol] = []
        for sym in self.symbols:
            out.extend(sym.walk())
        return out


@dataclass(frozen=True, slots=True)
class Folder(Pickled):
    path: str  #: ``.`` for the root
    files: tuple[str, ...] = ()  #: paths of the files directly inside
    folders: tuple[str, ...] = ()  #: paths of the folders directly inside
    summary: str | None = None
    summary_source: str | None = None  #: the file the summary comes from (README, __init__.py)
    total_files: int = 0  #: files in the whole subtree
    total_lines: int = 0
    #: (language label, files, lines) over the whole subtree, most lines first
    languages: tuple[tuple[str, int, int], ...] = ()
    #: the longest ``repodoc_components`` prefix holding the folder
    component: str | None = None

    @property
    def name(self) -> str:
        return "." if self.path == "." else self.path.rpartition("/")[2]

    @property
    def parent(self) -> str | None:
        if self.path == ".":
            return None
        head, _, _ = self.path.rpartition("/")
        return head or "."


@dataclass(frozen=True, slots=True)
class Repository(Pickled):
    name: str  #: the root folder's name
    files: tuple[SourceFile, ...] = ()
    folders: tuple[Folder, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    #: (alias, full name): ``pkg.Linear`` → ``pkg/linear.py::Linear`` (Python re-exports)
    reexports: tuple[tuple[str, str], ...] = ()
    usages: tuple[Usage, ...] = ()  #: uses of symbols across files, by symbol then path
    _file_index: dict[str, SourceFile] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _folder_index: dict[str, Folder] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _alias_index: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _reexport_map: dict[str, str] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    _usage_index: dict[str, tuple[Usage, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    #: ``repodoc_components``: (path prefix, description), sorted by prefix
    components: tuple[tuple[str, str], ...] = ()
    history: History | None = None  #: what was read of git (None: no git)
    #: the scan's digest of everything the model was made from ("": not known)
    _inputs: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        self._file_index.update((f.path, f) for f in self.files)
        self._folder_index.update((f.path, f) for f in self.folders)
        aliases: dict[str, list[str]] = {}
        for alias, full in self.reexports:
            aliases.setdefault(full, []).append(alias)
        self._alias_index.update((k, tuple(sorted(v))) for k, v in aliases.items())
        self._reexport_map.update(self.reexports)
        used: dict[str, list[Usage]] = {}
        for usage in self.usages:
            used.setdefault(usage.target, []).append(usage)
        self._usage_index.update((k, tuple(v)) for k, v in used.items())

    @property
    def inputs(self) -> str:
        """A digest of everything the model was made from, when the scan knows it: equal
        digests, equal models (so consumers may key their own caches on it)."""
        return self._inputs

    def reexport(self, alias: str) -> str | None:
        """The full name a re-exported dotted name stands for."""
        return self._reexport_map.get(alias)

    def usages_of(self, full_name: str) -> tuple[Usage, ...]:
        """The files using the symbol ``PATH::Qual``, by path."""
        return self._usage_index.get(full_name, ())

    def aliases_of(self, full_name: str) -> tuple[str, ...]:
        """The re-exported names of the symbol ``PATH::Qual``."""
        return self._alias_index.get(full_name, ())

    def file(self, path: str) -> SourceFile | None:
        return self._file_index.get(path)

    def folder(self, path: str) -> Folder | None:
        return self._folder_index.get(path)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "name": self.name,
            "files": [to_jsonable(f) for f in self.files],
            "folders": [to_jsonable(f) for f in self.folders],
            "diagnostics": [to_jsonable(d) for d in self.diagnostics],
            "reexports": [{"alias": a, "target": t} for a, t in self.reexports],
            "usages": [to_jsonable(u) for u in self.usages],
            "components": [{"prefix": p, "description": d} for p, d in self.components],
            "history": to_jsonable(self.history),
        }


def to_jsonable(obj: Any) -> Any:
    """Plain JSON data for a model object (dataclasses, enums, tuples)."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    if cls in (tuple, list):
        return [to_jsonable(x) for x in obj]
    names = _public_fields(cls) if hasattr(cls, "__dataclass_fields__") else None
    if names is not None:
        return {name: to_jsonable(getattr(obj, name)) for name in names}
    if isinstance(obj, tuple | list):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, enum.Enum):
        return obj.value
    return obj


_SCALARS = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _public_fields(cls: type) -> tuple[str, ...]:
    """A dataclass's fields that belong in JSON (``dataclasses.fields`` is slow per call)."""
    return tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith("_"))


def first_paragraph(text: str | None) -> str | None:
    """The first paragraph of ``text`` joined on one line, or None."""
    if not text:
        return None
    para: list[str] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            break
        para.append(line)
    return " ".join(para) or None
