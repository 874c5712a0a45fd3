"""The benchmark's ledger generator: seeds, kinds, and ledgers that load with only our signals."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data

from bench import generate


def test_same_seed_same_ledger_other_seed_other_ledger() -> None:
    for kind in generate.KINDS:
        first = generate.generate(1500, 12, seed=7, kind=kind)
        assert first == generate.generate(1500, 12, seed=7, kind=kind)
        assert first != generate.generate(1500, 12, seed=8, kind=kind)
        assert generate.PLUGIN_LINE in first
        without = generate.generate(1500, 12, seed=7, plugin=False, kind=kind)
        assert without == first.replace(generate.PLUGIN_LINE, "")
    with pytest.raises(ValueError, match="kind must be one of"):
        generate.generate(100, 2, kind="household")


def test_half_is_the_ledger_it_always_was() -> None:
    """`half`, the default, is byte for byte the ledger of before the kinds (issue 18)."""
    text = generate.generate(1500, 12, seed=7)
    assert text == generate.generate(1500, 12, seed=7, kind="half")
    digest = "09880b38d2bad3ca9fc62d83cccb016f37e9c7b3234feb5e458b1fa40f897b3e"
    assert hashlib.sha256(text.encode()).hexdigest() == digest


def _load(tmp_path: Path, text: str) -> tuple[list[data.Transaction], list[data.Directive]]:
    """The transactions and entries of a generated ledger, which has no Beancount error."""
    path = tmp_path / "ledger.beancount"
    path.write_text(text, encoding="utf-8")
    entries, errors, _ = loader.load_file(str(path))
    messages = [error.message for error in errors]
    assert all(m.startswith("clienthealth: ") for m in messages), messages[:3]
    bad = ("clienthealth: data", "clienthealth: config", "clienthealth: internal")
    assert not [m for m in messages if m.startswith(bad)]
    return [e for e in entries if isinstance(e, data.Transaction)], entries


def _clients(txn: data.Transaction) -> bool:
    """A client's transaction: its tag, `client:`, a receivable posting or an invoice link."""
    return (
        any(tag.startswith("client-") for tag in txn.tags)
        or "client" in txn.meta
        or any(p.account.startswith("Assets:Receivable") for p in txn.postings)
        or any(link.startswith("inv-") for link in txn.links)
    )


def test_generated_ledger_loads_with_only_clienthealth_signals(tmp_path: Path) -> None:
    path = tmp_path / "ledger.beancount"
    path.write_text(generate.generate(2000, 20, seed=1), encoding="utf-8")
    entries, errors, _ = loader.load_file(str(path))
    messages = [error.message for error in errors]
    assert all(m.startswith("clienthealth: ") for m in messages), messages[:3]
    assert not [m for m in messages if m.startswith(("clienthealth: data", "clienthealth: config"))]
    assert {m.split(":")[1].strip() for m in messages} >= {"overdue", "low-yield"}

    txns = [e for e in entries if isinstance(e, data.Transaction)]
    assert len(txns) == 2000

    def count(test: Callable[[data.Transaction], object]) -> int:
        return sum(1 for t in txns if test(t))

    assert count(lambda t: str(t.narration).startswith("Invoice")) > 100
    assert count(lambda t: any("invoice_paid" in (p.meta or {}) for p in t.postings)) > 100
    assert count(lambda t: str(t.narration).startswith("Payment")) > 100
    assert count(lambda t: "dispute" in t.tags) > 0
    assert count(lambda t: "reminder" in t.tags) > 0
    assert count(lambda t: not t.postings and "hours" in t.meta) > 50
    assert count(lambda t: any(p.account == "Expenses:Subcontractors" for p in t.postings)) > 0
    assert count(lambda t: t.links) > 0 and count(lambda t: "invoice" in t.meta) > 0
    assert count(lambda t: any(p.units and p.units.currency == "USD" for p in t.postings)) > 0
    assert count(lambda t: t.narration in ("", "Rent")) > 500
    usd = [e for e in entries if isinstance(e, data.Price) and e.currency == "USD"]
    assert len(usd) > 1000


@pytest.mark.parametrize(("transactions", "clients", "seed"), [(1500, 40, 1), (300, 3, 2)])
def test_clients_kind_is_client_work_only(
    tmp_path: Path, transactions: int, clients: int, seed: int
) -> None:
    text = generate.generate(transactions, clients, seed, kind="clients")
    txns, _ = _load(tmp_path, text)
    assert transactions <= len(txns) < transactions + 10  # the last invoice's payments
    household = [t for t in txns if not _clients(t)]
    assert not household, household[:2]
    assert sum(1 for t in txns if str(t.narration).startswith("Invoice")) > transactions / 10
    assert "Opening balance" not in text and "Landlord" not in text


@pytest.mark.parametrize(("transactions", "clients", "seed"), [(4000, 25, 1), (500, 4, 3)])
def test_books_kind_is_a_freelancers_books(
    tmp_path: Path, transactions: int, clients: int, seed: int
) -> None:
    text = generate.generate(transactions, clients, seed, kind="books")
    txns, entries = _load(tmp_path, text)
    assert abs(len(txns) - transactions) <= 3
    share = sum(1 for t in txns if _clients(t)) / len(txns)
    assert 0.06 <= share <= 0.08, share
    if transactions < 1000:
        return
    opened = [e for e in entries if isinstance(e, data.Open)]
    assert len(opened) >= 100
    assert len({p.account for t in txns for p in t.postings}) >= 85
    assert len({t.payee for t in txns}) >= 200
    personal = [t for t in txns if not _clients(t)]

    def count(test: Callable[[data.Transaction], object]) -> int:
        return sum(1 for t in personal if test(t))

    assert count(lambda t: "import-id" in t.meta and "bank-ref" in t.meta) > 300
    assert count(lambda t: "import-id" in t.meta and "card-desc" in t.meta) > 300
    assert count(lambda t: any(tag.startswith("trip-") for tag in t.tags)) > 20
    assert count(lambda t: any(tag.startswith("tax-") for tag in t.tags)) > 50
    assert count(lambda t: any(link.startswith("receipt-") for link in t.links)) > 50
    splits = [sum(p.account.startswith("Expenses:") for p in t.postings) for t in personal]
    assert {2, 3, 4} <= set(splits) and max(splits) == 4
    currencies = {p.units.currency for t in personal for p in t.postings if p.units}
    assert {"EUR", "USD", "GBP", "VWCE"} <= currencies
    priced = {e.currency for e in entries if isinstance(e, data.Price)}
    assert {"USD", "GBP", "VWCE"} <= priced
    keys = {"client", "invoice", "hours", "project", "disputed", "terms", "due"}
    assert not count(lambda t: keys & set(t.meta))


def test_kind_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "books.beancount"
    made = subprocess.run(
        [sys.executable, "-m", "bench.generate", "--kind", "books", "--transactions", "300",
         "--clients", "3", "--no-plugin", "-o", str(out)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert out.read_text(encoding="utf-8") == generate.generate(300, 3, plugin=False, kind="books")
