"""The tab's translations: a Flask-Babel domain adding its catalog to Fava's, in Fava's language."""

from __future__ import annotations

import io
from pathlib import Path

import fava
import flask_babel
from babel import Locale
from babel.messages import mofile, pofile
from babel.support import NullTranslations, Translations
from markupsafe import Markup

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "TRANSLATIONS",
    "Catalogs",
    "catalogs",
    "gettext",
    "ngettext",
    "template_gettext",
    "template_ngettext",
]

#: The catalog's domain: `translations/<lang>/LC_MESSAGES/clienthealth.po`.
DOMAIN = "clienthealth"
TRANSLATIONS = Path(__file__).parent / "translations"
#: The languages the tab is translated into (English is the source).
LANGUAGES = ("bg", "de", "ru")
_FAVA_TRANSLATIONS = Path(fava.__file__).parent / "translations"


def N_(text: str) -> str:  # noqa: N802  (gettext's name for "mark, translate later")
    """A text marked for the catalog, translated where it is shown."""
    return text


def _catalog_path(locale: Locale) -> Path | None:
    """The .po of the locale, or of its language (`de` for `de_AT`)."""
    for name in (str(locale), locale.language):
        path = TRANSLATIONS / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


def load(locale: Locale) -> NullTranslations:
    """The tab's catalog for a locale: the built .mo, else its .po compiled in memory.

    A wheel carries .mo files (hatch_build.py compiles them); a source checkout
    or an editable install has the .po files only.
    """
    built = Translations.load(str(TRANSLATIONS), [locale], DOMAIN)
    if isinstance(built, Translations):
        return built
    path = _catalog_path(locale)
    if path is None:
        return NullTranslations()
    with path.open("rb") as source:
        catalog = pofile.read_po(source, locale=locale, domain=DOMAIN)
    compiled = io.BytesIO()
    mofile.write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, DOMAIN)


class Catalogs(flask_babel.Domain):  # type: ignore[misc]
    """Fava's own catalog with the tab's merged over it, one merge per locale.

    Made the request's default domain on the tab's pages, so that Fava's
    `gettext` (Python view code, Fava's layout) finds both kinds of strings.
    """

    def __init__(self) -> None:
        super().__init__(str(_FAVA_TRANSLATIONS), "messages")
        self.merged: dict[str, NullTranslations] = {}

    def get_translations(self) -> NullTranslations:
        """The merged catalog of the request's locale (Fava's `language` option)."""
        try:
            locale = flask_babel.get_locale()
        except AttributeError:
            # Fava's locale reads `g.ledger`, which a request that loads the
            # ledger (the first one of `fava LEDGER`) has not set yet.
            return NullTranslations()
        if locale is None:  # outside a request
            return NullTranslations()
        key = str(locale)
        if key not in self.merged:
            merged = Translations.load(str(_FAVA_TRANSLATIONS), [locale], "messages")
            if not isinstance(merged, Translations):
                merged = Translations()
            ours = load(locale)
            if isinstance(ours, Translations):
                merged.merge(ours)
                # merge() keeps Fava's plural rule; the tab's catalog has its own.
                merged.plural = ours.plural
            self.merged[key] = merged
        return self.merged[key]


#: The one domain of the process: catalogs are read once per locale.
catalogs = Catalogs()


def gettext(text: str, **variables: object) -> str:
    """The text in the page's language; `%(name)s` placeholders filled when given."""
    translated = str(catalogs.get_translations().ugettext(text))
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, num: int, **variables: object) -> str:
    """The singular or (one of the) plural forms for `num`, `%(num)s` filled."""
    translated = str(catalogs.get_translations().ungettext(singular, plural, num))
    return translated % {"num": num, **variables}


def template_gettext(text: str, **variables: object) -> Markup:
    """`_` of the templates: the catalog's text is trusted markup, the values are escaped.

    Not Jinja's "newstyle" gettext: `_('%(n)s days')|format(n=3)` works too, and
    a `%` in a text without values stays as written.
    """
    translated = Markup(catalogs.get_translations().ugettext(text))  # noqa: S704
    return translated % variables if variables else translated


def template_ngettext(singular: str, plural: str, num: int, **variables: object) -> Markup:
    """`ngettext` of the templates, escaping its values as `_` does."""
    translated = Markup(catalogs.get_translations().ungettext(singular, plural, num))  # noqa: S704
    return translated % {"num": num, **variables}
