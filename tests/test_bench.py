"""The benchmark's generator and its quick run: it works, not how fast (no timings here)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data

from bench import generate, measure
from bench.__main__ import Row, targets

ROOT = Path(__file__).resolve().parents[1]


def test_same_seed_same_ledger_other_seed_other_ledger() -> None:
    first = generate.generate(1500, 12, seed=7)
    assert first == generate.generate(1500, 12, seed=7)
    assert first != generate.generate(1500, 12, seed=8)
    assert generate.PLUGIN_LINE in first
    assert generate.PLUGIN_LINE not in generate.generate(1500, 12, seed=7, plugin=False)


def test_generated_ledger_loads_with_only_clienthealth_signals(tmp_path: Path) -> None:
    path = tmp_path / "ledger.beancount"
    path.write_text(generate.generate(2000, 20, seed=1), encoding="utf-8")
    entries, errors, _ = loader.load_file(str(path))
    messages = [error.message for error in errors]
    assert all(m.startswith("clienthealth: ") for m in messages), messages[:3]
    assert not [m for m in messages if m.startswith(("clienthealth: data", "clienthealth: config"))]
    assert {m.split(":")[1].strip() for m in messages} >= {"overdue", "low-yield"}

    txns = [e for e in entries if isinstance(e, data.Transaction)]
    assert len(txns) == 2000

    def count(test: Callable[[data.Transaction], object]) -> int:
        return sum(1 for t in txns if test(t))

    assert count(lambda t: str(t.narration).startswith("Invoice")) > 100
    assert count(lambda t: any("invoice_paid" in (p.meta or {}) for p in t.postings)) > 100
    assert count(lambda t: str(t.narration).startswith("Payment")) > 100
    assert count(lambda t: "dispute" in t.tags) > 0
    assert count(lambda t: "reminder" in t.tags) > 0
    assert count(lambda t: not t.postings and "hours" in t.meta) > 50
    assert count(lambda t: any(p.account == "Expenses:Subcontractors" for p in t.postings)) > 0
    assert count(lambda t: t.links) > 0 and count(lambda t: "invoice" in t.meta) > 0
    assert count(lambda t: any(p.units and p.units.currency == "USD" for p in t.postings)) > 0
    assert count(lambda t: t.narration in ("", "Rent")) > 500
    usd = [e for e in entries if isinstance(e, data.Price) and e.currency == "USD"]
    assert len(usd) > 1000


def test_quick_benchmark_gives_every_measurement(tmp_path: Path) -> None:
    output = tmp_path / "performance.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--repeat", "1", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = output.read_text(encoding="utf-8")
    rows = [line for line in report.splitlines() if line.startswith("| 2,000 | 20 |")]
    names = [row.split("|")[3].strip() for row in rows]
    assert names == ["bean-check", "engine", "plugin function", "Fava tab", "peak memory"]
    for row in rows:
        if "skipped" not in row:
            assert " s " in row or " MiB " in row, row
    assert "beancount 3." in report and "CPU:" in report


def test_targets_read_the_rows() -> None:
    """Verdicts from made-up rows: flat engine per transaction, its ratio to realize."""
    rows = [
        Row(10_000, 50, "engine", 0.05, 0.035, "s"),
        Row(100_000, 50, "engine", 0.70, 0.44, "s"),
        Row(100_000, 500, "engine", 0.71, 0.45, "s"),
        Row(100_000, 500, "bean-check", 7.0, 6.8, "s"),
        Row(100_000, 500, "plugin function", 0.68, 0.45, "s"),
    ]
    verdicts = {text: (figure, ok) for text, figure, ok in targets(rows)}
    assert verdicts["bean-check at 100,000 x 500: at most 1.05 x without the plugin line"] == (
        "1.03",
        True,
    )
    # What the plugin function's own time implies: 1 + 0.68 / 6.8.
    [implied] = [v for text, v in verdicts.items() if "plugin function's own time" in text]
    assert implied == ("1.10", None)
    assert verdicts["engine at 100,000 x 500: at most 1.00 x realization.realize"] == (
        "1.58",
        False,
    )
    assert verdicts["Fava tab at 100,000 x 500: at most 1.00 x Fava's income statement"] == (
        "-",
        None,
    )
    flat = verdicts["engine time per transaction with 50 clients, over sizes: within 20%"]
    assert flat == ("max/min 1.40 (realize 1.26)", False)
    ratio = verdicts["engine / realize with 50 clients, over sizes (for reading)"]
    assert ratio == ("1.43 to 1.59", None)


def test_measured_runs_cache_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    """A measured bean-check must not compile the plugin from source on every run."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    reloaded = importlib.reload(measure)
    assert "PYTHONDONTWRITEBYTECODE" not in reloaded.ENV
    assert reloaded.ENV["BEANCOUNT_DISABLE_LOAD_CACHE"] == "1"
