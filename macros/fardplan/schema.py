"""Check the parsed data against the JSON Schema and say what is wrong in Swedish, at the line.

The schema (data/roadmap.schema.json) is the one editors' tools read too, so the rules an editor
sees while typing and the rules the build enforces are the same file.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
import re
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterator

import fastjsonschema

from .diagnostics import Diagnostic
from .source import Source

if TYPE_CHECKING:  # jsonschema is imported only when data is invalid (see check_schema)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "roadmap.schema.json"

_TYPE_NAMES = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "sant eller falskt",
    "null": "tomt (null)",
    "object": "en grupp av nycklar",
    "array": "en lista",
}


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(value: Any) -> bool:
    """An RFC 3339 full-date that exists in the calendar, as jsonschema's "date" format decides."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return not isinstance(value, str)  # formats apply to strings only
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# Formats that are asserted (in both validators); every other format is only an annotation.
FORMATS: dict[str, Callable[[Any], bool]] = {"date": is_date}


@lru_cache(maxsize=4)
def load_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _validator(path: Path = SCHEMA_PATH) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    schema = load_schema(path)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker(list(FORMATS)))


@lru_cache(maxsize=4)
def fast_check(path: Path = SCHEMA_PATH) -> Callable[[Any], bool]:
    """Is the data valid? fastjsonschema compiles the schema to Python once; at 100 times the
    real data it answers in a tenth of a second, where jsonschema takes seconds."""
    validate = fastjsonschema.compile(load_schema(path), formats=FORMATS)

    def is_valid(data: Any) -> bool:
        try:
            validate(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return is_valid


def check_schema(source: Source, schema_path: Path = SCHEMA_PATH) -> list[Diagnostic]:
    # Nearly every build checks valid data: the fast check says so. Only when it says no does
    # jsonschema, the reference implementation, run to list every problem for the Swedish messages.
    if fast_check(schema_path)(source.data):
        return []
    problems: list[Diagnostic] = []
    for error in _validator(schema_path).iter_errors(source.data):
        problems.extend(_translate(error, source))
    return problems


def _kind(value: Any) -> str:
    if value is None:
        return "tomt (null)"
    if isinstance(value, bool):
        return "sant eller falskt"
    if isinstance(value, int):
        return "ett heltal"
    if isinstance(value, float):
        return "ett tal"
    if isinstance(value, str):
        return "en text"
    if isinstance(value, list):
        return "en lista"
    return "en grupp av nycklar"


def _allowed(types: Any) -> str:
    names = [_TYPE_NAMES.get(t, t) for t in ([types] if isinstance(types, str) else types)]
    return " eller ".join(names)


def _translate(error: ValidationError, source: Source) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    custom = error.schema.get("x-felmeddelande") if isinstance(error.schema, dict) else None

    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" – menade du '{close[0]}'?" if close else f". Tillåtna nycklar här: {', '.join(allowed)}"
            yield source.diagnostic(path + (key,), f"okänd nyckel '{key}'{hint}", key=True)
        return
    if kind == "required":
        missing = error.validator_value
        for key in missing:
            if isinstance(value, dict) and key not in value:
                yield source.diagnostic(path, f"nyckeln '{key}' saknas")
        return
    if kind == "type":
        yield source.diagnostic(path, f"ska vara {_allowed(error.validator_value)}, inte {_kind(value)}")
        return
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        close = difflib.get_close_matches(str(value), [str(c) for c in error.validator_value], n=1)
        hint = f" – menade du '{close[0]}'?" if close else "."
        yield source.diagnostic(path, f"'{value}' är inte ett tillåtet värde{hint} Tillåtna värden: {choices}")
        return
    if kind in {"pattern", "format"}:
        yield source.diagnostic(path, f"'{value}' går inte att använda: {custom or 'fel form'}")
        return
    if kind == "minLength":
        yield source.diagnostic(path, custom or "texten får inte vara tom")
        return
    if kind == "minItems":
        yield source.diagnostic(path, f"listan måste ha minst {error.validator_value} "
                                      f"{'punkt' if error.validator_value == 1 else 'punkter'}")
        return
    if kind in {"minimum", "maximum"}:
        word = "minst" if kind == "minimum" else "högst"
        yield source.diagnostic(path, f"ska vara {word} {error.validator_value}, inte {value}")
        return
    if kind == "uniqueItems":
        yield source.diagnostic(path, "samma värde står två gånger i listan")
        return
    if kind == "oneOf":
        # Only date-or-null uses oneOf; report the most specific reason from the branches.
        best = min(error.context, key=lambda e: len(e.schema_path), default=None)
        if best is not None and best.validator in {"pattern", "format"}:
            yield from _translate(best, source)
        else:
            yield source.diagnostic(path, f"ska vara ett datum (ÅÅÅÅ-MM-DD) eller null, inte {_kind(value)}")
        return
    yield source.diagnostic(path, f"värdet stämmer inte med schemat ({kind})")
