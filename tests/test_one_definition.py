"""Each fact has one definition (issue 12): the aging buckets and the threshold tests.

The buckets' keys, `Aging`'s fields, the tab's words and colours follow the
bounds of model.AGING_BUCKETS; and wherever a figure is marked against its
threshold (the tab's cells and charts), the mark agrees with the engine's
signal, as the command line reports it, for clients just at the threshold and
just past it.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

from beancount_plugins.clienthealth import cli, thresholds
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.json_report import report_json
from beancount_plugins.clienthealth.model import AGING_BUCKETS, Aging
from beancount_plugins.clienthealth.scoring import aging_bucket
from fava_clienthealth import badges
from tests.fava_pages import TAB, attribute, endpoint, fava, page, row, tables

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
    assert lasts[-1] is None  # the last has no end
    bounded = [last for last in lasts if last is not None]
    assert bounded == sorted(set(bounded))  # increasing
    assert len(bounded) == len(lasts) - 1
    assert bounded[0] == 0  # the first bucket is "not due yet"


def test_keys_fields_and_the_tabs_words_follow_the_bounds() -> None:
    """A bound changed in the model alone, or in the tab's words alone, fails here."""
    for (first, last), bucket, field, label in zip(
        spans(), AGING_BUCKETS, Aging._fields, badges.AGING_LABELS, strict=True
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
    json_aging = endpoint(client)["clients"][0]["aging"]
    assert list(json_aging) == [bucket.key for bucket in AGING_BUCKETS]
    assert list(json_aging.values()) == sums

    one = page(client, f"{TAB}?client=acme")
    figures = one.split("Open by days past due</th>", 1)[1].split("</tbody>", 1)[0]
    shown = re.findall(
        r"<tr><th scope=\"row\">(.*?)</th><td class=\"num[^\"]*\">(.*?)</td></tr>", figures
    )
    assert shown == [
        (label.row, amount) for label, amount in zip(badges.AGING_LABELS, sums, strict=True)
    ]

    html = page(client)
    aged = tables(html)["ch-aging"]
    titles = [head["text"].strip() for head in aged["head"]]
    assert titles == ["Client", *(label.title for label in badges.AGING_LABELS), "Total"]
    cells = row(aged, 0)
    assert [cells[label.title]["text"].strip() for label in badges.AGING_LABELS] == sums
    legend = re.findall(r'<span><i class="ch-age-(\d+)"></i>(.*?)</span>', html)
    assert legend == [(str(i), label.legend) for i, label in enumerate(badges.AGING_LABELS)]
    tooltip = re.search(r"Open by days past due; ([^\"]*)\" class=\"ch-aging\"", html)
    assert tooltip is not None
    assert tooltip.group(1) == "; ".join(
        f"{label.title}: {amount} EUR"
        for label, amount in zip(badges.AGING_LABELS, sums, strict=True)
    )


#: Four clients each at one threshold of AT: beta pays on its due date (score
#: 80) and yields 150.00 EUR an hour; pre took 8 hours before its first
#: invoice; rew's rework is 2 of its 10 hours; proj's project took 11 of its 10
#: budgeted hours, its fee 1650.00 EUR pays 150.00 EUR an hour.
THRESHOLDS = """
2025-01-01 custom "project" "site"
  client: "proj"
  fee: 1650.00 EUR
  budget_hours: 10

2025-09-01 * "Beta Ltd" "Audit" ^inv-b #client-beta
  hours: 10
  Assets:Receivable    1500.00 EUR
  Income:Consulting
2025-10-01 * "Beta Ltd" "Payment" ^inv-b
  Assets:Bank          1500.00 EUR
  Assets:Receivable

2025-08-01 * "Pre GmbH" "Pitch meetings" #client-pre
  hours: 8
2025-09-01 * "Pre GmbH" "Concept" ^inv-p #client-pre
  hours: 2
  Assets:Receivable    1000.00 EUR
  Income:Consulting
2025-10-01 * "Pre GmbH" "Payment" ^inv-p
  Assets:Bank          1000.00 EUR
  Assets:Receivable

2025-09-01 * "Rew AG" "Build" ^inv-r #client-rew
  hours: 8
  Assets:Receivable    2000.00 EUR
  Income:Consulting
2025-09-10 * "Rew AG" "Redo the header" ^inv-r #client-rew #rework
  hours: 2
2025-10-01 * "Rew AG" "Payment" ^inv-r
  Assets:Bank          2000.00 EUR
  Assets:Receivable

2025-09-01 * "Proj KG" "Site" ^inv-s #client-proj
  project: "site"
  hours: 11
  Assets:Receivable    2200.00 EUR
  Income:Consulting
2025-10-01 * "Proj KG" "Payment" ^inv-s
  Assets:Bank          2200.00 EUR
  Assets:Receivable
"""
#: Each figure exactly at its threshold: nothing is below or above it.
AT = (
    "{'as_of': '2025-12-31', 'min_payment_score': 80, 'min_rate': '150 EUR', "
    "'max_presale_hours': 8, 'max_rework_share': 0.2, 'max_overrun_share': 0.1}"
)
#: Each threshold moved by a hair: every figure is just below or above it.
PAST = (
    "{'as_of': '2025-12-31', 'min_payment_score': 81, 'min_rate': '150.01 EUR', "
    "'max_presale_hours': 7.99, 'max_rework_share': 0.19, 'max_overrun_share': 0.09}"
)
#: The signals each client is at the threshold of with AT, and raises with PAST.
TARGETS = {
    "beta": {"slow-payer", "low-yield"},
    "pre": {"free-work"},
    "rew": {"rework"},
    "proj": {"over-budget"},
}


def test_a_missing_figure_or_threshold_is_never_past_it() -> None:
    assert thresholds.below_min_score(49, Decimal(50))
    assert not thresholds.below_min_score(50, Decimal(50))
    assert not thresholds.below_min_score(None, Decimal(50))
    assert thresholds.below_min_rate(Decimal("79.99"), Decimal(80))
    assert not thresholds.below_min_rate(Decimal(80), Decimal(80))
    assert not thresholds.below_min_rate(None, Decimal(80))
    assert not thresholds.below_min_rate(Decimal(0), None)
    assert thresholds.min_rate_number(None) is None
    assert not thresholds.low_yield_time_above(None, Config())


def _below(html: str, pattern: str) -> bool:
    """Whether the cell the pattern ends at (its class attribute's start) is marked below."""
    found = re.search(pattern + r'([^"]*)"', html)
    assert found is not None, pattern
    return "ch-below" in found.group(1).split()


@pytest.mark.parametrize("config", [AT, PAST], ids=["at", "past"])
def test_the_tabs_marks_agree_with_the_engines_signals(tmp_path: Path, config: str) -> None:
    """A threshold test written anew in a template or a chart fails here, at or past it."""
    ledger = tmp_path / "books.beancount"
    ledger.write_text(HEADER.format(config=config) + THRESHOLDS)
    report = cli.load_report(str(ledger)).report
    signals = {c["client"]: set(c["signals"]) for c in report_json(report)["clients"]}
    past = config == PAST
    for name, kinds in TARGETS.items():
        assert kinds & signals[name] == (kinds if past else set()), name

    tab = fava(tmp_path, HEADER.format(config=config) + THRESHOLDS)
    assert {c["client"]: set(c["signals"]) for c in endpoint(tab)["clients"]} == signals
    html = page(tab)
    ranking = tables(html)["ch-ranking"]
    for index, c in enumerate(report.clients):
        kinds, cells = signals[c.client], row(ranking, index)
        assert ("ch-below" in attribute(cells["Score"], "class")) is ("slow-payer" in kinds)
        assert ("ch-below" in attribute(cells["Yield / h"], "class")) is ("low-yield" in kinds)
        line = html.split(f'<tr data-client="{c.client}">', 1)[1].split("</tr>", 1)[0]
        marks = re.findall(
            r'<span class="(ch-below)?">[^<]*</span> / <span class="(ch-below)?">', line
        )
        assert marks == [
            ("ch-below" if "rework" in kinds else "", "ch-below" if "free-work" in kinds else "")
        ]
        assert _point_tone(html, c.client) == _tone(kinds)
        assert _bar_is_bad(html, c.client) is ("low-yield" in kinds)

        own = page(tab, f"{TAB}?client={c.client}")
        assert _below(own, r'<th scope="row">Payment score</th><td class="') is (
            "slow-payer" in kinds
        )
        assert _below(own, r'<th scope="row">Yield per hour</th>\s*<td class="') is (
            "low-yield" in kinds
        )
        assert _below(own, r'<th scope="row">Before the first invoice</th><td class="') is (
            "free-work" in kinds
        )
    low_time = any(s.kind == "low-yield-time" for s in report.signals)
    assert _below(html, r"<dt>Low-yield time</dt><dd class=\"") is low_time

    project = page(tab, f"{TAB}?client=proj")
    assert _below(project, r'<td class="ch-burn-cell') is ("over-budget" in signals["proj"])
    [figures] = report.projects
    rate = thresholds.min_rate_number(report.min_rate)
    below = thresholds.below_min_rate(figures.effective_rate, rate)
    assert below is past
    cell = row(tables(project)["ch-projects"], 0)["Effective rate"]
    assert ("ch-below" in attribute(cell, "class")) is below
    assert cell["text"].endswith(" below min_rate") is below


def _tone(kinds: set[str]) -> str:
    """The "Worth keeping?" point's tone the engine's signals call for."""
    score, rate = "slow-payer" in kinds, "low-yield" in kinds
    return "ch-bad" if score and rate else "ch-warn" if score or rate else "ch-good"


def _point_tone(html: str, client: str) -> str:
    found = re.search(
        rf'client={client}" tabindex="-1"><title>[^<]*payment score[^<]*</title>'
        r'(?:<line[^>]*></line>)?<circle [^>]*class="ch-point (ch-\w+)"',
        html,
    )
    assert found is not None, client
    return found.group(1)


def _bar_is_bad(html: str, client: str) -> bool:
    found = re.search(
        rf'client={client}" tabindex="-1"><title>[^<]*per hour over[^<]*</title>'
        r'<text[^>]*>[^<]*</text><rect [^>]*class="ch-bar (ch-\w+)"',
        html,
    )
    assert found is not None, client
    return found.group(1) == "ch-bad"
