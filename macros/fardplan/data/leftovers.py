"""Warnings for example content left in an adopter's plan (issue 17 item 4).

A new färdplan often starts as a copy of the example. What is left of it by mistake reads as the
organisation's own word: the example organisation's name, a remiss block whose dates passed long
ago on a draft, national initiatives that nothing refers to. These are warnings, each on its line:
the data is valid, but an editor should look. The remiss answers (data/remissvar.yaml) are judged
in fardplan.remiss.answers, beside the files they belong to.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from fardplan.data import clock
from fardplan.data.diagnostics import Diagnostic
from fardplan.data.source import KeyPath, Source, list_items

# The fictional organisation of the example färdplan (data/ of the tool's repository).
EXAMPLE_ORGANISATION = "Exempelstaden"


def organisation_name(data: Any) -> str | None:
    """The organisation the plan belongs to: the settings block, else the document block."""
    for block in ("inställningar", "dokument"):
        node = data.get(block) if isinstance(data, dict) else None
        if isinstance(node, dict) and isinstance(node.get("organisation"), str):
            return node["organisation"].strip() or None
    return None


def check_leftovers(source: Source, today: date | None = None) -> list[Diagnostic]:
    data = source.data
    if not isinstance(data, dict):
        return []
    problems = list(_example_name(source, data))
    problems += _past_remiss_on_draft(source, data, today or clock.build_date())
    problems += _unreferenced_initiatives(source, data)
    return problems


def _strings(node: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, path + (index,))


def _example_name(source: Source, data: dict[str, Any]) -> Iterator[Diagnostic]:
    organisation = organisation_name(data)
    if organisation is None or organisation.casefold() == EXAMPLE_ORGANISATION.casefold():
        return
    for path, text in _strings(data, ()):
        if EXAMPLE_ORGANISATION.casefold() in text.casefold():
            yield source.diagnostic(
                path,
                f"texten nämner {EXAMPLE_ORGANISATION}, exemplets påhittade organisation, men färdplanen "
                f"gäller {organisation}: skriv om texten eller ta bort den om den är kvar från exemplet",
                severity="warning",
            )


def _past_remiss_on_draft(source: Source, data: dict[str, Any], today: date) -> Iterator[Diagnostic]:
    document, remiss = data.get("dokument"), data.get("remiss")
    if not isinstance(document, dict) or document.get("status") != "utkast" or not isinstance(remiss, dict):
        return
    try:
        last_day = date.fromisoformat(str(remiss.get("sista-dag")))
    except (TypeError, ValueError):
        return  # the schema reports a date it cannot read
    if last_day < today:
        yield source.diagnostic(
            ("remiss", "sista-dag"),
            f"remisstiden gick ut {last_day.isoformat()}, men färdplanen är ett utkast: är blocket remiss "
            "kvar från exemplet? Ta bort blocket, eller skriv datumen för den remiss som kommer",
            severity="warning",
        )


def _unreferenced_initiatives(source: Source, data: dict[str, Any]) -> Iterator[Diagnostic]:
    referenced: set[str] = set()
    for area_path, area in list_items(data, "områden", ()):
        for _, need in list_items(area, "behov", area_path):
            listed = need.get("nationellt")
            if not isinstance(listed, list):
                return  # the schema reports the list; every initiative would look unreferenced
            referenced.update(ident for ident in listed if isinstance(ident, str))
    for path, initiative in list_items(data, "nationella-initiativ", ()):
        ident = initiative.get("id")
        if isinstance(ident, str) and ident not in referenced:
            yield source.diagnostic(
                path + ("id",),
                f"inget behov hänvisar till det nationella initiativet {ident}: skriv dess id under "
                "nationellt i de behov det gäller, eller ta bort det om det är kvar från exemplet",
                severity="warning",
            )
