"""The tab's side of Flask: what a request asks for, its URLs, Fava's incognito mask, responses."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote_plus

from beancount.core import data
from fava.application import url_for
from flask import Response, current_app, g, make_response, render_template, request
from markupsafe import Markup
from werkzeug.datastructures import ImmutableMultiDict

from beancount_plugins.clienthealth.config import Config, has_plugin, plugin_config_text
from fava_clienthealth import page, settings, view
from fava_clienthealth.settings import DateRange

if TYPE_CHECKING:  # pragma: no cover
    from fava.core import FavaLedger
    from fava.util.date import FiscalYearEnd


def is_own_request(extension: str) -> bool:
    """The extension's page or its endpoint: not Fava's pages, not another extension's."""
    return (request.view_args or {}).get("extension_name") == extension


def drop_bad_time(fiscal_year_end: FiscalYearEnd | None) -> None:
    """Take a bad time filter out of the request's arguments; `inputs` reports it.

    Fava copies `time` into every link of a page: a bad value (a megabyte of
    text) is dropped before any link is made, and reported once, shortened.
    """
    time = request.args.get("time", "")
    problem = settings.time_problem(time, fiscal_year_end)
    if problem is not None:
        g.clienthealth_time_problem = problem
        args = request.args.copy()
        args.pop("time")
        request.args = ImmutableMultiDict(args)


def inputs(ledger: FavaLedger, config_text: object) -> tuple[Config, DateRange | None, list[str]]:
    """The merged config, before the time filter; the time filter, if valid; problems."""
    return settings.inputs(
        plugin_config_text(ledger.options),
        config_text,
        request.args.get("time", ""),
        ledger.fava_options.fiscal_year_end,
        getattr(g, "clienthealth_time_problem", None),
    )


def asked(ledger: FavaLedger, config_text: object) -> page.Request:
    """What the request asks the page for: its config, time filter and client (`?client=`)."""
    configured, date_range, problems = inputs(ledger, config_text)
    today = datetime.date.today()
    return page.Request(
        config=settings.for_time_filter(configured, date_range, today),
        problems=problems,
        has_plugin=has_plugin(ledger.options),
        time_filter=date_range is not None,
        as_of_set=configured.as_of is not None,
        ignored_filters=view.ignored_filters(request.args.to_dict()),
        client=request.args.get("client"),
        today=today,
    )


def entries(ledger: FavaLedger) -> tuple[Sequence[data.Directive], data.Meta]:
    """The ledger's entries and options, as the engine reads them."""
    # The engine needs unfiltered entries to match payments to invoices; the
    # time filter acts through as_of and the window, other filters not at all.
    # Fava types them with its own protocols; they are Beancount's at run time.
    return cast("Sequence[data.Directive]", ledger.all_entries), cast("data.Meta", ledger.options)


def incognito() -> bool:
    """Whether Fava runs in incognito mode."""
    return bool(current_app.config.get("INCOGNITO"))


def mask(text: str) -> str:
    """Fava's `incognito` filter: digits hidden in incognito mode."""
    return str(masker()(text))


def masker() -> Callable[[str], object]:
    """Fava's `incognito` filter itself, for a page's thousands of amounts."""
    found: Callable[[str], object] = current_app.jinja_env.filters["incognito"]
    return found


def client_url(extension: str, client: str) -> str:
    """The URL of a client's page."""
    return url_for("extension_report", extension_name=extension, client=client)


#: What werkzeug leaves unquoted in a query value (werkzeug.urls._urlencode).
_QUERY_SAFE = "!$'()*,/:;?@"
#: A filter that url_for writes as it is, to be replaced by the real one.
_MARK = "CLIENTHEALTHFILTER"


def journal_urls() -> Callable[[str], str]:
    """The journal's URL for a filter, with the page's other filters, as url_for makes it.

    url_for runs once: a link's URL is its text around the quoted filter.
    """
    # Fava types url_for's values as strings; None leaves out Fava's own filter.
    values: dict[str, Any] = {"filter": _MARK, "time": None, "account": None}
    url = url_for("report", report_name="journal", **values)
    head, _, tail = url.partition(_MARK)
    return lambda text: f"{head}{quote_plus(text, safe=_QUERY_SAFE)}{tail}"


def endpoint_url(extension: str, endpoint: str) -> str:
    """An endpoint's URL with the page's filters."""
    # url_for cannot name the route's `endpoint` argument: it is url_for's own first one.
    path, _, query = url_for("extension_report", extension_name=extension).partition("?")
    return f"{path}{endpoint}" + (f"?{query}" if query else "")


def not_found(notice: str, title: str) -> Response:
    """Fava's page around a rendered notice, status 404."""
    content = Markup(notice)  # noqa: S704
    html = render_template("_layout.html", content=content, page_title=title)
    return make_response(html, 404)


def json_response(value: object, status: int) -> Response:
    """JSON as `clienthealth --format json` prints it: keys in the SPEC's order, not sorted."""
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    return Response(text, status=status, mimetype="application/json")


def csv_download(text: str, filename: str) -> Response:
    """A CSV file to save, status 200."""
    return Response(
        text,
        status=200,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
