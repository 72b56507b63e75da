"""A fingerprint per page: the hash of exactly the data its sections show.

The sections a page shows are read from its stub text, so an overridden template that adds or
drops a section changes the fingerprint with it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from typing import TYPE_CHECKING

from ..model import to_jsonable
from .sections import FILE_SECTIONS, FOLDER_SECTIONS, OutlineEntry

if TYPE_CHECKING:
    from ..model import Repository
    from .plan import Page

SECTION_RE = re.compile(r"^\s*\.\.\s+repodoc:section::\s*(\S+)", re.MULTILINE)


def sections_in(stub_text: str) -> list[str]:
    return SECTION_RE.findall(stub_text)


def section_data(repo: Repository, page: Page, name: str, max_files: int) -> object:
    """The data of section ``name`` on ``page``, or None when it does not apply."""
    if page.kind.of_folder:
        folder = repo.folder(page.path)
        func = FOLDER_SECTIONS.get(name)
        if folder is None or func is None:
            return None
        return func(repo, folder, max_files) if name == "toctree" else func(repo, folder)
    source = repo.file(page.path)
    func = FILE_SECTIONS.get(name)
    if source is None or func is None:
        return None
    return func(repo, source)


#: the fields, in order, of the section data that pages keep in their doctrees (a lazy
#: outline's entries, which unpickle by position): another order must read the pages again
KEPT_LAYOUT = [f.name for f in dataclasses.fields(OutlineEntry)]


def fingerprint(
    repo: Repository,
    page: Page,
    stub_text: str,
    max_files: int,
    keep: dict[tuple[str, str], object] | None = None,
) -> str:
    """The page's fingerprint; ``keep`` receives each section's data under (docname, section
    name), so that reading the page does not compute it a second time."""
    data = []
    for name in sections_in(stub_text):
        value = section_data(repo, page, name, max_files)
        if keep is not None:
            keep[page.docname, name] = value
        data.append([name, to_jsonable(value)])
    blob = json.dumps(
        [KEPT_LAYOUT, stub_text, data], sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
