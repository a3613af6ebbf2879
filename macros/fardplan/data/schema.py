"""Check the parsed data against the JSON Schema and say what is wrong in Swedish, at the line.

The schema ships with the package (schemas/roadmap.schema.json beside this module, so an installed
wheel finds it); data/roadmap.schema.json is an identical copy that editors' tools read through the
data file's first line, so the rules an editor sees while typing and the rules the build enforces
are the same (tests/test_packaging.py keeps the copies equal).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import marshal
from collections.abc import Callable, Iterator
from contextlib import suppress
from functools import lru_cache, partial
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

import fastjsonschema

from fardplan.data.diagnostics import Diagnostic
from fardplan.data.files import kept_code_folder, replace_atomically
from fardplan.data.source import KeyPath, Source
from fardplan.data.text import parse_date

if TYPE_CHECKING:  # jsonschema is imported only when data is invalid (see check_schema)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_PATH = SCHEMAS / "roadmap.schema.json"

_TYPE_NAMES = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "sant eller falskt",
    "null": "tomt (null)",
    "object": "en grupp av nycklar",
    "array": "en lista",
}


def is_date(value: Any) -> bool:
    """An RFC 3339 full-date that exists in the calendar, as jsonschema's "date" format decides."""
    return parse_date(value) is not None if isinstance(value, str) else True  # formats apply to strings only


# Formats that are asserted (in both validators); every other format is only an annotation.
FORMATS: dict[str, Callable[[Any], bool]] = {"date": is_date}


@lru_cache(maxsize=4)
def load_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _part_schema(schema: dict[str, Any], part: str) -> dict[str, Any]:
    """A part of the schema as a schema of its own: "root" is the whole file without looking
    inside the areas, "område-utan-behov" an area without looking inside its needs, any other
    name one definition under $defs (its $refs still resolve)."""
    if part == "root":
        return {
            **schema,
            "properties": {**schema["properties"], "områden": _shallow(schema["properties"]["områden"])},
        }
    defs = schema["$defs"]
    if part in _WITHOUT_ITEMS:
        whole, lists = _WITHOUT_ITEMS[part]
        properties = dict(defs[whole]["properties"])
        for key in lists:
            properties[key] = _shallow(properties[key])
        defs = {**defs, part: {**defs[whole], "properties": properties}}
    return {key: schema[key] for key in ("$schema", "$id") if key in schema} | {
        "$defs": defs,
        "$ref": f"#/$defs/{part}",
    }


# Parts checked without their lists' items (the items are checked one by one).
_WITHOUT_ITEMS = {
    "område-utan-behov": ("område", ("behov",)),
    "behov-utan-åtgärder": ("behov", ("staden", "behöver-göras")),
}
_ACTION_DEFS = {"staden": "stadens-åtgärd", "behöver-göras": "mer-åtgärd"}


def _shallow(array_schema: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in array_schema.items() if key != "items"}


def _is_integer(checker: Any, value: Any) -> bool:
    # JSON Schema counts 2024.0 as an integer; an editor who wrote 2024.0 did not mean a year.
    return isinstance(value, int) and not isinstance(value, bool)


@lru_cache(maxsize=16)
def _validator(path: Path = SCHEMA_PATH, part: str | None = None) -> Draft202012Validator:
    """jsonschema for the whole file, or for a part of it (see _part_schema)."""
    from jsonschema import Draft202012Validator, FormatChecker, validators

    schema = load_schema(path)
    Draft202012Validator.check_schema(schema)
    if part is not None:
        schema = _part_schema(schema, part)
    strict = validators.extend(  # type: ignore[no-untyped-call]  # untyped in types-jsonschema
        Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    )
    validator: Draft202012Validator = strict(schema, format_checker=FormatChecker(list(FORMATS)))
    return validator


def _compiled(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's validator for `schema`. Generating its Python code and compiling it took
    about a tenth of a second, in every build and every command that reads the data, more than
    reading the real data. The compiled code is kept between processes, as Python keeps .pyc
    files (fardplan.data.files.kept_code_folder, beside the compiled templates), found by the
    schema's text, fastjsonschema's version and Python's bytecode version."""
    text = json.dumps(schema, sort_keys=True)
    folder = kept_code_folder()
    key = hashlib.sha256(
        "|".join([text, fastjsonschema.VERSION, MAGIC_NUMBER.hex(), *sorted(FORMATS)]).encode()
    )
    kept = folder / f"fardplan-schema-{key.hexdigest()}.code" if folder else None
    code = None
    if kept is not None:
        with suppress(OSError, ValueError, EOFError, TypeError):
            code = marshal.loads(kept.read_bytes())
    if not isinstance(code, CodeType):  # none kept yet, or a damaged file
        # On a copy: fastjsonschema rewrites the $refs of the schema it is given, which jsonschema reads too.
        generated = fastjsonschema.compile_to_code(json.loads(text), formats=FORMATS)
        code = compile(generated, "<roadmap.schema.json>", "exec")
        if kept is not None:
            with suppress(OSError):  # not kept: compiled again next time
                replace_atomically(kept, marshal.dumps(code))
    names: dict[str, Any] = {}
    exec(code, names)  # fastjsonschema's code for our own schema, run as fastjsonschema.compile runs it
    # The validator of the whole schema is the first function the code defines.
    entry = next(const.co_name for const in code.co_consts if isinstance(const, CodeType))
    return partial(names[entry], custom_formats=FORMATS)


@lru_cache(maxsize=4)
def fast_check(path: Path = SCHEMA_PATH) -> Callable[[Any], bool]:
    """Is the data valid? fastjsonschema compiles the schema to Python once; at 100 times the
    real data it answers in a tenth of a second, where jsonschema takes seconds."""
    validate = _compiled(load_schema(path))

    def is_valid(data: Any) -> bool:
        try:
            validate(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return is_valid


@lru_cache(maxsize=8)
def _fast_part_check(path: Path, part: str) -> Callable[[Any], bool]:
    validate = _compiled(_part_schema(load_schema(path), part))

    def is_valid(value: Any) -> bool:
        try:
            validate(value)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return not _has_float(value)

    return is_valid


def check_schema(source: Source, schema_path: Path = SCHEMA_PATH) -> list[Diagnostic]:
    """Every place where the data breaks the schema, in Swedish; each is also noted in
    `source.rejected`, so that later checks leave those values alone."""
    # Nearly every build checks valid data: the fast check says so. Only when it says no does
    # jsonschema, the reference implementation, run to list every problem for the Swedish messages.
    # (A float anywhere is wrong: the schema has no decimal numbers, but "integer" accepts 2024.0.)
    if fast_check(schema_path)(source.data):
        # fastjsonschema took any 2024.0 for an integer, so each float stands where an integer may.
        problems: list[Diagnostic] = []
        for path in source.floats:
            if decimal_allowed(path):
                continue
            source.reject(path)
            problems.append(source.diagnostic(path, _float_message(_value_at(source.data, path))))
        return problems
    errors = list(_errors(source.data, schema_path))
    problems = []
    misspelt = _misspelt_keys(errors)
    for error in errors:
        problems.extend(_translate(error, source, misspelt))
    return problems


def _errors(data: Any, schema_path: Path) -> Iterator[ValidationError]:
    """jsonschema's errors. It is slow (seconds at 100 times the real data, and more when much
    is wrong), so it looks only at the parts the fast check rejects: the file without its areas,
    then each rejected area without its needs, then each rejected need."""
    areas = data.get("områden") if isinstance(data, dict) else None
    if not isinstance(areas, list) or "område" not in load_schema(schema_path).get("$defs", {}):
        yield from _validator(schema_path).iter_errors(data)
        return
    yield from _validator(schema_path, "root").iter_errors(data)
    for index, area in enumerate(areas):
        if _fast_part_check(schema_path, "område")(area):
            continue
        needs = area.get("behov") if isinstance(area, dict) else None
        if not isinstance(needs, list):
            yield from _placed(_validator(schema_path, "område").iter_errors(area), ("områden", index))
            continue
        yield from _placed(_validator(schema_path, "område-utan-behov").iter_errors(area), ("områden", index))
        for number, need in enumerate(needs):
            if not _fast_part_check(schema_path, "behov")(need):
                yield from _need_errors(need, ("områden", index, "behov", number), schema_path)


def _need_errors(need: Any, path: KeyPath, schema_path: Path) -> Iterator[ValidationError]:
    if not isinstance(need, dict) or not all(isinstance(need.get(key, []), list) for key in _ACTION_DEFS):
        yield from _placed(_validator(schema_path, "behov").iter_errors(need), path)
        return
    yield from _placed(_validator(schema_path, "behov-utan-åtgärder").iter_errors(need), path)
    for key, definition in _ACTION_DEFS.items():
        for number, action in enumerate(need.get(key, [])):
            if not _fast_part_check(schema_path, definition)(action):
                yield from _placed(
                    _validator(schema_path, definition).iter_errors(action), path + (key, number)
                )


def _placed(errors: Iterator[ValidationError], path: KeyPath) -> Iterator[ValidationError]:
    """Errors found in a part, with paths as if found in the whole file."""
    for error in errors:
        error.path.extendleft(reversed(path))
        yield error


def _float_message(value: float) -> str:
    written = f"{int(value)}" if abs(value) < 1e15 else "talet"
    return f"ska vara ett heltal, inte ett decimaltal: skriv {written} utan decimaler"


def _value_at(data: Any, path: KeyPath) -> Any:
    for step in path:
        data = data[step]
    return data


# A measure's values (mått) are the only decimal numbers in the data.
DECIMAL_KEYS = frozenset({"värde", "riket", "kvinnor", "män"})


def decimal_allowed(path: KeyPath) -> bool:
    return bool(path) and path[-1] in DECIMAL_KEYS and "mått" in path


def _has_float(value: Any, in_measure: bool = False) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(
            _has_float(v, in_measure or k == "mått")
            for k, v in value.items()
            if not (in_measure and k in DECIMAL_KEYS and isinstance(v, float))
        )
    if isinstance(value, list):
        return any(_has_float(v, in_measure) for v in value)
    return False


# Keys that moved into `inställningar` (issue 17): old path -> new key. A file that still has one
# gets a message that says where the value goes now, not only "okänd nyckel".
MOVED_KEYS: dict[tuple[str, str], str] = {
    ("dokument", "organisation"): "organisation",
    ("remiss", "e-post"): "remiss-epost",
    ("remiss", "github-förråd"): "förråd",
}


def _moved_key_message(path: KeyPath, key: str, value: Any) -> str | None:
    new = MOVED_KEYS.get((str(path[0]), key)) if len(path) == 1 else None
    if new is None:
        return None
    shown = f" {_shorten(value)}" if isinstance(value, str) and value else ""
    return (
        f"'{path[-1]}.{key}' har flyttat till blocket inställningar: ta bort raden här och skriv "
        f"den under inställningar som '{new}:{shown}'"
    )


def _misspelt_keys(errors: list[ValidationError]) -> dict[tuple[KeyPath, str], str]:
    """(object path, missing key) -> the unknown key that is that one misspelt: one message, not two."""
    found: dict[tuple[KeyPath, str], str] = {}
    for error in errors:
        # A moved key stands for the new key (and the block) it belongs in: one message, not three.
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            for key in error.instance:
                where = tuple(error.absolute_path)
                new = MOVED_KEYS.get((str(where[0]), key)) if len(where) == 1 else None
                if new:
                    found[(("inställningar",), new)] = key
                    found[((), "inställningar")] = key
    for error in errors:
        if (
            error.validator == "additionalProperties"
            and isinstance(error.instance, dict)
            and isinstance(error.schema, dict)
        ):
            allowed = sorted(error.schema.get("properties", {}))
            for key in set(error.instance) - set(allowed):
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                if close and close[0] not in error.instance:
                    found[(tuple(error.absolute_path), close[0])] = key
    return found


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


def _shorten(value: Any, limit: int = 60) -> str:
    """A value quoted in a message: the start of a long text, never a whole page of it."""
    written = str(value)
    return written if len(written) <= limit else written[:limit] + "…"


def _allowed(types: Any) -> str:
    names = [_TYPE_NAMES.get(t, t) for t in ([types] if isinstance(types, str) else types)]
    return " eller ".join(names)


# Words editors use for an allowed value, for the hint "menade du …?".
SYNONYMS = {
    "klar": "genomförd",
    "klart": "genomförd",
    "färdig": "genomförd",
    "färdigt": "genomförd",
    "avslutad": "genomförd",
    "avslutat": "genomförd",
    "genomfört": "genomförd",
    "gjord": "genomförd",
    "pågående": "pågår",
    "påbörjad": "pågår",
    "startad": "pågår",
    "igång": "pågår",
    "pagar": "pågår",
    "stoppad": "avbruten",
    "inställd": "avbruten",
    "avbrutet": "avbruten",
    "struken": "avbruten",
    "planerat": "planerad",
    "planerade": "planerad",
    "förslag": "föreslagen",
    "föreslaget": "föreslagen",
    "antagen": "beslutad",
    "beslutat": "beslutad",
    "fastställd": "beslutad",
    "förslaget": "utkast",
    "ute på remiss": "remiss",
    "mindre": "lägre",
    "lägst": "lägre",
    "lägre är bättre": "lägre",
    "större": "högre",
    "mer": "högre",
    "högst": "högre",
    "högre är bättre": "högre",
}


def nearest_word(value: Any, choices: list[str]) -> str | None:
    """The allowed word an editor most likely meant: a synonym, another case, or a near spelling."""
    if not isinstance(value, str):
        return None
    written = " ".join(value.split()).lower()
    for candidate in (written, SYNONYMS.get(written)):
        if candidate in choices:
            return candidate
    close = difflib.get_close_matches(written, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _translate(
    error: ValidationError, source: Source, misspelt: dict[tuple[KeyPath, str], str] | None = None
) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    kind = error.validator
    value: Any = error.instance  # any JSON value
    wanted: Any = error.validator_value  # the schema's value for the keyword that failed
    schema = error.schema if isinstance(error.schema, dict) else {}
    custom = schema.get("x-felmeddelande")
    if kind == "additionalProperties":
        for key in set(value) - set(schema.get("properties", {})):
            source.reject(path + (key,))
    elif kind == "required":
        for key in wanted:
            if isinstance(value, dict) and key not in value:
                source.reject(path + (key,))
    else:
        source.reject(path)

    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            moved = _moved_key_message(path, key, value[key])
            if moved:
                yield source.diagnostic(path + (key,), moved, key=True)
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f" – menade du '{close[0]}'?" if close else f". Tillåtna nycklar här: {', '.join(allowed)}"
            yield source.diagnostic(path + (key,), f"okänd nyckel '{key}'{hint}", key=True)
        return
    if kind == "required":
        for key in wanted:
            if isinstance(value, dict) and key not in value and (path, key) not in (misspelt or {}):
                yield source.diagnostic(path, f"nyckeln '{key}' saknas")
        return
    if kind == "type":
        if isinstance(value, float) and "integer" in wanted and value.is_integer():
            yield source.diagnostic(path, _float_message(value))
        else:
            yield source.diagnostic(path, f"ska vara {_allowed(wanted)}, inte {_kind(value)}")
        return
    if kind == "enum":
        allowed_words = [str(c) for c in wanted]
        choices = ", ".join(allowed_words)
        if isinstance(value, (list, dict)) or value is None:
            yield source.diagnostic(path, f"ska vara ett av orden {choices}, inte {_kind(value)}")
            return
        nearest = nearest_word(value, allowed_words)
        hint = f" – menade du '{nearest}'?" if nearest else "."
        yield source.diagnostic(
            path, f"'{_shorten(value)}' är inte ett tillåtet värde{hint} Tillåtna värden: {choices}"
        )
        return
    if kind in {"pattern", "format"}:
        if isinstance(value, str) and not value.strip() and custom:
            yield source.diagnostic(path, custom)  # a blank text: nothing to quote
        else:
            yield source.diagnostic(path, f"'{_shorten(value)}' går inte att använda: {custom or 'fel form'}")
        return
    if kind == "minLength":
        yield source.diagnostic(path, custom or "texten får inte vara tom")
        return
    if kind == "maxLength":
        yield source.diagnostic(
            path,
            f"texten är för lång: högst {wanted} tecken, "
            f"men den har {len(value)}. Korta den eller dela upp den",
        )
        return
    if kind == "minItems":
        yield source.diagnostic(
            path,
            f"listan måste ha minst {wanted} {'punkt' if wanted == 1 else 'punkter'}",
        )
        return
    if kind in {"minimum", "maximum"}:
        word = "minst" if kind == "minimum" else "högst"
        yield source.diagnostic(path, f"ska vara {word} {wanted}, inte {_shorten(value)}")
        return
    if kind in {"minProperties", "maxProperties"}:
        yield source.diagnostic(path, custom or "fel antal nycklar")
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
