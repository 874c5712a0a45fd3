"""SPEC section 8: `bean-check` reports every signal with file and line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGIN_LINE = "plugin \"beancount_plugins.clienthealth\" \"{'as_of': '2025-06-30'%s}\"\n"

HEADER = """\
option "operating_currency" "EUR"
2020-01-01 open Assets:Bank
2020-01-01 open Assets:Receivable
2020-01-01 open Income:Consulting
"""

FLAGGED = """
2025-01-01 custom "client" "acme"
  name: "Acme GmbH"

2025-04-01 * "Acme GmbH" "Website" #client-acme
  invoice: "inv-2025-014"
  due: 2025-05-16
  Assets:Receivable    1200.00 EUR
  Income:Consulting

2025-04-02 * "Globex" "Design" ^inv-g #client-globex
  hours: "lots"
  Assets:Receivable     300.00 EUR
  Income:Consulting

2025-04-20 * "Globex" "Payment" ^inv-g
  Assets:Bank           300.00 EUR
  Assets:Receivable    -300.00 EUR
"""

CLEAN = """
2025-06-01 * "Acme GmbH" "Website" ^inv-1 #client-acme
  Assets:Receivable    500.00 EUR
  Income:Consulting

2025-06-02 * "Globex" "Design" ^inv-2 #client-globex
  Assets:Receivable    500.00 EUR
  Income:Consulting

2025-06-20 * "Globex" "Payment" ^inv-2
  Assets:Bank           500.00 EUR
  Assets:Receivable    -500.00 EUR
"""


#: The ledger's path and bean-check's run.
Checked = tuple[Path, subprocess.CompletedProcess[str]]


def _bean_check(tmp_path: Path, body: str, extra_config: str = "") -> Checked:
    path = tmp_path / "ledger.beancount"
    path.write_text(PLUGIN_LINE % extra_config + HEADER + textwrap.dedent(body), encoding="utf-8")
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "beancount.scripts.check", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    return path, result


def _line(body: str, needle: str) -> int:
    lines = (PLUGIN_LINE + HEADER + textwrap.dedent(body)).splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


@pytest.fixture(scope="module")
def flagged(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    return _bean_check(tmp_path_factory.mktemp("flagged"), FLAGGED)


def test_signals_and_data_errors_exit_1(flagged: Checked) -> None:
    _, result = flagged
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_every_clienthealth_line_has_file_and_line(flagged: Checked) -> None:
    path, result = flagged
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "clienthealth:" in line]
    assert lines
    for line in lines:
        assert line.startswith(f"{path}:"), line
    website = _line(FLAGGED, '"Website"')
    design = _line(FLAGGED, '"Design"')
    assert (
        f"{path}:{website}: clienthealth: overdue: invoice inv-2025-014 (Acme GmbH) "
        "is 45 days overdue, 1200.00 EUR open: send the second reminder (no reminder sent yet)"
    ) in lines
    assert any(line.startswith(f"{path}:{design}: clienthealth: data: hours: ") for line in lines)


def test_a_config_error_points_at_the_plugin_line(tmp_path: Path) -> None:
    path, result = _bean_check(tmp_path, CLEAN, ", 'window_days': -1")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    [line] = [line for line in result.stderr.splitlines() if "clienthealth:" in line]
    assert line.startswith(f"{path}:1: clienthealth: config: 'window_days'")


def test_a_clean_ledger_exits_0(tmp_path: Path) -> None:
    # Two clients at 50% each: no concentration; nothing overdue or disputed.
    _, result = _bean_check(tmp_path, CLEAN)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_client_directive_with_no_value_is_reported_not_a_crash(tmp_path: Path) -> None:
    # Beancount leaves its values None (its pad plugin fails on it too); its
    # printer cannot print such an entry, so the error names the place only.
    path, result = _bean_check(tmp_path, '2025-01-01 custom "client"\n')
    line = _line('2025-01-01 custom "client"\n', 'custom "client"')
    assert f'{path}:{line}: clienthealth: data: custom "client" needs a client id' in result.stderr
    assert "printer.py" not in result.stdout + result.stderr
