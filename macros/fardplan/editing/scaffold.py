"""Add a skeleton for a new need or action to the data file, as text.

The new lines are inserted at the end of the list they belong to, found through the loader's
positions; every existing line, comment and blank line stays exactly as the editor wrote it.
The result is checked with the same validator as the build before it is returned.
"""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from fardplan.data.checks import walk_ids
from fardplan.data.columns import ACTION_LISTS
from fardplan.data.horizon import HorizonError, parse_horizon
from fardplan.data.model import Status
from fardplan.data.source import KeyPath, Source, SourceError, parse_source
from fardplan.data.validate import validate_text

MAX_LINE = 110  # longer values are folded over several lines (the data's yamllint allows 120)
_TRANSLITERATE = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u"})


class ScaffoldError(ValueError):
    """The skeleton cannot be added; the message is Swedish and says why."""


@dataclass(frozen=True)
class Added:
    text: str  # the whole new file
    id: str
    line: int  # where the new item starts (1-based)


def new_id(label: str, taken: set[str], fallback: str) -> str:
    """A short, unique id from a title or text: "Trygga anställningar" -> trygga-anstallningar."""
    words = re.findall(r"[a-z0-9]+", label.lower().translate(_TRANSLITERATE))
    base = ""
    for word in words:
        if len(base) + len(word) + 1 > 30:
            break
        base = f"{base}-{word}" if base else word
    base = base or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _scalar(value: Any) -> str:
    """A value as YAML: plain when it reads back unchanged, else in double quotes."""
    if value == []:
        return "[]"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # dates are written unquoted, as everywhere in the file
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _key_value(indent: int, key: str, value: Any) -> list[str]:
    line = " " * indent + f"{key}: {_scalar(value)}"
    if len(line) <= MAX_LINE or not isinstance(value, str):
        return [line]
    # A long text becomes a folded block (>-): the lines join back into the same text.
    body = textwrap.wrap(
        " ".join(value.split()), width=MAX_LINE - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return [" " * indent + f"{key}: >-"] + [" " * (indent + 2) + part for part in body]


def _item(dash_col: int, fields: list[tuple[str, Any]]) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(fields):
        block = _key_value(dash_col + 2, key, value)
        if index == 0:
            block[0] = " " * dash_col + "- " + block[0][dash_col + 2 :]
        lines.extend(block)
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _insert(source: Source, list_path: KeyPath, fields: list[tuple[str, Any]]) -> tuple[str, int]:
    """Insert an item at the end of the list at `list_path`; returns the new text and the item's line."""
    lines = source.text.split("\n")
    items = source.data
    for step in list_path:
        items = items[step]
    if items:
        dash_col = source.position(list_path + (0,))[1] - 3  # the first key stands after "- "
        last_line = source.position(list_path + (len(items) - 1,))[0]
        end = last_line  # 1-based number of the item's last line
        for number in range(last_line + 1, len(lines) + 1):
            text = lines[number - 1]
            if not text.strip():
                continue
            if _indent(text) <= dash_col:
                break
            end = number
        # Follow the list's spacing: items separated by a blank line get one too.
        spaced = len(items) > 1 and not lines[last_line - 2].strip()
        separator = [""] if spaced else []
        new = separator + _item(dash_col, fields)
        return "\n".join(lines[:end] + new + lines[end:]), end + len(separator) + 1
    # An empty flow list, "staden: []": the key keeps its line, the item goes below it.
    key_line, key_col = source.position(list_path, key=True)
    text = lines[key_line - 1]
    if not re.search(r":\s*\[\s*\]\s*(#.*)?$", text):
        raise ScaffoldError(f"rad {key_line}: listan ska vara tom ([]) eller skriven med en punkt per rad")
    lines[key_line - 1] = re.sub(r"\s*\[\s*\]", "", text, count=1)
    new = _item(key_col - 1 + 2, fields)
    return "\n".join(lines[:key_line] + new + lines[key_line:]), key_line + 1


def _parse(text: str, name: str) -> Source:
    try:
        return parse_source(text.encode("utf-8"), name)
    except SourceError as error:
        raise ScaffoldError(
            "datafilen kan inte läsas:\n" + "\n".join(d.text() for d in error.diagnostics)
        ) from None


def _find(source: Source, kind: str, key: str, wanted: str) -> tuple[KeyPath, dict[str, Any]]:
    """The area (kind "områden") or need (kind "behov") with id or title `wanted`."""
    found = []
    for path, node in walk_ids(source.data):
        if len(path) >= 2 and path[-2] == kind:
            found.append((path, node))
    for path, node in found:
        if wanted in (node.get("id"), node.get(key)):
            return path, node
    names = [ident for _, node in found if isinstance(ident := node.get("id"), str)]
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.5)
    hint = f" Menade du '{close[0]}'?" if close else f" Möjliga: {', '.join(names)}"
    what = "område" if kind == "områden" else "behov"
    raise ScaffoldError(f"det finns inget {what} med id eller rubrik '{wanted}'.{hint}")


def _taken(source: Source) -> set[str]:
    return {node["id"] for _, node in walk_ids(source.data) if isinstance(node.get("id"), str)}


def _horizon(value: str | int) -> int | str:
    try:
        return parse_horizon(value).data
    except HorizonError as error:
        raise ScaffoldError(f"tidshorisont: {error}") from None


def _checked(text: str, name: str, new_id_: str, line: int) -> Added:
    result = validate_text(text, name)
    if not result.ok:  # a bug in the skeleton, or errors that were already in the file
        raise ScaffoldError(
            "datafilen skulle inte gå igenom kontrollen:\n" + "\n".join(d.text() for d in result.errors)
        )
    return Added(text, new_id_, line)


def add_need(
    text: str, name: str, *, under: str, title: str, today: date, horizon: str | int = "löpande"
) -> Added:
    """A new need at the end of an area's list of needs."""
    source = _parse(text, name)
    area_path, _ = _find(source, "områden", "rubrik", under)
    ident = new_id(title, _taken(source), "nytt-behov")
    fields = [
        ("id", ident),
        ("rubrik", " ".join(title.split())),
        ("nationellt", []),
        ("staden", []),
        ("behöver-göras", []),
        ("tidshorisont", _horizon(horizon)),
        ("senast-granskad", today.isoformat()),
    ]
    new_text, line = _insert(source, area_path + ("behov",), fields)
    return _checked(new_text, name, ident, line)


def add_action(
    text: str,
    name: str,
    *,
    under: str,
    action_text: str,
    body: str,
    today: date,
    column: str = "behöver-göras",
    status: str = "föreslagen",
    horizon: str | int | None = "löpande",
) -> Added:
    """A new action at the end of a need's list `staden` or `behöver-göras`."""
    if column not in ACTION_LISTS:
        raise ScaffoldError(f"kolumnen ska vara {' eller '.join(ACTION_LISTS)}, inte '{column}'")
    if status not in {s.value for s in Status}:
        raise ScaffoldError(f"'{status}' är ingen status. Tillåtna: {', '.join(s.value for s in Status)}")
    source = _parse(text, name)
    need_path, _ = _find(source, "behov", "rubrik", under)
    bodies = [b.get("id") for b in source.data.get("ansvariga") or () if isinstance(b, dict)]
    if body not in bodies:
        raise ScaffoldError(f"'{body}' finns inte i listan ansvariga. Möjliga: {', '.join(map(str, bodies))}")
    ident = new_id(action_text, _taken(source), "ny-atgard")
    fields: list[tuple[str, Any]] = [
        ("id", ident),
        ("text", " ".join(action_text.split())),
        ("ansvarig", body),
        ("status", status),
    ]
    if horizon is not None or column == "behöver-göras":
        fields.append(("tidshorisont", _horizon(horizon if horizon is not None else "löpande")))
    fields.append(("senast-granskad", today.isoformat()))
    new_text, line = _insert(source, need_path + (column,), fields)
    return _checked(new_text, name, ident, line)
