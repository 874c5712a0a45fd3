"""Shared helpers of the SPEC tests: ledgers live in the tests' docstrings.

`run(text, **config)` loads a ledger (without the plugin) and returns the
engine's Report; `load_with_plugin(text, config)` loads it through a real
`plugin` line and returns (entries, errors, options_map). Unless a test says
otherwise, the ledger is judged as of `AS_OF`.
"""

from __future__ import annotations

import datetime
import inspect
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from beancount import loader
from beancount.core import data

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.model import Aging, ClientFigures, Invoice, Report

AS_OF = "2025-06-30"
PLUGIN = "beancount_plugins.clienthealth"

#: Accounts every test ledger may use; prepended to each ledger.
HEADER = """\
option "operating_currency" "EUR"
2020-01-01 open Assets:Bank
2020-01-01 open Assets:Receivable
2020-01-01 open Assets:AccountsReceivable
2020-01-01 open Income:Consulting
2020-01-01 open Income:Other
2020-01-01 open Expenses:Discounts
2020-01-01 open Expenses:BadDebt
2020-01-01 open Expenses:BankFees
2020-01-01 open Expenses:Subcontractors
2020-01-01 open Expenses:Travel
2020-01-01 open Liabilities:Card
2020-01-01 open Equity:Opening
"""


def D(text: str | int) -> Decimal:
    return Decimal(str(text))


def date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def load(
    text: str | None, header: bool = True
) -> tuple[data.Directives, list[data.BeancountError], dict[str, Any]]:
    """Load a docstring ledger; HEADER (options and accounts) goes first."""
    body = textwrap.dedent(text or "")
    entries, errors, options_map = loader.load_string((HEADER if header else "") + body)
    return entries, errors, options_map


def run(text: str | None, header: bool = True, **config: Any) -> Report:
    """Analyse a ledger with the given config keys (as_of defaults to AS_OF)."""
    config.setdefault("as_of", AS_OF)
    entries, errors, options_map = load(text, header)
    assert not errors, [e.message for e in errors]
    return analyse(entries, options_map, config_module.from_mapping(config))


def load_with_plugin(
    text: str | None, config: str | None = None, header: bool = True
) -> tuple[data.Directives, list[data.BeancountError], dict[str, Any]]:
    """Load a ledger through a real `plugin` line (config string as written)."""
    if config is None:
        config = f"{{'as_of': '{AS_OF}'}}"
    line = f'plugin "{PLUGIN}" "{config}"\n'
    body = textwrap.dedent(text or "")
    return loader.load_string(line + (HEADER if header else "") + body)


def analysed(**config: Any) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Decorator: run the test's docstring ledger and pass the Report first.

    Further parameters of the test stay pytest fixtures.
    """

    def decorator(fun: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(fun)
        rest = list(signature.parameters.values())[1:]

        def wrapper(**kwargs: Any) -> None:
            fun(run(fun.__doc__, **config), **kwargs)

        wrapper.__name__ = fun.__name__
        wrapper.__qualname__ = fun.__qualname__
        wrapper.__module__ = fun.__module__
        wrapper.__doc__ = fun.__doc__
        # pytest reads the fixtures a test asks for from inspect's __signature__,
        # an attribute a function's type does not declare.
        wrapper.__signature__ = signature.replace(parameters=rest)  # type: ignore[attr-defined]
        return wrapper

    return decorator


def invoice(report: Report, invoice_id: str, currency: str | None = None) -> Invoice:
    """The one invoice with this id (and currency)."""
    found = [
        inv
        for inv in report.invoices
        if inv.invoice_id == invoice_id and (currency is None or inv.currency == currency)
    ]
    assert len(found) == 1, [(i.invoice_id, i.currency) for i in report.invoices]
    return found[0]


def client(report: Report, client_id: str) -> ClientFigures:
    """The figures of one client."""
    found = [c for c in report.clients if c.client == client_id]
    assert len(found) == 1, [c.client for c in report.clients]
    return found[0]


def messages(report_or_errors: Report | Sequence[data.BeancountError]) -> list[str]:
    """The messages of a report's data errors, or of a list of errors."""
    errors = report_or_errors.errors if isinstance(report_or_errors, Report) else report_or_errors
    return [e.message for e in errors]


def kinds(report: Report, client_id: str | None = None) -> list[tuple[str, str | None]]:
    """(kind, invoice) of the report's signals, of one client or all."""
    return [
        (s.kind, s.invoice_id) for s in report.signals if client_id is None or s.client == client_id
    ]


def line_of(text: str | None, needle: str, header: bool = True) -> int:
    """The line number, in the loaded string, of the first line containing `needle`."""
    full = (HEADER if header else "") + textwrap.dedent(text or "")
    for number, line in enumerate(full.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def plugin_line_of(text: str | None, needle: str) -> int:
    """`line_of` in a ledger loaded by `load_with_plugin` (one `plugin` line first)."""
    return 1 + line_of(text, needle)


ACME = """
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"
"""


def _run(text: str, **config: Any) -> Report:
    return run(ACME + textwrap.dedent(text), **config)


def _split(
    report: Report, invoice_id: str, currency: str | None = None
) -> tuple[Decimal, Decimal, Decimal]:
    inv = invoice(report, invoice_id, currency)
    return inv.paid, inv.credited, inv.open


def _due(*pairs: tuple[str, str]) -> str:
    """One 100.00 EUR invoice per (id, due date), dated 2025-01-01."""
    return ACME + "".join(
        f"""
2025-01-01 * "Acme GmbH" "Work" ^{name} #client-acme
  due: {due}
  Assets:Receivable    100.00 EUR
  Income:Consulting
"""
        for name, due in pairs
    )


def figures(client: str, name: str, **values: object) -> ClientFigures:
    """A client's figures for a chart or a table row: a typical client, `values` changed."""
    base: dict[str, object] = {
        "client": client, "name": name, "invoiced": D(1000), "invoiced_net": D(1000),
        "paid": D(800), "paid_net": D(800), "credited": D(0),
        "open": D(200), "overdue": D(200), "credit": D(0),
        "aging": Aging(D(0), D(100), D(0), D(0), D(100)), "avg_days_to_pay": D(40),
        "days_beyond_terms": D(10), "payment_score": 70, "disputed": D(0),
        "open_disputed": D(0), "conceded": D(0), "dispute_rate": D(0), "disputes": 0,
        "reminders": 0, "hours": D(10), "billed_hours": D(10), "unbilled_hours": D(0),
        "unbilled_share": D(0), "costs": D(0), "yield_per_hour": D(80), "revenue_share": D("0.5"),
        "time_share": D("0.5"), "signals": (),
    }  # fmt: skip
    base.update(values)
    # Each value is of its field's type; a dict of them is only `object` to mypy.
    return ClientFigures(**base)  # type: ignore[arg-type]


def many_clients(count: int) -> str:
    """A ledger body of `count` small clients `c00`, `c01`, ...: client i works i + 1 hours.

    Even clients never pay (yield 0, below any min_rate); odd ones pay 200 EUR an hour.
    """
    lines: list[str] = []
    for i in range(count):
        hours, amount = i + 1, 200 * (i + 1)
        lines += [
            f'2025-03-01 * "Client {i:02d}" "Work" ^inv-{i} #client-c{i:02d}',
            f"  hours: {hours}",
            f"  Assets:Receivable    {amount}.00 EUR",
            "  Income:Consulting",
        ]
        if i % 2:
            lines += [
                f'2025-03-20 * "Client {i:02d}" "Payment" ^inv-{i}',
                f"  Assets:Bank    {amount}.00 EUR",
                "  Assets:Receivable",
            ]
    return "\n".join(lines) + "\n"
