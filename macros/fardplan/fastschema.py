"""A fast yes-or-no check of data against the JSON Schema, compiled once from the same schema file.

jsonschema, the reference implementation, interprets the schema anew for every value; for a
roadmap 100 times the real one that took seconds of every build. Nearly every build checks data
that is valid, so schema.py first asks this compiled check "is it valid?". Only when the answer
is no does it run jsonschema, which then says what is wrong, in Swedish, at the line.

The compiled check is exact for the keywords it knows and refuses the rest: compile_schema()
returns None for a schema with any keyword, type or $ref it does not understand, and schema.py
then always uses jsonschema. tests/test_fastschema.py compares the two on many broken documents.
"""
from __future__ import annotations

import numbers
import re
from datetime import date
from typing import Any, Callable, Mapping

Check = Callable[[Any], bool]

# Keywords that only describe (annotations): they never make data invalid.
_ANNOTATIONS = {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples",
                "deprecated", "readOnly", "writeOnly"}

# The types as jsonschema's Draft 2020-12 checker defines them (1.0 is an integer, True is not).
_TYPES: dict[str, Check] = {
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, numbers.Number) and not isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(value: str) -> bool:
    """RFC 3339 full-date, exactly as jsonschema's "date" format checker decides it."""
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# Formats that are asserted; every other format is an annotation, as in schema.py's FormatChecker.
FORMATS: dict[str, Check] = {"date": is_date}


class Unsupported(Exception):
    """The schema uses something this compiler does not handle exactly."""


def compile_schema(root: Any, formats: Mapping[str, Check] = FORMATS) -> Check | None:
    """A function that says whether data is valid against `root`, or None if not compilable."""
    try:
        return _Compiler(root, formats).compile(root)
    except Unsupported:
        return None


def _unique(items: list) -> bool:
    if all(isinstance(item, str) for item in items):
        return len(set(items)) == len(items)
    # Numbers, booleans and nested values compare by JSON rules (1 == 1.0, True != 1): ask the
    # reference implementation. Rare: only broken data gets here.
    from jsonschema import Draft202012Validator
    return Draft202012Validator({"uniqueItems": True}).is_valid(items)


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(check(v) for check in checks)


class _Compiler:
    def __init__(self, root: Any, formats: Mapping[str, Check]):
        self.root = root
        self.formats = formats
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(schema)

        general: list[Check] = []   # apply to every value
        objects: list[Check] = []   # apply to dicts only
        arrays: list[Check] = []    # apply to lists only
        strings: list[Check] = []   # apply to str only
        for key, value in schema.items():
            if key == "$id" and schema is not self.root:
                raise Unsupported(key)  # a nested $id changes what its $refs point at
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            if key == "type":
                general.append(self._type(value))
            elif key == "enum":
                if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
                    raise Unsupported(key)  # JSON equality of numbers and booleans: leave to jsonschema
                choices = frozenset(value)
                general.append(lambda v, choices=choices: isinstance(v, str) and v in choices)
            elif key == "$ref":
                general.append(self._ref(value))
            elif key in {"oneOf", "anyOf", "allOf"}:
                if not isinstance(value, list) or not value:
                    raise Unsupported(key)
                branches = [self.compile(branch) for branch in value]
                if key == "oneOf":
                    general.append(lambda v, b=branches: sum(1 for check in b if check(v)) == 1)
                elif key == "anyOf":
                    general.append(lambda v, b=branches: any(check(v) for check in b))
                else:
                    general.append(_all(branches))
            elif key == "not":
                inner = self.compile(value)
                general.append(lambda v, inner=inner: not inner(v))
            elif key in {"properties", "additionalProperties", "required"}:
                if key == "properties":  # the three are compiled together, once
                    objects.append(self._object(schema))
            elif key == "items":
                if "prefixItems" in schema:
                    raise Unsupported(key)
                item = self.compile(value)
                arrays.append(lambda v, item=item: all(item(x) for x in v))
            elif key in {"minItems", "maxItems", "minLength", "maxLength"}:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise Unsupported(key)
                target = arrays if key.endswith("Items") else strings
                if key.startswith("min"):
                    target.append(lambda v, n=value: len(v) >= n)
                else:
                    target.append(lambda v, n=value: len(v) <= n)
            elif key == "uniqueItems":
                if value is True:
                    arrays.append(_unique)
                elif value is not False:
                    raise Unsupported(key)
            elif key == "pattern":
                try:
                    search = re.compile(value).search
                except (re.error, TypeError):
                    raise Unsupported(key) from None
                strings.append(lambda v, search=search: search(v) is not None)
            elif key == "format":
                if isinstance(value, str) and value in self.formats:
                    strings.append(self.formats[value])
            else:
                raise Unsupported(key)
        if ("additionalProperties" in schema or "required" in schema) and "properties" not in schema:
            objects.append(self._object(schema))

        checks = general.copy()
        for kind, group in ((dict, objects), (list, arrays), (str, strings)):
            if group:
                each = _all(group)
                checks.append(lambda v, kind=kind, each=each: not isinstance(v, kind) or each(v))
        if not checks:
            return lambda v: True
        return _all(checks)

    def _type(self, value: Any) -> Check:
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or any(n not in _TYPES for n in names):
            raise Unsupported("type")
        tests = [_TYPES[n] for n in names]
        if len(tests) == 1:
            return tests[0]
        return lambda v: any(test(v) for test in tests)

    def _object(self, schema: dict) -> Check:
        if not isinstance(schema.get("properties", {}), dict):
            raise Unsupported("properties")
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        required = schema.get("required", [])
        if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
            raise Unsupported("required")
        extra = schema.get("additionalProperties", True)
        other: Check | None = None if extra is True else self.compile(extra)

        def check(v: dict) -> bool:
            for name in required:
                if name not in v:
                    return False
            for name, item in v.items():
                sub = properties.get(name)
                if sub is None:
                    if other is not None and not other(item):
                        return False
                elif not sub(item):
                    return False
            return True

        return check

    def _ref(self, ref: Any) -> Check:
        """Local references (#/$defs/x) only; compiled once, through a box so cycles work."""
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise Unsupported("$ref")
        if ref not in self.refs:
            box: list[Check] = []
            self.refs[ref] = lambda v: box[0](v)
            box.append(self.compile(self._resolve(ref)))
        return self.refs[ref]

    def _resolve(self, ref: str) -> Any:
        node = self.root
        pointer = ref[1:]
        if not pointer:
            return node
        if not pointer.startswith("/") or "%" in pointer:
            raise Unsupported("$ref")
        for part in pointer[1:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise Unsupported("$ref")
        return node
