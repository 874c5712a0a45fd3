"""The example ledger end to end: bean-check, the command line and bean-query."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beanquery import query

EXAMPLE = Path(__file__).parent.parent / "example-ledger" / "consultancy.beancount"
ENV = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
#: The command line's JSON report, an object of JSON values.
JsonObject = dict[str, Any]

#: What example-ledger/README.md promises, kind by kind.
EXPECTED_KINDS = {
    "overdue": 2,
    "dispute": 1,
    "slow-payer": 2,
    "low-yield": 4,
    "unbilled": 3,
    "concentration": 1,
    "bottom": 1,
    "rework": 1,
    "free-work": 2,
    "over-budget": 1,
    "low-yield-time": 1,
}
EXPECTED_SIGNALS = {
    "brandt": ["overdue", "slow-payer"],
    "solaris": ["slow-payer", "low-yield", "bottom"],
    "lindqvist": ["dispute"],
    "hoffmann": ["unbilled"],
    # SPEC 12: its 11 untagged hours before its first invoice are presale hours.
    "marquardt": ["low-yield", "unbilled", "free-work"],
    "meridian": ["concentration"],
    "nordwind": [],
    "falkenrot": [],
    "bluefin": [],
    "ostheim": [],
    "vogel": ["rework"],
    "zander": ["low-yield", "unbilled", "free-work"],
    "hafenkontor": ["low-yield", "over-budget"],
}


@pytest.fixture(scope="module")
def bean_check() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "beancount.scripts.check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        env=ENV,
    )


@pytest.fixture(scope="module")
def report() -> JsonObject:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "beancount_plugins.clienthealth.cli",
            str(EXAMPLE),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    assert result.stderr == ""  # the example has no data errors
    report: JsonObject = json.loads(result.stdout)
    return report


def test_bean_check_names_every_signal_with_file_and_line(
    bean_check: subprocess.CompletedProcess[str],
) -> None:
    assert bean_check.returncode == 1
    assert "Traceback" not in bean_check.stderr + bean_check.stdout
    headlines = [line for line in bean_check.stderr.splitlines() if re.match(r"^\S.*:\d+: ", line)]
    kinds: Counter[str] = Counter()
    for line in headlines:
        match = re.match(r"^(.+consultancy\.beancount):(\d+): clienthealth: ([a-z-]+): ", line)
        assert match, f"not a clienthealth error with file and line: {line}"
        assert int(match.group(2)) > 0
        kinds[match.group(3)] += 1
    assert dict(kinds) == EXPECTED_KINDS


def test_command_line_json_tells_each_clients_story(report: JsonObject) -> None:
    assert report["as_of"] == "2025-12-31"
    assert report["currency"] == "EUR"
    clients = {c["client"]: c for c in report["clients"]}
    assert {c: clients[c]["signals"] for c in clients} == EXPECTED_SIGNALS
    # Risk order: payment score ascending; Solaris paid nothing, Falkenrot prepays;
    # Zander, a prospect with no invoice, has no score and comes last.
    order = [c["client"] for c in report["clients"]]
    assert order[0] == "solaris"
    assert order[-2:] == ["falkenrot", "zander"]
    scores = [c["payment_score"] for c in report["clients"]]
    assert scores[-1] is None
    assert scores[:-1] == sorted(scores[:-1])
    assert clients["falkenrot"]["credit"] == "5355.00"  # 2026's first quarter: 3 x 1785
    assert clients["falkenrot"]["avg_days_to_pay"] == 0
    assert clients["solaris"]["paid"] == "0.00"
    assert clients["lindqvist"]["conceded"] == "714.00"  # 600 net and the USt it reverses
    assert clients["lindqvist"]["open_disputed"] == "1071.00"  # 900 net x 1.19
    assert clients["meridian"]["revenue_share"] > 0.5
    assert clients["hoffmann"]["unbilled_share"] > 0.25
    statuses = Counter(i["status"] for i in report["invoices"])
    assert set(statuses) == {"paid", "written-off", "open", "overdue", "disputed"}
    dates = [(i["date"], i["invoice"]) for i in report["invoices"]]
    assert dates == sorted(dates)


def test_the_three_clients_that_cost_time(report: JsonObject) -> None:
    """The figures of example-ledger/README.md, section "Clients that cost time"."""
    clients = {c["client"]: c for c in report["clients"]}
    vogel, zander, hafen = clients["vogel"], clients["zander"], clients["hafenkontor"]
    # Vogel: 12 + 6 + 2 + 5 + 16 = 41 hours, 6 + 5 = 11 of them rework, 2 in a meeting.
    assert (vogel["hours"], vogel["rework_hours"], vogel["meeting_hours"]) == (41, 11, 2)
    assert vogel["rework_share"] == pytest.approx(11 / 41, abs=1e-4)
    assert (vogel["presale_hours"], vogel["yield_per_hour"]) == (0, "100.00")  # 4100 / 41
    # Zander: meetings 3 + 4 + 3 + 2 = 12 and a 5-hour sample, all before any invoice.
    assert (zander["hours"], zander["meeting_hours"], zander["presale_hours"]) == (17, 12, 17)
    assert zander["payment_score"] is None
    # Hafenkontor: 124 + 16 rework = 140 hours of a 100-hour budget; 9600 / 140 = 68.57.
    [portal] = hafen["projects"]
    assert portal == {
        "project": "hafenkontor-portal",
        "client": "hafenkontor",
        "fee": "9600.00",
        "invoiced": "11424.00",  # 2 x 4800 net, owed with 19% USt
        "invoiced_net": "9600.00",
        "effective_rate": "68.57",
        "hours": 140,
        "rework_hours": 16,
        "budget_hours": 100,
        "burn": 1.4,
    }
    assert hafen["yield_per_hour"] == "68.57"
    # Below 80 EUR: solaris 40 + marquardt 172 + zander 17 + hafenkontor 140 = 369 hours
    # of 2460 + 41 + 17 + 140 = 2658.
    assert report["low_yield_time_share"] == pytest.approx(369 / 2658, abs=1e-4)
    # Meridian's share: 156060 of 293726.56 + 4100 + 9600 = 307426.56 invoiced.
    assert clients["meridian"]["revenue_share"] == pytest.approx(156060 / 307426.56, abs=1e-4)


def test_json_client_sums_match_their_invoices(report: JsonObject) -> None:
    # All EUR clients: their invoiced amount in the window is the sum of their invoices'.
    for client in report["clients"]:
        if client["client"] == "bluefin":
            continue
        mine = [
            i
            for i in report["invoices"]
            if i["client"] == client["client"]
            and (i["date"] >= "2025-01-01" or i["open"] != "0.00")
        ]
        assert sum(float(i["amount"]) for i in mine) == pytest.approx(float(client["invoiced"]))
        assert sum(float(i["open"]) for i in mine) == pytest.approx(float(client["open"]))


def test_bean_query_reads_the_derived_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
    entries, _, options_map = loader.load_file(str(EXAMPLE))
    _, rows = query.run_query(
        entries,
        options_map,
        "SELECT links, meta('days_overdue') AS days, meta('invoice_open') AS open "
        "WHERE meta('days_overdue') > 0 ORDER BY date",
    )
    overdue = {"".join(sorted(links)): (days, open_) for links, days, open_ in rows}
    assert set(overdue) == {"inv-2025-044", "inv-2025-055"}
    assert overdue["inv-2025-044"][0] == 62
    assert overdue["inv-2025-055"][0] == 3
    assert all(open_.number > 0 for _, open_ in overdue.values())
    _, paid = query.run_query(
        entries,
        options_map,
        "SELECT meta('settled_on') AS settled, meta('days_to_pay') AS days "
        "WHERE meta('days_to_pay') IS NOT NULL",
    )
    assert paid
    assert all(days >= 0 and settled is not None for settled, days in paid)


def readme_queries() -> list[str]:
    """The bean-query commands of the README, as their SQL."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    return [
        " ".join(sql.split())
        for sql in re.findall(r'bean-query books\.beancount "(.*?)"', readme, flags=re.S)
    ]


def test_the_readme_queries_run_on_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
    entries, _, options_map = loader.load_file(str(EXAMPLE))
    sqls = readme_queries()
    assert len(sqls) == 3
    results = [query.run_query(entries, options_map, sql)[1] for sql in sqls]
    assert all(results)
    # The open invoices, with what is left of each: the CLI's open total, not the invoiced one.
    command = [sys.executable, "-m", "beancount_plugins.clienthealth.cli", str(EXAMPLE)]
    answer = subprocess.run(
        [*command, "--format", "json", "--window-days", "0"],
        capture_output=True,
        text=True,
        env=ENV,
        check=True,
    )
    report = json.loads(answer.stdout)
    open_total = sum(float(c["open"]) for c in report["clients"])
    assert sum(float(row[-1].number) for row in results[1]) == pytest.approx(open_total)


def test_the_chase_list_opens_on_brandts_most_overdue_invoice(report: JsonObject) -> None:
    """Issue 15's "done when": Brandt's inv-2025-044 first, the final notice owed."""
    first = report["chase"][0]
    assert (first["client"], first["invoice"]) == ("brandt", "inv-2025-044")
    # Due 2025-10-30, 62 days past due at 2025-12-31 (beyond 45): level 3, and
    # two reminders (2025-11-20, 2025-12-15) are fewer than 3.
    assert (first["days_overdue"], first["dunning_level"], first["reminders"]) == (62, 3, 2)
    assert first["next_step"] == "final-notice"
    assert first["last_reminder"] == "2025-12-15"
    chase = subprocess.run(
        [sys.executable, "-m", "beancount_plugins.clienthealth.cli", str(EXAMPLE), "--chase"],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    ).stdout
    rows = [line for line in chase.splitlines() if " inv-" in line]
    assert "inv-2025-044" in rows[0]
    assert "send the final notice" in rows[0]
    assert len(rows) == len(report["chase"])


def test_nordwinds_ust_is_owed_gross_but_no_revenue(report: JsonObject) -> None:
    nordwind = next(c for c in report["clients"] if c["client"] == "nordwind")
    # 2025's twelve invoices, net: 1610 + 1840 + 2070 + 1725 + 1955 + 1840 + 1380
    # + 1150 + 2070 + 2300 + 1840 + 1610 = 21390; with 19 % USt, 21390 x 1.19.
    assert nordwind["invoiced_net"] == "21390.00"
    assert nordwind["invoiced"] == "25454.10"
    # Paid net of tax: the yield is the one the ledger had without tax.
    assert nordwind["yield_per_hour"] == "103.02"
    december = next(i for i in report["invoices"] if i["invoice"] == "inv-2025-062")
    assert (december["amount"], december["net"]) == ("1915.90", "1610.00")  # 1610 x 1.19


def test_nordwinds_time_sheets_are_billed_once(report: JsonObject) -> None:
    nordwind = next(c for c in report["clients"] if c["client"] == "nordwind")
    # billed_hours on 2025's invoices: 21390 net / 115 EUR an hour = 186 hours;
    # the four steering calls, 4 x 1.5 = 6 hours, stay unbilled.
    assert (nordwind["billed_hours"], nordwind["unbilled_hours"]) == (186, 6)
    assert nordwind["hours"] == 192  # 186 + 6, each time-sheet hour counted once
    assert "unbilled" not in nordwind["signals"]  # 6 / 192 = 3 %


def test_the_german_clients_owe_ust_gross_and_earn_net(report: JsonObject) -> None:
    """example-ledger/README.md, "Sales tax": owed x 1.19, earned as before."""
    clients = {c["client"]: c for c in report["clients"]}
    assert clients["brandt"]["overdue"] == "8925.00"  # (4500 + 3000) x 1.19
    assert clients["brandt"]["aging"]["61-90"] == "5355.00"
    lindqvist = clients["lindqvist"]
    assert lindqvist["disputed"] == "4403.00"  # (1200 + 1600 + 900) x 1.19
    assert lindqvist["credited"] == "818.72"  # credit note 714.00 + cash discount 104.72
    assert clients["solaris"]["written_off"] == "4760.00"  # 4000 net and its USt
    meridian = clients["meridian"]
    assert (meridian["invoiced"], meridian["invoiced_net"]) == ("185711.40", "156060.00")
    bluefin = clients["bluefin"]  # no USt: a US client
    assert bluefin["invoiced"] == bluefin["invoiced_net"] == "15526.56"
    # The same scores and yields as the ledger had without USt (README's list).
    assert (clients["brandt"]["payment_score"], clients["brandt"]["yield_per_hour"]) == (
        44,
        "88.24",
    )
    assert clients["lindqvist"]["yield_per_hour"] == "91.37"


def test_the_portfolios_collection_figures(report: JsonObject) -> None:
    """README, section 15: R 43542.10, Rc 34617.10, R0 32439.40, S 362887.56, W 365."""
    r, rc, r0, s, w = 43542.10, 34617.10, 32439.40, 362887.56, 365
    assert report["dso"] == pytest.approx(round(r / s * w, 1))  # 43.8
    assert report["best_dso"] == pytest.approx(round(rc / s * w, 1))  # 34.8
    assert report["add"] == pytest.approx(9.0)
    assert report["cei"] == pytest.approx(round((r0 + s - r) / (r0 + s - rc) * 100, 1))  # 97.5
    assert (report["dso"], report["best_dso"], report["cei"]) == (43.8, 34.8, 97.5)
    chase = [(c["invoice"], c["open"], c["expected_on"]) for c in report["chase"]]
    # Due date + 56 days, Brandt's amount-weighted mean days beyond terms (1466000 / 26000).
    assert chase == [
        ("inv-2025-044", "5355.00", "2025-12-25"),
        ("inv-2025-055", "3570.00", "2026-02-22"),
    ]


def test_the_cash_in_forecasts_late_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    """README: Brandt's inv-2025-044 and Marquardt's inv-2025-060 are expected before A."""
    from beancount_plugins.clienthealth import config  # noqa: PLC0415
    from beancount_plugins.clienthealth.engine import analyse  # noqa: PLC0415
    from beancount_plugins.clienthealth.forecast import forecast  # noqa: PLC0415

    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
    plugin_line = 'plugin "beancount_plugins.clienthealth"'
    text = EXAMPLE.read_text(encoding="utf-8").replace(plugin_line, ";")
    entries, errors, options_map = loader.load_string(text)
    assert not errors
    settings = {"as_of": "2025-12-31", "min_rate": "80 EUR", "max_low_yield_time_share": 0.1}
    report = analyse(entries, options_map, config.from_mapping(settings))
    cash_in = forecast(report.invoices, report.as_of, report.places)
    assert str(cash_in.late) == "8068.20"  # 5355.00 + 2713.20
    # The rest, by the week expected: 1071.00 + 1915.90 + 16065.00 + 12852.00 + 3570.00.
    weeks = sum(w.current + w.overdue for w in cash_in.weeks)
    assert str(weeks) == "35473.90"
    assert str(cash_in.later) == "0"
