"""`python -m bench.phase LEDGER none|realize|plugin`: load, then one phase, for callgrind.

The ledger has no plugin line. Every phase imports the same modules and loads
the ledger the same way; `realize` then runs `realization.realize(entries)`,
`plugin` the plugin function `clienthealth(entries, options_map,
PLUGIN_CONFIG)`, `none` nothing. The process leaves with `os._exit`, so that
no phase pays for tearing down what it made: the differences between the
phases' instruction counts are the functions' own.
"""

from __future__ import annotations

import os
import sys

from beancount import loader
from beancount.core import realization

from beancount_plugins.clienthealth import clienthealth
from bench.generate import PLUGIN_CONFIG

PHASES = ("none", "realize", "plugin")
_KEPT: list[object] = []


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in PHASES:
        print(f"usage: python -m bench.phase LEDGER {'|'.join(PHASES)}", file=sys.stderr)
        return 2
    ledger, phase = argv
    entries, errors, options_map = loader.load_file(ledger)
    if errors:
        print(
            f"bench.phase: {ledger} has {len(errors)} errors: {errors[0].message}", file=sys.stderr
        )
        return 1
    kept: object = None  # alive until os._exit: freeing it is no phase's work
    if phase == "realize":
        kept = realization.realize(entries)  # type: ignore[no-untyped-call]
    elif phase == "plugin":
        kept = clienthealth(entries, options_map, PLUGIN_CONFIG)
    _KEPT.append(kept)
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
