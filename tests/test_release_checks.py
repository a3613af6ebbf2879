"""What scripts/release.py refuses, in a real git repository with a bare `origin`: a release is
made on main as everyone sees it, passes what CI passes, and has a name git and the site accept.
The publishing workflow runs the same checks on a tag made elsewhere (GitHub's release page)."""

from __future__ import annotations

import pytest

from fardplan import load_roadmap
from release_support import commit_and_push, git, git_project, read_data, run_script, write_data
from support import DATA

V = load_roadmap(DATA).document.version  # the example's version, which the first release tags


@pytest.fixture
def repo(tmp_path):
    return git_project(tmp_path / "project")


def release(repo, *args):
    return run_script(repo, "release.py", "--project", str(repo), *args)


def test_release_refuses_unless_head_is_main_as_on_origin(repo):
    git(repo, "switch", "--quiet", "--create", "min-gren")
    elsewhere = release(repo, "--dry-run")
    assert elsewhere.returncode == 1
    assert "Du står på grenen min-gren, inte på main" in elsewhere.stderr

    git(repo, "switch", "--quiet", "main")
    data = read_data(repo)
    data["dokument"]["datum"] = "2026-11-06"
    write_data(repo, data)
    git(repo, "commit", "--quiet", "--all", "--message", "Inte uppskickad")
    unpushed = release(repo, "--dry-run")
    assert unpushed.returncode == 1
    assert "Din gren main är inte densamma som på origin" in unpushed.stderr
    assert "git push origin main" in unpushed.stderr

    git(repo, "push", "--quiet", "origin", "main")
    assert release(repo, "--dry-run").returncode == 0


def test_release_refuses_a_tag_that_exists_on_the_remote_only(repo, tmp_path):
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "remote.git"), str(other))
    git(other, "tag", f"v{V}")
    git(other, "push", "--quiet", "origin", f"v{V}")
    done = release(repo, "--dry-run")
    assert done.returncode == 1
    assert f"Taggen v{V} finns redan på origin" in done.stderr


def test_release_fails_where_ci_fails(repo):
    assert release(repo).returncode == 0
    git(repo, "push", "--quiet", "origin", f"v{V}")
    data = read_data(repo)
    data["dokument"]["version"] = f"{V}-2"
    need = next(n for a in data["områden"] for n in a["behov"] if n["id"] == "hog-kontinuitet")
    need["tidshorisont"] = 2026  # changed without a recorded reason
    write_data(repo, data)
    commit_and_push(repo, "Ny tidshorisont utan skäl")

    ci = run_script(repo, "validate.py", str(repo / "data" / "roadmap.yaml"), "--jämför-med")
    released = release(repo, "--dry-run")
    assert ci.returncode == 1 and released.returncode == 1
    reason = next(line for line in ci.stdout.splitlines() if "tidshorisonten har ändrats" in line)
    assert reason.split(": ", 1)[1] in released.stdout
    assert "Allt ser bra ut" not in released.stdout

    # The workflow, given a tag made without release.py, refuses the same data before building.
    git(repo, "tag", f"v{V}-2")
    published = run_script(repo, "publish.py", "version", "--tag", f"v{V}-2", "--project", str(repo))
    assert published.returncode == 1
    assert (
        "Versionen publiceras inte" in published.stderr and "tidshorisonten har ändrats" in published.stderr
    )
    assert "gh-pages" not in git(repo, "branch", "--list")


@pytest.mark.parametrize("name", ["2022 remiss", "2022..1", "remiss/2022"])
def test_release_refuses_a_version_name_git_or_the_site_cannot_use(repo, name):
    data = read_data(repo)
    data["dokument"]["version"] = name
    write_data(repo, data)
    commit_and_push(repo, "Versionsnamn")
    done = release(repo, "--dry-run")
    assert done.returncode == 1
    assert "data/roadmap.yaml:" in done.stdout
    assert "dokument.version" in done.stdout and "går inte att använda" in done.stdout
