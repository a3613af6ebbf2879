"""What checks an editor's change: GitHub annotations on the diff's lines, pre-commit with the
validator and yamllint, the pull request template and the workflow that runs the validator."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fardplan.data.diagnostics import Diagnostic
from support import DATA, EXAMPLE, ROOT

VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate.py")]
BIN = Path(sys.executable).parent
LONG_WINDED = (
    "Kommunstyrelsen ska tillsammans med äldrenämnden och stadsdelsnämnderna genomföra en "
    "övergripande kartläggning av kompetensförsörjningsbehoven inom äldreomsorgens samtliga "
    "verksamhetsområden för att därigenom möjliggöra strategiska prioriteringar."
)


def test_annotation_format_escapes_what_github_reads_as_syntax():
    found = Diagnostic("data/roadmap.yaml", 12, 7, "50% fel: rad ett\nrad två", "dokument.titel")
    assert found.github() == (
        "::error file=data/roadmap.yaml,line=12,col=7,title=Färdplanen::"
        "50%25 fel: rad ett%0Arad två (i dokument.titel)"
    )
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
        "text: Ta fram en gemensam plan.", f"text: {LONG_WINDED}"
    )
    data.write_text(text, encoding="utf-8")
    # Run from another folder, as a workflow step might: the path must still match the diff's.
    result = subprocess.run(
        VALIDATE + ["../data/roadmap.yaml", "--format", "github"],
        cwd=repo / "docs",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=data/roadmap.yaml,line=35,col=21,title=Färdplanen::'klar' är inte ett tillåtet värde "
        "– menade du 'genomförd'? Tillåtna värden: föreslagen, planerad, pågår, genomförd, avbruten "
        "(i områden[styrning].behov[samverkan-med-regionen].staden[samverkan-staden].status)"
    )
    assert lines[1].startswith("::warning file=data/roadmap.yaml,line=38,col=19,title=Färdplanen::")
    assert "LIX" in lines[1]
    assert len(lines) == 2


def test_yamllint_config_accepts_the_data_and_catches_layout_mistakes(tmp_path):
    config = ROOT / ".yamllint.yaml"
    ok = subprocess.run(
        [BIN / "yamllint", "--strict", "-c", config, DATA, ROOT / "tests" / "fixtures" / "minimal.yaml"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout
    bad = tmp_path / "roadmap.yaml"
    bad.write_text(
        DATA.read_text(encoding="utf-8").replace("  titel: Färdplan", "    titel: Färdplan", 1)
        + "trailing: yes   \n",
        encoding="utf-8",
    )
    result = subprocess.run([BIN / "yamllint", "--strict", "-c", config, bad], capture_output=True, text=True)
    assert result.returncode == 1
    assert "trailing spaces" in result.stdout


def test_pre_commit_config_runs_the_validator_and_pinned_yamllint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [local] = config["repos"]
    assert local["repo"] == "local"
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    assert hooks["fardplan-validera"]["entry"] == "python3 scripts/dev.py validate --jämför-med"
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
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(EXAMPLE / "data", root / "data")  # the example färdplan, with the tool's schemas
    for schema in (ROOT / "data").glob("*.schema.json"):
        shutil.copy(schema, root / "data" / schema.name)
    for name in (".pre-commit-config.yaml", ".yamllint.yaml", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    # The hooks run scripts/dev.py, which reinstalls when requirements.txt or pyproject.toml differ
    # from what .venv was set up with: into the shared .venv, pointing it at this temporary copy.
    stamp = ROOT / ".venv" / ".installed-requirements"
    wanted = hashlib.sha256((ROOT / "requirements.txt").read_bytes() + (ROOT / "pyproject.toml").read_bytes())
    if not stamp.is_file() or stamp.read_text().strip() != wanted.hexdigest():
        pytest.skip(".venv is not set up for this checkout's requirements: run python3 scripts/dev.py setup")
    (root / ".venv").symlink_to(ROOT / ".venv")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def pre_commit(root: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    return subprocess.run(
        [BIN / "pre-commit", "run", "--all-files"], cwd=root, env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(not (ROOT / ".venv").is_dir(), reason="needs the project's .venv (scripts/dev.py test)")
def test_pre_commit_passes_on_good_data_and_shows_located_errors(checkout, tmp_path):
    passed = pre_commit(checkout, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Kontrollera färdplanens data (scripts/validate.py --jämför-med)" in passed.stdout

    data = checkout / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    line = text[: text.index("    status: pågår")].count("\n") + 1
    data.write_text(
        text.replace("    status: pågår", "    status: klar", 1).replace(
            "  titel: Färdplan", "  titel:   Färdplan", 1
        ),
        encoding="utf-8",
    )
    failed = pre_commit(checkout, tmp_path)
    assert failed.returncode == 1
    assert f"data/roadmap.yaml:{line}:21: " in failed.stdout
    assert (
        f"data/roadmap.yaml:{line}:21: 'klar' är inte ett tillåtet värde – menade du 'genomförd'?"
        in failed.stdout
    )
    assert "too many spaces after colon" in failed.stdout  # yamllint


def test_pull_request_template_has_a_swedish_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 4
    assert any("ändringar" in item and "skäl" in item for item in items)
    assert any("senast-granskad" in item for item in items)


def test_workflow_annotates_pull_requests_and_compares_with_the_last_release():
    path = ROOT / ".github" / "workflows" / "ci.yml"
    checked = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", path],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    steps = workflow["jobs"]["content"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # tags are needed for --jämför-med
    assert all("@" in s["uses"] and len(s["uses"].split("@")[1]) == 40 for s in steps if "uses" in s)
    # The content is checked with the same command editors run, in its own job, apart from the tests.
    assert {
        "name": "Kontrollera innehållet",
        "env": {"CI": "true"},
        "run": "python3 scripts/dev.py check --format github",
    } in steps
    assert "python3 scripts/dev.py test" in [s.get("run") for s in workflow["jobs"]["test"]["steps"]]


@pytest.mark.skipif(not (ROOT / ".venv").is_dir(), reason="needs the project's .venv (scripts/dev.py test)")
def test_pre_commit_refuses_a_change_ci_would_refuse(checkout, tmp_path):
    """The hook compares with the last release, as CI does: a moved horizon needs a reason."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "R",
        "GIT_AUTHOR_EMAIL": "r@example.org",
        "GIT_COMMITTER_NAME": "R",
        "GIT_COMMITTER_EMAIL": "r@example.org",
    }
    for command in (
        ["git", "add", "-A"],
        ["git", "commit", "-qm", "Remissversionen"],
        ["git", "tag", "v2022-remiss"],
    ):
        subprocess.run(command, cwd=checkout, env=env, check=True, capture_output=True)
    data = checkout / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    at = text.index('tidshorisont: "2022-2028"', text.index("id: halso-och-sjukvardsorganisation"))
    data.write_text(text[:at] + 'tidshorisont: "2022-2030"' + text[at + 25 :], encoding="utf-8")
    line = text[:at].count("\n") + 1

    failed = pre_commit(checkout, tmp_path)
    assert failed.returncode == 1, failed.stdout
    assert f"data/roadmap.yaml:{line}:23: " in failed.stdout
    assert "v2022-remiss" in failed.stdout
