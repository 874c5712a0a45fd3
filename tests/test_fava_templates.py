"""Every template of the tab renders with Jinja's StrictUndefined: no name it uses is missing.

Fava renders with Jinja's lenient Undefined, which writes nothing for a
misspelt name; here the tab's own environment raises instead, on the tab, a
client's page, an empty ledger, a window with no client, incognito mode and
the rest, and every template of the folder must have been rendered.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from fava.application import create_app

from tests.fava_pages import EXTENSION, LEDGER, ledger_text

FOLDER = Path(__file__).parent.parent / "fava_clienthealth" / "templates"
EXAMPLE = Path(__file__).parent.parent / "example-ledger" / "consultancy.beancount"
DE = '\n2024-07-01 custom "fava-option" "language" "de"\n'
#: A data error (hours that are no number) and a bad extension config.
FAULTY = ledger_text(
    '2025-01-01 custom "fava-extension" "fava_clienthealth" "{\'min_rate\': 3}"',
    LEDGER + '2025-11-20 * "Gamma" "Call" #client-gamma\n  hours: "two"\n',
)
#: A window the config's as_of sets, with no client in it.
EARLY = ledger_text().replace("'as_of': '2025-12-31'", "'as_of': '2020-01-01'")
#: Every client dated after today: the "dated later" state.
LATER = ledger_text(body=LEDGER.replace(", 'as_of': '2025-12-31'", "").replace("2025-", "2099-"))


class Recording(jinja2.BaseLoader):
    """A loader that notes the name of each template it loads."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader
        self.loaded: set[str] = set()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        self.loaded.add(template)
        return self.loader.get_source(environment, template)


class StrictTab:
    """Fava serving one ledger, the tab's templates strict; the templates each page loaded."""

    def __init__(self, tmp_path: Path, name: str, text: str, incognito: bool = False) -> None:
        path = tmp_path / f"{name}.beancount"
        path.write_text(textwrap.dedent(text))
        self.app = create_app([str(path)], load=True, incognito=incognito, poll_watcher=True)
        self.app.testing = True
        [ledger] = self.app.config["LEDGERS"].ledgers
        extension = ledger.extensions.get_extension("ClientHealth")
        with self.app.app_context():
            env = extension.jinja_env
        env.undefined = jinja2.StrictUndefined
        self.loader = Recording(env.loader)
        env.loader = self.loader
        self.client = self.app.test_client()
        self.slug = ledger.options["title"].lower().replace(" ", "-")

    def get(self, query: str = "", status: int = 200) -> str:
        response = self.client.get(f"/{self.slug}/extension/ClientHealth/{query}")
        assert response.status_code == status, response.text[-3000:]
        return response.text


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The templates loaded to render the representative pages, each strictly."""
    tmp_path = tmp_path_factory.mktemp("templates")
    example = EXAMPLE.read_text()
    tabs = {
        "example": StrictTab(tmp_path, "example", example),
        "de": StrictTab(tmp_path, "de", example + DE),
        "incognito": StrictTab(tmp_path, "incognito", example, incognito=True),
        "studio": StrictTab(tmp_path, "studio", ledger_text()),
        "faulty": StrictTab(tmp_path, "faulty", FAULTY),
        "early": StrictTab(tmp_path, "early", EARLY),
        "later": StrictTab(tmp_path, "later", LATER),
        "empty": StrictTab(tmp_path, "empty", f'option "title" "Studio"\n{EXTENSION}\n'),
    }
    pages = [
        ("example", ""),
        ("example", "?client=brandt"),
        ("example", "?client=hafenkontor"),
        ("example", "?time=2025-06"),
        ("example", "?time=2020"),  # a window with no client
        ("example", "?time=nonsense&filter=x&account=Assets"),
        ("de", ""),
        ("de", "?client=brandt"),
        ("incognito", ""),
        ("incognito", "?client=brandt"),
        ("studio", ""),
        ("studio", "?client=gamma"),
        ("studio", "?client=acme&time=2020"),  # a known client, not in the window
        ("faulty", ""),
        ("faulty", "?client=gamma"),
        ("faulty", "?client=beta"),  # no error of its own, some of others
        ("early", ""),
        ("later", ""),
        ("later", "?time=2099"),
        ("empty", ""),
    ]
    for tab, query in pages:
        assert tabs[tab].get(query)
    assert "No client" in tabs["example"].get("?client=nosuch", status=404)
    return set().union(*(tab.loader.loaded for tab in tabs.values()))


def test_every_template_is_rendered(loaded: set[str]) -> None:
    assert {path.name for path in FOLDER.glob("*.html")} <= loaded


def test_a_misspelt_name_fails_to_render(tmp_path: Path) -> None:
    tab = StrictTab(tmp_path, "studio", ledger_text())
    recording = tab.loader  # the strict environment's loader, with one template changed
    misspelt = jinja2.DictLoader({"clienthealth_style.html": "{{ page.sumary }}"})
    recording.loader = jinja2.ChoiceLoader([misspelt, recording.loader])
    with pytest.raises(jinja2.UndefinedError, match="sumary"):
        tab.client.get("/studio/extension/ClientHealth/")
