"""What checks an editor's change: GitHub annotations on the diff's lines, pre-commit with the
validator and yamllint, the pull request template and the workflow that runs the validator."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import DATA, ROOT
from fardplan.diagnostics import Diagnostic

VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate.py")]
BIN = Path(sys.executable).parent
LONG_WINDED = ("Kommunstyrelsen ska tillsammans med äldrenämnden och stadsdelsnämnderna genomföra en "
               "övergripande kartläggning av kompetensförsörjningsbehoven inom äldreomsorgens samtliga "
               "verksamhetsområden för att därigenom möjliggöra strategiska prioriteringar.")


def test_annotation_format_escapes_what_github_reads_as_syntax():
    found = Diagnostic("data/roadmap.yaml", 12, 7, "50% fel: rad ett\nrad två", "dokument.titel")
    assert found.github() == ("::error file=data/roadmap.yaml,line=12,col=7,title=Färdplanen::"
                              "50%25 fel: rad ett%0Arad två (i dokument.titel)")
    odd = Diagnostic("a,b:c.yaml", 1, 1, "x", severity="warning")
    assert odd.github() == "::warning file=a%2Cb%3Ac.yaml,line=1,col=1,title=Färdplanen::x"


@pytest.fixture
def repo(tmp_path, minimal_text) -> Path:
    """A git repository with the data file at data/roadmap.yaml."""
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "docs").mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def test_annotations_name_the_file_from_the_repository_root(repo, minimal_text):
    data = repo / "data" / "roadmap.yaml"
    text = minimal_text.replace("status: pågår", "status: klar").replace(
        "text: Ta fram en gemensam plan.", f"text: {LONG_WINDED}")
    data.write_text(text, encoding="utf-8")
    # Run from another folder, as a workflow step might: the path must still match the diff's.
    result = subprocess.run(VALIDATE + ["../data/roadmap.yaml", "--format", "github"], cwd=repo / "docs",
                            capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=data/roadmap.yaml,line=35,col=21,title=Färdplanen::'klar' är inte ett tillåtet värde "
        "– menade du 'genomförd'? Tillåtna värden: föreslagen, planerad, pågår, genomförd, avbruten "
        "(i områden[styrning].behov[samverkan-med-regionen].staden[samverkan-staden].status)")
    assert lines[1].startswith("::warning file=data/roadmap.yaml,line=38,col=19,title=Färdplanen::")
    assert "LIX" in lines[1]
    assert len(lines) == 2


def test_yamllint_config_accepts_the_data_and_catches_layout_mistakes(tmp_path):
    config = ROOT / ".yamllint.yaml"
    ok = subprocess.run([BIN / "yamllint", "--strict", "-c", config, DATA, ROOT / "tests" / "fixtures" / "minimal.yaml"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    bad = tmp_path / "roadmap.yaml"
    bad.write_text(DATA.read_text(encoding="utf-8").replace("  titel: Färdplan", "    titel: Färdplan", 1)
                   + "trailing: yes   \n", encoding="utf-8")
    result = subprocess.run([BIN / "yamllint", "--strict", "-c", config, bad], capture_output=True, text=True)
    assert result.returncode == 1
    assert "trailing spaces" in result.stdout


def test_pre_commit_config_runs_the_validator_and_pinned_yamllint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [local] = config["repos"]
    assert local["repo"] == "local"
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    assert hooks["fardplan-validera"]["entry"] == "python3 scripts/dev.py validate"
    assert hooks["yamllint"]["entry"] == "python3 scripts/dev.py yamllint"
    assert all(hook["language"] == "system" for hook in hooks.values())  # no hook repository to fetch
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("yamllint==") for line in pins)
    assert any(line.startswith("pre_commit==") or line.startswith("pre-commit==") for line in pins)


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A git checkout of the files pre-commit needs, sharing this worktree's installed .venv."""
    root = tmp_path / "checkout"
    root.mkdir()
    for name in ("data", "scripts"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in (".pre-commit-config.yaml", ".yamllint.yaml", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    (root / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def pre_commit(root: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    return subprocess.run([BIN / "pre-commit", "run", "--all-files"], cwd=root, env=env,
                          capture_output=True, text=True)


@pytest.mark.skipif(not (ROOT / ".venv").is_dir(), reason="needs the project's .venv (scripts/dev.py test)")
def test_pre_commit_passes_on_good_data_and_shows_located_errors(checkout, tmp_path):
    passed = pre_commit(checkout, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Kontrollera färdplanens data (scripts/validate.py)" in passed.stdout

    data = checkout / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    line = text[:text.index("    status: pågår")].count("\n") + 1
    data.write_text(text.replace("    status: pågår", "    status: klar", 1)
                    .replace("  titel: Färdplan", "  titel:   Färdplan", 1), encoding="utf-8")
    failed = pre_commit(checkout, tmp_path)
    assert failed.returncode == 1
    assert f"data/roadmap.yaml:{line}:21: " in failed.stdout
    assert f"data/roadmap.yaml:{line}:21: 'klar' är inte ett tillåtet värde – menade du 'genomförd'?" in failed.stdout
    assert "too many spaces after colon" in failed.stdout  # yamllint


def test_pull_request_template_has_a_swedish_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 4
    assert any("ändringar" in item and "skäl" in item for item in items)
    assert any("senast-granskad" in item for item in items)


def test_workflow_annotates_pull_requests_and_compares_with_the_last_release():
    path = ROOT / ".github" / "workflows" / "ci.yml"
    checked = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", path],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    steps = workflow["jobs"]["test"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # tags are needed for --jämför-med
    assert all("@" in s["uses"] and len(s["uses"].split("@")[1]) == 40 for s in steps if "uses" in s)
    assert {"name": "Kontrollera datafilen",
            "run": "python3 scripts/dev.py validate --format github --jämför-med"} in steps
