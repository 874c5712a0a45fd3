"""A client page's "Days to pay" chart: each invoice at its date, and its words."""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Sequence

from markupsafe import Markup

from beancount_plugins.clienthealth.model import Invoice, add_days
from fava_clienthealth import svg
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.i18n import ngettext
from fava_clienthealth.month_hours import months
from fava_clienthealth.svg import Scale


def days_to_pay(
    invoices: Sequence[Invoice], as_of: datetime.date, digits: svg.Digits = svg.number
) -> Markup:
    """Each invoice at its date: days to pay once paid, days since invoiced while open.

    An invoice settled with nothing paid (credited, written off) shows the days
    until then, in grey.
    """
    width, height, left, right, top, bottom = 560, 260, 48, 540, 16, 204
    points = []
    for inv in sorted(invoices, key=lambda inv: (inv.date, inv.invoice_id)):
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
    parts = svg.y_axis(y, svg.ticks(low, high), left, right, digits)
    parts.append(svg.y_title(_("days"), top, bottom))
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
        text = states[kind] % {"invoice": inv.invoice_id, "date": inv.date, "days": value}
        tooltip = svg.element("title", text)
        parts.append(svg.group([tooltip, dot]))
    legend = {"ch-paid": _("paid: days to pay"), "ch-open": _("open: days so far")}
    legend["ch-written"] = _("settled with nothing paid")
    present = {kind for _, _, kind in points}
    shown = [(kind, label) for kind, label in legend.items() if kind in present]
    parts += svg.legend(left, height - 8, shown)
    return svg.svg(width, height, _("Days to pay over time"), parts)


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
