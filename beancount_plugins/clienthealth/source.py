"""Where the plugin line is, so a config error points at it with file and line."""

from __future__ import annotations

from beancount.core import data


def plugin_source(options_map: data.Meta, plugin_name: str) -> data.Meta:
    """The file and line of the `plugin "<plugin_name>"` line, else the main file's line 0."""
    # Imported here, on an error only: bean-check imports no pathlib of its own.
    from pathlib import Path  # noqa: PLC0415

    files = [str(f) for f in options_map.get("include") or ()]
    main = options_map.get("filename")
    if main and main not in files:
        files.insert(0, str(main))
    needle = f'"{plugin_name}"'
    for filename in files:
        try:
            lines = Path(filename).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for lineno, line in enumerate(lines, start=1):
            if line.lstrip().startswith("plugin") and needle in line:
                return data.new_metadata(filename, lineno)
    return data.new_metadata(str(main or "<clienthealth>"), 0)
