"""Measures (mått): key figures that show whether a need is getting better, year by year.

A measure has a source (a Kolada key figure or the city's own), an optional baseline and target,
and values per year (with the national value and women/men where the source has them). This
module holds the model, the checks the schema cannot express, and the plain-Swedish judgements
(trend, status against target) that pages and open data share.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, overload

from fardplan.data.diagnostics import Diagnostic
from fardplan.data.source import KeyPath, Source
from fardplan.data.source import list_items as _items

if TYPE_CHECKING:
    from fardplan.data.model import Need


@dataclass(frozen=True)
class Point:
    year: int
    value: float


@dataclass(frozen=True)
class YearValue:
    year: int
    value: float
    national: float | None = None
    women: float | None = None
    men: float | None = None


class Progress(Enum):
    """Where a measure stands against its target, in words (never only a colour)."""

    REACHED = "Målet är nått"
    ON_TRACK = "På väg mot målet"
    OFF_TRACK = "Inte på väg mot målet"
    NO_TARGET = "Inget mål angivet"
    NO_VALUES = "Inga värden ännu"

    @property
    def slug(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    description: str | None
    unit: str
    higher_is_better: bool
    kolada_id: str | None
    own_source: str | None
    example: bool
    baseline: Point | None
    target: Point | None
    values: tuple[YearValue, ...]  # oldest first
    line: int

    @property
    def source_label(self) -> str:
        if self.kolada_id:
            return f"Kolada (RKA), nyckeltal {self.kolada_id}"
        return str(self.own_source)

    @property
    def latest(self) -> YearValue | None:
        return self.values[-1] if self.values else None

    @property
    def has_national(self) -> bool:
        return any(v.national is not None for v in self.values)

    @property
    def has_gender(self) -> bool:
        return any(v.women is not None or v.men is not None for v in self.values)

    def better(self, new: float, old: float) -> bool:
        return new > old if self.higher_is_better else new < old

    @property
    def reference(self) -> Point | None:
        """What the latest value is compared with: the baseline, else the first value."""
        if self.baseline is not None:
            return self.baseline
        if len(self.values) > 1:
            return Point(self.values[0].year, self.values[0].value)
        return None

    @property
    def progress(self) -> Progress:
        latest = self.latest
        if latest is None:
            return Progress.NO_VALUES
        if self.target is None:
            return Progress.NO_TARGET
        if latest.value == self.target.value or self.better(latest.value, self.target.value):
            return Progress.REACHED
        reference = self.reference
        if (
            reference is not None
            and reference.year < latest.year
            and self.better(latest.value, reference.value)
        ):
            return Progress.ON_TRACK
        return Progress.OFF_TRACK

    def summary(self, organisation: str) -> str:
        """One plain-Swedish sentence on the development and the target."""
        latest = self.latest
        if latest is None:
            target = (
                f" Målet är {self.amount(self.target.value)} år {self.target.year}." if self.target else ""
            )
            return f"Det finns inga värden ännu.{target}"
        reference = self.reference
        if reference is not None and reference.year < latest.year:
            if self.better(latest.value, reference.value):
                trend = f"Utvecklingen går åt rätt håll sedan {reference.year}"
            elif latest.value == reference.value:
                trend = f"Värdet är detsamma som {reference.year}"
            else:
                trend = f"Utvecklingen går åt fel håll sedan {reference.year}"
            trend += (
                f": från {self.amount(reference.value)} till {self.amount(latest.value)} år {latest.year}"
            )
        else:
            trend = f"Det senaste värdet för {organisation} är {self.amount(latest.value)} år {latest.year}"
        if self.target is None:
            return f"{trend}. Inget mål är angivet."
        if self.progress is Progress.REACHED:
            return f"{trend}; målet för {self.target.year}, {self.amount(self.target.value)}, är nått."
        return f"{trend}; målet för {self.target.year} är {self.amount(self.target.value)}."

    def amount(self, value: float) -> str:
        return f"{number(value)} {self.unit}"


def number(value: float) -> str:
    """A number as written in Swedish: decimal comma, at most two decimals, a space between thousands."""
    text = f"{abs(value):,.2f}".rstrip("0").rstrip(".").replace(",", "\u00a0").replace(".", ",")
    return ("\u2212" if value < 0 and text.strip("0,") else "") + text


@overload
def _one_line(text: str) -> str: ...
@overload
def _one_line(text: None) -> None: ...
def _one_line(text: str | None) -> str | None:
    """Names go into raw HTML in a Markdown page, where a blank line would end the HTML block."""
    return " ".join(text.split()) if text is not None else None


def _point(raw: Any) -> Point | None:
    return Point(raw["år"], float(raw["värde"])) if raw else None


def _optional(value: Any) -> float | None:
    return float(value) if value is not None else None


def build_measures(raw_list: Any, path: KeyPath, source: Source) -> tuple[Measure, ...]:
    measures = []
    for index, raw in enumerate(raw_list or ()):
        origin = raw["källa"]
        measures.append(
            Measure(
                id=raw["id"],
                name=_one_line(raw["namn"]),
                description=raw.get("beskrivning"),
                unit=_one_line(raw["enhet"]),
                higher_is_better=raw["bättre"] == "högre",
                kolada_id=origin.get("kolada"),
                own_source=_one_line(origin.get("egen")),
                example=bool(raw.get("exempelvärden")),
                baseline=_point(raw.get("utgångsläge")),
                target=_point(raw.get("mål")),
                values=tuple(
                    YearValue(
                        v["år"],
                        float(v["värde"]),
                        _optional(v.get("riket")),
                        _optional(v.get("kvinnor")),
                        _optional(v.get("män")),
                    )
                    for v in raw["värden"]
                ),
                line=source.position(path + (index,))[0],
            )
        )
    return tuple(measures)


_NUMBER_KEYS = ("värde", "riket", "kvinnor", "män")


def check_measures(
    source: Source, need_path: KeyPath, need: dict[str, Any], seen: dict[str, int]
) -> Iterator[Diagnostic]:
    """Rules beyond the schema: unique ids, years in order and once each, real numbers,
    a target after the baseline."""
    for path, measure in _items(need, "mått", need_path):
        ident = measure.get("id")
        if isinstance(ident, str) and not source.rejects(path + ("id",)):
            if ident in seen:
                yield source.diagnostic(
                    path + ("id",),
                    f"måttet '{ident}' finns redan på rad {seen[ident]}: varje mått måste ha ett eget id",
                )
            else:
                seen[ident] = source.position(path + ("id",))[0]
        for key in ("utgångsläge", "mål"):
            point = measure.get(key)
            if isinstance(point, dict):
                yield from _check_number(source, path + (key, "värde"), point.get("värde"))
        start, goal = measure.get("utgångsläge"), measure.get("mål")
        if (
            isinstance(start, dict)
            and isinstance(goal, dict)
            and _year(start.get("år"))
            and _year(goal.get("år"))
            and not source.rejects(path + ("mål", "år"))
            and goal["år"] <= start["år"]
        ):
            yield source.diagnostic(
                path + ("mål", "år"),
                f"målets år ({goal['år']}) måste vara efter utgångslägets år ({start['år']})",
            )
        previous = None
        for value_path, entry in _items(measure, "värden", path):
            for key in _NUMBER_KEYS:
                yield from _check_number(source, value_path + (key,), entry.get(key))
            year = entry.get("år")
            if not _year(year) or source.rejects(value_path + ("år",)):
                continue
            if previous is not None and year <= previous:
                word = "står redan i listan" if year == previous else f"kommer efter {previous}"
                yield source.diagnostic(
                    value_path + ("år",),
                    f"året {year} {word}: skriv värdena ett år i taget, äldsta året först",
                )
            previous = max(year, previous) if previous is not None else year


def _check_number(source: Source, path: KeyPath, value: Any) -> Iterator[Diagnostic]:
    if isinstance(value, float) and not math.isfinite(value) and not source.rejects(path):
        yield source.diagnostic(path, "ska vara ett tal, till exempel 12 eller 12.5, inte .nan eller .inf")


def _year(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def overview(areas: Any) -> list[tuple[Any, list[tuple[Any, Measure]]]]:
    """Per area that has measures: its (need, measure) pairs, in the data's order."""
    result = []
    for area in areas:
        pairs = [(need, measure) for need in area.needs for measure in need.measures]
        if pairs:
            result.append((area, pairs))
    return result


KOLADA_FILE = "kolada.json"  # next to roadmap.yaml; written by scripts/kolada.py


def kolada_values(path: Any, name: str) -> tuple[dict[str, tuple[YearValue, ...]], list[Diagnostic]]:
    """The values in data/kolada.json by key figure, or a located message when the file cannot be used."""
    import json

    def problem(what: str) -> tuple[dict[str, tuple[YearValue, ...]], list[Diagnostic]]:
        return {}, [Diagnostic(name, 1, 1, f"{what}: kör python3 scripts/kolada.py igen eller ta bort filen")]

    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return problem("filen går inte att läsa som JSON")
    table = document.get("nyckeltal") if isinstance(document, dict) else None
    if not isinstance(table, dict):
        return problem("filen har inte formen från scripts/kolada.py")
    result: dict[str, tuple[YearValue, ...]] = {}
    for kpi, entries in table.items():
        try:
            result[kpi] = tuple(
                YearValue(
                    int(e["år"]),
                    float(e["värde"]),
                    _optional(e.get("riket")),
                    _optional(e.get("kvinnor")),
                    _optional(e.get("män")),
                )
                for e in entries
            )
        except (TypeError, KeyError, ValueError):
            return problem(f"värdena för {str(kpi)[:20]} går inte att läsa")
        if not all(
            math.isfinite(n)
            for v in result[kpi]
            for n in (v.value, v.national, v.women, v.men)
            if n is not None
        ):
            return problem(f"värdena för {str(kpi)[:20]} går inte att läsa")
    return result, []


def with_kolada_values(
    needs_of: Iterable[Need], values: dict[str, tuple[YearValue, ...]]
) -> dict[str, tuple[Measure, ...]]:
    """Per need id, its measures with Kolada's values filled in where the data lists none itself."""
    from dataclasses import replace

    return {
        need.id: tuple(
            replace(m, values=values[m.kolada_id])
            if m.kolada_id and not m.values and values.get(m.kolada_id)
            else m
            for m in need.measures
        )
        for need in needs_of
    }
