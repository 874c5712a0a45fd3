"""Regular expressions from the config that cannot take exponential time."""

from __future__ import annotations

import re

try:  # Python 3.11 moved the parser; 3.10 has it under its old name only.
    from re import _parser as sre_parse  # type: ignore[attr-defined,unused-ignore]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef,unused-ignore]

#: Longer than any account pattern needs; the message would echo it.
MAX_PATTERN_CHARS = 1000

_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def _parts(name: str, arg: object) -> list[object]:
    """The sub-patterns of a parsed token: a group's, a look-around's, each branch's."""
    if name == "SUBPATTERN" and isinstance(arg, tuple):
        return [arg[-1]]
    if name in {"ASSERT", "ASSERT_NOT", "BRANCH"} and isinstance(arg, tuple):
        return list(arg[1]) if name == "BRANCH" else [arg[1]]
    if name == "GROUPREF_EXISTS" and isinstance(arg, tuple):
        return [branch for branch in arg[1:] if branch is not None]
    return []


def _repeats(tokens: object, inside: bool) -> str | None:
    """The first repeat inside a repeat, or a repeated alternation, as text."""
    for op, arg in tokens:  # type: ignore[attr-defined]
        name = str(op)
        if name in _REPEATS:
            low, high, body = arg
            repeats = high != low and high > 1
            if repeats and inside:
                return "a quantifier inside a quantified group"
            parts, inner = [body], inside or repeats
        else:
            if name == "BRANCH" and inside:
                return "an alternation (|) inside a quantified group"
            parts, inner = _parts(name, arg), inside
        for part in parts:
            found = _repeats(part, inner)
            if found is not None:
                return found
    return None


def backtracking_problem(pattern: str) -> str | None:
    """Why `pattern` could take exponential time on an account name, or None.

    Python's `re` backtracks: `(a+)+$` or `(a|a)*$` takes twice as long with
    each letter of a name that almost matches, so a nested quantifier or a
    repeated alternation is refused; an account pattern never needs either.
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"it is longer than {MAX_PATTERN_CHARS} characters"
    re.compile(pattern)  # raises re.error first, with its own message
    found = _repeats(sre_parse.parse(pattern), inside=False)
    if found is None:
        return None
    return f"{found} can take exponential time; write it without nesting"
