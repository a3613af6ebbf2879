"""Recorded changes (`ändringar`): their own consistency, and the rule that a changed horizon or
status must say why.

A need's or action's `tidshorisont` or `status` that differs from the last published version (a
git reference, by default the newest release tag) needs a new entry under `ändringar` whose
`till` is the new value. The build never compares with git; the validator does when asked
(`scripts/validate.py --jämför-med`), as CI does on pull requests.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import gitref
from .diagnostics import Diagnostic
from .horizon import Horizon
from .model import ChangedField, Status, parse_changed_value
from .schema import nearest_word
from .source import ACTION_LISTS, KeyPath, Source, SourceError, list_items, parse_source


def tracked_items(data: Any) -> Iterator[tuple[KeyPath, dict]]:
    """Every need and action (the things with a horizon, a status and a history), with its path."""
    for area_path, area in list_items(data, "områden", ()):
        for need_path, need in list_items(area, "behov", area_path):
            yield need_path, need
            for key in ACTION_LISTS:
                yield from list_items(need, key, need_path)


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


def check_change_entries(source: Source, path: KeyPath, node: dict) -> Iterator[Diagnostic]:
    """Each entry's values can be read, and the newest entry per field agrees with the current value."""
    entries = node.get("ändringar")
    if not isinstance(entries, list):
        return
    newest: dict[ChangedField, tuple[str, int]] = {}
    for index, entry in enumerate(entries):
        entry_path = path + ("ändringar", index)
        if not isinstance(entry, dict) or source.rejects_within(entry_path) \
                or entry.get("vad") not in _FIELD_NAMES:
            continue  # the schema reports it
        field = ChangedField(entry["vad"])
        if node.get(field.value) is None or source.rejects(path + (field.value,)):
            yield source.diagnostic(entry_path + ("vad",),
                                    f"här finns ingen {field.value} som kan ha ändrats: skriv rätt vad, "
                                    "eller flytta punkten till den åtgärd den gäller")
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
    for field, (when, index) in newest.items():
        entry_path = path + ("ändringar", index)
        if entries[index].get("till") is None:
            continue  # the schema reports the missing value
        recorded = _read(field, entries[index].get("till"))
        current = _read(field, node.get(field.value))
        if not isinstance(recorded, (Horizon, Status)):
            continue  # already reported as unreadable
        if recorded != current:
            yield source.diagnostic(
                entry_path + ("till",),
                f"den senaste ändringen ({when}) säger till: {_written(recorded)}, men {field.value} är "
                f"{_written(current)}: rätta den ena så att de stämmer")


def _unreadable(field: ChangedField, value: Any, error: ValueError) -> str:
    if field is ChangedField.STATUS:
        close = nearest_word(value, [s.value for s in Status])
        return (f"'{value}' är ingen status{f' – menade du {close!r}?' if close else '.'} Tillåtna värden: "
                + ", ".join(s.value for s in Status))
    return str(error)


@dataclass(frozen=True)
class Previous:
    """The data as it was in the last published version."""

    ref: str
    data: Any


class CompareError(Exception):
    """The comparison cannot be made; the message is Swedish and says why."""


def load_previous(path: Path, ref: str | None = None) -> Previous | None:
    """The data file at `ref` (default: the newest release tag), or None when there is nothing
    to compare with (no release tag yet, or the file did not exist then)."""
    root = gitref.repository_root(path.resolve())
    if root is None:
        raise CompareError(f"{path} ligger inte i ett git-förråd, så det finns ingen publicerad version "
                           "att jämföra med")
    if ref is None:
        ref = gitref.latest_release_tag(root)
        if ref is None:
            return None
    elif not gitref.ref_exists(root, ref):
        raise CompareError(f"git känner inte till '{ref}': ange en tagg, till exempel "
                           f"{gitref.RELEASE_TAG_PREFIX}2022-remiss, en gren eller en commit")
    inside = path.resolve().relative_to(root.resolve()).as_posix()
    raw = gitref.read_at_ref(root, ref, inside)
    if raw is None:
        return None
    try:
        old = parse_source(raw, f"{ref}:{inside}")
    except SourceError as error:
        raise CompareError(f"den publicerade versionen kan inte läsas: {error}") from None
    return Previous(ref, old.data)


def _entry_key(entry: dict) -> tuple:
    return tuple(str(entry.get(k)) for k in ("datum", "vad", "från", "till", "skäl"))


def check_against_previous(source: Source, previous: Previous) -> list[Diagnostic]:
    """A changed horizon or status needs a new entry under `ändringar` saying why."""
    before = {node["id"]: node for _, node in tracked_items(previous.data) if isinstance(node.get("id"), str)}
    problems = []
    for path, node in tracked_items(source.data):
        if not isinstance(node.get("id"), str) or source.rejects(path + ("id",)):
            continue  # the schema reports it
        old = before.get(node["id"])
        if old is None:
            continue  # new since the published version: nothing changed
        known = {_entry_key(e) for e in old.get("ändringar") or () if isinstance(e, dict)}
        added = [e for e in node.get("ändringar") or () if isinstance(e, dict) and _entry_key(e) not in known]
        for field in ChangedField:
            if source.rejects(path + (field.value,)):
                continue  # one wrong value, one message: the schema's
            was, now = _read(field, old.get(field.value)), _read(field, node.get(field.value))
            if was == now:
                continue
            if any(e.get("vad") == field.value and _read(field, e.get("till")) == now for e in added):
                continue
            problems.append(source.diagnostic(
                path + (field.value,),
                f"{field.label.lower()} har ändrats från {_shown(was)} till {_shown(now)} sedan den publicerade "
                f"versionen {previous.ref}. Skriv varför: lägg till en punkt under ändringar med datum, "
                f"vad: {field.value}, från: {_written(was)}, till: {_written(now)} och skäl"))
    return problems
