"""The example ledger's figures as its README tells them: time, sales tax, collection."""

from __future__ import annotations

import pytest
from beancount import loader

from tests import example_report
from tests.example_report import EXAMPLE, JsonObject

#: The example's JSON report (example_report), module-scoped here: run once for this file.
report = example_report.report


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
