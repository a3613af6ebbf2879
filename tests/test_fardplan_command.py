"""The `fardplan` command (issue 12 item 5): one console script with Swedish help for every
subcommand, the project found from where it runs, and the same exit codes everywhere (0 done,
1 a problem in the data, 2 wrong use). The installed console script runs as a real subprocess once;
the other calls run its entry point, `fardplan.commands.main`, in this process with the same
arguments, folder and environment (support.run_in_process), which costs a fraction of a start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fardplan.commands import COMMANDS, main
from support import run_in_process

FARDPLAN = Path(sys.executable).parent / "fardplan"
ENGLISH = ("usage:", "error:", "show this help", "options:", "positional arguments", "invalid choice")


ENV = {"FARDPLAN_TODAY": "2026-03-02", "NO_MKDOCS_2_WARNING": "1"}


def fardplan(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`fardplan ARGS` in `cwd`, through the console script's entry point in this process."""
    return run_in_process(lambda: main(list(args)), [str(FARDPLAN), *args], cwd, ENV)


def assert_swedish(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr
    for english in ENGLISH:
        assert english not in result.stdout + result.stderr, english


def test_the_console_script_is_installed_and_lists_every_command(tmp_path):
    assert FARDPLAN.is_file(), "pip install -e . installs the console script fardplan"
    result = subprocess.run(
        [str(FARDPLAN), "--hjälp"], cwd=tmp_path, capture_output=True, text=True, env={**os.environ, **ENV}
    )
    assert result.returncode == 0
    assert result.stdout.startswith("användning: fardplan")
    for name, (_, summary) in COMMANDS.items():
        assert f"  {name:<10} {summary}" in result.stdout
    assert "Slutkoder: 0 klart, 1 fel i datan, 2 fel anrop" in result.stdout
    assert_swedish(result)
    assert set(COMMANDS) == {
        "ny",
        "validate",
        "add",
        "release",
        "remissvar",
        "pdf",
        "export",
        "kolada",
        "bench",
    }


def test_no_command_or_an_unknown_one_is_wrong_use(tmp_path):
    bare = fardplan(cwd=tmp_path)
    assert bare.returncode == 2 and bare.stdout.startswith("användning: fardplan")
    unknown = fardplan("publicera", cwd=tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines()[-1].startswith(
        "fardplan: fel: argument KOMMANDO: ogiltigt val: 'publicera' (välj bland 'ny', 'validate'"
    )
    assert_swedish(unknown)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_swedish_help_with_the_shared_project_option(name, tmp_path):
    result = fardplan(name, "--hjälp", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"användning: fardplan {name}")
    assert "--projekt MAPP" in result.stdout
    assert "-h, --hjälp" in result.stdout
    assert_swedish(result)


def test_validate_finds_the_project_from_a_folder_inside_it(project):
    result = fardplan("validate", cwd=project / "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.startswith("Datafilen är godkänd.")
    # Its messages name the project's data file.
    assert "data/roadmap.yaml:" in result.stdout


def test_validate_exit_codes_for_bad_data_and_wrong_use(project, tmp_path):
    data = project / "data" / "roadmap.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("status: pågår", "status: klar", 1), encoding="utf-8"
    )
    broken = fardplan("validate", "--projekt", str(project), cwd=tmp_path)
    assert broken.returncode == 1
    assert "fel: " not in broken.stderr.splitlines()[-1]
    assert broken.stderr.splitlines()[-1].startswith("Datafilen har fel och måste rättas.")
    assert "status" in broken.stdout and "genomförd" in broken.stdout  # the located, suggested fix

    missing = fardplan("validate", "--projekt", str(tmp_path / "finns-inte"), cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == f"fel: projektmappen {tmp_path / 'finns-inte'} finns inte"
    wrong = fardplan("validate", "--format", "xml", cwd=project)
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == (
        "fardplan validate: fel: argument --format: ogiltigt val: 'xml' (välj bland 'text', 'github')"
    )
    assert_swedish(wrong)


def test_add_writes_a_need_into_the_projects_data(project):
    result = fardplan("add", "behov", "--under", "grunduppdraget", "--rubrik", "Nattbemanning", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Lade till behovet 'nattbemanning'" in result.stdout
    assert "rubrik: Nattbemanning" in (project / "data" / "roadmap.yaml").read_text(encoding="utf-8")
    again = fardplan("validate", cwd=project)
    assert again.returncode == 0, again.stdout


def test_release_refuses_outside_git_with_exit_code_1(project):
    result = fardplan("release", "--torrkörning", cwd=project)
    assert result.returncode == 1
    assert "ligger inte i ett git-förråd" in result.stderr
    assert_swedish(result)


def test_ny_says_what_is_missing_or_wrong_before_it_writes_anything(tmp_path):
    outline = tmp_path / "disposition.txt"
    outline.write_text("- Ett behov utan område\n# Område\n- Behov\n", encoding="utf-8")
    cases = [
        (
            ["ny", "ny-plats", "--inga-frågor"],
            "fel: dispositionen har inget område: skriv minst ett område med ett "
            "behov; --organisation saknas. Se fardplan ny --hjälp",
        ),
        (
            [
                "ny",
                "ny-plats",
                "--inga-frågor",
                "--organisation",
                "Lindköpings kommun",
                "--område",
                "Styrning",
            ],
            "fel: området 'Styrning' har inget behov: skriv minst ett. Se fardplan ny --hjälp",
        ),
        (
            ["ny", "ny-plats", "--inga-frågor", "--behov", "Samverkan"],
            "fel: --behov 'Samverkan' kommer före första --område",
        ),
        (
            ["ny", "ny-plats", "--inga-frågor", "--disposition", str(outline)],
            f"fel: {outline}:1: behovet 'Ett behov utan område' står före första området: skriv en rubrik med # före det",
        ),
        (["ny", "ny-plats", "--typ", "landsting"], None),
    ]
    for args, last_line in cases:
        result = fardplan(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        if last_line:
            assert result.stderr.splitlines()[-1] == last_line
        assert_swedish(result)
        assert not (tmp_path / "ny-plats").exists()
    (tmp_path / "upptagen").mkdir()
    (tmp_path / "upptagen" / "något.txt").write_text("x", encoding="utf-8")
    taken = fardplan("ny", "upptagen", "--organisation", "X", "--område", "A", "--behov", "B", cwd=tmp_path)
    assert taken.returncode == 2
    assert taken.stderr.splitlines()[-1] == (
        "fel: mappen upptagen är inte tom och har inget exempel att ersätta: välj en ny mapp"
    )
