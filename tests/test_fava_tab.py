"""The Client Health tab through Fava's own Flask app: the overview and a client's page."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fava.application import create_app
from fava.ext import find_extensions
from flask.testing import FlaskClient

from tests.fava_pages import (
    DASH,
    LEDGER,
    TAB,
    attribute,
    endpoint,
    fava,
    ledger_text,
    page,
    row,
    shown,
    summary,
    tables,
    texts,
)

# --- the tab ---------------------------------------------------------------------------------


def test_one_extension_class_is_found() -> None:
    classes, errors = find_extensions(Path(), "fava_clienthealth")
    assert [cls.__qualname__ for cls in classes] == ["ClientHealth"]
    assert errors == []
    assert classes[0].report_title == "Client Health"


def test_tab_summary_line(studio: FlaskClient) -> None:
    html = page(studio)
    line = summary(html)
    assert line["As of"] == "2025-12-31"
    assert line["Window"] == f"2025-01-01 {DASH} 2025-12-31"
    assert line["Currency"] == "EUR"
    assert line["Open"] == "4200.00"
    assert line["Overdue"] == "4200.00"
    assert line["Open disputed"] == "400.00"
    assert line["Need action"] == "2 of 3 clients"


def test_ranking_is_the_first_list_in_risk_order(studio: FlaskClient) -> None:
    html = page(studio)
    assert html.index('id="ch-ranking"') < html.index("Worth keeping?")
    assert re.findall(r'<tr data-client="([^"]+)"', html) == ["acme", "gamma", "beta"]
    ranking = tables(html)["ch-ranking"]
    names = [row[1]["text"].strip() for row in ranking["rows"]]
    assert names == ["Acme GmbH", "Gamma", "Beta Ltd"]
    acme = row(ranking, 0)
    assert acme["Score"]["text"].strip() == "20"
    assert acme["Days to pay"]["text"].strip() == "47"
    assert acme["Beyond terms"]["text"].strip() == "132.6"
    assert acme["Hours"]["text"].strip() == "62"
    assert acme["Unbilled"]["text"].strip() == "19%"
    assert acme["Yield / h"]["text"].strip() == "32.26"
    assert "ch-below" in attribute(acme["Yield / h"], "class")
    assert acme["Revenue / time"]["text"].strip() == "65% / 55%"
    assert "slow payer" in acme["Signals"]["text"]
    assert "low yield" in acme["Signals"]["text"]


def test_ranking_is_a_sortable_table_with_a_sort_value_per_cell(studio: FlaskClient) -> None:
    ranking = tables(page(studio))["ch-ranking"]
    assert ranking["attrs"][0]["is"] == "sortable-table"
    head = ranking["head"]
    assert all(th["attrs"].get("data-sort") in {"num", "string"} for th in head)
    for cells in ranking["rows"]:
        # Fava's sortable table reads the n-th cell for the n-th th[data-sort].
        assert len(cells) == len(head)
        for th, td in zip(head, cells, strict=True):
            if th["attrs"]["data-sort"] == "num":
                value = attribute(td, "data-sort-value")
                assert re.fullmatch(r"-?\d+(\.\d+)?", value), (th["text"], value)


def test_missing_figures_sort_last_ascending(studio: FlaskClient) -> None:
    ranking = tables(page(studio))["ch-ranking"]
    days = [h["text"].strip() for h in ranking["head"]].index("Days to pay")
    gamma = ranking["rows"][1]
    assert gamma[days]["text"].strip() == DASH
    assert float(attribute(gamma[days], "data-sort-value")) > 10**8


def test_clients_link_to_their_pages(studio: FlaskClient) -> None:
    html = page(studio)
    assert 'href="/studio/extension/ClientHealth/?client=acme"' in html


def test_charts_are_inline_svg_with_the_thresholds(studio: FlaskClient) -> None:
    html = page(studio)
    # Worth keeping?, yield per hour, and the cash-in forecast of SPEC section 15.
    assert html.count('class="ch-chart"') == 3
    assert "min score 50" in html
    assert "min rate 80.00 EUR" in html
    content = html.split("<article>")[1].split('<script type="application/json" id="page-title"')[0]
    assert "<script" not in content  # no JavaScript of ours
    worth = html[html.index("Worth keeping?") :]
    for name in ("Acme GmbH", "Gamma", "Beta Ltd"):
        assert f">{name}</text>" in worth


def test_money_uses_favas_number_format(tmp_path: Path) -> None:
    text = ledger_text().replace(
        'option "title" "Studio"',
        'option "title" "Studio"\n2025-01-01 custom "fava-option" "locale" "de_DE"',
    )
    html = page(fava(tmp_path, text))
    assert summary(html)["Open"] == "4.200,00"


def _ticks(html: str) -> list[str]:
    return re.findall(r'class="ch-tick"[^>]*>([^<]*)</text>', html)


def test_chart_axes_write_numbers_as_favas_locale_does(tmp_path: Path, studio: FlaskClient) -> None:
    text = ledger_text().replace(
        'option "title" "Studio"',
        'option "title" "Studio"\n2025-01-01 custom "fava-option" "locale" "de_DE"',
    )
    # Without the option Fava writes 1234.50, and the axes 1000, as before.
    assert "1000" in _ticks(page(studio))
    (tmp_path / "de").mkdir()
    german = _ticks(page(fava(tmp_path / "de", text)))
    assert "1.000" in german
    assert "1000" not in german


# --- a client's page --------------------------------------------------------------------------


def test_client_page(studio: FlaskClient) -> None:
    html = page(studio, f"{TAB}?client=acme")
    assert "Acme GmbH" in html
    invoices = tables(html)["ch-invoices"]
    assert invoices["attrs"][0]["is"] == "sortable-table"
    ids = [row[1]["text"].strip() for row in invoices["rows"]]
    assert ids == ["inv-2", "inv-1"]
    first = texts(invoices, 1)
    assert first["Amount"] == "2000.00 EUR"
    assert first["Due"] == "2025-02-15"
    assert first["Settled on"] == "2025-03-20"
    assert first["Days to pay"] == "47"
    assert first["Days late"] == "33"
    assert first["Status"] == "paid"
    open_one = texts(invoices, 0)
    assert open_one["Days late"] == "199"
    assert open_one["Status"] == "overdue"
    assert "is 199 days overdue" in html
    assert "Days to pay over time" in html
    assert "Hours per month: billed, unbilled, rework, meetings" in html


def test_incognito_hides_money_in_charts_captions_and_messages(tmp_path: Path) -> None:
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(ledger_text()))
    app = create_app([str(path)], load=True, incognito=True, poll_watcher=True)
    app.testing = True
    client = app.test_client()
    html = page(client)
    ticks = re.findall(r'<text[^>]*class="ch-tick"[^>]*>([^<]*)</text>', html)
    assert ticks
    # Payment scores (0 to 100 across) are not money; every yield tick is masked.
    assert {t for t in ticks if re.search(r"[0-9]", t)} <= {"0", "20", "40", "60", "80", "100"}
    assert "against min_rate XX EUR" in html
    for amount in ("4200.00", "32.26", "80 EUR", "80.00 EUR"):
        assert amount not in shown(html)
    # The JSON link would open every figure unmasked during a screen share.
    assert f"{TAB}clients" not in html
    assert f"{TAB}clients" in page(fava(tmp_path, ledger_text()))
    acme = shown(page(client, f"{TAB}?client=acme"))
    assert "is 199 days overdue, 3000.00 EUR open" not in acme
    # Issue 16: only amounts are masked; the day count is the table's, shown beside it.
    assert "is 199 days overdue, XXXX.XX EUR open" in acme


def test_incognito_hides_money_in_data_errors(tmp_path: Path) -> None:
    body = LEDGER.replace("'min_rate': '80 EUR'", "'min_rate': '40 USD'")
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(ledger_text(body=body)))
    app = create_app([str(path)], load=True, incognito=True, poll_watcher=True)
    app.testing = True
    html = shown(page(app.test_client()))
    assert "min_rate XX USD has no price in EUR" in html
    assert "40 USD" not in html


def test_invoice_columns_sort_by_worth_across_currencies(tmp_path: Path) -> None:
    """150000 JPY at 0.0062 is 930 EUR: it sorts below 1000 EUR, not above."""
    client = fava(
        tmp_path,
        ledger_text()
        + textwrap.dedent("""
        2025-01-01 price JPY 0.0062 EUR
        2025-12-01 * "Acme GmbH" "Tokyo office" ^inv-jp #client-acme
          Assets:Receivable    150000 JPY
          Income:Consulting
        2025-12-02 * "Acme GmbH" "Small job" ^inv-small #client-acme
          Assets:Receivable    1000.00 EUR
          Income:Consulting
        """),
    )
    invoices = tables(page(client, f"{TAB}?client=acme"))["ch-invoices"]
    keys = {
        row[1]["text"].strip(): {
            column: float(attribute(row[index], "data-sort-value"))
            for index, column in ((2, "Amount"), (7, "Open"))  # Net is column 3
        }
        for row in invoices["rows"]
    }
    assert keys["inv-jp"]["Amount"] == pytest.approx(930)
    assert keys["inv-jp"]["Amount"] < keys["inv-small"]["Amount"]
    assert keys["inv-jp"]["Open"] < keys["inv-small"]["Open"]


def test_client_page_links_to_the_journal(studio: FlaskClient) -> None:
    html = page(studio, f"{TAB}?client=acme&time=2025")
    links = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]
    journal = [urlsplit(link) for link in links if "/studio/journal/" in link]
    filters = {parse_qs(url.query).get("filter", [""])[0]: parse_qs(url.query) for url in journal}
    invoice = next(f for f in filters if f.startswith("^inv-1,"))
    assert any(f.startswith("^inv-2,") for f in filters)
    # An invoice's journal shows its payments whatever their date.
    assert filters[invoice].get("time", [""]) == [""]
    client = next(f for f in filters if f.startswith("#client-acme"))
    assert client == '#client-acme, client:"^(?-i:acme)$", ^inv-1, ^inv-2'


def test_unknown_client_is_a_404_with_a_link_back(studio: FlaskClient) -> None:
    # Issue 16: a client the ledger never mentions answers 404, not an empty 200 page.
    response = studio.get(f"{TAB}?client=nobody")
    assert response.status_code == 404
    assert "No client “nobody” in this ledger" in response.text
    assert f'<a href="{TAB}">' in response.text


def test_a_known_client_outside_the_window_is_no_404(studio: FlaskClient) -> None:
    """Beta's only invoice is in September: with 2025-q1 its page says so, status 200."""
    html = page(studio, f"{TAB}?client=beta&time=2025-q1")
    assert "No client “beta” has invoices, hours or costs in this window." in html


def test_yield_rounds_half_up_as_the_command_line_does(tmp_path: Path) -> None:
    """1764.90 EUR for 20 hours is 88.245 per hour: 88.25, where Fava's format gives 88.24."""
    client = fava(
        tmp_path,
        """\
        option "title" "Studio"
        option "operating_currency" "EUR"
        2025-01-01 custom "fava-extension" "fava_clienthealth" "{'as_of': '2025-12-31'}"
        2025-01-01 open Assets:Bank
        2025-01-01 open Assets:Receivable
        2025-01-01 open Income:Consulting
        2025-03-01 * "Acme GmbH" "Work" ^inv-1 #client-acme
          hours: 20
          Assets:Receivable    1764.90 EUR
          Income:Consulting
        2025-03-10 * "Acme GmbH" "Payment" ^inv-1
          Assets:Bank          1764.90 EUR
          Assets:Receivable
        """,
    )
    html = page(client)
    assert texts(tables(html)["ch-ranking"], 0)["Yield / h"] == "88.25"
    assert "88.25 EUR" in shown(html)  # the yield chart's label
    assert "88.24" not in shown(html)
    assert ">88.25</td>" in page(client, f"{TAB}?client=acme")
    assert endpoint(client)["clients"][0]["yield_per_hour"] == "88.25"


def test_charts_survive_a_negative_price(tmp_path: Path) -> None:
    # -0.90 EUR a dollar makes yankee's invoiced amount negative: its point has no size.
    body = (
        LEDGER
        + """
2025-01-01 open Assets:Receivable:US USD
2025-01-01 open Income:US USD
2025-01-01 price USD -0.90 EUR
2025-03-01 * "Yankee" "Work in USD" ^inv-us #client-yankee
  hours: 10
  Assets:Receivable:US    1000.00 USD
  Income:US
"""
    )
    html = page(fava(tmp_path, ledger_text(body=body)))
    assert ">Yankee</text>" in html[html.index("Worth keeping?") :]


def test_charts_survive_an_astronomic_min_rate(tmp_path: Path) -> None:
    body = LEDGER.replace("'min_rate': '80 EUR'", "'min_rate': '1E+400 EUR'")
    html = page(fava(tmp_path, ledger_text(body=body)))
    assert ">Acme GmbH</text>" in html[html.index("Worth keeping?") :]


def test_a_huge_amount_in_favas_locale_is_written_not_a_500(tmp_path: Path) -> None:
    # Babel quantizes in the default 28-digit context: 1E+29 raised InvalidOperation
    # in the forecast's money and the axes' numbers as soon as `locale` was set.
    text = ledger_text().replace(
        'option "title" "Studio"',
        'option "title" "Studio"\n2025-01-01 custom "fava-option" "locale" "de_DE"\n'
        '2025-12-01 * "Huge" "Invoice" ^inv-huge #client-huge\n'
        "  Assets:Receivable   100000000000000000000000000000 EUR\n"
        "  Income:Consulting  -100000000000000000000000000000 EUR",
    )
    response = fava(tmp_path, text).get(TAB)
    assert response.status_code == 200
    assert "100.000.000.000.000.000.000.000.000.000" in response.text
