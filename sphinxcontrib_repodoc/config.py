"""Every ``repodoc_*`` option, declared once.

The Sphinx glue loops over :data:`OPTIONS` to call ``add_config_value``; the CLI turns the same
list into flags; the documentation's option table is generated from it. The core receives a
resolved :class:`RepodocConfig` and never sees Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_EXCLUDE: tuple[str, ...] = (
    "__pycache__/",
    ".tox/",
    ".nox/",
    ".venv/",
    "venv/",
    "node_modules/",
    "*.egg-info/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    ".hypothesis/",
    ".ipynb_checkpoints/",
    "*.pyc",
    "*.pyo",
)
"""Excluded unless the user sets ``repodoc_exclude`` (their list replaces this one)."""

ALWAYS_EXCLUDED_DIRS: frozenset[str] = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS"})
"""Version-control metadata: never scanned, whatever the configuration says."""


@dataclass(frozen=True, slots=True)
class Option:
    """One ``repodoc_*`` option: its default, accepted types, rebuild scope and help."""

    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    rebuild: str = "env"


OPTIONS: tuple[Option, ...] = (
    Option(
        "root",
        "",
        (str, type(None)),
        "Folder to document, relative to ``conf.py``. Empty (the default): the git work tree "
        "holding ``conf.py``, else the folder above it. ``None``: no scan (domain only, for a "
        "project that only links into another one's inventory).",
    ),
    Option(
        "include",
        [],
        (list, tuple),
        "gitwildmatch patterns (relative to the root) of the files to document; empty means "
        "every file.",
    ),
    Option(
        "exclude",
        list(DEFAULT_EXCLUDE),
        (list, tuple),
        "gitwildmatch patterns of files and folders to leave out. Replaces the default list "
        "(caches, virtual environments, ``node_modules``…). VCS metadata, Sphinx's output and "
        "doctree folders and the stub folder are always left out.",
    ),
    Option(
        "stub_dir",
        "repodoc",
        (str,),
        "Folder, relative to the Sphinx source folder, where the generated pages are written. "
        "It is also the first part of every generated URL.",
    ),
    Option(
        "python_paths",
        ["", "src"],
        (list, tuple),
        "Folders (relative to the root) that are import roots for Python; the ones that do not "
        "exist are ignored.",
    ),
    Option(
        "cpp_include_dirs",
        [],
        (list, tuple),
        "Folders (relative to the root) searched for ``#include`` targets, after the including "
        "file's folder (for quoted names) and before a unique path-suffix match across "
        "the tree.",
    ),
    Option(
        "prefer",
        [],
        (list, tuple),
        "gitwildmatch path patterns deciding between equally near objects of one short name: "
        "the object whose file matches the earliest pattern wins, without an ambiguity warning.",
    ),
    Option(
        "python_bridge",
        True,
        (bool,),
        "Resolve ``:py:class:``, ``:py:func:``, ``:py:mod:``… references that found no target "
        "(no autodoc, intersphinx had its turn) to the repository object of that dotted name.",
    ),
    Option(
        "max_file_bytes",
        2_000_000,
        (int,),
        "Files larger than this get a page with metadata only (no listing, no symbols).",
    ),
    Option(
        "listing_max_lines",
        0,
        (int,),
        "Show at most this many lines of each file's listing; 0 (the default) shows them all. "
        "The lines beyond are not highlighted: the listing ends with a line saying how many "
        "are left out, linking to the file on its source host when ``repodoc_source_url`` is "
        "set, and every link to a line beyond it (outline, keywords, findings) lands there.",
    ),
    Option(
        "source_url",
        None,
        (str, type(None)),
        "Link template to each file and symbol on its source host, with ``{commit}``, "
        "``{branch}``, ``{path}``, ``{line}`` and ``{end_line}`` (a file link drops the "
        'template\'s ``#…`` fragment). ``"auto"`` uses the GitHub, GitLab or Bitbucket preset '
        "of the ``origin`` remote. ``None``: no links.",
    ),
    Option(
        "source_branch",
        "main",
        (str,),
        "Used for ``{commit}`` when the commit cannot be read from git, and for ``{branch}``.",
    ),
    Option(
        "diagrams",
        True,
        (bool,),
        "Draw a file's import neighbourhood and a folder's subfolder dependencies with "
        "Graphviz (``dot``, or sphinx.ext.graphviz's ``graphviz_dot``) in HTML; without "
        "``dot``, and in other builders, they are shown as text.",
    ),
    Option(
        "toctree_files",
        500,
        (int,),
        "Above this many files, file pages leave the global toctree (folder pages still list "
        "them), so that sidebars stay cheap: every page in a toctree resolves the whole tree "
        "for its sidebar, a cost that grows with the square of the files listed (measured in "
        "the README's benchmarks with alabaster and furo).",
        rebuild="env",
    ),
    Option(
        "purpose",
        {},
        (dict,),
        "Purpose overrides: gitwildmatch pattern → purpose (``source``, ``test``, "
        "``test-support``, ``benchmark``, ``example``, ``docs``, ``build``, ``ci``, ``config``, "
        "``generated``, ``vendored``, ``data``). The first matching pattern wins over the "
        "built-in classification, and the page says which pattern set it.",
    ),
    Option(
        "components",
        {},
        (dict,),
        'The architecture\'s parts: path prefix → description, e.g. ``{"aten/": "ATen, the '
        'C++ tensor library"}``. Each file and folder shows the component of the longest '
        "prefix holding it; files of one component are related.",
    ),
    Option(
        "test_command",
        {},
        (dict,),
        "How the project runs its tests: gitwildmatch pattern → command template, e.g. "
        '``{"test/**/*.py": "python test/run_test.py -i {module}"}``. Placeholders: '
        "``{path}`` (the test file), ``{module}`` (its dotted module, else its path without "
        "suffix), ``{stem}`` (its name without suffix), ``{nodeid}`` (``path::Class::test``), "
        "``{qualname}`` (``Class.test``) and ``{name}`` (``test``; a template using either gives "
        "no whole-file command). Without a match: pytest "
        "node ids, ``python -m unittest`` for unittest-only trees without pytest configuration, "
        "``--gtest_filter`` for gtest cases.",
    ),
    Option(
        "findings",
        {},
        (dict,),
        "Turn finding rules on or off: rule id or category (``security``, ``performance``, "
        "``patterns``) → ``True`` / ``False``. A rule id wins over its category; every rule is "
        "on by default.",
    ),
    Option(
        "related_files",
        10,
        (int,),
        "How many related files (ranked, with their reasons) a file's related page shows.",
    ),
    Option(
        "git_commits",
        500,
        (int,),
        "How many of the latest commits are read (one ``git log`` per build) for co-change "
        "and last-change data; 0 turns history off.",
    ),
    Option(
        "show_authors",
        False,
        (bool,),
        "Show the author of each file's last change (off by default).",
    ),
    Option(
        "trust_docstrings",
        False,
        (bool,),
        "Render docstrings with the full reST of the project (``raw``, ``include``, "
        "``literalinclude``, ``image``, any directive and role). Off by default: docstrings "
        "are parsed with a restricted set of directives and roles (no raw output, no file "
        "inclusion, nothing that reads files or runs code); the others are shown as written. "
        "Turn on only for repositories whose every author you trust.",
    ),
    Option(
        "docstring_format",
        "rst",
        (str,),
        'Markup of docstrings: ``"rst"`` (reST, with Google and NumPy sections), ``"myst"`` '
        '(Markdown, parsed by myst-parser), ``"plain"`` (shown as written, no markup) or '
        '``"auto"`` (per docstring: MyST when it clearly is Markdown, such as a fenced block, '
        "a ``#`` heading or a ``[text](url)`` link with no reST markup, else reST). MyST "
        "docstrings get the same restrictions as reST ones. Without myst-parser installed, "
        "Markdown docstrings are shown as plain text, with one ``repodoc.config`` warning.",
    ),
)


@dataclass(frozen=True, slots=True)
class RepodocConfig:
    """The resolved configuration the core works with (absolute root, tuples)."""

    root: Path
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    python_paths: tuple[str, ...] = ("", "src")
    cpp_include_dirs: tuple[str, ...] = ()
    max_file_bytes: int = 2_000_000
    #: absolute folders never scanned (Sphinx's output, the stub folder)
    skip_dirs: tuple[Path, ...] = field(default=())
    #: ``repodoc_purpose``: (pattern, purpose value), in the user's order
    purpose: tuple[tuple[str, str], ...] = ()
    #: ``repodoc_components``: (path prefix, description)
    components: tuple[tuple[str, str], ...] = ()
    #: ``repodoc_test_command``: (pattern, command template), in the user's order
    test_command: tuple[tuple[str, str], ...] = ()
    #: ``repodoc_findings``: (rule id or category, enabled)
    findings: tuple[tuple[str, bool], ...] = ()
    related_files: int = 10
    git_commits: int = 500
    show_authors: bool = False

    @classmethod
    def from_values(
        cls, root: Path, values: dict[str, Any], skip_dirs: tuple[Path, ...] = ()
    ) -> RepodocConfig:
        """Build from a mapping of option name (without ``repodoc_``) to value."""
        return cls(
            root=root,
            include=tuple(values.get("include", ())),
            exclude=tuple(values.get("exclude", DEFAULT_EXCLUDE)),
            python_paths=tuple(values.get("python_paths", ("", "src"))),
            cpp_include_dirs=tuple(values.get("cpp_include_dirs", ())),
            max_file_bytes=int(values.get("max_file_bytes", 2_000_000)),
            skip_dirs=skip_dirs,
            purpose=_pairs(values.get("purpose")),
            components=_pairs(values.get("components")),
            test_command=_pairs(values.get("test_command")),
            findings=tuple((str(k), bool(v)) for k, v in (values.get("findings") or {}).items()),
            related_files=int(values.get("related_files", 10)),
            git_commits=int(values.get("git_commits", 500)),
            show_authors=bool(values.get("show_authors", False)),
        )


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """A ``{str: str}`` option as pairs, in the user's order."""
    return tuple((str(k), str(v)) for k, v in (value or {}).items())
