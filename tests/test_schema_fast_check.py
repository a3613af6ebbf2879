"""The fast schema check (fastjsonschema) accepts exactly what jsonschema accepts.

schema.py asks the fast check first and runs jsonschema only when it says no; if the fast check
ever said yes to data that jsonschema rejects, that data would be published. These tests break a
valid roadmap in every place, in many ways, and compare the two verdicts.
"""

from __future__ import annotations

import copy
import gc
import json
import marshal
import os
import subprocess
import sys

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from fardplan import validate_file
from fardplan.data.schema import FORMATS, SCHEMA_PATH, fast_check, load_schema
from fardplan.data.source import read_source
from support import DATA, FIXTURES

# Values that break (or, as 1.0 for an integer, do not break) a field in some place of the file.
REPLACEMENTS = [
    None,
    True,
    False,
    0,
    1,
    1.0,
    1.5,
    -1,
    "",
    " ",
    "x",
    "X y",
    "a--b",
    "a-",
    "a\n",
    "2023",
    "2023-02-30",
    "2023-02-28",
    "2023-1-01",
    "\uff12\uff10\uff12\uff13-01-01",
    "2023-01-01\n",
    "2022-2024",
    "löpande",
    "pågår",
    "klar",
    "lag",
    "https://example.org/x",
    "ftp://x.y",
    "https://x y.se",
    [],
    ["a"],
    ["a", "a"],
    [1, 1.0],
    [1, True],
    [{}],
    {},
    {"x": 1},
]


def reference_validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema(), format_checker=FormatChecker(list(FORMATS)))


def paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, path + (index,))


def node_at(data, path):
    for step in path:
        data = data[step]
    return data


def broken_variants(data):
    """Every value replaced by every replacement; every key removed; an unknown key in every object."""
    for path in paths(data):
        if not path:
            continue
        for value in REPLACEMENTS:
            variant = copy.deepcopy(data)
            node_at(variant, path[:-1])[path[-1]] = value
            yield variant
        if isinstance(path[-1], str):
            variant = copy.deepcopy(data)
            del node_at(variant, path[:-1])[path[-1]]
            yield variant
        if isinstance(node_at(data, path), dict):
            variant = copy.deepcopy(data)
            node_at(variant, path)["okänd-nyckel"] = "x"
            yield variant


def test_fast_check_agrees_with_jsonschema_on_broken_data():
    """Where the fast check says yes, jsonschema must too: otherwise bad data would be published.
    The other way round is harmless (jsonschema then runs and has the last word) and rare: only
    ids ending in a line break, which Python's `$` lets through in jsonschema."""
    fast = fast_check()
    reference = reference_validator()
    minimal = read_source(FIXTURES / "minimal.yaml").data
    verdicts, stricter = [], 0
    for variant in broken_variants(minimal):
        expected = reference.is_valid(variant)
        if fast(variant):
            assert expected, json.dumps(variant, ensure_ascii=False)[:2000]
        elif expected:
            stricter += 1
        verdicts.append(expected)
    # Both answers occur, many times: the comparison covers accepting and rejecting.
    assert verdicts.count(False) > 500 and verdicts.count(True) > 20
    assert stricter <= verdicts.count(True) // 10


def test_fast_check_accepts_the_real_data():
    data = read_source(DATA).data
    assert reference_validator().is_valid(data)
    assert fast_check()(data)


# In a process of its own, with a temporary folder of its own (where the compiled check is kept): the
# verdicts on the minimal roadmap and on it without a title, and the kept files afterwards.
_VERDICTS = """
import json, sys, tempfile
from pathlib import Path
from fardplan.data.schema import fast_check, load_schema
from fardplan.data.source import read_source
schema = Path(sys.argv[1])
data = read_source(Path(sys.argv[2])).data
untitled = json.loads(json.dumps(data)); del untitled["dokument"]["titel"]
check = fast_check(schema)
unchanged = load_schema(schema) == json.loads(schema.read_text(encoding="utf-8"))
kept = sorted(p.name for p in Path(tempfile.gettempdir()).glob("_jinja2-cache-*/fardplan-schema-*"))
print(json.dumps([check(data), check(untitled), unchanged, kept]))
"""


def test_the_compiled_check_is_kept_for_the_next_process_and_follows_the_schema(tmp_path):
    """Generating and compiling the fast check cost every build and command a tenth of a second:
    the compiled code is kept in the user's private cache folder, as Python keeps .pyc files, and
    found by the schema's text. A changed schema is compiled anew and its own rules apply; a
    damaged file is compiled anew. The schema the messages are made from (jsonschema reads it) is
    left as it was written."""
    schema = tmp_path / "roadmap.schema.json"
    schema.write_text(SCHEMA_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    (tmp_path / "tmp").mkdir()

    def verdicts():
        done = subprocess.run(
            [sys.executable, "-c", _VERDICTS, str(schema), str(FIXTURES / "minimal.yaml")],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    first = verdicts()
    assert first[:3] == [True, False, True] and len(first[3]) == 1
    assert verdicts() == first  # the kept code, no new file
    # The title may be left out: the next process applies the changed schema, not the kept code.
    changed = json.loads(schema.read_text(encoding="utf-8"))
    changed["properties"]["dokument"]["required"].remove("titel")
    schema.write_text(json.dumps(changed), encoding="utf-8")
    second = verdicts()
    assert second[:3] == [True, True, True] and len(second[3]) == 2
    # A damaged file is compiled anew.
    [damaged] = set(second[3]) - set(first[3])
    [cache] = (tmp_path / "tmp").glob("_jinja2-cache-*")
    (cache / damaged).write_bytes(b"not code")
    assert verdicts() == second
    (cache / damaged).write_bytes(marshal.dumps(["marshal data, but no code"]))
    assert verdicts() == second


def test_the_schema_is_valid_json_schema():
    # The build no longer checks this on every run (only when data is invalid), so the tests do.
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_reading_keeps_nothing_of_earlier_reads():
    # Under `mkdocs serve` the data is read on every save; nothing of an old read may stay behind.
    read_source(DATA)
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, yaml.Node)]


@pytest.mark.parametrize("enabled", [True, False])
def test_validation_leaves_the_garbage_collector_as_it_was(enabled, write_yaml, minimal_text):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        validate_file(write_yaml(minimal_text))
        validate_file(write_yaml("områden: ["))  # also when the file cannot be read
        assert gc.isenabled() == enabled
    finally:
        gc.enable() if was else gc.disable()
