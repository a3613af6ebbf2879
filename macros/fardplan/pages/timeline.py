"""The timeline: every need and every "more needed" action placed on a shared axis of years.

The page is plain HTML with CSS grid: each bar knows the grid columns it covers, so the
timeline needs no JavaScript, and each bar carries its horizon as text for screen readers.
The axis always includes the build date ("i dag"), drawn as a line; an action whose horizon has
passed without it being done says so in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fardplan.data.horizon import Horizon
from fardplan.data.model import Action, Area, Need, Roadmap
from fardplan.data.routes import area_url, item_url


@dataclass(frozen=True)
class Bar:
    """Where a horizon sits on the axis, as CSS grid lines (1-based, end exclusive)."""

    horizon: Horizon
    first_line: int
    end_line: int

    @property
    def spans_axis(self) -> bool:
        """A named horizon (löpande) has no years: it runs along the whole axis."""
        return self.horizon.named is not None

    @property
    def grid_column(self) -> str:
        return f"{self.first_line} / {self.end_line}"


@dataclass(frozen=True)
class TimelineAction:
    action: Action
    url: str
    bar: Bar
    passed: bool  # its horizon is over and it is neither done nor stopped


@dataclass(frozen=True)
class TimelineNeed:
    need: Need
    url: str
    bar: Bar
    actions: tuple[TimelineAction, ...]


@dataclass(frozen=True)
class TimelineArea:
    area: Area
    url: str
    needs: tuple[TimelineNeed, ...]


@dataclass(frozen=True)
class Timeline:
    years: tuple[int, ...]
    areas: tuple[TimelineArea, ...]
    today: date

    @property
    def today_position(self) -> str:
        """Where today falls on the axis, as a share of its width (for CSS, with a dot)."""
        start = date(self.today.year, 1, 1)
        days = (date(self.today.year + 1, 1, 1) - start).days
        into_year = ((self.today - start).days + 0.5) / days
        return f"{(self.today.year - self.years[0] + into_year) / len(self.years):.4f}"

    @property
    def passed_count(self) -> int:
        return sum(entry.passed for area in self.areas for need in area.needs for entry in need.actions)


def _year_horizons(roadmap: Roadmap) -> list[tuple[int, int]]:
    horizons = []
    for need in roadmap.needs():
        horizons.append(need.horizon)
        horizons.extend(action.horizon for action in need.more if action.horizon)
    return [h.years for h in horizons if h.years is not None]


def axis_years(roadmap: Roadmap, today: date) -> tuple[int, ...]:
    """From the earliest to the latest year in the data, stretched to the build year so that
    today can be shown."""
    horizons = _year_horizons(roadmap)
    first = min([start for start, _ in horizons] + [today.year])
    last = max([end for _, end in horizons] + [today.year])
    return tuple(range(first, last + 1))


def place(horizon: Horizon, years: tuple[int, ...]) -> Bar:
    if horizon.years is None:
        return Bar(horizon, 1, len(years) + 1)
    start, end = horizon.years
    return Bar(horizon, start - years[0] + 1, end - years[0] + 2)


def build_timeline(roadmap: Roadmap, today: date) -> Timeline:
    years = axis_years(roadmap, today)
    areas = []
    for area in roadmap.areas:
        needs = []
        for need in area.needs:
            need_url = item_url(area.id, need.id)
            actions = tuple(
                # A "more needed" action always has a horizon in valid data; the need's own
                # horizon is the honest fallback should that rule ever be relaxed.
                TimelineAction(
                    action,
                    item_url(area.id, action.id),
                    place(action.horizon or need.horizon, years),
                    action.horizon_passed(today),
                )
                for action in need.more
            )
            needs.append(TimelineNeed(need, need_url, place(need.horizon, years), actions))
        areas.append(TimelineArea(area, area_url(area.id), tuple(needs)))
    return Timeline(years, tuple(areas), today)
