"""Fixtures of the Fava tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from fava_pages import fava, ledger_text
from flask.testing import FlaskClient


@pytest.fixture
def studio(tmp_path: Path) -> FlaskClient:
    """Fava serving the three-client studio ledger (fava_pages.LEDGER)."""
    return fava(tmp_path, ledger_text())
