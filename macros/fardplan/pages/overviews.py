"""Other ways to read the färdplan than area by area: the routes of those pages (timeline, per
responsible body, per national initiative, the whole document) and the per-body and
per-initiative views. The timeline's own view is in timeline.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from fardplan.data.model import Action, Area, Body, Initiative, InitiativeKind, Need, Roadmap

# Where each page lives (directory URLs relative to the site root), matching its file in docs/.
from fardplan.data.routes import (  # noqa: F401
    BODIES_URL,
    INITIATIVES_URL,
    TIMELINE_URL,
    WHOLE_DOCUMENT_URL,
    area_url,
    item_url,
)
from fardplan.data.text import swedish_date
from fardplan.pages.views import StatusCount, status_counts

# "Statsbidraget upphörde …": each kind with its definite form, to start a sentence.
DEFINITE = {
    InitiativeKind.LAG: "Lagen",
    InitiativeKind.LAGANDRING: "Lagändringen",
    InitiativeKind.STATSBIDRAG: "Statsbidraget",
    InitiativeKind.UTREDNING: "Utredningen",
    InitiativeKind.OVERENSKOMMELSE: "Överenskommelsen",
    InitiativeKind.DEPARTEMENTSSKRIVELSE: "Departementsskrivelsen",
}


@dataclass(frozen=True)
class OwnedAction:
    action: Action
    need: Need
    url: str
    column_label: str


@dataclass(frozen=True)
class OwnedInArea:
    area: Area
    url: str
    actions: tuple[OwnedAction, ...]


@dataclass(frozen=True)
class BodyView:
    body: Body
    action_count: int
    status_counts: tuple[StatusCount, ...]
    areas: tuple[OwnedInArea, ...]


def body_views(roadmap: Roadmap) -> list[BodyView]:
    """Everything each body is responsible for, area by area in the färdplan's order."""
    result = []
    for body in roadmap.bodies:
        areas = []
        for area in roadmap.areas:
            owned = tuple(
                OwnedAction(
                    action,
                    need,
                    item_url(area.id, action.id),
                    roadmap.settings.column_label(action.column),
                )
                for need in area.needs
                for action in need.actions
                if action.body.id == body.id
            )
            if owned:
                areas.append(OwnedInArea(area, area_url(area.id), owned))
        actions = [item.action for group in areas for item in group.actions]
        result.append(BodyView(body, len(actions), status_counts([a.status for a in actions]), tuple(areas)))
    return result


@dataclass(frozen=True)
class ServedNeed:
    need: Need
    area: Area
    url: str


@dataclass(frozen=True)
class InitiativeView:
    initiative: Initiative
    period: str
    ended: str | None
    source_host: str
    needs: tuple[ServedNeed, ...]


def initiative_period(initiative: Initiative) -> str:
    start = swedish_date(initiative.valid_from)
    if initiative.valid_to is None:
        return f"Från {start}. Inget slutdatum är känt."
    end = swedish_date(initiative.valid_to)
    return f"Från {start} till och med {end}."


def ended_note(initiative: Initiative, today: date) -> str | None:
    """'Statsbidraget upphörde 31 december 2021.' once the period is over, judged on the build date."""
    if initiative.valid_to is None or initiative.valid_to >= today:
        return None
    return f"{DEFINITE[initiative.kind]} upphörde {swedish_date(initiative.valid_to)}."


def initiative_views(roadmap: Roadmap, today: date) -> list[InitiativeView]:
    """Each national initiative in the data's order, with the needs it serves."""
    result = []
    for initiative in roadmap.initiatives:
        served = tuple(
            ServedNeed(need, area, item_url(area.id, need.id))
            for area in roadmap.areas
            for need in area.needs
            if any(ref.id == initiative.id for ref in need.national)
        )
        result.append(
            InitiativeView(
                initiative=initiative,
                period=initiative_period(initiative),
                ended=ended_note(initiative, today),
                source_host=urlsplit(initiative.url).hostname or initiative.url,
                needs=served,
            )
        )
    return result
