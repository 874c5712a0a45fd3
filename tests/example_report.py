"""The example ledger, and its command-line JSON report as a module-scoped fixture."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).parent.parent / "example-ledger" / "consultancy.beancount"
ENV = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
#: The command line's JSON report, an object of JSON values.
JsonObject = dict[str, Any]


@pytest.fixture(scope="module")
def report() -> JsonObject:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "beancount_plugins.clienthealth.cli",
            str(EXAMPLE),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    assert result.stderr == ""  # the example has no data errors
    report: JsonObject = json.loads(result.stdout)
    return report
