"""Read the YAML data file into plain Python values that remember where they stood.

PyYAML's composed nodes carry line and column; we keep them in a map from key path to position
so that every later check (schema, references, horizons) can point an editor at the right line.
Here we also catch what PyYAML lets through: bytes that are not UTF-8, duplicate keys (PyYAML
silently keeps the last), and anchors and aliases (rejected before anything is expanded).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from .diagnostics import Diagnostic

# libyaml is much faster; PyPI's wheels ship it, the pure-Python parser is the fallback.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader's tags with less Python work per scalar, which counts at 100 000 scalars.

    The parser asks `resolve` for the tag of every node. A quoted or block scalar is always text,
    and the tag of a plain scalar depends only on its text, so answers are remembered for the
    parse. Path resolvers (the only reason for descend/ascend) are never registered."""

    def __init__(self, stream):
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

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
# A cheap test before the exact (slower) event scan: could this text hold an anchor or alias?
_MAYBE_ANCHOR = re.compile(r"(^|[\s\[\{,:-])[&*][^\s,\[\]{}]")


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
    if ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text):  # `in` is far quicker than the regex
        _reject_anchors(text, name)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise SourceError([_syntax_diagnostic(error, name)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - every parser error is marked
        raise SourceError([Diagnostic(name, 1, 1, f"YAML-fel: {error}")]) from None
    if root is None:
        raise SourceError([Diagnostic(name, 1, 1,
                                      "filen innehåller bara kommentarer: den ska innehålla färdplanen")])
    source = Source(name, text, None)
    source.data = _build(root, (), source, source.problems)
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


def _reject_anchors(text: str, name: str) -> None:
    """Anchors (&namn) and aliases (*namn) can make a small file expand enormously: refuse them
    from the event stream, before any node is built."""
    problems = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                problems.append(_at(event, name, f"hänvisningen '*{event.anchor}' är inte tillåten: "
                                                 "skriv ut värdet i stället (ankare och alias används inte)"))
            elif getattr(event, "anchor", None):
                problems.append(_at(event, name, f"ankaret '&{event.anchor}' är inte tillåtet: "
                                                 "skriv ut värdet där det behövs (ankare och alias används inte)"))
            if len(problems) >= 50:
                break
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_diagnostic(error, name))
    if problems:
        raise SourceError(problems)


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


def _build(node: yaml.Node, path: KeyPath, source: Source, problems: list[Diagnostic]) -> Any:
    # Called once per node (about 85 000 at 100× the real data): scalars, the most common, first.
    mark = node.start_mark
    source.values[path] = (mark.line + 1, mark.column + 1)
    kind = type(node)
    if kind is yaml.ScalarNode:
        construct = _SCALAR_CONSTRUCTORS.get(node.tag)
        return node.value if construct is None else construct(_constructor, node)
    if kind is yaml.MappingNode:
        result: dict[str, Any] = {}
        keys = source.keys
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(_at(key_node, source.file, "nyckeln måste vara ett ord, till exempel 'rubrik'"))
                continue
            key = key_node.value
            key_path = path + (key,)
            if key in result:
                first_line = keys[key_path][0]
                problems.append(_at(key_node, source.file,
                                    f"nyckeln '{key}' finns redan på rad {first_line} i samma del: "
                                    "ta bort den ena"))
                continue
            key_mark = key_node.start_mark
            keys[key_path] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = _build(value_node, key_path, source, problems)
        return result
    return [_build(item, path + (index,), source, problems) for index, item in enumerate(node.value)]
