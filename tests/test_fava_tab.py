"""The Client Health tab through Fava's own Flask app: pages, filters, endpoint, empty states."""

from __future__ import annotations

import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fava.application import create_app
from fava.ext import find_extensions
from flask.testing import FlaskClient

from beancount_plugins.clienthealth import cli

TAB = "/studio/extension/ClientHealth/"
DASH = "\N{EN DASH}"

#: Three clients as of 2025-12-31: acme pays late and yields little, gamma
#: disputes, beta pays early. Its title makes the slug `studio`.
LEDGER = """\
option "title" "Studio"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'min_rate': '80 EUR', 'as_of': '2025-12-31'}"
{extension}

2025-01-01 open Assets:Bank EUR
2025-01-01 open Assets:Receivable EUR
2025-01-01 open Income:Consulting EUR

2025-01-01 custom "client" "acme"
  name: "Acme GmbH"
  terms: 14

2025-02-01 * "Acme GmbH" "Website, February" ^inv-1 #client-acme
  hours: 20
  Assets:Receivable    2000.00 EUR
  Income:Consulting

2025-03-20 * "Acme GmbH" "Payment inv-1" ^inv-1
  Assets:Bank          2000.00 EUR
  Assets:Receivable

2025-06-01 * "Acme GmbH" "Website, June" ^inv-2 #client-acme
  hours: 30
  Assets:Receivable    3000.00 EUR
  Income:Consulting

2025-06-05 * "Acme GmbH" "Support call" #client-acme
  hours: 12

2025-09-01 * "Beta Ltd" "Audit" ^inv-3 #client-beta
  hours: 10
  Assets:Receivable    1500.00 EUR
  Income:Consulting

2025-09-20 * "Beta Ltd" "Payment" ^inv-3
  Assets:Bank          1500.00 EUR
  Assets:Receivable

2025-10-01 * "Gamma" "Design" ^inv-4 #client-gamma
  hours: 40
  Assets:Receivable    1200.00 EUR
  Income:Consulting

2025-10-15 * "Gamma" "Dispute of inv-4" ^inv-4 #dispute #client-gamma
  disputed: 400.00 EUR

2025-11-15 * "Gamma" "Reminder" ^inv-4 #reminder #client-gamma
"""

EXTENSION = '2025-01-01 custom "fava-extension" "fava_clienthealth"'


def ledger_text(extension: str = EXTENSION, body: str = LEDGER) -> str:
    """The ledger with its `fava-extension` line (and config) in place."""
    return body.replace("{extension}", extension)


def fava(tmp_path: Path, text: str) -> FlaskClient:
    """A test client of Fava serving this ledger."""
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(text))
    app = create_app([str(path)], load=True)
    app.testing = True
    return app.test_client()


def page(client: FlaskClient, url: str = TAB) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text[:2000]
    return response.text


@pytest.fixture
def studio(tmp_path: Path) -> FlaskClient:
    return fava(tmp_path, ledger_text())


class Tables(HTMLParser):
    """Each table's header cells (with their attributes) and rows of cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict[str, list]] = {}
        self._table: dict[str, list] | None = None
        self._cell: dict[str, object] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(str(values.get("id")), {"head": [], "rows": []})
            self._table["attrs"] = [values]
        elif self._table is not None and tag == "tr":
            self._table["rows"].append([])
        elif self._table is not None and tag in {"th", "td"}:
            self._cell = {"tag": tag, "attrs": values, "text": ""}
            if tag == "th":
                self._table["head"].append(self._cell)
            else:
                self._table["rows"][-1].append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag in {"th", "td"}:
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] = str(self._cell["text"]) + data


def tables(html: str) -> dict[str, dict[str, list]]:
    parser = Tables()
    parser.feed(html)
    for table in parser.tables.values():
        table["rows"] = [row for row in table["rows"] if row]
    return parser.tables


def row(table: dict[str, list], index: int) -> dict[str, dict]:
    """A row's cells by their column's header text."""
    heads = [head["text"].strip() for head in table["head"]]
    return dict(zip(heads, table["rows"][index], strict=True))


def texts(table: dict[str, list], index: int) -> dict[str, str]:
    """A row's texts by their column's header text."""
    return {key: str(cell["text"]).strip() for key, cell in row(table, index).items()}


def summary(html: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", html, flags=re.S)
    return {key: re.sub(r"<[^>]+>", "", value).strip() for key, value in pairs}


def endpoint(client: FlaskClient, query: str = "") -> dict:
    response = client.get(f"{TAB}clients{query}")
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/json"
    return json.loads(response.text)


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
    assert "ch-below" in acme["Yield / h"]["attrs"]["class"]
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
                value = td["attrs"]["data-sort-value"]
                assert re.fullmatch(r"-?\d+(\.\d+)?", value), (th["text"], value)


def test_missing_figures_sort_last_ascending(studio: FlaskClient) -> None:
    ranking = tables(page(studio))["ch-ranking"]
    days = [h["text"].strip() for h in ranking["head"]].index("Days to pay")
    gamma = ranking["rows"][1]
    assert gamma[days]["text"].strip() == DASH
    assert float(gamma[days]["attrs"]["data-sort-value"]) > 10**8


def test_clients_link_to_their_pages(studio: FlaskClient) -> None:
    html = page(studio)
    assert 'href="/studio/extension/ClientHealth/?client=acme"' in html


def test_charts_are_inline_svg_with_the_thresholds(studio: FlaskClient) -> None:
    html = page(studio)
    assert html.count('class="ch-chart"') == 2
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
    assert "Hours billed and unbilled per month" in html


def shown(html: str) -> str:
    """The page's text without Fava's own data, which a script element carries."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))


def test_incognito_hides_money_in_charts_captions_and_messages(tmp_path: Path) -> None:
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(ledger_text()))
    app = create_app([str(path)], load=True, incognito=True)
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
    acme = shown(page(client, f"{TAB}?client=acme"))
    assert "is 199 days overdue, 3000.00 EUR open" not in acme
    assert "is XXX days overdue, XXXX.XX EUR open" in acme


def test_incognito_hides_money_in_data_errors(tmp_path: Path) -> None:
    body = LEDGER.replace("'min_rate': '80 EUR'", "'min_rate': '40 USD'")
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(ledger_text(body=body)))
    app = create_app([str(path)], load=True, incognito=True)
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
            column: float(row[index]["attrs"]["data-sort-value"])
            for index, column in ((2, "Amount"), (6, "Open"))
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


def test_unknown_client(studio: FlaskClient) -> None:
    html = page(studio, f"{TAB}?client=nobody")
    assert "No client “nobody”" in html


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
    assert list(data) == ["as_of", "currency", "clients", "invoices"]
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
    assert "ch-below" not in row(ranking, 0)["Yield / h"]["attrs"]["class"]  # acme
    assert "ch-below" in row(ranking, 1)["Yield / h"]["attrs"]["class"]  # gamma
    assert "min rate 32.00 EUR" in html
    assert "against min_rate 32.00 EUR (40 USD)" in html
    acme = page(client, f"{TAB}?client=acme")
    assert re.search(r"Minimum rate</td><td[^>]*>32.00 EUR \(40 USD\)<", acme)


def test_a_min_rate_without_a_price_is_off_and_says_so(tmp_path: Path) -> None:
    body = LEDGER.replace("'min_rate': '80 EUR'", "'min_rate': '40 USD'")
    html = page(fava(tmp_path, ledger_text(body=body)))
    ranking = tables(html)["ch-ranking"]
    for index in range(3):
        assert "ch-below" not in row(ranking, index)["Yield / h"]["attrs"]["class"]
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
    pages.append(page(client, f"{TAB}?client=%3Csvg%20onload%3Dalert('client')%3E"))
    pages.append(page(client, f"{TAB}?client=%3Cscript%3Ealert(1)%3C/script%3E"))
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
