"""Issue 17: ids that forge lines, and ledgers Beancount itself fails on, stay one line each."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import beancount_plugins.clienthealth as plugin
from beancount_plugins.clienthealth import cli
from beancount_plugins.clienthealth.text import one_line, shown
from tests.helpers import load

FORGED_ID = r"evil\nclienthealth: config: forged line"

HEADER = """\
option "operating_currency" "EUR"
2020-01-01 open Assets:Bank
2020-01-01 open Assets:Receivable
2020-01-01 open Income:Consulting
"""

FORGED = f"""\
2025-01-01 * "Acme" "Invoice" ^inv-1
  client: "{FORGED_ID}"
  Assets:Receivable  100.00 EUR
  Income:Consulting
2025-02-01 * "Acme" "Payment"
  client: "{FORGED_ID}"
  invoice: "inv-404"
  Assets:Bank  100.00 EUR
  Assets:Receivable
"""


def write(tmp_path: Path, body: str, plugin: bool = True) -> Path:
    path = tmp_path / "books.beancount"
    line = "plugin \"beancount_plugins.clienthealth\" \"{'as_of': '2025-06-30'}\"\n"
    path.write_text((line if plugin else "") + HEADER + body, encoding="utf-8")
    return path


def test_a_forged_id_forges_no_line_of_bean_check(tmp_path: Path) -> None:
    path = write(tmp_path, FORGED)
    result = subprocess.run(
        [sys.executable, "-m", "beancount.scripts.check", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"},
        timeout=60,
        check=False,
    )
    # bean-check prints each error as `file:line: message`, then the entry
    # indented (Beancount's printer shows the string as written, newline and all).
    errors = [line for line in result.stderr.splitlines() if line and not line[0].isspace()]
    assert errors, result.stderr
    assert all(line.startswith(f"{path}:") for line in errors), errors
    # The id shows escaped inside the message that names it.
    assert any(r"client evil\nclienthealth: config: forged line" in line for line in errors)


def test_a_forged_id_forges_no_line_of_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, FORGED)
    assert cli.main([str(path), "--format", "csv"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert not [line for line in lines if line.startswith("clienthealth: config")]
    assert any(r"names no invoice of client evil\nclienthealth" in line for line in lines)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a\nb", r"a\nb"),
        ("a\r\nb", r"a\r\nb"),
        ("a\u2028b", r"a\u2028b"),
        ("a\x1b[31mb", r"a\x1b[31mb"),
        ("a\x85b", r"a\x85b"),
        ("tab\there", r"tab\there"),
        ("Zoë & Ünal", "Zoë & Ünal"),  # printable text stays as it is
        ("back\\slash", "back\\slash"),
    ],
)
def test_one_line_escapes_every_line_break(text: str, escaped: str) -> None:
    assert one_line(text) == escaped
    assert len(one_line(text).splitlines()) == 1


def test_shown_cuts_long_values() -> None:
    # repr of a 100-character string is 102 characters: cut to 60, length told.
    assert shown("x" * 100) == "'" + "x" * 59 + "... (102 characters)"
    assert shown("short") == "'short'"
    assert shown(10**5000) == "<a int too long to print>"


def test_a_ledger_beancount_fails_to_book_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # decimal.InvalidOperation inside Beancount's booking: a 38-line traceback.
    path = write(
        tmp_path,
        """\
2025-01-01 * "Acme" "Invoice" #client-acme
  Assets:Receivable  1000000000000000000000000000000 EUR
  Assets:Receivable  0.000000000000000000000000000001 EUR
  Income:Consulting
""",
        plugin=False,
    )
    assert cli.main([str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"clienthealth: cannot load {path}: Beancount fails on it "
        "(InvalidOperation: [<class 'decimal.InvalidOperation'>])\n"
    )


def test_another_plugins_traceback_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Beancount's pad plugin fails on a `custom "client"` with no value.
    path = write(tmp_path, '2025-01-01 custom "client"\n', plugin=False)
    path.write_text('plugin "beancount.ops.pad"\n' + path.read_text(encoding="utf-8"))
    assert cli.main([str(path)]) == 1
    err = capsys.readouterr().err
    # Beancount runs pad twice (the plugin line and its own): "(and 1 more)".
    assert err.startswith(
        f'clienthealth: cannot load {path}: Error applying plugin "beancount.ops.pad": '
        "TypeError: 'NoneType' object is not iterable"
    )
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("message", "line"),
    [
        ("one line", "one line"),
        ("first\nsecond", "first ..."),
        (
            'Error "x": Traceback (most recent call last):\n  File "a.py"\nKeyError: 1',
            'Error "x": KeyError: 1',
        ),
        ("", ""),
    ],
)
def test_first_line_of_a_beancount_message(message: str, line: str) -> None:
    assert cli.first_line(message) == line


def test_an_internal_error_is_one_short_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("x" * 1_000_000 + "\nclienthealth: config: forged")

    entries, _, options_map = load('2025-01-01 custom "client" "acme"\n')
    monkeypatch.setattr(plugin, "analyse", explode)
    out, errors = plugin.clienthealth(entries, options_map, None)
    assert len(out) == len(entries)
    [error] = errors
    assert error.message.startswith("clienthealth: internal: RuntimeError: xxx")
    assert len(error.message) < 400
    assert "\n" not in error.message
