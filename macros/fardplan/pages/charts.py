"""Geometry of a measure's chart, drawn as inline SVG by templates/_measures.j2 at build time
(no JavaScript, no request to anyone). Python places the points; the template only draws them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from markupsafe import Markup

from fardplan.data.measures import Measure, number

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 40


@dataclass(frozen=True)
class Tick:
    at: float  # pixel position along the axis
    label: str


@dataclass(frozen=True)
class Series:
    name: str
    css: str  # fp-series-<css>: colour and dash pattern
    points: tuple[tuple[float, float], ...]

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int  # x of the plot's right edge
    top: int
    bottom: int  # y of the plot's bottom edge
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]
    target: tuple[float, float, float, str] | None  # x1, x2, y, label


def _nice_step(span: float) -> float:
    raw = span / 4 or 1.0
    power: float = 10 ** math.floor(math.log10(raw))
    return next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= raw)


def chart(measure: Measure, organisation: str) -> Chart | None:
    if not measure.values:
        return None
    years = [v.year for v in measure.values]
    numbers = [v.value for v in measure.values] + [
        v.national for v in measure.values if v.national is not None
    ]
    if measure.target is not None:
        years.append(measure.target.year)
        numbers.append(measure.target.value)
    first, last = min(years), max(years)
    step = _nice_step(max(numbers) - min(numbers))
    # A step of room below and above when a value would lie on the plot's edge.
    low, high = math.floor(min(numbers) / step) * step, math.ceil(max(numbers) / step) * step
    low -= step if low == min(numbers) else 0
    high += step if high == max(numbers) else 0
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(year: int) -> float:
        return (
            (LEFT + right) / 2 if last == first else LEFT + (year - first) / (last - first) * (right - LEFT)
        )

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - TOP)

    year_step = max(1, math.ceil((last - first + 1) / 8))  # at most about eight year labels
    x_ticks = tuple(Tick(x(year), str(year)) for year in range(first, last + 1, year_step))
    y_ticks = tuple(
        Tick(y(low + i * step), number(low + i * step)) for i in range(round((high - low) / step) + 1)
    )
    series = [Series(organisation, "kommun", tuple((x(v.year), y(v.value)) for v in measure.values))]
    national = tuple((x(v.year), y(v.national)) for v in measure.values if v.national is not None)
    if national:
        series.append(Series("Riket", "riket", national))
    target = None
    if measure.target is not None:
        start = measure.baseline.year if measure.baseline is not None else first
        target = (
            x(min(start, measure.target.year)),
            x(measure.target.year),
            y(measure.target.value),
            f"Mål {measure.target.year}: {number(measure.target.value)}",
        )
    return Chart(WIDTH, HEIGHT, LEFT, right, TOP, bottom, x_ticks, y_ticks, tuple(series), target)


class DeferredCharts:
    """Chart drawings and value tables kept out of a page until the page is written.

    Python-Markdown and the search index both parse raw HTML tag by tag; for twenty needs with
    three measures each that cost about 0.2 s of a build, more than everything else the measures
    add. So each drawing and table stands in the page as a comment until MkDocs' `post_page`
    event, after both, puts it back (the adapter registers `on_post_page`). The figure's text
    (name, summary in words, status, source) stays in the page, so search still finds it.
    Generators without that event render with no DeferredCharts: the markup stays inline."""

    PLACEHOLDER = re.compile(r"<!--fp-diagram-(\d+)-->")

    def __init__(self) -> None:
        self._parts: list[str] = []

    def keep(self, markup: str) -> Markup:
        self._parts.append(str(markup))
        return Markup(f"<!--fp-diagram-{len(self._parts) - 1}-->")

    def fill(self, html: str) -> str:
        if "<!--fp-diagram-" not in html:
            return html

        def part(match: re.Match[str]) -> str:
            index = int(match.group(1))
            return self._parts[index] if index < len(self._parts) else match.group(0)

        return self.PLACEHOLDER.sub(part, html)

    def on_post_page(self, output: str, **_: object) -> str:
        return self.fill(output)
