"""Fava journal filters: a client's transactions, and an invoice with what names it.

Written in Fava 1.30's filter language (fava/core/filters.py): `#tag` and
`^link` are exact but take only the characters `[A-Za-z0-9-_/.]`, with no
quoting; `key:"regex"` searches a metadata value, or an attribute such as a
posting's `account` inside `any(...)`, with re.IGNORECASE; `a, b` is "or".
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from beancount_plugins.clienthealth.config import TAG_WORD, Config
from beancount_plugins.clienthealth.model import Invoice, Report

#: Characters special in a regex outside a class, and `"`, which would end Fava's string.
_SPECIAL = re.compile(r'[.^$*+?{}\[\]\\|()"]')

#: Up to this many terms are one flat list; more are grouped (see `any_of`).
_FLAT = 32


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return r"\x22" if char == '"' else "\\" + char


def exact(*texts: str) -> str:
    """A quoted regex for Fava's `key:` that matches exactly one of `texts`, case included.

    Fava compiles it with re.IGNORECASE, so `(?-i:...)` turns that off: `acme`
    must not match the client `ACME`. Only the characters special outside a
    class are escaped (re.escape also escapes `-` and spaces), to keep URLs short.
    """
    alternatives = "|".join(_SPECIAL.sub(_escape, text) for text in texts)
    return f'"^(?-i:{alternatives})$"'


def any_of(terms: Sequence[str]) -> str:
    """The terms joined by "or", grouped so that Fava can evaluate many of them.

    Fava nests one Python call per `,`: about 1000 terms in a row exceed the
    recursion limit and the journal fails. Groups of about sqrt(n) terms keep
    the depth near 2 sqrt(n).
    """
    if len(terms) <= _FLAT:
        return ", ".join(terms)
    size = math.isqrt(len(terms) - 1) + 1
    groups = (terms[start : start + size] for start in range(0, len(terms), size))
    return ", ".join(f"({', '.join(group)})" for group in groups)


def _real_id(invoice: Invoice) -> tuple[bool, bool]:
    """Whether the invoice's id is one of its links, and whether it is its `invoice:`."""
    name, entry = invoice.invoice_id, invoice.entry
    # `invoice:` may hold an Amount or a date, whose == fails on a string: compare strings.
    written = entry.meta.get("invoice")
    return name in entry.links, isinstance(written, str) and written == name


def invoice_filter(invoice: Invoice) -> str | None:
    """The journal of an invoice and of what names it, or None for a `<file>:<line>` id.

    Its link, or `invoice:` on a transaction or a posting (SPEC 4, rule 1).
    Nothing can name a `<file>:<line>` id.
    """
    linked, written = _real_id(invoice)
    if not linked and not written:
        return None
    name = invoice.invoice_id
    regex = exact(name)
    terms = [f"^{name}"] if linked and TAG_WORD.fullmatch(name) else []
    return ", ".join([*terms, f"invoice:{regex}", f"any(invoice:{regex})"])


def client_filter(report: Report, config: Config, client: str) -> str:
    """The journal of what the engine counts as the client's (SPEC 2, rules 1 to 4).

    Its tag; its `client:`; an `invoice:`, on the transaction or a posting,
    naming one of its invoices whose id is no link; a posting on a receivable sub-account only
    it uses; a link to one of its invoices. The links come last: they are
    most of the filter.
    """
    tag = f"{config.client_tag_prefix}{client}"
    terms = [f"#{tag}"] if TAG_WORD.fullmatch(tag) else []
    terms.append(f"client:{exact(client)}")
    links: set[str] = set()
    names: set[str] = set()
    for invoice in report.invoices:
        if invoice.client != client:
            continue
        linked, written = _real_id(invoice)
        if linked and TAG_WORD.fullmatch(invoice.invoice_id):
            links.add(invoice.invoice_id)
        elif linked or written:
            # Only ids no link can name: with every id the URL would double
            # (docs/decisions.md, "In Fava").
            names.add(invoice.invoice_id)
    if names:
        # On the transaction or on a posting (SPEC 4, rule 1), as in invoice_filter.
        regex = exact(*sorted(names))
        terms.extend((f"invoice:{regex}", f"any(invoice:{regex})"))
    accounts = sorted(a for a, owner in report.accounts.items() if owner == client)
    if accounts:
        terms.append(f"any(account:{exact(*accounts)})")
    return any_of([*terms, *(f"^{link}" for link in sorted(links))])
