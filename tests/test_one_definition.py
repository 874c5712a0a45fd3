"""Each fact has one definition (issue 12): the aging buckets.

The buckets' keys, `Aging`'s fields, the tab's words and colours follow the
bounds of model.AGING_BUCKETS.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fava_pages import TAB, fava, page, row, tables
from flask.testing import FlaskClient

from beancount_plugins.clienthealth.model import AGING_BUCKETS, Aging
from beancount_plugins.clienthealth.scoring import aging_bucket
from fava_clienthealth import view

STYLE = Path(__file__).parent.parent / "fava_clienthealth" / "templates" / "clienthealth_style.html"


def spans() -> list[tuple[int | None, int | None]]:
    """(first, last) days past due of each bucket, read from model.AGING_BUCKETS alone."""
    found: list[tuple[int | None, int | None]] = []
    first = None
    for bucket in AGING_BUCKETS:
        found.append((first, bucket.last))
        first = None if bucket.last is None else bucket.last + 1
    return found


def test_the_buckets_cover_every_day_in_order() -> None:
    lasts = [bucket.last for bucket in AGING_BUCKETS]
    assert lasts[0] == 0  # the first bucket is "not due yet"
    assert lasts[-1] is None  # the last has no end
    assert None not in lasts[:-1]
    assert lasts[:-1] == sorted(set(lasts[:-1]))


def test_keys_fields_and_the_tabs_words_follow_the_bounds() -> None:
    """A bound changed in the model alone, or in the tab's words alone, fails here."""
    for (first, last), bucket, field, label in zip(
        spans(), AGING_BUCKETS, Aging._fields, view.AGING_LABELS, strict=True
    ):
        if first is None:
            assert (bucket.key, field) == ("current", "current")
            assert not any(re.search(r"\d", text) for text in label), label
            continue
        days = [first] if last is None else [first, last]
        assert bucket.key == (f"{first}+" if last is None else f"{first}-{last}")
        assert field == (f"d{first}_plus" if last is None else f"d{first}_{last}")
        for text in label:
            assert [int(number) for number in re.findall(r"\d+", text)] == days, text


@pytest.mark.parametrize("index", range(len(AGING_BUCKETS)))
def test_each_bound_falls_in_its_own_bucket(index: int) -> None:
    first, last = spans()[index]
    if first is None:
        assert aging_bucket(-3_652_058) == index
    else:
        assert (aging_bucket(first - 1), aging_bucket(first)) == (index - 1, index)
    if last is None:
        assert aging_bucket(3_652_058) == index
    else:
        assert (aging_bucket(last), aging_bucket(last + 1)) == (index, index + 1)


def test_each_bucket_has_its_colour_in_the_bars_and_the_legend() -> None:
    style = STYLE.read_text(encoding="utf-8")
    for index in range(len(AGING_BUCKETS)):
        assert re.search(rf"\.ch-aging \.ch-age-{index}[ ,]", style), index
        assert re.search(rf"\.ch-legend \.ch-age-{index}[ ,]", style), index
    assert f"ch-age-{len(AGING_BUCKETS)}" not in style


HEADER = """\
option "title" "Studio"
option "operating_currency" "EUR"
plugin "beancount_plugins.clienthealth" "{config}"
2025-01-01 custom "fava-extension" "fava_clienthealth"
2025-01-01 open Assets:Bank EUR
2025-01-01 open Assets:Receivable EUR
2025-01-01 open Income:Consulting EUR
"""


def _due(days_past_due: int) -> str:
    """The due date of an invoice this many days past due at 2025-12-31."""
    return (datetime.date(2025, 12, 31) - datetime.timedelta(days=days_past_due)).isoformat()


def aging_ledger() -> tuple[str, list[str]]:
    """Invoices on each bucket's first and last day past due, and each bucket's sum."""
    entries, sums = [], []
    for index, (first, last) in enumerate(spans()):
        edges = [
            (-5 if first is None else first, index + 1),
            (1000 if last is None else last, 100 * (index + 1)),
        ]
        sums.append(f"{sum(amount for _, amount in edges)}.00")
        entries += [
            f'2025-01-01 * "Acme" "Work" ^inv-{index}-{n} #client-acme\n'
            f"  due: {_due(days)}\n"
            f"  Assets:Receivable  {amount}.00 EUR\n"
            "  Income:Consulting\n"
            for n, (days, amount) in enumerate(edges)
        ]
    return HEADER.format(config="{'as_of': '2025-12-31'}") + "\n".join(entries), sums


def test_the_tab_shows_each_bucket_in_order_with_the_engines_amounts(tmp_path: Path) -> None:
    text, sums = aging_ledger()
    client = fava(tmp_path, text)
    json_aging = endpoint_clients(client)[0]["aging"]
    assert list(json_aging) == [bucket.key for bucket in AGING_BUCKETS]
    assert list(json_aging.values()) == sums

    one = page(client, f"{TAB}?client=acme")
    figures = one.split("Open by days past due</th>", 1)[1].split("</tbody>", 1)[0]
    shown = re.findall(r"<tr><td>(.*?)</td><td class=\"num[^\"]*\">(.*?)</td></tr>", figures)
    assert shown == [
        (label.row, amount) for label, amount in zip(view.AGING_LABELS, sums, strict=True)
    ]

    html = page(client)
    aged = tables(html)["ch-aging"]
    titles = [head["text"].strip() for head in aged["head"]]
    assert titles == ["Client", *(label.title for label in view.AGING_LABELS), "Total"]
    cells = row(aged, 0)
    assert [cells[label.title]["text"].strip() for label in view.AGING_LABELS] == sums
    legend = re.findall(r'<span><i class="ch-age-(\d+)"></i>(.*?)</span>', html)
    assert legend == [(str(i), label.legend) for i, label in enumerate(view.AGING_LABELS)]
    tooltip = re.search(r"Open by days past due; ([^\"]*)\" class=\"ch-aging\"", html)
    assert tooltip is not None
    assert tooltip.group(1) == "; ".join(
        f"{label.title}: {amount} EUR"
        for label, amount in zip(view.AGING_LABELS, sums, strict=True)
    )


def endpoint_clients(client: FlaskClient) -> list[dict[str, Any]]:
    response = client.get(f"{TAB}clients")
    assert response.status_code == 200, response.text
    clients: list[dict[str, Any]] = json.loads(response.text)["clients"]
    return clients
