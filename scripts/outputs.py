"""Write what bean-check, clienthealth and the Fava tab show for two ledgers, to diff a change.

    .venv/bin/python scripts/outputs.py /tmp/before    # on the old code
    .venv/bin/python scripts/outputs.py /tmp/after     # on the new code
    diff -r /tmp/before /tmp/after && echo identical

The ledgers are the example and a generated one (2,000 transactions, 20
clients, seed 1). Each file holds a command's stdout and stderr, then its exit
status, or a Fava page's status and text (the tab, every client's page, with
time filters, in German, in incognito mode, the JSON and the chase CSV); the
checkout's own path is written `<repo>`, so that two checkouts compare too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from fava.application import create_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example-ledger" / "consultancy.beancount"
#: One path for every run: bean-check prints the ledger's path.
GENERATED = Path("/tmp/clienthealth-outputs-generated.beancount")
#: Where the tab reads each ledger (and in German): one path for every checkout
#: and run, since Fava's pages carry entry hashes, which read the file's path.
FAVA = Path("/tmp/clienthealth-outputs-fava")
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
#: Fava writes the ledger file's modification time into each page.
MTIME = re.compile(r'(<script type="application/json" id="ledger-mtime">)\d+(</script>)')
#: Fava's time filters each page is also shown with: a year, and one month.
TIMES = ("", "2025", "2025-06")


def _run(command: list[str], out: Path) -> None:
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    text = (done.stdout + done.stderr).replace(str(ROOT), "<repo>")
    out.write_text(f"{text}exit {done.returncode}\n", encoding="utf-8")


def _fava_pages(ledger: Path, folder: Path, name: str, ids: Sequence[str] = ()) -> list[str]:
    """Every page of the tab for this ledger, one file each, named by its query.

    With `ids` (the clients the JSON listed), in Fava's incognito mode, where
    the JSON answers 403. Returns the client ids the JSON lists.
    """
    incognito = bool(ids)
    app = create_app([str(ledger)], load=True, incognito=incognito, poll_watcher=True)
    app.testing = True
    [fava_ledger] = app.config["LEDGERS"].ledgers
    slug = fava_ledger.options["title"].lower().replace(" ", "-")
    client = app.test_client()
    tab = f"/{slug}/extension/ClientHealth/"

    def get(query: str) -> str:
        response = client.get(tab + query)
        text = response.text.replace(str(ROOT), "<repo>").replace(str(ledger.parent), "<dir>")
        text = MTIME.sub(r"\1<mtime>\2", text)
        out = folder / f"{name}.fava_{re.sub(r'[^A-Za-z0-9.-]+', '_', query).strip('_') or 'tab'}"
        out.write_text(f"{response.status_code}\n{text}", encoding="utf-8")
        return response.text

    if not incognito:
        ids = [c["client"] for c in json.loads(get("clients"))["clients"]]
    for time in TIMES:
        at = f"time={quote(time)}" if time else ""
        get(f"?{at}")
        get(f"clients?{at}")
        get(f"chase_csv?{at}")
        for client_id in [*ids, "no-such-client"]:
            get(f"?client={quote(client_id)}" + (f"&{at}" if at else ""))
    return list(ids)


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
        FAVA.mkdir(exist_ok=True)
        text = ledger.read_text(encoding="utf-8")
        (FAVA / f"{name}.beancount").write_text(text, encoding="utf-8")
        ids = _fava_pages(FAVA / f"{name}.beancount", args.folder, name)
        _fava_pages(FAVA / f"{name}.beancount", args.folder, f"{name}-incognito", ids)
        german = f'{text}\n2020-01-01 custom "fava-option" "language" "de"\n'
        (FAVA / f"{name}-de.beancount").write_text(german, encoding="utf-8")
        _fava_pages(FAVA / f"{name}-de.beancount", args.folder, f"{name}-de")
    print(f"outputs: wrote {args.folder}")


if __name__ == "__main__":
    main()
