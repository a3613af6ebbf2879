"""Rules of the publishing flow that need no build: "today" in Swedish time, the nightly rebuild
after the remiss's last day, and the workflows (read as YAML, so a rewrite that keeps the property
still passes)."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

from fardplan import load_roadmap
from release_support import git_project, run_script
from support import DATA, ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"
# Needed by the tests only: the publishing job must not install them.
TEST_ONLY = {
    "pytest",
    "playwright",
    "check-jsonschema",
    "zizmor",
    "rdflib",
    "pre-commit",
    "yamllint",
    "pytest-xdist",
    "hypothesis",
    "pikepdf",
    "uv",
}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def runs(spec: dict) -> list[str]:
    return [step.get("run", "") for job in spec["jobs"].values() for step in job["steps"]]


def test_today_is_the_date_in_sweden(monkeypatch):
    from fardplan.data.clock import build_date

    monkeypatch.delenv("FARDPLAN_TODAY", raising=False)
    # 23:30 UTC is already the next day in Sweden, winter (UTC+1) and summer (UTC+2) alike.
    assert build_date(datetime(2022, 3, 4, 23, 30, tzinfo=UTC)) == date(2022, 3, 5)
    assert build_date(datetime(2022, 6, 30, 22, 30, tzinfo=UTC)) == date(2022, 7, 1)
    assert build_date(datetime(2022, 6, 30, 21, 30, tzinfo=UTC)) == date(2022, 6, 30)
    monkeypatch.setenv("FARDPLAN_TODAY", "2022-03-04")
    assert build_date(datetime(2022, 3, 4, 23, 30, tzinfo=UTC)) == date(2022, 3, 4)


def test_the_nightly_run_rebuilds_the_remiss_after_its_last_day(tmp_path):
    """The sample remiss's last day (5 February 2027): the day after, the rebuild must run (it
    switches the links off), and a skipped run a day later must not be the last chance."""
    example = load_roadmap(DATA)
    last_day = example.remiss.last_day
    project = git_project(tmp_path / "project")
    assert run_script(project, "release.py", "--project", str(project)).returncode == 0
    for today in (last_day, last_day + timedelta(days=1), last_day + timedelta(days=3)):
        done = run_script(
            project, "remiss_open.py", "--project", str(project), FARDPLAN_TODAY=today.isoformat()
        )
        assert (done.returncode, done.stdout.strip()) == (0, f"v{example.document.version}"), today
    later = (last_day + timedelta(days=16)).isoformat()
    done = run_script(project, "remiss_open.py", "--project", str(project), FARDPLAN_TODAY=later)
    assert done.returncode == 1


def test_no_publish_run_can_be_cancelled_by_the_next_one():
    """GitHub keeps one pending run per concurrency group and cancels the one before it, unless
    the group queues: a tag's run must never be dropped because main was pushed after it."""
    for path in WORKFLOWS.glob("*.yml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in spec["jobs"].items():
            if (job.get("permissions") or {}).get("contents") != "write":
                continue
            concurrency = job.get("concurrency") or spec.get("concurrency")
            assert concurrency, f"{path.name}: {name}"
            assert concurrency.get("cancel-in-progress") is False, f"{path.name}: {name}"
            assert concurrency.get("queue") == "max", f"{path.name}: {name}"


def test_a_tag_or_the_draft_can_be_republished_by_hand():
    spec = workflow("publish.yml")
    inputs = spec[True]["workflow_dispatch"]["inputs"]  # YAML 1.1 reads the key `on` as true
    assert "ref" in inputs and inputs["ref"]["type"] == "string"
    step = next(s for s in spec["jobs"]["publish"]["steps"] if "publish.py" in s.get("run", ""))
    # Passed through the environment (never expanded into the script: template injection).
    assert step["env"]["REQUESTED"] == "${{ inputs.ref }}" and "inputs." not in step["run"]
    assert '"$REQUESTED"' in step["run"] and "utkast)" in step["run"]


def test_the_write_token_stays_out_of_git_config_and_clones_stay_complete():
    for path in WORKFLOWS.glob("*.yml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in spec["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
                    assert step["with"]["fetch-depth"] == 0
                for line in step.get("run", "").splitlines():
                    assert not ("git fetch" in line and "--depth" in line), line  # a shallow clone
                    assert "set-url" not in line, line
                    if line.strip().startswith("git config"):
                        assert "TOKEN" not in line and "extraheader" not in line, line


def _pins(name: str) -> dict[str, str]:
    """The locked file's packages and versions; every pin carries at least one hash."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            requirement = line.split(";")[0].split()[0]
            assert "==" in requirement and "--hash=sha256:" in line, line
            package, version = requirement.split("==")
            pins.setdefault(package.lower(), set()).add(version)
    return pins


def test_the_publish_job_installs_only_what_building_needs():
    install = " ".join(runs(workflow("publish.yml")))
    assert "--require-hashes -r requirements-build.txt" in install
    assert "dev.py setup" not in install and "-r requirements.txt" not in install
    wanted, everything = _pins("requirements-build.txt"), _pins("requirements.txt")
    # the same versions as the tests ran with
    assert all(everything.get(package) == versions for package, versions in wanted.items())
    assert not wanted.keys() & TEST_ONLY
    assert {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "mike", "weasyprint"} <= wanted.keys()


def test_checks_cache_pip_and_dependabot_updates_actions_and_pip_weekly_in_groups():
    setup = next(
        s
        for s in workflow("ci.yml")["jobs"]["test"]["steps"]
        if str(s.get("uses", "")).startswith("actions/setup-python@")
    )
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements.txt"

    config_file = ROOT / ".github" / "dependabot.yml"
    done = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", str(config_file)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    updates = {u["package-ecosystem"]: u for u in yaml.safe_load(config_file.read_text())["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"] and all(g["patterns"] == ["*"] for g in update["groups"].values())


def test_the_version_name_pattern_is_in_the_schema():
    import json

    schema = json.loads((ROOT / "data" / "roadmap.schema.json").read_text(encoding="utf-8"))
    pattern = re.compile(schema["properties"]["dokument"]["properties"]["version"]["pattern"])
    for good in ("2022", "2022-remiss", "2023.1", "v2_2024"):
        assert pattern.search(good), good
    for bad in ("2022 remiss", "2022..1", "-2022", "2022-", "år-2022", "2022/remiss", "2022.lock", "a~b"):
        assert not pattern.search(bad), bad


def test_versions_are_listed_for_readers_in_force_first_then_newest_draft_last(tmp_path):
    """The order of the version menu: tags by the history of what they tag (a tag made later on an
    older commit is still older), the version in force first and titled "gällande"."""
    import json

    from fardplan.versions.pages_branch import release_tags_newest_first, versions_for_readers
    from release_support import commit_and_push, git

    project = git_project(tmp_path / "project")
    git(project, "tag", "v2022-remiss")
    (project / "docs" / "ny.md").write_text("# Ny\n", encoding="utf-8")
    git(project, "add", "--all")
    commit_and_push(project, "Beslut")
    git(project, "tag", "v2022")
    git(project, "tag", "v2021", "HEAD~1")  # made last, on the oldest commit
    order = release_tags_newest_first(project)
    assert order.index("v2022") < order.index("v2022-remiss") and order.index("v2022") < order.index("v2021")

    mike_order = json.dumps(
        [  # as mike writes it: sorted by name, the alias apart from the title
            {"version": "utkast", "title": "Utkast (arbetsmaterial)", "aliases": []},
            {"version": "2022-remiss", "title": "2022-remiss (remissversion)", "aliases": []},
            {"version": "2022", "title": "2022 (beslutad)", "aliases": ["gallande"]},
            {"version": "2021", "title": "2021 (gällande)", "aliases": []},
        ]
    ).encode()
    listed = json.loads(versions_for_readers(mike_order, order))
    assert next((v["version"], v["title"]) for v in listed) == ("2022", "2022 (gällande)")
    assert listed[-1]["version"] == "utkast"
    assert {v["version"]: v["title"] for v in listed}["2021"] == "2021 (beslutad)"  # no longer in force
