"""A wrong ``repodoc_*`` value stops the build at once, with a message a user can act on.

Every option of :data:`sphinxcontrib_repodoc.config.OPTIONS` is set, in ``conf.py`` (as a user
writes it: no ``-D`` string conversion), to a value of a wrong type; then the options with a
range or a closed set of values get wrong values of the right type. Each time, creating the
Sphinx application raises ``ConfigError`` naming the option and what it accepts.
"""

from __future__ import annotations

import pytest
from buildutil import copy_root
from sphinx.errors import ConfigError

from sphinxcontrib_repodoc.config import OPTIONS, Option

pytestmark = pytest.mark.sphinx

#: tried in order: the first one the option does not accept is its wrong-type value. A
#: string first: the usual mistake (``repodoc_include = "src/**"``, ``repodoc_diagrams = "no"``)
WRONG_TYPES: tuple[object, ...] = ("text", 42, 2.5)


def _wrong_type(option: Option) -> object:
    for value in WRONG_TYPES:
        if not isinstance(value, option.types):
            return value
    raise AssertionError(f"no wrong-type value for {option.name}")


def _type_name(kind: type) -> str:
    return "None" if kind is type(None) else kind.__name__


def _config_error(make_app, tmp_path, **values: object) -> str:
    """The ConfigError message of a build of ``test-basic`` with ``values`` in its conf.py."""
    src = copy_root("basic", tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        for name, value in values.items():
            conf.write(f"\n{name} = {value!r}\n")
    with pytest.raises(ConfigError) as caught:
        make_app("html", srcdir=src)
    return str(caught.value)


@pytest.mark.parametrize("option", OPTIONS, ids=[o.name for o in OPTIONS])
def test_a_value_of_a_wrong_type_names_the_option_and_its_types(make_app, tmp_path, option):
    value = _wrong_type(option)
    message = _config_error(make_app, tmp_path, **{f"repodoc_{option.name}": value})
    assert message.startswith(f"repodoc_{option.name} must be "), message
    for kind in option.types:
        assert _type_name(kind) in message, message
    assert f"not {type(value).__name__} {value!r}" in message, message


@pytest.mark.parametrize("option", [o for o in OPTIONS if o.types == (int,)], ids=lambda o: o.name)
def test_a_bool_is_not_a_count(make_app, tmp_path, option):
    message = _config_error(make_app, tmp_path, **{f"repodoc_{option.name}": True})
    assert f"repodoc_{option.name} must be int, not bool True" in message, message


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("max_file_bytes", -1, ["must be 0 or more, not -1"]),
        ("toctree_files", -5, ["must be 0 or more, not -5"]),
        ("related_files", -1, ["must be 0 or more"]),
        ("git_commits", -1, ["must be 0 or more"]),
        ("include", ["src/**", 3], ["every item must be a str, not int 3"]),
        ("exclude", ("build/", None), ["every item must be a str, not None"]),
        ("python_paths", [["src"]], ["every item must be a str, not list ['src']"]),
        ("cpp_include_dirs", [1], ["every item must be a str"]),
        ("prefer", [b"src/**"], ["every item must be a str, not bytes"]),
        ("stub_dir", "", ["a folder name inside the source folder", "'repodoc'"]),
        ("stub_dir", "../api", ["a folder name inside the source folder", "'../api'"]),
        ("source_url", "https://host/{nope}", ["{nope}", "path", "line", "'auto'", "None"]),
        ("source_branch", " ", ["must be a branch name"]),
        (
            "purpose",
            {"tools/**": "tooling"},
            ["'tooling' (for 'tools/**') is not a purpose", "test-support", "vendored", "data"],
        ),
        ("purpose", {"tools/**": None}, ["the value of 'tools/**' must be str, not None"]),
        ("components", {"lib/": 3}, ["the value of 'lib/' must be str, not int 3"]),
        ("components", {("lib/",): "the library"}, ["every key must be a str, not tuple"]),
        (
            "test_command",
            {"tests/*.py": "pytest {file}"},
            ["'tests/*.py'", "'file'", "{path}", "{module}", "{nodeid}", "{name}"],
        ),
        ("test_command", {"tests/*.py": "pytest {path"}, ["malformed", "{path}"]),
        (
            "findings",
            {"eval_exec": False},
            ["'eval_exec' is neither", "security, performance, patterns", "eval-exec"],
        ),
        ("findings", {"security": "off"}, ["the value of 'security' must be bool, not str 'off'"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_a_wrong_value_says_what_is_accepted(make_app, tmp_path, name, value, expected):
    message = _config_error(make_app, tmp_path, **{f"repodoc_{name}": value})
    assert message.startswith(f"repodoc_{name}: "), message
    for fragment in expected:
        assert fragment in message, message


def test_a_root_that_is_not_a_folder(make_app, tmp_path):
    message = _config_error(make_app, tmp_path, repodoc_root="no/such/folder")
    assert "repodoc_root 'no/such/folder' is not a folder" in message, message


def test_every_option_has_a_checked_type():
    """The options are typed: no ``object``/``Any`` escape, so the wrong-type test is real."""
    for option in OPTIONS:
        assert option.types, option.name
        assert object not in option.types, option.name
        assert isinstance(option.default, option.types), option.name
