"""The tab's colours in a real Chromium: Fava's variables, dark theme, contrast at 800 px."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Browser

from tests import browser_tab
from tests.browser_tab import ROOT, Scheme, Tab

pytestmark = pytest.mark.browser

#: The harness's fixtures, module-scoped here: one server and one browser for this file.
studio, browser, tab = browser_tab.studio, browser_tab.browser, browser_tab.tab


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
            # Contrast of every badge, red figure and table header: WCAG AA, 4.5:1
            # (the headers were 4.26:1 in the dark theme, as Fava's th).
            ratios = page.eval_on_selector_all(
                ".ch-badge, .ch-below, .ch-table thead th", f"elements => elements.map({CONTRAST})"
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
