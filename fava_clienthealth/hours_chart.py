"""A client page's "Hours per month" chart: its parts stacked per month, and its words."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup

from fava_clienthealth import svg
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.i18n import ngettext
from fava_clienthealth.month_hours import HOUR_PARTS, MonthHours
from fava_clienthealth.svg import Scale
from fava_clienthealth.view import hours as hours_text


def hours_over_time(rows: Sequence[MonthHours], digits: svg.Digits = svg.number) -> Markup:
    """Billed, unbilled, rework and meeting hours per month, stacked."""
    width, height, left, right, top, bottom = 560, 240, 48, 540, 16, 190
    totals = [float(row.billed + row.unbilled + row.rework + row.meeting) for row in rows]
    low, high = svg.domain(totals)
    y = Scale((low, high), (bottom, top))
    slot = (right - left) / max(len(rows), 1)
    parts = svg.y_axis(y, svg.ticks(low, high), left, right, digits)
    parts.append(svg.y_title(_("hours"), top, bottom))
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
    parts += svg.legend(left, height - 8, shown)
    return svg.svg(width, height, _("Hours per month: billed, unbilled, rework, meetings"), parts)


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
