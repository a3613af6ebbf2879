"""Read the YAML data file into plain Python values that remember where they stood.

PyYAML's parser events carry line and column; we keep them in a map from key path to position
so that every later check (schema, references, horizons) can point an editor at the right line.
Here we also catch what PyYAML lets through: bytes that are not UTF-8, duplicate keys (PyYAML
silently keeps the last), and anchors and aliases (refused as they come, so never expanded).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Union

import yaml

from .diagnostics import Diagnostic

# libyaml is much faster; PyPI's wheels ship it, the pure-Python parser is the fallback.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader's tags with less Python work per scalar, which counts at 100 000 scalars.

    A quoted or block scalar is always text, and the tag of a plain scalar depends only on its
    text, so answers are remembered for the parse. (Path resolvers are never registered.)"""

    def __init__(self, stream):
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return self.DEFAULT_SCALAR_TAG
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)

PathKey = Union[str, int]
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

    def diagnostic(self, path: KeyPath, message: str, *, key: bool = False,
                   severity: str = "error") -> Diagnostic:
        line, col = self.position(path, key=key)
        return Diagnostic(self.file, line, col, message, describe_path(self.data, path), severity)


# The two lists of actions under a need: what the city does, and what more needs doing.
ACTION_LISTS = ("staden", "behöver-göras")


def list_items(node: Any, key: str, path: KeyPath) -> Iterator[tuple[KeyPath, dict]]:
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
    if not text.strip():
        raise SourceError([Diagnostic(name, 1, 1, "filen är tom: den ska innehålla färdplanen")])
    source = Source(name, text, None)
    data = _read(text, source)
    if data is _NO_DOCUMENT:
        raise SourceError([Diagnostic(name, 1, 1,
                                      "filen innehåller bara kommentarer: den ska innehålla färdplanen")])
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
        raise SourceError([Diagnostic(
            name, line, col,
            f"filen är inte sparad som UTF-8 (byte 0x{raw[error.start]:02x} kan inte läsas); "
            "spara den som UTF-8 i din editor")]) from None


def _at(event_or_node: Any, name: str, message: str) -> Diagnostic:
    mark = event_or_node.start_mark
    return Diagnostic(name, mark.line + 1, mark.column + 1, message)


# The parser's messages (pure-Python and libyaml spell some differently) in plain Swedish.
_SYNTAX_MESSAGES = [
    ("mapping values are not allowed",
     "ett kolon står där det inte får stå; sätt texten inom citattecken om den innehåller ': '"),
    ("cannot start any token",
     "tecknet kan inte stå här; tabbtecken är inte tillåtna för indrag, använd mellanslag"),
    ("found a tab character",
     "tabbtecken är inte tillåtna för indrag: använd mellanslag"),
    ("found undefined alias", "hänvisningen pekar på ett ankare som inte finns"),
    ("could not find expected ':'", "ett kolon saknas efter nyckeln, eller så är ett citattecken inte avslutat"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde; saknas ett avslutande citattecken?"),
    ("did not find expected key", "indraget stämmer inte: raden ska ha samma indrag som nycklarna ovanför"),
    ("did not find expected '-' indicator", "indraget stämmer inte: listpunkterna ska börja med '-' på samma indrag"),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför"),
    ("did not find expected node content", "ett värde saknas eller börjar med ett tecken som inte är tillåtet"),
    ("found character that cannot start any token",
     "tecknet kan inte stå här; tabbtecken är inte tillåtna för indrag, använd mellanslag"),
    ("found unknown escape character", "okänd escape-sekvens med '\\' i en text inom dubbla citattecken"),
    ("expected ',' or ']'", "en lista inom [ ] är inte avslutad"),
    ("expected ',' or '}'", "en mappning inom { } är inte avslutad"),
    ("found duplicate anchor", "samma ankare används två gånger"),
]


def _syntax_diagnostic(error: yaml.MarkedYAMLError, name: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or ""
    message = next((sv for en, sv in _SYNTAX_MESSAGES if en in problem), None)
    if message is None:
        message = f"filen kan inte läsas som YAML ({problem.strip() or 'okänt fel'})"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Diagnostic(name, line, col, f"syntaxfel: {message}")


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
    refused: list[Diagnostic] = []

    def refuse(event: Any) -> None:
        if type(event) is yaml.AliasEvent:
            refused.append(_at(event, name, f"hänvisningen '*{event.anchor}' är inte tillåten: "
                                            "skriv ut värdet i stället (ankare och alias används inte)"))
        else:
            refused.append(_at(event, name, f"ankaret '&{event.anchor}' är inte tillåtet: "
                                            "skriv ut värdet där det behövs (ankare och alias används inte)"))
        if len(refused) >= _MAX_REFUSED:
            raise SourceError(refused)

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
            scalar_tag = tag(event)
            construct = _SCALAR_CONSTRUCTORS.get(scalar_tag)
            if construct is None:
                return event.value
            return construct(_constructor, yaml.ScalarNode(scalar_tag, event.value))
        if kind is yaml.MappingStartEvent:
            if event.anchor is not None:
                refuse(event)
            result: dict[str, Any] = {}
            while True:
                key_event = next_event()
                if type(key_event) is yaml.MappingEndEvent:
                    return result
                if type(key_event) is not yaml.ScalarEvent or tag(key_event) == _MERGE_TAG:
                    problems.append(_at(key_event, name, "nyckeln måste vara ett ord, till exempel 'rubrik'"))
                    skip(key_event)
                    skip(next_event())
                    continue
                if key_event.anchor is not None:
                    refuse(key_event)
                key = key_event.value
                key_path = path + (key,)
                if key in result:
                    problems.append(_at(key_event, name,
                                        f"nyckeln '{key}' finns redan på rad {keys[key_path][0]} i samma del: "
                                        "ta bort den ena"))
                    skip(next_event())
                    continue
                key_mark = key_event.start_mark
                keys[key_path] = (key_mark.line + 1, key_mark.column + 1)
                result[key] = build(next_event(), key_path)
        if kind is yaml.SequenceStartEvent:
            if event.anchor is not None:
                refuse(event)
            items: list[Any] = []
            while True:
                item_event = next_event()
                if type(item_event) is yaml.SequenceEndEvent:
                    return items
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
            raise yaml.composer.ComposerError("expected a single document in the stream",
                                              document.start_mark, "but found another document",
                                              after.start_mark)
    except yaml.MarkedYAMLError as error:
        raise SourceError(refused + [_syntax_diagnostic(error, name)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - every parser error is marked
        raise SourceError(refused + [Diagnostic(name, 1, 1, f"YAML-fel: {error}")]) from None
    finally:
        loader.dispose()
    if refused:
        raise SourceError(refused)
    return data
