"""The page "Åtgärder": every action in one table that readers can filter.

Without JavaScript the page lists every action. With it, docs/assets/fp-atgarder.js filters the
rows by the values each row carries in data-* attributes (one per filter, named like the
filter's query key), so the choices here and the rows can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fardplan.data import routes
from fardplan.data.horizon import Horizon
from fardplan.data.model import Action, Area, Need, Roadmap, Status
from fardplan.data.routes import item_url

# The page is registered in data/routes.py (ROUTES).
URL = routes.ACTIONS_URL
# The filter script, a site-relative file under docs/.
SCRIPT = "assets/fp-atgarder.js"

NO_HORIZON = "ingen"  # the filter value of actions without a horizon
_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o"})


def horizon_value(horizon: Horizon | None) -> str:
    """The horizon as a filter value in the address: 2024, 2022-2024 or lopande (ASCII, so a
    shared link reads as it looks)."""
    return NO_HORIZON if horizon is None else str(horizon.data).translate(_ASCII)


def _horizon_order(horizon: Horizon) -> tuple[bool, int, int, str]:
    return (horizon.named is not None, horizon.start or 0, horizon.end or 0, horizon.named or "")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Filter:
    key: str  # the query-string key and the rows' data-* attribute
    label: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class ActionRow:
    action: Action
    need: Need
    area: Area
    need_url: str
    column_label: str
    horizon_passed: bool

    def values(self) -> dict[str, str]:
        """The row's value for each filter, by the filter's key."""
        return {
            "status": self.action.status.slug,
            "ansvarig": self.action.body.id,
            "tidshorisont": horizon_value(self.action.horizon),
            "omrade": self.area.id,
        }


@dataclass(frozen=True)
class ActionList:
    rows: tuple[ActionRow, ...]
    filters: tuple[Filter, ...]
    passed_count: int


def action_list(roadmap: Roadmap, today: date) -> ActionList:
    """Every action in the färdplan's order (area, need, then the need's columns), with the filters
    a reader can choose from: only values that some action has, in the vocabulary's or data's order."""
    rows = tuple(
        ActionRow(
            action=action,
            need=need,
            area=area,
            need_url=item_url(area.id, need.id),
            column_label=roadmap.settings.column_label(action.column),
            horizon_passed=action.horizon_passed(today),
        )
        for area in roadmap.areas
        for need in area.needs
        for action in need.actions
    )
    actions = [row.action for row in rows]
    used_statuses = {a.status for a in actions}
    used_bodies = {a.body.id for a in actions}
    horizons = sorted({a.horizon for a in actions if a.horizon}, key=_horizon_order)
    horizon_choices = [Choice(horizon_value(h), h.label) for h in horizons]
    if any(a.horizon is None for a in actions):
        horizon_choices.append(Choice(NO_HORIZON, "Ingen tidshorisont"))
    filters = (
        Filter("status", "Status", tuple(Choice(s.slug, s.label) for s in Status if s in used_statuses)),
        Filter(
            "ansvarig", "Ansvarig", tuple(Choice(b.id, b.name) for b in roadmap.bodies if b.id in used_bodies)
        ),
        Filter("tidshorisont", "Tidshorisont", tuple(horizon_choices)),
        Filter(
            "omrade",
            "Område",
            tuple(Choice(a.id, a.title) for a in roadmap.areas if any(n.actions for n in a.needs)),
        ),
    )
    return ActionList(rows, filters, sum(row.horizon_passed for row in rows))
