"""List the files to document, decide their language, and read them safely.

Inside a git work tree the listing comes from ``git ls-files`` (so ``.gitignore``, the global
excludes and ``.git/info/exclude`` are honoured exactly as git does); outside one, the tree is
walked and every ``.gitignore`` met on the way is applied with :mod:`pathspec`. Both paths then
go through the same rules (always-excluded VCS folders, ``skip_dirs``, the stub marker,
``exclude`` / ``include``, symlink safety), so a tree documents the same way in or out of git.

Nothing outside the root is ever opened: symbolic links are resolved and checked before any
read, and symlinked folders are never followed.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import os
import re
import stat
import subprocess
import tokenize
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pathspec

from .config import ALWAYS_EXCLUDED_DIRS
from .model import Diagnostic, Language

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .config import RepodocConfig

__all__ = [
    "HEAD_BYTES",
    "STUB_MARKER",
    "DiscoveredFile",
    "discover",
    "is_binary",
    "language_for",
    "lexer_for",
    "read_text",
]

STUB_MARKER = ".repodoc-stubs"
"""A folder holding a file of this name is generated output and is never scanned."""

HEAD_BYTES = 8192
"""How much of a file is looked at to detect binary content or a shebang."""

_GIT_PROBE_TIMEOUT = 10.0
_GIT_LIST_TIMEOUT = 120.0
#: Variables that would point git at another repository than the one holding the root (they are
#: set, for instance, when the docs are built from a git hook).
_GIT_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX")


@dataclass(frozen=True, slots=True)
class DiscoveredFile:
    """One file to document, as found on disk (nothing read but, maybe, its first bytes)."""

    path: str  #: repository-relative POSIX path, e.g. ``pkg/mod.py``
    abspath: Path  #: the resolved root joined with ``path``
    size: int  #: bytes, from ``stat`` (a link inside the root: its target's size)
    language: Language


# --------------------------------------------------------------------------------------------
# Language and lexer
# --------------------------------------------------------------------------------------------

_L = Language

#: Whole file names (lowercase) that decide the language before the extension does.
_BY_NAME: dict[str, Language] = {
    "cmakelists.txt": _L.CMAKE,
    "makefile": _L.MAKE,
    "gnumakefile": _L.MAKE,
    "bsdmakefile": _L.MAKE,
    "dockerfile": _L.DOCKERFILE,
    "containerfile": _L.DOCKERFILE,
    ".editorconfig": _L.INI,
    ".gitmodules": _L.INI,
    ".gitconfig": _L.INI,
    ".flake8": _L.INI,
    ".pylintrc": _L.INI,
    "pylintrc": _L.INI,
    ".coveragerc": _L.INI,
    ".pypirc": _L.INI,
    ".clang-format": _L.YAML,
    ".clang-tidy": _L.YAML,
    "pipfile": _L.TOML,
    "cargo.lock": _L.TOML,
    "poetry.lock": _L.TOML,
    "uv.lock": _L.TOML,
    "pdm.lock": _L.TOML,
    ".bashrc": _L.SHELL,
    ".bash_profile": _L.SHELL,
    ".profile": _L.SHELL,
    ".zshrc": _L.SHELL,
    ".envrc": _L.SHELL,
    **dict.fromkeys(
        (
            "license",
            "licence",
            "copying",
            "copyright",
            "notice",
            "patents",
            "readme",
            "authors",
            "contributors",
            "maintainers",
            "owners",
            "codeowners",
            "changelog",
            "changes",
            "news",
            "history",
            "install",
            "thanks",
            "todo",
            ".gitignore",
            ".gitattributes",
            ".dockerignore",
            ".npmignore",
            ".hgignore",
        ),
        _L.TEXT,
    ),
}

#: Formats that are binary by definition: no need to open them to know.
# fmt: off
_BINARY_EXTS = (
    "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "tif", "tiff", "psd", "pdf",
    "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "jar", "war", "whl", "egg",
    "so", "dylib", "dll", "exe", "o", "obj", "a", "lib", "pyc", "pyo", "pyd", "class", "wasm",
    "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "wav", "ogg", "flac", "avi", "mov",
    "mkv", "webm", "npy", "npz", "pkl", "pickle", "pt", "pth", "onnx", "h5", "hdf5", "parquet",
    "sqlite", "db",
)
# fmt: on

#: Lowercase extensions without the dot.
_BY_EXT: dict[str, Language] = {
    **dict.fromkeys(("py", "pyi", "pyw"), _L.PYTHON),
    **dict.fromkeys(("md", "markdown", "mkd", "mdown"), _L.MARKDOWN),
    **dict.fromkeys(("rst", "rest"), _L.RST),
    "c": _L.C,
    **dict.fromkeys(
        ("h", "hpp", "hh", "hxx", "h++", "cpp", "cc", "cxx", "c++", "ipp", "tpp", "inl"), _L.CPP
    ),
    **dict.fromkeys(("cu", "cuh"), _L.CUDA),
    "mm": _L.OBJCPP,
    "metal": _L.METAL,
    **dict.fromkeys(("js", "mjs", "cjs", "jsx"), _L.JAVASCRIPT),
    **dict.fromkeys(("ts", "tsx", "mts", "cts"), _L.TYPESCRIPT),
    "rs": _L.RUST,
    "go": _L.GO,
    "java": _L.JAVA,
    **dict.fromkeys(("sh", "bash", "zsh", "ksh"), _L.SHELL),
    "cmake": _L.CMAKE,
    "mk": _L.MAKE,
    "dockerfile": _L.DOCKERFILE,
    **dict.fromkeys(("yml", "yaml"), _L.YAML),
    "toml": _L.TOML,
    **dict.fromkeys(("json", "jsonc", "ipynb"), _L.JSON),
    **dict.fromkeys(("ini", "cfg"), _L.INI),
    **dict.fromkeys(("html", "htm", "xhtml"), _L.HTML),
    "css": _L.CSS,
    "txt": _L.TEXT,
    **dict.fromkeys(_BINARY_EXTS, _L.BINARY),
}

#: Interpreter (version digits stripped) named by a shebang → language.
_BY_INTERPRETER: dict[str, Language] = {
    **dict.fromkeys(("python", "pypy", "uv"), _L.PYTHON),
    **dict.fromkeys(("sh", "bash", "zsh", "dash", "ksh", "mksh", "ash"), _L.SHELL),
    **dict.fromkeys(("node", "nodejs", "deno", "bun"), _L.JAVASCRIPT),
    **dict.fromkeys(("ts-node", "tsx"), _L.TYPESCRIPT),
    **dict.fromkeys(("make", "gmake"), _L.MAKE),
    "cmake": _L.CMAKE,
}

#: ``env`` options that take a value, so the value is not mistaken for the interpreter.
_ENV_OPTS_WITH_VALUE = frozenset({"-u", "--unset", "-C", "--chdir"})

_VERSION_SUFFIX = re.compile(r"[\d.]+$")

#: Pygments alias for each language; OTHER is looked up by file name instead.
_LEXERS: dict[Language, str] = {
    _L.PYTHON: "python",
    _L.MARKDOWN: "markdown",
    _L.RST: "rst",
    _L.C: "c",
    _L.CPP: "cpp",
    _L.CUDA: "cuda",
    _L.OBJCPP: "objective-c++",
    _L.METAL: "cpp",  # Metal Shading Language is C++14 with attributes; no dedicated lexer
    _L.JAVASCRIPT: "javascript",
    _L.TYPESCRIPT: "typescript",
    _L.RUST: "rust",
    _L.GO: "go",
    _L.JAVA: "java",
    _L.SHELL: "bash",
    _L.CMAKE: "cmake",
    _L.MAKE: "make",
    _L.DOCKERFILE: "docker",
    _L.YAML: "yaml",
    _L.TOML: "toml",
    _L.JSON: "json",
    _L.INI: "ini",
    _L.HTML: "html",
    _L.CSS: "css",
    _L.TEXT: "text",
    _L.BINARY: "text",
}

#: Finer lexers for some extensions (language they must have, alias), used only when the
#: installed Pygments has them.
_LEXER_BY_EXT: dict[str, tuple[Language, str]] = {
    "jsx": (_L.JAVASCRIPT, "jsx"),
    "tsx": (_L.TYPESCRIPT, "tsx"),
    "zsh": (_L.SHELL, "zsh"),
}


def _split_name(path: str) -> tuple[str, str]:
    """Lowercase base name and extension (without the dot; ``""`` for ``.bashrc``)."""
    name = path.rpartition("/")[2].lower()
    dot = name.rfind(".")
    return name, (name[dot + 1 :] if dot > 0 else "")


def _language_by_name(path: str) -> Language | None:
    """The language the name alone decides, or None when the content must be looked at."""
    name, ext = _split_name(path)
    lang = _BY_NAME.get(name)
    if lang is not None:
        return lang
    lang = _BY_EXT.get(ext)
    if lang is not None:
        return lang
    if name.startswith("dockerfile."):
        return _L.DOCKERFILE
    if name.startswith("makefile."):
        return _L.MAKE
    return None


def _shebang_language(head: bytes) -> Language | None:
    if not head.startswith(b"#!"):
        return None
    first = head[2:].split(b"\n", 1)[0].split(b"\r", 1)[0]
    words = first.decode("utf-8", "replace").split()
    if not words:
        return None
    prog = words[0].rpartition("/")[2]
    if prog == "env":
        args = iter(words[1:])
        for word in args:
            if word in _ENV_OPTS_WITH_VALUE:
                next(args, None)
            elif not word.startswith("-") and "=" not in word:
                prog = word.rpartition("/")[2]
                break
        else:
            return None
    return _BY_INTERPRETER.get(_VERSION_SUFFIX.sub("", prog.lower()))


def is_binary(head: bytes) -> bool:
    """True when the first :data:`HEAD_BYTES` hold a NUL byte (what git and grep check too)."""
    return b"\0" in head[:HEAD_BYTES]


def language_for(path: str, head: bytes = b"") -> Language:
    """The language of ``path``: by name and extension, else binary content, else shebang.

    ``head`` (the first bytes of the file) is only consulted when the name says nothing.
    """
    lang = _language_by_name(path)
    if lang is not None:
        return lang
    if is_binary(head):
        return _L.BINARY
    return _shebang_language(head) or _L.OTHER


@lru_cache(maxsize=64)
def _have_lexer(alias: str) -> bool:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        get_lexer_by_name(alias)
    except ClassNotFound:
        return False
    return True


@lru_cache(maxsize=4096)
def _lexer_by_filename(name: str) -> str:
    """Pygments' own guess from the file name (slow: it tries every lexer, hence the cache)."""
    from pygments.lexers import find_lexer_class_for_filename

    try:
        cls = find_lexer_class_for_filename(name)
    except Exception:  # a third-party lexer plugin can fail in any way
        return "text"
    if cls is None:
        return "text"
    for alias in cls.aliases:
        if _have_lexer(alias):
            return alias
    return "text"


def lexer_for(path: str, language: Language) -> str:
    """A Pygments alias ``get_lexer_by_name`` accepts, for the listing of ``path``."""
    _, ext = _split_name(path)
    special = _LEXER_BY_EXT.get(ext)
    if special is not None and language is special[0] and _have_lexer(special[1]):
        return special[1]
    alias = _LEXERS.get(language)
    if alias is not None:
        return alias
    return _lexer_by_filename(path.rpartition("/")[2])


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=]")


def _inside(real: str, real_root: str) -> bool:
    """``real`` is the root or under it (both already resolved)."""
    prefix = real_root if real_root.endswith(os.sep) else real_root + os.sep
    return real == real_root or real.startswith(prefix)


def _root_of(abspath: Path, path: str) -> str | None:
    """The root ``abspath`` was built from (``abspath == root / path``), or None if it was not.

    String work only: this runs once per file read.
    """
    segments = path.split("/")
    if any(seg in ("", ".", "..") for seg in segments):
        return None
    abspath = Path(abspath)
    full = os.fspath(abspath if abspath.is_absolute() else abspath.absolute())
    suffix = os.sep + path.replace("/", os.sep)
    if not full.endswith(suffix):
        return None
    return full[: -len(suffix)] or os.sep


def _line_at(data: bytes, offset: int) -> int:
    """1-based line of byte ``offset``, counting CRLF, LF and lone CR as one break each."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def text_digest(text: str) -> str:
    """A file's digest in the model: of its decoded text (:func:`read_text`), so that a page
    reading the file again can tell whether it is still the text the model describes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_text(abspath: Path, path: str, language: Language) -> tuple[str | None, list[Diagnostic]]:
    """The text of a discovered file, decoded and with ``\\n`` line ends only.

    ``abspath`` must be ``root / path`` (as :func:`discover` builds it): the root is recovered
    from it, and a file whose real location is outside that root is not read. Returns
    ``(None, [])`` for binary content, ``(None, [unreadable])`` when the file cannot be read;
    bytes invalid in the file's encoding become U+FFFD with one ``encoding`` diagnostic.
    """
    if language is _L.BINARY:
        return None, []
    root = _root_of(abspath, path)
    if root is None:
        return None, [
            Diagnostic("unreadable", f"not read: {abspath} is not inside the repository", path)
        ]
    real = os.path.realpath(abspath)
    if not _inside(real, os.path.realpath(root)):
        return None, [
            Diagnostic("unreadable", "not read: its real location is outside the repository", path)
        ]
    try:
        with Path(real).open("rb") as fh:
            data = fh.read()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, [Diagnostic("unreadable", f"cannot be read: {reason}", path)]
    if is_binary(data):
        return None, []

    diagnostics: list[Diagnostic] = []
    skipped = 0
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        skipped = len(codecs.BOM_UTF8)
        encoding = "utf-8"
    else:
        encoding = "utf-8"
        if language is _L.PYTHON:
            encoding = _python_encoding(data, path, diagnostics)

    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        label = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        bad = data[exc.start]
        diagnostics.append(
            Diagnostic(
                "encoding",
                f"not valid {label} (byte 0x{bad:02x} at offset {exc.start + skipped}); "
                "shown with replacement characters",
                path,
                _line_at(data, exc.start),
            )
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, diagnostics


def _python_encoding(data: bytes, path: str, diagnostics: list[Diagnostic]) -> str:
    """The PEP 263 encoding of Python source (UTF-8 when the cookie names nothing usable)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        lines = data.splitlines()[:2]
        line = next((i for i, raw in enumerate(lines, 1) if _COOKIE.match(raw)), 1)
        diagnostics.append(
            Diagnostic("encoding", f"bad coding cookie ({exc.msg}); read as UTF-8", path, line)
        )
        return "utf-8"
    return "utf-8" if encoding == "utf-8-sig" else encoding


# --------------------------------------------------------------------------------------------
# Discovery
# --------------------------------------------------------------------------------------------


def _compile(
    patterns: Iterable[str], origin: str, subtype: str, diagnostics: list[Diagnostic]
) -> pathspec.GitIgnoreSpec | None:
    """A gitignore-style spec; a pattern pathspec rejects is dropped with a diagnostic."""
    lines = list(patterns)
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError:
        good: list[str] = []
        for pattern in lines:
            try:
                pathspec.GitIgnoreSpec.from_lines([pattern])
            except ValueError:
                diagnostics.append(
                    Diagnostic(subtype, f"invalid pattern {pattern!r} ignored", origin)
                )
            else:
                good.append(pattern)
        spec = pathspec.GitIgnoreSpec.from_lines(good)
    return spec if len(spec) else None


class _Rules:
    """The selection rules shared by the git listing and the walk."""

    def __init__(self, config: RepodocConfig, real_root: str, diagnostics: list[Diagnostic]):
        self.root = real_root
        self.diagnostics = diagnostics
        self.exclude = _compile(config.exclude, "repodoc_exclude", "config", diagnostics)
        self.include = _compile(config.include, "repodoc_include", "config", diagnostics)
        self.skip_rel: set[str] = set()
        for folder in config.skip_dirs:
            real = os.path.realpath(folder)
            if _inside(real, real_root):
                self.skip_rel.add(Path(os.path.relpath(real, real_root)).as_posix())

    def skip_dir_name(self, rel: str, name: str) -> bool:
        """A folder left out whatever its content: VCS, skip_dirs, ``exclude``."""
        if name in ALWAYS_EXCLUDED_DIRS or rel in self.skip_rel:
            return True
        return self.exclude is not None and self.exclude.match_file(rel + "/")

    def select_file(self, rel: str) -> bool:
        if self.exclude is not None and self.exclude.match_file(rel):
            return False
        return self.include is None or self.include.match_file(rel)

    def follow_link(self, abspath: Path, rel: str, report: bool = True) -> os.stat_result | None:
        """The stat of a link's target when it is a file inside the root, else None.

        A link that leaves the root, dangles or loops gets a ``symlink`` diagnostic (unless
        ``report`` is false: the caller reports it elsewhere); a link to a folder inside the
        root is skipped quietly (its files are documented where they are).
        """
        try:
            target = os.path.realpath(abspath, strict=True)
            st = Path(target).stat()
        except OSError as exc:
            why = "loops" if exc.errno == errno.ELOOP else "dangles"
            self._link_diag(rel, f"symbolic link {why}; skipped", report)
            return None
        except RuntimeError:
            self._link_diag(rel, "symbolic link loops; skipped", report)
            return None
        if not _inside(target, self.root):
            self._link_diag(
                rel, "symbolic link points outside the repository root; skipped", report
            )
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        target_rel = Path(os.path.relpath(target, self.root)).as_posix()
        parts = target_rel.split("/")
        for i, part in enumerate(parts[:-1]):
            if part in ALWAYS_EXCLUDED_DIRS or "/".join(parts[: i + 1]) in self.skip_rel:
                self._link_diag(
                    rel, "symbolic link points into an excluded folder; skipped", report
                )
                return None
        return st

    def _link_diag(self, rel: str, message: str, report: bool) -> None:
        if report:
            self.diagnostics.append(Diagnostic("symlink", message, rel))

    def make(self, rel: str, abspath: Path, size: int) -> DiscoveredFile:
        """Build the entry of a checked file, sniffing its first bytes if the name is unknown."""
        lang = _language_by_name(rel)
        if lang is None:
            head = b""
            if size > 0:
                try:
                    with abspath.open("rb") as fh:
                        head = fh.read(HEAD_BYTES)
                except OSError:
                    head = b""  # read_text reports it when the page is built
            lang = language_for(rel, head)
        return DiscoveredFile(rel, abspath, size, lang)


def _utf8_ok(rel: str, diagnostics: list[Diagnostic]) -> bool:
    """File names that are not valid UTF-8 cannot become docnames or URLs; skip them."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        diagnostics.append(Diagnostic("scan", "file name is not valid UTF-8; skipped", shown))
        return False
    return True


def _git_listing(real_root: str, diagnostics: list[Diagnostic]) -> list[str] | None:
    """Paths relative to the root as git sees them, or None when the root is not in git."""
    env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV_DROP}
    try:
        probe = subprocess.run(
            ["git", "-C", real_root, "rev-parse", "--show-toplevel"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=_GIT_PROBE_TIMEOUT,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if probe.returncode != 0 or not probe.stdout.strip():
        return None
    try:
        # With cwd=root, git lists only what is under root, relative to root.
        listing = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=real_root,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=_GIT_LIST_TIMEOUT,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        diagnostics.append(
            Diagnostic("scan", f"git ls-files failed ({exc}); walking the folder instead")
        )
        return None
    if listing.returncode != 0:
        err = listing.stderr.decode("utf-8", "replace").strip().splitlines()
        diagnostics.append(
            Diagnostic(
                "scan",
                f"git ls-files failed ({err[-1] if err else listing.returncode}); "
                "walking the folder instead",
            )
        )
        return None
    entries = [os.fsdecode(raw) for raw in listing.stdout.split(b"\0") if raw]
    # Empty: the root is ignored by its enclosing repository; walking still finds its files.
    return entries or None


def _from_listing(rules: _Rules, entries: list[str]) -> list[DiscoveredFile]:
    root = Path(rules.root)
    skipped_dirs: dict[str, bool] = {"": False}

    def dir_skipped(rel: str) -> bool:
        known = skipped_dirs.get(rel)
        if known is not None:
            return known
        parent, _, name = rel.rpartition("/")
        result = dir_skipped(parent) or rules.skip_dir_name(rel, name)
        if not result:
            absdir = root / rel
            try:
                st = os.lstat(absdir)
            except OSError:
                result = True
            else:
                if stat.S_ISLNK(st.st_mode):
                    # The work tree no longer matches the index: a folder became a link.
                    # Never look through it.
                    rules.follow_link(absdir, rel)
                    result = True
                else:
                    result = not stat.S_ISDIR(st.st_mode) or os.path.lexists(absdir / STUB_MARKER)
        skipped_dirs[rel] = result
        return result

    found: list[DiscoveredFile] = []
    for rel in sorted(set(entries)):
        if rel.endswith("/") or not _utf8_ok(rel, rules.diagnostics):
            continue  # an untracked nested repository, or an unusable name
        parent, _, name = rel.rpartition("/")
        if name in ALWAYS_EXCLUDED_DIRS or dir_skipped(parent) or not rules.select_file(rel):
            continue
        abspath = root / rel
        try:
            st = os.lstat(abspath)
        except OSError:
            continue  # deleted from the work tree but not from the index
        if stat.S_ISLNK(st.st_mode):
            target_st = rules.follow_link(abspath, rel)
            if target_st is not None:
                found.append(rules.make(rel, abspath, target_st.st_size))
        elif stat.S_ISREG(st.st_mode):
            found.append(rules.make(rel, abspath, st.st_size))
        # else: a submodule (a folder) or a special file
    return found


#: The ``.gitignore`` files that apply in a folder, shallowest first: (their folder + "/", spec).
_IgnoreStack = tuple[tuple[str, pathspec.GitIgnoreSpec], ...]


def _walk(rules: _Rules) -> list[DiscoveredFile]:
    """Walk the root without following linked folders, applying every ``.gitignore`` met."""
    found: list[DiscoveredFile] = []
    todo: list[tuple[str, _IgnoreStack]] = [("", ())]

    def ignored(rel: str, stack: _IgnoreStack, is_dir: bool) -> bool:
        # The deepest .gitignore with an opinion wins (it may negate a shallower one).
        for base, spec in reversed(stack):
            sub = rel[len(base) :] + ("/" if is_dir else "")
            verdict = spec.check_file(sub).include
            if verdict is not None:
                return verdict
        return False

    while todo:
        reldir, stack = todo.pop()
        absdir = Path(rules.root, reldir)
        try:
            with os.scandir(absdir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            rules.diagnostics.append(
                Diagnostic("unreadable", f"folder cannot be listed: {exc.strerror}", reldir or ".")
            )
            continue
        if reldir and any(e.name == STUB_MARKER for e in entries):
            continue
        prefix = reldir + "/" if reldir else ""
        for entry in entries:
            if entry.name == ".gitignore":
                spec = _read_gitignore(entry, prefix + entry.name, rules)
                if spec is not None:
                    stack = (*stack, (prefix, spec))
                break

        subdirs: list[tuple[str, _IgnoreStack]] = []
        for entry in entries:
            name = entry.name
            if name in ALWAYS_EXCLUDED_DIRS:
                continue
            rel = prefix + name
            try:
                if entry.is_symlink():
                    # git matches a link as a file, whatever it points to.
                    if ignored(rel, stack, False) or not rules.select_file(rel):
                        continue
                    if not _utf8_ok(rel, rules.diagnostics):
                        continue
                    target_st = rules.follow_link(Path(entry.path), rel)
                    if target_st is not None:
                        found.append(rules.make(rel, Path(entry.path), target_st.st_size))
                elif entry.is_dir(follow_symlinks=False):
                    if not rules.skip_dir_name(rel, name) and not ignored(rel, stack, True):
                        subdirs.append((rel, stack))
                elif entry.is_file(follow_symlinks=False):
                    if ignored(rel, stack, False) or not rules.select_file(rel):
                        continue
                    if not _utf8_ok(rel, rules.diagnostics):
                        continue
                    size = entry.stat(follow_symlinks=False).st_size
                    found.append(rules.make(rel, Path(entry.path), size))
            except OSError:
                continue  # vanished while walking
        todo.extend(reversed(subdirs))
    return found


def _read_gitignore(
    entry: os.DirEntry[str], rel: str, rules: _Rules
) -> pathspec.GitIgnoreSpec | None:
    """Patterns of one ``.gitignore`` (a link to it is followed only inside the root)."""
    try:
        if entry.is_symlink():
            # Reported (if it leaves the root) when the walk meets it as a file.
            if rules.follow_link(Path(entry.path), rel, report=False) is None:
                return None
        elif not entry.is_file(follow_symlinks=False):
            return None
        with Path(entry.path).open("rb") as fh:
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return None
    return _compile(text.splitlines(), rel, "scan", rules.diagnostics)


def discover(config: RepodocConfig) -> tuple[list[DiscoveredFile], list[Diagnostic]]:
    """The files to document under ``config.root``, sorted by path, and what went wrong."""
    diagnostics: list[Diagnostic] = []
    real_root = os.path.realpath(config.root)
    if not Path(real_root).is_dir():
        return [], [Diagnostic("scan", f"repository root {config.root} is not a folder")]
    rules = _Rules(config, real_root, diagnostics)
    entries = _git_listing(real_root, diagnostics)
    files = _walk(rules) if entries is None else _from_listing(rules, entries)
    files.sort(key=lambda f: f.path)
    diagnostics.sort(key=lambda d: (d.path or "", d.subtype, d.message))
    return files, diagnostics
