"""Refresh docs/screenshot.png, the README's picture: the tab on the example ledger.

Run from a clone with the test tools installed and Debian's Chromium:

    .venv/bin/python scripts/screenshot.py [OUTPUT]

It serves example-ledger/consultancy.beancount with `fava` on a free port,
opens the Client Health tab at 1280 x 1030 in headless Chromium and writes
the picture (default: docs/screenshot.png). The tests never write it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
LEDGER = ROOT / "example-ledger" / "consultancy.beancount"
CHROMIUM = "/usr/bin/chromium"
SIZE: ViewportSize = {"width": 1280, "height": 1030}


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Return once `url` answers; fail if fava exits or takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"fava exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise SystemExit(f"fava did not answer {url} within {timeout:.0f} s")


def main(argv: list[str]) -> int:
    """Photograph the tab into argv[0], or docs/screenshot.png."""
    output = Path(argv[0]) if argv else ROOT / "docs" / "screenshot.png"
    port = free_port()
    url = f"http://127.0.0.1:{port}/kessler-digital/extension/ClientHealth/"
    command = [sys.executable, "-c", "from fava.cli import main; main()"]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), str(LEDGER)],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(url, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport=SIZE)
            page.goto(url)
            page.wait_for_selector(".ch")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=output)
            browser.close()
    finally:
        server.kill()
        server.wait(timeout=10)
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
