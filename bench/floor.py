"""The floor: a plugin that reads only what Client Health must read, and changes nothing.

    plugin "bench.floor"

Every transaction's tags (is one a client tag?) and links, the metadata keys
the SPEC reads (`client`, `invoice`, `hours`, `due`, `terms`, `disputed`,
`billed_hours`, `project`), and the units (and `invoice:`) of postings on
receivable accounts; the entries come back unchanged, with no errors.
`bean-check` with this plugin against without it is the least any plugin
that does Client Health's work can add: importing a module, one pass over the
entries, and the loader's sort after every plugin.
"""

from __future__ import annotations

import re

from beancount.core import data

__plugins__ = ("floor",)

LINE = 'plugin "bench.floor"\n'
#: the SPEC's default `receivable` and `client_tag_prefix` (tests check them)
RECEIVABLE = r"^Assets:(AccountsReceivable|Receivables?)(:|$)"
PREFIX = "client-"
#: the metadata keys of a transaction the SPEC reads
KEYS = frozenset(
    ("client", "invoice", "hours", "due", "terms", "disputed", "billed_hours", "project")
)


def floor(
    entries: list[data.Directive], options_map: data.Meta, config: str | None = None
) -> tuple[list[data.Directive], list[data.BeancountError]]:
    """Read what Client Health reads; return `entries` themselves and no errors."""
    match = re.compile(RECEIVABLE).search
    receivable: dict[str, bool] = {}
    found: list[object] = []  # what was read, so that the reading does something
    transaction = data.Transaction
    for entry in entries:
        if type(entry) is not transaction:
            continue
        for tag in entry.tags:
            if tag.startswith(PREFIX):
                found.append(tag)
        found.extend(entry.links)
        meta = entry.meta
        if not KEYS.isdisjoint(meta):
            found.extend(meta[key] for key in KEYS if key in meta)
        for posting in entry.postings:
            account = posting.account
            known = receivable.get(account)
            if known is None:
                known = receivable[account] = match(account) is not None
            if known:
                found.append(posting.units)
                if posting.meta and "invoice" in posting.meta:
                    found.append(posting.meta["invoice"])
    return entries, []
