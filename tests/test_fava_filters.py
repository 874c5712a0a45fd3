"""The tab under Fava's filters and configs, its endpoint, empty states and hostile ledgers."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from fava.application import create_app
from flask.testing import FlaskClient

from beancount_plugins.clienthealth import cli
from tests.fava_pages import (
    DASH,
    EXTENSION,
    LEDGER,
    TAB,
    attribute,
    endpoint,
    fava,
    ledger_text,
    page,
    row,
    summary,
    tables,
)

# --- Fava's filters ---------------------------------------------------------------------------


def test_time_filter_sets_as_of_and_window(studio: FlaskClient) -> None:
    html = page(studio, f"{TAB}?time=2025-q3")
    line = summary(html)
    assert line["As of"] == "2025-09-30"
    assert line["Window"] == f"2025-07-01 {DASH} 2025-09-30"
    # gamma's invoice is later; acme's June invoice is open; beta's is paid in the quarter.
    assert re.findall(r'<tr data-client="([^"]+)"', html) == ["acme", "beta"]
    assert line["Open"] == "3000.00"
    data = endpoint(studio, "?time=2025-q3")
    assert data["as_of"] == "2025-09-30"
    assert [c["client"] for c in data["clients"]] == ["acme", "beta"]
    acme = data["clients"][0]
    assert acme["hours"] == 0  # acme's hours are all before July
    assert acme["overdue"] == "3000.00"


def test_time_filter_changes_the_client_page(studio: FlaskClient) -> None:
    whole = page(studio, f"{TAB}?client=acme")
    june = page(studio, f"{TAB}?client=acme&time=2025-06")
    assert "As of 2025-12-31" in whole
    assert f"As of 2025-06-30, over 2025-06-01 {DASH} 2025-06-30" in june
    assert "is 199 days overdue" in whole
    assert "is 15 days overdue" in june


def test_other_filters_do_not_change_or_break_the_tab(studio: FlaskClient) -> None:
    plain = re.findall(r'<tr data-client="([^"]+)"', page(studio))
    for query in ("?account=Assets:Bank", "?filter=%23client-beta", "?filter=(((", "?account=Nope"):
        html = page(studio, TAB + query)
        assert re.findall(r'<tr data-client="([^"]+)"', html) == plain, query


def test_a_bad_time_filter_is_reported_not_fatal(studio: FlaskClient) -> None:
    html = page(studio, f"{TAB}?time=2025-13")
    assert 'role="alert"' in html
    assert "2025-13" in html
    assert summary(html)["As of"] == "2025-12-31"
    response = studio.get(f"{TAB}clients?time=nonsense")
    assert response.status_code == 400
    assert "nonsense" in json.loads(response.text)["error"]


# --- the endpoint -----------------------------------------------------------------------------


def test_endpoint_is_the_command_lines_json(
    tmp_path: Path, studio: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "ledger.beancount"
    assert cli.main([str(ledger), "--format", "json"]) == 0
    assert studio.get(f"{TAB}clients").text == capsys.readouterr().out
    args = ["--as-of", "2025-09-30", "--window-days", "92", "--format", "json"]
    assert cli.main([str(ledger), *args]) == 0
    assert studio.get(f"{TAB}clients?time=2025-q3").text == capsys.readouterr().out


def test_endpoint_json_shape(studio: FlaskClient) -> None:
    data = endpoint(studio)
    # SPEC 14 adds low_yield_time_share, section 15 the portfolio figures and the chase list.
    assert list(data) == [
        "as_of",
        "currency",
        "low_yield_time_share",
        "clients",
        "invoices",
        *("dso", "best_dso", "add", "cei", "chase"),
    ]
    assert data["as_of"] == "2025-12-31"
    assert [c["client"] for c in data["clients"]] == ["acme", "gamma", "beta"]
    assert data["clients"][1]["open_disputed"] == "400.00"
    assert [i["invoice"] for i in data["invoices"]] == ["inv-1", "inv-2", "inv-3", "inv-4"]


def test_endpoint_with_a_year_filter(studio: FlaskClient) -> None:
    data = endpoint(studio, "?time=2025")
    assert data["as_of"] == "2025-12-31"
    assert endpoint(studio, "?time=2025-06")["as_of"] == "2025-06-30"


# --- config -----------------------------------------------------------------------------------


def test_extension_config_overrides_the_plugins(tmp_path: Path) -> None:
    line = EXTENSION + " \"{'min_rate': '200 EUR', 'min_payment_score': 90}\""
    client = fava(tmp_path, ledger_text(line))
    data = endpoint(client)
    beta = next(c for c in data["clients"] if c["client"] == "beta")
    assert beta["signals"] == ["slow-payer", "low-yield"]
    assert data["as_of"] == "2025-12-31"  # the plugin's as_of stays
    html = page(client)
    assert "min rate 200.00 EUR" in html
    assert "min score 90" in html


def test_a_min_rate_in_another_currency_is_compared_converted(tmp_path: Path) -> None:
    """40 USD at 0.80 is 32.00 EUR: acme's 32.26 EUR an hour is above it, gamma's 0 below."""
    body = LEDGER.replace("'min_rate': '80 EUR'", "'min_rate': '40 USD'")
    client = fava(tmp_path, ledger_text(body=body + "2025-01-01 price USD 0.80 EUR\n"))
    html = page(client)
    ranking = tables(html)["ch-ranking"]
    assert "ch-below" not in attribute(row(ranking, 0)["Yield / h"], "class")  # acme
    assert "ch-below" in attribute(row(ranking, 1)["Yield / h"], "class")  # gamma
    assert "min rate 32.00 EUR" in html
    assert "against min_rate 32.00 EUR (40 USD)" in html
    acme = page(client, f"{TAB}?client=acme")
    assert re.search(r"Minimum rate</th><td[^>]*>32.00 EUR \(40 USD\)<", acme)


def test_a_min_rate_without_a_price_is_off_and_says_so(tmp_path: Path) -> None:
    body = LEDGER.replace("'min_rate': '80 EUR'", "'min_rate': '40 USD'")
    html = page(fava(tmp_path, ledger_text(body=body)))
    ranking = tables(html)["ch-ranking"]
    for index in range(3):
        assert "ch-below" not in attribute(row(ranking, index)["Yield / h"], "class")
    assert "min rate" not in html  # no threshold line
    assert "Set min_rate" not in html  # it is set: the data error says why it is off
    assert "against min_rate 40 USD (no price in EUR: off)" in html


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("{'min_rate': 'lots'}", "'min_rate'"),
        ("{'min_rat': '80 EUR'}", "'min_rat'"),
        ("[1, 2]", "must be a dict"),
        ("{'min_rate': eighty}", "not a Python literal"),
        ("{'min_rate': ", "not a Python literal"),
    ],
)
def test_a_bad_extension_config_is_a_clear_error(tmp_path: Path, config: str, named: str) -> None:
    client = fava(tmp_path, ledger_text(f'{EXTENSION} "{config}"'))
    html = page(client)
    alert = re.search(r'<p class="ch-problem" role="alert">(.*?)</p>', html, flags=re.S)
    assert alert is not None
    assert "extension&#39;s config is ignored" in alert.group(1)
    assert named.replace("'", "&#39;") in alert.group(1)
    # The page still works, with the plugin's config.
    assert re.findall(r'<tr data-client="([^"]+)"', html) == ["acme", "gamma", "beta"]
    assert "min rate 80.00 EUR" in html
    response = client.get(f"{TAB}clients")
    assert response.status_code == 400
    assert "config is ignored" in json.loads(response.text)["error"]


def test_a_bad_plugin_config_shows_defaults_and_the_problem(tmp_path: Path) -> None:
    body = LEDGER.replace("'min_rate': '80 EUR'", "'min_rate': 'fifty'")
    client = fava(tmp_path, ledger_text(body=body))
    html = page(client)
    alert = re.search(r'<p class="ch-problem" role="alert">(.*?)</p>', html, flags=re.S)
    assert alert is not None
    assert "&#39;min_rate&#39;" in alert.group(1)
    # Figures with the defaults (as of today, so the ranking is there but not as of 2025).
    assert re.findall(r'<tr data-client="([^"]+)"', html)
    assert "min rate" not in html
    response = client.get(f"{TAB}clients")
    assert response.status_code == 400
    assert "min_rate" in json.loads(response.text)["error"]


# --- empty states -----------------------------------------------------------------------------


def test_an_empty_ledger_teaches_the_tags(tmp_path: Path) -> None:
    client = fava(tmp_path, f'option "title" "Studio"\n{EXTENSION}\n')
    html = page(client)
    assert "No client yet" in html
    assert "#client-acme" in html
    assert "Assets:Receivable    1200.00 EUR" in html
    assert endpoint(client)["clients"] == []


def test_a_ledger_without_the_plugin_shows_the_plugin_line(tmp_path: Path) -> None:
    body = re.sub(r"^plugin .*\n", "", LEDGER, flags=re.MULTILINE)
    client = fava(tmp_path, ledger_text(EXTENSION + " \"{'as_of': '2025-12-31'}\"", body))
    html = page(client)
    assert "plugin &#34;beancount_plugins.clienthealth&#34;" in html
    assert re.findall(r'<tr data-client="([^"]+)"', html) == ["acme", "gamma", "beta"]
    # Without a min_rate the tab says how to set one.
    assert "Set min_rate" in html


def test_a_ledger_without_hours_shows_a_time_entry(tmp_path: Path) -> None:
    body = re.sub(r"\n  hours: \d+", "", LEDGER)
    html = page(fava(tmp_path, ledger_text(body=body)))
    assert "No hours in this window" in html
    assert "hours: 2.5" in html
    assert "Worth keeping?" not in html


def test_a_window_without_clients(studio: FlaskClient) -> None:
    html = page(studio, f"{TAB}?time=2024")
    assert "Widen Fava's time filter" in html
    assert "No client yet" not in html


# --- HTML in the ledger -----------------------------------------------------------------------

HOSTILE = """\
option "title" "Studio"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-12-31', 'min_rate': '80 EUR'}"
2025-01-01 custom "fava-extension" "fava_clienthealth"
2025-01-01 open Assets:Receivable EUR
2025-01-01 open Income:Consulting EUR

2025-01-01 custom "client" "evil"
  name: "<script>alert('name')</script>"

2025-02-01 * "<img src=x onerror=alert('payee')>" "<script>alert(2)</script>" ^inv-1 #client-evil
  hours: 4
  Assets:Receivable    400.00 EUR
  Income:Consulting

2025-03-01 * "<b onmouseover=alert('p2')>x</b>" "work"
  client: "<svg onload=alert('client')>"
  invoice: "<i>inv</i>"
  hours: 2
  Assets:Receivable    100.00 EUR
  Income:Consulting
"""


def test_html_and_script_in_the_ledger_are_inert(tmp_path: Path) -> None:
    client = fava(tmp_path, HOSTILE)
    pages = [page(client), page(client, f"{TAB}?client=evil")]
    # Issue 16: an id the ledger never mentions answers 404 (with the id shown, inert).
    for query in ("%3Csvg%20onload%3Dalert('client')%3E", "%3Cscript%3Ealert(1)%3C/script%3E"):
        response = client.get(f"{TAB}?client={query}")
        assert response.status_code in (200, 404)
        pages.append(response.text)
    for html in pages:
        content = html.split("<article>", 1)[-1]
        assert "<script>alert" not in content
        assert "<img" not in content
        assert "<svg onload" not in content
        assert "<b onmouseover" not in content
        assert "<i>inv</i>" not in content
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in pages[0]
    assert "&lt;svg onload=alert(&#39;client&#39;)&gt;" in pages[0]
    assert "&lt;i&gt;inv&lt;/i&gt;" in pages[2]


def test_an_edited_extension_config_applies_on_reload(tmp_path: Path) -> None:
    client = fava(tmp_path, ledger_text())
    assert "min rate 80.00 EUR" in page(client)
    path = tmp_path / "ledger.beancount"
    path.write_text(ledger_text(EXTENSION + " \"{'min_rate': '120 EUR'}\""))
    ledger = client.application.config["LEDGERS"]["studio"]
    ledger.load_file()
    assert "min rate 120.00 EUR" in page(client)


def test_a_bad_extension_config_breaks_no_page_when_fava_loads_on_a_request(
    tmp_path: Path,
) -> None:
    """As `fava LEDGER` runs: the ledger loads in the first request, before Fava's `g.ledger`."""
    path = tmp_path / "books.beancount"
    path.write_text(textwrap.dedent(ledger_text(f"{EXTENSION} \"{{'nope': 5}}\"")))
    app = create_app([str(path)], load=False, poll_watcher=True)
    app.testing = True
    client = app.test_client()
    for url in ("/studio/income_statement/", "/studio/journal/", TAB):
        assert client.get(url).status_code == 200, url
    assert "extension&#39;s config is ignored" in page(client)
