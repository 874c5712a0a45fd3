"""The tab's words for warning kinds, invoice statuses and aging buckets, marked once."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from beancount_plugins.clienthealth.model import Aging
from fava_clienthealth.i18n import N_
from fava_clienthealth.i18n import gettext as _


class SignalWords(NamedTuple):
    """A warning kind's badge: its label, what to do about it, and how urgent it looks.

    The tone is cash at risk now (`bad`), a pattern to fix (`warn`), or a note (`info`).
    """

    label: str
    advice: str
    tone: str
    #: About how the client pays: written-off money changes the advice (WRITTEN_OFF_ADVICE).
    payment: bool = False


#: Per warning kind: the badge's words (English: the catalog's keys) and its tone.
SIGNALS: dict[str, SignalWords] = {
    "overdue": SignalWords(
        N_("overdue"), N_("Money is past due: send a reminder, then call."), "bad", payment=True
    ),
    "dispute": SignalWords(
        N_("dispute"), N_("An invoice is disputed: settle the dispute before it ages."), "bad"
    ),
    "slow-payer": SignalWords(
        N_("slow payer"),
        N_("Pays late: ask for a deposit, shorter terms or milestones."),
        "warn",
        payment=True,
    ),
    "low-yield": SignalWords(
        N_("low yield"),
        N_("Earns less per hour than min_rate: raise the rate or cut scope."),
        "warn",
    ),
    "unbilled": SignalWords(
        N_("unbilled hours"),
        N_("Many hours are not billed: bill them or stop giving them."),
        "warn",
    ),
    "concentration": SignalWords(
        N_("concentration"), N_("Too much revenue from one client: find others."), "info"
    ),
    "bottom": SignalWords(
        N_("bottom yield"),
        N_("Among the clients that yield least per hour: renegotiate or let go."),
        "info",
    ),
    "rework": SignalWords(
        N_("rework"),
        N_("Much time goes into redoing work: have decisions signed off, bill changes."),
        "warn",
    ),
    "free-work": SignalWords(
        N_("free work"),
        N_("Many hours before the first invoice: ask for a contract or a paid discovery phase."),
        "info",
    ),
    "over-budget": SignalWords(
        N_("over budget"),
        N_("A fixed-fee project ran past its budget: agree a change request or a new budget."),
        "warn",
    ),
    "low-yield-time": SignalWords(
        N_("low-yield time"),
        N_("Clients below min_rate take too much of your time: raise their rates or cap it."),
        "warn",
    ),
}


class StatusWords(NamedTuple):
    """An invoice status's badge: its label (English: the catalog's key) and its tone."""

    label: str
    tone: str


#: Each of model.STATUSES as the badge shows it (the JSON keeps the SPEC's words).
STATUSES: dict[str, StatusWords] = {
    "open": StatusWords(N_("open"), "info"),
    "paid": StatusWords(N_("paid"), "good"),
    "overdue": StatusWords(N_("overdue"), "bad"),
    "disputed": StatusWords(N_("disputed"), "bad"),
    "written-off": StatusWords(N_("written off"), "warn"),
}


class AgingLabel(NamedTuple):
    """The tab's words for one aging bucket (English: the catalog's keys)."""

    #: Its row of "Open by days past due" on a client's page.
    row: str
    #: Its column of the aged receivables, and its line of an aging bar's tooltip.
    title: str
    #: Its entry in the legend of the ranking's aging bars.
    legend: str


#: The words of each bucket of model.AGING_BUCKETS, in its order: marked here once.
AGING_LABELS = (
    AgingLabel(N_("Not due"), N_("not due"), N_("not due")),
    AgingLabel(N_("1\N{EN DASH}30"), N_("1\N{EN DASH}30 days"), N_("1\N{EN DASH}30")),
    AgingLabel(N_("31\N{EN DASH}60"), N_("31\N{EN DASH}60 days"), N_("31\N{EN DASH}60")),
    AgingLabel(N_("61\N{EN DASH}90"), N_("61\N{EN DASH}90 days"), N_("61\N{EN DASH}90")),
    AgingLabel(N_("91+"), N_("91+ days"), N_("91+ days past due")),
)


#: The advice of a payment signal of a client whose money was written off.
WRITTEN_OFF_ADVICE = N_(
    "Money of this client was written off: stop work, or ask for payment in advance."
)


def badge(kind: str, written_off: Decimal = Decimal(0)) -> tuple[str, str]:
    """The label and the advice of a warning kind, in the page's language.

    The payment badges of a client whose money was written off say to stop
    work or ask for payment in advance.
    """
    words = SIGNALS.get(kind)
    label, advice = (words.label, words.advice) if words is not None else (kind, "")
    if written_off > 0 and words is not None and words.payment:
        advice = WRITTEN_OFF_ADVICE
    return _(label), _(advice) if advice else ""


def aging_amounts(aging: Aging) -> list[tuple[AgingLabel, Decimal]]:
    """Each aging bucket's words and its amount, in the buckets' order."""
    return list(zip(AGING_LABELS, aging, strict=True))


def status(value: str) -> str:
    """An invoice status in the page's language."""
    words = STATUSES.get(value)
    return _(words.label) if words is not None else value


def tone(kind: str) -> str:
    """How urgent a warning kind looks: cash at risk now, a pattern to fix, or a note."""
    words = SIGNALS.get(kind)
    return words.tone if words is not None else "info"


def status_tone(status: str) -> str:
    """The badge tone of an invoice status."""
    words = STATUSES.get(status)
    return words.tone if words is not None else "info"
