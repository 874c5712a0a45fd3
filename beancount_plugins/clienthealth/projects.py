"""Fixed-fee projects (SPEC section 13): their directives, figures and `over-budget`."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

from beancount.core import data
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.currency import Converter, percents_above
from beancount_plugins.clienthealth.model import (
    ZERO,
    ClientHealthError,
    Invoice,
    ProjectFigures,
    Signal,
    Work,
    data_error,
)
from beancount_plugins.clienthealth.ranking import hours_text, money_text
from beancount_plugins.clienthealth.records import Attribution, ClientTxn, directive_id
from beancount_plugins.clienthealth.text import SHOWN_CHARS, cut, written
from beancount_plugins.clienthealth.thresholds import and_more, over_budget


class Project(NamedTuple):
    """What a `custom "project"` directive says; a bad fee or budget is left unset."""

    project: str
    client: str
    fee: Amount | None
    budget_hours: Decimal | None
    entry: data.Custom


def _named(entry: data.Custom) -> str:
    """The project a directive declares, for its messages: `project acme-relaunch`."""
    return f"project {cut(str(entry.values[0].value))}"


def _fee(entry: data.Custom, client: str, errors: list[ClientHealthError]) -> Amount | None:
    if "fee" not in entry.meta:
        return None
    value = entry.meta["fee"]
    number = value.number if isinstance(value, Amount) else None
    if isinstance(number, Decimal) and number.is_finite() and number >= 0:
        return value  # type: ignore[no-any-return]
    text = (
        f"fee: must be an amount of zero or more, as 12000.00 EUR, not {written(value)} "
        f"({_named(entry)})"
    )
    errors.append(data_error(entry, text, client))
    return None


def _budget(entry: data.Custom, client: str, errors: list[ClientHealthError]) -> Decimal | None:
    if "budget_hours" not in entry.meta:
        return None
    value = entry.meta["budget_hours"]
    if isinstance(value, Decimal) and value.is_finite() and value > 0:
        return value
    errors.append(
        data_error(
            entry,
            f"budget_hours: must be a number above 0, not {written(value)} ({_named(entry)})",
            client,
        )
    )
    return None


def _project(
    entry: data.Custom, known: Iterable[str], errors: list[ClientHealthError]
) -> Project | None:
    value = directive_id(entry, "project", "acme-relaunch", errors)
    if value is None:
        return None
    client = entry.meta.get("client")
    if not isinstance(client, str) or client not in known:
        errors.append(
            data_error(
                entry,
                f'project {cut(value)} needs client: "<id>" naming a client of the ledger, '
                f"not {written(client)}: the project is left out",
            )
        )
        return None
    fee, budget = _fee(entry, client, errors), _budget(entry, client, errors)
    return Project(value, client, fee, budget, entry)


class Projects(NamedTuple):
    """The ledger's projects, the latest transaction of each up to A, and their errors."""

    declared: dict[tuple[str, str], Project]
    #: (client, project) -> its latest transaction up to A that names it.
    latest: dict[tuple[str, str], data.Directive]
    errors: list[ClientHealthError]


def _no_project(txn: ClientTxn, value: str, owners: Mapping[str, list[str]]) -> str:
    """Why a `project:` counts for no project, and the likely fix."""
    said = f"project: {written(value)} names no project of client {cut(txn.client)}"
    others = owners.get(value)
    if others:  # copied from another client's entry, or the client tag is wrong
        return (
            f"{said}: it is a project of client {and_more([cut(o) for o in sorted(others)])}; "
            f"correct the transaction's client or its project:"
        )
    # The directive to add, when it is short enough to copy; else only what to do.
    declare = (
        f'add {txn.entry.date} custom "project" {written(value)}'
        if len(value) <= SHOWN_CHARS
        else 'add a custom "project" directive of that id'
    )
    return f"{said}: {declare} with client: {written(txn.client)}, or remove project:"


def read_projects(attribution: Attribution, as_of: datetime.date) -> Projects:
    """Every project by (client, id), and the errors of the directives and `project:` values.

    A later directive that repeats a client's project id is a data error and
    is left out. A `project:` that is not a string or names no project of the
    transaction's client is a data error, and its hours count for no project.
    """
    errors: list[ClientHealthError] = []
    projects: dict[tuple[str, str], Project] = {}
    if attribution.projects:
        known = set(attribution.clients) | {txn.client for txn in attribution.transactions}
        for entry in attribution.projects:
            project = _project(entry, known, errors)
            if project is None:
                continue
            key = (project.client, project.project)
            if key in projects:
                errors.append(
                    data_error(
                        entry,
                        f"project {cut(project.project)} of {cut(project.client)} "
                        "is declared twice",
                        project.client,
                    )
                )
                continue
            projects[key] = project
    latest: dict[tuple[str, str], data.Directive] = {}
    owners: dict[str, list[str]] = {}
    for client, project_id in projects:
        owners.setdefault(project_id, []).append(client)
    for txn in attribution.transactions:  # hot: once per client transaction
        meta = txn.entry.meta
        if "project" not in meta:
            continue
        value = meta["project"]
        if not isinstance(value, str):
            text = f"project: must be a string, not {written(value)}"
            errors.append(data_error(txn.entry, text, txn.client))
        elif (txn.client, value) not in projects:
            errors.append(data_error(txn.entry, _no_project(txn, value, owners), txn.client))
        elif txn.entry.date <= as_of:
            latest[(txn.client, value)] = txn.entry  # in ledger order: the last is the latest
    return Projects(projects, latest, errors)


def project_figures(
    projects: Mapping[tuple[str, str], Project],
    work: Mapping[str, list[Work]],
    invoices: Iterable[Invoice],
    converter: Converter,
    latest_entries: Mapping[tuple[str, str], data.Directive],
) -> list[ProjectFigures]:
    """Each project's figures over its whole life up to A, by client then id.

    `latest_entries`: the latest transaction up to A of each project, if any.
    """
    if not projects:
        return []
    invoiced: dict[tuple[str, str], Decimal] = {}
    invoiced_net: dict[tuple[str, str], Decimal] = {}
    for inv in invoices:
        name = inv.entry.meta.get("project")
        if not isinstance(name, str):
            continue
        key = (inv.client, name)
        if key in projects and inv.rate is not None:
            invoiced[key] = invoiced.get(key, ZERO) + converter.money(inv.amount * inv.rate)
            invoiced_net[key] = invoiced_net.get(key, ZERO) + converter.money(inv.net * inv.rate)
    # One pass over the hours of the clients with projects, however many projects.
    spent: dict[tuple[str, str], list[Decimal]] = {key: [ZERO, ZERO] for key in projects}
    for client in {client for client, _ in projects}:
        for piece in work.get(client, ()):
            sums = spent.get((client, piece.project)) if piece.project is not None else None
            if sums is not None:
                sums[0] += piece.hours
                if piece.rework:
                    sums[1] += piece.hours
    found = []
    for key in sorted(projects):
        project = projects[key]
        hours, rework = spent[key]
        fee = None
        if project.fee is not None and project.fee.number is not None:
            fee_currency, day = project.fee.currency, project.entry.date
            rate = converter.rate(fee_currency, day, project.entry, project.client)
            fee = converter.money(project.fee.number * rate) if rate is not None else None
        net = converter.money(invoiced_net.get(key, ZERO))
        earned = fee if fee is not None else net
        budget = project.budget_hours
        # Divided in the default context: EXACT would never end 1/3.
        found.append(
            ProjectFigures(
                project=project.project,
                client=project.client,
                fee=fee,
                invoiced=converter.money(invoiced.get(key, ZERO)),
                invoiced_net=net,
                hours=hours,
                rework_hours=rework,
                budget_hours=budget,
                burn=None if budget is None else hours / budget,
                effective_rate=earned / hours if hours else None,
                entry=latest_entries.get(key, project.entry),
            )
        )
    return found


def project_signals(
    projects: Iterable[ProjectFigures],
    names: Mapping[str, str],
    config: Config,
    currency: str,
    places: Callable[[str], int],
) -> list[Signal]:
    """`over-budget` for each project past its budget and the overrun allowed."""
    signals = []
    for p in projects:
        if not over_budget(p, config) or p.budget_hours is None or p.burn is None:
            continue
        rate = (
            f"; the fee now pays {money_text(p.effective_rate, currency, places)} per hour"
            if p.fee is not None and p.effective_rate is not None
            else ""
        )
        burn, limit = percents_above(p.burn, 1 + config.max_overrun_share)
        signals.append(
            Signal(
                "over-budget",
                p.client,
                None,
                f"project {cut(p.project)} ({cut(names.get(p.client, p.client))}) took "
                f"{hours_text(p.hours)} of its {hours_text(p.budget_hours)} budgeted hours "
                f"({burn}, above {limit}){rate}: agree a change request or a new budget "
                "before more work",
                p.entry,
            )
        )
    return signals
