"""The tab's settings: extension over plugin config, bad configs, and Fava's time filter."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from beancount.core.amount import Amount

from beancount_plugins.clienthealth.config import Config
from fava_clienthealth import settings
from tests.helpers import date

D = Decimal
TODAY = datetime.date(2026, 3, 15)


# --- settings ---------------------------------------------------------------------------------


def test_extension_keys_override_the_plugins() -> None:
    config, problems = settings.merged(
        "{'min_rate': '80 EUR', 'default_terms': 14}", "{'min_rate': '90 EUR'}"
    )
    assert problems == []
    assert config.min_rate == Amount(D(90), "EUR")
    assert config.default_terms == 14


def test_no_config_anywhere_is_the_defaults() -> None:
    assert settings.merged(None, None) == (Config(), [])
    assert settings.merged("", "") == (Config(), [])


@pytest.mark.parametrize(
    ("extension", "named"),
    [
        ("{'window_days': -1}", "'window_days'"),
        ("{'colour': 'blue'}", "unknown key 'colour'"),
        ("('min_rate', '80 EUR')", "must be a dict"),
        ("{'min_rate': EUR}", "not a Python literal"),
        (42, "must be a string"),
    ],
)
def test_a_bad_extension_config_keeps_the_plugins(extension: object, named: str) -> None:
    config, problems = settings.merged("{'min_rate': '80 EUR'}", extension)
    assert config.min_rate == Amount(D(80), "EUR")
    assert len(problems) == 1
    assert problems[0].startswith("The extension's config is ignored")
    assert named in problems[0]


def test_a_bad_plugin_config_falls_back_to_the_defaults() -> None:
    config, problems = settings.merged("{'min_rate': 80}", "{'default_terms': 10}")
    assert config == Config(default_terms=10)
    assert problems[0].startswith("The plugin's config is ignored")


def test_time_filter_before_today_sets_as_of_and_window() -> None:
    config = settings.for_time_filter(Config(), (date("2025-01-01"), date("2026-01-01")), TODAY)
    assert config.as_of == date("2025-12-31")
    assert config.window_days == 365


def test_time_filter_of_a_quarter() -> None:
    config = settings.for_time_filter(Config(), (date("2025-07-01"), date("2025-10-01")), TODAY)
    assert (config.as_of, config.window_days) == (date("2025-09-30"), 92)


def test_time_filter_ending_after_today_judges_today() -> None:
    pinned = Config(as_of=date("2025-12-31"), window_days=30)
    config = settings.for_time_filter(pinned, (date("2026-01-01"), date("2027-01-01")), TODAY)
    assert config.as_of == TODAY
    assert config.window_days == (TODAY - date("2026-01-01")).days + 1


def test_time_filter_after_today_still_has_a_window() -> None:
    config = settings.for_time_filter(Config(), (date("2027-01-01"), date("2028-01-01")), TODAY)
    assert config.as_of == TODAY
    assert config.window_days == 1  # not 0, which would mean all time


def test_no_time_filter_keeps_the_config() -> None:
    pinned = Config(as_of=date("2025-06-30"), window_days=90)
    assert settings.for_time_filter(pinned, None, TODAY) == pinned
    assert settings.for_time_filter(Config(), None, TODAY).as_of == TODAY
