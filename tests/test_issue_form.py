"""The remiss issue form is valid for GitHub, and it matches what the site prefills and the
compilation script reads."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from fardplan.data.model import RespondentKind
from fardplan.remiss.answers import FORM_FIELDS, Position
from fardplan.remiss.period import FORM_FILE, LABEL
from support import ROOT

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORM = TEMPLATES / FORM_FILE
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def form() -> dict:
    return yaml.safe_load(FORM.read_text(encoding="utf-8"))


def fields() -> list[dict]:
    return [item for item in form()["body"] if item["type"] != "markdown"]


def test_issue_form_passes_githubs_schema():
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-issue-forms", FORM],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_template_chooser_config_passes_githubs_schema():
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-issue-config", TEMPLATES / "config.yml"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_would_catch_a_broken_form(tmp_path):
    broken = form()
    broken["body"][1]["type"] = "text-field"  # not an element type GitHub knows
    path = tmp_path / "remissynpunkt.yml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-issue-forms", path],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0


def test_form_applies_the_remiss_label():
    assert form()["labels"] == [LABEL]


def test_field_ids_are_ascii_and_labels_are_what_the_compilation_reads():
    ids_and_labels = [(item["id"], item["attributes"]["label"]) for item in fields()]
    assert ids_and_labels == list(FORM_FIELDS)
    assert all(re.fullmatch(r"[a-zA-Z0-9_-]+", field_id) for field_id, _ in ids_and_labels)


def test_the_prefilled_fields_are_inputs():
    # GitHub prefills only input and textarea fields from the URL; the site sends del and version.
    types = {item["id"]: item["type"] for item in fields()}
    assert types["del"] == "input" and types["version"] == "input"


def test_dropdowns_offer_exactly_the_vocabulary_the_data_uses():
    options = {item["id"]: item["attributes"].get("options") for item in fields()}
    assert [o.casefold() for o in options["typ"]] == [k.value for k in RespondentKind]
    assert [o.casefold() for o in options["stallningstagande"]] == [p.value for p in Position]
    assert [o.split(",")[0] for o in options["publicera-namn"]] == ["Ja", "Nej"]


def test_form_tells_that_the_comment_becomes_a_public_record():
    intro = form()["body"][0]["attributes"]["value"]
    assert "allmän handling" in intro
    [record] = [item for item in fields() if item["id"] == "allman-handling"]
    assert record["type"] == "checkboxes" and record["attributes"]["options"][0]["required"] is True
