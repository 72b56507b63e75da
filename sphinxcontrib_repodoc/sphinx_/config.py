"""``repodoc_*`` options: declared from :data:`..config.OPTIONS`, validated, resolved."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from ..config import OPTIONS, RepodocConfig
from ..pages.docstring_format import FORMATS
from ..sourcelinks import check_template
from .logging import Subtype, warn

if TYPE_CHECKING:
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
    """``config-inited``: fail early, with the option's name, on a value we cannot use."""
    for option in OPTIONS:
        value = getattr(config, f"repodoc_{option.name}")
        if not isinstance(value, option.types):
            expected = " or ".join(t.__name__ for t in option.types)
            msg = f"repodoc_{option.name} must be {expected}, not {type(value).__name__}"
            raise ConfigError(msg)
        if isinstance(value, list | tuple) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"repodoc_{option.name} must be a list of strings")
        if isinstance(value, dict):
            wanted = bool if option.name == "findings" else str
            if not all(isinstance(k, str) and isinstance(v, wanted) for k, v in value.items()):
                raise ConfigError(
                    f"repodoc_{option.name} must map strings to {wanted.__name__} values"
                )
    stub_dir = config.repodoc_stub_dir.strip("/")
    if not stub_dir or ".." in Path(stub_dir).parts or Path(stub_dir).is_absolute():
        raise ConfigError("repodoc_stub_dir must be a folder name inside the source folder")
    from sphinx.util.matching import Matcher

    probe = f"{stub_dir}/files/x"
    if Matcher(config.exclude_patterns)(probe):
        raise ConfigError(
            f"exclude_patterns hides repodoc_stub_dir {stub_dir!r}: the generated pages would "
            "never be read. Remove the pattern or choose another repodoc_stub_dir."
        )
    url = config.repodoc_source_url
    if url not in (None, "auto"):
        problem = check_template(url)
        if problem:
            raise ConfigError(f"repodoc_source_url {url!r}: {problem}")
    if config.repodoc_max_file_bytes < 0 or config.repodoc_toctree_files < 0:
        raise ConfigError("repodoc_max_file_bytes and repodoc_toctree_files must be >= 0")
    _check_docstring_format(config.repodoc_docstring_format)


def _check_docstring_format(value: str) -> None:
    """A value we do not know fails; Markdown without myst-parser degrades, said once."""
    if value not in FORMATS:
        allowed = ", ".join(repr(f) for f in FORMATS)
        raise ConfigError(f"repodoc_docstring_format {value!r} is not one of {allowed}")
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
            raise ConfigError(f"repodoc_root {value!r} is not a folder (resolved to {root})")
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
