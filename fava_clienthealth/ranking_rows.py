"""The rows of the tab's ranking table, written in Python: a page of 500 clients has 7,500 cells.

Each cell is what the template wrote before (tests/test_fava_ranking_rows.py
holds them to it): in Jinja, every helper call of a cell costs a context
lookup and a call check, more than the cell's own work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import NamedTuple

from markupsafe import Markup

from beancount_plugins.clienthealth import thresholds
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.currency import round_half_up
from beancount_plugins.clienthealth.model import ClientFigures
from fava_clienthealth.cells import money_cell, number_cell, signal_badges, sort_key
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.i18n import template_gettext
from fava_clienthealth.numbers import LocalView
from fava_clienthealth.svg import escaped
from fava_clienthealth.view import share_gap, sort_value


class RankingTable(NamedTuple):
    """What every row of the ranking reads: the page's settings and how it writes money."""

    view: LocalView
    config: Config
    #: min_rate in the reporting currency, as a number (None: no minimum).
    min_rate: Decimal | None
    #: Digits of the reporting currency.
    places: int
    #: Fava's `format_currency` in the reporting currency, then its incognito mask.
    money: Callable[[Decimal], str]
    client_url: Callable[[str], str]
    #: Each client's bar of open money by age.
    aging: Mapping[str, Markup]
    #: Fava's incognito mode: money cells get no sort key, as they show no digits.
    masked: bool


def _yield_cell(c: ClientFigures, table: RankingTable) -> str:
    missing = sort_key(None, table.masked)
    if c.yield_pending:
        title = template_gettext("No invoice of the window is paid or due yet")
        pending = template_gettext("not yet paid")
        return f'<td class="num ch-dim"{missing} title="{title}">{pending}</td>'
    if c.yield_per_hour is None:
        return f'<td class="num ch-dim"{missing}>\N{EN DASH}</td>'
    below = " ch-below" if thresholds.below_min_rate(c.yield_per_hour, table.min_rate) else ""
    shown = table.money(round_half_up(c.yield_per_hour, table.places))
    return f'<td class="num{below}"{sort_key(c.yield_per_hour, table.masked)}>{escaped(shown)}</td>'


def ranking_row(c: ClientFigures, rank: int, table: RankingTable) -> Markup:
    """One client's row: rank, name, payment, open money, disputes, hours, yield, signals."""
    v, config, money = table.view, table.config, table.money
    name, link = escaped(c.name), escaped(table.client_url(c.client))
    worked = sort_value(c.rework_hours + c.presale_hours)
    below_score = thresholds.below_min_score(c.payment_score, config.min_payment_score)
    rework = "ch-below" if thresholds.rework_above(c, config) else ""
    presale = "ch-below" if thresholds.presale_above(c, config) else ""
    presale_hours = escaped(_("%(hours)s h", hours=v.hours(c.presale_hours)))
    overdue_dim = "" if c.overdue else " class=ch-dim"
    disputed_dim = "" if c.disputed else " ch-dim"
    work_dim = "" if c.rework_hours or c.presale_hours else " ch-dim"
    cells = (
        f'<td class="num" data-sort-value="{rank}">{rank}</td>',
        f'<td class="ch-name" data-sort-value="{name}"><a href="{link}"'
        f' title="{name} ({escaped(c.client)})">{name}</a></td>',
        number_cell(c.payment_score, v.days(c.payment_score), " ch-below" if below_score else ""),
        number_cell(c.avg_days_to_pay, v.days(c.avg_days_to_pay)),
        number_cell(c.days_beyond_terms, v.days(c.days_beyond_terms)),
        f'<td class="num ch-open-cell"{sort_key(c.overdue, table.masked)}><span{overdue_dim}>'
        f"{escaped(money(c.overdue))}</span>{table.aging[c.client]}</td>",
        f'<td class="num{disputed_dim}"{sort_key(c.disputed, table.masked)}>'
        f"{escaped(money(c.disputed))} / {escaped(money(c.conceded))}</td>",
        money_cell(c.written_off, money(c.written_off), table.masked),
        number_cell(c.reminders, c.reminders),
        number_cell(c.hours, v.hours(c.hours)),
        number_cell(c.unbilled_share, v.percent(c.unbilled_share)),
        f'<td class="num{work_dim}" data-sort-value="{worked}">'
        f'<span class="{rework}">{escaped(v.percent(c.rework_share))}</span> / '
        f'<span class="{presale}">{presale_hours}</span></td>',
        _yield_cell(c, table),
        f'<td class="num" data-sort-value="{escaped(sort_value(share_gap(c)))}">'
        f"{escaped(v.percent(c.revenue_share))} / {escaped(v.percent(c.time_share))}</td>",
        f'<td class="ch-signals" data-sort-value="{len(c.signals)}">'
        f"{signal_badges(c.signals, c.written_off)}</td>",
    )
    body = "\n      ".join(cells)
    return Markup(  # noqa: S704 - every part is escaped
        f'<tr data-client="{escaped(c.client)}">\n      {body}\n    </tr>'
    )
