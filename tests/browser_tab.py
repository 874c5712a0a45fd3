"""The browser tests' harness: a real `fava` server, Debian's Chromium, and a recorded tab.

Playwright drives Debian's /usr/bin/chromium (no downloaded browser). Without
it the tests that import this module skip, unless CLIENTHEALTH_REQUIRE_BROWSER
is set (as in CI).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest

from tests.fava_pages import ledger_text

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).parent.parent
#: Where the tests' screenshots go, to look at after a run: never into the repository.
SCREENSHOTS = Path(
    os.environ.get("CLIENTHEALTH_SCREENSHOTS")
    or Path(tempfile.gettempdir()) / "clienthealth-screenshots"
)
EXAMPLE = ROOT / "example-ledger" / "consultancy.beancount"
#: The colour schemes the tab is tested in (Playwright's `color_scheme`).
Scheme = Literal["light", "dark"]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    if os.environ.get("CLIENTHEALTH_REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing and CLIENTHEALTH_REQUIRE_BROWSER is set")
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`fava` serving one ledger on 127.0.0.1, killed on exit whatever happens."""

    def __init__(self, ledger: Path, slug: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/{slug}"
        command = [sys.executable, "-c", "from fava.cli import main; main()"]
        self.process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(self.port), str(ledger)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"fava exited with {self.process.returncode}: {error}")
            try:
                with urllib.request.urlopen(f"{self.base}/extension/ClientHealth/", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise TimeoutError(f"fava did not answer on port {self.port}")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        if self.process.stderr:
            self.process.stderr.close()


@contextlib.contextmanager
def serve(ledger: Path, slug: str) -> Iterator[str]:
    server = Server(ledger, slug)
    try:
        server.wait()
        yield server.base
    finally:
        server.stop()


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    ledger = tmp_path_factory.mktemp("studio") / "ledger.beancount"
    ledger.write_text(ledger_text())
    with serve(ledger, "studio") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


class Tab:
    """A page at 1280 px that records every console error and uncaught exception."""

    def __init__(self, browser: Browser, scheme: Scheme = "light") -> None:
        self.page: Page = browser.new_page(
            viewport={"width": 1280, "height": 1000}, color_scheme=scheme
        )
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"exception: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            self.errors.append(f"{message.type}: {message.text}")

    def open(self, url: str) -> Page:
        self.page.goto(url)
        self.page.wait_for_selector(".ch")
        # Fava defines its sortable table once its module has run.
        self.page.wait_for_function("customElements.get('sortable-table') !== undefined")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def rows(self, table: str = "#ch-ranking") -> list[str]:
        cells = self.page.locator(f"{table} tbody tr td:nth-child(2)")
        return [text.strip() for text in cells.all_inner_texts()]

    def shot(self, name: str, path: Path | None = None) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=path or SCREENSHOTS / f"{name}.png", full_page=True)

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    opened = Tab(browser)
    yield opened
    opened.close()
