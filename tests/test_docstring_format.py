"""``repodoc_docstring_format``: real builds of ``tests/roots/test-docstrings-myst``.

``src/markdown.py``'s docstring is Markdown (a heading, roles, links, a list, fences, raw HTML,
an image, forbidden directives), ``src/restructured.py``'s is reST, ``src/broken.py``'s is
Markdown that myst-parser complains about, ``src/undefined_footnote.py``'s Markdown that
docutils would complain about. Each format is built once per module.
"""

from __future__ import annotations

import sys

import pytest
from buildutil import Site, build, copy_root, make, repodoc_warnings, warnings_of
from docutils import nodes
from sphinx.errors import ConfigError

from sphinxcontrib_repodoc.config import OPTIONS

F = "repodoc/files"
INCLUDE_LINE, RAW_LINE = 29, 32  # of the forbidden directives in src/markdown.py


def _build(tmp_path_factory, name: str, **overrides):
    srcdir = copy_root("docstrings-myst", tmp_path_factory.mktemp(name))
    return build(srcdir, confoverrides=overrides)


@pytest.fixture(scope="module")
def myst_app(tmp_path_factory):
    """``"myst"`` (the root's setting), myst-parser installed but not in ``extensions``."""
    return _build(tmp_path_factory, "myst")


@pytest.fixture(scope="module")
def plain_app(tmp_path_factory):
    return _build(tmp_path_factory, "plain", repodoc_docstring_format="plain")


@pytest.fixture(scope="module")
def rst_app(tmp_path_factory):
    return _build(tmp_path_factory, "rst", repodoc_docstring_format="rst")


@pytest.fixture(scope="module")
def auto_app(tmp_path_factory):
    """``"auto"``, with myst_parser loaded and its colon fences on: the project's settings
    apply to MyST docstrings."""
    srcdir = copy_root("docstrings-myst", tmp_path_factory.mktemp("auto"))
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('extensions.insert(0, "myst_parser")\n')
        conf.write('myst_enable_extensions = ["colon_fence"]\n')
        # myst_parser adds ".md" to source_suffix: to a dict of this project, not to
        # Sphinx's shared default (later apps in this process would read Markdown files)
        conf.write('source_suffix = {".rst": "restructuredtext"}\n')
    return build(srcdir, confoverrides={"repodoc_docstring_format": "auto"})


def _summary(app, name: str):
    summary = Site(app.outdir).section(f"{F}/{name}", "summary")
    assert summary is not None
    return summary


def _html(app, name: str) -> str:
    return Site(app.outdir).html(f"{F}/{name}")


# -- myst ---------------------------------------------------------------------------------------


def test_myst_renders_markdown(myst_app):
    summary = _summary(myst_app, "markdown.py")
    assert summary.one("strong").text == "Markdown"
    pre = [p.text for p in summary.find_all("pre")]
    assert any("result = helper(1)" in text for text in pre)  # the fence, highlighted
    assert summary.find("div", cls="highlight-python") is not None
    assert [li.text.strip() for li in summary.find_all("li")] == ["FIRST-ITEM", "SECOND-ITEM"]
    external = [a.attrs["href"] for a in summary.find_all("a", cls="external")]
    assert external == ["https://example.org/site"]
    note = summary.one("div", cls="note")
    assert "NOTE-BODY with" in note.text and note.one("em").text == "emphasis"
    # colon fences are a MyST extension the project did not turn on: text
    assert ":::{tip}" in summary.text


def test_myst_roles_and_name_links_resolve_relative_to_the_file(myst_app):
    summary = _summary(myst_app, "markdown.py")
    links = {a.text.strip(): a.attrs["href"] for a in summary.find_all("a", cls="internal")}
    assert links == {"helper()": "#helper", "other()": "#other", "the helper": "#helper"}
    doctree = myst_app.env.get_doctree(f"{F}/markdown.py")
    xrefs = [x for x in doctree.findall(nodes.Element) if x.get("repodoc_quiet")]
    assert {x["reftarget"] for x in xrefs} == {"helper", "other"}
    assert {x["repo:file"] for x in xrefs} == {"markdown.py"}


def test_myst_heading_is_a_rubric(myst_app):
    summary = _summary(myst_app, "markdown.py")
    assert summary.one("p", cls="rubric").text == "Usage"
    assert summary.find_all("section") == [summary]  # no section of its own
    assert summary.find("h3") is None


def test_myst_html_and_files_are_shown_as_written(myst_app):
    summary = _summary(myst_app, "markdown.py")
    html = _html(myst_app, "markdown.py")
    assert "<script>alert" not in html and "MD-SCRIPT" in summary.text
    assert '<script>alert("MD-SCRIPT")</script>' in summary.text  # as text, escaped
    assert summary.find("b") is None and '<b class="md-inline">' in summary.text
    assert summary.find("img") is None and "![secret](../conf.py)" in summary.text
    assert "INCLUDED-CANARY" not in html
    assert "```{include} ../../canary.txt" in summary.text
    assert summary.find("span", cls="md-raw") is None and "```{raw} html" in summary.text
    assert "{ref}`some-label`" in summary.text
    disallowed = summary.find_all(cls="repodoc-disallowed")
    assert len(disallowed) == 7  # script, <b>, </b>, image, include, raw, {ref}


def test_myst_forbidden_directives_warn_at_their_line_in_the_file(myst_app):
    docstring_warnings = repodoc_warnings(myst_app, "docstring")
    forbidden = [w for w in docstring_warnings if "is not allowed" in w]
    assert len(forbidden) == 2, docstring_warnings
    assert forbidden[0].startswith(f"markdown.py:{INCLUDE_LINE}: WARNING: directive 'include'")
    assert forbidden[1].startswith(f"markdown.py:{RAW_LINE}: WARNING: directive 'raw'")
    assert all("shown as written" in w for w in forbidden)


def test_myst_problem_makes_the_docstring_literal(myst_app):
    summary = _summary(myst_app, "broken.py")
    literal = summary.one(cls="repodoc-docstring-literal")
    assert "```{note}" in literal.text
    broken = [w for w in repodoc_warnings(myst_app, "docstring") if w.startswith("broken.py")]
    assert len(broken) == 1  # not one more for its {include}: the whole docstring is literal
    assert "docstring is not valid MyST (Content block expected" in broken[0]


def test_myst_undefined_footnote_is_one_docstring_warning(myst_app):
    summary = _summary(myst_app, "undefined_footnote.py")
    assert "reference[^missing]" in summary.one(cls="repodoc-docstring-literal").text
    warnings = [w for w in warnings_of(myst_app) if "undefined_footnote.py" in w]
    assert len(warnings) == 1, warnings  # nothing left on the page for docutils to report
    assert 'not valid MyST (Unknown target name: "missing".)' in warnings[0]


def test_myst_build_warns_only_about_docstrings(myst_app):
    assert len(warnings_of(myst_app)) == 4, warnings_of(myst_app)
    assert len(repodoc_warnings(myst_app, "docstring")) == 4


# -- plain --------------------------------------------------------------------------------------


def test_plain_interprets_no_markup(plain_app):
    summary = _summary(plain_app, "markdown.py")
    assert summary.find("strong") is None and "**Markdown**" in summary.text
    assert summary.find("a", cls="internal") is None
    assert summary.find("a", cls="external") is None
    assert "{repo:func}`helper`" in summary.text
    pre = [p.text for p in summary.find_all("pre")]
    assert "- FIRST-ITEM\n- SECOND-ITEM\n" in pre
    assert "```python\nresult = helper(1)\n```\n" in pre
    assert summary.find("p", cls="repodoc-docstring-plain").text == (
        "Helpers, documented in **Markdown**."
    )
    assert "<script>alert" not in _html(plain_app, "markdown.py")
    assert "INCLUDED-CANARY" not in _html(plain_app, "markdown.py")
    reST = _summary(plain_app, "restructured.py")
    assert ":repo:func:`tool`" in reST.text and reST.find("a", cls="internal") is None


def test_plain_never_warns(plain_app):
    assert warnings_of(plain_app) == []


# -- rst (the default) ----------------------------------------------------------------------------


def test_rst_is_the_default_and_unchanged(rst_app):
    assert {o.name: o.default for o in OPTIONS}["docstring_format"] == "rst"
    summary = _summary(rst_app, "markdown.py")
    assert "## Usage" in summary.text  # a paragraph, as reST reads it
    assert summary.find("p", cls="rubric") is None
    reST = _summary(rst_app, "restructured.py")
    # the domain-less role and the ``repo`` domain's own, spelled out
    assert [a.attrs["href"] for a in reST.find_all("a", cls="internal")] == ["#tool", "#tool"]
    assert "tool()" in reST.one("pre").text  # the ``::`` literal block
    assert warnings_of(rst_app) == []


# -- auto ---------------------------------------------------------------------------------------


def test_auto_chooses_per_docstring(auto_app):
    markdown = _summary(auto_app, "markdown.py")
    assert markdown.one("p", cls="rubric").text == "Usage"
    assert any("result = helper(1)" in p.text for p in markdown.find_all("pre"))
    assert "TIP-BODY in a colon fence." in markdown.one("div", cls="tip").text  # myst_* config
    reST = _summary(auto_app, "restructured.py")
    assert [a.attrs["href"] for a in reST.find_all("a", cls="internal")] == ["#tool", "#tool"]
    assert "tool()" in reST.one("pre").text
    assert _summary(auto_app, "broken.py").find(cls="repodoc-docstring-literal") is not None


def test_auto_warnings_are_the_myst_ones(auto_app):
    warnings = warnings_of(auto_app)
    assert len(warnings) == 4, warnings
    assert all("[repodoc.docstring]" in w for w in warnings)


# -- trust, configuration, missing myst-parser ----------------------------------------------------


def test_trusted_myst_docstrings_get_everything(tmp_path_factory):
    app = _build(tmp_path_factory, "trusted", repodoc_trust_docstrings=True)
    summary = _summary(app, "markdown.py")
    assert summary.one("span", cls="md-raw").text == "RAW"
    assert summary.one("b", cls="md-inline").text == "HTML"
    assert "INCLUDED-CANARY" in summary.text
    assert not [w for w in repodoc_warnings(app, "docstring") if "is not allowed" in w]


@pytest.mark.parametrize("value", ["markdown", "RST", ""])
def test_unknown_format_is_a_config_error(tmp_path, value):
    srcdir = copy_root("docstrings-myst", tmp_path)
    with pytest.raises(ConfigError) as error:
        make(srcdir, confoverrides={"repodoc_docstring_format": value})
    message = str(error.value)
    assert f"repodoc_docstring_format: {value!r} is not one of" in message
    assert "'rst', 'myst', 'plain', 'auto'" in message


@pytest.mark.parametrize("value", ["myst", "auto"])
def test_without_myst_parser_markdown_is_plain_with_one_warning(tmp_path, monkeypatch, value):
    monkeypatch.setitem(sys.modules, "myst_parser", None)  # not importable
    app = build(
        copy_root("docstrings-myst", tmp_path), confoverrides={"repodoc_docstring_format": value}
    )
    config = repodoc_warnings(app, "config")
    assert len(config) == 1, warnings_of(app)
    assert f"repodoc_docstring_format = {value!r} needs myst-parser" in config[0]
    assert warnings_of(app) == config
    summary = _summary(app, "markdown.py")
    assert summary.find("p", cls="repodoc-docstring-plain") is not None
    assert summary.find("strong") is None
    reST = _summary(app, "restructured.py")
    assert (reST.find("a", cls="internal") is not None) is (value == "auto")
