"""Everyday edits requested with the issue forms in .github/ISSUE_TEMPLATE/, applied as text.

An issue body written by one of the forms ("### Label" sections, see remissvar.py) is read as
data, checked, and turned into small line edits of the data file: a value replaced where it
stands, or new lines inserted at the end of a list or an item. Every other line, comment and
blank line stays exactly as it was. `apply_request` checks that: the old lines that changed
are exactly the ones meant to change, and the new file reads back as the old data plus the
intended change. Nothing here runs a shell or renders a template; text from the issue is only
ever written as a quoted or plain YAML scalar.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from fardplan.data.checks import walk_ids
from fardplan.data.columns import ACTION_LISTS, CITY, MORE, column_label
from fardplan.data.horizon import HorizonError, parse_horizon
from fardplan.data.model import Status
from fardplan.data.source import KeyPath, Source, SourceError, parse_source
from fardplan.data.text import parse_date
from fardplan.editing.issue_forms import read_sections
from fardplan.editing.scaffold import ScaffoldError, _key_value, add_action, new_id

# Labels a maintainer creates on GitHub: every form applies FORM_LABEL; adding APPROVAL_LABEL to
# such an issue starts .github/workflows/redigering.yml.
FORM_LABEL = "redigering"
APPROVAL_LABEL = "godkänd-ändring"

# Each form: its file and its fields as (id, label). GitHub writes every answer under a
# "### <label>" heading, so the labels must match the forms (tests/test_edit_forms.py checks).
FORMS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "status": (
        "andra-status.yml",
        (
            ("atgard", "Åtgärdens id"),
            ("status", "Ny status"),
            ("skal", "Skäl till ändringen"),
            ("datum", "Datum för ändringen"),
        ),
    ),
    "tidshorisont": (
        "flytta-tidshorisont.yml",
        (
            ("id", "Id för behovet eller åtgärden"),
            ("tidshorisont", "Ny tidshorisont"),
            ("skal", "Skäl till ändringen"),
            ("datum", "Datum för ändringen"),
        ),
    ),
    "granskad": (
        "markera-granskad.yml",
        (("behov", "Behov som har granskats"), ("datum", "Granskningsdatum")),
    ),
    "atgard": (
        "ny-atgard.yml",
        (
            ("behov", "Behovets id"),
            ("kolumn", "Kolumn"),
            ("text", "Vad ska göras?"),
            ("ansvarig", "Ansvarig"),
            ("status", "Status"),
            ("tidshorisont", "Tidshorisont"),
        ),
    ),
    "initiativ": (
        "nytt-nationellt-initiativ.yml",
        (
            ("namn", "Initiativets namn"),
            ("typ", "Typ av initiativ"),
            ("referens", "Referens"),
            ("lank", "Länk till källan"),
            ("galler-fran", "Gäller från"),
            ("galler-till", "Gäller till"),
            ("beskrivning", "Beskrivning"),
            ("behov", "Behov som initiativet gäller"),
        ),
    ),
}
# Fields a form leaves optional (the others are required there too).
OPTIONAL = {
    "status": {"datum"},
    "tidshorisont": {"datum"},
    "granskad": {"datum"},
    "atgard": {"tidshorisont"},
    "initiativ": {"galler-till", "beskrivning", "behov"},
}
# The form's dropdown "Kolumn" and the lists it stands for.
COLUMNS = {column_label(MORE): MORE, f"{column_label(CITY)} gör": CITY}
INITIATIVE_KINDS = (
    "lag",
    "lagändring",
    "statsbidrag",
    "utredning",
    "överenskommelse",
    "departementsskrivelse",
)
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class EditRequestError(ValueError):
    """The request cannot be applied. `problems` are Swedish sentences for the issue comment."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Applied:
    text: str  # the whole new data file
    summary: str  # one Swedish sentence: what was changed


# --- Reading the issue ----------------------------------------------------------------------------


def identify_form(body: str) -> str:
    """Which form wrote the body: the one whose every heading is there, in order."""
    matches = [kind for kind, (_, fields) in FORMS.items() if len(read_sections(body, fields)) == len(fields)]
    if len(matches) != 1:
        raise EditRequestError(
            [
                "ärendet är inte skrivet med något av formulären för ändringar, eller så har "
                "rubrikerna i det ändrats. Skapa ett nytt ärende med formuläret."
            ]
        )
    return matches[0]


def quote(value: str) -> str:
    """A value from the issue inside a Swedish sentence, on one line and clearly delimited."""
    flat = " ".join(value.split())
    return json.dumps(flat[:80] + ("…" if len(flat) > 80 else ""), ensure_ascii=False)


# --- Checking one answer ----------------------------------------------------------------------------


class _Answers:
    """The form's answers, each checked; problems are collected so the comment lists them all."""

    def __init__(
        self, values: dict[str, str | None], labels: dict[str, str], optional: set[str], today: date
    ):
        self.values, self.labels, self.optional, self.today = values, labels, optional, today
        self.problems: list[str] = []

    def raw(self, field_id: str) -> str | None:
        value = self.values.get(field_id)
        if value is None and field_id not in self.optional:
            self.problems.append(f"{self.labels[field_id]}: fältet är tomt.")
        return value

    def ident(self, field_id: str) -> str | None:
        value = self.raw(field_id)
        if value is not None and not _ID.fullmatch(value):
            self.problems.append(
                f"{self.labels[field_id]}: {quote(value)} är inget id. Ett id har små bokstäver "
                "a–z, siffror och bindestreck, till exempel samverkan-med-regionen."
            )
            return None
        return value

    def idents(self, field_id: str) -> list[str]:
        value = self.raw(field_id)
        found = []
        for word in (value or "").replace(",", "\n").split():
            word = word.strip().strip("-*•").strip()
            if not word:
                continue
            if _ID.fullmatch(word):
                found.append(word)
            else:
                self.problems.append(f"{self.labels[field_id]}: {quote(word)} är inget id.")
        return found

    def choice(self, field_id: str, options: tuple[str, ...]) -> str | None:
        value = self.raw(field_id)
        if value is not None and value not in options:
            self.problems.append(
                f"{self.labels[field_id]}: {quote(value)} finns inte bland valen ({', '.join(options)})."
            )
            return None
        return value

    def day(self, field_id: str) -> str | None:
        value = self.raw(field_id)
        if value is None:  # an optional date left empty: the change's date is today
            return self.today.isoformat() if field_id == "datum" else None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.append(
                f"{self.labels[field_id]}: {quote(value)} är inget datum. Skriv ÅÅÅÅ-MM-DD, "
                "till exempel 2024-03-31."
            )
            return None
        return parsed.isoformat()

    def text(self, field_id: str) -> str | None:
        value = self.raw(field_id)
        # One line of plain text: line breaks and indentation from the form are not structure.
        return " ".join(value.split()) if value is not None else None

    def horizon(self, field_id: str) -> Any:
        value = self.raw(field_id)
        if value is None:
            return None
        try:
            return parse_horizon(value).data
        except HorizonError as error:
            self.problems.append(f"{self.labels[field_id]}: {error}.")
            return None

    def done(self) -> None:
        if self.problems:
            raise EditRequestError(self.problems)

    def checked(self, *values: str | None) -> tuple[str, ...]:
        """The required answers, once all are known to be there and right; else EditRequestError
        lists every problem. (An accessor returns None for a required answer only with a problem
        that says why, so the last error below is never seen.)"""
        self.done()
        given = tuple(value for value in values if value is not None)
        if len(given) != len(values):
            raise EditRequestError(["ett obligatoriskt fält i formuläret saknas."])
        return given


# --- Editing the text --------------------------------------------------------------------------------


class _Editor:
    """The data file as lines, re-read after every insertion so positions stay right."""

    def __init__(self, text: str, name: str):
        self.name = name
        self.original = text
        self.source = self._parse(text)
        self.expected = copy.deepcopy(self.source.data)  # the old data plus every intended change
        self.in_place: set[int] = set()  # old line numbers replaced in place
        self.text = text

    def _parse(self, text: str) -> Source:
        try:
            return parse_source(text.encode("utf-8"), self.name)
        except SourceError as error:
            raise EditRequestError(
                ["datafilen kan inte läsas, så ändringen kan inte göras. Rätta först:"]
                + [d.text() for d in error.diagnostics]
            ) from None

    def _set_text(self, text: str) -> None:
        self.text = text
        self.source = self._parse(text)

    # Finding things

    def find(self, ident: str, kinds: tuple[str, ...]) -> tuple[KeyPath, dict[str, Any]]:
        for path, node in walk_ids(self.source.data):
            if node.get("id") == ident and len(path) >= 2 and path[-2] in kinds:
                return path, node
        names = [
            node["id"]
            for path, node in walk_ids(self.source.data)
            if len(path) >= 2 and path[-2] in kinds and isinstance(node.get("id"), str)
        ]
        close = difflib.get_close_matches(ident, names, n=1, cutoff=0.6)
        what = {"behov": "behov", "staden": "åtgärd", "behöver-göras": "åtgärd"}
        label = " eller ".join(dict.fromkeys(what[k] for k in kinds))
        hint = f" Menade du {close[0]}?" if close else ""
        raise EditRequestError([f"det finns inget {label} med id {quote(ident)} i datafilen.{hint}"])

    def _lines(self) -> list[str]:
        return self.text.split("\n")

    def _item_end(self, path: KeyPath) -> int:
        """The last line (1-based) of the list item at `path`, nested lists included."""
        lines = self._lines()
        start, col = self.source.position(path)
        dash_col = col - 3  # the item's first key stands after "- "
        end = start
        for number in range(start + 1, len(lines) + 1):
            line = lines[number - 1]
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if len(line) - len(line.lstrip(" ")) <= dash_col:
                break
            end = number
        return end

    # Edits

    def replace(self, path: KeyPath, value_yaml: str, value: Any) -> str:
        """Replace the one-line scalar at `path`; returns the old value exactly as it was written."""
        line_no, col = self.source.position(path)
        lines = self._lines()
        line = lines[line_no - 1]
        rest = line[col - 1 :]
        token = re.match(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'|[^\s#>|&*!\[{][^#]*?(?=\s+#|\s*$)', rest)
        if not token:
            raise EditRequestError(
                [
                    f"{self.name}:{line_no}: värdet står inte på en rad för sig, så det kan inte "
                    "ändras med formuläret. Ändra det i GitHubs editor."
                ]
            )
        old = token.group(0)
        lines[line_no - 1] = line[: col - 1] + value_yaml + rest[len(old) :]
        self.in_place.add(self._old_line(line_no))
        self._set(path, value)
        self._set_text("\n".join(lines))
        if _get(self.source.data, path) != value:  # e.g. a plain value that went on over two lines
            raise EditRequestError(
                [
                    f"{self.name}:{line_no}: värdet kunde inte ändras med formuläret. "
                    "Ändra det i GitHubs editor."
                ]
            )
        return old

    def insert_after_key(self, path: KeyPath, anchor_key: str, key: str, value_yaml: str, value: Any) -> None:
        """A new `key: value` line right below the line of `anchor_key` in the mapping at `path`."""
        line_no, col = self.source.position(path + (anchor_key,), key=True)
        lines = self._lines()
        lines.insert(line_no, " " * (col - 1) + f"{key}: {value_yaml}")
        self._set(path + (key,), value)
        self._set_text("\n".join(lines))

    def append_item(self, list_path: KeyPath, fields: list[tuple[str, Any]], item: dict[str, Any]) -> None:
        """A new item at the end of the list at `list_path` (it must exist), in its style."""
        items = _get(self.source.data, list_path)
        lines = self._lines()
        if isinstance(items, list) and items:
            _first_line, first_col = self.source.position(list_path + (0,))
            dash_col = first_col - 3
            last = list_path + (len(items) - 1,)
            end = self._item_end(last)
            last_start = self.source.position(last)[0]
            # Follow the list's spacing: items separated by a blank line get one too.
            spaced = len(items) > 1 and not lines[last_start - 2].strip()
            new = ([""] if spaced else []) + _item(dash_col, fields)
            lines[end:end] = new
        else:
            key_line, key_col = self.source.position(list_path, key=True)
            text = lines[key_line - 1]
            if not re.search(r":\s*\[\s*\]\s*(#.*)?$", text):
                raise EditRequestError(
                    [
                        f"{self.name}:{key_line}: listan ska vara tom ([]) eller ha en punkt per "
                        "rad för att formuläret ska kunna lägga till något."
                    ]
                )
            lines[key_line - 1] = re.sub(r"\s*\[\s*\]", "", text, count=1)
            self.in_place.add(self._old_line(key_line))
            lines[key_line:key_line] = _item(key_col + 1, fields)
        _get(self.expected, list_path[:-1])[list_path[-1]] = list(_get(self.expected, list_path) or []) + [
            item
        ]
        self._set_text("\n".join(lines))

    def add_change_record(self, path: KeyPath, record: list[tuple[str, Any]], item: dict[str, Any]) -> None:
        """An entry under the item's `ändringar`, creating the list at the item's end if needed."""
        node = _get(self.source.data, path)
        if "ändringar" in node:
            self.append_item(path + ("ändringar",), record, item)
            return
        end = self._item_end(path)
        key_col = self.source.position(path + ("id",), key=True)[1] - 1
        lines = self._lines()
        lines[end:end] = [" " * key_col + "ändringar:"] + _item(key_col + 2, record)
        self._set(path + ("ändringar",), [item])
        self._set_text("\n".join(lines))

    def add_to_flow_or_block_list(self, path: KeyPath, value: str) -> None:
        """`nationellt: [a]` becomes `[a, value]`; a list with one item per line gets a new line."""
        key_line, _ = self.source.position(path, key=True)
        lines = self._lines()
        match = re.match(r"^(.*?:\s*\[)([^\]#]*)(\]\s*(#.*)?)$", lines[key_line - 1])
        if match:
            inside = match.group(2).strip()
            lines[key_line - 1] = (
                match.group(1) + (f"{inside}, {value}" if inside else value) + match.group(3)
            )
            self.in_place.add(self._old_line(key_line))
            _get(self.expected, path[:-1])[path[-1]] = list(_get(self.expected, path)) + [value]
            self._set_text("\n".join(lines))
            return
        items = _get(self.source.data, path)
        if not items:
            raise EditRequestError([f"{self.name}:{key_line}: listan kan inte ändras med formuläret."])
        _line_no, col = self.source.position(path + (0,))
        lines.insert(self._item_end(path + (len(items) - 1,)), " " * (col - 3) + f"- {value}")
        _get(self.expected, path[:-1])[path[-1]] = list(_get(self.expected, path)) + [value]
        self._set_text("\n".join(lines))

    # Bookkeeping for the final check

    def _set(self, path: KeyPath, value: Any) -> None:
        _get(self.expected, path[:-1])[path[-1]] = value

    def _old_line(self, line_no: int) -> int:
        """The line's number in the original text (edits above it may have inserted lines)."""
        matcher = difflib.SequenceMatcher(None, self.original.split("\n"), self._lines(), autojunk=False)
        for old_start, new_start, size in matcher.get_matching_blocks():
            if new_start <= line_no - 1 < new_start + size:
                return old_start + (line_no - 1 - new_start) + 1
        raise EditRequestError([f"{self.name}:{line_no}: raden ändrades två gånger av samma ärende."])

    def verify(self) -> None:
        """Only the intended lines changed, and the file reads back as the intended data."""
        old, new = self.original.split("\n"), self.text.split("\n")
        rewritten: set[int] = set()
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag in ("replace", "delete"):
                rewritten.update(range(i1 + 1, i2 + 1))
        if not rewritten <= self.in_place or self.source.data != self.expected:
            raise EditRequestError(
                [
                    "ändringen skulle ha ändrat fler rader i datafilen än den ska, så den gjordes "
                    "inte. Gör ändringen i GitHubs editor, eller be en utvecklare om hjälp."
                ]
            )


def _get(data: Any, path: KeyPath) -> Any:
    for step in path:
        data = data[step]
    return data


def horizon_yaml(value: int | str) -> str:
    """A horizon as the file writes it: 2024, "2022-2024" (quoted) or löpande."""
    return (
        str(value) if isinstance(value, int) or value == "löpande" else json.dumps(value, ensure_ascii=False)
    )


class Raw(str):
    """A value already written as YAML (a date, a word from a list, a horizon)."""


def _item(dash_col: int, fields: list[tuple[str, Any]]) -> list[str]:
    lines: list[str] = []
    for index, (key, value) in enumerate(fields):
        indent = dash_col + 2
        block = (
            [" " * indent + f"{key}: {value}"] if isinstance(value, Raw) else _key_value(indent, key, value)
        )
        if index == 0:
            block[0] = " " * dash_col + "- " + block[0][indent:]
        lines.extend(block)
    return lines


# --- The five requests ----------------------------------------------------------------------------

STATUSES = tuple(s.value for s in Status)


def _change_record(
    answers_date: str, what: str, old_yaml: str, new_yaml: str, old: Any, new: Any, reason: str
) -> tuple[list[tuple[str, Any]], dict[str, Any]]:
    fields = [
        ("datum", Raw(answers_date)),
        ("vad", Raw(what)),
        ("från", Raw(old_yaml)),
        ("till", Raw(new_yaml)),
        ("skäl", reason),
    ]
    return fields, {"datum": answers_date, "vad": what, "från": old, "till": new, "skäl": reason}


def apply_request(text: str, name: str, body: str, today: date) -> Applied:
    """Apply the change an issue body asks for to the data file's text, or raise EditRequestError."""
    kind = identify_form(body)
    _, fields = FORMS[kind]
    answers = _Answers(read_sections(body, fields), dict(fields), OPTIONAL[kind], today)
    editor = _Editor(text, name)
    if kind == "status":
        ident, status, reason, day = answers.checked(
            answers.ident("atgard"),
            answers.choice("status", STATUSES),
            answers.text("skal"),
            answers.day("datum"),
        )
        path, node = editor.find(ident, ACTION_LISTS)
        old = node.get("status")
        if old == status:
            raise EditRequestError([f"åtgärden {ident} har redan status {status}."])
        old_yaml = editor.replace(path + ("status",), status, status)
        record, item = _change_record(day, "status", old_yaml, status, old, status, reason)
        editor.add_change_record(path, record, item)
        summary = f"Status för åtgärden {ident} ändrad från {old} till {status}."
    elif kind == "tidshorisont":
        given_id, horizon = answers.ident("id"), answers.horizon("tidshorisont")
        ident, reason, day = answers.checked(given_id, answers.text("skal"), answers.day("datum"))
        path, node = editor.find(ident, ("behov",) + ACTION_LISTS)
        old = node.get("tidshorisont")
        new_yaml = horizon_yaml(horizon)
        if old is not None and parse_horizon(old).data == horizon:
            raise EditRequestError([f"{ident} har redan tidshorisonten {new_yaml.strip(chr(34))}."])
        if "tidshorisont" in node:
            old_yaml = editor.replace(path + ("tidshorisont",), new_yaml, horizon)
        else:  # an action of the city's with no horizon yet
            editor.insert_after_key(path, "status", "tidshorisont", new_yaml, horizon)
            old_yaml = "null"
        record, item = _change_record(day, "tidshorisont", old_yaml, new_yaml, old, horizon, reason)
        editor.add_change_record(path, record, item)
        summary = f"Tidshorisonten för {ident} ändrad från {old_yaml.strip(chr(34))} till {new_yaml.strip(chr(34))}."
    elif kind == "granskad":
        needs = answers.idents("behov")
        (day,) = answers.checked(answers.day("datum"))
        for ident in dict.fromkeys(needs):
            path, node = editor.find(ident, ("behov",))
            if node.get("senast-granskad") != day:
                editor.replace(path + ("senast-granskad",), day, day)
        summary = f"Behoven {', '.join(dict.fromkeys(needs))} markerade som granskade {day}."
    elif kind == "atgard":
        given = (
            answers.ident("behov"),
            answers.choice("kolumn", tuple(COLUMNS)),
            answers.text("text"),
            answers.ident("ansvarig"),
            answers.choice("status", STATUSES),
        )
        horizon = answers.horizon("tidshorisont")
        need, column, action_text, body_id, status = answers.checked(*given)
        editor.find(need, ("behov",))
        try:
            added = add_action(
                text,
                name,
                under=need,
                action_text=action_text,
                body=body_id,
                today=today,
                column=COLUMNS[column],
                status=status,
                horizon=horizon,
            )
        except ScaffoldError as error:
            raise EditRequestError([str(error)]) from None
        return Applied(added.text, f"Åtgärden {added.id} tillagd under behovet {need} ({column.lower()}).")
    else:
        named = (answers.text("namn"), answers.choice("typ", INITIATIVE_KINDS), answers.text("referens"))
        given_link, given_start = answers.text("lank"), answers.day("galler-fran")
        end = answers.day("galler-till")
        description, needs = answers.text("beskrivning"), answers.idents("behov")
        if given_link is not None and not re.fullmatch(r"https?://[^\s/]+\.\S*", given_link):
            answers.problems.append(
                f"{answers.labels['lank']}: {quote(given_link)} är ingen hel webbadress. Den ska "
                "börja med https://."
            )
        name_, kind_, reference, link, start = answers.checked(*named, given_link, given_start)
        for ident in needs:
            editor.find(ident, ("behov",))
        taken = {node["id"] for _, node in walk_ids(editor.source.data) if isinstance(node.get("id"), str)}
        ident = new_id(name_, taken, "nytt-initiativ")
        lines: list[tuple[str, Any]] = [
            ("id", Raw(ident)),
            ("namn", name_),
            ("typ", Raw(kind_)),
            ("referens", reference),
            ("länk", link),
            ("gäller-från", Raw(start)),
        ]
        initiative: dict[str, Any] = {
            "id": ident,
            "namn": name_,
            "typ": kind_,
            "referens": reference,
            "länk": link,
            "gäller-från": start,
        }
        lines.append(("gäller-till", Raw(end or "null")))
        initiative["gäller-till"] = end
        if description:
            lines.append(("beskrivning", description))
            initiative["beskrivning"] = description
        editor.append_item(("nationella-initiativ",), lines, initiative)
        for need in dict.fromkeys(needs):
            path, node = editor.find(need, ("behov",))
            if ident not in (node.get("nationellt") or []):
                editor.add_to_flow_or_block_list(path + ("nationellt",), ident)
        summary = f"Det nationella initiativet {ident} tillagt" + (
            f" och kopplat till {', '.join(dict.fromkeys(needs))}." if needs else "."
        )
    editor.verify()
    return Applied(editor.text, summary)
