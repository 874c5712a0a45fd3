"""The tab's "Worth keeping?" chart: payment score against yield per hour, and its words."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup

from beancount_plugins.clienthealth.model import ClientFigures
from beancount_plugins.clienthealth.thresholds import below_min_rate, below_min_score
from fava_clienthealth import svg
from fava_clienthealth.chart_labels import Labels
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.svg import Link, Mask, Money, Scale


def _tone(below_score: bool, below_rate: bool) -> str:
    if below_score and below_rate:
        return "ch-bad"
    return "ch-warn" if below_score or below_rate else "ch-good"


def worth_keeping(
    clients: Sequence[ClientFigures],
    min_score: Decimal,
    min_rate: Decimal | None,
    currency: str,
    money: Money,
    link: Link,
    mask: Mask = str,
    digits: svg.Digits = svg.number,
) -> Markup:
    """Payment score across, yield per hour up, size by revenue; act on the bottom-left."""
    width, height, left, right, top, bottom = 560, 360, 64, 548, 20, 316
    points = [c for c in clients if c.payment_score is not None and c.yield_per_hour is not None]
    yields = [float(c.yield_per_hour or 0) for c in points]
    low, high = svg.domain(yields, include=[0.0] + ([float(min_rate)] if min_rate else []))
    x = Scale((0, 100), (left, right))
    y = Scale((low, high), (bottom, top))
    labels = Labels((left - 40, top - 14, width, bottom + 4))
    parts: list[Markup] = svg.y_axis(
        y, svg.ticks(low, high), left, right, lambda mark: mask(digits(mark))
    )
    for mark in range(0, 101, 20):
        parts.append(svg.text(x(mark), bottom + 16, digits(mark), "ch-tick", text_anchor="middle"))
    act_top = y(min_rate) if min_rate is not None else top
    zone_width, zone_height = x(min_score) - left, bottom - act_top
    parts.append(
        svg.element(
            "rect",
            x=float(left),
            y=act_top,
            width=zone_width,
            height=zone_height,
            class_="ch-act-zone",
        )
    )
    parts.append(svg.text(left + 6, bottom - 6, _("act on these"), "ch-zone-label"))
    labels.block((left, bottom - 18, left + 80, bottom))
    parts.append(svg.line(x(min_score), top, x(min_score), bottom, "ch-threshold"))
    score_label = _("min score %(score)s", score=min_score)
    parts.append(svg.text(x(min_score) + 4, top + 4, score_label, "ch-note"))
    labels.block((x(min_score), top - 8, x(min_score) + 6.4 * len(score_label), top + 6))
    if min_rate is not None:
        rate_label = _("min rate %(rate)s", rate=money(min_rate))
        parts.append(svg.line(left, y(min_rate), right, y(min_rate), "ch-threshold"))
        parts.append(svg.text(left + 4, y(min_rate) - 5, rate_label, "ch-note"))
        labels.block((left, y(min_rate) - 16, left + 6.4 * len(rate_label), y(min_rate)))
    middle = (top + bottom) / 2
    parts.append(
        svg.text(
            (left + right) / 2, height - 8, _("payment score →"), "ch-axis", text_anchor="middle"
        )
    )
    parts.append(
        svg.text(
            16,
            middle,
            _("yield per hour (%(currency)s) →", currency=currency),
            "ch-axis",
            text_anchor="middle",
            transform=f"rotate(-90 16 {middle:.0f})",
        )
    )
    largest = max((c.invoiced for c in points), default=Decimal(0))
    placed = []
    for c in sorted(points, key=lambda c: (-c.invoiced, c.client)):
        score, rate = c.payment_score or 0, c.yield_per_hour or Decimal(0)
        # A negative price can make a client's invoiced amount negative.
        share = max(0.0, float(c.invoiced / largest)) if largest > 0 else 0.0
        radius = 3.5 + 10 * math.sqrt(share)
        cx, cy = x(score), y(rate)
        labels.block((cx - radius, cy - radius, cx + radius, cy + radius))
        placed.append((c, score, rate, radius, cx, cy))
    for c, score, rate, radius, cx, cy in placed:
        name = svg.shorten(c.name, 22)
        spot = labels.place(cx, cy, radius, name)
        tone = _tone(
            below_min_score(c.payment_score, min_score),
            below_min_rate(c.yield_per_hour, min_rate),
        )
        tooltip = _(
            "%(name)s: payment score %(score)s, %(rate)s per hour, invoiced %(invoiced)s",
            name=c.name,
            score=score,
            rate=money(rate),
            invoiced=money(c.invoiced),
        )
        circle = svg.element("circle", cx=cx, cy=cy, r=radius, class_=f"ch-point {tone}")
        # A label with no room is left out: the point's tooltip and the table name it.
        shapes = [circle]
        if spot is not None:
            lx, ly, anchor = spot
            if abs(ly - 4 - cy) > 6:
                # A label moved off its point's line gets a leader back to the point.
                shapes.insert(0, svg.line(cx, cy, lx, ly - 4, "ch-leader"))
            shapes.append(svg.text(lx, ly, name, "ch-label", text_anchor=anchor))
        parts.append(svg.link(link(c.client), shapes, tooltip))
    title = _("Worth keeping? Payment score against yield per hour")
    return svg.svg(width, height, title, parts)


def worth_text(
    clients: Sequence[ClientFigures], min_score: Decimal, min_rate: Decimal | None
) -> str:
    """What "Worth keeping?" shows, in words: the clients to act on first."""
    drawn = [c for c in clients if c.payment_score is not None and c.yield_per_hour is not None]
    # The zone to act on: below the score, and below the rate when there is one.
    act = [
        c.name
        for c in drawn
        if below_min_score(c.payment_score, min_score)
        and (min_rate is None or below_min_rate(c.yield_per_hour, min_rate))
    ]
    if not act:
        return _("%(drawn)s of %(all)s clients drawn; none is in the zone to act on.") % {
            "drawn": len(drawn),
            "all": len(clients),
        }
    return _("%(drawn)s of %(all)s clients drawn; act on these first: %(names)s.") % {
        "drawn": len(drawn),
        "all": len(clients),
        "names": ", ".join(act),
    }
