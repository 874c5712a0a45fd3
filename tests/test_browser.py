"""The Client Health tab in a real Chromium, against a real `fava` server.

Playwright drives Debian's /usr/bin/chromium (no downloaded browser). Without
it these tests skip, unless CLIENTHEALTH_REQUIRE_BROWSER is set (as in CI).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
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

pytestmark = pytest.mark.browser

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


def test_the_tab_loads_without_console_errors(browser: Browser, studio: str) -> None:
    for scheme in ("light", "dark"):
        tab = Tab(browser, scheme)
        try:
            page = tab.open(f"{studio}/extension/ClientHealth/")
            assert page.locator("#ch-ranking tbody tr").count() == 3
            # Worth keeping?, yield per hour, and the forecast (SPEC section 15).
            assert page.locator("svg.ch-chart").count() == 3
            # Readable at 1280 px: the ranking fits without a scroll bar.
            widths = page.eval_on_selector(
                ".ch-scroll:has(#ch-ranking)", "e => [e.scrollWidth, e.clientWidth]"
            )
            assert widths[0] <= widths[1]
            tab.shot(f"tab-{scheme}")
            assert tab.errors == []
        finally:
            tab.close()


def test_the_chase_list_comes_first_and_says_what_to_do(tab: Tab, studio: str) -> None:
    page = tab.open(f"{studio}/extension/ClientHealth/")
    # The first section of the tab, above the ranking.
    assert page.locator(".ch h3").first.inner_text() == "What to chase today"
    chase = page.locator("#ch-chase")
    ranking = page.locator("#ch-ranking")
    chase_box, ranking_box = chase.bounding_box(), ranking.bounding_box()
    assert chase_box is not None and ranking_box is not None
    assert chase_box["y"] < ranking_box["y"]
    # inv-2 (199 days overdue) then inv-4 (61), both owe the final notice.
    assert tab.rows("#ch-chase") == ["inv-2", "inv-4"]
    first = page.locator("#ch-chase tbody tr").first
    assert "send the final notice" in first.inner_text()
    # Keyboard: the first link of the list is the client, the next its invoice.
    first.locator("a").nth(1).focus()
    assert page.evaluate("document.activeElement.textContent") == "inv-2"
    # At 800 px the list still shows its next step (scrolling inside its box).
    page.set_viewport_size({"width": 800, "height": 1000})
    assert page.get_by_text("send the final notice").first.is_visible()
    with page.expect_download() as download:
        page.get_by_text("Download as CSV").click()
    assert download.value.suggested_filename == "chase-2025-12-31.csv"
    tab.shot("tab-chase-800")
    assert tab.errors == []


def test_sorting_a_column_reorders_the_rows(tab: Tab, studio: str) -> None:
    page = tab.open(f"{studio}/extension/ClientHealth/")
    risk = ["Acme GmbH", "Gamma", "Beta Ltd"]
    assert tab.rows() == risk
    header = page.locator("#ch-ranking th", has_text="Yield")
    header.click()
    assert header.get_attribute("data-order") == "asc"
    assert tab.rows() == ["Gamma", "Acme GmbH", "Beta Ltd"]  # the ranking by yield
    header.click()
    assert tab.rows() == ["Beta Ltd", "Acme GmbH", "Gamma"]
    page.locator("#ch-ranking th", has_text="Client").click()
    assert tab.rows() == ["Acme GmbH", "Beta Ltd", "Gamma"]
    tab.shot("tab-sorted")
    page.locator("#ch-ranking th", has_text="#").click()
    assert tab.rows() == risk
    assert tab.errors == []


def test_a_client_page_opens_from_the_ranking(tab: Tab, studio: str) -> None:
    page = tab.open(f"{studio}/extension/ClientHealth/")
    page.locator("#ch-ranking a", has_text="Acme GmbH").click()
    page.wait_for_url("**/extension/ClientHealth/?client=acme")
    page.wait_for_selector("#ch-invoices")
    assert "Acme GmbH" in page.locator(".ch-head h3").inner_text()
    assert tab.rows("#ch-invoices") == ["inv-2", "inv-1"]
    assert page.locator("svg.ch-chart").count() == 2
    # Fava's router put the page in with innerHTML: its table still sorts.
    page.locator("#ch-invoices th", has_text="Invoice").click()
    assert tab.rows("#ch-invoices") == ["inv-1", "inv-2"]
    tab.shot("client-light")
    page.locator("#ch-invoices a", has_text="inv-1").click()
    page.wait_for_url("**/journal/?**")
    assert "filter=%5Einv-1" in page.url
    assert tab.errors == []


def test_favas_time_filter_changes_the_figures(tab: Tab, studio: str) -> None:
    page = tab.open(f"{studio}/extension/ClientHealth/")
    as_of = page.locator(".ch-summary dd").first
    assert as_of.inner_text() == "2025-12-31"
    time = page.get_by_placeholder("Time")
    time.fill("2025-q3")
    time.press("Enter")
    page.wait_for_url("**time=2025-q3**")
    page.wait_for_function("document.querySelector('.ch-summary dd').textContent === '2025-09-30'")
    assert tab.rows() == ["Acme GmbH", "Beta Ltd"]
    assert tab.errors == []


def test_the_client_page_in_the_dark_theme(browser: Browser, studio: str) -> None:
    tab = Tab(browser, "dark")
    try:
        tab.open(f"{studio}/extension/ClientHealth/?client=gamma")
        tab.shot("client-dark")
        assert tab.errors == []
    finally:
        tab.close()


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the example ledger is not written yet")
def test_the_example_ledger_as_the_readme_shows_it(browser: Browser) -> None:
    # What docs/screenshot.py photographs for the README; the test writes
    # only to SCREENSHOTS, never the tracked docs/screenshot.png.
    with serve(EXAMPLE, "kessler-digital") as base:
        tab = Tab(browser)
        try:
            tab.page.set_viewport_size({"width": 1280, "height": 1030})
            tab.open(f"{base}/extension/ClientHealth/")
            tab.shot("example")
            assert tab.errors == []
        finally:
            tab.close()


#: Fava's CSS variables the tab's style uses (its own are --ch-*).
FAVA_VARIABLES = sorted(
    set(
        re.findall(
            r"var\((--(?!ch-)[a-z0-9-]+)\)",
            (ROOT / "fava_clienthealth" / "templates" / "clienthealth_style.html").read_text(),
        )
    )
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_fava_colour_the_tab_uses_is_defined(
    browser: Browser, studio: str, scheme: Scheme
) -> None:
    # Before Fava 1.30.8 --diff-red and --diff-green did not exist: the tab lost
    # its colours and "act on these" became a black box (pyproject's floor).
    tab = Tab(browser, scheme)
    try:
        tab.open(f"{studio}/extension/ClientHealth/")
        values = tab.page.evaluate(
            "names => names.map(n => getComputedStyle(document.documentElement)"
            ".getPropertyValue(n).trim())",
            FAVA_VARIABLES,
        )
        assert "--diff-red" in FAVA_VARIABLES
        assert [n for n, v in zip(FAVA_VARIABLES, values, strict=True) if not v] == []
    finally:
        tab.close()


#: The WCAG contrast of an element's text on what is behind it, composited up its ancestors.
CONTRAST = """
e => {
  const parse = text => {
    let m = text.match(/^rgba?\\(([^)]+)\\)$/);
    if (m) {
      const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
      return [p[0] / 255, p[1] / 255, p[2] / 255, p.length > 3 ? p[3] : 1];
    }
    m = text.match(/^color\\(srgb ([^)]+)\\)$/);
    if (m) {
      const p = m[1].split(/[ \\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    throw new Error("colour not understood: " + text);
  };
  const layers = [];
  for (let node = e; node; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] >= 1) break;
  }
  let back = [1, 1, 1];
  for (const [r, g, b, a] of layers.reverse()) {
    back = [r * a + back[0] * (1 - a), g * a + back[1] * (1 - a), b * a + back[2] * (1 - a)];
  }
  const [r, g, b, a] = parse(getComputedStyle(e).color);
  const fore = [r * a + back[0] * (1 - a), g * a + back[1] * (1 - a), b * a + back[2] * (1 - a)];
  const lum = ([r, g, b]) => {
    const f = v => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [hi, lo] = [lum(fore), lum(back)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
"""


#: The relative luminance of an element's (opaque) background colour.
LIGHTNESS = """
e => {
  const text = getComputedStyle(e).backgroundColor;
  let p = text.match(/^rgba?\\(([^)]+)\\)$/);
  let c = p ? p[1].split(/[ ,\\/]+/).map(Number).map(v => v / 255)
    : text.match(/^color\\(srgb ([^)]+)\\)$/)[1].split(/[ \\/]+/).map(Number);
  const f = v => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
"""


def test_at_800_px_signals_in_view_sort_by_keyboard_and_badges_contrast(
    browser: Browser, studio: str
) -> None:
    for scheme in ("light", "dark"):
        tab = Tab(browser, scheme)
        try:
            tab.page.set_viewport_size({"width": 800, "height": 900})
            page = tab.open(f"{studio}/extension/ClientHealth/")
            # The signals column stays in view though the ranking scrolls sideways.
            head = page.locator("#ch-ranking th.ch-signals-head").bounding_box()
            assert head is not None
            assert head["x"] >= 0 and head["x"] + head["width"] <= 800
            cell = page.locator("#ch-ranking td.ch-signals").first.bounding_box()
            assert cell is not None and cell["x"] + cell["width"] <= 800
            # The advice opens from the keyboard: Tab to a badge, Enter.
            badge = page.locator("#ch-ranking .ch-signal summary").first
            badge.focus()
            page.keyboard.press("Enter")
            advice = page.locator("#ch-ranking .ch-signal .ch-advice").first
            assert advice.is_visible()
            assert "reminder" in advice.inner_text()
            # Sort by keyboard: Tab reaches a header's button, Enter sorts.
            page.locator("#ch-ranking th", has_text="Client").locator("button").focus()
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.textContent")
            assert focused == "Beyond terms"
            page.keyboard.press("Enter")
            header = page.locator("#ch-ranking th", has_text="Beyond terms")
            assert header.get_attribute("data-order") == "asc"
            assert tab.rows() == ["Beta Ltd", "Gamma", "Acme GmbH"]  # -11, 61, 132.6 days
            # Contrast of every badge and every red figure: WCAG AA, 4.5:1.
            ratios = page.eval_on_selector_all(
                ".ch-badge, .ch-below", f"elements => elements.map({CONTRAST})"
            )
            assert len(ratios) >= 8
            assert min(ratios) >= 4.5, (scheme, ratios)
            # Not by colour alone: a sign before every red figure.
            signs = page.eval_on_selector_all(
                ".ch-below", "es => es.map(e => getComputedStyle(e, '::before').content)"
            )
            assert signs and all("\N{BLACK DOWN-POINTING TRIANGLE}" in sign for sign in signs)
            # The past-due steps (green "not due" differs by hue) differ from their
            # neighbours in lightness: 1.2:1 at least, and 1.5:1 for 1-30 against 31-60,
            # which were alike (1.31:1 in the dark theme before issue 16).
            lights = page.eval_on_selector_all(
                ".ch-legend i[class^=ch-age-]", f"es => es.map({LIGHTNESS})"
            )
            assert len(lights) == 5

            def ratio(a: float, b: float) -> float:
                return (max(a, b) + 0.05) / (min(a, b) + 0.05)

            assert ratio(lights[1], lights[2]) >= 1.5, (scheme, lights)
            assert min(ratio(a, b) for a, b in itertools.pairwise(lights[2:])) >= 1.2, lights
            tab.page.goto(f"{studio}/extension/ClientHealth/?client=acme")
            tab.page.wait_for_selector("#ch-invoices")
            status = page.locator("#ch-invoices th.ch-status-head").bounding_box()
            assert status is not None and status["x"] + status["width"] <= 800
            ratios = page.eval_on_selector_all(
                ".ch-badge, .ch-below", f"elements => elements.map({CONTRAST})"
            )
            assert min(ratios) >= 4.5, (scheme, ratios)
            tab.shot(f"client-800-{scheme}")
            assert tab.errors == []
        finally:
            tab.close()


def test_a_very_long_client_name_wraps(browser: Browser, tmp_path: Path) -> None:
    name = "A" * 3000
    ledger = tmp_path / "ledger.beancount"
    ledger.write_text(ledger_text().replace('"Acme GmbH" "Website, February"', f'"{name}" "Web"'))
    ledger.write_text(
        ledger.read_text().replace(
            '2025-01-01 custom "client" "acme"\n  name: "Acme GmbH"',
            f'2025-01-01 custom "client" "acme"\n  name: "{name}"',
        )
    )
    with serve(ledger, "studio") as base:
        tab = Tab(browser)
        try:
            tab.page.set_viewport_size({"width": 800, "height": 900})
            for url in (
                f"{base}/extension/ClientHealth/",
                f"{base}/extension/ClientHealth/?client=acme",
            ):
                page = tab.open(url)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 800, (url, width)
        finally:
            tab.close()
