"""The cash-in forecast as inline SVG: late money apart, then one bar per week."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from beancount_plugins.clienthealth.forecast import Forecast
from fava_clienthealth import svg
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.svg import Mask, Money, Scale


def _bar(x: float, width: float, y: Scale, low: Decimal, high: Decimal, class_: str) -> Markup:
    top, bottom = y(high), y(low)
    return svg.element(
        "rect", x=x, y=top, width=width, height=max(bottom - top, 0.0), class_=class_
    )


def forecast_bars(
    forecast: Forecast, money: Money, mask: Mask = str, digits: svg.Digits = svg.number
) -> Markup:
    """The money expected before A apart, then a bar per week: not yet due below, past due on top.

    Money expected before A is later than its client's habit already.
    """
    left, top, slot, bottom = 64, 16, 34, 176
    count = len(forecast.weeks) + 1
    right = left + slot * (count + 1)
    width, height = right + 8, bottom + 40
    totals = [forecast.late, *(w.current + w.overdue for w in forecast.weeks)]
    low, high = svg.domain([float(t) for t in totals])
    y = Scale((low, high), (bottom, top))
    parts: list[Markup] = svg.y_axis(
        y, svg.ticks(low, high), left, right, lambda mark: mask(digits(mark))
    )
    zero = Decimal(0)
    bar = slot - 8.0
    # The late bar, then a slot of gap, then the weeks.
    x = float(left + 4)
    parts.append(
        svg.link(
            "#ch-chase",
            [
                _bar(x, bar, y, zero, forecast.late, "ch-bar ch-fc-late"),
                svg.text(x + bar / 2, bottom + 14, _("late"), "ch-tick", text_anchor="middle"),
            ],
            _(
                "Expected before today, later than the client's habit: %(amount)s",
                amount=money(forecast.late),
            ),
        )
    )
    for index, week in enumerate(forecast.weeks):
        x = float(left + slot * (index + 2) + 4)
        label = week.start.strftime("%d.%m")
        parts.append(
            svg.group(
                [
                    svg.element(
                        "title",
                        _(
                            "Week of %(date)s: %(current)s not yet due, %(overdue)s past due",
                            date=week.start.isoformat(),
                            current=money(week.current),
                            overdue=money(week.overdue),
                        ),
                    ),
                    _bar(x, bar, y, zero, week.current, "ch-bar ch-fc-current"),
                    _bar(x, bar, y, week.current, week.current + week.overdue, "ch-bar ch-fc-over"),
                    svg.text(x + bar / 2, bottom + 14, label, "ch-date", text_anchor="middle"),
                ],
            )
        )
    parts.append(svg.line(left, y(0), right, y(0), "ch-zero"))
    if forecast.later:
        parts.append(
            svg.text(
                right,
                bottom + 32,
                _("later: %(amount)s", amount=money(forecast.later)),
                "ch-note",
                text_anchor="end",
            )
        )
    return svg.svg(width, height, _("Open money by the week it is expected"), parts)


def forecast_text(forecast: Forecast, money: Money) -> str:
    """What the forecast shows, in words: late, the weeks' sum and the largest week, later."""
    totals = [(week.current + week.overdue, week.start) for week in forecast.weeks]
    totals = [(total, start) for total, start in totals if total > 0]
    amounts = {"late": money(forecast.late), "later": money(forecast.later)}
    if not totals:
        return _("Expected late: %(late)s; nothing in the next weeks; later: %(later)s.", **amounts)
    most, start = max(totals, key=lambda pair: pair[0])  # the first week of the largest total
    return _(
        "Expected late: %(late)s; in the next weeks: %(weeks)s, most in the week of "
        "%(date)s (%(most)s); later: %(later)s.",
        weeks=money(sum((total for total, _start in totals), Decimal(0))),
        date=start.isoformat(),
        most=money(most),
        **amounts,
    )
