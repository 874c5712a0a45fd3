"""Values and messages made safe to print: one line each, and never huge."""

from __future__ import annotations

import unicodedata

#: The most characters of a value that a message echoes.
SHOWN_CHARS = 60

#: Categories that end a line or steer a terminal: a newline, CR, U+2028, ESC ...
_UNSAFE = frozenset({"Cc", "Zl", "Zp"})


def _escaped(char: str) -> str:
    if unicodedata.category(char) not in _UNSAFE:
        return char
    # repr's own escape, without its quotes: \n, \r, \x1b, \u2028.
    return repr(char)[1:-1] if char != "\\" else char


def one_line(text: str) -> str:
    r"""`text` with every line break and control character escaped (`\n`).

    Every message passes through here on its way out, so that no id, name or
    config value can start a line of its own that looks like another error.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(char) for char in text)


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)` for a message: escaped as repr does, cut to `limit` characters."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4300 digits
        text = f"<a {type(value).__name__} too long to print>"
    if len(text) > limit:
        return f"{text[:limit]}... ({len(text)} characters)"
    return text
