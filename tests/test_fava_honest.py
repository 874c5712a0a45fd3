"""The tab says what it ignores and hides what incognito hides: filters, time, amounts, advice."""

from __future__ import annotations

import html as html_lib
import re
import textwrap
from pathlib import Path

from fava.application import create_app
from flask import g, request
from flask.testing import FlaskClient

from fava_clienthealth import badges, view
from tests.fava_pages import TAB, ledger_text, page, shown, tables

NOTE = "filter is not applied here"


def test_a_note_says_favas_account_and_tag_filters_are_not_applied(studio: FlaskClient) -> None:
    assert NOTE not in page(studio)
    assert NOTE not in page(studio, f"{TAB}?time=2025")
    account = page(studio, f"{TAB}?account=Assets:Bank")
    assert "Fava's account filter is not applied here" in account
    both = page(studio, f"{TAB}?client=acme&account=Assets&filter=%23client-acme")
    assert "Fava's account and tag and payee filter is not applied here" in both


def test_a_huge_time_value_is_reported_shortened_and_copied_into_no_link(
    studio: FlaskClient,
) -> None:
    time = "9" * 1_000_000
    response = studio.get(TAB, query_string={"time": time})
    assert response.status_code == 200
    # Reported once, cut to 40 characters: 39 nines and an ellipsis.
    assert f"The time filter '{'9' * 39}\N{HORIZONTAL ELLIPSIS}'" in html_lib.unescape(
        response.text
    )
    assert "9" * 100 not in response.text
    assert len(response.text) < 2 * len(page(studio))
    assert studio.get(f"{TAB}clients", query_string={"time": time}).status_code == 400


def test_a_bad_short_time_value_keeps_the_page_and_leaves_the_links(studio: FlaskClient) -> None:
    html = page(studio, f"{TAB}?time=2025-13")
    message = "The time filter '2025-13' is not a date or a range of dates."
    assert message in html_lib.unescape(html)
    assert "time=2025-13" not in html  # not copied into Fava's links or ours
    assert "time=2025" in page(studio, f"{TAB}?time=2025")  # a good one is


def incognito(tmp_path: Path) -> FlaskClient:
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(ledger_text()))
    app = create_app([str(path)], load=True, incognito=True, poll_watcher=True)
    app.testing = True
    return app.test_client()


def test_incognito_leaves_no_real_amount_in_the_html_or_the_json(
    tmp_path: Path, studio: FlaskClient
) -> None:
    # The ledger's amounts (fava_pages.LEDGER) and the yields: 2000 paid / 62 h = 32.26,
    # 1500 / 10 h = 150.00; open 3000 + 1200 = 4200; disputed 400.
    amounts = ["2000.00", "3000.00", "1500.00", "1200.00", "4200.00", "400.00", "32.26", "150.00"]
    urls = (TAB, f"{TAB}?client=acme", f"{TAB}?client=gamma")
    plain = "".join(page(studio, url) for url in urls)
    assert all(amount in plain for amount in amounts)  # the test would see them
    client = incognito(tmp_path)
    for url in urls:
        html = page(client, url)
        # The tab's part: Fava's own data script after it carries the plugin's errors
        # (from the plugin line) as Fava's Errors page shows them, unmasked by Fava.
        content = html.split("<article>")[1].split('<script type="application/json"')[0]
        for amount in amounts:
            assert amount not in content, (url, amount)
        sort_values = re.findall(r'data-sort-value="([^"]*)"', content)
        assert not {"2000", "3000", "4200", "1200"} & {v.split(".")[0] for v in sort_values}
    response = client.get(f"{TAB}clients")
    assert response.status_code == 403
    assert not any(amount in response.text for amount in amounts)
    assert "incognito" in response.get_json()["error"]


def test_messages_mask_amounts_not_ids_or_days() -> None:
    def mask(text: str) -> str:
        return re.sub(r"[0-9]", "X", text)

    message = "invoice inv-2 (Acme GmbH) is 199 days overdue, 3000.00 EUR open"
    assert view.mask_amounts(message, mask) == (
        "invoice inv-2 (Acme GmbH) is 199 days overdue, XXXX.XX EUR open"
    )
    assert view.mask_amounts("min_rate 40 USD has no price", mask) == (
        "min_rate XX USD has no price"
    )


def test_every_badge_shows_its_advice_on_the_page(studio: FlaskClient) -> None:
    """Not only in a hover title: each badge is a <summary> that opens to its advice."""
    html = page(studio)
    signals = [row[-1] for row in tables(html)["ch-ranking"]["rows"]]
    acme = str(signals[0]["text"])
    assert "slow payer" in acme
    assert badges.badge("slow-payer")[1] in acme
    assert html.count('<details class="ch-signal"><summary') == html.count('class="ch-advice"')
    assert 'title="Pays late' not in html


def test_sort_headers_are_buttons_the_keyboard_reaches(studio: FlaskClient) -> None:
    html = page(studio) + page(studio, f"{TAB}?client=acme")
    headers = re.findall(r"<th data-sort[^>]*>(.*?)</th>", html, flags=re.S)
    assert headers
    assert all(h.startswith('<button type="button" class="ch-sort">') for h in headers)


def test_chart_points_are_no_tab_stops_and_each_chart_has_a_text_summary(
    studio: FlaskClient,
) -> None:
    html = page(studio)
    links = re.findall(r"<a [^>]*>", html.split('class="ch-chart"')[1].split("</svg>")[0])
    assert links
    assert all('tabindex="-1"' in link for link in links)
    texts = [shown(t).strip() for t in re.findall(r'<p class="ch-chart-text">(.*?)</p>', html)]
    # The forecast, first: Acme's 3000.00 (expected 2025-07-18) and Gamma's 1200.00
    # (2025-10-31) are both expected before A, so all 4200.00 is late.
    forecast = html.split('class="ch-forecast"')[1].split("</figure>")[0]
    assert 'tabindex="0"' not in forecast  # no tab stop inside an image
    assert texts[0] == "Expected late: 4200.00 EUR; nothing in the next weeks; later: 0.00 EUR."
    # Acme scores 20 and Gamma 40, both below 50 and below 80 EUR an hour; Beta (86) is fine.
    assert texts[1] == "3 of 3 clients drawn; act on these first: Acme GmbH, Gamma."
    # Yields: Beta 150.00, Acme 32.26, Gamma 0.00 (nothing paid).
    assert texts[2] == (
        "Highest: Beta Ltd, 150.00 EUR per hour; lowest: Gamma, 0.00 EUR. "
        "Below min_rate: Acme GmbH, Gamma."
    )
    acme = page(studio, f"{TAB}?client=acme")
    summaries = [shown(t).strip() for t in re.findall(r'<p class="ch-chart-text">(.*?)</p>', acme)]
    # inv-1 paid after 47 days, inv-2 open; hours: 20 + 30 billed, 12 unbilled, over the
    # window's months, January to December.
    assert summaries[0] == "2 invoices: paid in 47 to 47 days; 1 open."
    assert summaries[1] == "12 months: 50 hours billed, 12 unbilled."


def test_only_the_tabs_own_requests_drop_a_bad_time_filter(tmp_path: Path) -> None:
    """Fava's pages and other routes keep their `time`; the tab's page and endpoint drop it."""
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(ledger_text()))
    app = create_app([str(path)], load=True, poll_watcher=True)
    for url, own in [
        ("/studio/journal/?time=2025-13", False),
        ("/studio/extension/ClientHealth/?time=2025-13", True),
        ("/studio/extension/ClientHealth/clients?time=2025-13", True),
    ]:
        with app.test_request_context(url):
            app.preprocess_request()
            assert ("time" not in request.args) == own, url
            assert hasattr(g, "clienthealth_time_problem") == own, url
