"""Editorial checks that need no git: review dates in the future, an action's horizon ending after
its need's, and the list of removed ids (`borttagna`).

The first two are warnings: the data can be right (a need may be met later than one action), but
an editor should look. They read the data defensively, like checks.py, because the schema may have
found errors in the same run.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from fardplan.data import clock
from fardplan.data.columns import ACTION_LISTS
from fardplan.data.diagnostics import Diagnostic
from fardplan.data.history import REMOVED_KEY
from fardplan.data.horizon import Horizon, HorizonError, parse_horizon
from fardplan.data.source import KeyPath, Source, list_items
from fardplan.data.text import parse_date

REVIEWED = "senast-granskad"


def check_editorial(source: Source, today: date | None = None) -> list[Diagnostic]:
    today = today or clock.build_date()
    data = source.data
    problems: list[Diagnostic] = []
    lines: dict[str, int] = {}
    for area_path, area in list_items(data, "områden", ()):
        for need_path, need in list_items(area, "behov", area_path):
            _remember(source, lines, need_path, need)
            problems += _future_review(source, need_path, need, today)
            need_horizon = _horizon(need.get("tidshorisont"))
            for key in ACTION_LISTS:
                for action_path, action in list_items(need, key, need_path):
                    _remember(source, lines, action_path, action)
                    problems += _future_review(source, action_path, action, today)
                    problems += _outside(
                        source, action_path, _horizon(action.get("tidshorisont")), need_horizon
                    )
    problems += _removed_but_present(source, lines)
    return problems


def _remember(source: Source, lines: dict[str, int], path: KeyPath, node: dict[str, Any]) -> None:
    if isinstance(node.get("id"), str):
        lines.setdefault(node["id"], source.position(path + ("id",))[0])


def _future_review(source: Source, path: KeyPath, node: dict[str, Any], today: date) -> Iterator[Diagnostic]:
    reviewed = parse_date(node.get(REVIEWED))  # the schema reports a date it cannot read
    if reviewed is not None and reviewed > today:
        yield source.diagnostic(
            path + (REVIEWED,),
            f"granskningsdatumet {reviewed.isoformat()} ligger i framtiden (i dag är det {today.isoformat()}): skriv dagen "
            "då du gick igenom uppgifterna, oftast dagens datum",
            severity="warning",
        )


def _horizon(value: Any) -> Horizon | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        return parse_horizon(value)
    except HorizonError:
        return None  # reported by checks.py


def _outside(
    source: Source, path: KeyPath, action: Horizon | None, need: Horizon | None
) -> Iterator[Diagnostic]:
    # A need's horizon is when it should be met: actions may start and end before it, but one that
    # ends later contradicts it. "Löpande" has no years: an ongoing need holds actions of any time,
    # and an ongoing action under a need with years is a choice the editor has made.
    if action is None or need is None or action.years is None or need.years is None:
        return
    if action.years[1] > need.years[1]:
        yield source.diagnostic(
            path + ("tidshorisont",),
            f"åtgärdens tidshorisont ({action.label}) slutar efter behovets ({need.label}): ändra "
            "åtgärdens eller behovets tidshorisont så att de stämmer",
            severity="warning",
        )


def _removed_but_present(source: Source, lines: dict[str, int]) -> Iterator[Diagnostic]:
    """An id listed as removed must not be in use: the comparison would take it as never removed."""
    for path, entry in list_items(source.data, REMOVED_KEY, ()):
        ident = entry.get("id")
        if isinstance(ident, str) and ident in lines:
            yield source.diagnostic(
                path + ("id",),
                f"{ident} står under {REMOVED_KEY} men finns fortfarande på rad {lines[ident]}: ta bort "
                f"punkten under {REMOVED_KEY}, eller ge det som finns kvar ett annat id",
            )
