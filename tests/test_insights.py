"""A real build of ``tests/roots/test-insights`` inside a small git history: purpose and
components, tests ↔ code with commands, findings with evidence links, ranked related files
with co-change, folder insights, and no empty section anywhere."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from buildutil import Site, build, copy_root, empty_parts, html_pages, links, warnings_of

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

F = "repodoc/files"
R = "repodoc/related"


def _git(root, *args, day=1):
    stamp = f"2024-03-{day:02d}T10:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _commit(root, day, *edits):
    for path in edits:
        with (root / "src" / path).open("a", encoding="utf-8") as f:
            f.write(f"\n# edit {day}\n" if path.endswith(".py") else f"\n// edit {day}\n")
    _git(root, "add", "-A", day=day)
    _git(root, "commit", "-q", "-m", f"day {day}", day=day)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = copy_root("insights", tmp_path_factory.mktemp("insights"))
    (root / ".gitignore").write_text("_build/\nrepodoc/\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _commit(root, 1)
    _commit(root, 2, "lib/store.py", "lib/cli.py")
    _commit(root, 3, "lib/store.py", "lib/cli.py", "tests/test_store.py")
    return build(root)


@pytest.fixture(scope="module")
def site(app) -> Site:
    return Site(app.outdir)


def _hrefs(el, page):
    return [target for _text, target in links(el, page)]


def test_clean_build(app):
    assert warnings_of(app) == []


def test_findings_with_evidence_links(site):
    page = f"{F}/lib/store.py"
    sect = site.section(page, "findings")
    rules = [e.text for e in sect.find_all("code", cls="repodoc-rule")]
    assert rules == ["pickle-load", "yaml-load", "shell-true"]
    lines = {t.partition("#")[2] for t in _hrefs(sect, page) if "#L-" in t}
    assert lines == {"L-11", "L-15", "L-23"}
    assert {"L-11", "L-15", "L-23"} <= site.tree(page).ids()
    # safe_load (line 19) and shell=False (line 24) are look-alikes
    assert "L-19" not in sect.text and "L-24" not in _hrefs(sect, page)


def test_cuda_findings_ignore_comments_and_strings(site):
    sect = site.section(f"{F}/lib/native/kernels.cu", "findings")
    rules = [e.text for e in sect.find_all("code", cls="repodoc-rule")]
    assert rules == ["cuda-kernel", "cuda-launch"]
    assert "(scale)" in sect.text


def test_no_finding_no_section(site):
    assert site.section(f"{F}/lib/plain.py", "findings") is None
    assert site.section(f"{F}/lib/plain.py", "tested-by") is None
    assert site.section(f"{F}/lib/plain.py", "tests") is None


def test_console_script_and_main_guard(site):
    sect = site.section(f"{F}/lib/cli.py", "findings")
    assert "cli-entry-point" in sect.text
    assert "console script demo-run" in sect.text


def test_tested_by_with_cases_and_commands(site):
    sect = site.section(f"{F}/lib/store.py", "tested-by")
    commands = [e.text for e in sect.find_all("code", cls="repodoc-command")]
    assert commands == [
        "pytest tests/test_store.py",
        "pytest tests/test_store.py::test_load",
        "pytest tests/test_store.py::test_settings",
        "pytest tests/test_store.py::TestBuild::test_build_runs",
    ]
    assert f"{F}/tests/test_store.py.html#L-4" in _hrefs(sect, f"{F}/lib/store.py")
    # the table says which cases it shows: those naming the file's code
    assert "The 3 test cases that name this file's code:" in sect.text


def test_test_file_lists_what_it_tests(site):
    page = f"{F}/tests/test_store.py"
    sect = site.section(page, "tests")
    assert "Run this file: pytest tests/test_store.py" in sect.text
    assert f"{F}/lib/store.py.html" in _hrefs(sect, page)
    assert "name pairs with this file" in sect.text
    assert len(sect.find_all("code", cls="repodoc-command")) == 4


def test_gtest_case_with_the_project_command(site):
    sect = site.section(f"{F}/ctests/vitals_test.cpp", "tests")
    commands = [e.text for e in sect.find_all("code", cls="repodoc-command")]
    assert "build/bin/vitals_test --gtest_filter=Vitals.Basic" in commands
    tested = site.section(f"{F}/lib/native/vitals.cpp", "tested-by")
    assert "ctests/vitals_test.cpp" in tested.text


def test_context_component_and_last_change(site):
    text = site.tree(f"{F}/lib/native/kernels.cu").one("dl", cls="repodoc-context").text
    assert "native kernels" in text
    assert "lib/native/" in text
    assert "2024-03-01 · commit" in text
    store = site.tree(f"{F}/lib/store.py").one("dl", cls="repodoc-context").text
    assert "the library" in store and "2024-03-03" in store


def test_purpose_override_is_explained(site):
    meta = site.tree(f"{F}/tools/fixtures/sample.py").one("dl", cls="repodoc-metadata").text
    assert "test-support" in meta
    assert "set by repodoc_purpose pattern tools/fixtures/**" in meta


def test_related_ranked_with_reasons(site):
    page = f"{R}/lib/store.py"
    sect = site.section(page, "ranked")
    items = [li.text for li in sect.find_all("li")]
    assert items[0].startswith("tests/test_store.py")
    assert "imports this file · tests this file" in items[0]
    cli = next(i for i in items if i.startswith("lib/cli.py"))
    assert "imports this file · changed together in 3 of its 3 last commits · same folder" in cli
    # the full lists stay below the ranking
    assert site.section(page, "importers") is not None


def test_folder_insights(site):
    # on the folder's documentation page, beside its index
    tree = site.tree("repodoc/about/lib/index")
    assert "the library" in tree.one(cls="repodoc-component").text
    assert "lib/cli.py" in tree.one(cls="repodoc-entry-points").text
    findings = tree.one(cls="repodoc-folder-findings").text
    for rule in ("pickle-load", "cuda-kernel", "cli-entry-point"):
        assert rule in findings
    root = site.tree("repodoc/about/index")
    assert "pytest tests/test_store.py" in root.one(cls="repodoc-folder-tests").text


GENERIC = re.compile(
    r"No obvious|requires profiling|Manual review|may be located|approximately 0", re.IGNORECASE
)


def test_no_empty_or_generic_section(app, site):
    pages = html_pages(app.outdir, "repodoc")
    assert len(pages) > 20
    for page in pages:
        tree = site.tree(page)
        assert empty_parts(tree) == [], page
        assert not GENERIC.search(tree.text), page


def _build_reads(make_app, srcdir) -> set[str]:
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings_of(app) == []
    return set(read)


def test_fingerprints_cover_the_insight_sections(tmp_path, make_app):
    root = copy_root("insights", tmp_path / "project")
    _build_reads(make_app, root)
    assert _build_reads(make_app, root) == set()
    # a new test case naming store.py's load(): its tested-by changes, and so do the pages
    # that show the test file's cases and commands (its own page and its related page, and
    # the folder pages counting the cases)
    test = root / "src" / "tests" / "test_store.py"
    test.write_text(test.read_text() + "\n\ndef test_load_again():\n    pass\n")
    read = _build_reads(make_app, root)
    assert {f"{F}/lib/store.py", f"{F}/tests/test_store.py", f"{R}/lib/store.py"} <= read
    assert f"{F}/lib/plain.py" not in read
    # a new finding (and a new import and lines)
    plain = root / "src" / "lib" / "plain.py"
    plain.write_text(plain.read_text() + "\n\nimport os\nos.system('ls')\n")
    # exactly the pages showing the file's size, imports or findings, or its folders' totals
    assert _build_reads(make_app, root) == {
        "index",
        f"{F}/lib/plain.py",
        "repodoc/keywords/lib/plain.py",
        "repodoc/folders/lib/index",
        "repodoc/folders/index",
        "repodoc/about/lib/index",
        "repodoc/about/index",
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [("repodoc_findings", {"eval-exec": "no"}), ("repodoc_components", {"a/": 1})],
)
def test_dict_options_are_checked(tmp_path, make_app, name, value):
    from sphinx.errors import ConfigError

    root = copy_root("insights", tmp_path / "project")
    with pytest.raises(ConfigError, match=name):
        make_app("html", srcdir=root, confoverrides={name: value})


def test_model_json_with_insights_is_valid(app):
    import json
    from pathlib import Path

    import jsonschema

    from sphinxcontrib_repodoc.__main__ import model_json

    schema_path = Path(__file__).parent.parent / "sphinxcontrib_repodoc/schema"
    schema = json.loads((schema_path / "repository.schema.json").read_text(encoding="utf-8"))
    repo = app.env.get_domain("repo").state.repo
    data = json.loads(json.dumps(model_json(repo)))
    jsonschema.Draft202012Validator(schema).validate(data)
    store = next(f for f in data["files"] if f["path"] == "lib/store.py")
    assert [f["rule"] for f in store["findings"]] == ["pickle-load", "yaml-load", "shell-true"]
    assert store["findings"][0]["lines"] == [11]
    assert store["tested_by"][0]["path"] == "tests/test_store.py"
    assert store["related"][0]["reasons"] == [
        "imports this file",
        "tests this file",
        "changed together in 2 of its 3 last commits",
    ]
    assert data["history"] == {
        "commits": 3,
        "limit": 500,
        "shallow": False,
        "oldest": "2024-03-01",
    }
    assert data["components"] == [
        {"prefix": "lib/", "description": "the library"},
        {"prefix": "lib/native/", "description": "native kernels"},
    ]


def test_a_failing_rule_warns_once_and_the_page_is_built(tmp_path, monkeypatch):
    from sphinxcontrib_repodoc.analysis import findings
    from sphinxcontrib_repodoc.model import Language

    def broken(src):
        raise ZeroDivisionError("division by zero")

    rule = findings.Rule(
        "broken-rule", "patterns", "never works.", frozenset({Language.PYTHON}), broken,
        (("Nothing to watch",),),
    )  # fmt: skip
    monkeypatch.setitem(findings.RULES, "broken-rule", rule)
    app = build(copy_root("insights", tmp_path / "project"))
    warnings = warnings_of(app)
    assert len(warnings) == 1
    assert "lib/plain.py:1" in warnings[0]
    assert "finding rule 'broken-rule' failed: ZeroDivisionError" in warnings[0]
    assert warnings[0].endswith("[repodoc.finding]")
    site = Site(app.outdir)
    assert site.section(f"{F}/lib/plain.py", "findings") is None
    assert site.section(f"{F}/lib/plain.py", "source") is not None
