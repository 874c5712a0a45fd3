"""The tab's collections (SPEC section 15): the chase list first, its CSV, DSO, aging, forecast."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from fava.application import create_app
from flask.testing import FlaskClient

from beancount_plugins.clienthealth.chase import CHASE_FIELDS
from tests.fava_pages import TAB, fava, ledger_text, page, row, shown, summary, tables, texts

# The studio ledger (fava_pages.LEDGER) as of 2025-12-31:
# inv-2 of acme (3000.00, terms 14) due 2025-06-15, 199 days overdue, no reminder;
# inv-4 of gamma (1200.00) due 2025-10-31, 61 days overdue, one reminder on 2025-11-15.
# Both are beyond the last step (45 days): level 3, the final notice is owed.


def test_the_chase_list_is_the_first_section(studio: FlaskClient) -> None:
    html = page(studio)
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", html)
    assert headings[0] == "What to chase today"
    assert html.index('id="ch-chase"') < html.index('id="ch-ranking"')
    chase = tables(html)["ch-chase"]
    first, second = texts(chase, 0), texts(chase, 1)
    assert first["Client"] == "Acme GmbH"
    assert first["Invoice"] == "inv-2"
    assert first["Open"] == "3000.00 EUR"
    assert first["Days overdue"] == "199"
    assert first["Reminders"] == "0"
    assert first["Next step"] == "send the final notice"
    assert second["Invoice"] == "inv-4"
    assert second["Days overdue"] == "61"
    assert second["Reminders"] == "1 · 2025-11-15"
    assert second["Next step"] == "send the final notice"
    # Acme paid inv-1 (due 2025-02-15) on 2025-03-20, 33 days late: inv-2 is
    # expected 2025-06-15 + 33 days = 2025-07-18, before today, so later than
    # the habit. Gamma paid nothing yet: expected on the due date.
    assert first["Expected"] == "2025-07-18 late"
    assert second["Expected"] == "2025-10-31 late"


def test_the_chase_list_has_a_totals_row_and_invoice_links(studio: FlaskClient) -> None:
    html = page(studio)
    chase = tables(html)["ch-chase"]
    total = chase["rows"][-1]
    assert total[0]["text"].strip() == "Total: 2 invoices"
    assert total[1]["text"].strip() == "4200.00 EUR"  # 3000 + 1200
    link = re.search(r'<tr data-invoice="inv-2">.*?<a href="([^"]*/journal/[^"]*)"', html, re.S)
    assert link is not None
    query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    assert "^inv-2" in query["filter"][0]


def test_the_chase_list_downloads_as_csv(studio: FlaskClient) -> None:
    html = page(studio)
    href = re.search(r'<a href="([^"]*chase_csv[^"]*)"[^>]*download', html)
    assert href is not None
    response = studio.get(href.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "chase-2025-12-31.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CHASE_FIELDS
    assert [(r["invoice"], r["next_step"], r["action"]) for r in rows] == [
        ("inv-2", "final-notice", "send the final notice"),
        ("inv-4", "final-notice", "send the final notice"),
    ]
    assert rows[1]["last_reminder"] == "2025-11-15"


def test_the_csv_follows_the_time_filter(studio: FlaskClient) -> None:
    # As of 2025-06-30 inv-2 (due 2025-06-15) is 15 days overdue: level 1, the
    # first reminder; inv-4 is not written yet.
    response = studio.get(f"{TAB}chase_csv?time=2025-01-01+-+2025-06-30")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["invoice"], r["days_overdue"], r["next_step"]) for r in rows] == [
        ("inv-2", "15", "first-reminder")
    ]


def test_summary_shows_dso_best_dso_and_cei(studio: FlaskClient) -> None:
    line = summary(page(studio))
    # W = 365; S = 2000 + 3000 + 1500 + 1200 = 7700; R = 4200, none of it not yet due.
    # DSO = 4200 / 7700 x 365 = 199.09...; best DSO = 0;
    # CEI = (0 + 7700 - 4200) / (0 + 7700 - 0) x 100 = 45.45...
    assert line["DSO"] == "199.1"
    assert line["Best DSO"] == "0"
    assert line["CEI"] == "45.5%"


WRITTEN_OFF = """
2025-03-01 * "Solaris" "Ticket shop" ^inv-9 #client-solaris
  Assets:Receivable    900.00 EUR
  Income:Consulting

2025-09-30 * "Solaris" "Write-off" ^inv-9 #client-solaris
  Income:Consulting    900.00 EUR
  Assets:Receivable
"""


def test_ranking_shows_written_off_and_its_advice(tmp_path: Path) -> None:
    html = page(fava(tmp_path, ledger_text() + WRITTEN_OFF))
    ranking = tables(html)["ch-ranking"]
    by_client = {
        texts(ranking, index)["Client"]: texts(ranking, index)
        for index in range(len(ranking["rows"]))
    }
    assert by_client["Solaris"]["Written off"] == "900.00"
    assert by_client["Acme GmbH"]["Written off"] == "0.00"
    solaris = re.search(r'<tr data-client="solaris">.*?</tr>', html, re.S)
    assert solaris is not None
    assert "stop work, or ask for payment in advance" in solaris.group(0)
    acme = re.search(r'<tr data-client="acme">.*?</tr>', html, re.S)
    assert acme is not None
    assert "stop work" not in acme.group(0)


def test_aged_receivables_by_bucket_with_totals_and_links(studio: FlaskClient) -> None:
    html = page(studio)
    aging = tables(html)["ch-aging"]
    heads = [head["text"].strip() for head in aging["head"]]
    assert heads == [
        "Client",
        "not due",
        "1\N{EN DASH}30 days",
        "31\N{EN DASH}60 days",
        "61\N{EN DASH}90 days",
        "91+ days",
        "Total",
    ]
    acme, gamma = texts(aging, 0), texts(aging, 1)
    assert (acme["Client"], acme["91+ days"], acme["Total"]) == ("Acme GmbH", "3000.00", "3000.00")
    # inv-4: 61 days past due, open 1200.00.
    assert gamma["Client"] == "Gamma"
    assert (gamma["61\N{EN DASH}90 days"], gamma["Total"]) == ("1200.00", "1200.00")
    total = [cell["text"].strip() for cell in aging["rows"][-1]]
    assert total == ["Total", "0.00", "0.00", "0.00", "1200.00", "3000.00", "4200.00"]
    section = html[html.index('id="ch-aging"') :]
    section = section[: section.index("</table>")]
    links = [
        parse_qs(urlsplit(href.replace("&amp;", "&")).query)["filter"][0]
        for href in re.findall(r'<a href="([^"]*/journal/[^"]*)"', section)
    ]
    # Each client's bucket and total, then the totals row's two buckets and total.
    assert links[0] == links[1]
    assert "^inv-2" in links[0]
    assert "^inv-4" not in links[0]
    assert "^inv-2" in links[-1]
    assert "^inv-4" in links[-1]


def test_forecast_draws_late_money_apart_and_13_weeks(studio: FlaskClient) -> None:
    html = page(studio)
    figure = html[html.index('class="ch-forecast"') :]
    figure = figure[: figure.index("</figure>")]
    assert 'aria-label="Open money by the week it is expected"' in figure
    # Both open invoices are expected before 2025-12-31 (2025-07-18, 2025-10-31): late.
    assert "later than the client&#39;s habit: 4200.00 EUR" in figure
    weeks = re.findall(r"<title>Week of (\d{4}-\d\d-\d\d)", figure)
    assert len(weeks) == 13
    assert weeks[0] == "2025-12-29"  # the Monday of 2025-12-31's week
    assert weeks[-1] == "2026-03-23"  # 12 weeks later
    assert "The chase list" not in shown(figure)


def test_aging_links_stop_at_many_invoices(tmp_path: Path) -> None:
    """150 open invoices of one client in one bucket: the amount shows, with no link."""
    many = "".join(
        f"""
2025-12-10 * "Delta" "Work {n}" ^inv-d{n} #client-delta
  Assets:Receivable    10.00 EUR
  Income:Consulting
"""
        for n in range(150)
    )
    html = page(fava(tmp_path, ledger_text() + many))
    aging = tables(html)["ch-aging"]
    delta = next(
        row(aging, index)
        for index in range(len(aging["rows"]) - 1)
        if texts(aging, index)["Client"] == "Delta"
    )
    assert delta["not due"]["text"].strip() == "1500.00"  # 150 x 10.00, due 2026-01-09
    section = html[html.index('id="ch-aging"') :]
    section = section[: section.index("</table>")]
    assert "inv-d0" not in section


def test_the_example_tab_opens_on_brandts_most_overdue_invoice() -> None:
    example = Path(__file__).parent.parent / "example-ledger" / "consultancy.beancount"
    app = create_app([str(example.resolve())], load=True, poll_watcher=True)
    app.testing = True
    html = page(app.test_client(), "/kessler-digital/extension/ClientHealth/")
    first = texts(tables(html)["ch-chase"], 0)
    assert first["Client"] == "Brandt Haustechnik GmbH"
    assert first["Invoice"] == "inv-2025-044"
    assert first["Next step"] == "send the final notice"


def test_the_chase_total_says_what_money_no_price_converts(tmp_path: Path) -> None:
    text = ledger_text().replace(
        '2025-01-01 custom "client" "acme"',
        '2025-03-01 * "Zeta AG" "In francs, no price" ^inv-z #client-zeta\n'
        "  Assets:Receivable   500.00 CHF\n"
        "  Income:Consulting\n\n"
        '2025-01-01 custom "client" "acme"',
    )
    html = page(fava(tmp_path, text))
    chase = html.split('id="ch-chase"')[1].split("</table>")[0]
    assert ">Zeta AG</a>" in chase  # its payee's name, though it has no figures
    # The total stays 4200.00 EUR (acme's 3000.00 and gamma's 1200.00) and says so.
    total = html.split('class="ch-total"')[1].split("</tr>")[0]
    assert "4200.00" in total
    assert "and 500.00 CHF with no price in EUR" in total
