"""Fixtures of the Fava tests, and the `slow` marker of the long-running files."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.fava_pages import fava, ledger_text


@pytest.fixture
def studio(tmp_path: Path) -> FlaskClient:
    """Fava serving the three-client studio ledger (fava_pages.LEDGER)."""
    return fava(tmp_path, ledger_text())


#: Files whose tests take most of the suite's time: generated ledgers (Hypothesis),
#: the benchmark's smallest run, packaging builds. `-m "not slow and not browser"`
#: leaves them out for a quick inner loop.
SLOW_FILES = ("test_properties_", "test_bench", "test_packaging.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of SLOW_FILES `slow`."""
    for item in items:
        if item.path.name.startswith(SLOW_FILES):
            item.add_marker(pytest.mark.slow)
