"""`python -m bench`: Client Health against Beancount's and Fava's own work.

The full run (no options) takes both measures, about 35 minutes on two
cores (measured: 17 + 15 minutes on a shared two-core EPYC), and writes
docs/performance.md: --instructions counts instructions with valgrind's
callgrind (bean-check with the plugin line, without it and with the floor
plugin; the plugin function and realization.realize on their own) on four
ledgers of 20,000 transactions, about 20 minutes; CPU seconds (--cpu, and
any run without --instructions) time bean-check, the engine, the Fava tab
and peak memory on seven ledgers of 10,000 to 300,000 transactions, about
15 minutes. Any run but the full one writes to a temporary file unless
--output says where.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from bench import instructions, measure
from bench.generate import KINDS, generate
from bench.instructions import Ledger

#: CPU seconds: flat per transaction from 10k to 300k, 50 to 2000 clients, each kind at 100k x 500
GRID = [Ledger("half", n, 500) for n in (10_000, 100_000, 300_000)]
GRID += [Ledger("half", 100_000, c) for c in (50, 2000)]
GRID += [Ledger(kind, 100_000, 500) for kind in ("clients", "books")]
GRID.sort(key=lambda g: (KINDS.index(g.kind), g.transactions, g.clients))
INSTRUCTION_GRID = [Ledger("clients", 20_000, 100), Ledger("clients", 20_000, 500)]
INSTRUCTION_GRID += [Ledger("half", 20_000, 100), Ledger("books", 20_000, 100)]
QUICK = [Ledger("half", 2_000, 20)]
TARGET_SIZE = (100_000, 500)
#: instructions: bean-check with the plugin line / without, at most, at this size
INSTRUCTION_SIZE = 20_000
INSTRUCTION_LIMITS = {"books": 1.015, "half": 1.04, "clients": 1.08}
#: measurement -> what it is compared with
BASELINES = {
    "bean-check": "without the plugin line",
    "engine": "realization.realize",
    "plugin function": "realization.realize",
    "Fava tab": "Fava's income statement",
    "peak memory": "bean-check without the plugin",
    "floor": "without the plugin line",
    "over the floor": "the floor's added instructions",
}
#: CPU seconds at TARGET_SIZE: the highest ratio each target allows (None: for reading)
CPU_TARGETS = {"bean-check": None, "engine": None, "Fava tab": 1.0, "peak memory": 1.10}
KIND_TEXT = {
    "half": "half client work, half a household's spending (rent, groceries, card bills)",
    "clients": "client work only, every transaction a client's",
    "books": "a freelancer's whole books: about 7% client work, the rest bank and card imports "
    "with metadata, tags, links and splits over about 120 accounts and a few hundred payees",
}


class Row(NamedTuple):
    kind: str
    transactions: int
    clients: int
    measurement: str
    value: float | None
    baseline: float | None
    unit: str  # "s", "MiB" or "Ir" (instructions)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.value and self.baseline else None

    @property
    def per_txn(self) -> float | None:
        """Microseconds per transaction (timings only)."""
        return self.value / self.transactions * 1e6 if self.value and self.unit == "s" else None


def measure_size(ledger: Ledger, seed: int, repeat: int, workdir: Path) -> list[Row]:
    """The CPU measurements (and the whole plugin function) on one generated ledger."""
    kind, n, clients = ledger
    with_plugin = workdir / f"plugin-{kind}-{n}x{clients}.beancount"
    without = workdir / f"baseline-{kind}-{n}x{clients}.beancount"
    with_plugin.write_text(generate(n, clients, seed, kind=kind), encoding="utf-8")
    without.write_text(generate(n, clients, seed, plugin=False, kind=kind), encoding="utf-8")
    times: dict[Path, list[float]] = {with_plugin: [], without: []}
    memory: dict[Path, list[int]] = {with_plugin: [], without: []}
    for _ in range(repeat):
        for path in (with_plugin, without):  # interleaved, so drift hits both
            seconds, kib = measure.bean_check(path)
            times[path].append(seconds)
            memory[path].append(kib)
    # In-process runs are cheap next to loading the ledger: take more of them.
    engine = measure.worker("engine", without, 2 * repeat + 1)
    fava = measure.worker("fava", with_plugin, 2 * repeat + 1)
    rows = [
        Row(kind, n, clients, "bean-check", min(times[with_plugin]), min(times[without]), "s"),
        Row(kind, n, clients, "engine", engine["engine"], engine["realize"], "s"),
        Row(kind, n, clients, "plugin function", engine["plugin"], engine["realize"], "s"),
        Row(kind, n, clients, "Fava tab", fava.get("tab"), fava.get("income_statement"), "s"),
        Row(kind, n, clients, "peak memory", min(memory[with_plugin]) / 1024,
            min(memory[without]) / 1024, "MiB"),
    ]  # fmt: skip
    if "skipped" in fava:
        rows[3] = rows[3]._replace(note=f"skipped: {fava['skipped']}")
    for path in times:
        path.unlink()
    return rows


def instruction_rows(ledger: Ledger, runs: dict[str, int]) -> list[Row]:
    """The instruction rows of one ledger from its runs' counts."""
    kind, n, c = ledger
    added, floor = runs["with"] - runs["without"], runs["floor"] - runs["without"]
    return [
        Row(kind, n, c, "bean-check", runs["with"], runs["without"], "Ir"),
        Row(kind, n, c, "floor", runs["floor"], runs["without"], "Ir"),
        Row(kind, n, c, "over the floor", added, floor, "Ir", "bean-check's added instructions"),
        Row(kind, n, c, "plugin function", runs["plugin"] - runs["load"],
            runs["realize"] - runs["load"], "Ir"),
    ]  # fmt: skip


def _num(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value / 1e6:,.1f} M" if unit == "Ir" else f"{value:.3f} {unit}"


def table(rows: list[Row]) -> list[str]:
    """A Markdown table of every row (all of one unit family: times or instructions)."""
    counts = any(r.unit == "Ir" for r in rows)
    lines = [
        "| ledger | transactions | clients | measurement | Client Health | baseline | ratio |"
        + ("" if counts else " µs/txn |"),
        "|---|---:|---:|---|---:|---:|---:|" + ("" if counts else "---:|"),
    ]
    for r in rows:
        ratio = _num(r.ratio, 3 if r.unit == "Ir" else 2)
        lines.append(
            f"| {r.kind} | {r.transactions:,} | {r.clients:,} | {r.measurement} "
            f"| {_amount(r.value, r.unit)} | {_amount(r.baseline, r.unit)} "
            f"({BASELINES[r.measurement]}) | {ratio} |"
            + ("" if counts else f" {_num(r.per_txn, 1)} |")
            + (f" {r.note}" if r.note and r.unit != "Ir" else "")
        )
    return lines


def _spread(values: list[float]) -> float:
    return max(values) / min(values)


Verdict = tuple[str, str, bool | None]


def instruction_targets(rows: list[Row]) -> list[Verdict]:
    """bean-check's ratio at INSTRUCTION_SIZE against each kind's limit; the rest for reading."""
    found: list[Verdict] = []
    counted = [r for r in rows if r.unit == "Ir"]
    for r in (r for r in counted if r.measurement == "bean-check"):
        limit = INSTRUCTION_LIMITS.get(r.kind)
        where = f"{r.kind} {r.transactions:,} x {r.clients}"
        if r.transactions == INSTRUCTION_SIZE and limit is not None and r.ratio is not None:
            text = f"bean-check, {where}: at most {limit:.3f} x without the plugin line"
            found.append((text + " (instructions)", _num(r.ratio), r.ratio <= limit))
        else:
            text = f"bean-check, {where}: with / without the plugin line (instructions)"
            found.append((text, _num(r.ratio), None))
    for r in counted:
        where = f"{r.kind} {r.transactions:,} x {r.clients}"
        if r.measurement == "plugin function":
            text = f"plugin function / realization.realize, {where} (instructions, for reading)"
            found.append((text, _num(r.ratio, 2), None))
        elif r.measurement == "floor":
            text = f"floor, {where}: bean-check with bench.floor / without (for reading)"
            found.append((text, _num(r.ratio), None))
    return found


def targets(rows: list[Row]) -> list[Verdict]:
    """Each target: what it says, the figure, and whether it holds (None: for reading)."""
    found = instruction_targets(rows)
    timed = [r for r in rows if r.unit != "Ir"]
    n, c = TARGET_SIZE
    for kind in KINDS:
        at = {
            r.measurement: r for r in timed if (r.kind, r.transactions, r.clients) == (kind, n, c)
        }
        if not at:
            continue
        for name, limit in CPU_TARGETS.items():
            ratio = at[name].ratio if name in at else None
            if limit is None:
                text = f"{name} / {BASELINES[name]}, {kind} {n:,} x {c} (CPU seconds, for reading)"
                found.append((text, _num(ratio, 2), None))
            else:
                text = f"{name}, {kind} {n:,} x {c}: at most {limit:.2f} x {BASELINES[name]}"
                found.append((text, _num(ratio, 2), None if ratio is None else ratio <= limit))
            if name == "bean-check":
                found.extend(_implied_overhead(at, kind))
    engine = [r for r in timed if r.measurement == "engine" and r.per_txn]

    def realize(r: Row) -> float:  # realize's own time per transaction, for comparison
        return (r.baseline or 0) / r.transactions

    for kind, clients in sorted({(r.kind, r.clients) for r in engine}):
        same = [r for r in engine if (r.kind, r.clients) == (kind, clients)]
        if len(same) > 1:
            spread = _spread([r.per_txn or 0 for r in same])
            text = f"engine time per transaction, {kind} with {clients} clients, over sizes"
            figure = f"max/min {spread:.2f} (realize {_spread([realize(r) for r in same]):.2f})"
            found.append((text + ": within 20%", figure, spread <= 1.2))
            ratios = [r.ratio or 0 for r in same]
            text = f"engine / realize, {kind} with {clients} clients, over sizes (for reading)"
            found.append((text, f"{min(ratios):.2f} to {max(ratios):.2f}", None))
    for kind, size in sorted({(r.kind, r.transactions) for r in engine}):
        same = [r for r in engine if (r.kind, r.transactions) == (kind, size)]
        same.sort(key=lambda r: r.clients)
        if len(same) > 1:
            growth = (same[-1].per_txn or 0) / (same[0].per_txn or 1)
            text = f"engine time, {kind} {size:,}, {same[0].clients} to {same[-1].clients}"
            figure = f"{growth:.2f} (realize {realize(same[-1]) / realize(same[0]):.2f})"
            found.append((text + " clients: no growth (within 20%)", figure, growth <= 1.2))
    return found


def _implied_overhead(at: dict[str, Row], kind: str) -> list[Verdict]:
    """The plugin function's time over bean-check's without it, at the target size.

    A cross-check of the bean-check ratio, whose run-to-run noise on a busy
    machine exceeds the differences that matter.
    """
    plugin, check = at.get("plugin function"), at.get("bean-check")
    if plugin is None or check is None or not plugin.value or not check.baseline:
        return []
    n, c = TARGET_SIZE
    text = (
        f"bean-check, {kind} {n:,} x {c}, as the plugin function's own time implies it: "
        "1 + plugin function / bean-check without the plugin line (for reading)"
    )
    return [(text, f"{1 + plugin.value / check.baseline:.2f}", None)]


def machine() -> list[str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    return [
        f"- Date: {datetime.date.today()}",
        f"- CPU: {cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, beancount {metadata.version('beancount')}, "
        f"fava {metadata.version('fava')}",
    ]


def _cpuinfo() -> list[str]:
    path = Path("/proc/cpuinfo")
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def report(rows: list[Row], seed: int, repeat: str) -> str:
    counted = [r for r in rows if r.unit == "Ir"]
    timed = [r for r in rows if r.unit != "Ir"]
    kinds = [k for k in KINDS if any(r.kind == k for r in rows)]
    lines = [
        "# Performance",
        "",
        "Written by `python -m bench` (see the README). Ledgers come from `bench/generate.py`",
        f"(seed {seed}), over 2022-2025, of these kinds:",
        "",
        *(f"- {kind}: {KIND_TEXT[kind]}." for kind in kinds),
        "",
        "Measured on:",
        "",
        *machine(),
        "",
    ]
    if counted:
        lines += [
            "## Instructions",
            "",
            "Instructions counted by valgrind's callgrind (its `Collected` total), one fresh",
            "process each, bytecode cached, hash seed fixed: the same on every run.",
            "",
            "- bean-check: `bean-check --no-cache` with the `plugin` line and without it.",
            '- floor: the same with `plugin "bench.floor"` instead, a plugin that reads only what',
            "  Client Health must read (tags, links, the SPEC's metadata keys, the units of",
            "  receivable postings) and returns the entries unchanged.",
            "- over the floor: what the plugin line adds to bean-check, against what the",
            "  floor's adds.",
            "- plugin function: a loaded ledger, then `clienthealth(entries, options_map,",
            "  config)`, against the same with `realization.realize(entries)`, each less the",
            "  loading alone.",
            "",
            *table(counted),
            "",
        ]
    if timed:
        lines += [
            "## CPU seconds",
            "",
            f"The best of {repeat} `bean-check --no-cache` runs (and of twice as many plus one",
            "in-process runs), Client Health and baseline interleaved; peak memory is the lowest",
            "peak resident size of the `bean-check` runs.",
            "",
            "- bean-check: the same ledger with and without the `plugin` line.",
            "- engine: `analyse` against `realization.realize` on the same loaded entries;",
            "  plugin function: `analyse` plus writing the invoice metadata and the errors.",
            "- Fava tab: `/extension/ClientHealth/` against the income statement (its page and its",
            "  `api/income_statement` data), both warm, through Flask's test client.",
            "- µs/txn: the Client Health figure divided by the number of transactions.",
            "",
            *table(timed),
            "",
        ]
    lines += [
        "## Targets",
        "",
        "A figure in parentheses is the baseline's own, from the same runs: where",
        "`realize` drifts as much as the engine, the drift is the machine's (larger",
        "heaps, colder caches), not the engine's. The `engine / realize` rows show the",
        "engine's cost against one pass over the same entries, size by size.",
        "",
        "| target | figure | met |",
        "|---|---:|---|",
        *(
            f"| {t} | {f} | {'-' if ok is None else 'yes' if ok else 'NO'} |"
            for t, f, ok in targets(rows)
        ),
        "",
    ]
    return "\n".join(lines)


def _ledgers(args: argparse.Namespace, grid: list[Ledger]) -> list[Ledger]:
    kinds = args.kinds.split(",") if args.kinds else None
    if kinds and set(kinds) - set(KINDS):
        raise SystemExit(f"bench: --kinds takes {','.join(KINDS)}, not {args.kinds}")
    if args.sizes:
        sizes = [(int(n), int(c)) for n, c in (s.split("x") for s in args.sizes.split(","))]
        return [Ledger(k, n, c) for k in kinds or ["half"] for n, c in sizes]
    if args.quick:
        grid = QUICK if not kinds else [Ledger(k, n, c) for k in kinds for _, n, c in QUICK]
    return [g for g in grid if not kinds or g.kind in kinds]


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--instructions", action="store_true", help="instruction counts only")
    parser.add_argument("--cpu", action="store_true", help="CPU seconds only")
    parser.add_argument("--quick", action="store_true", help="one small ledger (half 2000 x 20)")
    parser.add_argument("--sizes", help="TRANSACTIONSxCLIENTS,... (default: the mode's grid)")
    parser.add_argument("--kinds", help="clients,half,books (default: half with --sizes, else all)")
    parser.add_argument("--repeat", type=int, help="CPU runs per measurement (default by size)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="callgrind runs at a time (default: one per core)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, help="Markdown report (default: see above)")
    args = parser.parse_args(argv)
    full = not (args.instructions or args.cpu or args.quick or args.sizes or args.kinds)
    counting = args.instructions or full
    timing = args.cpu or not args.instructions
    output = args.output or (
        measure.ROOT / "docs" / "performance.md"
        if full
        else Path(tempfile.gettempdir()) / "clienthealth-performance.md"
    )
    rows: list[Row] = []
    runs = set()
    with tempfile.TemporaryDirectory(prefix="clienthealth-bench-") as workdir:
        if counting:
            ledgers = _ledgers(args, INSTRUCTION_GRID)
            _say(f"instructions: {', '.join(map(str, ledgers))} ...")
            counts = instructions.count(ledgers, args.seed, Path(workdir), args.jobs, _say)
            for ledger in ledgers:
                ledger_rows = instruction_rows(ledger, counts[ledger])
                rows.extend(ledger_rows)
                print("\n".join(table(ledger_rows)[2:]), file=sys.stderr, flush=True)
        if timing:
            for ledger in _ledgers(args, GRID):
                n = ledger.transactions
                repeat = args.repeat or (5 if n <= 20_000 else 3 if n <= 100_000 else 2)
                runs.add(repeat)
                _say(f"CPU seconds: {ledger} clients ...")
                ledger_rows = measure_size(ledger, args.seed, repeat, Path(workdir))
                rows.extend(ledger_rows)
                print("\n".join(table(ledger_rows)[2:]), file=sys.stderr, flush=True)
    text = report(rows, args.seed, "/".join(str(r) for r in sorted(runs)))
    print(text)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    _say(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
