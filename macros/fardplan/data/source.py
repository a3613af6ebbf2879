"""Read the YAML data file into plain Python values that remember where they stood.

PyYAML's parser events carry line and column; we keep them in a map from key path to position
so that every later check (schema, references, horizons) can point an editor at the right line.
Here we also catch what PyYAML lets through: bytes that are not UTF-8, duplicate keys (PyYAML
silently keeps the last), and anchors and aliases (refused as they come, so never expanded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fardplan.data.diagnostics import Diagnostic, Severity

# libyaml is much faster; PyPI's wheels ship it, the pure-Python parser is the fallback.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader's tags with less Python work per scalar, which counts at 100 000 scalars.

    A quoted or block scalar is always text, and the tag of a plain scalar depends only on its
    text, so answers are remembered for the parse. (Path resolvers are never registered.)"""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return str(self.DEFAULT_SCALAR_TAG)
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = str(super().resolve(kind, value, implicit))
            return tag
        return str(super().resolve(kind, value, implicit))


PathKey = str | int
KeyPath = tuple[PathKey, ...]

# Tags whose value we construct; timestamps stay text, as in YAML 1.2 and in editors' language
# servers, and the schema's "format: date" checks them.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
# The data is at most nine levels deep; a thousand levels would exhaust Python's stack.
MAX_DEPTH = 20
# 100 times the real färdplan has 90 000 values. Far more means a mistake, and reading stops
# before it takes seconds (reading is most of the time validation takes).
MAX_VALUES = 150_000
# A comment after a value on the same line: " #" or a tab and "#".
_COMMENT = re.compile(r"[ \t]#")
_COMMENT_AFTER = re.compile(r"[ \t]+#")


def _comment_lines(text: str) -> set[int]:
    """0-based numbers of the lines with a " #" (a comment, or a '#' inside a quoted text)."""
    lines, line, last = set(), 0, 0
    for match in _COMMENT.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        lines.add(line)
    return lines


# Reading stops after this many anchors and aliases: a list that long helps nobody.
_MAX_REFUSED = 50


class SourceError(Exception):
    """The file cannot be read as YAML at all; carries the diagnostics saying why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.text() for d in diagnostics))


@dataclass
class Source:
    """The parsed document and the position (1-based line, column) of every key and value."""

    file: str
    text: str
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    # Problems found while reading that do not stop the other checks (duplicate keys).
    problems: list[Diagnostic] = field(default_factory=list)
    # Where a float stands: JSON Schema's "integer" accepts 2024.0, the färdplan does not.
    floats: list[KeyPath] = field(default_factory=list)
    # Values the schema rejected, and every path that leads to one (see reject()): later checks
    # skip them, so one wrong value gives one message and never crashes a check.
    rejected: set[KeyPath] = field(default_factory=set)
    _leads_to_rejected: set[KeyPath] = field(default_factory=set)

    def reject(self, path: KeyPath) -> None:
        self.rejected.add(path)
        for end in range(len(path) + 1):
            self._leads_to_rejected.add(path[:end])

    def rejects(self, path: KeyPath) -> bool:
        """Was the value at `path`, or a value around it, rejected by the schema?"""
        return any(path[:end] in self.rejected for end in range(len(path) + 1)) if self.rejected else False

    def rejects_within(self, path: KeyPath) -> bool:
        """Was anything at, around or inside `path` rejected (a whole entry is then left alone)?"""
        return bool(self.rejected) and (path in self._leads_to_rejected or self.rejects(path))

    def position(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Where the value at `path` (or its key) stands; the nearest enclosing node if unknown."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def diagnostic(
        self, path: KeyPath, message: str, *, key: bool = False, severity: Severity = "error"
    ) -> Diagnostic:
        line, col = self.position(path, key=key)
        return Diagnostic(self.file, line, col, message, describe_path(self.data, path), severity)


def list_items(node: Any, key: str, path: KeyPath) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    """The mappings in the list `node[key]`, with their paths; tolerant of wrong types, so that
    checks can run on data that has not passed the schema."""
    values = node.get(key) if isinstance(node, dict) else None
    if isinstance(values, list):
        for index, item in enumerate(values):
            if isinstance(item, dict):
                yield path + (key, index), item


def describe_path(data: Any, path: KeyPath) -> str:
    """A key path an editor can read: `områden[organisation-och-styrning].behov[nr 2].rubrik`.

    List items are named by their id when they have one, else by their number counted from 1.
    """
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            label = ident if isinstance(ident, str) and ident else f"nr {step + 1}"
            if parts:
                parts[-1] += f"[{label}]"
            else:
                parts.append(f"[{label}]")
            node = item
        else:
            parts.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def read_source(path: Path, display_name: str | None = None) -> Source:
    """Read and parse the file; raise SourceError with located, Swedish diagnostics."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError([Diagnostic(name, 1, 1, "filen finns inte")]) from None
    return parse_source(raw, name)


def parse_source(raw: bytes, name: str) -> Source:
    text = _decode(raw, name)
    forbidden = _forbidden_characters(text, name)
    if any(d.severity == "error" for d in forbidden):
        raise SourceError([d for d in forbidden if d.severity == "error"])
    if not text.strip():
        raise SourceError([Diagnostic(name, 1, 1, "filen är tom: den ska innehålla färdplanen")])
    source = Source(name, text, None, problems=forbidden)
    data = _read(text, source)
    if data is _NO_DOCUMENT:
        raise SourceError(
            [Diagnostic(name, 1, 1, "filen innehåller bara kommentarer: den ska innehålla färdplanen")]
        )
    source.data = data
    return source


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            [
                Diagnostic(
                    name,
                    line,
                    col,
                    f"filen är inte sparad som UTF-8 (byte 0x{raw[error.start]:02x} kan inte läsas); "
                    "spara den som UTF-8 i din editor",
                )
            ]
        ) from None


# Characters that have no place in the file. Control characters (often pasted from a word
# processor) would make the Atom and RDF files ill-formed XML, and PyYAML refuses most of them;
# the invisible ones hide in a text, change what it says (bidi overrides) or break lines where
# the editor shows none (U+2028). Named, because an editor cannot see them.
_CHARACTER_NAMES = {
    "\x00": "nolltecken, NUL",
    "\x08": "backsteg",
    "\x0b": "vertikal tabb",
    "\x0c": "sidbrytning",
    "\x1b": "escape",
    "\x7f": "radering, DEL",
    "\x85": "nästa rad, NEL",
    "\u00ad": "mjukt bindestreck",
    "\u061c": "arabisk bokstavsmarkering",
    "\u200b": "nollbreddsmellanslag",
    "\u200c": "nollbredds icke-sammanfogare",
    "\u200d": "nollbreddssammanfogare",
    "\u200e": "vänster-till-höger-markering",
    "\u200f": "höger-till-vänster-markering",
    "\u2028": "radavgränsare",
    "\u2029": "styckeavgränsare",
    "\u2060": "ordsammanfogare",
    "\ufeff": "byteordningsmarkering, BOM",
    "\ufffe": "icke-tecken",
    "\uffff": "icke-tecken",
}
# Invisible but with a use (a hyphenation hint; joiners inside emoji and some scripts): a warning.
_HARMLESS = {"\u00ad", "\u200c", "\u200d", "\u2060"}
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f"
    "\u2028\u2029\u2060\ufeff\ufffe\uffff\ud800-\udfff" + _BIDI + "]"
)


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _forbidden_characters(text: str, name: str) -> list[Diagnostic]:
    found = []
    for match in _FORBIDDEN.finditer(text):
        char = match.group()
        code = f"U+{ord(char):04X}"
        line, col = line_col(text, match.start())
        if char in _BIDI:
            what = f"osynligt tecken {code} (ändrar textens riktning)"
        elif char in _CHARACTER_NAMES and (ord(char) >= 0xA0 or char == "\x85"):
            what = f"osynligt tecken {code} ({_CHARACTER_NAMES[char]})"
        elif ord(char) < 0xA0:
            what = f"styrtecken {code} ({_CHARACTER_NAMES.get(char, 'syns inte')})"
        else:
            what = f"osynligt tecken {code}"
        if char in _HARMLESS:
            found.append(
                Diagnostic(
                    name,
                    line,
                    col,
                    f"{what} står här: ta bort det om det kom med av misstag (det syns inte)",
                    severity="warning",
                )
            )
            continue
        found.append(
            Diagnostic(
                name,
                line,
                col,
                f"{what} är inte tillåtet: ta bort det. Det följer "
                "ofta med när text klistras in från ett ordbehandlingsprogram",
            )
        )
        if len(found) >= _MAX_REFUSED:
            break
    return found


def _at(event_or_node: Any, name: str, message: str) -> Diagnostic:
    mark = event_or_node.start_mark
    return Diagnostic(name, mark.line + 1, mark.column + 1, message)


# The parser's messages (pure-Python and libyaml spell some differently) in plain Swedish.
_SYNTAX_MESSAGES = [
    (
        "mapping values are not allowed",
        "ett kolon står där det inte får stå; sätt texten inom citattecken om den innehåller ': '",
    ),
    (
        "cannot start any token",
        "tecknet kan inte stå här; tabbtecken är inte tillåtna för indrag, använd mellanslag",
    ),
    ("found a tab character", "tabbtecken är inte tillåtna för indrag: använd mellanslag"),
    ("found undefined alias", "hänvisningen pekar på ett ankare som inte finns"),
    (
        "could not find expected ':'",
        "ett kolon saknas efter nyckeln, eller så är ett citattecken inte avslutat",
    ),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde; saknas ett avslutande citattecken?"),
    ("did not find expected key", "indraget stämmer inte: raden ska ha samma indrag som nycklarna ovanför"),
    (
        "did not find expected '-' indicator",
        "indraget stämmer inte: listpunkterna ska börja med '-' på samma indrag",
    ),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför"),
    (
        "did not find expected node content",
        "ett värde saknas eller börjar med ett tecken som inte är tillåtet",
    ),
    (
        "found character that cannot start any token",
        "tecknet kan inte stå här; tabbtecken är inte tillåtna för indrag, använd mellanslag",
    ),
    ("found unknown escape character", "okänd escape-sekvens med '\\' i en text inom dubbla citattecken"),
    ("expected ',' or ']'", "en lista inom [ ] är inte avslutad"),
    ("expected ',' or '}'", "en mappning inom { } är inte avslutad"),
    ("found duplicate anchor", "samma ankare används två gånger"),
    (
        "did not find expected comment or line break",
        "efter tecknet '|' eller '>' får bara en kommentar stå på raden; sätt texten inom citattecken",
    ),
    (
        "did not find expected whitespace or line break",
        "efter ett YAML-tecken som '!', '&' eller '*' saknas ett mellanslag; sätt texten inom citattecken",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "en text som börjar med '&' eller '*' måste stå inom citattecken",
    ),
    ("did not find expected tag URI", "en text som börjar med '!' måste stå inom citattecken"),
    ("found undefined tag handle", "en text som börjar med '!' måste stå inom citattecken"),
    (
        "block sequence entries are not allowed",
        "en listpunkt '-' kan inte stå här; kontrollera indraget, eller sätt texten inom citattecken",
    ),
    ("mapping keys are not allowed", "ett '?' kan inte stå här; sätt texten inom citattecken"),
    (
        "found unexpected document indicator",
        "'---' eller '...' i början av en rad avslutar färdplanen; sätt texten inom citattecken",
    ),
    (
        "expected a single document",
        "filen får bara innehålla en färdplan: ta bort raden med '---' eller '...'",
    ),
    ("directive", "en rad som börjar med '%' måste stå inom citattecken"),
    ("did not find expected hexdecimal number", "en escape-sekvens med '\\x' eller '\\u' är ofullständig"),
    ("found invalid Unicode character escape code", "en escape-sekvens med '\\u' anger inget giltigt tecken"),
    ("found a tab character", "tabbtecken är inte tillåtna för indrag: använd mellanslag"),
    ("found unexpected ':'", "ett kolon står där det inte får stå; sätt texten inom citattecken"),
    ("indentation indicator", "efter '|' eller '>' får siffran inte vara 0"),
    (
        "exceeded maximum nesting depth",
        f"för många nivåer inuti varandra: färdplanen behöver högst {MAX_DEPTH}; kontrollera klamrarna",
    ),
]


def _squeezed_at(index: int, match: re.Match[str], name: str) -> Diagnostic:
    key, value = match.group(2), match.group(3)
    return Diagnostic(
        name,
        index + 1,
        len(match.group(1)) + 1,
        f"syntaxfel: mellanslag saknas efter kolonet i '{key}:{value}': skriv '{key}: {value}'",
    )


def _syntax_diagnostic(error: yaml.MarkedYAMLError, name: str, text: str) -> Diagnostic:
    """The parser's complaint in Swedish, at the line where the mistake is, which is often not
    where the parser noticed it (an unclosed quote runs on to the next quote in the file)."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or ""
    lines = text.split("\n")
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    quote = _unclosed_quote(lines, line)
    if quote is not None:
        return Diagnostic(
            name,
            quote[0],
            quote[1],
            f"syntaxfel: citattecknet {quote[2]} här avslutas inte på raden: sätt ett "
            f"{quote[2]} efter textens sista ord",
        )
    squeezed = _squeezed_colon(lines, line - 1)
    if squeezed is not None:
        return _squeezed_at(*squeezed, name)
    context = error.context_mark
    if "could not find expected ':'" in problem and context is not None:
        # Noticed on the next line; the key without its colon is on the line the key started.
        return Diagnostic(
            name,
            context.line + 1,
            context.column + 1,
            "syntaxfel: ett kolon saknas efter nyckeln: skriv nyckeln, ett kolon och ett "
            "mellanslag före värdet, till exempel 'rubrik: Texten'",
        )
    if "expected <document start>" in problem:
        first = next(
            (
                number
                for number, written in enumerate(lines)
                if written.strip() and not written.lstrip().startswith("#")
            ),
            0,
        )
        if lines[first].startswith(" "):
            return Diagnostic(
                name,
                first + 1,
                1,
                "syntaxfel: indraget stämmer inte: filens första nyckel ska "
                "börja längst till vänster, utan mellanslag före",
            )
        return Diagnostic(
            name,
            line,
            col,
            "syntaxfel: indraget stämmer inte: raden ska ha samma indrag som "
            "raden där den del börjar som den hör till",
        )
    if mark is not None and (
        problem.startswith(_INDENT_PROBLEMS)
        or ("mapping values are not allowed" in problem and _continues_previous_value(lines, mark.line))
    ):
        advice = _indentation_advice(lines, mark.line)
        if advice is not None:
            return Diagnostic(name, mark.line + 1, advice[0] + 1, f"syntaxfel: {advice[1]}")
    message = next((sv for en, sv in _SYNTAX_MESSAGES if en in problem), None)
    if message is None:
        message = (
            "filen kan inte läsas som YAML här: kontrollera citattecken, kolon, klamrar och indrag "
            "på raden, och sätt texter med specialtecken inom citattecken"
        )
    return Diagnostic(name, line, col, f"syntaxfel: {message}")


def _squeezed_colon(lines: list[str], index: int) -> tuple[int, re.Match[str]] | None:
    """`status:planerad` (no space after the colon) on the line where the parser stopped or on
    the line with content above it: YAML reads it as one word, and the error shows up later."""
    checked = 0
    while 0 <= index < len(lines) and checked < 2:
        written = lines[index]
        if written.strip() and not written.lstrip().startswith("#"):
            match = _NO_SPACE_AFTER_COLON.match(written)
            if match:
                return index, match
            checked += 1
        index -= 1
    return None


_NO_SPACE_AFTER_COLON = re.compile(r"^( *(?:- +)?)([^\s:#'\"][^\s:]*):([^\s:][^:]*?)\s*$")
_INDENT_PROBLEMS = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
)
_KEY = re.compile(r"([^\s#'\"\-][^:#]*?|-[^\s:#][^:#]*?):(?: |$)")
_OPENING_QUOTE = re.compile(r"^ *(?:- +)*(?:[^\s#'\"][^:#]*?: +)?(['\"])")


def _closes(rest: str, quote: str) -> int:
    """Index just after the quote that ends a quoted text in `rest`, or -1."""
    index = 0
    while index < len(rest):
        char = rest[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and rest[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return -1


def _unclosed_quote(lines: list[str], error_line: int) -> tuple[int, int, str] | None:
    """The quote that opened a text still running (or just ended) where the parser gave up."""
    opened: tuple[int, int, str] | None = None
    for number, written in enumerate(lines[:error_line], start=1):
        if opened is not None:
            closing = _closes(written, opened[2])
            if closing < 0:
                continue
            if number == error_line:
                return opened
            opened = None
            continue
        match = _OPENING_QUOTE.match(written)
        if match and _closes(written[match.end() :], match.group(1)) < 0:
            opened = (number, match.start(1) + 1, match.group(1))
    return opened


def _items(lines: list[str], stop: int) -> Iterator[tuple[int, int, str, str]]:
    """(line index, column, kind, text) of each key and list dash before line `stop`, nearest first."""
    for index in range(stop - 1, max(-1, stop - 400), -1):
        written = lines[index]
        stripped = written.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        col = len(written) - len(stripped)
        while stripped.startswith("- ") or stripped == "-":
            yield index, col, "-", "-"
            rest = stripped[1:].lstrip(" ")
            col += len(stripped) - len(rest)
            stripped = rest
        key = _KEY.match(stripped)
        if key:
            yield index, col, ":", key.group(1)


def _continues_previous_value(lines: list[str], index: int) -> bool:
    """Is the line a key indented deeper than the key before it (so YAML read it as more text)?"""
    written = lines[index] if index < len(lines) else ""
    stripped = written.lstrip(" ")
    if not _KEY.match(stripped):
        return False
    previous = next((item for item in _items(lines, index) if item[2] == ":"), None)
    return previous is not None and len(written) - len(stripped) > previous[1]


def _indentation_advice(lines: list[str], index: int) -> tuple[int, str] | None:
    """How many spaces the line needs: as many as the nearest earlier key (or list dash) whose
    indentation is closest to the line's own."""
    written = lines[index] if index < len(lines) else ""
    stripped = written.lstrip(" ")
    if not stripped:
        return None
    col = len(written) - len(stripped)
    kind = "-" if stripped.startswith("- ") or stripped == "-" else ":"
    best = None
    for line, other_col, other_kind, label in _items(lines, index):
        if other_kind != kind or other_col == col:
            continue
        if best is None or abs(other_col - col) < abs(best[1] - col):
            best = (line, other_col, label)
        if other_col == 0:
            break
    if best is None:
        return None
    like = f"'{best[2]}:'" if kind == ":" else "listpunkten '-'"
    return col, (
        f"indraget stämmer inte: raden ska börja med {best[1]} mellanslag, som {like} på rad {best[0] + 1}"
        if best[1]
        else f"indraget stämmer inte: raden ska börja utan mellanslag, som {like} på rad {best[0] + 1}"
    )


_constructor = yaml.SafeLoader("")  # only its scalar constructors are used
# Called directly: construct_object() would also remember every node in the shared constructor,
# so no parsed file would ever be freed (a leak on every rebuild under `mkdocs serve`).
_SCALAR_CONSTRUCTORS = {tag: yaml.SafeLoader.yaml_constructors[tag] for tag in _SCALAR_TAGS}


_NO_DOCUMENT = object()


def _read(text: str, source: Source) -> Any:
    """Build the data straight from the parser's events, noting every position on the way.

    One pass and no tree of nodes, which is also what makes reading fast (this runs on every
    build): at 100× the real data composing nodes first took a fifth longer. Anchors and aliases
    are refused as they come and never expanded, so a "billion laughs" file costs nothing."""
    loader = _Loader(text)
    next_event = loader.get_event
    values, keys, problems, name = source.values, source.keys, source.problems, source.file
    floats = source.floats
    comment_lines = _comment_lines(text)
    escapes = "\\" in text
    refused: list[Diagnostic] = []

    def refuse(event: Any) -> None:
        if type(event) is yaml.AliasEvent:
            refused.append(
                _at(
                    event,
                    name,
                    f"hänvisningen '*{event.anchor}' är inte tillåten: "
                    "skriv ut värdet i stället (ankare och alias används inte)",
                )
            )
        else:
            refused.append(
                _at(
                    event,
                    name,
                    f"ankaret '&{event.anchor}' är inte tillåtet: "
                    "skriv ut värdet där det behövs (ankare och alias används inte)",
                )
            )
        if len(refused) >= _MAX_REFUSED:
            raise SourceError(refused)

    def explicit_tag(event: Any) -> Diagnostic:
        # "!viktigt text" would lose its first word to the tag: refuse every tag, say how to keep it.
        start = event.start_mark.index
        written = text[start : start + 40].split(None, 1)[0] if text[start : start + 1] == "!" else event.tag
        return _at(
            event,
            name,
            f"'{written}' läses som en YAML-tagg och försvinner ur texten: sätt hela "
            'texten inom citattecken, till exempel "' + f'{written} …"',
        )

    def too_many(event: Any) -> None:
        raise SourceError(
            refused
            + [
                _at(
                    event,
                    name,
                    f"filen har fler än {MAX_VALUES:,} värden".replace(",", " ")
                    + ", långt fler än en färdplan behöver: kontrollera att "
                    "inget har klistrats in av misstag",
                )
            ]
        )

    def escaped_characters(event: yaml.ScalarEvent) -> None:
        # "\v" or "\u200b" inside double quotes writes the same characters the file may not hold.
        for found in _forbidden_characters(event.value, name):
            if found.severity == "error":
                problems.append(
                    _at(
                        event,
                        name,
                        found.message.replace(" är inte tillåtet", " (skrivet med \\) är inte tillåtet", 1),
                    )
                )

    def warn_if_comment_cuts(event: yaml.ScalarEvent) -> None:
        end = event.end_mark
        assert end is not None  # the parser marks every event it makes
        stop = text.find("\n", end.index)
        comment = _COMMENT_AFTER.match(text, end.index, len(text) if stop < 0 else stop)
        if comment is None or not isinstance(event.value, str) or tag(event) != _STR_TAG:
            return
        problems.append(
            Diagnostic(
                name,
                end.line + 1,
                end.column + comment.end() - end.index,
                "texten slutar före ' #': YAML läser resten av raden som en kommentar, så den kommer inte "
                "med. Sätt hela texten inom citattecken om '#' hör till texten",
                severity="warning",
            )
        )

    def tag(event: yaml.ScalarEvent) -> str:
        # As PyYAML's composer: a scalar without a tag (or with "!") gets one from its text and style.
        if event.tag is None or event.tag == "!":
            return loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        return event.tag

    def build(event: Any, path: KeyPath) -> Any:
        """The value that starts with `event`; called once per value, scalars (the most) first."""
        mark = event.start_mark
        values[path] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.anchor is not None:
                refuse(event)
            if event.tag is not None:
                problems.append(explicit_tag(event))
                return event.value
            if comment_lines and not event.style and event.end_mark.line in comment_lines:
                warn_if_comment_cuts(event)
            elif escapes and event.style == '"' and "\\" in text[mark.index : event.end_mark.index]:
                escaped_characters(event)
            scalar_tag = tag(event)
            construct = _SCALAR_CONSTRUCTORS.get(scalar_tag)
            if construct is None:
                return event.value
            if scalar_tag == _FLOAT_TAG:
                floats.append(path)
            return construct(_constructor, yaml.ScalarNode(scalar_tag, event.value))
        if kind is yaml.AliasEvent:
            refuse(event)  # never followed
            return None
        if len(path) >= MAX_DEPTH:
            raise SourceError(
                refused
                + [
                    _at(
                        event,
                        name,
                        f"för många nivåer inuti varandra (mer än {MAX_DEPTH}): "
                        "färdplanen behöver färre; kontrollera indraget",
                    )
                ]
            )
        if event.tag is not None:
            problems.append(
                _at(
                    event,
                    name,
                    f"YAML-taggar används inte i färdplanen: ta bort "
                    f"'{text[event.start_mark.index :].split(None, 1)[0]}'",
                )
            )
        if kind is yaml.MappingStartEvent:
            if event.anchor is not None:
                refuse(event)
            result: dict[str, Any] = {}
            while True:
                key_event = next_event()
                if type(key_event) is yaml.MappingEndEvent:
                    return result
                if (
                    type(key_event) is not yaml.ScalarEvent
                    or key_event.tag is not None
                    or tag(key_event) == _MERGE_TAG
                ):
                    problems.append(_at(key_event, name, "nyckeln måste vara ett ord, till exempel 'rubrik'"))
                    skip(key_event)
                    skip(next_event())
                    continue
                if key_event.anchor is not None:
                    refuse(key_event)
                key = key_event.value
                key_path = path + (key,)
                if key in result:
                    problems.append(
                        _at(
                            key_event,
                            name,
                            f"nyckeln '{key}' finns redan på rad {keys[key_path][0]} i samma del: "
                            "ta bort den ena",
                        )
                    )
                    skip(next_event())
                    continue
                key_mark = key_event.start_mark
                assert key_mark is not None  # the parser marks every event it makes
                keys[key_path] = (key_mark.line + 1, key_mark.column + 1)
                if len(values) > MAX_VALUES:
                    too_many(key_event)
                result[key] = build(next_event(), key_path)
        if kind is yaml.SequenceStartEvent:
            if event.anchor is not None:
                refuse(event)
            items: list[Any] = []
            while True:
                item_event = next_event()
                if type(item_event) is yaml.SequenceEndEvent:
                    return items
                if len(values) > MAX_VALUES:
                    too_many(item_event)
                items.append(build(item_event, path + (len(items),)))
        refuse(event)  # an alias: never followed
        return None

    def skip(event: Any) -> None:
        """Pass over one value without keeping it (after a key that was reported)."""
        depth = 0
        while True:
            kind = type(event)
            if getattr(event, "anchor", None) is not None:
                refuse(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            if depth == 0:
                return
            event = next_event()

    try:
        next_event()  # the start of the stream
        document = next_event()
        if type(document) is yaml.StreamEndEvent:
            return _NO_DOCUMENT
        data = build(next_event(), ())
        next_event()  # the end of the document
        after = next_event()
        if type(after) is not yaml.StreamEndEvent:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                after.start_mark,
            )
    except yaml.MarkedYAMLError as error:
        raise SourceError(refused + [_syntax_diagnostic(error, name, text)]) from None
    except yaml.YAMLError:  # pragma: no cover - every parser error is marked
        raise SourceError(refused + [Diagnostic(name, 1, 1, "filen kan inte läsas som YAML")]) from None
    finally:
        loader.dispose()
    if refused:
        raise SourceError(refused)
    return data
