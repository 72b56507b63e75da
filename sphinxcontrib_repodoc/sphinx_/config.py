"""``repodoc_*`` options: declared from :data:`..config.OPTIONS`, validated, resolved."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from ..analysis.findings import CATEGORIES, RULES
from ..analysis.tests import COMMAND_PLACEHOLDERS
from ..config import OPTIONS, RepodocConfig
from ..model import Purpose
from ..pages.docstring_format import FORMATS
from ..sourcelinks import check_template
from .locale import __
from .logging import Subtype, warn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config


def add_config_values(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(
            f"repodoc_{option.name}",
            option.default,
            option.rebuild,  # type: ignore[arg-type]
            types=option.types,
            description=option.help,
        )


def validate(app: Sphinx, config: Config) -> None:
    """``config-inited``: fail early, naming the option and what it accepts, on a value we
    cannot use (a wrong value found later would cost a whole scan, or be silently ignored)."""
    for option in OPTIONS:
        name = f"repodoc_{option.name}"
        value = getattr(config, name)
        if not _has_type(value, option.types):
            wrong = __("%(option)s must be %(expected)s, not %(actual)s") % {
                "option": name,
                "expected": _type_names(option.types),
                "actual": _show(value),
            }
            raise ConfigError(f"{wrong}. {_first_sentence(option.help)}")
        problem = _check_value(option.name, value)
        if problem:
            raise ConfigError(f"{name}: {problem}")
    from sphinx.util.matching import Matcher

    stub_dir = config.repodoc_stub_dir.strip("/")
    probe = f"{stub_dir}/files/x"
    if Matcher(config.exclude_patterns)(probe):
        raise ConfigError(
            __(
                "exclude_patterns hides repodoc_stub_dir %r: the generated pages would never "
                "be read. Remove the pattern or choose another repodoc_stub_dir."
            )
            % stub_dir
        )
    _warn_without_myst(config.repodoc_docstring_format)


#: options whose value is a count or a size: an int, 0 or more
_COUNTS = frozenset(
    {"max_file_bytes", "listing_max_lines", "toctree_files", "related_files", "git_commits"}
)


def _has_type(value: object, types: tuple[type, ...]) -> bool:
    # True and False are ints to isinstance, never a count to a user
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def _type_names(types: tuple[type, ...]) -> str:
    if set(types) == {list, tuple}:
        return "a list of str (list or tuple)"
    return " or ".join("None" if t is type(None) else t.__name__ for t in types)


def _show(value: object) -> str:
    """``str 'src'``: the type a user gave, and the value, shortened."""
    if value is None:
        return "None"
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 60 else shown[:57] + '...'}"


def _first_sentence(text: str) -> str:
    """The option's help, up to its first full stop, without reST literal marks."""
    return re.split(r"\.\s+(?=[A-Z])", text.replace("``", ""), maxsplit=1)[0].rstrip(".") + "."


def _check_value(name: str, value: object) -> str | None:
    """Why a value of the right type is still wrong, or None."""
    if isinstance(value, list | tuple):
        bad = [v for v in value if not isinstance(v, str)]
        if bad:
            return f"every item must be a str, not {_show(bad[0])}"
    elif isinstance(value, dict):
        return _check_mapping(name, value)
    if name in _COUNTS and value < 0:  # type: ignore[operator]
        return __("must be 0 or more, not %s") % value
    if name == "stub_dir":
        stub_dir = str(value).strip("/")
        if not stub_dir or ".." in Path(stub_dir).parts or Path(stub_dir).is_absolute():
            return f"must be a folder name inside the source folder (like 'repodoc'), not {value!r}"
    if name == "source_url" and value not in (None, "auto"):
        problem = check_template(str(value))
        if problem:
            return f"{value!r}: {problem}; or 'auto', or None"
    if name == "docstring_format" and value not in FORMATS:
        allowed = ", ".join(repr(f) for f in FORMATS)
        return f"{value!r} is not one of {allowed}"
    if name == "source_branch" and not str(value).strip():
        return "must be a branch name (like 'main'), not empty"
    return None


def _check_mapping(name: str, value: dict[object, object]) -> str | None:
    wanted = bool if name == "findings" else str
    for key, item in value.items():
        if not isinstance(key, str):
            return f"every key must be a str, not {_show(key)}"
        if not isinstance(item, wanted):
            return f"the value of {key!r} must be {wanted.__name__}, not {_show(item)}"
    if name == "purpose":
        known = [p.value for p in Purpose]
        for pattern, purpose in value.items():
            if purpose not in known:
                return f"{purpose!r} (for {pattern!r}) is not a purpose; use one of {_list(known)}"
    elif name == "findings":
        for key in value:
            if key not in RULES and key not in CATEGORIES:
                return (
                    f"{key!r} is neither a finding category ({_list(CATEGORIES)}) nor a rule "
                    f"id ({_list(RULES)})"
                )
    elif name == "test_command":
        for pattern, template in value.items():
            try:
                str(template).format(**dict.fromkeys(COMMAND_PLACEHOLDERS, "x"))
            except (KeyError, IndexError, ValueError, AttributeError) as exc:
                return (
                    f"the command for {pattern!r} has an unknown or malformed placeholder "
                    f"({exc}); use {_list('{' + p + '}' for p in COMMAND_PLACEHOLDERS)}"
                )
    return None


def _list(values: Iterable[str]) -> str:
    return ", ".join(values)


def _warn_without_myst(value: str) -> None:
    """Markdown docstrings without myst-parser degrade to plain text, said once."""
    if value in ("myst", "auto") and not myst_available():
        warn(
            Subtype.CONFIG,
            f"repodoc_docstring_format = {value!r} needs myst-parser, which is not installed "
            "(pip install 'sphinxcontrib-repodoc[myst]'); Markdown docstrings are shown as "
            "plain text",
        )


def myst_available() -> bool:
    """Whether myst-parser can be imported (it need not be in ``extensions``)."""
    return importlib.util.find_spec("myst_parser") is not None


def resolve_root(confdir: Path, value: str | None) -> Path | None:
    """The folder to document: explicit, else the git work tree holding conf.py, else its parent."""
    if value is None:
        return None
    if value:
        root = (confdir / value).resolve()
        if not root.is_dir():
            raise ConfigError(
                __("repodoc_root %(value)r is not a folder (resolved to %(root)s)")
                % {"value": value, "root": root}
            )
        return root
    try:
        out = subprocess.run(
            ["git", "-C", str(confdir), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        out = None
    if out is not None and out.returncode == 0 and out.stdout.strip():
        return Path(out.stdout.strip()).resolve()
    return confdir.resolve().parent


def core_config(app: Sphinx, root: Path) -> RepodocConfig:
    """The core's view of the options, with Sphinx's own folders always skipped."""
    config = app.config
    skip = (
        Path(app.outdir).resolve(),
        Path(app.doctreedir).resolve(),
        (Path(app.srcdir) / config.repodoc_stub_dir.strip("/")).resolve(),
    )
    values = {o.name: getattr(config, f"repodoc_{o.name}") for o in OPTIONS}
    return RepodocConfig.from_values(root, values, skip_dirs=skip)
