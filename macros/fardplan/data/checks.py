"""Rules the JSON Schema cannot express: unique ids, references, horizons, date order.

The checks read the parsed data defensively (the schema may have found type errors in the
same run), so that one run reports every problem it can.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from fardplan.data.columns import ACTION_LISTS
from fardplan.data.diagnostics import Diagnostic
from fardplan.data.history import check_change_entries
from fardplan.data.horizon import HorizonError, parse_horizon
from fardplan.data.measures import check_measures
from fardplan.data.source import KeyPath, Source
from fardplan.data.source import list_items as _items
from fardplan.data.text import parse_date

# A host name: letters (also å, ä, ö), digits, hyphens and dots, with at least one dot.
_HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]+)")
MAX_LINK_LENGTH = 2000


def walk_ids(data: Any) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """Every object that carries an id, in document order, with its path."""
    yield from _items(data, "ansvariga", ())
    yield from _items(data, "nationella-initiativ", ())
    for area_path, area in _items(data, "områden", ()):
        yield area_path, area
        for need_path, need in _items(area, "behov", area_path):
            yield need_path, need
            for key in ACTION_LISTS:
                yield from _items(need, key, need_path)


def check_semantics(source: Source) -> list[Diagnostic]:
    data = source.data
    problems: list[Diagnostic] = []

    # Ids share one space: they become anchors on the same pages and keys in open data.
    seen: dict[str, int] = {}
    for path, item in walk_ids(data):
        ident = item.get("id")
        if not isinstance(ident, str) or source.rejects(path + ("id",)):
            continue
        if ident in seen:
            problems.append(
                source.diagnostic(
                    path + ("id",),
                    f"id '{ident}' används redan på rad {seen[ident]}: varje id måste vara unikt",
                )
            )
        else:
            seen[ident] = source.position(path + ("id",))[0]

    bodies, bodies_known = _ids(source, "ansvariga")
    initiatives, initiatives_known = _ids(source, "nationella-initiativ")

    for path, initiative in _items(data, "nationella-initiativ", ()):
        problems.extend(_check_link(source, path + ("länk",), initiative.get("länk")))
        start, end = initiative.get("gäller-från"), initiative.get("gäller-till")
        first, last = parse_date(start), parse_date(end)
        if first and last and last < first:
            problems.append(
                source.diagnostic(
                    path + ("gäller-till",), f"gäller-till ({end}) är före gäller-från ({start})"
                )
            )

    measure_ids: dict[str, int] = {}
    for area_path, area in _items(data, "områden", ()):
        for need_path, need in _items(area, "behov", area_path):
            problems.extend(check_measures(source, need_path, need, measure_ids))
            refs = need.get("nationellt")
            if isinstance(refs, list):
                listed: set[str] = set()
                for index, ref in enumerate(refs):
                    if not isinstance(ref, str) or source.rejects(need_path + ("nationellt", index)):
                        continue
                    if ref in listed:
                        problems.append(
                            source.diagnostic(
                                need_path + ("nationellt", index),
                                f"'{ref}' står redan i listan: ta bort den ena",
                            )
                        )
                    elif ref not in initiatives and initiatives_known:
                        problems.append(
                            source.diagnostic(
                                need_path + ("nationellt", index),
                                f"det finns inget nationellt initiativ med id '{ref}'{_suggest(ref, initiatives)}",
                            )
                        )
                    listed.add(ref)
            problems.extend(_check_horizon(source, need_path, need))
            problems.extend(check_change_entries(source, need_path, need))
            for key in ACTION_LISTS:
                for action_path, action in _items(need, key, need_path):
                    body = action.get("ansvarig")
                    if (
                        isinstance(body, str)
                        and body not in bodies
                        and bodies_known
                        and not source.rejects(action_path + ("ansvarig",))
                    ):
                        problems.append(
                            source.diagnostic(
                                action_path + ("ansvarig",),
                                f"'{body}' finns inte i listan ansvariga{_suggest(body, bodies)}",
                            )
                        )
                    problems.extend(_check_horizon(source, action_path, action))
                    problems.extend(check_change_entries(source, action_path, action))

    document = data.get("dokument") if isinstance(data, dict) else None
    if isinstance(document, dict) and document.get("status") == "beslutad" and not document.get("beslut"):
        problems.append(
            source.diagnostic(
                ("dokument", "status"),
                "en beslutad färdplan behöver uppgifter om beslutet: fyll i beslut med organ och datum",
            )
        )
    return problems


def _ids(source: Source, key: str) -> tuple[set[str], bool]:
    """The ids in a top-level list, and whether every one of them could be read: when the schema
    rejected one, a reference to it is not reported as unknown (one mistake, one message)."""
    ids, known = set(), True
    for path, item in _items(source.data, key, ()):
        ident = item.get("id")
        if isinstance(ident, str) and not source.rejects(path + ("id",)):
            ids.add(ident)
        else:
            known = False
    return ids, known


def _check_link(source: Source, path: KeyPath, value: Any) -> Iterator[Diagnostic]:
    """A link the schema let through must also be one the site can build: the same parser."""
    if not isinstance(value, str) or source.rejects(path):
        return
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises on a port that is not a number from 0 to 65535
        host = parts.hostname or ""
    except ValueError:
        host = ""
    if not _HOST.fullmatch(host) or len(value) > MAX_LINK_LENGTH:
        yield source.diagnostic(
            path,
            f"'{value[:80]}' går inte att använda som länk: skriv en hel webbadress "
            "som https://www.exempel.se/sida, med högst "
            f"{MAX_LINK_LENGTH} tecken och utan [ ] eller mellanslag i namnet",
        )


def _check_horizon(source: Source, path: KeyPath, node: dict[str, Any]) -> Iterator[Diagnostic]:
    if "tidshorisont" not in node or source.rejects(path + ("tidshorisont",)):
        return
    value = node["tidshorisont"]
    if not isinstance(value, (int, str)) or isinstance(value, bool):
        return  # the schema reports the wrong type
    try:
        parse_horizon(value)
    except HorizonError as error:
        yield source.diagnostic(path + ("tidshorisont",), str(error))


def _suggest(value: str, choices: set[Any]) -> str:
    names = sorted(c for c in choices if isinstance(c, str))
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    if close:
        return f" – menade du '{close[0]}'?"
    return f". Möjliga värden: {', '.join(names)}" if len(names) <= 12 else ""
