"""``repodoc_*`` options: declared from :data:`..config.OPTIONS`, validated, resolved."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from ..config import OPTIONS, RepodocConfig
from ..sourcelinks import check_template
from .locale import __

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
            msg = __("%(option)s must be %(expected)s, not %(actual)s") % {
                "option": f"repodoc_{option.name}",
                "expected": expected,
                "actual": type(value).__name__,
            }
            raise ConfigError(msg)
        if isinstance(value, list | tuple) and not all(isinstance(v, str) for v in value):
            raise ConfigError(__("%s must be a list of strings") % f"repodoc_{option.name}")
        if isinstance(value, dict):
            wanted = bool if option.name == "findings" else str
            if not all(isinstance(k, str) and isinstance(v, wanted) for k, v in value.items()):
                raise ConfigError(
                    __("%(option)s must map strings to %(type)s values")
                    % {"option": f"repodoc_{option.name}", "type": wanted.__name__}
                )
    stub_dir = config.repodoc_stub_dir.strip("/")
    if not stub_dir or ".." in Path(stub_dir).parts or Path(stub_dir).is_absolute():
        raise ConfigError(__("repodoc_stub_dir must be a folder name inside the source folder"))
    from sphinx.util.matching import Matcher

    probe = f"{stub_dir}/files/x"
    if Matcher(config.exclude_patterns)(probe):
        raise ConfigError(
            __(
                "exclude_patterns hides repodoc_stub_dir %r: the generated pages would never "
                "be read. Remove the pattern or choose another repodoc_stub_dir."
            )
            % stub_dir
        )
    url = config.repodoc_source_url
    if url not in (None, "auto"):
        problem = check_template(url)
        if problem:
            raise ConfigError(
                __("repodoc_source_url %(url)r: %(problem)s") % {"url": url, "problem": problem}
            )
    if config.repodoc_max_file_bytes < 0 or config.repodoc_toctree_files < 0:
        raise ConfigError(__("repodoc_max_file_bytes and repodoc_toctree_files must be >= 0"))


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
