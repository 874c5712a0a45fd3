"""The tab's "Yield per hour" chart: the clients that take the most hours, against min_rate."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from markupsafe import Markup

from beancount_plugins.clienthealth.currency import EXACT
from beancount_plugins.clienthealth.model import ClientFigures
from beancount_plugins.clienthealth.thresholds import below_min_rate, most_hours_first
from fava_clienthealth import svg
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.i18n import ngettext
from fava_clienthealth.svg import Link, Mask, Money, Scale
from fava_clienthealth.view import hours as hours_text
from fava_clienthealth.view import names_and_more

#: Bars of single clients at most: those that take the most hours, whose pay
#: matters most against their time. The rest make one bar: a bar per client
#: drew 10,000 px on 400 clients (docs/decisions.md).
BARS = 15


class Others(NamedTuple):
    """The clients left out of the chart, as one bar: their yield over all their hours."""

    clients: int
    hours: Decimal
    yield_per_hour: Decimal


class YieldRows(NamedTuple):
    """What the chart draws: single clients, highest yield first, then the others' bar."""

    clients: list[ClientFigures]
    others: Others | None


def yield_rows(clients: Sequence[ClientFigures]) -> YieldRows:
    """The `BARS` clients with a yield that take the most hours; one bar more for the rest.

    No bar stands for a single client left out: 16 clients draw 16 bars.
    """
    rows = sorted((c for c in clients if c.yield_per_hour is not None), key=most_hours_first)
    if len(rows) <= BARS + 1:
        shown, rest = rows, []
    else:
        shown, rest = rows[:BARS], rows[BARS:]
    shown.sort(key=lambda c: (-(c.yield_per_hour or 0), c.client))
    if not rest:
        return YieldRows(shown, None)
    with decimal.localcontext(EXACT):
        hours = sum((c.hours for c in rest), Decimal(0))
        # Weighted by hours: what the rest earn per hour together, as one client would.
        earned = sum(((c.yield_per_hour or Decimal(0)) * c.hours for c in rest), Decimal(0))
    return YieldRows(shown, Others(len(rest), hours, earned / hours if hours else Decimal(0)))


def others_name(others: Others) -> str:
    """The others' bar's label: `369 other clients`."""
    return ngettext("%(num)s other client", "%(num)s other clients", others.clients)


def yield_bars(
    clients: Sequence[ClientFigures],
    min_rate: Decimal | None,
    money: Money,
    link: Link,
    mask: Mask = str,
    digits: svg.Digits = svg.number,
) -> Markup:
    """A bar per client of yield_rows, highest yield first, the others' last, and min_rate."""
    rows, others = yield_rows(clients)
    row, left, right, top = 26, 170, 470, 24
    count = len(rows) + (others is not None)
    width, bottom = 560, top + row * max(count, 1)
    values = [float(c.yield_per_hour or 0) for c in rows]
    if others is not None:
        values.append(float(others.yield_per_hour))
    low, high = svg.domain(values, include=[0.0] + ([float(min_rate)] if min_rate else []))
    x = Scale((low, high), (left, right))
    parts: list[Markup] = []
    for mark in svg.ticks(low, high):
        parts.append(svg.line(x(mark), top, x(mark), bottom, "ch-grid"))
        tick = mask(digits(mark))
        parts.append(svg.text(x(mark), top - 8, tick, "ch-tick", text_anchor="middle"))
    for index, c in enumerate(rows):
        rate = c.yield_per_hour or Decimal(0)
        bar = Bar(top + index * row, row, left, x, money)
        parts.append(
            svg.link(
                link(c.client),
                bar.shapes(
                    svg.shorten(c.name, 24), rate, below_min_rate(c.yield_per_hour, min_rate), ""
                ),
                _(
                    "%(name)s: %(rate)s per hour over %(hours)s hours",
                    name=c.name,
                    rate=money(rate),
                    hours=hours_text(c.hours),
                ),
            )
        )
    if others is not None:
        parts.append(_others_bar(others, top + len(rows) * row, (row, left), x, (money, min_rate)))
    parts.append(svg.line(x(0), top, x(0), bottom, "ch-zero"))
    if min_rate is not None:
        parts.append(svg.line(x(min_rate), top - 4, x(min_rate), bottom + 4, "ch-threshold"))
        parts.append(
            svg.text(
                x(min_rate),
                bottom + 16,
                _("min rate %(rate)s", rate=money(min_rate)),
                "ch-note",
                text_anchor="middle",
            )
        )
    return svg.svg(width, bottom + 24, _("Yield per hour by client"), parts)


class Bar(NamedTuple):
    """Where one bar of the chart goes: its row's top and height, the labels' edge, the scale."""

    y: float
    row: int
    left: int
    x: Scale
    money: Money

    def shapes(self, label: str, rate: Decimal, below: bool, kind: str) -> list[Markup]:
        """The label on the left, the bar from zero (red below min_rate), its value."""
        y, row, money = self.y, self.row, self.money
        start, end = sorted((self.x(0), self.x(rate)))
        tone = "ch-bad" if below else "ch-good"
        middle = y + row / 2 + 4
        return [
            svg.text(self.left - 8, middle, label, f"ch-label{kind}", text_anchor="end"),
            svg.element(
                "rect",
                x=start,
                y=y + 4.0,
                width=max(end - start, 1.0),
                height=row - 8.0,
                class_=f"ch-bar{kind} {tone}",
            ),
            svg.text(end + 4, middle, money(rate), "ch-value"),
        ]


def _others_bar(
    others: Others,
    y: float,
    box: tuple[int, int],
    x: Scale,
    rate: tuple[Money, Decimal | None],
) -> Markup:
    """The bar of the clients left out, in italics and outlined: not one client, no link."""
    (row, left), (money, min_rate) = box, rate
    tooltip = _(
        "%(name)s: %(rate)s per hour over %(hours)s hours together; the ranking lists each",
        name=others_name(others),
        rate=money(others.yield_per_hour),
        hours=hours_text(others.hours),
    )
    below = below_min_rate(others.yield_per_hour, min_rate)
    bar = Bar(y, row, left, x, money).shapes(
        others_name(others), others.yield_per_hour, below, " ch-others"
    )
    return svg.group([svg.element("title", tooltip), *bar])


def left_out_text(clients: Sequence[ClientFigures]) -> str:
    """What the chart leaves out, for its caption: empty when each client has its bar."""
    others = yield_rows(clients).others
    if others is None:
        return ""
    return ngettext(
        "Bars for the %(shown)s clients that take the most hours; the last bar is the other "
        "%(num)s client together, their yield over all their hours. The ranking lists every "
        "client: sort it by Yield / h.",
        "Bars for the %(shown)s clients that take the most hours; the last bar is the other "
        "%(num)s clients together, their yield over all their hours. The ranking lists every "
        "client: sort it by Yield / h.",
        others.clients,
        shown=BARS,
    )


def yield_text(clients: Sequence[ClientFigures], min_rate: Decimal | None, money: Money) -> str:
    """What "Yield per hour" shows, in words: the highest, the lowest and those below min_rate.

    Over every client with a yield, drawn or not; those below min_rate a few named,
    most hours first, as the plugin's `low-yield-time` names them.
    """
    rows = sorted(
        (c for c in clients if c.yield_per_hour is not None),
        key=lambda c: (-(c.yield_per_hour or 0), c.client),
    )
    if not rows:
        return ""
    best, worst = rows[0], rows[-1]
    text = _("Highest: %(best)s, %(best_rate)s per hour; lowest: %(worst)s, %(worst_rate)s.") % {
        "best": best.name,
        "best_rate": money(best.yield_per_hour or Decimal(0)),
        "worst": worst.name,
        "worst_rate": money(worst.yield_per_hour or Decimal(0)),
    }
    if min_rate is None:
        return text
    below = sorted(
        (c for c in rows if below_min_rate(c.yield_per_hour, min_rate)), key=most_hours_first
    )
    names = names_and_more([c.name for c in below]) if below else _("none")
    below_text = _("Below min_rate: %(names)s.", names=names)
    return f"{text} {below_text}"
