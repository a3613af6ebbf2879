"""Follow-up (uppföljning): when each need and action was last reviewed, what is overdue, and
how each responsible body's actions stand. "Today" is the build date (clock.build_date())."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from fardplan.data.model import Action, Area, Body, Need, Roadmap
from fardplan.data.routes import item_url
from fardplan.pages.source_links import SourceLinks
from fardplan.pages.views import StatusCount, status_counts


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 jan + 1 = 28 feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def review_due(reviewed: date, months: int) -> date:
    """The last day on which the review is still in time."""
    return add_months(reviewed, months)


def is_overdue(reviewed: date, today: date, months: int) -> bool:
    return today > review_due(reviewed, months)


@dataclass(frozen=True)
class NeedNotes:
    """What a need's row adds about its upkeep (its review date, history and line are the need's)."""

    need: Need
    overdue: bool
    edit_url: str | None


@dataclass(frozen=True)
class OverdueAction:
    action: Action
    need: Need
    url: str  # the action's anchor on its area page


@dataclass(frozen=True)
class OverdueNeed:
    need: Need
    area: Area
    url: str


@dataclass(frozen=True)
class BodyFollowUp:
    body: Body
    action_count: int
    status_counts: tuple[StatusCount, ...]
    overdue: tuple[OverdueAction, ...]  # oldest review first


@dataclass(frozen=True)
class FollowUp:
    today: date
    months: int
    need_count: int
    action_count: int
    overdue_needs: tuple[OverdueNeed, ...]  # oldest review first
    bodies: tuple[BodyFollowUp, ...]

    @property
    def overdue_action_count(self) -> int:
        return sum(len(b.overdue) for b in self.bodies)


class Upkeep:
    """Review state for one build: one `today`, one interval, one set of links."""

    def __init__(self, roadmap: Roadmap, today: date, links: SourceLinks | None = None):
        self.roadmap = roadmap
        self.today = today
        self.months = roadmap.settings.review_months
        self.links = links

    def overdue(self, reviewed: date) -> bool:
        return is_overdue(reviewed, self.today, self.months)

    def need_notes(self, area: Area) -> dict[str, NeedNotes]:
        return {
            need.id: NeedNotes(
                need=need,
                overdue=self.overdue(need.reviewed),
                edit_url=self.links.edit_url(need.line) if self.links else None,
            )
            for need in area.needs
        }

    def follow_up(self) -> FollowUp:
        roadmap = self.roadmap
        overdue_needs = sorted(
            (
                OverdueNeed(need, area, item_url(area.id, need.id))
                for area in roadmap.areas
                for need in area.needs
                if self.overdue(need.reviewed)
            ),
            key=lambda item: item.need.reviewed,
        )
        bodies = []
        for body in roadmap.bodies:
            pairs = [
                (action, need) for need in roadmap.needs() for action in need.actions if action.body == body
            ]
            overdue = sorted(
                (
                    OverdueAction(action, need, item_url(need.area_id, action.id))
                    for action, need in pairs
                    if self.overdue(action.reviewed)
                ),
                key=lambda item: item.action.reviewed,
            )
            bodies.append(
                BodyFollowUp(body, len(pairs), status_counts([a.status for a, _ in pairs]), tuple(overdue))
            )
        return FollowUp(
            today=self.today,
            months=self.months,
            need_count=sum(len(a.needs) for a in roadmap.areas),
            action_count=sum(1 for _ in roadmap.actions()),
            overdue_needs=tuple(overdue_needs),
            bodies=tuple(bodies),
        )
