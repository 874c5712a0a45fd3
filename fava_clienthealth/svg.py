"""Small SVG building blocks: linear scales, round ticks and escaped elements."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal

from markupsafe import Markup

#: How a chart writes an amount: Fava's format, with its currency.
Money = Callable[[Decimal], str]
#: A client's page, for a chart's link to it.
Link = Callable[[str], str]
#: Hides the digits of a money text in Fava's incognito mode (else returns it).
Mask = Callable[[str], str]
#: How an axis writes a number: in Fava's `locale`, as Fava writes amounts.
Digits = Callable[[float], str]


class Scale:
    """A linear map from a domain of values to a range of pixels."""

    def __init__(self, domain: tuple[float, float], pixels: tuple[float, float]) -> None:
        low, high = domain
        self.domain = (low, high if high != low else low + 1)
        self.pixels = pixels

    def __call__(self, value: float | Decimal) -> float:
        """The pixel position of a value."""
        low, high = self.domain
        start, end = self.pixels
        return start + (finite(float(value)) - low) / (high - low) * (end - start)


#: Beyond this a float's arithmetic overflows (a yield of 10^400 is inf as a float).
_LARGEST = 1e300


def finite(value: float) -> float:
    """The value held within +-1e300, NaN as 0: what a chart can still scale."""
    return 0.0 if math.isnan(value) else max(-_LARGEST, min(_LARGEST, value))


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) that cover low..high."""
    low, high = finite(low), finite(high)
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    values = []
    value = first
    while value < high + step * 0.999:
        values.append(round(value, 10))
        value += step
    return values


def domain(values: Sequence[float], *, include: Sequence[float] = (0.0,)) -> tuple[float, float]:
    """Round bounds that hold every value and the `include` ones."""
    every = [*values, *include]
    marks = ticks(min(every), max(every))
    return marks[0], marks[-1]


def escaped(value: object) -> str:
    """The value as markupsafe.escape writes it (markup as it is), as a plain str.

    escape() makes a Markup object of every piece, a Python call each: a
    page of 500 clients escapes some 50,000 of them.
    """
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return (
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def number(value: float) -> str:
    """A coordinate, short: one decimal place at most."""
    return f"{value:.1f}".removesuffix(".0")


#: Keyword -> attribute name, as attrs() spells it: the same few names over and over.
_NAMES: dict[str, str] = {}


def attrs(**values: str | float) -> str:
    """Escaped attributes; a trailing underscore is dropped and '_' becomes '-'."""
    parts = []
    for key, value in values.items():
        name = _NAMES.get(key)
        if name is None:
            name = _NAMES[key] = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):  # digits, '-', '.', inf or nan: nothing to escape
            parts.append(f'{name}="{number(value)}"')
        else:
            parts.append(f'{name}="{escaped(value)}"')
    return " ".join(parts)


def element(tag: str, content: str | Markup = "", **values: str | float) -> Markup:
    """One SVG element; text content is escaped, Markup content is kept."""
    inner = content if isinstance(content, Markup) else escaped(content)
    # Safe: the tag is ours, attributes and text are escaped above.
    opening = f"{tag} {attrs(**values)}" if values else tag
    return Markup(f"<{opening}>{inner}</{tag}>")  # noqa: S704


def group(children: Sequence[Markup], **values: str | float) -> Markup:
    """A <g> holding already built elements."""
    return element("g", Markup("").join(children), **values)


def line(x1: float, y1: float, x2: float, y2: float, class_: str) -> Markup:
    """A straight line with a CSS class."""
    return element("line", x1=x1, y1=y1, x2=x2, y2=y2, class_=class_)


def text(x: float, y: float, content: str, class_: str = "", **values: str | float) -> Markup:
    """An escaped text label."""
    return element("text", content, x=x, y=y, class_=class_, **values)


def y_title(content: str, top: float, bottom: float) -> Markup:
    """The y axis's title, read bottom to top along the left edge."""
    middle = (top + bottom) / 2
    return text(
        12,
        middle,
        content,
        "ch-axis",
        text_anchor="middle",
        transform=f"rotate(-90 12 {middle:.0f})",
    )


def link(href: str, children: Sequence[Markup], tooltip: str) -> Markup:
    """A link around elements, with a tooltip (SVG <title>), for the mouse only.

    Out of the Tab order: the chart's text summary and the table beside it name
    the same clients with links, where a keyboard and a screen reader reach them.
    """
    children = [element("title", tooltip), *children]
    return element("a", Markup("").join(children), href=href, tabindex="-1")


def inline_bar(
    width: int, height: int, tooltip: str, children: Sequence[Markup], class_: str
) -> Markup:
    """A small bar inside a table cell: an image whose title and label say what it shows."""
    return element(
        "svg",
        Markup("").join([element("title", tooltip), *children]),
        viewBox=f"0 0 {width} {height}",
        width=str(width),
        height=str(height),
        role="img",
        aria_label=tooltip.replace("\n", "; "),
        class_=class_,
    )


def svg(width: int, height: int, label: str, children: Sequence[Markup]) -> Markup:
    """The root element: scales to its container, described for screen readers."""
    return element(
        "svg",
        Markup("").join([element("title", label), *children]),
        viewBox=f"0 0 {width} {height}",
        width="100%",
        role="img",
        aria_label=label,
        class_="ch-chart",
        style=f"max-width: {width}px",
    )


def y_axis(
    scale: Scale,
    marks: Sequence[float],
    left: float,
    right: float,
    label: Digits = number,
) -> list[Markup]:
    """Horizontal grid lines with their values on the left, each written by `label`."""
    parts = []
    for mark in marks:
        y = scale(mark)
        parts.append(line(left, y, right, y, "ch-grid"))
        parts.append(text(left - 6, y + 4, label(mark), "ch-tick", text_anchor="end"))
    return parts


def legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> list[Markup]:
    """A row of keys from x: a square in each CSS class, then its label."""
    parts = []
    for kind, label in items:
        parts.append(element("rect", x=x, y=y - 9, width=10.0, height=10.0, class_=kind))
        parts.append(text(x + 14, y, label, "ch-note"))
        x += 24 + 6.5 * len(label)
    return parts


def shorten(name: str, size: int) -> str:
    """A label cut to `size` characters with an ellipsis."""
    return name if len(name) <= size else name[: size - 1] + "…"
