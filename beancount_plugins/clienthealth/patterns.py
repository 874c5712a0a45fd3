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

#: The most variable-width quantifiers one match may try in turn, counting the
#: unanchored search as one: each more multiplies the worst case by the length
#: of the account name (`.*a.*x` searched in 3,000 letters took 3.4 s; anchored,
#: `^.*a.*x` takes 4 ms in 10,000).
MAX_DEGREE = 2

_ANCHORS = frozenset({"AT_BEGINNING", "AT_BEGINNING_STRING"})

#: The most places where a match may go two ways (an alternation, an optional
#: or variable part), counted through fixed repeats: each more may double the
#: tries on a name that almost matches (`(?:a|a){20}x` took 126 s on 5,000 letters).
MAX_CHOICES = 10
#: The same beside two quantifiers in a row, whose tries grow as the name's length squared.
MAX_CHOICES_BESIDE_TWO = 1


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


def _counts(tokens: object) -> tuple[int, int]:
    """How many variable-width quantifiers, and how many choice points, a match may meet in turn.

    A choice point is a quantifier, an optional part or an alternation. A fixed
    count repeats its group's (`(.*a){6}` is six quantifiers); of an
    alternation's branches only the costliest counts, for each of the two.
    """
    quantifiers = choices = 0
    for op, arg in tokens:  # type: ignore[attr-defined]
        name = str(op)
        if name in _REPEATS:
            low, high, body = arg
            inner, inner_choices = _counts(body)
            times = 1 if high == sre_parse.MAXREPEAT else high
            quantifiers += (high != low and high > 1) + times * inner
            choices += (low != high) + times * inner_choices
        elif name == "BRANCH":
            branches = [_counts(branch) for branch in arg[1]]
            quantifiers += max(inner for inner, _ in branches)
            choices += 1 + max(inner_choices for _, inner_choices in branches)
        else:
            for part in _parts(name, arg):
                inner, inner_choices = _counts(part)
                quantifiers, choices = quantifiers + inner, choices + inner_choices
    return quantifiers, choices


def _anchored(tokens: object) -> bool:
    """Whether the pattern can only match at the start of the name (`^`, `\\A`)."""
    first = next(iter(tokens), None)  # type: ignore[call-overload]
    return first is not None and str(first[0]) == "AT" and str(first[1]) in _ANCHORS


def backtracking_problem(pattern: str) -> str | None:
    """Why `pattern` could take exponential time on an account name, or None.

    Python's `re` backtracks: `(a+)+$` or `(a|a)*$` takes twice as long with
    each letter of a name that almost matches, so a nested quantifier or a
    repeated alternation is refused; an account pattern never needs either.
    Quantifiers in a row cost a power of the name's length, one per
    quantifier (`.*.*.*x`), so more than MAX_DEGREE of them are refused too.
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"it is longer than {MAX_PATTERN_CHARS} characters"
    re.compile(pattern)  # raises re.error first, with its own message
    tokens = sre_parse.parse(pattern)
    found = _repeats(tokens, inside=False)
    if found is not None:
        return f"{found} can take exponential time; write it without nesting"
    quantifiers, all_choices = _counts(tokens)
    degree = quantifiers + (0 if _anchored(tokens) else 1)
    # The other choices (|, ?) multiply the tries by two each, at every place the
    # quantifiers try: few are allowed beside two quantifiers in a row.
    choices = all_choices - quantifiers
    allowed = MAX_CHOICES if degree <= 1 else MAX_CHOICES_BESIDE_TWO
    if choices > allowed:
        return (
            f"it has {choices} places where a match may go two ways (|, ?), repeats "
            f"counted; with {degree} variable-width quantifiers in a row (a search not "
            f"anchored with ^ counts as one) more than {allowed} can take exponential "
            f"time: write it with fewer"
        )
    if degree <= MAX_DEGREE:
        return None
    return (
        f"it has {degree} variable-width quantifiers (*, +, {{m,n}}) in a row, "
        f"counting a search not anchored with ^ as one; more than "
        f"{MAX_DEGREE} make it slow on a long account name: anchor it with ^ "
        f"or write fewer of them"
    )
