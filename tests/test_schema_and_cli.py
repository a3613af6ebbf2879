"""The JSON Schema editors see, and the command-line validator: once as a real subprocess, then its
file run in this process as `python scripts/validate.py` runs it (support.run_script_file)."""

from __future__ import annotations

import json
import subprocess
import sys

from support import DATA, ROOT, line_of, run_script_file

SCHEMA = ROOT / "data" / "roadmap.schema.json"
VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate.py")]


def validate(*args: str, cwd) -> subprocess.CompletedProcess:
    return run_script_file(ROOT / "scripts" / "validate.py", list(args), cwd, {})


def walk_properties(node, path=""):
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield f"{path}.{key}", value
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                yield from walk_properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from walk_properties(item, path)


def test_every_key_has_a_swedish_description():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    for path, prop in walk_properties(schema):
        described = prop.get("description") or defs.get(prop.get("$ref", "").rsplit("/", 1)[-1], {}).get(
            "description"
        )
        assert described, f"{path} saknar description"


def test_data_file_points_editors_at_the_schema():
    first_line = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=roadmap.schema.json"


def test_cli_accepts_the_example_data(project):
    result = subprocess.run(VALIDATE + ["data/roadmap.yaml"], capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stdout
    assert "Datafilen är godkänd" in result.stderr


def test_cli_lists_problems_and_fails(write_yaml, minimal_text):
    path = write_yaml(
        minimal_text.replace("status: pågår", "status: klar").replace("typ: lagändring", "typ: lag2")
    )
    result = validate(str(path), cwd=path.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"roadmap.yaml:{line_of(minimal_text, '    typ:')}:10: 'lag2' är inte ett tillåtet värde "
        "– menade du 'lag'? Tillåtna värden: lag, lagändring, statsbidrag, utredning, överenskommelse, "
        "departementsskrivelse (i nationella-initiativ[god-och-nara-vard].typ)",
        f"roadmap.yaml:{line_of(minimal_text, '            status: pågår')}:21: 'klar' är inte ett tillåtet värde – menade du 'genomförd'? Tillåtna värden: "
        "föreslagen, planerad, pågår, genomförd, avbruten "
        "(i områden[styrning].behov[samverkan-med-regionen].staden[samverkan-staden].status)",
    ]
    assert "Datafilen har fel och måste rättas. (2 fel)" in result.stderr


def test_cli_github_annotations(write_yaml, minimal_text):
    path = write_yaml(minimal_text.replace("status: pågår", "status: klar"))
    result = validate(str(path), "--format", "github", cwd=path.parent)
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"::error file=roadmap.yaml,line={line_of(minimal_text, '            status: pågår')},col=21,"
        "title=Färdplanen::'klar' är inte"
    )
