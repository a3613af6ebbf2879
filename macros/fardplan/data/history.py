"""Recorded changes (`ändringar`): their own consistency, and the rules for changing what was
published.

Compared with the last published version (a git reference, by default the newest release tag;
before the first release, the draft on main), a need's or action's `tidshorisont` or `status`
that differs needs a new entry under `ändringar` whose `till` is the new value and whose `från`
is the published value, and a published need or action may only disappear with a recorded
rename (`vad: id`) or removal (`borttagna`). The build never compares with git; the validator
does when asked (`scripts/validate.py --jämför-med`), as CI and the pre-commit hook do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fardplan.data.columns import ACTION_LISTS
from fardplan.data.diagnostics import Diagnostic
from fardplan.data.horizon import Horizon
from fardplan.data.model import ChangedField, Status, parse_changed_value
from fardplan.data.schema import nearest_word
from fardplan.data.source import KeyPath, Source, list_items

# An entry under `ändringar` with `vad: id` records a renamed need or action (från: the old id).
RENAMED = "id"
# Needs and actions that were published and then deliberately removed: [{id, datum, skäl}].
REMOVED_KEY = "borttagna"


def _read(field: ChangedField, value: Any) -> Horizon | Status | Any:
    """The value as the model reads it, so 2024 and "2024" compare equal; raw if it cannot be read."""
    if value is None:
        return None
    try:
        return parse_changed_value(field, value)
    except (ValueError, TypeError):
        return value


def _written(value: Any) -> str:
    """A value as an editor would type it in the YAML file."""
    if value is None:
        return "null"
    if isinstance(value, Horizon):
        data = value.data
        return f'"{data}"' if isinstance(data, str) and "-" in data else str(data)
    if isinstance(value, Status):
        return value.value
    return str(value)


def _shown(value: Any) -> str:
    """A value as a sentence names it: "löpande", "2022–2024", "pågår"."""
    if value is None:
        return "inget värde"
    return value.label.lower() if isinstance(value, (Horizon, Status)) else str(value)


_FIELD_NAMES = [f.value for f in ChangedField]  # a list: a wrong value may be unhashable


def check_change_entries(source: Source, path: KeyPath, node: dict[str, Any]) -> Iterator[Diagnostic]:
    """Each entry's values can be read, and the newest entry per field agrees with the current value."""
    entries = node.get("ändringar")
    if not isinstance(entries, list):
        return
    newest: dict[ChangedField, tuple[str, int]] = {}
    for index, entry in enumerate(entries):
        entry_path = path + ("ändringar", index)
        if (
            not isinstance(entry, dict)
            or source.rejects_within(entry_path)
            or entry.get("vad") not in _FIELD_NAMES
        ):
            continue  # the schema reports it
        field = ChangedField(entry["vad"])
        if source.rejects(path + (field.value,)):
            continue  # the value itself is wrong: the schema's message is the one
        if node.get(field.value) is None:
            yield source.diagnostic(
                entry_path + ("vad",),
                f"här finns ingen {field.value} som kan ha ändrats: skriv rätt vad, "
                "eller flytta punkten till den åtgärd den gäller",
            )
            continue
        for key in ("från", "till"):
            value = entry.get(key)
            if value is None or isinstance(value, bool) or not isinstance(value, (int, str)):
                continue
            try:
                parse_changed_value(field, value)
            except ValueError as error:
                yield source.diagnostic(entry_path + (key,), _unreadable(field, value, error))
        when = entry.get("datum")
        if isinstance(when, str) and (field not in newest or when >= newest[field][0]):
            newest[field] = (when, index)
    renames = [
        (i, e)
        for i, e in enumerate(entries)
        if isinstance(e, dict)
        and e.get("vad") == RENAMED
        and isinstance(e.get("datum"), str)
        and isinstance(e.get("till"), str)
    ]
    if renames and isinstance(node.get("id"), str):
        index, entry = max(renames, key=lambda pair: pair[1]["datum"])
        if entry["till"] != node["id"]:
            yield source.diagnostic(
                path + ("ändringar", index, "till"),
                f"den senaste ändringen av id ({entry['datum']}) säger till: {entry['till']}, men id är "
                f"{node['id']}: rätta den ena så att de stämmer",
            )
    for field, (when, index) in newest.items():
        entry_path = path + ("ändringar", index)
        if entries[index].get("till") is None:
            continue  # the schema reports the missing value
        recorded = _read(field, entries[index].get("till"))
        current = _read(field, node.get(field.value))
        if not isinstance(recorded, (Horizon, Status)) or not isinstance(current, (Horizon, Status)):
            continue  # an unreadable value is reported once, where it stands
        if recorded != current:
            yield source.diagnostic(
                entry_path + ("till",),
                f"den senaste ändringen ({when}) säger till: {_written(recorded)}, men {field.value} är "
                f"{_written(current)}: rätta den ena så att de stämmer",
            )


def _unreadable(field: ChangedField, value: Any, error: ValueError) -> str:
    if field is ChangedField.STATUS:
        close = nearest_word(value, [s.value for s in Status])
        return (
            f"'{value}' är ingen status{f' – menade du {close!r}?' if close else '.'} Tillåtna värden: "
            + ", ".join(s.value for s in Status)
        )
    return str(error)


@dataclass(frozen=True)
class Previous:
    """The data as it was in the version that changes are compared with."""

    ref: str
    data: Any
    label: str = ""  # how messages name it: "den publicerade versionen v2022-remiss"

    @property
    def named(self) -> str:
        return self.label or f"den publicerade versionen {self.ref}"


def _entry_key(entry: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(entry.get(k)) for k in ("datum", "vad", "från", "till", "skäl"))


@dataclass(frozen=True)
class _Item:
    """A need or an action with where it stands: its path, and the ids of its need and area."""

    path: KeyPath
    node: dict[str, Any]
    kind: str  # "behov" or "åtgärd"
    parent: str | None  # an action's need id, a need's area id
    column: str | None  # an action's list: staden or behöver-göras


def _walk(data: Any) -> Iterator[tuple[Any, _Item]]:
    """Every need and action with its id as written (perhaps not text)."""
    for area_path, area in list_items(data, "områden", ()):
        for need_path, need in list_items(area, "behov", area_path):
            yield need.get("id"), _Item(need_path, need, "behov", area.get("id"), None)
            for key in ACTION_LISTS:
                for action_path, action in list_items(need, key, need_path):
                    yield action.get("id"), _Item(action_path, action, "åtgärd", need.get("id"), key)


def _items(data: Any) -> dict[str, _Item]:
    found: dict[str, _Item] = {}
    for ident, item in _walk(data):
        if isinstance(ident, str):
            found.setdefault(ident, item)
    return found


def removed_ids(data: Any) -> set[str]:
    """The ids listed under `borttagna`."""
    entries = data.get(REMOVED_KEY) if isinstance(data, dict) else None
    return (
        {e["id"] for e in entries or () if isinstance(e, dict) and isinstance(e.get("id"), str)}
        if isinstance(entries, list)
        else set()
    )


def _renamed_from(node: dict[str, Any], before: dict[str, _Item], now: dict[str, _Item]) -> str | None:
    """The published id this item had, by its newest `vad: id` entry naming a published id."""
    entries = node.get("ändringar")
    for entry in sorted(
        (e for e in entries if isinstance(e, dict)) if isinstance(entries, list) else (),
        key=lambda e: str(e.get("datum")),
        reverse=True,
    ):
        old = entry.get("från")
        if (
            entry.get("vad") == RENAMED
            and isinstance(old, str)
            and old in before
            and old not in now
            and entry.get("till") == node.get("id")
        ):
            return old
    return None


def _valid(field: ChangedField, value: Any) -> bool:
    """Whether the current value is one the schema allows: an invalid one is reported once, by the
    schema and the checks, and must not also be asked for a reason."""
    return value is None or isinstance(_read(field, value), (Horizon, Status))


def check_against_previous(source: Source, previous: Previous) -> list[Diagnostic]:
    """Changes since `previous`: a changed horizon or status needs a new entry under `ändringar`
    saying why, whose `från` is the value that was there; a published need or action may not
    disappear without a recorded rename or removal."""
    before, now = _items(previous.data), _items(source.data)
    problems: list[Diagnostic] = []
    kept: dict[str, _Item] = {}  # published id -> the item that has it now (perhaps renamed)
    for ident, item in now.items():
        if source.rejects(item.path + ("id",)):
            continue  # the schema reports it
        old_id = ident if ident in before else _renamed_from(item.node, before, now)
        if old_id is None:
            continue  # new since the published version: nothing changed
        kept[old_id] = item
        old = before[old_id].node
        known = {_entry_key(e) for e in old.get("ändringar") or () if isinstance(e, dict)}
        entries = item.node.get("ändringar")
        added = [
            (index, e)
            for index, e in enumerate(entries if isinstance(entries, list) else ())
            if isinstance(e, dict) and _entry_key(e) not in known
        ]
        for field in ChangedField:
            problems += _check_field(source, previous, item, old, field, added)
    if all(isinstance(ident, str) for ident, _ in _walk(source.data)):
        # With an id that is not text, which published item it was is unknown: the schema's
        # message about that id comes first (one mistake, one message).
        problems += _check_removed(source, previous, before, now, kept)
    return problems


def _check_field(
    source: Source,
    previous: Previous,
    item: _Item,
    old: dict[str, Any],
    field: ChangedField,
    added: list[tuple[int, dict[str, Any]]],
) -> list[Diagnostic]:
    node, path = item.node, item.path
    if source.rejects(path + (field.value,)):
        return []  # one wrong value, one message: the schema's
    was, now = _read(field, old.get(field.value)), _read(field, node.get(field.value))
    if not _valid(field, node.get(field.value)):
        return []
    problems = []
    mine = sorted(
        ((i, e) for i, e in added if e.get("vad") == field.value), key=lambda p: str(p[1].get("datum"))
    )
    if mine and _valid(field, old.get(field.value)):
        index, first = mine[0]
        written = _read(field, first.get("från"))
        if _valid(field, first.get("från")) and written != was:
            problems.append(
                source.diagnostic(
                    path + ("ändringar", index, "från"),
                    f"från ska vara värdet i {previous.named}: skriv från: {_written(was)}, inte {_written(written)}",
                )
            )
    if was != now and not any(_read(field, e.get("till")) == now for _, e in mine):
        problems.append(
            source.diagnostic(
                path + (field.value,),
                f"{field.label.lower()} har ändrats från {_shown(was)} till {_shown(now)} sedan {previous.named}. "
                f"Skriv varför: lägg till en punkt under ändringar med datum, vad: {field.value}, "
                f"från: {_written(was)}, till: {_written(now)} och skäl",
            )
        )
    return problems


def _check_removed(
    source: Source,
    previous: Previous,
    before: dict[str, _Item],
    now: dict[str, _Item],
    kept: dict[str, _Item],
) -> list[Diagnostic]:
    """A published need or action that is gone needs a recorded rename or removal."""
    recorded = removed_ids(source.data)
    areas = {area.get("id"): path for path, area in list_items(source.data, "områden", ())}
    problems = []
    for ident, item in before.items():
        if ident in kept or ident in now or ident in recorded:
            continue
        if item.kind == "åtgärd":
            if item.parent not in kept:
                continue  # its need is gone too: that need's message covers it
            need = kept[item.parent]
            where = need.path + (item.column,) if item.column in need.node else need.path + ("id",)
            status = item.node.get("status")
            message = (
                f"åtgärden {ident} finns i {previous.named} men har tagits bort. Ta inte bort en "
                f"publicerad åtgärd: låt den stå kvar med status: avbruten och lägg till en punkt under "
                f"ändringar med datum, vad: status, från: {status if isinstance(status, str) else 'null'}, "
                f"till: avbruten och skäl. Har du bytt id, lägg i stället till en punkt under ändringar "
                f"med datum, vad: id, från: {ident}, till: det nya id:t och skäl. Ska den ändå tas bort, "
                f"skriv den under {REMOVED_KEY} med id: {ident}, datum och skäl"
            )
        else:
            area = areas.get(item.parent)
            where = area + ("behov",) if area is not None else ("områden",)
            message = (
                f"behovet {ident} finns i {previous.named} men har tagits bort. Skriv varför under "
                f"{REMOVED_KEY}: en punkt med id: {ident}, datum och skäl (dess åtgärder behöver ingen "
                f"egen punkt). Har du bytt id, lägg i stället till en punkt under ändringar i behovet med "
                f"datum, vad: id, från: {ident}, till: det nya id:t och skäl"
            )
        problems.append(source.diagnostic(where, message, key=True))
    return problems
