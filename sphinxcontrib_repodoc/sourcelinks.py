"""Links to a file (and its lines) on the repository's source host.

``repodoc_source_url`` is a template with ``{commit}``, ``{path}``, ``{line}`` and
``{end_line}``; ``"auto"`` picks the GitHub, GitLab or Bitbucket preset from the ``origin``
remote. The commit is read once per build from git (no network), falling back to
``repodoc_source_branch``.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: host → template; ``{repo}`` is ``owner/name`` from the remote
PRESETS = {
    "github.com": "https://github.com/{repo}/blob/{commit}/{path}#L{line}-L{end_line}",
    "gitlab.com": "https://gitlab.com/{repo}/-/blob/{commit}/{path}#L{line}-{end_line}",
    "bitbucket.org": "https://bitbucket.org/{repo}/src/{commit}/{path}#lines-{line}:{end_line}",
}
PLACEHOLDERS = ("commit", "branch", "path", "line", "end_line")

_REMOTE = re.compile(
    r"^(?:(?:https?|ssh|git)://(?:[^@/]+@)?(?P<host1>[^/:]+)(?::\d+)?/"
    r"|(?:[^@/]+@)?(?P<host2>[^/:]+):)(?P<repo>[^\s]+?)(?:\.git)?/?$"
)


@dataclass(frozen=True, slots=True)
class SourceLinks:
    """A resolved template: everything but the path and lines is known."""

    template: str  #: with ``{path}``, ``{line}``, ``{end_line}`` left to fill
    prefix: str  #: the documented root's path inside the git work tree ("" at its top)

    def url(self, path: str, line: int | None = None, end_line: int | None = None) -> str:
        """The link to ``path`` (a root-relative path), to its lines when ``line`` is given.

        Without a line, the template's fragment (``#L…``) is dropped: a link to the file.
        """
        full = f"{self.prefix}/{path}" if self.prefix else path
        template = self.template if line is not None else self.template.split("#", 1)[0]
        return template.format(path=full, line=line or 1, end_line=end_line or line or 1)


def preset_for(remote: str) -> str | None:
    """The template for a GitHub/GitLab/Bitbucket remote URL, else None."""
    match = _REMOTE.match(remote.strip())
    if match is None:
        return None
    host = (match.group("host1") or match.group("host2") or "").lower()
    preset = PRESETS.get(host)
    return preset.replace("{repo}", match.group("repo")) if preset else None


def check_template(template: str) -> str | None:
    """Why ``template`` cannot be used, or None."""
    try:
        template.format(**dict.fromkeys(PLACEHOLDERS, "x"))
    except (KeyError, IndexError, ValueError) as exc:
        return f"unknown or malformed placeholder {exc}; use {', '.join(PLACEHOLDERS)}"
    return None


def resolve(root: Path, setting: str | None, branch: str) -> SourceLinks | None:
    """The links for this build, or None when there are none (no setting, no remote)."""
    if not setting:
        return None
    top = _git(root, "rev-parse", "--show-toplevel")
    template = setting
    if setting == "auto":
        remote = _git(root, "remote", "get-url", "origin")
        template = (preset_for(remote) if remote else None) or ""
        if not template:
            return None
    commit = _git(root, "rev-parse", "HEAD") or branch
    prefix = ""
    if top:
        rel = root.resolve().relative_to(Path(top).resolve()).as_posix()
        prefix = "" if rel == "." else rel
    filled = template.replace("{commit}", commit).replace("{branch}", branch)
    return SourceLinks(filled, prefix)


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None
