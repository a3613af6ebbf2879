"""A reference of every key in the data file, generated from the JSON Schema so that the
editors' documentation can never drift from the rules the validator enforces.

The schema is walked from the top: every object (directly, as list items, or through $ref into
$defs) becomes a section with one row per key; a $defs object used in several places (such as
`ändring`) is one section that the others link to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How the shared value types in $defs are named in the reference; their rules are explained
# once, from the schema's own x-felmeddelande, in `value_types`.
_TYPE_NAMES = {
    "string": "text",
    "integer": "heltal",
    "number": "tal",
    "boolean": "sant eller falskt",
    "null": "null",
    "object": "en grupp av nycklar",
    "array": "en lista",
}
_DEF_NAMES = {"text": "text", "id": "id", "datum": "datum", "lank": "webbadress"}


@dataclass
class KeySection:
    anchor: str
    places: list[list[str]]  # the key paths where these keys are written, e.g. [områden, behov]
    description: str
    rows: list[KeyRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        """Where in the file: "områden → behov", or for keys used in several places
        "ändringar (under behov, staden och behöver-göras)"."""
        if not self.places[0]:
            return "Hela filen"
        if len(self.places) == 1:
            return " → ".join(self.places[0])
        parents = [p[-2] for p in sorted(self.places, key=len)]
        return f"{self.places[0][-1]} (under {', '.join(parents[:-1])} och {parents[-1]})"


@dataclass(frozen=True)
class KeyRow:
    key: str
    required: bool
    value: str  # the allowed values, in Swedish
    description: str
    section: KeySection | None = None  # where the value's own keys are described


@dataclass(frozen=True)
class ValueType:
    name: str
    rule: str


def _def_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref.startswith("#/$defs/") else None


class _Walker:
    def __init__(self, schema: dict[str, Any]):
        self.defs = schema.get("$defs", {})
        self.sections: list[KeySection] = []
        self.by_def: dict[str, KeySection] = {}

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Follow $ref; the referring node's own description, if any, wins."""
        name = _def_name(node)
        if name is None:
            return node
        target = self.resolve(self.defs[name])
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return merged

    def object_section(self, node: dict[str, Any], path: list[str]) -> KeySection | None:
        """The section for an object schema (creating it on first sight), or None if not an object."""
        name = _def_name(node)
        if name in self.by_def:
            self.by_def[name].places.append(path)
            return self.by_def[name]
        resolved = self.resolve(node)
        if "properties" not in resolved:
            return None
        anchor = "nycklar-" + (name or "-".join(path) or "filen")
        section = KeySection(anchor=_slug(anchor), places=[path], description=resolved.get("description", ""))
        if name:
            self.by_def[name] = section
        self.sections.append(section)
        required = set(resolved.get("required", []))
        for key, child in resolved["properties"].items():
            section.rows.append(self.row(key, child, key in required, path + [key]))
        return section

    def row(self, key: str, node: dict[str, Any], required: bool, path: list[str]) -> KeyRow:
        resolved = self.resolve(node)
        description = resolved.get("description", "")
        target = self.object_section(node, path) if "properties" in resolved else None
        if target is not None:
            return KeyRow(key, required, "en grupp av nycklar", description, target)
        items = resolved.get("items")
        if isinstance(items, dict):
            item_section = self.object_section(items, path) if "properties" in self.resolve(items) else None
            if item_section is not None:
                return KeyRow(
                    key,
                    required,
                    "en lista där varje punkt är en grupp av nycklar",
                    description,
                    item_section,
                )
        return KeyRow(key, required, self.value(node), description)

    def value(self, node: dict[str, Any]) -> str:
        name = _def_name(node)
        if name in _DEF_NAMES:
            return _DEF_NAMES[name]
        if name is not None:  # a named type such as status or senast-granskad: describe its definition
            return self.value(self.defs[name])
        resolved = node
        if "enum" in resolved:
            return "ett av: " + ", ".join(str(v) for v in resolved["enum"])
        if "oneOf" in resolved:
            return " eller ".join(self.value(branch) for branch in resolved["oneOf"])
        kinds = resolved.get("type", [])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if kinds == ["array"]:
            items = resolved.get("items")
            return "en lista med " + (self.value(items) if isinstance(items, dict) else "värden")
        label = " eller ".join(_TYPE_NAMES.get(k, k) for k in kinds) or "valfritt värde"
        low, high = resolved.get("minimum"), resolved.get("maximum")
        if low is not None and high is not None:
            label += f" från {low} till {high}"
        return label


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e"})
    return "".join(c if c.isalnum() else "-" for c in text.lower().translate(table)).strip("-")


def key_sections(schema: dict[str, Any]) -> list[KeySection]:
    """Every object in the schema as a section, in the order an editor meets them in the file."""
    walker = _Walker(schema)
    walker.object_section(schema, [])
    return walker.sections


def value_types(schema: dict[str, Any]) -> list[ValueType]:
    """The shared value types (id, datum, webbadress, text) with the rule the validator applies."""
    defs = schema.get("$defs", {})
    rules = [
        (label, defs[name]["x-felmeddelande"])
        for name, label in _DEF_NAMES.items()
        if "x-felmeddelande" in defs.get(name, {})
    ]
    return [ValueType(label, rule[:1].upper() + rule[1:]) for label, rule in rules]


def schema_keys(schema: Any) -> set[str]:
    """Every property name anywhere in the schema (what the reference must contain)."""
    keys: set[str] = set()
    if isinstance(schema, dict):
        keys.update(schema.get("properties", {}))
        for value in schema.values():
            keys |= schema_keys(value)
    elif isinstance(schema, list):
        for item in schema:
            keys |= schema_keys(item)
    return keys
