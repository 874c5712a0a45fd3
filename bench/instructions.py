"""Instruction counts of valgrind's callgrind: the plugin and its baselines in one run.

For each ledger, six fresh processes, each under `valgrind --tool=callgrind`:
`bean-check --no-cache` with the plugin line, without it, and with the floor's
line instead (`bench/floor.py`); and `python -m bench.phase` on the ledger
without the plugin line, which loads it and then does nothing, runs
`realization.realize` or runs the plugin function: the differences are those
functions' own counts. A count is the total of callgrind's `Collected :`
line, the same on every run (hash seed fixed), so the runs go in parallel,
one per core, with no effect on the figures. Bytecode is cached first, by one
plain run of each command.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from bench import floor, measure
from bench.generate import PLUGIN_LINE, generate

#: Hash randomisation changes dict and set work from run to run: fixed, every
#: run counts the same.
ENV = {**measure.ENV, "PYTHONHASHSEED": "0"}
COLLECTED = re.compile(r"^==\d+== Collected : (\d+)\s*$", re.MULTILINE)
#: name -> (ledger: "plugin", "baseline" or "floor"; the command's arguments after it)
RUNS = {
    "with": ("plugin", ["bean-check"]),
    "without": ("baseline", ["bean-check"]),
    "floor": ("floor", ["bean-check"]),
    "load": ("baseline", ["phase", "none"]),
    "realize": ("baseline", ["phase", "realize"]),
    "plugin": ("baseline", ["phase", "plugin"]),
}


class Ledger(NamedTuple):
    kind: str
    transactions: int
    clients: int

    def __str__(self) -> str:
        return f"{self.kind} {self.transactions:,} x {self.clients}"


def collected(log: str) -> int:
    """The total instruction count in callgrind's log (its last `Collected :` line)."""
    found = COLLECTED.findall(log)
    if not found:
        raise ValueError("callgrind's log has no 'Collected :' line")
    return int(found[-1])


def valgrind() -> str:
    found = shutil.which("valgrind") or (
        "/usr/bin/valgrind" if Path("/usr/bin/valgrind").exists() else None
    )
    if found is None:
        raise SystemExit("bench: --instructions needs valgrind (apt-get install valgrind)")
    return found


def argv(run: str, ledger: Path) -> list[str]:
    """The command of one run on `ledger`, as it runs outside valgrind."""
    _, (program, *rest) = RUNS[run]
    if program == "bean-check":
        return [*measure.bean_check_command(), "--no-cache", str(ledger)]
    return [sys.executable, "-m", "bench.phase", str(ledger), *rest]


def callgrind(command: list[str], out: Path) -> list[str]:
    """`command` under callgrind, its counts in `out` and its log beside it."""
    return [
        valgrind(),
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        f"--log-file={out.with_suffix('.log')}",
        *command,
    ]


def _run(command: list[str], expect: tuple[int, ...]) -> None:
    done = subprocess.run(
        command, env=ENV, cwd=measure.ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode not in expect:
        raise SystemExit(
            f"bench: {' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}"
        )


def _expect(run: str) -> tuple[int, ...]:
    return (0, 1) if run == "with" else (0,)  # 1: the plugin's signals are errors


def write_ledgers(ledger: Ledger, seed: int, workdir: Path) -> dict[str, Path]:
    """The ledger with the plugin line, without it, and with the floor's instead."""
    stem = f"{ledger.kind}-{ledger.transactions}x{ledger.clients}"
    text = generate(ledger.transactions, ledger.clients, seed, kind=ledger.kind)
    texts = {
        "plugin": text,
        "baseline": text.replace(PLUGIN_LINE, ""),
        "floor": text.replace(PLUGIN_LINE, floor.LINE),
    }
    paths = {}
    for name, content in texts.items():
        paths[name] = workdir / f"{name}-{stem}.beancount"
        paths[name].write_text(content, encoding="utf-8")
    return paths


def count(
    ledgers: list[Ledger],
    seed: int,
    workdir: Path,
    jobs: int,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[Ledger, dict[str, int]]:
    """Every run of every ledger: its instruction count, by ledger and run name."""
    files = {ledger: write_ledgers(ledger, seed, workdir) for ledger in ledgers}
    tasks = [(ledger, run) for ledger in ledgers for run in RUNS]

    def command(task: tuple[Ledger, str]) -> list[str]:
        ledger, run = task
        return argv(run, files[ledger][RUNS[run][0]])

    def plain(task: tuple[Ledger, str]) -> None:
        _run(command(task), _expect(task[1]))

    def measured(task: tuple[Ledger, str]) -> int:
        ledger, run = task
        out = workdir / f"{ledger.kind}-{ledger.transactions}x{ledger.clients}-{run}.callgrind"
        _run(callgrind(command(task), out), _expect(run))
        total = collected(out.with_suffix(".log").read_text(encoding="utf-8"))
        out.unlink(missing_ok=True)
        progress(f"{ledger}: {run}: {total:,} instructions")
        return total

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        # Plain runs first: bytecode cached, and every command known to work.
        list(pool.map(plain, tasks))
        progress(f"{len(tasks)} plain runs done; {len(tasks)} under callgrind, {jobs} at a time")
        totals = list(pool.map(measured, tasks))
    found: dict[Ledger, dict[str, int]] = {ledger: {} for ledger in ledgers}
    for (ledger, run), total in zip(tasks, totals, strict=True):
        found[ledger][run] = total
    for paths in files.values():
        for path in paths.values():
            path.unlink()
    return found
