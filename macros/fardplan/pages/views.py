"""What the pages show, prepared from the model: routes, counts, groupings and labels.

Templates only loop over what is prepared here; no sorting or mapping happens in Jinja.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from fardplan.data.model import Area, Roadmap, Status

# The pages' addresses, also as views.* for the templates and the adapter.
from fardplan.data.routes import AREA_DIR as AREA_DIR
from fardplan.data.routes import CHANGES_URL as CHANGES_URL
from fardplan.data.routes import FOLLOW_UP_URL as FOLLOW_UP_URL
from fardplan.data.routes import HOME_URL as HOME_URL
from fardplan.data.routes import OPEN_DATA_URL as OPEN_DATA_URL
from fardplan.data.routes import area_page_source as area_page_source
from fardplan.data.routes import area_url as area_url


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
