"""The tab's SVG charts: well-formed, escaping every text, labels clear of each other."""

from __future__ import annotations

import re
from decimal import Decimal
from xml.etree import ElementTree

from beancount_plugins.clienthealth.model import ClientFigures, Work
from fava_clienthealth import (
    cell_bars,
    chart_labels,
    days_chart,
    hours_chart,
    month_hours,
    svg,
    worth_chart,
    yield_chart,
)
from tests.helpers import date, figures, run

D = Decimal


# --- SVG --------------------------------------------------------------------------------------


def test_svg_escapes_text_and_attributes() -> None:
    text = svg.text(1.0, 2.0, "<script>alert('x')</script>", 'a"b')
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert 'class="a&#34;b"' in text
    link = svg.link('/x?a=1&b="2"', [text], "<b>tip</b>")
    assert 'href="/x?a=1&amp;b=&#34;2&#34;"' in link
    assert "<title>&lt;b&gt;tip&lt;/b&gt;</title>" in link


def test_ticks_are_round() -> None:
    assert svg.ticks(0, 150) == [0, 50, 100, 150]
    assert svg.ticks(-12, 37) == [-20, -10, 0, 10, 20, 30, 40]
    assert svg.domain([43.0, 125.0], include=[0.0, 80.0]) == (0, 150)


def money(value: Decimal) -> str:
    return f"{value:.2f} EUR"


def parse(markup: str) -> ElementTree.Element:
    """The SVG must be well-formed XML: an unescaped name would break it."""
    return ElementTree.fromstring(str(markup))


HOSTILE = [
    figures("a", "<script>x()</script>", payment_score=20, yield_per_hour=D(30)),
    figures("b", 'Quote " & <b>', payment_score=90, yield_per_hour=D(150), invoiced=D(5000)),
    figures("c", "No hours", yield_per_hour=None, hours=D(0)),
]


def test_worth_keeping_places_clients_and_thresholds() -> None:
    chart = worth_chart.worth_keeping(
        HOSTILE, D(50), D(80), "EUR", money, lambda c: f"/c?client={c}"
    )
    root = parse(chart)
    labels = [t.text for t in root.iter("text") if t.get("class") == "ch-label"]
    assert labels == ['Quote " & <b>', "<script>x()</script>"]
    assert "<script>" not in str(chart)
    assert "min rate 80.00 EUR" in str(chart)
    points = {c.get("class") for c in root.iter("circle")}
    assert points == {"ch-point ch-bad", "ch-point ch-good"}
    assert [a.get("href") for a in root.iter("a")] == ["/c?client=b", "/c?client=a"]


def test_labels_never_overlap_and_stay_in_bounds() -> None:
    """A crowded chart: every label placed is clear of the others and of the circles."""
    bounds = (0.0, 0.0, 560.0, 360.0)
    labels = chart_labels.Labels(bounds)
    points = [(20.0 + (i * 37) % 520, 20.0 + (i * 53) % 320) for i in range(400)]
    circles = [(cx - 4, cy - 4, cx + 4, cy + 4) for cx, cy in points]
    for circle in circles:
        labels.block(circle)
    boxes = []
    for i, (cx, cy) in enumerate(points):
        spot = labels.place(cx, cy, 4, f"client {i}")
        if spot is not None:
            x, y, anchor = spot
            width = 6.4 * len(f"client {i}")
            x1 = x if anchor == "start" else x - width
            boxes.append((x1, y - 10, x1 + width, y + 2))
    assert 10 < len(boxes) < 400  # some fit, the crowd does not

    def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
        return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])

    for i, box in enumerate(boxes):
        assert bounds[0] <= box[0] and box[2] <= bounds[2]
        assert not any(overlap(box, other) for other in boxes[i + 1 :])
        assert not any(overlap(box, circle) for circle in circles)


def test_labels_ignore_spots_that_are_not_numbers() -> None:
    labels = chart_labels.Labels((0.0, 0.0, 560.0, 360.0))
    labels.block((float("nan"),) * 4)
    labels.block((float("-inf"), 100.0, float("inf"), 110.0))
    assert labels.place(float("nan"), 50.0, 4, "acme") is None
    assert labels.place(100.0, 105.0, 4, "acme") == (107.0, 122.0, "start")


def test_worth_keeping_without_min_rate_or_points() -> None:
    assert parse(worth_chart.worth_keeping([], D(50), None, "EUR", money, str)) is not None
    chart = worth_chart.worth_keeping(HOSTILE, D(50), None, "EUR", money, str)
    assert "min rate" not in str(chart)


def test_yield_bars_mark_clients_below_min_rate() -> None:
    root = parse(yield_chart.yield_bars(HOSTILE, D(80), money, str))
    bars = [r.get("class") for r in root.iter("rect")]
    assert bars == ["ch-bar ch-good", "ch-bar ch-bad"]  # highest yield first, no-hours left out


def test_yield_bars_with_a_negative_yield() -> None:
    root = parse(
        yield_chart.yield_bars([figures("n", "Loss", yield_per_hour=D(-40))], None, money, str)
    )
    bar = next(root.iter("rect"))
    assert float(bar.get("width") or 0) > 1


def test_aging_bar_splits_open_money() -> None:
    root = parse(cell_bars.aging_bar(HOSTILE[0], D(400), money))
    parts = [(r.get("class"), r.get("width")) for r in root.iter("rect")]
    assert parts == [("ch-age-track", "56"), ("ch-age-1", "14"), ("ch-age-4", "14")]
    assert "1\N{EN DASH}30 days: 100.00 EUR" in str(root.findtext("title"))


def test_hours_by_month_fills_the_window() -> None:
    # SPEC 12: the rows split rework and meetings out too (zero here).
    work = [
        Work(date("2025-02-10"), D(5), True),
        Work(date("2025-02-20"), D(2), False),
        Work(date("2025-04-01"), D(3), True),
        Work(date("2024-12-01"), D(9), True),  # before the window
    ]
    rows = month_hours.hours_by_month(work, date("2025-01-15"), date("2025-04-30"))
    assert rows == [
        (date("2025-01-01"), D(0), D(0), D(0), D(0)),
        (date("2025-02-01"), D(5), D(2), D(0), D(0)),
        (date("2025-03-01"), D(0), D(0), D(0), D(0)),
        (date("2025-04-01"), D(3), D(0), D(0), D(0)),
    ]
    assert month_hours.hours_by_month([], None, date("2025-04-30")) == []
    # A window from 1900 would draw 1,500 empty months: it starts at the first work.
    wide = month_hours.hours_by_month(work, date("1900-01-01"), date("2025-04-30"))
    assert [month for month, *_ in wide][:2] == [date("2024-12-01"), date("2025-01-01")]
    assert len(wide) == 5
    # An as_of in 9999 would draw 95,000 empty months after the work: it ends there.
    far = month_hours.hours_by_month(work, None, date("9999-12-31"))
    assert [month for month, *_ in far][-1] == date("2025-04-01")
    chart = parse(hours_chart.hours_over_time(rows))
    assert len([r for r in chart.iter("rect") if r.get("class") == "ch-unbilled"]) == 2


def test_hours_chart_splits_rework_and_meetings_so_that_parts_add_up() -> None:
    work = [
        Work(date("2025-06-02"), D(6), True, rework=True),
        Work(date("2025-06-10"), D(2), True, meeting=True),
        # Both tags: drawn once, as rework; the figures count it in both.
        Work(date("2025-06-12"), D(1), False, rework=True, meeting=True),
        Work(date("2025-06-30"), D(16), True),
        Work(date("2025-06-30"), D(3), False),
    ]
    [row] = month_hours.hours_by_month(work, date("2025-06-01"), date("2025-06-30"))
    # billed 16, unbilled 3, rework 6 + 1, meetings 2: 28 hours, as many as the work.
    assert row == (date("2025-06-01"), D(16), D(3), D(7), D(2))
    chart = parse(hours_chart.hours_over_time([row]))
    kinds = [r.get("class") for r in chart.iter("rect")]
    for kind in ("ch-billed", "ch-unbilled", "ch-rework", "ch-meeting"):
        assert kinds.count(kind) == 2  # the bar's part and its legend square
    [title] = [t.text for t in chart.iter("title") if t.text and t.text.startswith("2025-06")]
    assert title == "2025-06: 16 billed, 3 unbilled, 7 rework, 2 meeting hours"


def test_days_to_pay_shows_paid_open_and_written_off() -> None:
    report = run(
        """
        2025-01-10 * "A" "Paid" ^inv-1 #client-a
          Assets:Receivable    100.00 EUR
          Income:Consulting
        2025-02-20 * "A" "Pays" ^inv-1
          Assets:Bank          100.00 EUR
          Assets:Receivable
        2025-03-01 * "A" "Written off" ^inv-2 #client-a
          Assets:Receivable    100.00 EUR
          Income:Consulting
        2025-04-01 * "A" "Write-off" ^inv-2
          Expenses:BadDebt     100.00 EUR
          Assets:Receivable
        2025-05-01 * "A" "Open" ^inv-3 #client-a
          Assets:Receivable    100.00 EUR
          Income:Consulting
        """
    )
    chart = days_chart.days_to_pay(report.invoices, report.as_of)
    root = parse(chart)
    dots = [c.get("class") for c in root.iter("circle")]
    assert dots == ["ch-dot ch-paid", "ch-dot ch-written", "ch-dot ch-open"]
    titles = [t.text or "" for t in root.iter("title")]
    assert any(re.search(r"inv-1 .*paid after 41 days", t) for t in titles)
    assert any("inv-3 of 2025-05-01: open for 60 days" in t for t in titles)
    assert "terms: 30 days" in str(chart)


def heavy(count: int) -> list[ClientFigures]:
    """`count` clients, client i working i + 1 hours at a yield of 10 x i."""
    return [
        figures(f"c{i:02d}", f"Client {i:02d}", hours=D(i + 1), yield_per_hour=D(10 * i))
        for i in range(count)
    ]


def test_yield_bars_of_many_clients_draw_those_with_the_most_hours_and_one_bar_more() -> None:
    clients = heavy(60)
    chart = str(yield_chart.yield_bars(clients, D(80), money, str))
    root = parse(chart)
    bars = list(root.iter("rect"))
    assert len(bars) == yield_chart.BARS + 1
    height = float(str(root.get("viewBox")).split()[3])
    assert height <= 24 + 26 * (yield_chart.BARS + 1) + 24
    # The fifteen with the most hours (c45 to c59), highest yield first; then the others.
    labels = [t.text for t in root.iter("text") if t.get("class", "").startswith("ch-label")]
    assert labels == [f"Client {i:02d}" for i in range(59, 44, -1)] + ["45 other clients"]
    assert "Client 44" not in chart
    # The others' bar: outlined, no link, their yield over all their hours.
    assert bars[-1].get("class") == "ch-bar ch-others ch-good"  # about 297 an hour
    assert len(list(root.iter("a"))) == yield_chart.BARS
    rest = clients[:45]
    earned = sum((c.hours * (c.yield_per_hour or D(0)) for c in rest), D(0))
    mean = earned / sum((c.hours for c in rest), D(0))
    assert f"{money(mean)} per hour over 1035 hours together" in chart  # 1 + ... + 45
    note = yield_chart.left_out_text(clients)
    assert "the 15 clients that take the most hours" in note
    assert "the other 45 clients together" in note
    assert "The ranking lists every client" in note


def test_yield_bars_draw_every_client_when_one_bar_would_stand_for_one() -> None:
    clients = heavy(yield_chart.BARS + 1)
    root = parse(yield_chart.yield_bars(clients, D(80), money, str))
    assert len(list(root.iter("rect"))) == yield_chart.BARS + 1
    assert "other client" not in str(yield_chart.yield_bars(clients, D(80), money, str))
    assert yield_chart.left_out_text(clients) == ""


def test_yield_text_of_many_clients_names_a_few_below_min_rate() -> None:
    text = yield_chart.yield_text(heavy(60), D(80), money)
    # Below 80: c00 to c07, the most hours first.
    assert text.endswith(
        "Below min_rate: Client 07, Client 06, Client 05, Client 04, Client 03 and 3 more."
    )
