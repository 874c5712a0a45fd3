"""The tab's view helpers: sort values, texts, badges, journal filters and the summary."""

from __future__ import annotations

from decimal import Decimal

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.model import SIGNAL_KINDS, STATUSES
from fava_clienthealth import badges, journal, view
from fava_clienthealth.page import summary
from tests.helpers import run

D = Decimal


# --- view -------------------------------------------------------------------------------------


def test_sort_values_are_numbers_fava_can_read() -> None:
    assert view.sort_value(D("12.50")) == "12.50"
    assert view.sort_value(D("-3")) == "-3"
    assert view.sort_value(D("1E+3")) == "1000"
    assert view.sort_value(7) == "7"
    assert view.sort_value(None) == view.MISSING


def test_days_and_percent_texts() -> None:
    assert view.days(None) == view.DASH
    assert view.days(D("132.56")) == "132.6"
    assert view.days(D("47.0")) == "47"
    assert view.days(D("-0.04")) == "0"
    assert view.days(80) == "80"
    assert view.percent(D("0.6494")) == "65%"
    assert view.percent(None) == view.DASH
    # Half up, as the JSON and the messages round (half even would give 2.2 and 12%).
    assert view.days(D("2.25")) == "2.3"
    assert view.percent(D("0.125")) == "13%"
    assert view.hours(D("62.50")) == "62.5"
    assert view.hours(D("40")) == "40"


def test_every_signal_kind_has_a_badge_and_advice() -> None:
    for kind in SIGNAL_KINDS:
        label, advice = badges.badge(kind)
        assert label and advice.endswith(".")
        assert badges.tone(kind) in {"bad", "warn", "info"}


def test_cash_at_risk_is_bad_a_pattern_to_fix_warns_the_rest_is_a_note() -> None:
    tones = {kind: badges.tone(kind) for kind in SIGNAL_KINDS}
    assert {k for k, t in tones.items() if t == "bad"} == {"overdue", "dispute"}
    assert {k for k, t in tones.items() if t == "info"} == {"concentration", "bottom", "free-work"}
    assert badges.tone("no-such-kind") == "info"


INVOICES = """
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"

2025-02-01 * "Acme GmbH" "Linked" ^inv-1 #client-acme
  Assets:Receivable    100.00 EUR
  Income:Consulting

2025-02-02 * "Acme GmbH" "By metadata" #client-acme
  invoice: "INV 2"
  Assets:Receivable    100.00 EUR
  Income:Consulting

2025-02-03 * "Acme GmbH" "No id" #client-acme
  Assets:Receivable    100.00 EUR
  Income:Consulting
"""


def test_journal_filters_of_invoices() -> None:
    report = run(INVOICES)
    filters = {inv.invoice_id: journal.invoice_filter(inv) for inv in report.invoices}
    # An invoice is named by its link, or by `invoice:` on a transaction or a posting.
    assert filters.pop("inv-1") == '^inv-1, invoice:"^(?-i:inv-1)$", any(invoice:"^(?-i:inv-1)$")'
    assert filters.pop("INV 2") == 'invoice:"^(?-i:INV 2)$", any(invoice:"^(?-i:INV 2)$")'
    assert list(filters.values()) == [None]  # `<file>:<line>` names no filter


def test_journal_filter_of_a_client() -> None:
    report = run(INVOICES)
    assert journal.client_filter(report, Config(), "acme") == (
        '#client-acme, client:"^(?-i:acme)$", invoice:"^(?-i:INV 2)$", '
        'any(invoice:"^(?-i:INV 2)$"), ^inv-1'
    )
    assert journal.client_filter(report, Config(), "Acme GmbH") == 'client:"^(?-i:Acme GmbH)$"'
    # A `"` would end Fava's string: the regex writes it \x22.
    assert (
        journal.client_filter(report, Config(), 'say "hi"') == 'client:"^(?-i:say \\x22hi\\x22)$"'
    )


def test_summary_and_unplotted() -> None:
    report = run(INVOICES)
    line = summary(report)
    assert (line.open, line.clients, line.need_action) == (D(300), 1, 1)
    assert view.unplotted(report.clients) == ["Acme GmbH"]


def test_status_badges_say_paid_is_good_and_overdue_or_disputed_bad() -> None:
    assert {s: badges.status_tone(s) for s in STATUSES} == {
        "paid": "good",
        "written-off": "warn",
        "open": "info",
        "overdue": "bad",
        "disputed": "bad",
    }
    assert badges.status("written-off") == "written off"
    assert badges.status("no-such-status") == "no-such-status"


def test_only_payment_badges_change_their_advice_when_money_was_written_off() -> None:
    changed = {k for k in SIGNAL_KINDS if badges.badge(k, Decimal(1))[1] != badges.badge(k)[1]}
    assert changed == {"overdue", "slow-payer"}
