"""``python -m sphinxcontrib_repodoc scan PATH --json``: the model, without Sphinx."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from buildutil import ROOTS

from sphinxcontrib_repodoc.model import SCHEMA_VERSION, Kind, Language, Origin, Purpose

SCHEMA = Path(__file__).parent.parent / "sphinxcontrib_repodoc/schema/repository.schema.json"
SRC = ROOTS / "test-basic" / "src"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_repodoc", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def scanned() -> tuple[dict, str]:
    proc = _run("scan", str(SRC), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc.stderr


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _files(data: dict) -> dict[str, dict]:
    return {f["path"]: f for f in data["files"]}


def test_output_is_valid_against_the_schema(scanned, schema):
    data, _ = scanned
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["name"] == "src"


def test_schema_is_strict_enough_to_catch_a_wrong_value(scanned, schema):
    data, _ = scanned
    broken = json.loads(json.dumps(data))
    broken["files"][0]["language"] = "klingon"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)
    broken = json.loads(json.dumps(data))
    broken["files"][0]["unexpected"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_schema_enums_are_the_model_enums(schema):
    defs = schema["$defs"]
    assert defs["language"]["enum"] == [v.value for v in Language]
    assert defs["kind"]["enum"] == [v.value for v in Kind]
    assert defs["purpose"]["enum"] == [v.value for v in Purpose]
    assert defs["origin"]["enum"] == [v.value for v in Origin]


def test_every_file_of_the_tree_once(scanned):
    data, _ = scanned
    on_disk = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*") if p.is_file())
    assert [f["path"] for f in data["files"]] == on_disk


def test_arrays_are_sorted(scanned):
    data, _ = scanned
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(paths)
    folders = [f["path"] for f in data["folders"]]
    assert folders == sorted(folders)
    assert folders == [".", "docs", "pkg", "pkg/sub", "tests"]

    def check_symbols(symbols: list[dict]) -> None:
        lines = [s["line"] for s in symbols]
        assert lines == sorted(lines)
        for s in symbols:
            check_symbols(s["children"])

    for f in data["files"]:
        check_symbols(f["symbols"])
        lines = [i["line"] for i in f["imports"]]
        assert lines == sorted(lines)
        assert f["imported_by"] == sorted(f["imported_by"])
    for folder in data["folders"]:
        assert folder["files"] == sorted(folder["files"])
        assert folder["folders"] == sorted(folder["folders"])
    diagnostics = [(d["path"], d["line"]) for d in data["diagnostics"]]
    assert diagnostics == sorted(diagnostics)


def test_symbols_nest(scanned):
    core = _files(scanned[0])["pkg/core.py"]
    engine = next(s for s in core["symbols"] if s["name"] == "Engine")
    assert engine["kind"] == "class"
    assert engine["qualname"] == "Engine"
    children = {(c["kind"], c["qualname"]) for c in engine["children"]}
    assert ("method", "Engine.start") in children
    assert ("property", "Engine.size") in children
    part = next(c for c in engine["children"] if c["name"] == "Part")
    assert [(c["kind"], c["qualname"]) for c in part["children"]] == [
        ("method", "Engine.Part.spin")
    ]
    assert engine["docstring"].startswith("Runs jobs.")


def test_imports_are_resolved(scanned):
    files = _files(scanned[0])
    imports = {i["module"]: i for i in files["pkg/core.py"]["imports"]}
    assert imports["os"]["origin"] == "stdlib"
    assert imports["os"]["target"] is None
    assert imports["requests"]["origin"] == "third-party"
    assert imports["requests"]["target"] is None
    assert imports["pkg.sub.deep"]["origin"] == "local"
    assert imports["pkg.sub.deep"]["target"] == "pkg/sub/deep.py"
    assert imports["pkg.sub.deep"]["type_checking"] is True
    assert imports["pkg.sub.deep"]["names"] == ["Deep"]
    helper = next(i for i in files["pkg/core.py"]["imports"] if i["names"] == ["helper"])
    assert helper["target"] == "pkg/util.py"
    assert helper["level"] == 1
    assert files["pkg/util.py"]["imported_by"] == ["pkg/core.py"]
    assert files["pkg/core.py"]["imported_by"] == [
        "pkg/__init__.py",
        "pkg/sub/deep.py",
        "tests/test_core.py",
    ]


def test_file_facts(scanned):
    files = _files(scanned[0])
    core = files["pkg/core.py"]
    assert core["language"] == "python"
    assert core["module"] == "pkg.core"
    assert core["size"] == (SRC / "pkg/core.py").stat().st_size
    assert core["lines"] == 57
    assert core["summary"] == "Core engine."
    assert files["config.yaml"]["language"] == "yaml"
    assert files["tests/broken.py"]["parsed"] is False
    assert files["tests/test_core.py"]["purpose"] == "test"


def test_diagnostics_are_reported(scanned):
    data, stderr = scanned
    assert data["diagnostics"] == [
        {
            "subtype": "syntax",
            "message": "cannot parse: invalid syntax",
            "path": "tests/broken.py",
            "line": 1,
        }
    ]
    assert "tests/broken.py:1: cannot parse: invalid syntax [repodoc.syntax]" in stderr


def test_flags_mirror_the_options():
    proc = _run("scan", str(SRC), "--json", "--exclude", "tests/", "--exclude", "*.md")
    assert proc.returncode == 0, proc.stderr
    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert paths == [
        "config.yaml",
        "pkg/__init__.py",
        "pkg/core.py",
        "pkg/sub/deep.py",
        "pkg/util.py",
    ]
    proc = _run("scan", str(SRC), "--json", "--max-file-bytes", "100")
    big = _files(json.loads(proc.stdout))["pkg/core.py"]
    assert big["skipped"] == "too-large"
    assert big["symbols"] == []


def test_summary_line_without_json():
    proc = _run("scan", str(SRC))
    assert proc.returncode == 0
    assert proc.stdout.startswith("9 files, 5 folders, ")


def test_not_a_folder(tmp_path):
    proc = _run("scan", str(tmp_path / "missing"), "--json")
    assert proc.returncode == 2
    assert "is not a folder" in proc.stderr
