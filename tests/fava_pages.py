"""The tab's test ledger and helpers: Fava's test client, its pages and their tables."""

from __future__ import annotations

import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypedDict

from fava.application import create_app
from flask.testing import FlaskClient

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
    """A test client of Fava serving this ledger.

    The poll watcher starts no thread: watchfiles' one per app ran out of open
    files over the suite's hundreds of apps.
    """
    path = tmp_path / "ledger.beancount"
    path.write_text(textwrap.dedent(text))
    app = create_app([str(path)], load=True, poll_watcher=True)
    app.testing = True
    return app.test_client()


def page(client: FlaskClient, url: str = TAB) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text[:2000]
    return response.text


class Cell(TypedDict):
    """A th or td: its tag, its attributes (None for one written without a value), its text."""

    tag: str
    attrs: dict[str, str | None]
    text: str


class Table(TypedDict):
    """A table's own attributes (one dict in a list), its header cells and rows of cells."""

    attrs: list[dict[str, str | None]]
    head: list[Cell]
    rows: list[list[Cell]]


class Tables(HTMLParser):
    """Each table's header cells (with their attributes) and rows of cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, Table] = {}
        self._table: Table | None = None
        self._cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(
                str(values.get("id")), {"attrs": [], "head": [], "rows": []}
            )
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
            self._cell["text"] += data


def tables(html: str) -> dict[str, Table]:
    parser = Tables()
    parser.feed(html)
    for table in parser.tables.values():
        table["rows"] = [row for row in table["rows"] if row]
    return parser.tables


def row(table: Table, index: int) -> dict[str, Cell]:
    """A row's cells by their column's header text, as it reads (no soft hyphens)."""
    heads = [head["text"].replace("\N{SOFT HYPHEN}", "").strip() for head in table["head"]]
    return dict(zip(heads, table["rows"][index], strict=True))


def texts(table: Table, index: int) -> dict[str, str]:
    """A row's texts by their column's header text."""
    return {key: cell["text"].strip() for key, cell in row(table, index).items()}


def attribute(cell: Cell, name: str) -> str:
    """The value of a cell's attribute, which it must have and with a value."""
    value = cell["attrs"][name]
    assert value is not None, (name, cell)
    return value


def summary(html: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", html, flags=re.S)
    return {key: re.sub(r"<[^>]+>", "", value).strip() for key, value in pairs}


def endpoint(client: FlaskClient, query: str = "") -> dict[str, Any]:
    """The JSON object of the tab's `clients` endpoint."""
    response = client.get(f"{TAB}clients{query}")
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/json"
    body = json.loads(response.text)
    assert isinstance(body, dict), body
    return body


def shown(html: str) -> str:
    """The page's text without Fava's own data, which a script element carries."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
