"""The benchmark's report: targets read from rows and counts, saved runs merged into one."""

from __future__ import annotations

from pathlib import Path

from bench.__main__ import instruction_rows, main
from bench.instructions import Ledger
from bench.report import Row, save_rows, targets


def test_targets_read_the_rows() -> None:
    """Verdicts from made-up rows: flat engine per transaction, its ratio to realize."""
    rows = [
        Row("half", 10_000, 50, "engine", 0.05, 0.035, "s"),
        Row("half", 100_000, 50, "engine", 0.70, 0.44, "s"),
        Row("half", 100_000, 500, "engine", 0.71, 0.45, "s"),
        Row("half", 100_000, 500, "bean-check", 7.0, 6.8, "s"),
        Row("half", 100_000, 500, "plugin function", 0.68, 0.45, "s"),
        Row("half", 100_000, 500, "peak memory", 300, 280, "MiB"),
    ]
    verdicts = {text: (figure, ok) for text, figure, ok in targets(rows)}
    read = "bean-check / without the plugin line, half 100,000 x 500 (CPU seconds, for reading)"
    assert verdicts[read] == ("1.03", None)
    # What the plugin function's own time implies: 1 + 0.68 / 6.8.
    [implied] = [v for text, v in verdicts.items() if "plugin function's own time" in text]
    assert implied == ("1.10", None)
    engine = "engine / realization.realize, half 100,000 x 500 (CPU seconds, for reading)"
    assert verdicts[engine] == ("1.58", None)
    fava = "Fava tab, half 100,000 x 500: at most 1.00 x Fava's income statement"
    assert verdicts[fava] == ("-", None)
    memory = "peak memory, half 100,000 x 500: at most 1.10 x bean-check without the plugin"
    assert verdicts[memory] == ("1.071", True)
    # Just over its limit, a ratio does not read as the limit itself ("1.10", NO).
    over = Row("half", 100_000, 500, "peak memory", 308.6, 280, "MiB")
    assert {text: (figure, ok) for text, figure, ok in targets([over])}[memory] == ("1.102", False)
    flat = verdicts["engine time per transaction, half with 50 clients, over sizes: within 20%"]
    assert flat == ("max/min 1.40 (realize 1.26)", False)
    ratio = verdicts["engine / realize, half with 50 clients, over sizes (for reading)"]
    assert ratio == ("1.43 to 1.59", None)
    growth = "engine time, half 100,000, 50 to 500 clients: no growth (within 20%)"
    assert verdicts[growth] == ("1.01 (realize 1.02)", True)


def test_instruction_targets_read_the_counts() -> None:
    """Each kind's limit at 20,000 transactions; plugin function and floor for reading."""
    runs = {"with": 10_300, "without": 10_000, "floor": 10_010, "load": 9_000}
    runs |= {"realize": 9_100, "plugin": 9_250}
    rows = [
        *instruction_rows(Ledger("books", 20_000, 100), {**runs, "with": 10_140}),
        *instruction_rows(Ledger("half", 20_000, 100), runs),
        *instruction_rows(Ledger("clients", 20_000, 500), runs),
        *instruction_rows(Ledger("clients", 2_000, 20), runs),
    ]
    over = next(r for r in rows if r.measurement == "over the floor")
    assert (over.value, over.baseline) == (140, 10)
    plugin = next(r for r in rows if r.measurement == "plugin function")
    assert (plugin.value, plugin.baseline) == (250, 100)
    verdicts = {text: (figure, ok) for text, figure, ok in targets(rows)}
    books = "bean-check, books 20,000 x 100: at most 1.015 x without the plugin line"
    assert verdicts[books + " (instructions)"] == ("1.014", True)
    half = "bean-check, half 20,000 x 100: at most 1.040 x without the plugin line"
    assert verdicts[half + " (instructions)"] == ("1.030", True)
    clients = "bean-check, clients 20,000 x 500: at most 1.080 x without the plugin line"
    assert verdicts[clients + " (instructions)"] == ("1.030", True)
    small = "bean-check, clients 2,000 x 20: with / without the plugin line (instructions)"
    assert verdicts[small] == ("1.030", None)
    read = "plugin function / realization.realize, half 20,000 x 100 (instructions, for reading)"
    assert verdicts[read] == ("2.50", None)
    assert verdicts["floor, half 20,000 x 100: bean-check with bench.floor / without (for reading)"]
    assert not [t for t in verdicts if "CPU seconds" in t]


def test_saved_runs_merge_into_one_report(tmp_path: Path) -> None:
    """An instructions run and a CPU run, saved apart, make one report with both."""
    counted = [Row("clients", 20_000, 100, "bean-check", 12e9, 10e9, "Ir")]
    timed = [Row("half", 2_000, 20, "bean-check", 3.0, 2.0, "s")]
    save_rows(tmp_path / "ir.json", counted, "")
    save_rows(tmp_path / "cpu.json", timed, "5")
    out = tmp_path / "report.md"
    assert main(["--merge", str(tmp_path / "ir.json"), str(tmp_path / "cpu.json"),
                 "--output", str(out)]) == 0  # fmt: skip
    text = out.read_text(encoding="utf-8")
    assert "| clients | 20,000 | 100 | bean-check | 12,000.0 M | 10,000.0 M" in text
    assert "| half | 2,000 | 20 | bean-check | 3.000 s | 2.000 s" in text
    assert "best of 5" in text
