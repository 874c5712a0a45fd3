"""Client Health for Fava: a report tab and a JSON endpoint over the clienthealth engine."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, cast

import jinja2
from beancount.core import data
from fava.application import url_for
from fava.ext import FavaExtensionBase, FavaExtensionError, extension_endpoint
from flask import Response, abort, current_app, g, make_response, render_template, request
from markupsafe import Markup
from werkzeug.datastructures import ImmutableMultiDict

from beancount_plugins.clienthealth.chase import chase_csv
from beancount_plugins.clienthealth.config import Config, has_plugin, plugin_config_text
from beancount_plugins.clienthealth.model import Report
from beancount_plugins.clienthealth.report import report_json
from fava_clienthealth import (
    chase_view,
    data_errors,
    i18n,
    journal,
    numbers,
    settings,
    view,
)
from fava_clienthealth import page as page_module
from fava_clienthealth.page import Page
from fava_clienthealth.report_cache import ReportCache
from fava_clienthealth.settings import DateRange

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
        The templates' helper modules are globals too: Fava's journal filters,
        the data errors' places and the chase list's rows.
        """
        env: jinja2.Environment = super().jinja_env
        env.globals = {
            **env.globals,
            "_": i18n.template_gettext,
            "ngettext": i18n.template_ngettext,
            "journal": journal,
            "data_errors": data_errors,
            "chase_view": chase_view,
        }
        return env

    def _is_own_request(self) -> bool:
        """The tab's page or its endpoint: not Fava's pages, not another extension's."""
        return (request.view_args or {}).get("extension_name") == self.name

    def before_request(self) -> None:
        """On the tab's pages: the tab's catalog joins Fava's; a bad time filter is dropped.

        Fava copies `time` into every link of a page: a bad value (a megabyte of
        text) is taken out of the request's arguments before any link is made,
        and reported once, shortened.
        """
        if not self._is_own_request():
            return
        i18n.catalogs.as_default()
        time = request.args.get("time", "")
        problem = settings.time_problem(time, self.ledger.fava_options.fiscal_year_end)
        if problem is not None:
            g.clienthealth_time_problem = problem
            args = request.args.copy()
            args.pop("time")
            request.args = ImmutableMultiDict(args)

    @property
    def view(self) -> numbers.LocalView:
        """The template's helpers (fava_clienthealth.view), numbers in Fava's locale."""
        return numbers.LocalView(numbers.fava_locale(self.ledger.fava_options.locale))

    def settings(self) -> tuple[Config, list[str]]:
        """The config for this request's time filter, and what is wrong with the input."""
        config, date_range, problems = self._inputs()
        return settings.for_time_filter(config, date_range, datetime.date.today()), problems

    def _inputs(self) -> tuple[Config, DateRange | None, list[str]]:
        """The merged config, before the time filter; the time filter, if valid; problems."""
        return settings.inputs(
            plugin_config_text(self.ledger.options),
            self.config_text,
            request.args.get("time", ""),
            self.ledger.fava_options.fiscal_year_end,
            getattr(g, "clienthealth_time_problem", None),
        )

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

    def _client_url(self, client: str) -> str:
        return url_for("extension_report", extension_name=self.name, client=client)

    @property
    def incognito(self) -> bool:
        """Fava's incognito mode: its own JSON is not masked either, so no link to ours."""
        return bool(current_app.config.get("INCOGNITO"))

    def _endpoint_url(self, endpoint: str) -> str:
        # url_for cannot name the route's `endpoint` argument: it is url_for's own first one.
        path, _, query = url_for("extension_report", extension_name=self.name).partition("?")
        return f"{path}{endpoint}" + (f"?{query}" if query else "")

    def json_url(self) -> str:
        """The `clients` endpoint's URL with the page's filters."""
        return self._endpoint_url("clients")

    def chase_csv_url(self) -> str:
        """The `chase_csv` endpoint's URL with the page's filters."""
        return self._endpoint_url("chase_csv")

    def page(self) -> Page:
        """The data of the tab, or of one client's page with `?client=` (a 404 if unknown)."""
        configured, date_range, problems = self._inputs()
        today = datetime.date.today()
        config = settings.for_time_filter(configured, date_range, today)
        report = self._report(config)
        client = request.args.get("client")
        asked = page_module.Request(
            config=config,
            problems=problems,
            has_plugin=has_plugin(self.ledger.options),
            time_filter=date_range is not None,
            as_of_set=configured.as_of is not None,
            ignored_filters=view.ignored_filters(request.args.to_dict()),
            client=client,
            today=today,
        )
        drawing = page_module.drawing(
            report, self.ledger.format_decimal, self._mask, self._client_url
        )
        page = page_module.build(
            report,
            lambda: self._report(settings.all_time(config)),
            asked,
            drawing,
        )
        if page is None:
            abort(self._not_found(client or ""))
        return page

    def _not_found(self, client: str) -> Response:
        """Fava's page with a short notice and a link back to all clients, status 404."""
        notice = self.jinja_env.get_template("clienthealth_not_found.html")
        content = Markup(notice.render(ledger=self.ledger, extension=self, client=client))  # noqa: S704
        html = render_template("_layout.html", content=content, page_title=self.report_title)
        return make_response(html, 404)

    def mask_amounts(self, message: str) -> Markup:
        """An engine message with its amounts masked in incognito mode, escaped."""
        return Markup.escape(view.mask_amounts(message, self._mask))

    @extension_endpoint
    def clients(self) -> Response:
        """The command line's JSON, byte for byte, for the page's time filter (`?time=2025`)."""
        if self.incognito:
            # Fava's incognito mode hides amounts; this JSON is made of them.
            message = "Fava runs in incognito mode: the JSON of the figures is not served."
            return _json({"error": message}, 403)
        config, problems = self.settings()
        if problems:
            return _json({"error": " ".join(problems)}, 400)
        return _json(report_json(self._report(config)), 200)

    @extension_endpoint
    def chase_csv(self) -> Response:
        """The chase list as a CSV download, as `clienthealth --chase --format csv` prints it."""
        config, problems = self.settings()
        if problems:
            return _json({"error": " ".join(problems)}, 400)
        report = self._report(config)
        return Response(
            chase_csv(report),
            status=200,
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="chase-{report.as_of}.csv"'},
        )


def _json(value: object, status: int) -> Response:
    # As `clienthealth --format json` prints it: keys in the SPEC's order, not sorted.
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    return Response(text, status=status, mimetype="application/json")
