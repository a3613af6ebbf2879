"""The release command an editor runs, and the daily check for an open remiss, in a real git repository."""

from __future__ import annotations

import pytest

from fardplan import load_roadmap
from release_support import (
    DECIDED,
    commit_and_push,
    decide_after_remiss,
    git,
    git_project,
    read_data,
    run_script,
    script,
    write_data,
)
from support import DATA

EXAMPLE = load_roadmap(DATA)
V = EXAMPLE.document.version  # the example's remiss version, which the first release tags


@pytest.fixture
def repo(tmp_path):
    return git_project(tmp_path / "project")


def release(repo, *args):
    return run_script(repo, "release.py", "--project", str(repo), *args)


def test_release_validates_tags_and_says_what_happens_next(repo):
    checked = release(repo, "--dry-run")
    assert checked.returncode == 0, checked.stderr
    assert f"kan taggas som v{V}" in checked.stdout
    assert git(repo, "tag", "--list") == ""

    done = script(repo, "release.py", "--project", str(repo))  # the command itself, as an editor runs it
    assert done.returncode == 0, done.stderr
    assert git(repo, "tag", "--list") == f"v{V}\n"
    assert git(repo, "cat-file", "-t", f"v{V}").strip() == "tag"  # annotated, with a message
    assert f"Färdplanen, version {V} (remissversion)" in git(repo, "tag", "-n1", f"v{V}")
    assert f"git push origin v{V}" in done.stdout
    assert f"https://exempelstaden.github.io/fardplan/{V}/" in done.stdout
    assert "den gällande versionen ändras inte" in done.stdout


def test_release_refuses_a_version_that_is_already_tagged(repo):
    assert release(repo).returncode == 0
    again = release(repo)
    assert again.returncode == 1
    assert f"Version {V} är redan publicerad (taggen v{V} finns)" in again.stderr


def test_release_refuses_uncommitted_changes_and_bad_data(repo):
    data = repo / "data" / "roadmap.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# en ändring\n", encoding="utf-8")
    dirty = release(repo)
    assert dirty.returncode == 1
    assert (
        "Det finns ändringar som inte är incheckade" in dirty.stderr and "data/roadmap.yaml" in dirty.stderr
    )

    data.write_text(
        data.read_text(encoding="utf-8").replace("status: pågår", "status: klar", 1), encoding="utf-8"
    )
    broken = release(repo)
    assert broken.returncode == 1
    assert ": 'klar' är inte ett tillåtet värde – menade du 'genomförd'?" in broken.stdout
    assert git(repo, "tag", "--list") == ""


def test_a_decided_release_becomes_the_version_in_force(repo):
    assert release(repo).returncode == 0
    write_data(repo, decide_after_remiss(read_data(repo)))
    commit_and_push(repo, "Beslut")
    done = release(repo)
    assert done.returncode == 0, done.stderr
    assert "den blir den gällande versionen" in done.stdout
    assert git(repo, "tag", "--list").split() == sorted([f"v{DECIDED}", f"v{V}"])


def test_a_draft_is_not_released(repo):
    data = repo / "data" / "roadmap.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("  status: remiss", "  status: utkast", 1), encoding="utf-8"
    )
    commit_and_push(repo, "Utkast")
    done = release(repo)
    assert done.returncode == 1
    assert "Datafilen har status utkast" in done.stderr


def test_remiss_needs_rebuild_only_while_the_newest_published_version_is_on_remiss(repo):
    nothing = run_script(repo, "remiss_open.py", "--project", str(repo))
    assert nothing.returncode == 1 and "Ingen version är publicerad" in nothing.stderr

    assert release(repo).returncode == 0
    open_ = run_script(
        repo, "remiss_open.py", "--project", str(repo), FARDPLAN_TODAY=EXAMPLE.remiss.opens.isoformat()
    )
    assert open_.returncode == 0, open_.stderr
    assert open_.stdout.strip() == f"v{V}"

    write_data(repo, decide_after_remiss(read_data(repo)))
    commit_and_push(repo, "Beslut")
    assert release(repo).returncode == 0
    closed = run_script(repo, "remiss_open.py", "--project", str(repo))
    assert closed.returncode == 1
    assert f"Ingen remiss behöver byggas om (senaste versionen är {DECIDED})" in closed.stderr


def test_the_daily_rebuild_runs_past_the_remiss_last_day(minimal_text, write_yaml):
    """The daily run rebuilds a remiss version until a few days after its remiss block's last day,
    so the published pages come to say it has closed; without a remiss block, until it is decided."""
    from dataclasses import replace
    from datetime import date

    from fardplan import load_roadmap
    from fardplan.data.model import Remiss
    from fardplan.versions.edition import remiss_needs_rebuild

    roadmap = load_roadmap(write_yaml(minimal_text))
    assert roadmap.remiss is None and remiss_needs_rebuild(roadmap, date(2030, 1, 1))
    dated = replace(
        roadmap,
        remiss=Remiss(
            registration_number="KS 2022/1",
            opens=date(2022, 1, 24),
            last_day=date(2022, 3, 1),
            email="a@b.se",
            repository="exempelstaden/fardplan",
            invited=(),
        ),
    )
    assert remiss_needs_rebuild(dated, date(2022, 1, 1))  # before it opens: rebuild to switch links on
    assert remiss_needs_rebuild(dated, date(2022, 3, 1))
    assert remiss_needs_rebuild(dated, date(2022, 3, 2))  # the first closed day: links off, "time is up"
    assert remiss_needs_rebuild(dated, date(2022, 3, 6))  # a skipped scheduled run does no harm
    assert not remiss_needs_rebuild(dated, date(2022, 3, 7))
