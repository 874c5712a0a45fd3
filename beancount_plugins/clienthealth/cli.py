"""`clienthealth LEDGER`: the client ranking as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from beancount import loader

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.chase import chase_csv, chase_total, render_chase, unpriced_open
from beancount_plugins.clienthealth.engine import analyse
from beancount_plugins.clienthealth.explain import clients_only_after, plural
from beancount_plugins.clienthealth.json_report import (
    MONEY,
    NUMBERS,
    chase_json,
    client_json,
    csv_row,
    report_json,
)
from beancount_plugins.clienthealth.model import AGING_BUCKETS, ClientHealthError, Report
from beancount_plugins.clienthealth.table import render_table
from beancount_plugins.clienthealth.text import one_line

#: Beancount error types that mean the ledger could not be read as written.
_UNREADABLE = frozenset({"ParserError", "ParserSyntaxError", "LexerError", "LoadError"})


#: The CSV's columns: client_json's keys in its order, with aging as one column per
#: bucket at the end. A constant, so that a ledger with no client still gets the
#: header; DictWriter refuses a row with another key, so the two cannot drift apart.
CSV_FIELDS = (
    "client",
    "name",
    *MONEY,
    *NUMBERS,
    "payment_score",
    "disputes",
    "reminders",
    "yield_per_hour",
    "yield_pending",
    "projects",
    "signals",
    *(f"aging_{bucket.key}" for bucket in AGING_BUCKETS),
)


class LedgerError(Exception):
    """A ledger that cannot be read; the message is one line for stderr."""


_TRACEBACK = "Traceback (most recent call last):"


def first_line(message: str) -> str:
    """A Beancount message as one line: a traceback shrinks to its exception."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if not lines:
        return ""
    head = lines[0]
    if head.endswith(_TRACEBACK) and len(lines) > 1:
        # `Error applying plugin "x": Traceback ...` then the stack, then `TypeError: ...`.
        head = f"{head[: -len(_TRACEBACK)].rstrip()} {lines[-1]}"
    elif len(lines) > 1:
        head += " ..."
    return one_line(head)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The command line's arguments."""
    parser = argparse.ArgumentParser(
        prog="clienthealth",
        description="Rank the clients of a Beancount ledger by cash-flow risk and yield.",
    )
    parser.add_argument("ledger", help="the Beancount ledger file")
    parser.add_argument("--as-of", type=_date, help="judge the ledger at this date (YYYY-MM-DD)")
    parser.add_argument(
        "--window-days", type=_days, help="cover invoices of the last N days (0: all)"
    )
    parser.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format"
    )
    parser.add_argument(
        "--chase",
        action="store_true",
        help="print what to chase today: the open invoices past due and their next steps",
    )
    return parser


class Loaded(NamedTuple):
    """A ledger's report, the notes for stderr, and what lies after its A."""

    report: Report
    notes: list[str]
    #: How many clients the ledger has after A, counted only when none is up to A.
    later: int = 0


def load_report(
    path: str, as_of: datetime.date | None = None, window_days: int | None = None
) -> Loaded:
    """Load a ledger and analyse it with its plugin config; notes for stderr."""
    if not Path(path).is_file():
        why = "not a file" if Path(path).exists() else "no such file"
        raise LedgerError(f"clienthealth: cannot read {path}: {why}")
    try:
        entries, errors, options_map = loader.load_file(path)
    except Exception as exc:  # Beancount itself failed on the ledger (its booking, say)
        why = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise LedgerError(
            f"clienthealth: cannot load {path}: Beancount fails on it ({first_line(why)})"
        ) from exc
    syntax = [e for e in errors if type(e).__name__ in _UNREADABLE]
    if syntax:
        first = syntax[0]
        filename = first.source.get("filename") if first.source else None
        where = path
        if isinstance(filename, str) and not filename.startswith("<"):
            where = f"{filename}:{first.source.get('lineno')}"
        more = f" (and {len(syntax) - 1} more)" if len(syntax) > 1 else ""
        verb = "load" if type(first).__name__ == "LoadError" else "parse"
        raise LedgerError(f"clienthealth: cannot {verb} {where}: {first_line(first.message)}{more}")
    settings, problem = config_module.parse(config_module.plugin_config_text(options_map))
    if problem is not None:
        raise LedgerError(f"clienthealth: config: {problem}")
    changes: dict[str, Any] = {}
    if as_of is not None:
        changes["as_of"] = as_of
    if window_days is not None:
        changes["window_days"] = window_days
    settings = dataclasses.replace(settings, **changes)
    report = analyse(entries, options_map, settings)
    notes = [
        f"{e.source.get('filename')}:{e.source.get('lineno')}: {e.message}" for e in report.errors
    ]
    # The plugin's own errors, if the ledger has its line, are the ones above.
    others = [e for e in errors if not isinstance(e, ClientHealthError)]
    if others:
        notes.append(
            f"clienthealth: the ledger has {plural(len(others), 'other error')} "
            "(bean-check lists them): the figures may be off"
        )
    # An --as-of before the first client is no tagging mistake: say so.
    return Loaded(report, notes, len(clients_only_after(report)))


def to_csv(report: Report) -> str:
    """One row per client, in risk order; aging as one column per bucket."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for client in report.clients:
        row = client_json(client, report.places)
        aging = row.pop("aging")
        row.update({f"aging_{bucket.key}": aging[bucket.key] for bucket in AGING_BUCKETS})
        row["signals"] = " ".join(row["signals"])
        # One cell per client: each project as id:hours/budget_hours (decisions.md).
        row["projects"] = " ".join(
            f"{p['project']}:{p['hours']}/{'-' if p['budget_hours'] is None else p['budget_hours']}"
            for p in row["projects"]
        )
        writer.writerow(csv_row(row))
    return out.getvalue()


def _chase_text(report: Report, output: str) -> str:
    """The chase list (SPEC section 15) as a table, JSON or CSV."""
    if output == "json":
        value = {
            "as_of": report.as_of.isoformat(),
            "currency": report.currency,
            "total": f"{chase_total(report):f}",
            # Left out of the total: the open money no price converts, by currency.
            "unpriced": {
                currency: f"{amount:f}" for currency, amount in unpriced_open(report).items()
            },
            "chase": chase_json(report),
        }
        return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    if output == "csv":
        return chase_csv(report)
    return render_chase(report)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; 0 on success, 1 for a ledger that cannot be read."""
    args = build_parser().parse_args(argv)
    try:
        report, notes, later = load_report(args.ledger, args.as_of, args.window_days)
    except LedgerError as exc:
        print(one_line(str(exc)), file=sys.stderr)
        return 1
    for note in notes:
        print(one_line(note), file=sys.stderr)
    if args.chase:
        text = _chase_text(report, args.format)
    elif args.format == "json":
        text = json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        text = to_csv(report)
    else:
        text = render_table(report, later)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `clienthealth ledger | head` closed the pipe: not an error of ours.
        sys.stdout = io.TextIOWrapper(io.BytesIO())
    return 0


if __name__ == "__main__":
    sys.exit(main())
