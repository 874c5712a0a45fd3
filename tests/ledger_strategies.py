"""Hypothesis strategies that write whole Beancount ledgers as text.

The property tests feed these ledgers to Beancount's parser, booking and the
plugin, exactly as a user's file goes through `bean-check` or Fava. A ledger
mixes well-formed client bookkeeping (invoices, payments, credit notes,
disputes, reminders, time entries, costs, prices, `custom "client"`) with
everything a real file gets wrong: metadata of the wrong type, unknown and
duplicate invoice ids, overpayments, payments before their invoice, zero and
negative invoices, several currencies with and without prices, two client
tags, receivable postings with no client, disputes that name no invoice,
dates centuries apart, huge and tiny amounts, and hostile or very long text.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from tests.strategies import (
    _ANYTHING,
    _GOOD,
    AMOUNTS,
    CURRENCY,
    DATES,
    INVOICE_IDS,
    META_CLIENTS,
    META_VALUES,
    NUMBERS,
    SIGNED_NUMBERS,
    TAG_CLIENTS,
    TEXT,
    _date_text,
    _number,
    beancount_string,
    weighted,
)

#: Accounts every generated ledger opens (long before any generated date).
ACCOUNTS = (
    "Assets:Bank",
    "Assets:Receivable",
    "Assets:Receivable:Acme",
    "Assets:Receivable:Shared",
    "Assets:AccountsReceivable",
    "Income:Consulting",
    "Expenses:Discounts",
    "Expenses:Subcontractors",
    "Expenses:BankFees",
    "Liabilities:Card",
    "Liabilities:VAT",
    "Assets:Billable",
    "Equity:Time",
    "Equity:Opening",
)
RECEIVABLES = ("Assets:Receivable", "Assets:Receivable:Acme", "Assets:Receivable:Shared")
_HEAD_KEYS = ("client", "invoice", "hours", "due", "terms", "disputed", "billed_hours")
#: Client ids, acme most often, so that entries of one client meet.
_CLIENT = weighted((6, st.just("acme")), (2, st.just("globex")), (1, st.sampled_from(TAG_CLIENTS)))
_LINKS = st.lists(st.sampled_from(INVOICE_IDS), unique=True, max_size=2)
#: Client tags: one mostly; sometimes none, one time in twenty two.
_CLIENT_TAGS = weighted(
    (3, st.just([])),
    (16, _CLIENT.map(lambda c: [c])),
    (1, st.sampled_from([[a, b] for a in TAG_CLIENTS for b in TAG_CLIENTS if a < b])),
)
_ONE_IN_FOUR = st.integers(0, 3).map(lambda n: n == 3)
_BOOLEANS = st.booleans()
_RECEIVABLE = st.sampled_from(RECEIVABLES)


@st.composite
def _head(draw: Any, tags: tuple[str, ...] = ()) -> list[str]:
    """The first line of a transaction, then its metadata lines."""
    links = draw(_LINKS)
    clients = draw(_CLIENT_TAGS)
    words = [
        _date_text(draw(DATES)),
        "*",
        beancount_string(draw(TEXT)),
        beancount_string(draw(TEXT)),
    ]
    words += [f"^{link}" for link in links]
    words += [f"#client-{c}" for c in clients] + [f"#{tag}" for tag in tags]
    lines = [" ".join(words)]
    lines += [f"  {key}: {draw(META_VALUES[key])}" for key in _HEAD_KEYS if draw(_ONE_IN_FOUR)]
    return lines


@st.composite
def _invoice(draw: Any) -> str:
    """A client's invoice: one or two positive receivable postings (or not)."""
    lines = draw(_head())
    for _ in range(draw(st.integers(1, 2))):
        account = draw(_RECEIVABLE)
        lines.append(f"  {account}  {_number(draw(SIGNED_NUMBERS))} {draw(CURRENCY)}")
    if draw(_ONE_IN_FOUR):  # sales tax, at times more than the amount
        lines.append(f"  Liabilities:VAT  -{_number(draw(NUMBERS))} {draw(CURRENCY)}")
    if draw(_ONE_IN_FOUR):  # earlier time entries billed in the hours commodity
        lines.append(f"  Assets:Billable  -{draw(_GOOD['hours'])} H @@ {draw(AMOUNTS)}")
    lines.append("  Income:Consulting")
    return "\n".join(lines)


@st.composite
def _payment(draw: Any) -> str:
    """A payment, short payment with a discount, overpayment or credit note."""
    lines = draw(_head())
    currency = draw(CURRENCY)
    kind = draw(st.sampled_from(["cash", "cash", "discount", "credit", "priced", "untax"]))
    if kind in ("cash", "discount"):
        lines.append(f"  Assets:Bank  {_number(draw(NUMBERS))} {currency}")
    if kind == "discount":
        lines.append(f"  Expenses:Discounts  {_number(draw(NUMBERS))} {currency}")
    if kind in ("credit", "untax"):
        lines.append(f"  Income:Consulting  {_number(draw(NUMBERS))} {currency}")
    if kind == "untax":  # a credit note that reverses the tax too
        lines.append(f"  Liabilities:VAT  {_number(draw(NUMBERS))} {currency}")
    if kind == "priced":
        rate = draw(st.sampled_from(["0.9", "1.1", "150", "0.0001"]))
        lines.append(f"  Assets:Bank  {_number(draw(NUMBERS))} USD @ {rate} {currency}")
    posting_meta = ""
    if draw(_ONE_IN_FOUR):
        posting_meta = f"\n    invoice: {draw(META_VALUES['invoice'])}"
    lines.append(f"  {draw(_RECEIVABLE)}{posting_meta}")
    return "\n".join(lines)


@st.composite
def _event(draw: Any) -> str:
    """A dispute or reminder, with or without postings and an invoice to name."""
    lines = draw(_head((draw(st.sampled_from(["dispute", "reminder"])),)))
    if draw(_BOOLEANS):
        lines.append(f"  Expenses:BankFees  {_number(draw(NUMBERS))} EUR")
        lines.append("  Assets:Bank")
    return "\n".join(lines)


#: Kinds of work a time entry may be tagged with (SPEC 12): none, one or both.
_KIND_TAGS = st.lists(st.sampled_from(["rework", "meeting"]), unique=True, max_size=2)
#: Project ids, some declared by `_project_directive`, some never.
PROJECT_IDS = ("relaunch", "shop", "undeclared")
_PROJECT_META = weighted((4, st.sampled_from(PROJECT_IDS).map(beancount_string)), (1, _ANYTHING))


@st.composite
def _work(draw: Any) -> str:
    """A time entry (no postings) or a cost (an Expenses posting), of a kind, in a project."""
    lines = draw(_head(tuple(draw(_KIND_TAGS))))
    if not any(line.startswith("  hours:") for line in lines):
        lines.insert(1, f"  hours: {draw(META_VALUES['hours'])}")
    if draw(_ONE_IN_FOUR):
        lines.insert(1, f"  project: {draw(_PROJECT_META)}")
    if draw(_BOOLEANS):
        lines.append(f"  Expenses:Subcontractors  {draw(AMOUNTS)}")
        lines.append("  Liabilities:Card")
    elif draw(_BOOLEANS):  # time kept in the hours commodity, balanced
        lines.append(f"  Assets:Billable  {draw(_GOOD['hours'])} H")
        lines.append("  Equity:Time")
    return "\n".join(lines)


@st.composite
def _client_directive(draw: Any) -> str:
    """`custom "client"` with a name and terms, good or bad."""
    client = draw(META_CLIENTS)
    lines = [f'{_date_text(draw(DATES))} custom "client" {beancount_string(client)}']
    if draw(_BOOLEANS):
        lines.append(f"  name: {beancount_string(draw(TEXT))}")
    if draw(_BOOLEANS):
        lines.append(f"  terms: {draw(META_VALUES['terms'])}")
    return "\n".join(lines)


@st.composite
def _project_directive(draw: Any) -> str:
    """`custom "project"` with a client, a fee and a budget, each good or bad or absent."""
    project = draw(st.sampled_from(PROJECT_IDS[:2]))
    lines = [f'{_date_text(draw(DATES))} custom "project" "{project}"']
    if draw(st.integers(0, 5)):
        lines.append(f"  client: {beancount_string(draw(_CLIENT))}")
    if draw(_BOOLEANS):
        lines.append(f"  fee: {draw(weighted((4, AMOUNTS), (1, _ANYTHING)))}")
    if draw(_BOOLEANS):
        budget = weighted((4, st.sampled_from(["100", "0.5", "3", "100000000"])), (1, _ANYTHING))
        lines.append(f"  budget_hours: {draw(budget)}")
    return "\n".join(lines)


@st.composite
def _price(draw: Any) -> str:
    """A price of another currency in EUR (or EUR in another)."""
    base, quote = draw(
        st.sampled_from([("USD", "EUR"), ("CHF", "EUR"), ("JPY", "EUR"), ("EUR", "USD")])
    )
    rate = draw(st.sampled_from(["0.9", "1.1", "0.0067", "123456.789", "0.000001"]))
    return f"{_date_text(draw(DATES))} price {base} {rate} {quote}"


_FOLLOW_UPS = st.lists(
    st.tuples(
        st.sampled_from(["pay", "pay", "short", "credit", "dispute", "reminder", "over"]),
        st.integers(0, 200),
        NUMBERS,
    ),
    max_size=3,
)


@st.composite
def _story(draw: Any) -> str:
    """A well-formed invoice and what follows it: payments, credits, disputes."""
    client = draw(_CLIENT)
    link = draw(st.sampled_from(INVOICE_IDS))
    date = draw(st.dates(datetime.date(2024, 6, 1), datetime.date(2025, 6, 30)))
    amount, currency = draw(NUMBERS), draw(CURRENCY)
    payee = beancount_string(draw(TEXT))
    hours = f"\n  hours: {draw(_GOOD['hours'])}" if draw(_BOOLEANS) else ""
    lines = [
        f'{date} * {payee} "Invoice" ^{link} #client-{client}{hours}',
        f"  Assets:Receivable  {_number(amount)} {currency}",
        "  Income:Consulting",
    ]
    for kind, days, part in draw(_FOLLOW_UPS):
        day = date + datetime.timedelta(days=days)
        head = f"{day} * {payee} {beancount_string(kind)} ^{link}"
        part = min(part, amount)
        if kind in ("dispute", "reminder"):
            disputed = f"\n  disputed: {_number(part)} {currency}" if draw(_BOOLEANS) else ""
            lines.append(f"{head} #{kind}{disputed}")
            continue
        lines.append(head)
        if kind == "pay":
            lines.append(f"  Assets:Bank  {_number(amount)} {currency}")
        elif kind == "over":
            lines.append(f"  Assets:Bank  {_number(amount + part)} {currency}")
        elif kind == "short":
            lines.append(f"  Assets:Bank  {_number(amount - part)} {currency}")
            lines.append(f"  Expenses:Discounts  {_number(part)} {currency}")
        else:
            lines.append(f"  Income:Consulting  {_number(part)} {currency}")
        lines.append("  Assets:Receivable")
    return "\n".join(lines)


#: One generated directive of any kind.
ENTRIES = weighted(
    (3, _story()),
    (4, _invoice()),
    (4, _payment()),
    (2, _event()),
    (2, _work()),
    (1, _client_directive()),
    (1, _project_directive()),
    (1, _price()),
)

#: A valid plugin config dict; mostly judged as of 2025-06-30.
PLUGIN_CONFIGS = st.fixed_dictionaries(
    {
        "as_of": weighted(
            (4, st.just("2025-06-30")),
            (1, st.sampled_from(["2024-01-01", "2026-06-30", "1900-01-01", "9999-12-31"])),
        )
    },
    optional={
        "window_days": st.sampled_from([0, 1, 30, 365, 100000]),
        "default_terms": st.sampled_from([0, 14, 30, 99999]),
        "currency": st.sampled_from(["EUR", "USD", "JPY"]),
        "min_rate": st.sampled_from(["80 EUR", "50 USD", "0 EUR"]),
        "overdue_grace_days": st.sampled_from([0, 5, 10**6]),
        "bottom_share": st.sampled_from([0, 0.5, 1]),
        "warnings": st.sampled_from([[], ["overdue"], ["dispute", "bottom", "unbilled"]]),
        "hours_commodity": st.just("H"),
        "max_rework_share": st.sampled_from([0, 0.15, 1]),
        "max_presale_hours": st.sampled_from([0, 8]),
        "max_overrun_share": st.sampled_from([0, 0.1]),
        "max_low_yield_time_share": st.sampled_from([0, 0.2, 1]),
    },
)


@st.composite
def ledgers(draw: Any, max_entries: int = 25) -> tuple[str, str]:
    """(ledger text without a plugin line, the plugin's config string)."""
    lines = []
    if draw(st.integers(0, 4)):
        lines.append('option "operating_currency" "EUR"')
    lines += [f"1800-01-01 open {account}" for account in ACCOUNTS]
    if draw(_BOOLEANS):
        lines += ["1800-01-01 price USD 0.9 EUR", "1800-01-01 price CHF 1.05 EUR"]
    pushed = draw(st.sampled_from([*[None] * 28, *TAG_CLIENTS]))
    size = draw(st.integers(0, max_entries))
    body = draw(st.lists(ENTRIES, min_size=size, max_size=size))
    if pushed is not None and body:
        cut = draw(st.integers(0, len(body)))
        body = [*body[:cut], f"pushtag #client-{pushed}", *body[cut:], f"poptag #client-{pushed}"]
    config = repr(draw(PLUGIN_CONFIGS))
    return "\n".join(lines + body) + "\n", config
