"""Navigation on hand-written pages: preferences, the current file, the py bridge."""

from __future__ import annotations

import re

import pytest
from buildutil import warnings_of

ROOT = "navigation"
F = "repodoc/files"


def hrefs(app) -> str:
    return (app.outdir / "index.html").read_text()


def paragraph(html: str, start: str) -> str:
    at = html.index(start)
    return html[at : html.index("</p>", at)]


@pytest.mark.sphinx("html", testroot=ROOT)
def test_prefer_currentfile_and_bridge(app):
    app.build()
    html = hrefs(app)
    assert warnings_of(app) == []
    # two functions named run, equally far from a page with no file: repodoc_prefer decides
    assert f'href="{F}/other/b.py.html#run"' in paragraph(html, "Preferred:")
    bridge = paragraph(html, "Bridge:")
    assert f'href="{F}/pkg/a.py.html#run"' in bridge
    assert f'href="{F}/pkg/a.py.html#Thing"' in bridge  # through the re-export pkg.Thing
    assert f'href="{F}/pkg/a.py.html"' in bridge
    assert "nowhere.at.all" in bridge and bridge.count("href=") == 3
    # after repo:currentfile, the same file is nearer than any preference
    scoped = paragraph(html, "Scoped:")
    assert f'href="{F}/pkg/a.py.html#run"' in scoped
    assert f'href="{F}/pkg/a.py.html#Thing"' in scoped


@pytest.mark.sphinx(
    "html", testroot=ROOT, confoverrides={"repodoc_python_bridge": False, "repodoc_prefer": []}
)
def test_bridge_off_and_no_preference(app):
    app.build()
    html = hrefs(app)
    assert "href=" not in paragraph(html, "Bridge:")
    warnings = [w for w in warnings_of(app) if "repodoc.ambiguous" in w]
    assert len(warnings) == 1
    assert "other/b.py::run" in warnings[0] and "pkg/a.py::run" in warnings[0]


def test_currentfile_names_a_known_file(make_app, tmp_path, rootdir):
    import shutil

    src = tmp_path / "proj"  # a private copy: the page added here must not leak to other tests
    shutil.copytree(rootdir / "test-navigation", src)
    (src / "extra.rst").write_text(
        ":orphan:\n\nExtra\n=====\n\n.. repo:currentfile:: pkg/missing.py\n"
    )
    app = make_app("html", srcdir=src)
    app.build()
    found = [w for w in warnings_of(app) if "repodoc.directive" in w]
    assert len(found) == 1 and "pkg/missing.py" in found[0] and "extra.rst" in found[0]


TEMPLATE = "https://example.org/r/blob/{commit}/{path}#L{line}-L{end_line}"


@pytest.mark.sphinx(
    "html",
    testroot=ROOT,
    confoverrides={"repodoc_source_url": TEMPLATE, "repodoc_source_branch": "dev"},
)
def test_source_links_for_files_and_symbols(app):
    app.build()
    assert warnings_of(app) == []
    html = (app.outdir / f"{F}/pkg/a.py.html").read_text()
    # not a git work tree: {commit} falls back to repodoc_source_branch
    assert 'href="https://example.org/r/blob/dev/pkg/a.py"' in html  # the file, no fragment
    assert 'href="https://example.org/r/blob/dev/pkg/a.py#L8-L9"' in html  # def run, lines 8-9
    assert "_sources/" not in html  # the theme must not offer the generated stub as source
    assert "_sources/index.rst.txt" in (app.outdir / "index.html").read_text()
    # nor is the stub copied there (html_copy_source): only the user's own pages are
    copied = sorted(
        p.relative_to(app.outdir / "_sources").as_posix()
        for p in (app.outdir / "_sources").rglob("*")
        if p.is_file()
    )
    assert "index.rst.txt" in copied
    assert not [p for p in copied if p.startswith("repodoc/")], copied


@pytest.mark.sphinx("html", testroot=ROOT)
def test_no_source_links_without_a_template(app):
    app.build()
    html = (app.outdir / f"{F}/pkg/a.py.html").read_text()
    assert "repodoc-source-link" not in html and "source on the host" not in html


def test_auto_preset_from_the_git_remote(make_app, tmp_path, rootdir):
    import shutil
    import subprocess

    src = tmp_path / "proj"
    shutil.copytree(rootdir / "test-navigation", src)
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"}

    def git(*args):
        return subprocess.run(
            ["git", "-C", str(src), *args], check=True, env=env, capture_output=True, text=True
        ).stdout.strip()

    git("init", "-q")
    git("remote", "add", "origin", "git@github.com:org/proj.git")
    git("add", "-A")
    git("-c", "user.email=a@b", "-c", "user.name=n", "commit", "-qm", "init")
    sha = git("rev-parse", "HEAD")
    app = make_app("html", srcdir=src, confoverrides={"repodoc_source_url": "auto"})
    app.build()
    app.cleanup()
    page = app.outdir / f"{F}/pkg/a.py.html"
    # the documented root is src/ inside the work tree: paths are the work tree's
    assert f'href="https://github.com/org/proj/blob/{sha}/src/pkg/a.py#L8-L9"' in page.read_text()
    # a method: its own line range
    assert f'href="https://github.com/org/proj/blob/{sha}/src/pkg/a.py#L15-L17"' in page.read_text()

    # a new commit that changes no documented file: pages are rewritten with the new commit,
    # none is read again
    (src / "notes.txt").write_text("x\n")
    git("add", "notes.txt")
    git("-c", "user.email=a@b", "-c", "user.name=n", "commit", "-qm", "notes")
    (src / "notes.txt").unlink()
    git("rm", "-q", "--cached", "notes.txt")
    git("-c", "user.email=a@b", "-c", "user.name=n", "commit", "-qm", "drop notes")
    new = git("rev-parse", "HEAD")
    again = make_app("html", srcdir=src, confoverrides={"repodoc_source_url": "auto"})
    read: list[str] = []
    again.connect("env-before-read-docs", lambda _a, _e, docnames: read.extend(docnames))
    again.build()
    assert read == []
    assert f"blob/{new}/src/pkg/a.py#L8-L9" in page.read_text()


@pytest.mark.sphinx("html", testroot=ROOT, confoverrides={"repodoc_source_url": "{nope}"})
def test_a_bad_template_is_a_config_error(app_params, make_app):
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="repodoc_source_url"):
        make_app(*args, **kwargs)


def test_intersphinx_links_from_a_domain_only_project(basic_app, make_app, tmp_path):
    """A second project loads the extension with ``repodoc_root = None`` (no scan) and links
    into the first one's inventory."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text(
        "extensions = ['sphinx.ext.intersphinx', 'sphinxcontrib_repodoc']\n"
        "repodoc_root = None\n"
        f"intersphinx_mapping = {{'basic': ({str(basic_app.outdir)!r}, "
        f"{str(basic_app.outdir / 'objects.inv')!r})}}\n"
    )
    (other / "index.rst").write_text(
        "Other\n=====\n\n"
        ":external+basic:repo:class:`pkg/core.py::Engine` and "
        ":external+basic:repo:file:`pkg/util.py` and "
        ":external+basic:repo:meth:`pkg/core.py::Engine.start`.\n"
    )
    app = make_app("html", srcdir=other)
    app.build()
    html = (app.outdir / "index.html").read_text()
    base = str(basic_app.outdir)
    assert f'href="{base}/{F}/pkg/core.py.html#Engine"' in html
    assert f'href="{base}/{F}/pkg/util.py.html"' in html
    assert f'href="{base}/{F}/pkg/core.py.html#Engine.start"' in html
    assert not (app.srcdir / "repodoc").exists()  # domain only: nothing scanned or written
    assert warnings_of(app) == []


@pytest.mark.sphinx("html", testroot=ROOT)
def test_used_in_and_usage_examples(app):
    app.build()
    html = (app.outdir / f"{F}/pkg/a.py.html").read_text()
    run = html[html.index('<li id="outline-run">') :]
    run = run[: run.index("</li>")]
    # a function used in two other files, each linked to its first use
    assert 'href="../other/c.py.html#L-5"' in run and "other/c.py:5" in run and "(2×)" in run
    assert 'href="../tests/test_a.py.html#L-8"' in run
    examples = html[html.index('id="repodoc-examples"') :]
    examples = examples[: examples.index("</section>")]
    # from the test file only (other/c.py is source), one per symbol
    assert "tests/test_a.py:7" in examples and "tests/test_a.py:8" in examples
    assert "other/c.py" not in examples
    assert "assert Thing() is not None" in re.sub(r"<[^>]+>", "", examples)


@pytest.mark.parametrize("theme", ["furo", "sphinx_rtd_theme", "alabaster"])
@pytest.mark.parametrize("template", [TEMPLATE, None])
def test_theme_source_buttons_lead_to_the_host_or_are_hidden(
    make_app, tmp_path, rootdir, theme, template
):
    import shutil

    src = tmp_path / "proj"
    shutil.copytree(rootdir / "test-navigation", src)
    overrides = {"html_theme": theme, "repodoc_source_branch": "dev"}
    if template:
        overrides["repodoc_source_url"] = template
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build()
    html = (app.outdir / f"{F}/pkg/a.py.html").read_text()
    assert ".repodoc" not in html  # no theme link to the generated stub, in any form
    file_url = "https://example.org/r/blob/dev/pkg/a.py"
    buttons = re.findall(r'<a[^>]*href="([^"]*)"[^>]*(?:rel="edit"|class="fa fa-github")', html)
    if template and theme != "alabaster":
        assert buttons and set(buttons) == {file_url}
    else:
        assert buttons == []


@pytest.mark.sphinx("html", testroot=ROOT)
def test_smart_quotes_stay_on_the_projects_own_pages_only(app):
    app.build()
    own = (app.outdir / "index.html").read_text()
    assert "“straight” – dash" in own  # the project's smartquotes setting still applies
    generated = (app.outdir / f"{F}/other/quote.py.html").read_text()
    assert "Say &quot;hi&quot; -- twice, with 'single' quotes." in generated
