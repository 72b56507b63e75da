"""The scan cache: the analysed model of the last scan, and every file's facts by content.

What one file yields before analysis (its :class:`~.model.SourceFile` and diagnostics) depends
only on its path, its bytes and a few settings, so that is the facts' key: a rebuild
re-extracts only the files that changed. When nothing the analysis reads has changed either
(every file's key, the configuration, the root's tool files, the git commit), the whole
model of the last scan is reused and the facts are not even loaded.

The cache is one file written by us under the build folder, holding two pickles one after
the other (the model first, so that a no-change build reads only that); it is versioned and
safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .model import Diagnostic, Repository, SourceFile

CACHE_VERSION = 3
Entry = tuple["SourceFile", tuple["Diagnostic", ...]]


def settings_key(*parts: Any) -> str:
    """Everything besides the file that changes what extraction yields."""
    blob = repr(
        (CACHE_VERSION, __version__, code_stamp(), sys.version_info[:2], _grammars(), parts)
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def code_stamp() -> str:
    """Our own modules and tree-sitter queries (name, size, modification time), and the
    Pygments version: an edited extractor or analysis must not be served facts or a model
    from before the edit, new version number or not."""
    import pygments

    package = Path(__file__).parent
    stamp = hashlib.sha256(pygments.__version__.encode())  # lexer names are in the model
    code = [p for p in package.rglob("*") if p.suffix in (".py", ".scm") and p.is_file()]
    for path in sorted(code):
        info = path.stat()
        stamp.update(f"{path.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return stamp.hexdigest()


def _grammars() -> tuple[str, ...]:
    """The tree-sitter grammars present: installing one changes what a file yields."""
    from .extractors import treesitter

    present = []
    for module in sorted({spec.module for spec in treesitter.SPECS.values()}):
        try:
            treesitter._import_grammar(module)
        except ImportError:
            continue
        present.append(module)
    return tuple(present)


class ScanCache:
    """The model of the last scan under its key, and ``{(path, content hash): entry}`` for
    one settings key; facts unused by a scan are dropped when it is saved, so the file never
    grows past the repository.

    The file holds a small header (versions, keys, the model's length in bytes), the model,
    then the facts: a no-change build reads the header and the model only, any other build
    the header and the facts only (it skips the model's bytes).
    """

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self._head: dict[str, Any] = {}
        self._old: dict[tuple[str, str], Entry] | None = None  # loaded on first use
        self._new: dict[tuple[str, str], Entry] = {}
        self._changed = False
        self.hits = 0
        with contextlib.suppress(Exception), self._open() as f:  # missing, corrupt or older
            head = pickle.load(f)
            if head.get("version") == CACHE_VERSION and head.get("key") == key:
                self._head = head

    def _open(self) -> IO[bytes]:
        if self.path is None:
            raise FileNotFoundError("no cache file")
        return self.path.open("rb")

    def model(self, model_key: str) -> Repository | None:
        """The model of the last scan, when it was made from exactly these inputs."""
        if not self._head or self._head.get("model_key") != model_key:
            return None
        with contextlib.suppress(Exception), self._open() as f:
            pickle.load(f)  # the header
            return pickle.load(f)  # type: ignore[no-any-return]
        return None

    def _facts(self) -> dict[tuple[str, str], Entry]:
        if self._old is None:
            self._old = {}
            if self._head:
                with contextlib.suppress(Exception), self._open() as f:
                    pickle.load(f)  # the header
                    f.seek(self._head["model_bytes"], os.SEEK_CUR)
                    facts = pickle.load(f)
                    if isinstance(facts, dict):
                        self._old = facts
        return self._old

    def get(self, path: str, digest: str) -> Entry | None:
        entry = self._facts().get((path, digest))
        if entry is not None:
            self.hits += 1
            self._new[path, digest] = entry
        return entry

    def put(self, path: str, digest: str, entry: Entry) -> None:
        if self._new.get((path, digest)) is not entry:
            self._changed = True
        self._new[path, digest] = entry

    def save(self, model_key: str, model: Repository | None) -> None:
        """Write atomically, and only when something changed. ``model`` None: keep the facts
        only (a model made from inputs the key does not capture must not be reused)."""
        if self.path is None:
            return
        if (
            not self._changed
            and len(self._new) == len(self._facts())
            and model is not None
            and model_key == self._head.get("model_key")
        ):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=".repodoc-cache-")
        tmp = Path(name)
        blob = pickle.dumps(model, pickle.HIGHEST_PROTOCOL)
        head = {
            "version": CACHE_VERSION,
            "key": self.key,
            "model_key": model_key if model is not None else None,
            "model_bytes": len(blob),
        }
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(head, f, pickle.HIGHEST_PROTOCOL)
                f.write(blob)
                pickle.dump(self._new, f, pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
