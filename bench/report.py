"""The benchmark's rows and its report: tables, targets, the machine, saved runs."""

from __future__ import annotations

import datetime
import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from bench import measure
from bench.generate import KINDS

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
                # Three digits: 1.1024 must not read "1.10" beside its limit of 1.10.
                found.append((text, _num(ratio, 3), None if ratio is None else ratio <= limit))
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


def save_rows(path: Path, rows: list[Row], repeat: str) -> None:
    """Keep a run's rows, to be merged with another's into one report (--merge)."""
    kept = {"repeat": repeat, "rows": [row._asdict() for row in rows]}
    path.write_text(json.dumps(kept, indent=1), encoding="utf-8")


def load_rows(path: Path) -> tuple[list[Row], str]:
    """The rows a run saved with --save, and its runs per measurement."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    return [Row(**fields) for fields in saved["rows"]], str(saved["repeat"])


def write_report(rows: list[Row], seed: int, repeat: str, output: Path | None) -> int:
    """Print the report of `rows` and write it to `output` (default: docs/performance.md)."""
    text = report(rows, seed, repeat)
    print(text)
    output = output or measure.ROOT / "docs" / "performance.md"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"bench: wrote {output}", file=sys.stderr, flush=True)
    return 0
