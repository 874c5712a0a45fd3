"""Each signal's threshold test, defined once: the engine's signals and the tab's marks call it."""

from __future__ import annotations

from decimal import Decimal

from beancount.core.amount import Amount

from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.model import ClientFigures, ProjectFigures

#: A share of a client's hours (unbilled, rework) is judged from this many hours on.
MIN_HOURS = 8


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
