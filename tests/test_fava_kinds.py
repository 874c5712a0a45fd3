"""The tab shows SPEC 12-14 at a glance: rework, presale, projects and low-yield time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.fava_pages import fava, page, summary, tables, texts
from tests.helpers import many_clients

EXAMPLE = Path(__file__).parent.parent / "example-ledger" / "consultancy.beancount"
TAB = "/kessler-digital/extension/ClientHealth/"


@pytest.fixture(scope="module")
def kessler(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return fava(tmp_path_factory.mktemp("kessler"), EXAMPLE.read_text(encoding="utf-8"))


def test_summary_names_the_low_yield_clients_and_their_time_share(kessler: FlaskClient) -> None:
    html = page(kessler, TAB)
    # 369 of 2658 hours = 13.9%, above the example's 10% (example-ledger/README.md).
    line = summary(html)["Low-yield time"]
    assert line.startswith("14% (above 10%)")
    for name, share in [
        ("Hafenkontor Reederei GmbH", "5%"),  # 140 / 2658
        ("Atelier Marquardt Architekten", "6%"),  # 172 / 2658
        ("Solaris Events UG", "2%"),  # 40 / 2658
        ("Zander Reisen GmbH", "1%"),  # 17 / 2658
    ]:
        assert f"{name} ({share})" in line
    found = re.search(r"<dt>Low-yield time</dt>\s*<dd[^>]*>", html)
    assert found is not None
    assert 'class="ch-below"' in found[0]


def test_ranking_has_rework_and_before_the_first_invoice(kessler: FlaskClient) -> None:
    html = page(kessler, TAB)
    ranking = tables(html)["ch-ranking"]
    rows = {texts(ranking, i)["Client"]: texts(ranking, i) for i in range(len(ranking["rows"]))}
    # Rework share (11 / 41 for Vogel) / hours before the first invoice.
    assert rows["Vogel Immobilien GmbH"]["Rework / pre-sale"] == "27% / 0 h"
    assert rows["Zander Reisen GmbH"]["Rework / pre-sale"] == "0% / 17 h"
    assert rows["Atelier Marquardt Architekten"]["Rework / pre-sale"] == "0% / 11 h"
    assert rows["Nordwind Logistik GmbH"]["Rework / pre-sale"] == "0% / 0 h"
    badges = [("Vogel", "rework"), ("Zander", "free work"), ("Hafenkontor", "over budget")]
    for client, kind in badges:
        signals = next(r["Signals"] for name, r in rows.items() if name.startswith(client))
        assert kind in signals
    # Past a limit the figure is marked, and a badge says so in words.
    assert '<span class="ch-below">27%</span>' in html
    assert '<span class="ch-below">17 h</span>' in html


def test_client_page_shows_its_projects_with_a_burn_bar(kessler: FlaskClient) -> None:
    html = page(kessler, f"{TAB}?client=hafenkontor")
    projects = tables(html)["ch-projects"]
    portal = texts(projects, 0)
    assert portal["Project"] == "hafenkontor-portal"
    assert portal["Fee"] == "9600.00"
    # 4800 + 4800 net; with 19% USt 11424.00 is owed, not earned (SPEC 10).
    assert portal["Invoiced net of tax"] == "9600.00"
    # The bar's tooltip, then the figures as text: not by colour alone.
    assert portal["Hours / budget"] == (
        "140 of 100 budgeted hours (140%)140 / 100 h · 140% over budget"
    )
    assert portal["Effective rate"] == "68.57 below min_rate"  # 9600 / 140 < 80
    assert portal["Rework"] == "16"
    assert 'aria-label="140 of 100 budgeted hours (140%)"' in html
    assert "ch-burn-over" in html
    # The hours chart draws rework apart: September is 12 + 18 billed and 8 rework.
    assert "2025-09: 30 billed, 0 unbilled, 8 rework, 0 meeting hours" in html


def test_client_page_of_the_rework_client(kessler: FlaskClient) -> None:
    html = page(kessler, f"{TAB}?client=vogel")
    assert "ch-projects" not in html
    figures = re.sub(r"<[^>]+>", " ", html)
    assert re.search(r"Rework\s+11 · 27%", figures)
    assert re.search(r"Meetings\s+2 · 5%", figures)  # 2 / 41
    # June: 16 billed, rework 6 + 5, a 2-hour meeting.
    assert "2025-06: 16 billed, 0 unbilled, 11 rework, 2 meeting hours" in html


MANY = """\
option "title" "Studio"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'min_rate': '80 EUR', 'as_of': '2025-12-31'}"
2025-01-01 custom "fava-extension" "fava_clienthealth"
2025-01-01 open Assets:Bank EUR
2025-01-01 open Assets:Receivable EUR
2025-01-01 open Income:Consulting EUR
"""


def test_sixty_clients_make_a_bounded_summary_and_yield_chart(tmp_path: Path) -> None:
    html = page(fava(tmp_path, MANY + many_clients(60)), "/studio/extension/ClientHealth/")
    line = summary(html)["Low-yield time"]
    assert line.endswith("Client 52 (3%), Client 50 (3%) and 25 more")
    assert line.count("Client") == 5
    figure = html[html.index("<strong>Yield per hour</strong>") :]
    figure = figure[: figure.index("</figure>")]
    [box] = re.findall(r'<svg viewBox="0 0 560 (\d+)"', figure)
    assert int(box) < 500
    assert figure.count("<rect") == 16
    assert "45 other clients</text>" in figure
    assert "Bars for the 15 clients that take the most hours" in figure
    assert "The ranking lists every client" in figure
    # Every client is still in the ranking.
    assert len(tables(html)["ch-ranking"]["rows"]) == 60
