"""The tab in a real Chromium: loading, the chase list, sorting, client pages and filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests import browser_tab
from tests.browser_tab import EXAMPLE, Tab, serve
from tests.fava_pages import ledger_text

pytestmark = pytest.mark.browser

#: The harness's fixtures, module-scoped here: one server and one browser for this file.
studio, browser, tab = browser_tab.studio, browser_tab.browser, browser_tab.tab


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
            page = tab.open(f"{base}/extension/ClientHealth/")
            tab.shot("example")
            assert tab.errors == []
            # Its 13 clients' ranking fits at 1280 px: no column under the sticky signals.
            widths = page.eval_on_selector(
                ".ch-scroll:has(#ch-ranking)", "e => [e.scrollWidth, e.clientWidth]"
            )
            assert widths[0] <= widths[1]
        finally:
            tab.close()


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the example ledger is not written yet")
@pytest.mark.parametrize("lang", ["de", "ru", "bg"])
def test_the_examples_ranking_fits_at_1280_px_in_every_language(
    browser: Browser, tmp_path: Path, lang: str
) -> None:
    # Longer words than English ("Abgeschrieben", "Нефактурирано", badges of two
    # words) pushed Yield / h under the sticky signals column by 50 to 136 px.
    ledger = tmp_path / "consultancy.beancount"
    option = f'2020-01-01 custom "fava-option" "language" "{lang}"\n'
    ledger.write_text(option + EXAMPLE.read_text())
    with serve(ledger, "kessler-digital") as base:
        tab = Tab(browser)
        try:
            tab.page.set_viewport_size({"width": 1280, "height": 1000})
            page = tab.open(f"{base}/extension/ClientHealth/")
            widths = page.eval_on_selector(
                ".ch-scroll:has(#ch-ranking)", "e => [e.scrollWidth, e.clientWidth]"
            )
            assert widths[0] <= widths[1], lang
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
