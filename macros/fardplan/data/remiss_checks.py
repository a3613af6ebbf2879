"""The remiss settings' checks that the schema cannot express: dates in order, the same diarienummer
as the document, no remissinstans named twice. The remiss itself (links, the
period, the answers) lives in fardplan.remiss; its settings are part of the data file."""

from __future__ import annotations

from fardplan.data.diagnostics import Diagnostic
from fardplan.data.source import Source
from fardplan.data.text import parse_date


def check_remiss_settings(source: Source) -> list[Diagnostic]:
    data = source.data if isinstance(source.data, dict) else {}
    remiss = data.get("remiss")
    if not isinstance(remiss, dict):
        return []
    problems: list[Diagnostic] = []
    opens, last_day = parse_date(remiss.get("öppnar")), parse_date(remiss.get("sista-dag"))
    if opens and last_day and last_day < opens:
        problems.append(
            source.diagnostic(
                ("remiss", "sista-dag"),
                f"sista-dag ({last_day.isoformat()}) är före öppnar ({opens.isoformat()}): remisstiden måste vara minst en dag",
            )
        )
    document = data.get("dokument")
    if not isinstance(document, dict):
        document = {}
    document_date = parse_date(document.get("datum"))
    # Only the remiss version's own date says when the proposal went out; a decided version is
    # dated after its remiss.
    if opens and document_date and opens < document_date and document.get("status") == "remiss":
        problems.append(
            source.diagnostic(
                ("remiss", "öppnar"),
                f"remissen kan inte öppna ({opens.isoformat()}) före dokumentets datum ({document_date.isoformat()})",
            )
        )
    number, document_number = remiss.get("diarienummer"), document.get("diarienummer")
    if (
        isinstance(number, str)
        and isinstance(document_number, str)
        and number.strip() != document_number.strip()
    ):
        problems.append(
            source.diagnostic(
                ("remiss", "diarienummer"),
                f"diarienumret '{number}' skiljer sig från dokumentets '{document_number}': "
                "remissvaren ska ange ärendets diarienummer, så skriv samma på båda ställena",
            )
        )
    seen: dict[str, int] = {}
    respondents = remiss.get("remissinstanser")
    for index, item in enumerate(respondents if isinstance(respondents, list) else []):
        name = item.get("namn") if isinstance(item, dict) else None
        if not isinstance(name, str):
            continue
        key = " ".join(name.casefold().split())
        path = ("remiss", "remissinstanser", index, "namn")
        if key in seen:
            problems.append(
                source.diagnostic(path, f"'{name}' står redan på rad {seen[key]}: ta bort den ena")
            )
        else:
            seen[key] = source.position(path)[0]
    return problems
