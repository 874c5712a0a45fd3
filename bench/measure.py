"""The four measurements, each against its baseline on the same ledger.

Times are CPU seconds (user + system), which other work on a shared machine
disturbs far less than wall-clock time. `bean_check` runs `bean-check
--no-cache` in a fresh child and reads its CPU time and peak memory from
`os.wait4`, through a small intermediate Python: Linux counts in a child's
peak memory the memory of the process that forked it, here a large one. The
engine and the Fava pages are timed in a fresh worker (`python -m
bench.measure engine|fava LEDGER REPEAT`) that prints JSON, so one size's
ledger never stays in the benchmark's own memory.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from beancount import loader
from beancount.core import realization
from fava.application import create_app
from fava.util import slugify

from beancount_plugins.clienthealth import clienthealth, config
from beancount_plugins.clienthealth.engine import analyse
from bench.generate import PLUGIN_CONFIG, TITLE

ROOT = Path(__file__).resolve().parents[1]
#: Bytecode is cached as an installed package's is, so that no run but the
#: first pays for compiling the plugin's or Beancount's modules.
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "BEANCOUNT_DISABLE_LOAD_CACHE": "1",
    "PYTHONPATH": str(ROOT),
}
TAB = "ClientHealth"


def bean_check_command() -> list[str]:
    """The `bean-check` next to this Python, else on PATH."""
    script = Path(sys.executable).with_name("bean-check")
    found = str(script) if script.exists() else shutil.which("bean-check")
    if found is None:
        raise SystemExit("bench: bean-check not found next to Python nor on PATH")
    return [found]


#: Run argv, print its exit code, CPU seconds and peak memory (KiB); stdlib only.
_RUN = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def bean_check(path: Path) -> tuple[float, int]:
    """CPU seconds and peak resident memory (KiB) of `bean-check --no-cache`."""
    command = [sys.executable, "-c", _RUN, *bean_check_command(), "--no-cache", str(path)]
    answer = subprocess.run(command, capture_output=True, text=True, env=ENV, check=True)
    code, seconds, kib = answer.stdout.split()
    if int(code) not in (0, 1):  # 1: the ledger has errors (the signals)
        raise SystemExit(f"bench: bean-check {path} exited {code}")
    return float(seconds), int(kib)


def worker(kind: str, path: Path, repeat: int) -> dict[str, Any]:
    """Run one in-process measurement in a fresh child; its JSON answer."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.measure", kind, str(path), str(repeat)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: {kind} worker failed:\n{result.stderr}")
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def _best(functions: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best CPU time of each function, run interleaved `repeat` times."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            gc.collect()
            start = time.process_time()
            function()
            best[name] = min(best[name], time.process_time() - start)
    return best


def engine(path: Path, repeat: int) -> dict[str, Any]:
    """`analyse` and the whole plugin function against `realization.realize`."""
    entries, errors, options_map = loader.load_file(str(path))
    if errors:
        raise SystemExit(f"bench: {path} has {len(errors)} errors, e.g. {errors[0].message}")
    settings, problem = config.parse(PLUGIN_CONFIG)
    assert problem is None, problem
    return _best(
        {
            "realize": lambda: realization.realize(entries),  # type: ignore[no-untyped-call]
            "engine": lambda: analyse(entries, options_map, settings),
            "plugin": lambda: clienthealth(entries, options_map, PLUGIN_CONFIG),
        },
        repeat,
    )


def fava(path: Path, repeat: int) -> dict[str, Any]:
    """The tab against the income statement (its page and its data), both warm."""
    try:
        importlib.import_module("fava_clienthealth")
    except ImportError as exc:
        return {"skipped": f"the Fava extension is not importable ({exc})"}
    app = create_app([str(path)], load=True)
    app.testing = True
    client = app.test_client()
    base = f"/{slugify(TITLE)}"

    def get(*urls: str) -> Callable[[], None]:
        def fetch() -> None:
            for url in urls:
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"bench: GET {url} answered {response.status_code}")

        return fetch

    pages = {
        "tab": get(f"{base}/extension/{TAB}/"),
        "income_statement": get(f"{base}/income_statement/", f"{base}/api/income_statement"),
    }
    for fetch in pages.values():
        fetch()  # warm up: load, caches, templates
    return _best(pages, repeat)


if __name__ == "__main__":
    kind, ledger, times = sys.argv[1:4]
    measure = {"engine": engine, "fava": fava}[kind]
    print(json.dumps(measure(Path(ledger), int(times))))
