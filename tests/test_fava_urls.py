"""The tab's own links are the URLs Fava's url_for makes, made without calling it per link."""

from __future__ import annotations

from typing import Any

import pytest
from fava.application import url_for
from flask.testing import FlaskClient

from fava_clienthealth import web
from tests.fava_pages import fava, ledger_text

#: Filters as a journal link carries them: links, quotes, spaces, '&', '+', '#', '%'
#: and letters beyond ASCII, which url_for quotes each its own way.
FILTERS = [
    "^inv-1",
    '^inv-1 OR invoice:"inv 2"',
    'any(account:"^Assets:Receivable") & #client-acme',
    "payee:'Müller & Söhne' 100% +5 /x?y=z;a,b@c!$*",
    "ДДС ^фактура-7",
    "",
]

#: The page's own arguments, which url_for copies into a link (time and account left out).
QUERIES = [
    "",
    "?time=2025",
    "?conversion=at_cost&interval=week&time=2025-06&account=Assets&filter=x",
    "?interval=month&conversion=EUR",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return fava(tmp_path_factory.mktemp("urls"), ledger_text())


@pytest.mark.parametrize("query", QUERIES)
def test_a_journal_link_is_url_fors(client: FlaskClient, query: str) -> None:
    app = client.application
    with app.test_request_context(f"/studio/extension/ClientHealth/{query}"):
        app.preprocess_request()  # Fava's before_request: the ledger's slug in g
        journal_url = web.journal_urls()
        for text in FILTERS:
            # As the templates called it: time and account None, Fava types them str.
            values: dict[str, Any] = {"filter": text, "time": None, "account": None}
            assert journal_url(text) == url_for("report", report_name="journal", **values)


@pytest.mark.parametrize("query", QUERIES)
def test_a_client_link_is_url_fors(client: FlaskClient, query: str) -> None:
    app = client.application
    with app.test_request_context(f"/studio/extension/ClientHealth/{query}"):
        app.preprocess_request()
        for client_id in ("acme", "a b&c", "ДДС"):
            expected = url_for("extension_report", extension_name="ClientHealth", client=client_id)
            assert web.client_url("ClientHealth", client_id) == expected
