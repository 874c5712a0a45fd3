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
import os
import sys
import tempfile
from pathlib import Path

from bench import instructions, measure
from bench.generate import KINDS, generate
from bench.instructions import Ledger
from bench.report import Row, load_rows, save_rows, table, write_report

#: CPU seconds: flat per transaction from 10k to 300k, 50 to 2000 clients, each kind at 100k x 500
GRID = [Ledger("half", n, 500) for n in (10_000, 100_000, 300_000)]
GRID += [Ledger("half", 100_000, c) for c in (50, 2000)]
GRID += [Ledger(kind, 100_000, 500) for kind in ("clients", "books")]
GRID.sort(key=lambda g: (KINDS.index(g.kind), g.transactions, g.clients))
INSTRUCTION_GRID = [Ledger("clients", 20_000, 100), Ledger("clients", 20_000, 500)]
INSTRUCTION_GRID += [Ledger("half", 20_000, 100), Ledger("books", 20_000, 100)]
QUICK = [Ledger("half", 2_000, 20)]


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
    parser.add_argument("--save", type=Path, help="also write the measured rows as JSON")
    parser.add_argument("--merge", type=Path, nargs="+", metavar="JSON",
                        help="measure nothing: one report of rows saved by --save")  # fmt: skip
    args = parser.parse_args(argv)
    if args.merge:
        saved = [load_rows(path) for path in args.merge]
        merged = [row for rows, _ in saved for row in rows]
        texts = {r for _, text in saved for r in text.split("/") if r}
        return write_report(merged, args.seed, "/".join(sorted(texts, key=int)), args.output)
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
    runs_text = "/".join(str(r) for r in sorted(runs))
    if args.save:
        save_rows(args.save, rows, runs_text)
    return write_report(rows, args.seed, runs_text, output)


if __name__ == "__main__":
    sys.exit(main())
