"""A changed horizon or status must say why, compared with the last published version in git."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fardplan import validate_file
from fardplan.versions.releases import CompareError, load_previous
from release_support import run_script
from support import ROOT, line_of

VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate.py")]
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.se",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.se",
}

REASON = """        ändringar:
          - datum: 2023-05-10
            vad: tidshorisont
            från: löpande
            till: 2025
            skäl: Statsbidraget upphörde och arbetet behöver mer tid.
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def published(tmp_path, minimal_text) -> Path:
    """A git repository whose data file was published as v2022-remiss."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    data = repo / "data" / "roadmap.yaml"
    data.write_text(minimal_text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Remissversion")
    git(repo, "tag", "v2022-remiss")
    return data


def edit(data: Path, old: str, new: str) -> None:
    text = data.read_text(encoding="utf-8")
    assert old in text
    data.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(data: Path, *args: str) -> subprocess.CompletedProcess:
    """validate.py on the data file, from its repository's folder, in this process (the first test
    runs the command itself)."""
    return run_script(data.parent.parent, "validate.py", str(data), *args)


def test_changed_horizon_without_a_reason_fails_at_its_line(published, minimal_text):
    edit(published, "        tidshorisont: löpande\n", "        tidshorisont: 2025\n")
    git(published.parent.parent, "commit", "-qam", "Ny tidshorisont")
    result = subprocess.run(
        VALIDATE + [str(published), "--jämför-med"],
        capture_output=True,
        text=True,
        cwd=published.parent.parent,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"data/roadmap.yaml:{line_of(minimal_text, '        tidshorisont: löpande')}:23: "
        "tidshorisonten har ändrats från löpande till 2025 sedan den publicerade versionen v2022-remiss. "
        "Skriv varför: lägg till en punkt under ändringar med datum, vad: tidshorisont, från: löpande, "
        "till: 2025 och skäl (i områden[styrning].behov[samverkan-med-regionen].tidshorisont)"
    ]
    assert "Jämför med den publicerade versionen v2022-remiss." in result.stderr


def test_changed_horizon_with_a_reason_passes_and_is_shown(published):
    edit(published, "        tidshorisont: löpande\n", "        tidshorisont: 2025\n")
    published.write_text(published.read_text(encoding="utf-8") + REASON, encoding="utf-8")
    result = run(published, "--jämför-med")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    [change] = validate_file(published).roadmap.areas[0].needs[0].changes
    assert (change.old_label, change.new_label, change.reason) == (
        "Löpande",
        "2025",
        "Statsbidraget upphörde och arbetet behöver mer tid.",
    )


def test_without_comparison_the_change_is_not_checked(published):
    edit(published, "        tidshorisont: löpande\n", "        tidshorisont: 2025\n")
    assert run(published).returncode == 0


def test_a_reason_from_before_the_release_does_not_explain_a_new_change(published):
    # Published with an old entry saying "till: 2025"; the value now changes back and forth.
    old_reason = REASON.replace(
        "från: löpande\n            till: 2025", "från: 2025\n            till: löpande"
    )
    published.write_text(published.read_text(encoding="utf-8") + old_reason, encoding="utf-8")
    repo = published.parent.parent
    git(repo, "commit", "-qam", "Med historik")
    git(repo, "tag", "-f", "v2022-remiss")
    edit(published, "        tidshorisont: löpande\n", "        tidshorisont: 2025\n")
    result = run(published, "--jämför-med", "v2022-remiss")
    assert result.returncode == 1
    assert "tidshorisonten har ändrats från löpande till 2025" in result.stdout
    # The newest entry must also agree with the value it explains.
    assert "den senaste ändringen (2023-05-10) säger till: löpande, men tidshorisont är 2025" in result.stdout


def test_changed_status_needs_a_reason_too(published, minimal_text):
    edit(published, "            status: pågår\n", "            status: genomförd\n")
    result = run(published, "--jämför-med")
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"data/roadmap.yaml:{line_of(minimal_text, '            status: pågår')}:21: "
        "statusen har ändrats från pågår till genomförd sedan den publicerade versionen v2022-remiss."
    )
    edit(
        published,
        "            status: genomförd\n",
        "            status: genomförd\n"
        "            ändringar:\n"
        "              - {datum: 2023-09-01, vad: status, från: pågår, till: genomförd, skäl: Planen är klar.}\n",
    )
    assert run(published, "--jämför-med").returncode == 0


def test_new_needs_and_ids_need_no_reason(published):
    # A renamed published id needs a record (tests/test_published_changes.py); a new action does not.
    edit(
        published,
        "        behöver-göras:\n",
        "        behöver-göras:\n"
        "          - {id: helt-ny-atgard, text: Något nytt., ansvarig: aldrenamnden, status: föreslagen, "
        "tidshorisont: 2024}\n",
    )
    assert run(published, "--jämför-med").returncode == 0


def test_no_release_tag_means_nothing_to_compare(published):
    # Before the first release the draft on main is what was published (tests/test_published_changes.py);
    # with neither a tag nor a main branch there is nothing to compare with.
    repo = published.parent.parent
    git(repo, "tag", "-d", "v2022-remiss")
    git(repo, "branch", "-m", "main", "arbete")
    edit(published, "        tidshorisont: löpande\n", "        tidshorisont: 2025\n")
    result = run(published, "--jämför-med")
    assert result.returncode == 0
    assert "Det finns ingen publicerad version av datafilen att jämföra med" in result.stderr
    assert load_previous(published) is None


def test_unknown_reference_is_a_usage_error(published):
    result = run(published, "--compare-with", "v9999")
    assert result.returncode == 2
    assert "git känner inte till 'v9999'" in result.stderr


def test_outside_git_there_is_nothing_published(write_yaml, minimal_text):
    with pytest.raises(CompareError, match="ligger inte i ett git-förråd"):
        load_previous(write_yaml(minimal_text))


def test_recorded_values_must_be_readable(write_yaml, minimal_text):
    text = minimal_text + REASON.replace("vad: tidshorisont", "vad: status").replace(
        "från: löpande", "från: klar"
    ).replace("till: 2025", "till: pågår")
    messages = [d.text() for d in validate_file(write_yaml(text), name="data/roadmap.yaml").diagnostics]
    # A need has no status of its own: the entry belongs to an action.
    assert messages == [
        f"data/roadmap.yaml:{line_of(text, '            vad: status')}:18: "
        "här finns ingen status som kan ha ändrats: skriv rätt vad, eller flytta punkten till den åtgärd "
        "den gäller (i områden[styrning].behov[samverkan-med-regionen].ändringar[nr 1].vad)"
    ]
    text = minimal_text.replace(
        "            status: pågår\n",
        "            status: pågår\n"
        "            ändringar:\n"
        "              - datum: 2023-05-10\n"
        "                vad: status\n"
        "                från: klar\n"
        "                till: pågår\n"
        "                skäl: Arbetet har börjat.\n",
    )
    messages = [d.text() for d in validate_file(write_yaml(text), name="data/roadmap.yaml").diagnostics]
    assert messages == [
        f"data/roadmap.yaml:{line_of(text, '                från: klar')}:23: 'klar' är ingen status – menade du 'genomförd'? Tillåtna värden: föreslagen, planerad, pågår, "
        "genomförd, avbruten "
        "(i områden[styrning].behov[samverkan-med-regionen].staden[samverkan-staden].ändringar[nr 1].från)"
    ]
