"""The GitHub Actions workflows: valid against GitHub's schema, no zizmor findings of medium
severity or above, every action pinned to a commit, and only the deploy job and the edit-request
job may write."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_are_workflows_for_checks_and_publishing():
    assert {w.name for w in WORKFLOWS} == {
        "ci.yml",
        "publish.yml",
        "redigering.yml",
        "ny-fardplan.yml",
        "uppdatera-verktyget.yml",
    }


def test_workflows_match_githubs_schema():
    done = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    done = subprocess.run(
        [
            BIN / "zizmor",
            "--offline",
            "--min-severity",
            "medium",
            "--format",
            "plain",
            str(ROOT / ".github" / "workflows"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_every_action_is_pinned_to_a_full_commit_with_its_tag():
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_permissions_are_read_only_except_for_the_deploy_job():
    for workflow in WORKFLOWS:
        spec = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert spec["permissions"] == {"contents": "read"}, workflow.name
        for name, job in spec["jobs"].items():
            if workflow.name == "publish.yml":
                assert job["permissions"] == {"contents": "write"}
            elif workflow.name in {"ny-fardplan.yml", "uppdatera-verktyget.yml"}:  # a branch, a pull request
                assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
            elif workflow.name == "redigering.yml":  # pushes a branch, opens a pull request, comments
                assert job["permissions"] == {
                    "contents": "write",
                    "pull-requests": "write",
                    "issues": "write",
                }
            else:
                assert "permissions" not in job, f"{workflow.name}: {name}"


def test_publishing_covers_main_tags_and_a_daily_schedule():
    spec = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = spec[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"], "tags": ["v*"]}
    assert len(triggers["schedule"]) == 1
    steps = " ".join(str(step.get("run", "")) for step in spec["jobs"]["publish"]["steps"])
    for command in ("publish.py utkast --push", 'publish.py version --tag "$TAG" --push', "remiss_open.py"):
        assert command in steps
