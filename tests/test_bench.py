"""The benchmark's quick runs, its floor plugin and callgrind: it works, not how fast."""

from __future__ import annotations

import importlib
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from beancount import loader

from beancount_plugins.clienthealth.config import Config
from bench import floor, generate, instructions, measure

ROOT = Path(__file__).resolve().parents[1]


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


def test_measured_runs_cache_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    """A measured bean-check must not compile the plugin from source on every run."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    reloaded = importlib.reload(measure)
    assert "PYTHONDONTWRITEBYTECODE" not in reloaded.ENV
    assert reloaded.ENV["BEANCOUNT_DISABLE_LOAD_CACHE"] == "1"
    assert "PYTHONDONTWRITEBYTECODE" not in importlib.reload(instructions).ENV
