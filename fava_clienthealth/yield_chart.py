"""The tab's "Yield per hour" chart: a bar per client against min_rate, and its words."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup

from beancount_plugins.clienthealth.model import ClientFigures
from beancount_plugins.clienthealth.thresholds import below_min_rate
from fava_clienthealth import svg
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.svg import Link, Mask, Money, Scale
from fava_clienthealth.view import hours as hours_text


def yield_bars(
    clients: Sequence[ClientFigures],
    min_rate: Decimal | None,
    money: Money,
    link: Link,
    mask: Mask = str,
) -> Markup:
    """One bar per client with hours, highest yield first, with the min_rate line."""
    rows = sorted(
        (c for c in clients if c.yield_per_hour is not None),
        key=lambda c: (-(c.yield_per_hour or 0), c.client),
    )
    row, left, right, top = 26, 170, 470, 24
    width, bottom = 560, top + row * max(len(rows), 1)
    values = [float(c.yield_per_hour or 0) for c in rows]
    low, high = svg.domain(values, include=[0.0] + ([float(min_rate)] if min_rate else []))
    x = Scale((low, high), (left, right))
    parts: list[Markup] = []
    for mark in svg.ticks(low, high):
        parts.append(svg.line(x(mark), top, x(mark), bottom, "ch-grid"))
        tick = mask(svg.number(mark))
        parts.append(svg.text(x(mark), top - 8, tick, "ch-tick", text_anchor="middle"))
    for index, c in enumerate(rows):
        rate = c.yield_per_hour or Decimal(0)
        y = top + index * row
        start, end = sorted((x(0), x(rate)))
        tone = "ch-bad" if below_min_rate(c.yield_per_hour, min_rate) else "ch-good"
        parts.append(
            svg.link(
                link(c.client),
                [
                    svg.text(
                        left - 8,
                        y + row / 2 + 4,
                        svg.shorten(c.name, 24),
                        "ch-label",
                        text_anchor="end",
                    ),
                    svg.element(
                        "rect",
                        x=start,
                        y=y + 4.0,
                        width=max(end - start, 1.0),
                        height=row - 8.0,
                        class_=f"ch-bar {tone}",
                    ),
                    svg.text(end + 4, y + row / 2 + 4, money(rate), "ch-value"),
                ],
                _(
                    "%(name)s: %(rate)s per hour over %(hours)s hours",
                    name=c.name,
                    rate=money(rate),
                    hours=hours_text(c.hours),
                ),
            )
        )
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


def yield_text(clients: Sequence[ClientFigures], min_rate: Decimal | None, money: Money) -> str:
    """What "Yield per hour" shows, in words: the highest, the lowest and those below min_rate."""
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
    below = [c.name for c in rows if below_min_rate(c.yield_per_hour, min_rate)]
    names = ", ".join(below) if below else _("none")
    below_text = _("Below min_rate: %(names)s.", names=names)
    return f"{text} {below_text}"
