"""What the pages show, prepared from the model: routes, counts, groupings and labels.

Templates only loop over what is prepared here; no sorting or mapping happens in Jinja.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from fardplan.data.model import Area, Roadmap, Status

# Where each page lives: data/routes.py (imported here for the templates' `views.…`).
from fardplan.data.routes import (  # noqa: F401
    AREA_DIR,
    CHANGES_URL,
    FOLLOW_UP_URL,
    HOME_URL,
    OPEN_DATA_URL,
    area_page_source,
    area_url,
    item_url,
)


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int


@dataclass(frozen=True)
class AreaSummary:
    area: Area
    url: str
    need_count: int
    action_count: int
    status_counts: tuple[StatusCount, ...]


def status_counts(statuses: list[Status]) -> tuple[StatusCount, ...]:
    """Counts in the vocabulary's order, leaving out statuses nobody uses."""
    counter = Counter(statuses)
    return tuple(StatusCount(s, counter[s]) for s in Status if counter[s])


def area_summaries(roadmap: Roadmap) -> list[AreaSummary]:
    summaries = []
    for area in roadmap.areas:
        actions = [a for need in area.needs for a in need.actions]
        summaries.append(
            AreaSummary(
                area=area,
                url=area_url(area.id),
                need_count=len(area.needs),
                action_count=len(actions),
                status_counts=status_counts([a.status for a in actions]),
            )
        )
    return summaries


def count_label(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"
