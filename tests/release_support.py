"""A project copy in its own git repository, the changes that turn the remiss version into a
decided one, and a remiss closed with its answers compiled: what the release, history, open-data,
publishing and remiss tests share."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from support import FIXTURES, ROOT, copy_project, run_script_file

PYTHON = sys.executable
# What a whole repository needs besides the site's sources (copy_project): commands, tests, settings.
TOOL_FILES = (
    "scripts",
    "tests",
    ".github",
    ".yamllint.yaml",
    ".pre-commit-config.yaml",
    ".gitignore",
    "pyproject.toml",
    "requirements.txt",
    "requirements-build.txt",
    "README.md",
)
# The version kommunfullmäktige decides after the example's remiss (decide_after_remiss), and when.
DECIDED, DECIDED_ON = "2027", "2027-04-26"
# The editors' responses once the example's remiss is over (the example itself has none yet).
REMISS_RESPONSES = FIXTURES / "remiss" / "remissbemotande-efter-remissen.yaml"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Redaktör",
    "GIT_AUTHOR_EMAIL": "redaktor@exempelstaden.example",
    "GIT_COMMITTER_NAME": "Redaktör",
    "GIT_COMMITTER_EMAIL": "redaktor@exempelstaden.example",
}


def tool_env(**extra: str) -> dict[str, str]:
    """The environment for git, mike and the scripts: a git identity, this venv's tools first."""
    path = f"{Path(PYTHON).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, **GIT_IDENTITY, "PATH": path, "NO_MKDOCS_2_WARNING": "1", **extra}


def git(project: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=project, env=tool_env(), capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def script(project: Path, name: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run one of our scripts (from this checkout) on the project copy."""
    return subprocess.run(
        [PYTHON, str(ROOT / "scripts" / name), *args],
        cwd=project,
        env=tool_env(**env),
        capture_output=True,
        text=True,
    )


def run_script(project: Path, name: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`script` in this process (support.run_script_file): the same script file with the same
    arguments, working folder and environment, its exit code and what it printed returned the same
    way. It spares the interpreter's start-up and imports where those are not what a test is about;
    what the script's own subprocesses (git, mike) print is not captured."""
    return run_script_file(ROOT / "scripts" / name, list(args), project, tool_env(**env))


def close_remiss(project: Path, compiled_on: str, received: dict[int, str] | None = None) -> Path:
    """The project's remiss over: its answers compiled on `compiled_on` with the compilation script
    from the recorded issues (tests/fixtures/remiss), and the editors' responses to them. `received`
    gives issues (by number) another time of arrival, e.g. a day after the last day."""
    received = received or {}
    answers = project / "data" / "remissvar.yaml"
    answers.unlink()
    pages = [
        json.loads((FIXTURES / "remiss" / f"issues-page-{n}.json").read_text(encoding="utf-8"))
        for n in (1, 2)
    ]
    for issue in (issue for page in pages for issue in page):
        if issue["number"] in received:
            issue["created_at"] = issue["updated_at"] = received[issue["number"]]
    export = project / "export.json"
    export.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
    shutil.copy(REMISS_RESPONSES, project / "data" / "remissbemotande.yaml")
    data = str(project / "data" / "roadmap.yaml")
    compiled = run_script(
        project,
        "remissvar.py",
        "--fil",
        str(export),
        "--data",
        data,
        "--ut",
        str(answers),
        FARDPLAN_TODAY=compiled_on,
    )
    assert compiled.returncode == 0, compiled.stderr
    return project


def git_project(target: Path) -> Path:
    """A copy of the site's sources as a fresh repository on main, with one commit, pushed to its
    `origin`: a bare repository beside it, remote.git (the release checks that main is pushed).
    The repositories are made once per test process and copied: the same files, commit and history."""
    template = _template_repositories()
    shutil.copytree(template / "project", target, symlinks=True)
    remote = target.parent / "remote.git"
    shutil.copytree(template / "remote.git", remote, symlinks=True)
    git(target, "remote", "set-url", "origin", str(remote))
    return target


@functools.cache
def _template_repositories() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="git-project-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    project = copy_project(folder / "project")
    (project / ".gitignore").write_text("site/\n__pycache__/\n", encoding="utf-8")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "Remissversionen")
    remote = folder / "remote.git"
    git(folder, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    git(project, "remote", "add", "origin", str(remote))
    git(project, "push", "--quiet", "origin", "main")
    return folder


def commit_and_push(project: Path, message: str) -> None:
    git(project, "commit", "--quiet", "--all", "--message", message)
    git(project, "push", "--quiet", "origin", "main")


def read_data(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / "data" / "roadmap.yaml").read_text(encoding="utf-8"))


def write_data(project: Path, data: dict[str, Any]) -> None:
    (project / "data" / "roadmap.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )


def _area(data: dict, area_id: str) -> dict:
    return next(a for a in data["områden"] if a["id"] == area_id)


def _need(data: dict, need_id: str) -> dict:
    return next(n for a in data["områden"] for n in a["behov"] if n["id"] == need_id)


def _action(need: dict, action_id: str) -> dict:
    return next(x for column in ("staden", "behöver-göras") for x in need[column] if x["id"] == action_id)


def _change(item: dict, field: str, value: Any) -> None:
    """Change a horizon or status with its recorded reason, as CI and the release command require."""
    item.setdefault("ändringar", []).append(
        {
            "datum": DECIDED_ON,
            "vad": field,
            "från": item.get(field),
            "till": value,
            "skäl": "Beslutat av kommunfullmäktige efter remissen.",
        }
    )
    item[field] = value


def decide_after_remiss(data: dict[str, Any]) -> dict[str, Any]:
    """What kommunfullmäktige decided after the remiss, in the sample data: a decision, one new,
    one removed, one reworded and one moved action, changed statuses, a horizon and a moved need,
    each change with its recorded reason."""
    document = data["dokument"]
    document.update(
        version=DECIDED,
        status="beslutad",
        datum=DECIDED_ON,
        beslut={"organ": "kommunfullmäktige", "datum": DECIDED_ON, "paragraf": "§ 12"},
    )
    regional = _need(data, "samverkan-med-regionen")
    _action(regional, "folja-upp-regionsamverkan")["text"] = "Följa upp samverkan med regionen varje kvartal."
    _change(_action(regional, "former-for-regionsamverkan"), "status", "genomförd")

    continuity = _need(data, "hog-kontinuitet")
    _change(continuity, "tidshorisont", "2022-2029")
    measure = _action(continuity, "mata-kontinuitet")
    continuity["behöver-göras"].remove(measure)
    _change(measure, "status", "genomförd")
    continuity["staden"].append(measure)

    _need(data, "ensamhet-och-isolering")["behöver-göras"].append(
        {
            "id": "ensamhet-i-hemtjansten",
            "text": "Fråga om ensamhet vid hembesök i hemtjänsten.",
            "ansvarig": "stadsdelsnamnderna",
            "status": "föreslagen",
            "tidshorisont": 2027,
        }
    )
    internal = _need(data, "intern-samverkan")
    internal["behöver-göras"].remove(_action(internal, "samordna-mellan-stadsdelar"))
    data.setdefault("borttagna", []).append(
        {  # a published action may only go with a reason
            "id": "samordna-mellan-stadsdelar",
            "datum": DECIDED_ON,
            "skäl": "Ingår i den gemensamma planeringen mellan stadsdelarna.",
        }
    )

    governance = _area(data, "organisation-och-styrning")
    private = _need(data, "samverkan-med-privata-utforare")
    governance["behov"].remove(private)
    _area(data, "grunduppdraget")["behov"].append(private)
    return data


def release_two_versions(project: Path) -> None:
    """Tag the remiss version, then commit and tag the decided one, with our release command."""
    first = run_script(project, "release.py", "--project", str(project))
    assert first.returncode == 0, first.stderr
    write_data(project, decide_after_remiss(read_data(project)))
    commit_and_push(project, "Beslutad av kommunfullmäktige")
    second = run_script(project, "release.py", "--project", str(project))
    assert second.returncode == 0, second.stderr


def published_repository(target: Path) -> Path:
    """The working tree's tool with the example färdplan as its content, committed and released as
    its remiss version (v2026-remiss) with the release command, as the editors' guide says."""
    repo = copy_project(target)
    for name in TOOL_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache")
            )
        elif source.is_file():
            shutil.copy(source, repo / name)
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "Remissversionen")
    remote = target.parent / f"{target.name}-remote.git"  # the release checks that main is pushed
    git(target.parent, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "--quiet", "origin", "main")
    released = run_script(repo, "release.py", "--project", str(repo))
    assert released.returncode == 0, released.stdout + released.stderr
    return repo
