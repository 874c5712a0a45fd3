"""The tab in Fava's language: complete catalogs, no English left, numbers in Fava's locale."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Any

import fava
import pytest
from babel import Locale
from babel.messages import mofile, pofile
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.support import Translations
from flask.testing import FlaskClient

from beancount_plugins.clienthealth import dunning
from beancount_plugins.clienthealth.model import AGING_BUCKETS
from fava_clienthealth import badges, chase_view, i18n
from tests.fava_pages import TAB, ledger_text, summary, tables, texts
from tests.fava_pages import fava as fava_client

ROOT = Path(__file__).parent.parent
#: As babel.cfg reads the package: the Python view code and the templates.
METHODS = [
    ("fava_clienthealth/**.py", "python"),
    ("fava_clienthealth/templates/**.html", "jinja2"),
]
PLACEHOLDER = re.compile(r"%\(\w+\)s")
FAVA_CATALOGS = Path(fava.__file__).parent / "translations"


def source_messages() -> set[str | tuple[str, ...]]:
    """Every marked string of the code and templates, as `pybabel extract` finds it."""
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=METHODS, keywords={"_": None, "N_": None, "ngettext": (1, 2)}
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog(lang: str) -> Catalog:
    path = i18n.TRANSLATIONS / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as source:
        return pofile.read_po(source, locale=lang)


def as_list(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    assert value is not None  # a message's id or string: babel types them optional
    return [value] if isinstance(value, str) else list(value)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_catalog_is_complete_and_compiles(lang: str, tmp_path: Path) -> None:
    messages = source_messages()
    assert len(messages) > 150  # the extraction found the templates and the view code
    po = catalog(lang)
    translated = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in po if m.id}
    missing = [m for m in messages if m not in translated]
    assert missing == []
    for key, message in translated.items():
        strings = as_list(message.string)
        assert len(strings) == (po.num_plurals if isinstance(key, tuple) else 1), key
        assert all(strings), key
        # Every placeholder of the English text is in each translation, no other.
        expected = set(PLACEHOLDER.findall(" ".join(as_list(key)))) - {"%(num)s"}
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) - {"%(num)s"} == expected, (key, text)
    assert list(po.check()) == []
    with (tmp_path / "x.mo").open("wb") as compiled:
        mofile.write_mo(compiled, po)
    assert (tmp_path / "x.mo").stat().st_size > 1000


def test_the_engines_words_shown_on_the_tab_are_marked_for_the_catalog() -> None:
    """The dunning steps and aging buckets come from the engine, which imports no Flask."""
    assert tuple(step.words for step in dunning.STEPS) == chase_view.STEP_WORDS
    messages = source_messages()
    assert all(words in messages for words in chase_view.STEP_WORDS)
    assert len(badges.AGING_LABELS) == len(AGING_BUCKETS)
    assert all(text in messages for label in badges.AGING_LABELS for text in label)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_words_fava_uses_are_favas_own(lang: str) -> None:
    """Konto, Счёт, Währung: a string Fava translates reads here as it does in Fava."""
    with (FAVA_CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as source:
        favas = {m.id: m.string for m in pofile.read_po(source) if isinstance(m.id, str)}
    shared = [m for m in catalog(lang) if isinstance(m.id, str) and m.id and favas.get(m.id)]
    assert shared  # Date, Amount, Currency at least
    for message in shared:
        assert isinstance(message.id, str)  # as `shared` has it
        assert message.string == favas[message.id], message.id
    ours = {m.id: m.string for m in catalog(lang)}
    account, favas_account = ours["account"], favas["Account"]
    assert isinstance(account, str)
    assert isinstance(favas_account, str)
    assert account.lower() == favas_account.lower()


def test_a_wheel_carries_compiled_catalogs(tmp_path: Path) -> None:
    """hatch_build.py compiles each .po into the wheel; the .mo translates as the .po does."""
    pytest.importorskip("hatchling")
    from hatchling.metadata.core import ProjectMetadata  # noqa: PLC0415

    import hatch_build  # noqa: PLC0415

    metadata: ProjectMetadata[Any] = ProjectMetadata(str(ROOT), None)
    hook = hatch_build.CatalogsHook(str(ROOT), {}, None, metadata, str(tmp_path), "wheel")
    build_data: dict[str, dict[str, str]] = {"force_include": {}}
    hook.initialize("standard", build_data)
    targets = sorted(build_data["force_include"].values())
    assert targets == [
        f"fava_clienthealth/translations/{lang}/LC_MESSAGES/clienthealth.mo"
        for lang in sorted(i18n.LANGUAGES)
    ]
    de = next(source for source, target in build_data["force_include"].items() if "/de/" in target)
    with Path(de).open("rb") as compiled:
        assert Translations(compiled).gettext("Yield per hour") == "Ertrag pro Stunde"
    editable: dict[str, dict[str, str]] = {"force_include": {}}
    hook.initialize("editable", editable)
    assert editable["force_include"] == {}


def test_without_a_built_catalog_the_po_is_compiled_in_memory() -> None:
    assert not list(i18n.TRANSLATIONS.glob("*/LC_MESSAGES/*.mo"))  # a source checkout
    ru = i18n.load(Locale.parse("ru_RU"))
    assert ru.gettext("Account") == "Account"  # not ours: Fava's catalog has it
    assert ru.gettext("account") == "счёт"
    assert ru.ngettext("%(num)s invoice", "%(num)s invoices", 5) == "%(num)s счетов"


# --- the tab in each language -----------------------------------------------------------------


def localized(tmp_path: Path, lang: str, locale: str | None = None) -> FlaskClient:
    options = f'2025-01-01 custom "fava-option" "language" "{lang}"'
    if locale:
        options += f'\n2025-01-01 custom "fava-option" "locale" "{locale}"'
    text = ledger_text().replace('option "title" "Studio"', f'option "title" "Studio"\n{options}')
    return fava_client(tmp_path, text)


def visible_text(page: str) -> str:
    """The tab's text, titles and labels, without the engine's English signal messages."""
    content = page.split("<article>")[1].split('<script type="application/json"', maxsplit=1)[0]
    content = re.sub(r"<style.*?</style>", " ", content, flags=re.S)
    # The engine's messages are Beancount's language, English (SPEC): left out here.
    content = re.sub(r'(?<=</span> )[^<]*(?= <span class="ch-advice">)', " ", content)
    attributes = re.findall(r'(?:title|aria-label)="([^"]*)"', content)
    text = re.sub(r"<[^>]+>", " ", content)
    return html_lib.unescape(" ".join([text, *attributes]))


def english_left(text: str, lang: str) -> list[str]:
    """The catalog's English phrases found in the text that no translation of `lang` holds."""
    po = catalog(lang)
    translations = " ".join(s for m in po if m.id for s in as_list(m.string))
    found = []
    for message in po:
        for english in as_list(message.id) if message.id else []:
            for fragment in PLACEHOLDER.split(english):
                phrase = fragment.strip(" .,:;()\N{EN DASH}-→÷·“”\"'")
                if len(phrase) < 4 or not re.search(r"[a-z]{3}", phrase):
                    continue
                if phrase in translations:  # "JSON", "min_rate", "PAYDEX" stay as they are
                    continue
                if re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text):
                    found.append(phrase)
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_english_string_is_left_on_the_tab_and_a_client_page(tmp_path: Path, lang: str) -> None:
    client = localized(tmp_path, lang)
    for url in (TAB, f"{TAB}?client=acme", f"{TAB}?client=gamma", f"{TAB}?time=2099"):
        response = client.get(url)
        assert response.status_code == 200
        text = visible_text(response.text)
        assert english_left(text, lang) == [], url
    # Sanity: the test sees English when the language is English.
    (tmp_path / "en").mkdir()
    english = visible_text(fava_client(tmp_path / "en", ledger_text()).get(TAB).text)
    assert "Ranking by cash-flow risk" in english
    assert "Ranking by cash-flow risk" in english_left(english, lang)


def test_favas_own_menus_stay_translated(tmp_path: Path) -> None:
    """The tab's catalog joins Fava's for the tab's request: Fava's layout keeps its words."""
    page = localized(tmp_path, "de").get(TAB).text
    assert "Rangfolge nach Liquiditätsrisiko" in page
    assert ">Journal<" in page or "Bilanz" in page or "Kontenübersicht" in page
    assert '"Time": "Zeitraum"' in page.replace('":"', '": "') or '"Zeitraum"' in page


def test_numbers_days_and_percentages_follow_favas_locale(tmp_path: Path) -> None:
    """In test_fava_tab acme's row reads 132.6 days beyond terms, 19% unbilled, 4200.00 open."""
    html = localized(tmp_path, "de", "de_DE").get(TAB).text
    ranking = tables(html)["ch-ranking"]
    acme = texts(ranking, 0)
    assert acme["Über Ziel"] == "132,6"  # the same 132.6, with Fava's de_DE comma
    assert acme["Nicht abgerechnet"] == "19\N{NO-BREAK SPACE}%"
    assert acme["Umsatz / Zeit"] == "65\N{NO-BREAK SPACE}% / 55\N{NO-BREAK SPACE}%"
    assert acme["Ertrag / h"] == "32,26"  # money: Fava's own format, as before
    # Without a locale option, as Fava writes 1234.50: a point.
    plain = texts(tables(localized(plain_dir(tmp_path), "de").get(TAB).text)["ch-ranking"], 0)
    assert plain["Über Ziel"] == "132.6"
    assert plain["Nicht abgerechnet"] == "19%"


def test_signal_kinds_stay_english_in_the_json(tmp_path: Path) -> None:
    client = localized(tmp_path, "ru")
    response = client.get(f"{TAB}clients")
    clients = {c["client"]: c for c in response.get_json()["clients"]}
    assert "slow-payer" in clients["acme"]["signals"]
    page = client.get(TAB).text
    assert "медленный плательщик" in page


def test_status_words_cover_every_status() -> None:
    from beancount_plugins.clienthealth.model import STATUSES  # noqa: PLC0415

    assert set(STATUSES) == set(badges.STATUSES)
    messages = source_messages()
    assert all(words.label in messages for words in badges.STATUSES.values())


def plain_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plain"
    folder.mkdir()
    return folder


def test_every_signal_kind_has_a_marked_badge_and_advice() -> None:
    """A new warning kind whose label or advice is not marked stays English on every tab."""
    from beancount_plugins.clienthealth.model import SIGNAL_KINDS  # noqa: PLC0415

    assert set(SIGNAL_KINDS) == set(badges.SIGNALS)
    messages = source_messages()
    assert all(w.label in messages and w.advice in messages for w in badges.SIGNALS.values())
    for lang in i18n.LANGUAGES:
        translated = {m.id: m.string for m in catalog(lang) if m.id}
        words = [word for w in badges.SIGNALS.values() for word in (w.label, w.advice)]
        assert all(translated.get(word) for word in words), lang


def test_cei_and_the_hours_unit_are_in_the_pages_language_and_locale(tmp_path: Path) -> None:
    german = summary(localized(tmp_path, "de", "de_DE").get(TAB).text)["CEI"]
    (tmp_path / "plain").mkdir()
    plain = summary(localized(tmp_path / "plain", "de").get(TAB).text)["CEI"]
    # The same figure: a point and no space without the locale, as Fava writes 1234.50.
    assert re.fullmatch(r"\d+(\.\d)?%", plain), plain
    assert german == plain.replace(".", ",").replace("%", "\N{NO-BREAK SPACE}%")
    (tmp_path / "ru").mkdir()
    russian = tables(localized(tmp_path / "ru", "ru").get(TAB).text)["ch-ranking"]
    head = catalog("ru")["Rework / pre-sale"].string
    assert isinstance(head, str)
    # Acme's hours before its first invoice, in Russian's "ч", not "h".
    cell = texts(russian, 0)[head.replace("\N{SOFT HYPHEN}", "")]
    assert cell.endswith(" ч"), cell
