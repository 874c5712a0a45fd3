"""The small bars inside table cells: a client's open money by age, a project's burn."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from markupsafe import Markup

from beancount_plugins.clienthealth.model import ClientFigures, ProjectFigures
from fava_clienthealth import svg
from fava_clienthealth.badges import AGING_LABELS
from fava_clienthealth.i18n import gettext as _
from fava_clienthealth.svg import Money
from fava_clienthealth.view import hours as hours_text


class AgingWords(NamedTuple):
    """The aging bar's tooltip words in the page's language, translated once per page."""

    titles: tuple[str, ...]
    heading: str
    nothing: str


def aging_words() -> AgingWords:
    """The aging bar's words in the page's language."""
    titles = tuple(_(label.title) for label in AGING_LABELS)
    return AgingWords(titles, _("Open by days past due"), _("nothing open"))


def aging_bar(
    client: ClientFigures, largest_open: Decimal, money: Money, words: AgingWords | None = None
) -> Markup:
    """The client's open amount split by days past due, as long as its share of the largest."""
    words = words or aging_words()
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
        f"{title}: {money(amount)}"
        for title, amount in zip(words.titles, client.aging, strict=True)
        if amount
    ]
    tooltip = words.heading + "\n" + ("\n".join(lines) if lines else words.nothing)
    return svg.inline_bar(width, height, tooltip, parts, "ch-aging")


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
