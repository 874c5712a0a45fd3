"""Table cells the tab writes hundreds of times: Python, as a Jinja macro call costs more."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from markupsafe import Markup

from fava_clienthealth import badges
from fava_clienthealth.svg import escaped
from fava_clienthealth.view import sort_value

# f-strings with svg.escaped(), not Markup's `%`: it wraps every argument in a helper
# object, and a page of 500 clients writes some 5,000 of these cells.


def sort_key(value: Decimal | int | None, masked: bool) -> Markup:
    """A money figure's ` data-sort-value`; none in incognito mode, where it shows the amount."""
    if masked:
        return Markup("")
    return Markup(f' data-sort-value="{escaped(sort_value(value))}"')  # noqa: S704


def number_cell(value: Decimal | int | None, text: object, extra: str = "") -> Markup:
    """A figure's cell: its text, sorted by its value, dimmed when it is zero or missing."""
    dim = "" if value else " ch-dim"
    return Markup(  # noqa: S704 - every part is escaped
        f'<td class="num{dim}{escaped(extra)}" data-sort-value="{escaped(sort_value(value))}">'
        f"{escaped(text)}</td>"
    )


def money_cell(value: Decimal, text: str, masked: bool) -> Markup:
    """An amount's cell: Fava's text of it, dimmed when zero, sorted by it unless masked."""
    dim = "" if value else " ch-dim"
    return Markup(f'<td class="num{dim}"{sort_key(value, masked)}>{escaped(text)}</td>')  # noqa: S704


def signal_badges(kinds: Iterable[str], written_off: Decimal | int = 0) -> Markup:
    """Each signal's badge, which opens to its advice: by click, Tab and Enter, or touch."""
    out = []
    for kind in kinds:
        label, advice = badges.badge(kind, Decimal(written_off))
        tone, label, advice = escaped(badges.tone(kind)), escaped(label), escaped(advice)
        out.append(
            f'<details class="ch-signal"><summary class="ch-badge ch-tone-{tone}">{label}</summary>'
            f'<span class="ch-advice">{advice}</span></details>\n'
        )
    return Markup("".join(out))  # noqa: S704 - every part is escaped
