"""Extract, merge and compile the message catalogs of sphinxcontrib-repodoc.

    python tools/update_catalog.py              # .pot from the code, .po merged, .mo compiled
    python tools/update_catalog.py --init fr    # start a catalog for a new language
    python tools/update_catalog.py --check      # exit 1 if any of them is out of date

Messages are the string literals passed to ``_`` (page labels), ``__`` (console messages),
``ngettext`` (labels with a number) and ``N_`` (constants marked in the core, which cannot
import Sphinx, and translated by the glue when it renders them), anywhere in the package.
Babel (a dependency of Sphinx) does the work; locations carry file names only, so that moving
code around does not change the template.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sphinxcontrib_repodoc"
LOCALES = PACKAGE / "locales"
DOMAIN = "sphinxcontrib-repodoc"
KEYWORDS = {"_": None, "__": None, "N_": None, "ngettext": (1, 2)}
POT = LOCALES / f"{DOMAIN}.pot"


def extract(package: Path = PACKAGE) -> Catalog:
    """The template catalog: every marked message of the package, sorted."""
    catalog = Catalog(
        project=DOMAIN,
        version=_version(package),
        copyright_holder="sphinxcontrib-repodoc developers",
        msgid_bugs_address="",
        charset="utf-8",
        fuzzy=False,
    )
    found = extract_from_dir(
        str(package),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = (f"{package.name}/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _version(package: Path) -> str:
    for line in (package / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return ""


def messages(catalog: Catalog) -> list[tuple[object, str | None]]:
    """What a catalog says, without its header: (msgid, translation) pairs, sorted."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        string = message.string
        if isinstance(string, list | tuple):
            string = "\x00".join(string)
        out.append((message.id, string or None))
    return sorted(out, key=repr)


def po_text(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def po_files(locales: Path = LOCALES) -> list[Path]:
    return sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update(check: bool = False) -> list[str]:
    """Bring the .pot, every .po and every .mo up to date; return what was (or would be)
    changed. A file whose messages did not change is left alone (no new header date)."""
    changed: list[str] = []
    template = extract()
    if not POT.exists() or messages(read(POT)) != messages(template):
        changed.append(str(POT.relative_to(REPO)))
        if not check:
            POT.parent.mkdir(parents=True, exist_ok=True)
            POT.write_bytes(po_text(template))
    for po in po_files():
        catalog = read(po, locale=po.parent.parent.name)
        before = messages(catalog)
        catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
        if messages(catalog) != before or catalog.obsolete:
            changed.append(str(po.relative_to(REPO)))
            catalog.obsolete.clear()
            if not check:
                po.write_bytes(po_text(catalog))
        mo = po.with_suffix(".mo")
        # compiled from the .po as written (the tests compile it the same way)
        compiled = mo_bytes(catalog if check else read(po, locale=po.parent.parent.name))
        if not mo.exists() or mo.read_bytes() != compiled:
            changed.append(str(mo.relative_to(REPO)))
            if not check:
                mo.write_bytes(compiled)
    return changed


def init(language: str) -> Path:
    """A new, empty catalog for ``language`` (fill in its ``msgstr`` and run the tool again)."""
    po = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.exists():
        raise SystemExit(f"{po.relative_to(REPO)} exists already")
    catalog = Catalog(
        locale=language,
        project=DOMAIN,
        version=_version(PACKAGE),
        copyright_holder="sphinxcontrib-repodoc developers",
        fuzzy=False,
    )
    catalog.update(extract(), no_fuzzy_matching=True)
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_bytes(po_text(catalog))
    return po


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    parser.add_argument("--init", metavar="LANG", help="start a catalog for a new language")
    args = parser.parse_args(argv)
    if args.init:
        print(f"created {init(args.init).relative_to(REPO)}")
    changed = update(check=args.check)
    for path in changed:
        print(("out of date: " if args.check else "updated: ") + path)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
