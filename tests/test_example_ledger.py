"""The example ledger end to end: bean-check, the command line and bean-query."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from beancount import loader
from beanquery import query

from tests import example_report
from tests.example_report import ENV, EXAMPLE, JsonObject

#: The example's JSON report (example_report), module-scoped here: run once for this file.
report = example_report.report

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
