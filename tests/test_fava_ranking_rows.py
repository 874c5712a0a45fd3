"""The ranking table's rows, written in Python: escaped, marked below the minimums, masked."""

from __future__ import annotations

import re
from decimal import Decimal

import markupsafe
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.model import ClientFigures
from fava_clienthealth.numbers import LocalView
from fava_clienthealth.ranking_rows import RankingTable, ranking_row
from fava_clienthealth.svg import escaped
from fava_clienthealth.view import DASH, MISSING
from tests.helpers import figures

CONFIG, _ = config_module.parse("{'min_rate': '80 EUR'}")


def row(c: ClientFigures, *, masked: bool = False) -> str:
    def money(value: Decimal) -> str:
        text = f"{value:.2f}"
        return re.sub("[0-9]", "X", text) if masked else text

    table = RankingTable(
        LocalView(None),
        CONFIG,
        Decimal(80),
        2,
        money,
        lambda client: f"/tab/?client={client}",
        {c.client: Markup('<svg class="ch-aging"></svg>')},
        masked,
    )
    return str(ranking_row(c, 3, table))


def cells(html: str) -> list[str]:
    return re.findall(r"<td.*?</td>", html, re.DOTALL)


def test_a_row_escapes_the_name_and_id_and_links_the_client_page() -> None:
    html = row(figures("a'b", '<b>A & "B"</b>'))
    assert html.startswith('<tr data-client="a&#39;b">')
    assert "<b>" not in html
    name = cells(html)[1]
    assert name == (
        '<td class="ch-name" data-sort-value="&lt;b&gt;A &amp; &#34;B&#34;&lt;/b&gt;">'
        '<a href="/tab/?client=a&#39;b" title="&lt;b&gt;A &amp; &#34;B&#34;&lt;/b&gt; (a&#39;b)">'
        "&lt;b&gt;A &amp; &#34;B&#34;&lt;/b&gt;</a></td>"
    )
    assert cells(html)[0] == '<td class="num" data-sort-value="3">3</td>'


def test_a_score_and_a_yield_below_the_minimums_are_marked() -> None:
    low = cells(row(figures("acme", "Acme", payment_score=40, yield_per_hour=Decimal("79.995"))))
    assert low[2] == '<td class="num ch-below" data-sort-value="40">40</td>'
    # Below 80 before rounding, though it shows as 80.00: the signal's own test.
    assert low[12] == '<td class="num ch-below" data-sort-value="79.995">80.00</td>'
    good = cells(row(figures("acme", "Acme", payment_score=50, yield_per_hour=Decimal(80))))
    assert good[2] == '<td class="num" data-sort-value="50">50</td>'
    assert good[12] == '<td class="num" data-sort-value="80">80.00</td>'


def test_open_money_carries_its_aging_bar_and_zero_money_is_dimmed() -> None:
    c = figures("acme", "Acme", overdue=Decimal(0), written_off=Decimal("12.5"))
    found = cells(row(c))
    assert found[5] == (
        '<td class="num ch-open-cell" data-sort-value="0"><span class=ch-dim>0.00</span>'
        '<svg class="ch-aging"></svg></td>'
    )
    assert found[6] == '<td class="num ch-dim" data-sort-value="0">0.00 / 0.00</td>'
    assert found[7] == '<td class="num" data-sort-value="12.5">12.50</td>'


def test_a_yield_not_yet_paid_or_missing_sorts_last() -> None:
    pending = cells(row(figures("acme", "Acme", yield_per_hour=None, yield_pending=True)))[12]
    assert pending == (
        f'<td class="num ch-dim" data-sort-value="{MISSING}" '
        'title="No invoice of the window is paid or due yet">not yet paid</td>'
    )
    missing = cells(row(figures("acme", "Acme", yield_per_hour=None)))[12]
    assert missing == f'<td class="num ch-dim" data-sort-value="{MISSING}">{DASH}</td>'


def test_incognito_rows_mask_money_and_give_it_no_sort_key() -> None:
    found = cells(row(figures("acme", "Acme", overdue=Decimal(200)), masked=True))
    assert found[5].startswith('<td class="num ch-open-cell"><span>XXX.XX</span>')
    assert found[12] == '<td class="num">XX.XX</td>'
    # Counts and days are no money: they keep their keys.
    assert found[3] == '<td class="num" data-sort-value="40">40</td>'


def test_each_signal_gets_a_badge_that_opens_to_its_advice() -> None:
    html = row(figures("acme", "Acme", signals=("overdue", "low-yield")))
    last = cells(html)[-1]
    assert last.startswith('<td class="ch-signals" data-sort-value="2"><details class="ch-signal">')
    assert last.count("<details") == 2
    assert '<summary class="ch-badge ch-tone-bad">overdue</summary>' in last
    assert "send a reminder" in last
    assert len(cells(html)) == 15


@given(st.text())
def test_escaped_writes_what_markupsafe_writes(text: str) -> None:
    assert escaped(text) == str(markupsafe.escape(text))
    assert escaped(Markup(text)) == text
