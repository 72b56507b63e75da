"""``python -m sphinxcontrib_repodoc scan PATH --json``: the model, without Sphinx.

The flags mirror the ``repodoc_*`` options, so extraction can be debugged and benchmarked on
its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from .config import OPTIONS, RepodocConfig
from .model import Repository, SourceFile, to_jsonable
from .scan import scan

_LIST_OPTIONS = ("include", "exclude", "python_paths", "cpp_include_dirs")
_INT_OPTIONS = ("git_commits", "related_files")


def model_json(repo: Repository) -> dict[str, Any]:
    """The documented JSON form of the model (see ``schema/repository.schema.json``)."""
    data = repo.to_json()
    data["files"] = [_file_json(f) for f in repo.files]
    return data


def _file_json(source: SourceFile) -> dict[str, Any]:
    data = to_jsonable(source)
    data["summary"] = source.summary
    data["imports"] = [
        {
            **{k: v for k, v in to_jsonable(imp).items() if k != "names"},
            "names": [n.name for n in imp.names],
            "aliases": {n.name: n.alias for n in imp.names if n.alias},
        }
        for imp in source.imports
    ]
    return data


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sphinxcontrib_repodoc")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("scan", help="scan a tree and print its model")
    cmd.add_argument("path", type=Path, help="the repository root (repodoc_root)")
    cmd.add_argument("--json", action="store_true", help="print the model as JSON")
    cmd.add_argument("-j", "--jobs", type=int, default=1, help="extract in this many processes")
    cmd.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="FILE",
        help="keep per-file facts in FILE between scans (only changed files are extracted again)",
    )
    for option in OPTIONS:
        flag = "--" + option.name.replace("_", "-")
        if option.name in _LIST_OPTIONS:
            cmd.add_argument(
                flag,
                action="append",
                default=None,
                metavar="PATTERN",
                help=f"{option.help} (repeatable)",
            )
        elif option.name == "max_file_bytes" or option.name in _INT_OPTIONS:
            cmd.add_argument(flag, type=int, default=option.default, help=option.help)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.path.resolve()
    if not root.is_dir():
        print(f"error: {args.path} is not a folder", file=sys.stderr)
        return 2
    values: dict[str, Any] = {"max_file_bytes": args.max_file_bytes}
    values.update((name, getattr(args, name)) for name in _INT_OPTIONS)
    for name in _LIST_OPTIONS:
        given = getattr(args, name)
        if given is not None:
            values[name] = given
    started = time.perf_counter()
    repo = scan(RepodocConfig.from_values(root, values), jobs=args.jobs, cache_file=args.cache)
    elapsed = time.perf_counter() - started
    if args.json:
        json.dump(model_json(repo), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        symbols = sum(len(f.all_symbols()) for f in repo.files)
        print(
            f"{len(repo.files)} files, {len(repo.folders)} folders, {symbols} symbols, "
            f"{len(repo.diagnostics)} diagnostics in {elapsed:.2f}s"
        )
    for diag in repo.diagnostics:
        print(f"{diag.location}: {diag.message} [repodoc.{diag.subtype}]", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
