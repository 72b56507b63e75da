"""Per-file facts, keyed by content: a rebuild re-extracts only the files that changed.

What one file yields before analysis (its :class:`~.model.SourceFile` and diagnostics) depends
only on its path, its bytes and a few settings, so that is the key. The cache is one pickle
file written by us under the build folder; it is versioned and safe to delete.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .model import Diagnostic, SourceFile

CACHE_VERSION = 1
Entry = tuple["SourceFile", tuple["Diagnostic", ...]]


def settings_key(*parts: Any) -> str:
    """Everything besides the file that changes what extraction yields."""
    blob = repr((CACHE_VERSION, __version__, sys.version_info[:2], _grammars(), parts))
    return hashlib.sha256(blob.encode()).hexdigest()


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


class FactsCache:
    """``{(path, content hash): entry}`` for one settings key; entries unused by a scan are
    dropped when it is saved, so the file never grows past the repository."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self._old: dict[tuple[str, str], Entry] = {}
        self._new: dict[tuple[str, str], Entry] = {}
        self.hits = 0
        if path is not None:
            with contextlib.suppress(Exception):  # missing, corrupt or older: start empty
                with path.open("rb") as f:
                    data = pickle.load(f)
                if data.get("key") == key:
                    self._old = data["entries"]

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def get(self, path: str, digest: str) -> Entry | None:
        entry = self._old.get((path, digest))
        if entry is not None:
            self.hits += 1
            self._new[path, digest] = entry
        return entry

    def put(self, path: str, digest: str, entry: Entry) -> None:
        self._new[path, digest] = entry

    def save(self) -> None:
        """Write atomically, and only when something changed."""
        if self.path is None or self._new == self._old:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=".repodoc-cache-")
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump({"key": self.key, "entries": self._new}, f, pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
