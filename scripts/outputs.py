"""Write what bean-check and clienthealth print for two ledgers, to compare a change by `diff -r`.

    .venv/bin/python scripts/outputs.py /tmp/before    # on the old code
    .venv/bin/python scripts/outputs.py /tmp/after     # on the new code
    diff -r /tmp/before /tmp/after && echo identical

The ledgers are the example and a generated one (2,000 transactions, 20
clients, seed 1). Each file holds a command's stdout and stderr, then its exit
status; the checkout's own path is written `<repo>`, so that two checkouts
compare too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-ledger" / "consultancy.beancount"
#: One path for every run: bean-check prints the ledger's path.
GENERATED = Path("/tmp/clienthealth-outputs-generated.beancount")
#: clienthealth's options, one output file each.
RUNS = (
    (),
    ("--format", "json"),
    ("--format", "csv"),
    ("--chase",),
    ("--chase", "--format", "json"),
    ("--as-of", "2025-06-30", "--format", "json"),
    ("--window-days", "0", "--format", "json"),
)


def _run(command: list[str], out: Path) -> None:
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    text = (done.stdout + done.stderr).replace(str(ROOT), "<repo>")
    out.write_text(f"{text}exit {done.returncode}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the outputs")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    generate = [python, "-m", "bench.generate", "--transactions", "2000", "--clients", "20"]
    subprocess.run([*generate, "--seed", "1", "-o", str(GENERATED)], cwd=ROOT, check=True)
    for name, ledger in (("example", EXAMPLE), ("generated", GENERATED)):
        check = [python, "-m", "beancount.scripts.check", "--no-cache", str(ledger)]
        _run(check, args.folder / f"{name}.bean-check")
        for options in RUNS:
            command = [python, "-m", "beancount_plugins.clienthealth.cli", str(ledger), *options]
            suffix = "".join(f"_{option.lstrip('-')}" for option in options)
            _run(command, args.folder / f"{name}.clienthealth{suffix}")
    print(f"outputs: wrote {args.folder}")


if __name__ == "__main__":
    main()
