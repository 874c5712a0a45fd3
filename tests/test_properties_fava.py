"""Properties of the Fava tab on generated ledgers: hostile text stays inert.

One Fava app stays open, as users keep it all day; each example rewrites its
ledger and reloads it. Payees, narrations, client ids and names carry HTML,
script, quotes and right-to-left text: the tab, every client page and the
endpoint answer without a 500, and nothing of that text becomes markup.
A bad extension config is an error in Fava's list, never a failed load.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fava.application import create_app
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st

from beancount_plugins.clienthealth import config as config_module
from tests.ledger_strategies import ledgers
from tests.strategies import HOSTILE, LITERALS, TEXT, beancount_string, budget, configs
from tests.strategies import with_plugin as with_plugin_line

TAB = "/hostile/extension/ClientHealth/"
HEADER = 'option "title" "Hostile"\n'
EXTENSION = '2000-01-01 custom "fava-extension" "fava_clienthealth"'
TIMES = st.one_of(
    st.sampled_from(["", "2025", "2025-06", "2025-Q2", "2024-01-01 - 2025-12-31", "day"]),
    st.sampled_from(["garbage", "9999", "0001-01-01", "2025-13", "1-1", "-", "year-1"]),
    st.sampled_from(HOSTILE),
)


class Inert(HTMLParser):
    """Fails on markup that came from the ledger's text: tags, handlers, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.script: dict[str, str] | None = None
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "xss-tag":
            self.problems.append(f"<{tag}> became markup")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}> has an event handler")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript"):
                self.problems.append(f"<{tag} {name}={value!r}> runs script")
            if tag == "img" and name == "src" and value == "x":
                self.problems.append("<img src=x> became markup")
        if tag == "script":
            self.script = {name: value or "" for name, value in attrs}

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None and "XSS" in data:
            if self.script.get("type") != "application/json":
                self.problems.append(f"script runs ledger text: {data[:80]!r}")
            else:
                json.loads(data)  # data, and it stays one JSON value


def assert_inert(html: str) -> None:
    parser = Inert()
    parser.feed(html)
    parser.close()
    assert parser.problems == []


@pytest.fixture(scope="module")
def fava() -> Iterator[tuple[FlaskClient, Path, Any]]:
    """One Fava app on one ledger file, as a user keeps it open."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "books.beancount"
        path.write_text(HEADER + EXTENSION + "\n", encoding="utf-8")
        app = create_app([str(path)], load=True, poll_watcher=True)
        app.testing = True
        client = app.test_client()
        ledger = app.config["LEDGERS"]["hostile"]
        yield client, path, ledger


def reload(fava: tuple[FlaskClient, Path, Any], text: str) -> FlaskClient:
    """Write the ledger and load it, as Fava does when the file changes."""
    client, path, ledger = fava
    path.write_text(text, encoding="utf-8")
    ledger.load_file()
    return client


def get(fava_client: FlaskClient, url: str, **params: str) -> str:
    response = fava_client.get(url, query_string=params)
    assert response.status_code == 200, (url, params, response.text[-2000:])
    return response.text


@budget(80)
@given(ledgers(max_entries=15), st.lists(TEXT, max_size=2), TIMES)
def test_hostile_text_renders_inert(
    fava: tuple[FlaskClient, Path, Any], ledger: tuple[str, str], ids: list[str], time: str
) -> None:
    text, config = ledger
    client = reload(fava, HEADER + with_plugin_line(text, config) + EXTENSION + "\n")

    assert_inert(get(client, TAB))
    assert_inert(get(client, TAB, time=time))
    response = client.get(f"{TAB}clients", query_string={"time": time})
    assert response.status_code in (200, 400), response.text
    json.loads(response.text)
    listed = [c["client"] for c in json.loads(get(client, f"{TAB}clients"))["clients"]]
    for client_id in listed[:3]:
        assert_inert(get(client, TAB, client=client_id))
        assert_inert(get(client, TAB, client=client_id, time=time))
    for client_id in ids:
        # Issue 16: an id the ledger never mentions is a 404 page, inert too.
        for params in ({"client": client_id}, {"client": client_id, "time": time}):
            response = client.get(TAB, query_string=params)
            assert response.status_code in (200, 404), (params, response.text[-2000:])
            assert_inert(response.text)


EXTENSION_CONFIGS = st.one_of(
    st.text(max_size=40).map(beancount_string),
    LITERALS.map(repr).map(beancount_string),
    configs().map(lambda config: beancount_string(repr(config[0]))),
    st.sampled_from(["5", "TRUE", "2025-01-01", "10.00 EUR", '""']),
)
LEDGER = """
2020-01-01 open Assets:Receivable
2020-01-01 open Income:Consulting
2025-01-01 * "Acme" "Website" ^inv-1 #client-acme
  Assets:Receivable  1200.00 EUR
  Income:Consulting
"""


@budget(60)
@given(EXTENSION_CONFIGS)
def test_a_bad_extension_config_is_an_error_in_favas_list(
    fava: tuple[FlaskClient, Path, Any], value: str
) -> None:
    line = f"{EXTENSION} {value}"
    client = reload(fava, HEADER + with_plugin_line(LEDGER, "{'as_of': '2025-06-30'}") + line)
    _, _, ledger = fava

    html = get(client, TAB)
    assert_inert(html)
    response = client.get(f"{TAB}clients")
    assert response.status_code in (200, 400)
    config = ledger.all_entries_by_type.Custom[-1].values[1].value
    bad = not isinstance(config, str) or config_module.parse(config)[1] is not None
    ours = [e for e in ledger.errors if "extension's config" in e.message]
    assert len(ours) == int(bad), [e.message for e in ledger.errors]
    for error in ours:
        assert error.source["filename"] and error.source["lineno"]
