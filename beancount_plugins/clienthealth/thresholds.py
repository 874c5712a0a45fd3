"""Each signal's threshold test, defined once: the engine's signals and the tab's marks call it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from beancount.core.amount import Amount

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.model import ClientFigures, ProjectFigures

#: A share of a client's hours (unbilled, rework) is judged from this many hours on.
MIN_HOURS = 8

#: How many clients a list of them in words names, then "and N more": the
#: `low-yield-time` message named all 230 of a 500-client ledger, 8 KB in one
#: bean-check line. The plugin, the command line and the tab name this many.
NAMED_CLIENTS = 5

_T = TypeVar("_T")


def min_rate_number(min_rate: Amount | None) -> Decimal | None:
    """The number rates are compared with: `min_rate` as compared (Report.min_rate), or None."""
    return None if min_rate is None else min_rate.number


def below_min_score(score: Decimal | int | None, min_score: Decimal) -> bool:
    """`slow-payer`: a payment score below `min_payment_score`; no score is not below."""
    return score is not None and score < min_score


def below_min_rate(rate: Decimal | None, min_rate: Decimal | None) -> bool:
    """`low-yield`: a yield (or a project's effective rate) below `min_rate`; none is not."""
    return rate is not None and min_rate is not None and rate < min_rate


def unbilled_above(c: ClientFigures, config: Config) -> bool:
    """`unbilled`: an unbilled share above `max_unbilled_share`, with at least 8 hours."""
    share = c.unbilled_share
    return share is not None and c.hours >= MIN_HOURS and share > config.max_unbilled_share


def revenue_share_above(c: ClientFigures, config: Config) -> bool:
    """`concentration`: a share of the invoiced revenue above `max_revenue_share`."""
    return c.revenue_share is not None and c.revenue_share > config.max_revenue_share


def rework_above(c: ClientFigures, config: Config) -> bool:
    """`rework` (SPEC 12): a rework share above `max_rework_share`, with at least 8 hours."""
    share = c.rework_share
    return share is not None and c.hours >= MIN_HOURS and share > config.max_rework_share


def presale_above(c: ClientFigures, config: Config) -> bool:
    """`free-work` (SPEC 12): more hours before the first invoice than `max_presale_hours`."""
    return c.presale_hours > config.max_presale_hours


def over_budget(project: ProjectFigures, config: Config) -> bool:
    """`over-budget` (SPEC 13): hours above budget_hours x (1 + max_overrun_share)."""
    budget = project.budget_hours
    return budget is not None and project.hours > budget * (1 + config.max_overrun_share)


def low_yield_time_above(share: Decimal | None, config: Config) -> bool:
    """`low-yield-time` (SPEC 14): the low-yield clients' share of the hours above the limit."""
    return share is not None and share > config.max_low_yield_time_share


def most_hours_first(c: ClientFigures) -> tuple[Decimal, str, str]:
    """Sort key of a list that names a few clients: the most hours first, ties by name (then id)."""
    return (-c.hours, c.name, c.client)


def named_first(items: Sequence[_T]) -> tuple[Sequence[_T], int]:
    """The first `NAMED_CLIENTS` items, to name, and how many more there are, to count."""
    return items[:NAMED_CLIENTS], max(len(items) - NAMED_CLIENTS, 0)


def _more_in_english(more: int) -> str:
    return f"and {more} more"


def and_more(names: Sequence[str], more_words: Callable[[int], str] = _more_in_english) -> str:
    """The first names joined, then the rest counted: `a, b, c, d, e and 225 more`.

    `more_words` says "and 225 more" in the page's language (the tab's catalog).
    """
    shown, more = named_first(names)
    joined = ", ".join(shown)
    return f"{joined} {more_words(more)}" if more else joined
