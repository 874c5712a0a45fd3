"""SPEC section 13: fixed-fee projects, their figures and the `over-budget` signal."""

from __future__ import annotations

import pytest
from beancount.core import data

from beancount_plugins.clienthealth import cli
from beancount_plugins.clienthealth.json_report import report_json
from beancount_plugins.clienthealth.model import Report
from beancount_plugins.clienthealth.table import render_table
from tests.helpers import D, analysed, client, kinds, line_of, load_with_plugin, run


@analysed()
def test_project_figures(report: Report) -> None:
    """
    2025-01-15 custom "project" "relaunch"
      client: "acme"
      fee: 1200.00 EUR
      budget_hours: 10
    2025-02-01 * "Acme GmbH" "Design" #client-acme
      project: "relaunch"
      hours: 8
    2025-02-10 * "Acme GmbH" "Design again" #client-acme #rework
      project: "relaunch"
      hours: 4
    2025-02-11 * "Acme GmbH" "Other work, no project" #client-acme
      hours: 5
    2025-03-01 * "Acme GmbH" "Relaunch, fixed fee" ^inv-1 #client-acme
      project: "relaunch"
      Assets:Receivable    1200.00 EUR
      Income:Consulting
    """
    [project] = report.projects
    assert (project.project, project.client) == ("relaunch", "acme")
    assert project.fee == D("1200.00")
    assert project.invoiced == D("1200.00")
    assert project.hours == D(12)  # 8 + 4; the 5 hours name no project
    assert project.rework_hours == D(4)
    assert project.budget_hours == D(10)
    assert project.burn == D("1.2")  # 12 / 10
    assert project.effective_rate == D(1200) / D(12)  # 100 per hour
    assert client(report, "acme").projects == (project,)
    # 12 > 10 x 1.1 = 11: over budget, on the project's latest transaction (the invoice).
    [signal] = [s for s in report.signals if s.kind == "over-budget"]
    assert signal.message == (
        "project relaunch (Acme GmbH) took 12 of its 10 budgeted hours (120%, above 110%); "
        "the fee now pays 100.00 EUR per hour: agree a change request or a new budget "
        "before more work"
    )
    doc = test_project_figures.__doc__
    assert signal.entry.meta["lineno"] == line_of(doc, '"Relaunch, fixed fee"')
    assert "over-budget" in client(report, "acme").signals
    [data] = report_json(report)["clients"][0]["projects"]
    assert data == {
        "project": "relaunch",
        "client": "acme",
        "fee": "1200.00",
        "invoiced": "1200.00",
        "invoiced_net": "1200.00",
        "effective_rate": "100.00",
        "hours": 12,
        "rework_hours": 4,
        "budget_hours": 10,
        "burn": 1.2,
    }


PROJECT = """
2025-01-15 custom "project" "relaunch"
  client: "acme"
  fee: 10000.00 EUR
  budget_hours: 100
2025-02-01 * "Acme GmbH" "Relaunch" ^inv-1 #client-acme
  project: "relaunch"
  hours: {hours}
  Assets:Receivable    10000.00 EUR
  Income:Consulting
"""


@pytest.mark.parametrize(
    ("hours", "overrun", "fires"),
    [
        ("110", 0.1, False),  # 100 x 1.1 = 110: at the limit
        ("109.5", 0.1, False),  # below
        ("110.5", 0.1, True),  # above
        ("100", 0, False),  # exactly the budget, no overrun allowed
        ("100.25", 0, True),
    ],
)
def test_over_budget_at_below_and_above_the_limit(hours: str, overrun: float, fires: bool) -> None:
    report = run(PROJECT.format(hours=hours), max_overrun_share=overrun)
    assert (("over-budget", None) in kinds(report, "acme")) is fires


def test_over_budget_can_be_switched_off() -> None:
    report = run(PROJECT.format(hours="200"), warnings=["overdue"])
    assert ("over-budget", None) not in kinds(report)
    assert report.projects[0].burn == 2  # 200 / 100: the figure stays


@analysed(window_days=30)
def test_a_project_spanning_the_windows_start_counts_its_whole_life(report: Report) -> None:
    """
    2025-04-01 custom "project" "shop"
      client: "acme"
      budget_hours: 20
    2025-04-10 * "Acme GmbH" "Shop, April" ^inv-1 #client-acme
      project: "shop"
      hours: 15
      Assets:Receivable    1500.00 EUR
      Income:Consulting
    2025-06-10 * "Acme GmbH" "Shop, June" #client-acme
      project: "shop"
      hours: 10
    """
    # The window is 2025-06-01..2025-06-30: the client's hours are June's 10;
    # the project's are its whole life up to A: 15 + 10 = 25 > 20 x 1.1 = 22.
    assert client(report, "acme").hours == D(10)
    [project] = report.projects
    assert (project.hours, project.burn) == (D(25), D(25) / D(20))
    # No fee: the effective rate is the invoiced amount over the hours, 1500 / 25.
    assert (project.fee, project.invoiced, project.effective_rate) == (None, D(1500), D(60))
    assert ("over-budget", None) in kinds(report, "acme")


@analysed(as_of="2025-03-31")
def test_project_hours_after_as_of_do_not_count(report: Report) -> None:
    """
    2025-01-15 custom "project" "shop"
      client: "acme"
      budget_hours: 5
    2025-03-01 * "Acme GmbH" "Shop" #client-acme
      project: "shop"
      hours: 4
    2025-04-01 * "Acme GmbH" "Shop, after A" #client-acme
      project: "shop"
      hours: 40
    """
    [project] = report.projects
    assert project.hours == D(4)
    assert project.effective_rate == 0  # no fee and nothing invoiced: 0 / 4
    assert kinds(report) == []


BAD = """
2025-01-01 custom "project" "nobody"
  fee: 100.00 EUR
2025-01-02 custom "project" "ghost"
  client: "ghost"
2025-01-03 custom "project" "badfee"
  client: "acme"
  fee: "a lot"
2025-01-04 custom "project" "badbudget"
  client: "acme"
  budget_hours: 0
2025-01-05 custom "project" "textbudget"
  client: "acme"
  budget_hours: "100"
2025-01-06 custom "project" "badfee"
  client: "acme"
2025-02-01 * "Acme GmbH" "Work for a project acme lacks" #client-acme
  project: "elsewhere"
  hours: 2
2025-02-02 * "Acme GmbH" "Work for another client's project" #client-acme
  project: "globex-site"
  hours: 3
2025-02-03 * "Acme GmbH" "Project as a number" #client-acme
  project: 7
  hours: 1
2025-01-07 custom "project" "globex-site"
  client: "globex"
2025-02-04 * "Globex" "Globex work" #client-globex
  project: "globex-site"
  hours: 1
"""


def test_bad_projects_are_one_data_error_each_naming_the_entry() -> None:
    report = run(BAD)
    found = sorted((e.source["lineno"], e.message) for e in report.errors)
    expected = {
        line_of(BAD, '"nobody"'): 'project nobody needs client: "<id>" naming a client',
        line_of(BAD, '"ghost"'): "project ghost needs client:",
        line_of(
            BAD, '"badfee"'
        ): 'fee: must be an amount of zero or more, as 12000.00 EUR, not "a lot" (project badfee)',
        line_of(
            BAD, '"badbudget"'
        ): "budget_hours: must be a number above 0, not 0 (project badbudget)",
        line_of(
            BAD, '"textbudget"'
        ): 'budget_hours: must be a number above 0, not "100" (project textbudget)',
        line_of(BAD, '2025-01-06 custom "project" "badfee"'): (
            "project badfee of acme is declared twice"
        ),
        line_of(BAD, "a project acme lacks"): (
            'project: "elsewhere" names no project of client acme: add 2025-02-01 '
            'custom "project" "elsewhere" with client: "acme", or remove project:'
        ),
        line_of(BAD, "another client's project"): (
            'project: "globex-site" names no project of client acme: it is a project '
            "of client globex; correct the transaction's client or its project:"
        ),
        line_of(BAD, "Project as a number"): "project: must be a string, not 7",
    }
    assert [line for line, _ in found] == sorted(expected)
    for line, message in found:
        assert message.startswith("clienthealth: data: ")
        assert expected[line] in message, message
    # The rest is judged as before: the good projects are kept, with their values
    # or without the bad one; the hours still count for their clients.
    assert [(p.client, p.project) for p in report.projects] == [
        ("acme", "badbudget"),
        ("acme", "badfee"),
        ("acme", "textbudget"),
        ("globex", "globex-site"),
    ]
    assert all(p.budget_hours is None for p in report.projects)
    assert [p.hours for p in report.projects] == [0, 0, 0, D(1)]
    assert client(report, "acme").hours == D(6)  # 2 + 3 + 1


def test_bad_projects_through_the_plugin_keep_every_entry() -> None:
    entries, errors, _ = load_with_plugin(BAD)
    # The nine data errors above and nothing else: 6 and 1 hours raise no signal.
    assert len(errors) == 9
    assert all(e.message.startswith("clienthealth: data: ") for e in errors)
    assert sum(isinstance(e, data.Custom) for e in entries) == 7


def test_table_and_csv_list_the_projects() -> None:
    report = run(PROJECT.format(hours="140"))
    table = render_table(report)
    # 140 of 100 hours; the fee 10000 / 140 = 71.43 per hour, shown whole.
    [line] = [line for line in table.splitlines() if line.startswith("relaunch ")]
    assert line.split() == ["relaunch", "Acme", "GmbH", "140.0", "100.0", "140%", "71", "-"]
    header, row = cli.to_csv(report).splitlines()
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert values["projects"] == "relaunch:140/100"


def test_a_project_directive_without_an_id_is_a_data_error_bean_check_can_print() -> None:
    text = """
    2025-01-01 custom "project"
      client: "acme"
    2025-01-02 custom "project" 42
      client: "acme"
    2025-02-01 * "Acme GmbH" "Work" #client-acme
      hours: 1
    """
    _, errors, _ = load_with_plugin(text)
    # Beancount's own pad plugin fails on a custom with no value (a LoadError): not ours.
    errors = [e for e in errors if e.message.startswith("clienthealth:")]
    assert [e.source["lineno"] for e in errors] == [
        1 + line_of(text, '"project"'),
        1 + line_of(text, '"project" 42'),
    ]
    assert all('custom "project" needs a project id' in e.message for e in errors)
    # No value: Beancount's printer cannot print the entry, so the error names its place only.
    assert errors[0].entry is None
    assert errors[1].entry is not None


@analysed()
def test_without_a_fee_the_effective_rate_is_the_invoiced_amount_net_of_tax(report: Report) -> None:
    """
    2025-01-01 open Liabilities:VAT
    2025-01-15 custom "project" "shop"
      client: "acme"
      budget_hours: 20
    2025-02-01 * "Acme GmbH" "Shop" #client-acme
      project: "shop"
      hours: 10
    2025-03-01 * "Acme GmbH" "Shop, invoiced by the hour" ^inv-1 #client-acme
      project: "shop"
      Assets:Receivable    1190.00 EUR
      Income:Consulting   -1000.00 EUR
      Liabilities:VAT      -190.00 EUR
    """
    [project] = report.projects
    # Owed gross like a client's invoiced; earned net (SPEC 10 and 13): 1000 / 10.
    assert (project.invoiced, project.invoiced_net) == (D("1190.00"), D("1000.00"))
    assert project.effective_rate == D(100)
    [data] = report_json(report)["clients"][0]["projects"]
    assert (data["invoiced"], data["invoiced_net"], data["effective_rate"]) == (
        "1190.00",
        "1000.00",
        "100.00",
    )
