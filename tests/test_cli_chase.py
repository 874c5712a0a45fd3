"""`clienthealth LEDGER --chase`: what to chase today, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest

from beancount_plugins.clienthealth import cli

LEDGER = """
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-06-30'}"
2025-01-01 open Assets:Bank
2025-01-01 open Assets:Receivable
2025-01-01 open Income:Consulting
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"
  terms: 14
2025-05-01 * "Acme" "Website" ^inv-a #client-acme
  Assets:Receivable   800.00 EUR
  Income:Consulting
2025-06-01 * "Acme" "Reminder" ^inv-a #reminder
2025-05-20 * "Brill" "Audit" ^inv-b #client-brill
  Assets:Receivable   300.00 EUR
  Income:Consulting
2025-06-25 * "Brill" "Reminder" ^inv-b #reminder
2025-06-20 * "Brill" "Audit 2" ^inv-c #client-brill
  Assets:Receivable   200.00 EUR
  Income:Consulting
"""
# inv-a: due 2025-05-15 (14 days), 46 days overdue at 2025-06-30, beyond 45:
# level 3 with one reminder, the final notice is owed.
# inv-b: due 2025-06-19, 11 days overdue: level 1, covered by its reminder.
# inv-c: due 2025-07-20, not past due: not in the list.


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(textwrap.dedent(LEDGER))
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.main(list(args)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_chase_table_lists_steps_owed_first_and_the_total(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _run(capsys, str(ledger), "--chase").splitlines()
    rows = [line for line in lines if "inv-" in line]
    assert len(rows) == 2
    assert rows[0].startswith("Acme GmbH")
    assert "inv-a" in rows[0]
    assert "800.00 EUR" in rows[0]
    assert "send the final notice" in rows[0]
    assert "1, 2025-06-01" in rows[0]
    assert rows[1].startswith("Brill")
    assert "inv-b" in rows[1]
    assert "send" not in rows[1]
    assert "Total: 2 invoices, 1100.00 EUR open" in lines  # 800 + 300
    assert all(len(line) <= 120 for line in lines)


def test_chase_json_is_the_same_list(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    value = json.loads(_run(capsys, str(ledger), "--chase", "--format", "json"))
    assert set(value) == {"as_of", "currency", "total", "unpriced", "chase"}
    assert value["total"] == "1100.00"
    assert value["unpriced"] == {}
    chase = value["chase"]
    assert [row["invoice"] for row in chase] == ["inv-a", "inv-b"]
    first = chase[0]
    assert (first["client"], first["name"]) == ("acme", "Acme GmbH")
    assert first["days_overdue"] == 46
    assert first["dunning_level"] == 3
    assert first["next_step"] == "final-notice"
    assert first["last_reminder"] == "2025-06-01"
    # Acme has no paid history: the money is expected on the due date.
    assert first["expected_on"] == "2025-05-15"
    assert (chase[1]["dunning_level"], chase[1]["next_step"]) == (1, None)


def test_chase_csv_has_the_step_as_key_and_words(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(
        csv.DictReader(io.StringIO(_run(capsys, str(ledger), "--chase", "--format", "csv")))
    )
    assert [row["invoice"] for row in rows] == ["inv-a", "inv-b"]
    assert rows[0]["next_step"] == "final-notice"
    assert rows[0]["action"] == "send the final notice"
    assert rows[0]["open"] == "800.00"
    assert rows[1]["next_step"] == rows[1]["action"] == ""


def test_the_ranking_json_carries_the_section_15_figures(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = json.loads(_run(capsys, str(ledger), "--format", "json"))
    invoices = {inv["invoice"]: inv for inv in report["invoices"]}
    assert invoices["inv-c"]["dunning_level"] == 0
    assert invoices["inv-c"]["expected_on"] == "2025-07-20"
    assert invoices["inv-c"]["last_reminder"] is None
    assert [row["invoice"] for row in report["chase"]] == ["inv-a", "inv-b"]
    # W = 365, S = 1300, R = 1300, Rc = 200 (inv-c), R0 = 0:
    # dso = 1300 / 1300 x 365 = 365; best = 200 / 1300 x 365 = 56.15...
    assert report["dso"] == 365
    assert report["best_dso"] == pytest.approx(56.2)
    assert report["add"] == pytest.approx(308.8)  # 365 - 56.15...
    # cei = (0 + 1300 - 1300) / (0 + 1300 - 200) x 100 = 0
    assert report["cei"] == 0
    assert {c["client"]: c["written_off"] for c in report["clients"]} == {
        "acme": "0.00",
        "brill": "0.00",
    }
    header = next(csv.reader(io.StringIO(_run(capsys, str(ledger), "--format", "csv"))))
    assert "written_off" in header


def test_the_ranking_table_states_dso_and_cei(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _run(capsys, str(ledger)).splitlines()
    # As in the JSON test: 1300 / 1300 x 365, 200 / 1300 x 365 = 56.15..., CEI 0.
    assert lines[1] == "DSO 365.0 days (best possible 56.2), CEI 0.0%"


UNPRICED = """
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{'as_of': '2025-12-31'}"
2025-01-01 open Assets:Receivable
2025-01-01 open Income:Consulting
2025-05-01 * "Gamma AG" "CHF, no price" ^c1 #client-gamma
  Assets:Receivable  300.00 CHF
  Income:Consulting
2025-05-01 * "Hooli" "EUR" ^h1 #client-hooli
  Assets:Receivable  100.00 EUR
  Income:Consulting
"""


def test_the_chase_list_names_a_client_with_no_price_and_says_what_its_total_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "books.beancount"
    path.write_text(textwrap.dedent(UNPRICED))
    assert cli.main([str(path), "--chase"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Gamma has no figures (no CHF price), yet its name is its payee's, as in its messages.
    assert [line.split("  ")[0] for line in lines if " c1 " in line] == ["Gamma AG"]
    assert "Total: 2 invoices, 100.00 EUR open, and 300.00 CHF with no price in EUR" in lines
    assert cli.main([str(path), "--chase", "--format", "json"]) == 0
    value = json.loads(capsys.readouterr().out)
    assert (value["total"], value["unpriced"]) == ("100.00", {"CHF": "300.00"})
    assert [row["name"] for row in value["chase"]] == ["Gamma AG", "Hooli"]
