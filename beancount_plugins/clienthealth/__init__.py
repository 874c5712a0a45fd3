"""Client health: which clients pay late, dispute, mooch hours or yield too little.

A Beancount plugin. With it, a ledger such as

    plugin "beancount_plugins.clienthealth" "{'min_rate': '80 EUR'}"

    2025-03-01 * "Acme GmbH" "Website, March" ^inv-2025-014 #client-acme
      hours: 24
      Assets:Receivable    1200.00 EUR
      Income:Consulting

gets `invoice_paid`, `invoice_open`, `days_overdue` ... on the receivable
posting, and `bean-check` reports, with file and line:

    clienthealth: overdue: invoice inv-2025-014 (Acme GmbH) is 45 days overdue, ...
"""

from __future__ import annotations

from collections.abc import Sequence

from beancount.core import data

from beancount_plugins.clienthealth import config as config_module
from beancount_plugins.clienthealth.annotate import annotate
from beancount_plugins.clienthealth.config import PLUGIN_NAME
from beancount_plugins.clienthealth.engine import analyse, gc_paused
from beancount_plugins.clienthealth.model import ClientHealthError
from beancount_plugins.clienthealth.source import plugin_source
from beancount_plugins.clienthealth.text import SHOWN_CHARS, one_line

__plugins__ = ("clienthealth",)


def clienthealth(
    entries: Sequence[data.Directive], options_map: data.Meta, config: str | None = None
) -> tuple[list[data.Directive], list[ClientHealthError]]:
    """Annotate invoices and report signals and data errors; never raises."""
    try:
        settings, problem = config_module.parse(config)
        if problem is not None:
            source = plugin_source(options_map, PLUGIN_NAME)
            return list(entries), [
                ClientHealthError(source, one_line(f"clienthealth: config: {problem}"), None)
            ]
        # The report dies before the cycle collector resumes: promoted to the
        # oldest generation, its records would bring on a full collection.
        with gc_paused():
            report = analyse(entries, options_map, settings)
            errors = list(report.errors)
            errors.extend(
                ClientHealthError(s.entry.meta, f"clienthealth: {s.kind}: {s.message}", s.entry)
                for s in report.signals
            )
            invoices = report.invoices
            # The rest of the report is freed first, and annotate frees each
            # invoice once written: the plugin's peak memory is the lower.
            del report
            annotated = annotate(entries, invoices, settings.receivable)
        # The one way out of every message: an id with a newline forges no line.
        return annotated, [e._replace(message=one_line(e.message)) for e in errors]
    except Exception as exc:
        source = plugin_source(options_map, PLUGIN_NAME)
        # Cut: an exception may quote a huge value.
        what = f"{type(exc).__name__}: {str(exc)[: SHOWN_CHARS * 4]}"
        message = one_line(f"clienthealth: internal: {what}; please report it")
        return list(entries), [ClientHealthError(source, message, None)]
