"""Live preview: ``sphinx-autobuild`` rebuilds once per edit of the documented repository.

The documented repository lives outside the Sphinx source folder, so the command watches it
too (``--watch REPO``, the command line the README recommends). An edit of one of its files
must cause exactly one rebuild, whose HTML shows the edit, and no further one: the stubs the
build writes under the source folder (which sphinx-autobuild watches) are rewritten only when
their text changes, and the scan cache and state live in the doctree folder it ignores.

The server runs on a free port of 127.0.0.1 in its own process group, which is killed at the
end whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from buildutil import ANSI

import sphinxcontrib_repodoc

pytestmark = [pytest.mark.sphinx, pytest.mark.slow]

REBUILDING = "[sphinx-autobuild] Rebuilding..."
SERVING = "[sphinx-autobuild] Serving on"
#: watchfiles waits 1.6 s for a burst of changes to end; a retriggered build would start
#: within that of the previous one's end, so this quiet time is enough to see one
QUIET_SECONDS = 6


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _project(tmp_path: Path, layout: str) -> tuple[Path, Path, Path]:
    """A repository (a git work tree, one commit), its docs folder, and the folder to run in.

    ``beside``: ``docs/`` next to ``repo/`` (``repodoc_root = "../repo"``); ``inside``: the
    common layout, ``repo/docs/`` with ``repodoc_root = ".."``.
    """
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pkg" / "__init__.py").write_text('"""The package."""\n', encoding="utf-8")
    (repo / "pkg" / "engine.py").write_text(
        '"""The engine."""\n\n\ndef start_engine() -> None:\n    """Start it."""\n',
        encoding="utf-8",
    )
    docs = tmp_path / "docs" if layout == "beside" else repo / "docs"
    docs.mkdir()
    root = "../repo" if layout == "beside" else ".."
    (docs / "conf.py").write_text(
        f'extensions = ["sphinxcontrib_repodoc"]\nrepodoc_root = "{root}"\n', encoding="utf-8"
    )
    (docs / "index.rst").write_text("Project\n=======\n\n.. repodoc::\n", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], check=True)
    return repo, docs, tmp_path if layout == "beside" else repo


class _Output:
    """The server's merged stdout and stderr, line by line, read by a thread."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            with self._lock:
                self.lines.append(ANSI.sub("", line.rstrip("\n")))

    def snapshot(self) -> list[str]:
        with self._lock:
            return list(self.lines)

    def count(self, text: str, since: int = 0) -> int:
        return sum(text in line for line in self.snapshot()[since:])

    def wait_for(self, text: str, since: int, proc: subprocess.Popen[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.count(text, since) == 0:
            if proc.poll() is not None:
                pytest.fail(f"sphinx-autobuild exited:\n{self.text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {text!r} within {timeout} s:\n{self.text()}")
            time.sleep(0.1)

    def text(self) -> str:
        return "\n".join(self.snapshot())


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
        return response.read().decode("utf-8")


def _stop(proc: subprocess.Popen[str]) -> None:
    """End the server and everything it started (its build processes): its process group."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # build children that outlived the server
    proc.wait(timeout=10)


def _command(layout: str, port: int) -> list[str]:
    """The command line the README recommends, run from ``_project``'s folder."""
    if layout == "beside":
        where = ["docs", "docs/_build/html", "--watch", "repo", "--ignore", "docs/repodoc"]
    else:
        where = ["docs", "docs/_build/html", "--watch", ".", "--ignore", "docs/repodoc"]
    return [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        *where,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-color",  # Sphinx's; sphinx-autobuild colours its own lines anyway
    ]


def _one_rebuild(output: _Output, proc: subprocess.Popen[str], change, changed: str) -> None:
    """Make ``change``; exactly one rebuild follows, caused by ``changed``, and then quiet."""
    mark = len(output.snapshot())
    change()
    output.wait_for(REBUILDING, mark, proc, timeout=60)
    output.wait_for(SERVING, mark, proc, timeout=120)
    time.sleep(QUIET_SECONDS)
    after = output.snapshot()[mark:]
    assert output.count(REBUILDING, mark) == 1, "\n".join(after)
    detected = [line for line in after if "Detected changes" in line]
    assert len(detected) == 1, "\n".join(after)
    assert changed in detected[0], detected
    assert "build succeeded" in "\n".join(after), "\n".join(after)


@pytest.mark.parametrize("layout", ["beside", "inside"])
def test_one_edit_one_rebuild(tmp_path, layout):
    pytest.importorskip("sphinx_autobuild", reason="needs sphinx-autobuild (the test extra)")
    repo, docs, cwd = _project(tmp_path, layout)
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # the subprocess imports the same sphinxcontrib_repodoc as this test
    here = str(Path(sphinxcontrib_repodoc.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [here, env.get("PYTHONPATH")]))
    proc = subprocess.Popen(
        _command(layout, port),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, killed as a whole by _stop
    )
    output = _Output(proc)
    base = f"http://127.0.0.1:{port}/repodoc/files/pkg"
    try:
        output.wait_for("Waiting to detect changes", 0, proc, timeout=120)
        deadline = time.monotonic() + 30
        while True:  # uvicorn starts after that line
            with contextlib.suppress(OSError):
                before = _get(f"{base}/engine.py.html")
                break
            if time.monotonic() > deadline:
                pytest.fail(f"nothing served on port {port}:\n{output.text()}")
            time.sleep(0.2)
        assert "start_engine" in before
        assert "stop_engine" not in before
        time.sleep(QUIET_SECONDS)
        assert output.count(REBUILDING) == 0, output.text()
        assert (docs / "repodoc" / "files" / "pkg").is_dir()  # the stubs the README ignores

        # an edit: the stubs stay as they were, the page shows the new function
        engine = repo / "pkg" / "engine.py"
        text = engine.read_text(encoding="utf-8")
        _one_rebuild(
            output,
            proc,
            lambda: engine.write_text(
                text + '\n\ndef stop_engine() -> None:\n    """Stop it."""\n', encoding="utf-8"
            ),
            "engine.py",
        )
        html = _get(f"{base}/engine.py.html")
        assert 'id="outline-stop_engine"' in html  # in the outline
        assert '<span id="stop_engine"></span>' in html  # and its anchor in the listing

        # a new file: new stubs are written (in the ignored folder) and read by the same build
        brake = repo / "pkg" / "brake.py"
        _one_rebuild(
            output,
            proc,
            lambda: brake.write_text("def press_brake() -> None:\n    pass\n", encoding="utf-8"),
            "brake.py",
        )
        assert 'id="outline-press_brake"' in _get(f"{base}/brake.py.html")
    finally:
        _stop(proc)
