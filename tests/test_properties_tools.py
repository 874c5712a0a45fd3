"""Properties of the command line and `bean-check` on generated ledgers.

In process, for many ledgers: the report renders as JSON, table and CSV and
is the same on two runs. As real processes, for a few: `bean-check` prints no
traceback, and the command line's JSON is identical on two runs with
different hash seeds (no set or dict order leaks into the output).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from beancount import loader
from hypothesis import given

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.cli import to_csv
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.json_report import report_json
from beancount_plugins.clienthealth.table import render_table
from tests.ledger_strategies import ledgers
from tests.strategies import budget, with_plugin

BIN = Path(sys.executable).parent


@budget(250)
@given(ledgers())
def test_report_renders_the_same_twice(ledger: tuple[str, str]) -> None:
    text, config = ledger
    settings, problem = config_module.parse(config)
    assert problem is None
    outputs = []
    for _ in range(2):
        entries, _, options_map = loader.load_string(text)
        report = analyse(entries, options_map, settings)
        outputs.append(
            (
                json.dumps(report_json(report), allow_nan=False, ensure_ascii=False),
                render_table(report),
                to_csv(report),
            )
        )
    assert outputs[0] == outputs[1]


def run(args: list[str], seed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120, check=False)


@budget(15)
@given(ledgers())
def test_bean_check_and_the_command_line_run_clean(ledger: tuple[str, str]) -> None:
    text, config = ledger
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "books.beancount"
        path.write_text(with_plugin(text, config), encoding="utf-8")

        check = run([str(BIN / "bean-check"), "--no-cache", str(path)], "0")
        assert check.returncode in (0, 1), check.stderr
        assert "Traceback" not in check.stderr + check.stdout, check.stderr
        assert "Error applying plugin" not in check.stderr, check.stderr
        assert "clienthealth: internal" not in check.stderr, check.stderr

        cli = [sys.executable, "-m", "beancount_plugins.clienthealth.cli", str(path)]
        first = run([*cli, "--format", "json"], "1")
        second = run([*cli, "--format", "json"], "2")
        assert first.returncode == 0, first.stderr
        assert "Traceback" not in first.stderr, first.stderr
        assert first.stdout == second.stdout
        assert first.stderr == second.stderr
        json.loads(first.stdout)
