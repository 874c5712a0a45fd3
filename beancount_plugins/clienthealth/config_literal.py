"""Read a config string as a Python literal dict, naming the part that is not one."""

from __future__ import annotations

import ast

from beancount_plugins.clienthealth.text import SHOWN_CHARS, one_line, shown


class ConfigError(ValueError):
    """A config value that cannot be used; the message names the key."""


def _culprit(text: str, node: ast.AST) -> str | None:
    """The innermost part of a parsed config that is not a literal, and where it is."""
    for child in ast.iter_child_nodes(node):
        found = _culprit(text, child)
        if found is not None:
            return found
    if not isinstance(node, ast.expr):
        return None
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _not_literal(text, node)
    return None


def _not_literal(text: str, node: ast.expr) -> str:
    """`node`'s text, cut if long, and where it starts."""
    segment = ast.get_source_segment(text, node) or type(node).__name__
    if len(segment) > SHOWN_CHARS:
        segment = f"{segment[:SHOWN_CHARS]}... ({len(segment)} characters)"
    where = f"line {node.lineno}, column {node.col_offset + 1}"
    return f"{one_line(segment)} ({where}) is not a literal"


def _key_culprit(text: str, tree: ast.Expression) -> str | None:
    """What is not a literal, under the top-level key it belongs to when there is one."""
    body = tree.body
    if isinstance(body, ast.Dict):
        for key_node, value_node in zip(body.keys, body.values, strict=True):
            if _culprit(text, value_node) is None:
                continue
            try:
                key = ast.literal_eval(key_node) if key_node is not None else None
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                key = None
            # A non-literal key is its own culprit, found below.
            if key is not None:
                return f"{shown(key)}: {_not_literal(text, value_node)}"
    return _culprit(text, body)


def _parse_literal(source: str) -> ast.Expression:
    """Parse a config string, or say where its syntax breaks."""
    try:
        return ast.parse(source, mode="eval")
    except SyntaxError as exc:
        where = f" (line {exc.lineno}, column {exc.offset})" if exc.lineno else ""
        raise ConfigError(f"config is not a Python literal: {exc.msg}{where}") from None
    except (ValueError, MemoryError, RecursionError) as exc:
        problem = str(exc) or "it is nested too deeply"
        raise ConfigError(f"config is not a Python literal: {problem}") from None


def literal(text: str | None) -> dict[str, object]:
    """Read a config string as a Python literal dict; empty or None is `{}`."""
    if text is None or not text.strip():
        return {}
    source = text.lstrip(" \t")  # as ast.literal_eval does
    tree = _parse_literal(source)
    try:
        try:
            value = ast.literal_eval(tree)
        except (ValueError, TypeError) as exc:
            problem = _key_culprit(source, tree) or str(exc)
            raise ConfigError(f"config is not a Python literal: {problem}") from None
    except (MemoryError, RecursionError):
        raise ConfigError("config is not a Python literal: it is nested too deeply") from None
    if not isinstance(value, dict):
        raise ConfigError(f"config must be a dict, not {type(value).__name__}")
    return value
