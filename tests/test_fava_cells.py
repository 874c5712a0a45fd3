"""The table cells the tab writes in Python: escaped, sorted by value, no sort key in incognito."""

from __future__ import annotations

from decimal import Decimal

from fava_clienthealth.cells import number_cell, sort_key
from fava_clienthealth.view import DASH, MISSING


def test_a_number_cell_escapes_its_text_and_sorts_by_its_value() -> None:
    cell = number_cell(Decimal("12.50"), "<b>12,5</b> & more", " ch-below")
    assert cell == (
        '<td class="num ch-below" data-sort-value="12.50">&lt;b&gt;12,5&lt;/b&gt; &amp; more</td>'
    )


def test_a_zero_or_missing_figure_is_dimmed_and_a_missing_one_sorts_last() -> None:
    assert number_cell(Decimal(0), "0") == '<td class="num ch-dim" data-sort-value="0">0</td>'
    missing = number_cell(None, DASH)
    assert missing == f'<td class="num ch-dim" data-sort-value="{MISSING}">{DASH}</td>'


def test_a_money_sort_key_is_left_out_in_incognito_mode() -> None:
    assert sort_key(Decimal("-3.20"), masked=False) == ' data-sort-value="-3.20"'
    assert sort_key(Decimal("-3.20"), masked=True) == ""
    assert sort_key(None, masked=False) == f' data-sort-value="{MISSING}"'
