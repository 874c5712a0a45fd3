"""Client Health for Fava: a report tab and a JSON endpoint over the clienthealth engine."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from beancount.core import data
from fava.application import url_for
from fava.ext import FavaExtensionBase, FavaExtensionError, extension_endpoint
from fava.util.date import parse_date
from flask import Response, current_app, request
from markupsafe import Markup

from beancount_plugins.clienthealth.config import Config, has_plugin, plugin_config_text
from beancount_plugins.clienthealth.currency import round_half_up
from beancount_plugins.clienthealth.explain import has_client_data
from beancount_plugins.clienthealth.model import Report
from beancount_plugins.clienthealth.report import report_json
from fava_clienthealth import charts, client_charts, data_errors, journal, settings, view
from fava_clienthealth.engine_calls import Reports
from fava_clienthealth.settings import DateRange

if TYPE_CHECKING:  # pragma: no cover
    from fava.core import FavaLedger

__all__ = ["ClientHealth"]


class ClientHealth(FavaExtensionBase):
    """The Client Health tab: which clients put cash at risk and which are worth the hours."""

    report_title = "Client Health"
    #: The template's helpers.
    view = view
    journal = journal
    data_errors = data_errors

    def __init__(self, ledger: FavaLedger, config: str | None = None) -> None:
        # Fava's own reading of the config stops the whole ledger on a non-literal;
        # settings.merged reads it instead, so a bad config is an error on the page.
        super().__init__(ledger)
        self.config_text: object = config
        self._reports = Reports()

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

    def settings(self) -> tuple[Config, list[str]]:
        """The config for this request's time filter, and what is wrong with the input."""
        config, date_range, problems = self._inputs()
        return settings.for_time_filter(config, date_range, datetime.date.today()), problems

    def _inputs(self) -> tuple[Config, DateRange | None, list[str]]:
        """The merged config, before the time filter; the time filter, if valid; problems."""
        config, problems = settings.merged(
            plugin_config_text(self.ledger.options), self.config_text
        )
        time = request.args.get("time", "").strip()
        date_range = None
        if time:
            try:
                begin, end = parse_date(time, self.ledger.fava_options.fiscal_year_end)
            except ValueError:
                begin = end = None
            if begin is None or end is None:
                problems.append(f"The time filter {time!r} is not a date or a range of dates.")
            else:
                date_range = (begin, end)
        return config, date_range, problems

    def _ledger(self) -> tuple[Sequence[data.Directive], data.Meta]:
        # The engine needs unfiltered entries to match payments to invoices; the
        # time filter acts through as_of and the window, other filters not at all.
        # Fava types them with its own protocols; they are Beancount's at run time.
        entries = cast("Sequence[data.Directive]", self.ledger.all_entries)
        return entries, cast("data.Meta", self.ledger.options)

    def _report(self, config: Config) -> Report:
        return self._reports.get(*self._ledger(), config)

    @staticmethod
    def _mask(text: str) -> str:
        """Fava's `incognito` filter: digits hidden in incognito mode."""
        return str(current_app.jinja_env.filters["incognito"](text))

    def _money(self, currency: str, places: int) -> charts.Money:
        def money(value: Decimal) -> str:
            # Half up first: Fava's format rounds half even (88.245 would show 88.24).
            shown = self.ledger.format_decimal(round_half_up(value, places), currency)
            return f"{self._mask(shown)} {currency}"

        return money

    def _client_url(self, client: str) -> str:
        return url_for("extension_report", extension_name=self.name, client=client)

    @property
    def incognito(self) -> bool:
        """Fava's incognito mode: its own JSON is not masked either, so no link to ours."""
        return bool(current_app.config.get("INCOGNITO"))

    def json_url(self) -> str:
        """The `clients` endpoint's URL with the page's filters."""
        # url_for cannot name the route's `endpoint` argument: it is url_for's own first one.
        path, _, query = url_for("extension_report", extension_name=self.name).partition("?")
        return f"{path}clients" + (f"?{query}" if query else "")

    def page(self) -> view.Page:
        """The data of the tab, or of one client's page with `?client=`."""
        configured, date_range, problems = self._inputs()
        config = settings.for_time_filter(configured, date_range, datetime.date.today())
        report = self._report(config)
        money = self._money(report.currency, report.places)
        min_rate = report.min_rate.number if report.min_rate is not None else None
        page = view.Page(
            report=report,
            config=config,
            problems=problems,
            has_plugin=has_plugin(self.ledger.options),
            summary=view.summary(report),
            charts={},
            elsewhere=not report.clients and bool(self._report(settings.all_time(config)).clients),
            later=not has_client_data(report) and self._only_later(config),
            errors=report.errors,
            time_filter=date_range is not None,
            as_of_set=configured.as_of is not None,
        )
        client = request.args.get("client")
        if client is None:
            page.charts["worth"] = charts.worth_keeping(
                report.clients,
                config.min_payment_score,
                min_rate,
                report.currency,
                money,
                self._client_url,
                self._mask,
            )
            page.charts["yield"] = charts.yield_bars(
                report.clients, min_rate, money, self._client_url, self._mask
            )
            largest = max((c.open for c in report.clients), default=Decimal(0))
            for c in report.clients:
                page.charts[f"aging/{c.client}"] = charts.aging_bar(c, largest, money)
            return page
        invoices = view.client_invoices(report, client)
        hours = client_charts.hours_by_month(
            report.work.get(client, ()), report.window_start, report.as_of
        )
        if invoices:
            page.charts["days"] = client_charts.days_to_pay(invoices, report.as_of)
        if hours:
            page.charts["hours"] = client_charts.hours_over_time(hours)
        for project in report.projects:
            if project.client == client:
                page.charts[f"burn/{project.project}"] = client_charts.burn_bar(project)
        errors, other_errors = data_errors.client_errors(report, client, config.client_tag_prefix)
        return page._replace(
            errors=errors,
            other_errors=other_errors,
            client=client,
            figures=view.find_client(report, client),
            invoices=invoices,
            signals=view.client_signals(report, client),
        )

    def _only_later(self, config: Config) -> bool:
        """Client transactions only after A and today: dated in the future."""
        entries = self.ledger.all_entries
        if not entries or has_client_data(self._report(settings.all_time(config))):
            return False
        return has_client_data(self._report(settings.all_time(config, entries[-1].date)))

    def chart(self, page: view.Page, name: str) -> Markup:
        """A chart of the page, or nothing; its text is escaped where it is drawn."""
        return page.charts.get(name, Markup(""))

    @extension_endpoint
    def clients(self) -> Response:
        """The command line's JSON, byte for byte, for the page's time filter (`?time=2025`)."""
        config, problems = self.settings()
        if problems:
            return _json({"error": " ".join(problems)}, 400)
        return _json(report_json(self._report(config)), 200)


def _json(value: object, status: int) -> Response:
    # As `clienthealth --format json` prints it: keys in the SPEC's order, not sorted.
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    return Response(text, status=status, mimetype="application/json")
