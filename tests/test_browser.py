"""End to end in a real browser: headless Chromium driven by Playwright, per theme.

``tests/roots/test-basic`` is built with each theme and served over HTTP on 127.0.0.1; the
test clicks its way from the landing page to ``pkg/core.py``'s overview, to its keyword page,
and from a keyword to the definition line (which must be in view and highlighted by
``repodoc.css``), searches a qualified name, and fails on any JavaScript error. A full-page
screenshot of the overview and of the targeted line is saved per theme under the test's tmp
folder, and copied to ``$REPODOC_SCREENSHOTS`` when that is set (``.ci/run`` sets it to
``_build/screenshots``).

The browser is the system's Chromium (Debian package ``chromium``; ``$REPODOC_CHROMIUM`` to
use another), never one downloaded by Playwright: without it, or without the ``playwright``
package, the test is skipped and says which one is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from buildutil import build, copy_root, warnings_of

pytestmark = pytest.mark.sphinx

#: html_theme → the module it needs (alabaster comes with Sphinx)
THEMES = {
    "furo": "furo",
    "alabaster": "alabaster",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


def _chromium() -> str | None:
    explicit = os.environ.get("REPODOC_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser_setup():
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the browser tests need the 'playwright' package (pip install -e '.[test]')",
    )
    executable = _chromium()
    if executable is None:
        pytest.skip(
            "no Chromium found (Debian package 'chromium'; .ci/run installs it, "
            "or set REPODOC_CHROMIUM)"
        )
    return sync_api, executable


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serve(directory: Path):
    """``python -m http.server`` on 127.0.0.1 and a free port, stopped on exit."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the HTTP server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _save(shot: Path, theme: str) -> None:
    target = os.environ.get("REPODOC_SCREENSHOTS")
    if target:
        dest = Path(target) / theme
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(shot, dest / shot.name)


@pytest.mark.parametrize("theme", list(THEMES))
def test_browse_click_and_search(tmp_path, browser_setup, theme):
    sync_api, executable = browser_setup
    pytest.importorskip(THEMES[theme], reason=f"theme {theme} is not installed")
    src = copy_root("basic", tmp_path / "src")
    overrides = {"html_theme": theme, "project": "basic"}
    if theme in ("pydata_sphinx_theme", "sphinx_book_theme"):
        # pydata's default (no default_mode; the book theme builds on pydata) logs "Got invalid
        # theme mode" on a first visit
        overrides["html_context"] = {"default_mode": "auto"}
    app = build(src, "html", confoverrides=overrides)
    assert not [w for w in warnings_of(app) if "broken.py" not in w], warnings_of(app)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    errors: list[str] = []

    with _serve(app.outdir) as base, sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh --user-data-dir
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.on(
                "console",
                lambda m: (
                    errors.append(m.text)
                    if m.type == "error" and "favicon.ico" not in (m.location or {}).get("url", "")
                    else None
                ),
            )
            page.on("pageerror", lambda e: errors.append(str(e)))
            # a missing file is an error too (the browser's own favicon probe aside)
            page.on(
                "response",
                lambda r: (
                    errors.append(f"{r.status} {r.url}")
                    if r.status >= 400 and not r.url.endswith("/favicon.ico")
                    else None
                ),
            )

            # the landing → the pkg/ folder page → core.py's overview, by clicking
            page.goto(f"{base}/index.html")
            page.locator(".repodoc-landing a[href$='repodoc/folders/pkg/index.html']").first.click()
            page.wait_for_url("**/repodoc/folders/pkg/index.html")
            page.locator("a[href$='files/pkg/core.py.html']:visible").first.click()
            page.wait_for_url("**/repodoc/files/pkg/core.py.html")
            assert "core.py" in page.locator("h1").first.inner_text()
            assert page.locator(".repodoc-listing .repodoc-code-line").count() > 40
            page.screenshot(path=shots / "overview.png", full_page=True)
            _save(shots / "overview.png", theme)

            # its keyword page → click a keyword → the definition line, in view, highlighted
            page.locator("a[href$='keywords/pkg/core.py.html']:visible").first.click()
            page.wait_for_url("**/repodoc/keywords/pkg/core.py.html")
            row = page.locator("table.repodoc-keywords tr", has_text="Engine.start").first
            row.locator("a").first.click()
            page.wait_for_url("**/repodoc/files/pkg/core.py.html#L-*")
            fragment = page.url.rsplit("#", 1)[1]
            line = page.locator(f"[id='{fragment}']")
            assert "def start" in line.inner_text()
            page.wait_for_function(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return r.top >= 0 && r.bottom <= window.innerHeight; }",
                arg=fragment,
            )
            assert line.evaluate("el => el.matches(':target')")
            background = line.evaluate("el => getComputedStyle(el).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
            page.screenshot(path=shots / "target-line.png")
            _save(shots / "target-line.png", theme)

            # the search box finds the qualified name
            # (pydata hides its box behind a button: the search page has one of its own)
            if page.locator("input[name='q']:visible").count() == 0:
                page.goto(f"{base}/search.html")
            box = page.locator("input[name='q']:visible").first
            box.fill("Engine.start")
            box.press("Enter")
            page.wait_for_url("**/search.html?q=Engine.start*")
            result = page.locator("ul.search li a", has_text="Engine.start").first
            result.wait_for()
            assert "repodoc/files/pkg/core.py.html" in result.get_attribute("href")
            page.screenshot(path=shots / "search.png")

            # dark mode where the theme has one that follows the system (furo, pydata, book)
            page.emulate_media(color_scheme="dark")
            page.goto(f"{base}/repodoc/files/pkg/core.py.html#{fragment}")
            page.wait_for_timeout(300)
            dark = page.locator(f"[id='{fragment}']").evaluate(
                "el => getComputedStyle(el).backgroundColor"
            )
            assert dark not in ("rgba(0, 0, 0, 0)", "transparent"), dark
            page.screenshot(path=shots / "target-line-dark.png")
            _save(shots / "target-line-dark.png", theme)
        finally:
            context.close()

    assert errors == [], errors
