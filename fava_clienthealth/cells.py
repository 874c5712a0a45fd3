"""Table cells the tab writes hundreds of times: Python, as a Jinja macro call costs more."""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup, escape

from fava_clienthealth.view import sort_value

# f-strings with escape(), not Markup's `%`: it wraps every argument in a helper
# object, and a page of 500 clients writes some 5,000 of these cells.


def sort_key(value: Decimal | int | None, masked: bool) -> Markup:
    """A money figure's ` data-sort-value`; none in incognito mode, where it shows the amount."""
    if masked:
        return Markup("")
    return Markup(f' data-sort-value="{escape(sort_value(value))}"')  # noqa: S704


def number_cell(value: Decimal | int | None, text: object, extra: str = "") -> Markup:
    """A figure's cell: its text, sorted by its value, dimmed when it is zero or missing."""
    dim = "" if value else " ch-dim"
    return Markup(  # noqa: S704 - every part is escaped
        f'<td class="num{dim}{escape(extra)}" data-sort-value="{escape(sort_value(value))}">'
        f"{escape(text)}</td>"
    )
