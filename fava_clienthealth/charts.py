"""The tab's charts as inline SVG, drawn from the engine's records: no JavaScript."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from markupsafe import Markup

from beancount_plugins.clienthealth.model import ClientFigures
from beancount_plugins.clienthealth.thresholds import below_min_rate, below_min_score
from fava_clienthealth import svg
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.svg import Scale
from fava_clienthealth.view import aging_amounts
from fava_clienthealth.view import hours as hours_text

Money = Callable[[Decimal], str]
Link = Callable[[str], str]
#: Hides the digits of a money text in Fava's incognito mode (else returns it).
Mask = Callable[[str], str]


def _tone(below_score: bool, below_rate: bool) -> str:
    if below_score and below_rate:
        return "ch-bad"
    return "ch-warn" if below_score or below_rate else "ch-good"


Box = tuple[float, float, float, float]
#: Side of the grid cells that index placed boxes, in px: a label is one or a few.
_CELL = 32.0


class _Labels:
    """Greedy placement of point labels: the first free spot right, left, above or below.

    Taken boxes are indexed by grid cell, so a spot is checked against its
    neighbours only: placing n labels stays linear however many clients there are.
    """

    def __init__(self, bounds: Box) -> None:
        self.bounds = bounds
        self.taken: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        """The grid cells a box covers within the bounds (none for a box outside them)."""
        left, top, right, bottom = self.bounds
        x1, y1 = max(box[0], left), max(box[1], top)
        x2, y2 = min(box[2], right), min(box[3], bottom)
        if not (x1 <= x2 and y1 <= y2):  # outside the bounds, or not a number
            return []
        columns = range(int(x1 // _CELL), int(x2 // _CELL) + 1)
        return [(i, j) for i in columns for j in range(int(y1 // _CELL), int(y2 // _CELL) + 1)]

    def _free(self, box: Box) -> bool:
        left, top, right, bottom = self.bounds
        x1, y1, x2, y2 = box
        if not (left <= x1 and x2 <= right and top <= y1 and y2 <= bottom):  # NaN too
            return False
        return all(
            x2 < a1 or x1 > a2 or y2 < b1 or y1 > b2
            for cell in self._cells(box)
            for a1, b1, a2, b2 in self.taken.get(cell, ())
        )

    def place(
        self, cx: float, cy: float, radius: float, label: str
    ) -> tuple[float, float, str] | None:
        """(x, y, text-anchor) of a label near a point of this radius; None: no room."""
        width, height = 6.4 * len(label), 12.0
        gap = radius + 3
        tries = [(gap, 0.0, "start"), (-gap, 0.0, "end")]
        for step in range(1, 6):
            for shift in (13.0 * step, -13.0 * step):
                tries += [(gap, shift, "start"), (-gap, shift, "end")]
        for dx, dy, anchor in tries:
            x1 = cx + dx if anchor == "start" else cx + dx - width
            box = (x1, cy + dy - height / 2, x1 + width, cy + dy + height / 2)
            if self._free(box):
                self.block(box)
                return cx + dx, cy + dy + 4, anchor
        return None

    def block(self, box: Box) -> None:
        """Keep labels off a spot (another label, a circle)."""
        for cell in self._cells(box):
            self.taken.setdefault(cell, []).append(box)


def worth_keeping(
    clients: Sequence[ClientFigures],
    min_score: Decimal,
    min_rate: Decimal | None,
    currency: str,
    money: Money,
    link: Link,
    mask: Mask = str,
) -> Markup:
    """Payment score across, yield per hour up, size by revenue; act on the bottom-left."""
    width, height, left, right, top, bottom = 560, 360, 64, 548, 20, 316
    points = [c for c in clients if c.payment_score is not None and c.yield_per_hour is not None]
    yields = [float(c.yield_per_hour or 0) for c in points]
    low, high = svg.domain(yields, include=[0.0] + ([float(min_rate)] if min_rate else []))
    x = Scale((0, 100), (left, right))
    y = Scale((low, high), (bottom, top))
    labels = _Labels((left - 40, top - 14, width, bottom + 4))
    parts: list[Markup] = svg.y_axis(y, svg.ticks(low, high), left, right, mask)
    for mark in range(0, 101, 20):
        parts.append(svg.text(x(mark), bottom + 16, str(mark), "ch-tick", text_anchor="middle"))
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


def aging_bar(client: ClientFigures, largest_open: Decimal, money: Money) -> Markup:
    """The client's open amount split by days past due, as long as its share of the largest."""
    width, height = 56, 10
    parts: list[Markup] = [
        svg.element(
            "rect", x=0.0, y=0.0, width=float(width), height=float(height), class_="ch-age-track"
        )
    ]
    x = 0.0
    for index, amount in enumerate(client.aging):
        if amount <= 0 or largest_open <= 0:
            continue
        size = float(amount / largest_open) * width
        parts.append(
            svg.element(
                "rect",
                x=x,
                y=0.0,
                width=max(size, 1.0),
                height=float(height),
                class_=f"ch-age-{index}",
            )
        )
        x += size
    lines = [
        f"{_(label.title)}: {money(amount)}"
        for label, amount in aging_amounts(client.aging)
        if amount
    ]
    tooltip = _("Open by days past due") + "\n" + ("\n".join(lines) if lines else _("nothing open"))
    return svg.inline_bar(width, height, tooltip, parts, "ch-aging")


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
