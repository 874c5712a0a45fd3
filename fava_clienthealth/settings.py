"""The tab's settings: the plugin's config, the extension's overrides and Fava's time filter."""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from fava.util.date import parse_date

from beancount_plugins.clienthealth.config import Config, parse
from fava_clienthealth.i18n import gettext as _

if TYPE_CHECKING:  # pragma: no cover
    from fava.util.date import FiscalYearEnd

ONE_DAY = datetime.timedelta(days=1)

#: Fava's time filter: its first day, and the day after its last.
DateRange = tuple[datetime.date, datetime.date]

#: The longest time filter read: `2024-01-01 - 2025-06-30` and its like are far shorter.
MAX_TIME = 64
#: How much of a bad time filter its message repeats.
SHOWN_TIME = 40


def time_problem(time: str, fiscal_year_end: FiscalYearEnd | None) -> str | None:
    """What is wrong with Fava's time filter (None: empty or valid), its value shortened."""
    time = time.strip()
    if not time:
        return None
    if len(time) <= MAX_TIME:
        try:
            begin, end = parse_date(time, fiscal_year_end)
        except ValueError:
            begin = end = None
        if begin is not None and end is not None:
            return None
    shown = time if len(time) <= SHOWN_TIME else time[: SHOWN_TIME - 1] + "\N{HORIZONTAL ELLIPSIS}"
    return _("The time filter %(value)s is not a date or a range of dates.", value=repr(shown))


def merged(plugin_text: str | None, extension_text: object) -> tuple[Config, list[str]]:
    """The plugin line's config with the extension line's keys on top, and what is wrong.

    A bad plugin config falls back to the defaults and a bad extension config
    to the plugin's, each with a message: the page shows it instead of failing.
    """
    problems = []
    base, problem = parse(plugin_text)
    if problem is not None:
        problems.append(_("The plugin's config is ignored: %(problem)s", problem=problem))
    if extension_text is None:
        return base, problems
    if not isinstance(extension_text, str):
        problems.append(
            _(
                "The extension's config is ignored: it must be a string holding a dict, "
                "such as %(example)s, not %(value)s",
                example="\"{'min_rate': '80 EUR'}\"",
                value=repr(extension_text),
            )
        )
        return base, problems
    config, problem = parse(extension_text, base)
    if problem is not None:
        problems.append(_("The extension's config is ignored: %(problem)s", problem=problem))
    return config, problems


def inputs(
    plugin_text: str | None,
    extension_text: object,
    time: str,
    fiscal_year_end: FiscalYearEnd | None,
    time_problem: str | None,
) -> tuple[Config, DateRange | None, list[str]]:
    """The merged config, before the time filter; the time filter, if valid; the problems.

    `time_problem` is what `time_problem` found wrong with the request's filter
    before the request ran (the filter is then dropped).
    """
    config, problems = merged(plugin_text, extension_text)
    date_range = None
    time = time.strip()
    if time_problem is not None:
        problems.append(time_problem)
    elif time:
        begin, end = parse_date(time, fiscal_year_end)
        if begin is not None and end is not None:
            date_range = (begin, end)
    return config, date_range, problems


def for_time_filter(
    config: Config,
    date_range: DateRange | None,
    today: datetime.date,
) -> Config:
    """The config for Fava's time filter, with as_of always set (SPEC section 7).

    With a filter, A is the filter's last day (its end is exclusive) when that
    is before today, else today; the window runs from the filter's first day
    to A. Without one, the config's as_of (else today) and window stand.
    """
    if date_range is None:
        return dataclasses.replace(config, as_of=config.as_of or today)
    begin, end = date_range
    last = end - ONE_DAY
    as_of = min(last, today)
    # A filter that starts after A still needs a window: window_days=0 means "all time".
    window_days = max(1, (as_of - begin).days + 1)
    return dataclasses.replace(config, as_of=as_of, window_days=window_days)


def all_time(config: Config) -> Config:
    """Every date up to A or today, whichever is later: to tell whether there are clients."""
    today = datetime.date.today()
    as_of = max(config.as_of or today, today)
    return dataclasses.replace(config, as_of=as_of, window_days=0)
