"""The benchmark's generator and its quick runs: it works, not how fast (no timings here)."""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data

from beancount_plugins.clienthealth.config import Config
from bench import floor, generate, instructions, measure
from bench.__main__ import instruction_rows, main
from bench.instructions import Ledger
from bench.report import Row, save_rows, targets

ROOT = Path(__file__).resolve().parents[1]


def test_same_seed_same_ledger_other_seed_other_ledger() -> None:
    for kind in generate.KINDS:
        first = generate.generate(1500, 12, seed=7, kind=kind)
        assert first == generate.generate(1500, 12, seed=7, kind=kind)
        assert first != generate.generate(1500, 12, seed=8, kind=kind)
        assert generate.PLUGIN_LINE in first
        without = generate.generate(1500, 12, seed=7, plugin=False, kind=kind)
        assert without == first.replace(generate.PLUGIN_LINE, "")
    with pytest.raises(ValueError, match="kind must be one of"):
        generate.generate(100, 2, kind="household")


def test_half_is_the_ledger_it_always_was() -> None:
    """`half`, the default, is byte for byte the ledger of before the kinds (issue 18)."""
    text = generate.generate(1500, 12, seed=7)
    assert text == generate.generate(1500, 12, seed=7, kind="half")
    digest = "09880b38d2bad3ca9fc62d83cccb016f37e9c7b3234feb5e458b1fa40f897b3e"
    assert hashlib.sha256(text.encode()).hexdigest() == digest


def _load(tmp_path: Path, text: str) -> tuple[list[data.Transaction], list[data.Directive]]:
    """The transactions and entries of a generated ledger, which has no Beancount error."""
    path = tmp_path / "ledger.beancount"
    path.write_text(text, encoding="utf-8")
    entries, errors, _ = loader.load_file(str(path))
    messages = [error.message for error in errors]
    assert all(m.startswith("clienthealth: ") for m in messages), messages[:3]
    bad = ("clienthealth: data", "clienthealth: config", "clienthealth: internal")
    assert not [m for m in messages if m.startswith(bad)]
    return [e for e in entries if isinstance(e, data.Transaction)], entries


def _clients(txn: data.Transaction) -> bool:
    """A client's transaction: its tag, `client:`, a receivable posting or an invoice link."""
    return (
        any(tag.startswith("client-") for tag in txn.tags)
        or "client" in txn.meta
        or any(p.account.startswith("Assets:Receivable") for p in txn.postings)
        or any(link.startswith("inv-") for link in txn.links)
    )


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


@pytest.mark.parametrize(("transactions", "clients", "seed"), [(1500, 40, 1), (300, 3, 2)])
def test_clients_kind_is_client_work_only(
    tmp_path: Path, transactions: int, clients: int, seed: int
) -> None:
    text = generate.generate(transactions, clients, seed, kind="clients")
    txns, _ = _load(tmp_path, text)
    assert transactions <= len(txns) < transactions + 10  # the last invoice's payments
    household = [t for t in txns if not _clients(t)]
    assert not household, household[:2]
    assert sum(1 for t in txns if str(t.narration).startswith("Invoice")) > transactions / 10
    assert "Opening balance" not in text and "Landlord" not in text


@pytest.mark.parametrize(("transactions", "clients", "seed"), [(4000, 25, 1), (500, 4, 3)])
def test_books_kind_is_a_freelancers_books(
    tmp_path: Path, transactions: int, clients: int, seed: int
) -> None:
    text = generate.generate(transactions, clients, seed, kind="books")
    txns, entries = _load(tmp_path, text)
    assert abs(len(txns) - transactions) <= 3
    share = sum(1 for t in txns if _clients(t)) / len(txns)
    assert 0.06 <= share <= 0.08, share
    if transactions < 1000:
        return
    opened = [e for e in entries if isinstance(e, data.Open)]
    assert len(opened) >= 100
    assert len({p.account for t in txns for p in t.postings}) >= 85
    assert len({t.payee for t in txns}) >= 200
    personal = [t for t in txns if not _clients(t)]

    def count(test: Callable[[data.Transaction], object]) -> int:
        return sum(1 for t in personal if test(t))

    assert count(lambda t: "import-id" in t.meta and "bank-ref" in t.meta) > 300
    assert count(lambda t: "import-id" in t.meta and "card-desc" in t.meta) > 300
    assert count(lambda t: any(tag.startswith("trip-") for tag in t.tags)) > 20
    assert count(lambda t: any(tag.startswith("tax-") for tag in t.tags)) > 50
    assert count(lambda t: any(link.startswith("receipt-") for link in t.links)) > 50
    splits = [sum(p.account.startswith("Expenses:") for p in t.postings) for t in personal]
    assert {2, 3, 4} <= set(splits) and max(splits) == 4
    currencies = {p.units.currency for t in personal for p in t.postings if p.units}
    assert {"EUR", "USD", "GBP", "VWCE"} <= currencies
    priced = {e.currency for e in entries if isinstance(e, data.Price)}
    assert {"USD", "GBP", "VWCE"} <= priced
    keys = {"client", "invoice", "hours", "project", "disputed", "terms", "due"}
    assert not count(lambda t: keys & set(t.meta))


def test_kind_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "books.beancount"
    made = subprocess.run(
        [sys.executable, "-m", "bench.generate", "--kind", "books", "--transactions", "300",
         "--clients", "3", "--no-plugin", "-o", str(out)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert out.read_text(encoding="utf-8") == generate.generate(300, 3, plugin=False, kind="books")


def test_floor_reads_and_returns_the_entries_unchanged(tmp_path: Path) -> None:
    text = generate.generate(1500, 12, seed=2, plugin=False, kind="books")
    entries, errors, options_map = loader.load_string(text)
    assert not errors
    before = list(entries)
    returned, found = floor.floor(entries, options_map)
    assert returned is entries and found == []
    assert returned == before
    # Through a real plugin line: the same entries, no error.
    path = tmp_path / "floor.beancount"
    path.write_text(text.replace('option "operating_currency" "EUR"\n',
                                 'option "operating_currency" "EUR"\n' + floor.LINE),
                    encoding="utf-8")  # fmt: skip
    with_floor, errors, _ = loader.load_file(str(path))
    assert not errors
    assert len(with_floor) == len(entries)


def test_floor_reads_what_the_spec_says() -> None:
    """The floor's receivable accounts, client tag prefix and metadata keys are the SPEC's."""
    assert Config().receivable == floor.RECEIVABLE
    assert Config().client_tag_prefix == floor.PREFIX
    spec = (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    keys = set(re.findall(r"`([a-z_]+):", spec)) - {"clienthealth"}
    assert keys == floor.KEYS


def test_collected_line_of_callgrind() -> None:
    log = """==4242== Callgrind, a call-graph generating cache profiler
==4242== Events    : Ir
==4242== Collected : 9850862544
==4242==
==4242== I   refs:      9,850,862,544
"""
    assert instructions.collected(log) == 9850862544
    with pytest.raises(ValueError, match="Collected"):
        instructions.collected("==1== I   refs:      12\n")


def test_callgrind_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instructions, "valgrind", lambda: "/usr/bin/valgrind")
    ledger = tmp_path / "l.beancount"
    check = instructions.argv("with", ledger)
    assert check[1:] == ["--no-cache", str(ledger)] and check[0].endswith("bean-check")
    phase = instructions.argv("plugin", ledger)
    assert phase == [sys.executable, "-m", "bench.phase", str(ledger), "plugin"]
    assert instructions.argv("load", ledger)[-1] == "none"
    out = tmp_path / "run.callgrind"
    assert instructions.callgrind(phase, out) == [
        "/usr/bin/valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        f"--log-file={tmp_path / 'run.log'}",
        *phase,
    ]
    assert instructions.ENV["PYTHONHASHSEED"] == "0"
    assert instructions.ENV["BEANCOUNT_DISABLE_LOAD_CACHE"] == "1"
    assert str(ROOT) in instructions.ENV["PYTHONPATH"].split(os.pathsep)


#: Stands in for valgrind: runs the command, logs a count callgrind's way.
FAKE_VALGRIND = """
import os, subprocess, sys
args = sys.argv[1:]
options = []
while args[0].startswith("--"):
    options.append(args.pop(0))
log = next(o.split("=", 1)[1] for o in options if o.startswith("--log-file="))
code = subprocess.run(args, check=False).returncode
with open(os.environ["FAKE_VALGRIND_CALLS"], "a") as calls:
    calls.write(" ".join(options + args) + "\\n")
count = 10**9 + 1000 * len(" ".join(args)) + 7 * ("plugin" in args[-1])
with open(log, "w") as out:
    out.write(f"==1== Events    : Ir\\n==1== Collected : {count}\\n")
sys.exit(code)
"""


def test_instructions_mode_end_to_end_with_a_stand_in_valgrind(tmp_path: Path) -> None:
    """The whole --instructions run, valgrind replaced by a script that counts nothing real."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "valgrind"
    fake.write_text(f"#!{sys.executable}\n{FAKE_VALGRIND}", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    calls, output = tmp_path / "calls.txt", tmp_path / "performance.md"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env["FAKE_VALGRIND_CALLS"] = str(calls)
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--instructions", "--sizes", "300x4",
         "--kinds", "half,books", "--output", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    runs = calls.read_text(encoding="utf-8").splitlines()
    assert len(runs) == 12
    assert all(r.startswith("--tool=callgrind --callgrind-out-file=") for r in runs)
    assert sum("bean-check --no-cache" in r for r in runs) == 6
    assert sum("-m bench.phase" in r for r in runs) == 6
    report = output.read_text(encoding="utf-8")
    for kind in ("half", "books"):
        rows = [line for line in report.splitlines() if line.startswith(f"| {kind} | 300 | 4 |")]
        names = [row.split("|")[4].strip() for row in rows]
        assert names == ["bean-check", "floor", "over the floor", "plugin function"]
        assert all(" M " in row for row in rows)
    assert "## CPU seconds" not in report and "## Instructions" in report
    assert "plugin function / realization.realize, books 300 x 4" in report


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
    rows = [line for line in report.splitlines() if line.startswith("| half | 2,000 | 20 |")]
    names = [row.split("|")[4].strip() for row in rows]
    assert names == ["bean-check", "engine", "plugin function", "Fava tab", "peak memory"]
    for row in rows:
        if "skipped" not in row:
            assert " s " in row or " MiB " in row, row
    assert "beancount 3." in report and "CPU:" in report
    assert "## Instructions" not in report  # --quick alone: CPU seconds, no valgrind


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
    assert verdicts[memory] == ("1.07", True)
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


def test_measured_runs_cache_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    """A measured bean-check must not compile the plugin from source on every run."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    reloaded = importlib.reload(measure)
    assert "PYTHONDONTWRITEBYTECODE" not in reloaded.ENV
    assert reloaded.ENV["BEANCOUNT_DISABLE_LOAD_CACHE"] == "1"
    assert "PYTHONDONTWRITEBYTECODE" not in importlib.reload(instructions).ENV


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
