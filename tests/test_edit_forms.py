"""The issue forms for everyday edits and their workflow: valid for GitHub, matching what the
script reads, and started only by the approval label, never with the issue's text in a command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from fardplan.data.model import Status
from fardplan.editing.edit_requests import (
    APPROVAL_LABEL,
    COLUMNS,
    FORM_LABEL,
    FORMS,
    INITIATIVE_KINDS,
    OPTIONAL,
)
from support import ROOT

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
WORKFLOW = ROOT / ".github" / "workflows" / "redigering.yml"
BIN = Path(sys.executable).parent
FILES = [TEMPLATES / file for file, _ in FORMS.values()]


def fields(path: Path) -> list[dict]:
    return [
        item
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
        if item["type"] != "markdown"
    ]


def test_the_five_forms_pass_githubs_schema():
    assert len(FILES) == 5 and all(path.exists() for path in FILES)
    done = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", *FILES],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_each_form_has_ascii_ids_and_the_labels_the_script_reads():
    for kind, (file, expected) in FORMS.items():
        found = [(item["id"], item["attributes"]["label"]) for item in fields(TEMPLATES / file)]
        assert found == list(expected), file
        assert all(re.fullmatch(r"[a-zA-Z0-9_-]+", field_id) for field_id, _ in found)
        for item in fields(TEMPLATES / file):
            required = item.get("validations", {}).get("required", False)
            assert required == (item["id"] not in OPTIONAL[kind]), (file, item["id"])


def test_every_form_gets_the_edit_label():
    for path in FILES:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["labels"] == [FORM_LABEL]


def test_fixed_word_lists_are_dropdowns_with_the_datas_words():
    schema = json.loads((ROOT / "data" / "roadmap.schema.json").read_text(encoding="utf-8"))
    kinds = schema["properties"]["nationella-initiativ"]["items"]["properties"]["typ"]["enum"]
    assert list(INITIATIVE_KINDS) == kinds
    options = {
        (path.name, item["id"]): item["attributes"].get("options") for path in FILES for item in fields(path)
    }
    statuses = [s.value for s in Status]
    assert options[("andra-status.yml", "status")] == statuses
    assert options[("ny-atgard.yml", "status")] == statuses
    assert options[("ny-atgard.yml", "kolumn")] == list(COLUMNS)
    assert options[("nytt-nationellt-initiativ.yml", "typ")] == kinds


def test_workflow_runs_only_on_the_approval_label_of_an_edit_issue():
    spec = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert spec[True] == {"issues": {"types": ["labeled"]}}  # YAML 1.1 reads the key `on` as true
    [job] = spec["jobs"].values()
    assert job["if"] == (
        f"github.event.label.name == '{APPROVAL_LABEL}' && "
        f"contains(github.event.issue.labels.*.name, '{FORM_LABEL}')"
    )
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}


def test_workflow_never_puts_the_issues_text_into_a_command():
    spec = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    [job] = spec["jobs"].values()
    for step in job["steps"]:
        for text in (step.get("run", ""), json.dumps(step.get("env", {}))):
            assert "${{" not in text or "github.token" in text, step
    assert 'scripts/apply_edit_request.py --händelse "$GITHUB_EVENT_PATH"' in job["steps"][-1]["run"]
    assert "git push" not in job["steps"][-1]["run"]  # the script pushes its own branch only
