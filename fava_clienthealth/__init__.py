"""Client Health for Fava: a report tab and a JSON endpoint over the clienthealth engine."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cache, cached_property, partial
from typing import TYPE_CHECKING

import jinja2
from fava.ext import FavaExtensionBase, FavaExtensionError, extension_endpoint
from flask import Response, abort
from markupsafe import Markup

from beancount_plugins.clienthealth import thresholds
from beancount_plugins.clienthealth.chase import chase_csv
from beancount_plugins.clienthealth.config import Config
from beancount_plugins.clienthealth.json_report import report_json
from beancount_plugins.clienthealth.model import ZERO, Report
from fava_clienthealth import (
    data_errors,
    i18n,
    journal,
    numbers,
    page_charts,
    settings,
    view,
    web,
)
from fava_clienthealth import page as page_module
from fava_clienthealth.page import Page
from fava_clienthealth.ranking_rows import RankingTable, ranking_row
from fava_clienthealth.report_cache import ReportCache

if TYPE_CHECKING:  # pragma: no cover
    from fava.core import FavaLedger

__all__ = ["ClientHealth"]


class ClientHealth(FavaExtensionBase):
    """The Client Health tab: which clients put cash at risk and which are worth the hours."""

    report_title = "Client Health"

    def __init__(self, ledger: FavaLedger, config: str | None = None) -> None:
        # Fava's own reading of the config stops the whole ledger on a non-literal;
        # settings.merged reads it instead, so a bad config is an error on the page.
        super().__init__(ledger)
        self.config_text: object = config
        self._reports = ReportCache()

    def after_load_file(self) -> None:
        """The entries changed: computed reports are stale, and the config may be too."""
        self._reports.clear()
        # Fava builds an extension once per process; reading its line again lets
        # an edited config apply on the next reload instead of after a restart.
        for entry in self.ledger.all_entries_by_type.Custom:
            values = entry.values
            if entry.type == "fava-extension" and values and values[0].value == __name__:
                self.config_text = values[1].value if len(values) > 1 else None
                # A bad config is in Fava's error list too, at its line (the
                # plugin's own config error is there already, from the loader).
                _, problems = settings.merged(None, self.config_text)
                self.ledger.extensions.errors.extend(
                    FavaExtensionError(entry.meta, problem, entry) for problem in problems
                )

    @cached_property
    def jinja_env(self) -> jinja2.Environment:
        """Fava's environment with `_` reading the tab's catalog (plain, not newstyle).

        Fava's own `_` formats every string with `%`, so `_('%(n)s days')|format(n=3)`
        would fail with it; the globals are copied, Fava's own stay as they are.
        The templates' helper modules are globals too: Fava's journal filters
        and the data errors' places.
        """
        env: jinja2.Environment = super().jinja_env
        # Fava's own filter, in an exact context: its templates' amounts may be huge.
        env.filters = {**env.filters, "format_currency": self.money_format}
        env.globals = {
            **env.globals,
            "_": i18n.template_gettext,
            "ngettext": i18n.template_ngettext,
            "journal": journal,
            "data_errors": data_errors,
            "ranking_row": ranking_row,
        }
        return env

    def before_request(self) -> None:
        """On the tab's pages: the tab's catalog joins Fava's; a bad time filter is dropped."""
        if web.is_own_request(self.name):
            i18n.catalogs.as_default()
            web.drop_bad_time(self.ledger.fava_options.fiscal_year_end)

    def money_format(self, value: Decimal | None, currency: str | None = None) -> str:
        """Fava's `format_currency` filter, for any amount (numbers.exact_format).

        The ledger's formatter is looked up on each call: a reload replaces it.
        """
        return numbers.exact_format(self.ledger.format_decimal, value, currency)

    @property
    def view(self) -> numbers.LocalView:
        """The template's helpers (fava_clienthealth.view), numbers in Fava's locale."""
        return numbers.LocalView(numbers.fava_locale(self.ledger.fava_options.locale))

    def settings(self) -> tuple[Config, list[str]]:
        """The config for this request's time filter, and what is wrong with the input."""
        config, date_range, problems = web.inputs(self.ledger, self.config_text)
        return settings.for_time_filter(config, date_range, datetime.date.today()), problems

    def _report(self, config: Config) -> Report:
        return self._reports.get(*web.entries(self.ledger), config)

    @property
    def incognito(self) -> bool:
        """Fava's incognito mode: its own JSON is not masked either, so no link to ours."""
        return web.incognito()

    def json_url(self) -> str:
        """The `clients` endpoint's URL with the page's filters."""
        return web.endpoint_url(self.name, "clients")

    def chase_csv_url(self) -> str:
        """The `chase_csv` endpoint's URL with the page's filters."""
        return web.endpoint_url(self.name, "chase_csv")

    def page(self) -> Page:
        """The data of the tab, or of one client's page with `?client=` (a 404 if unknown)."""
        asked = web.asked(self.ledger, self.config_text)
        report = self._report(asked.config)
        client_url = cache(partial(web.client_url, self.name))
        urls = (client_url, web.journal_urls())
        digits = numbers.axis_digits(numbers.fava_locale(self.ledger.fava_options.locale))
        drawing = page_charts.drawing(report, self.money_format, web.mask, urls, digits)
        page = page_module.build(
            report, lambda: self._report(settings.all_time(asked.config)), asked, drawing
        )
        if page is None:
            notice = self.jinja_env.get_template("clienthealth_not_found.html")
            html = notice.render(ledger=self.ledger, extension=self, client=asked.client or "")
            abort(web.not_found(html, self.report_title))
        return page

    def ranking_table(self, page: Page, local_view: numbers.LocalView) -> RankingTable:
        """What the ranking's rows read (`ranking_row`): the page's settings, Fava's money."""
        report = page.report
        currency, format_decimal, mask = report.currency, self.money_format, web.masker()

        def money(value: Decimal) -> str:
            # Fava's `format_currency` filter, then its `incognito` filter.
            return str(mask(format_decimal(value or ZERO, currency)))

        return RankingTable(
            local_view,
            page.config,
            thresholds.min_rate_number(report.min_rate),
            report.places,
            money,
            page.client_url,
            page.charts.aging,
            self.incognito,
        )

    def mask_amounts(self, message: str) -> Markup:
        """An engine message with its amounts masked in incognito mode, escaped."""
        return Markup.escape(view.mask_amounts(message, web.mask))

    @extension_endpoint
    def clients(self) -> Response:
        """The command line's JSON, byte for byte, for the page's time filter (`?time=2025`)."""
        if self.incognito:
            # Fava's incognito mode hides amounts; this JSON is made of them.
            message = "Fava runs in incognito mode: the JSON of the figures is not served."
            return web.json_response({"error": message}, 403)
        config, problems = self.settings()
        if problems:
            return web.json_response({"error": " ".join(problems)}, 400)
        return web.json_response(report_json(self._report(config)), 200)

    @extension_endpoint
    def chase_csv(self) -> Response:
        """The chase list as a CSV download, as `clienthealth --chase --format csv` prints it."""
        config, problems = self.settings()
        if problems:
            return web.json_response({"error": " ".join(problems)}, 400)
        report = self._report(config)
        return web.csv_download(chase_csv(report), f"chase-{report.as_of}.csv")
