"""A client page's charts as inline SVG: days to pay and hours, each over time."""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from beancount_plugins.clienthealth.model import Invoice, ProjectFigures, Work, add_days
from fava_clienthealth import svg
from fava_clienthealth.i18n import N_, ngettext
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.svg import Scale
from fava_clienthealth.view import hours as hours_text

WIDTH = 560


def months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month from start's to end's."""
    # Counted by relativedelta, stepped by index: rrule(MONTHLY) is ten times
    # slower, which shows on a ledger whose hours span centuries.
    base = start.year * 12 + start.month - 1
    steps = (divmod(base + i, 12) for i in range(_months_between(start, end) + 1))
    return [datetime.date(year, month + 1, 1) for year, month in steps]


def _legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> list[Markup]:
    parts = []
    for kind, label in items:
        parts.append(svg.element("rect", x=x, y=y - 9, width=10.0, height=10.0, class_=kind))
        parts.append(svg.text(x + 14, y, label, "ch-note"))
        x += 24 + 6.5 * len(label)
    return parts


def days_to_pay(invoices: Sequence[Invoice], as_of: datetime.date) -> Markup:
    """Each invoice at its date: days to pay once paid, days since invoiced while open.

    An invoice settled with nothing paid (credited, written off) shows the days
    until then, in grey.
    """
    height, left, right, top, bottom = 260, 48, 540, 16, 204
    points = []
    for inv in sorted(invoices, key=lambda inv: (inv.date, inv.invoice)):
        if inv.days_to_pay is not None:
            points.append((inv, inv.days_to_pay, "ch-paid"))
        elif inv.settled_on is not None:
            points.append((inv, (inv.settled_on - inv.date).days, "ch-written"))
        else:
            points.append((inv, (as_of - inv.date).days, "ch-open"))
    terms = Counter((inv.due - inv.date).days for inv in invoices).most_common(1)
    first = min((inv.date for inv, _, _ in points), default=as_of)
    last = max(as_of, add_days(first, 1))
    low, high = svg.domain(
        [float(days) for _, days, _ in points], include=[0.0] + [float(t) for t, _ in terms]
    )
    x = Scale((first.toordinal(), last.toordinal()), (left + 8, right - 8))
    y = Scale((low, high), (bottom, top))
    parts = svg.y_axis(y, svg.ticks(low, high), left, right)
    parts.append(
        svg.text(
            12,
            (top + bottom) / 2,
            _("days"),
            "ch-axis",
            text_anchor="middle",
            transform=f"rotate(-90 12 {(top + bottom) / 2:.0f})",
        )
    )
    labels = [month for month in months(first, last) if month >= first] or [first]
    for month in labels[:: max(1, math.ceil(len(labels) / 6))]:
        day = month.toordinal()
        parts.append(
            svg.text(x(day), bottom + 16, f"{month:%Y-%m}", "ch-tick", text_anchor="middle")
        )
    if terms:
        level = y(terms[0][0])
        parts.append(svg.line(left, level, right, level, "ch-threshold"))
        parts.append(
            svg.text(left + 4, level - 5, _("terms: %(days)s days", days=terms[0][0]), "ch-note")
        )
    paid = [(x(inv.date.toordinal()), y(d)) for inv, d, kind in points if kind == "ch-paid"]
    if len(paid) > 1:
        path = " ".join(f"{svg.number(px)},{svg.number(py)}" for px, py in paid)
        parts.append(svg.element("polyline", points=path, class_="ch-trend"))
    states = {
        "ch-paid": _("%(invoice)s of %(date)s: paid after %(days)s days"),
        "ch-open": _("%(invoice)s of %(date)s: open for %(days)s days"),
        "ch-written": _("%(invoice)s of %(date)s: settled unpaid after %(days)s days"),
    }
    for inv, value, kind in points:
        dot = svg.element(
            "circle", cx=x(inv.date.toordinal()), cy=y(value), r=4.5, class_=f"ch-dot {kind}"
        )
        text = states[kind] % {"invoice": inv.invoice, "date": inv.date, "days": value}
        tooltip = svg.element("title", text)
        parts.append(svg.group([tooltip, dot]))
    legend = {"ch-paid": _("paid: days to pay"), "ch-open": _("open: days so far")}
    legend["ch-written"] = _("settled with nothing paid")
    present = {kind for _, _, kind in points}
    parts += _legend(left, height - 8, [(k, label) for k, label in legend.items() if k in present])
    return svg.svg(WIDTH, height, _("Days to pay over time"), parts)


#: Empty months a chart draws at most before the first work and after the last.
_SPAN = 24


def _months_between(early: datetime.date, late: datetime.date) -> int:
    """Calendar months from early's month to late's."""
    span = relativedelta(late.replace(day=1), early.replace(day=1))
    return span.years * 12 + span.months


class MonthHours(NamedTuple):
    """A month's hours, split so that the parts add up: each hour counts in one part.

    Rework first, then meetings (a meeting to redo work is rework), then the
    rest, billed or unbilled (docs/decisions.md).
    """

    month: datetime.date
    billed: Decimal
    unbilled: Decimal
    rework: Decimal = Decimal(0)
    meeting: Decimal = Decimal(0)


#: The parts of MonthHours in stacking order: (field, CSS class, legend label).
HOUR_PARTS = (
    ("billed", "ch-billed", N_("billed")),
    ("unbilled", "ch-unbilled", N_("unbilled")),
    ("rework", "ch-rework", N_("rework")),
    ("meeting", "ch-meeting", N_("meetings")),
)


def _part(work: Work) -> str:
    if work.rework:
        return "rework"
    if work.meeting:
        return "meeting"
    return "billed" if work.billed else "unbilled"


def hours_by_month(
    work: Iterable[Work],
    start: datetime.date | None,
    as_of: datetime.date,
) -> list[MonthHours]:
    """Hours per month of the window, by part, from its start or its first work."""
    sums: dict[datetime.date, dict[str, Decimal]] = {}
    for piece in work:
        date = piece.date
        if (start is None or date >= start) and date <= as_of:
            parts = sums.setdefault(date.replace(day=1), {})
            part = _part(piece)
            parts[part] = parts.get(part, Decimal(0)) + piece.hours
    dated = list(sums)
    if not dated:
        return []
    first, last = min(dated), max(dated)
    # Up to two years around the work are drawn whole, so that months without
    # work show; beyond that (a filter from 1900, an as_of in 9999) the chart
    # starts or ends at a worked month.
    if start is not None and _months_between(start, first) < _SPAN:
        first = start
    if _months_between(last, as_of) < _SPAN:
        last = as_of
    zero = Decimal(0)
    return [
        MonthHours(m, *(sums.get(m, {}).get(name, zero) for name, _kind, _label in HOUR_PARTS))
        for m in months(first, last)
    ]


def hours_over_time(rows: Sequence[MonthHours]) -> Markup:
    """Billed, unbilled, rework and meeting hours per month, stacked."""
    height, left, right, top, bottom = 240, 48, 540, 16, 190
    totals = [float(row.billed + row.unbilled + row.rework + row.meeting) for row in rows]
    low, high = svg.domain(totals)
    y = Scale((low, high), (bottom, top))
    slot = (right - left) / max(len(rows), 1)
    parts = svg.y_axis(y, svg.ticks(low, high), left, right)
    parts.append(
        svg.text(
            12,
            (top + bottom) / 2,
            _("hours"),
            "ch-axis",
            text_anchor="middle",
            transform=f"rotate(-90 12 {(top + bottom) / 2:.0f})",
        )
    )
    every = max(1, math.ceil(len(rows) / 8))
    present: set[str] = set()
    for index, row in enumerate(rows):
        x = left + index * slot + slot * 0.15
        bar = slot * 0.7
        stack = []
        base = Decimal(0)
        for name, kind, _label in HOUR_PARTS:
            value: Decimal = getattr(row, name)
            if value > 0:
                present.add(kind)
                y_top = y(base + value)
                stack.append(
                    svg.element(
                        "rect", x=x, y=y_top, width=bar, height=y(base) - y_top, class_=kind
                    )
                )
                base += value
        tooltip = _(
            "%(month)s: %(billed)s billed, %(unbilled)s unbilled, %(rework)s rework, "
            "%(meeting)s meeting hours",
            month=row.month.strftime("%Y-%m"),
            billed=hours_text(row.billed),
            unbilled=hours_text(row.unbilled),
            rework=hours_text(row.rework),
            meeting=hours_text(row.meeting),
        )
        parts.append(svg.group([svg.element("title", tooltip), *stack]))
        if index % every == 0:
            parts.append(
                svg.text(
                    x + bar / 2, bottom + 16, f"{row.month:%Y-%m}", "ch-tick", text_anchor="middle"
                )
            )
    # Billed and unbilled always: the chart's first question; rework and meetings when any.
    shown = [
        (kind, _(label))
        for name, kind, label in HOUR_PARTS
        if name in ("billed", "unbilled") or kind in present
    ]
    parts += _legend(left, height - 8, shown)
    return svg.svg(WIDTH, height, _("Hours per month: billed, unbilled, rework, meetings"), parts)


#: The burn bar's scale ends at this many budgets: a 10x overrun does not squash the budget.
_BURN_SCALE = 2.0


def burn_bar(project: ProjectFigures) -> Markup:
    """Hours against the budget: the budget's mark, and the overrun past it in its own class."""
    width, height = 96, 10
    if project.burn is None:
        return Markup("")
    burn = min(float(project.burn), _BURN_SCALE)
    budget_x = width / _BURN_SCALE
    used = burn / _BURN_SCALE * width
    parts = [
        svg.element(
            "rect", x=0.0, y=0.0, width=float(width), height=float(height), class_="ch-burn-track"
        ),
        svg.element(
            "rect",
            x=0.0,
            y=0.0,
            width=min(used, budget_x),
            height=float(height),
            class_="ch-burn-used",
        ),
    ]
    if used > budget_x:
        parts.append(
            svg.element(
                "rect",
                x=budget_x,
                y=0.0,
                width=used - budget_x,
                height=float(height),
                class_="ch-burn-over",
            )
        )
    parts.append(svg.line(budget_x, 0, budget_x, height, "ch-burn-budget"))
    budget = project.budget_hours or Decimal(0)
    tooltip = _(
        "%(hours)s of %(budget)s budgeted hours (%(burn)s%%)",
        hours=hours_text(project.hours),
        budget=hours_text(budget),
        burn=round(float(project.burn) * 100),
    )
    return svg.inline_bar(width, height, tooltip, parts, "ch-burn")


def days_text(invoices: Sequence[Invoice]) -> str:
    """What "Days to pay" shows, in words: how many invoices are paid, and how fast."""
    paid = [inv.days_to_pay for inv in invoices if inv.days_to_pay is not None]
    open_count = sum(1 for inv in invoices if inv.settled_on is None)
    count = ngettext("%(num)s invoice", "%(num)s invoices", len(invoices))
    if not paid:
        return _("%(invoices)s, none paid yet; %(open)s open.", invoices=count, open=open_count)
    return _(
        "%(invoices)s: paid in %(low)s to %(high)s days; %(open)s open.",
        invoices=count,
        low=min(paid),
        high=max(paid),
        open=open_count,
    )


def hours_text_summary(rows: Sequence[MonthHours]) -> str:
    """What "Hours per month" shows, in words: the totals of each part it draws."""
    billed = sum((row.billed for row in rows), Decimal(0))
    unbilled = sum((row.unbilled for row in rows), Decimal(0))
    rework = sum((row.rework for row in rows), Decimal(0))
    meeting = sum((row.meeting for row in rows), Decimal(0))
    text = _(
        "%(months)s: %(billed)s hours billed, %(unbilled)s unbilled.",
        months=ngettext("%(num)s month", "%(num)s months", len(rows)),
        billed=hours_text(billed),
        unbilled=hours_text(unbilled),
    )
    # Rework and meetings only when the chart draws them, as its legend does.
    if rework or meeting:
        text += " " + _(
            "Besides, %(rework)s hours of rework and %(meeting)s in meetings.",
            rework=hours_text(rework),
            meeting=hours_text(meeting),
        )
    return text
