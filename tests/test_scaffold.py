"""The scaffold command adds a valid skeleton with a fresh id and leaves every other line alone. The
command's file runs in this process as `python scripts/add.py` runs it (support.run_script_file;
tests/test_cli_errors.py starts it as a subprocess)."""

from __future__ import annotations

import difflib
import subprocess
from datetime import date

import pytest

from fardplan import load_roadmap, validate_file
from fardplan.editing.scaffold import ScaffoldError, add_action, add_need, new_id
from support import DATA, ROOT, run_script_file

TODAY = date(2026, 3, 2)
ADD = ROOT / "scripts" / "add.py"


def add(*args: str, cwd) -> subprocess.CompletedProcess:
    return run_script_file(ADD, list(args), cwd, {"FARDPLAN_TODAY": "2026-03-02"})


def only_added(before: str, after: str) -> list[str]:
    """The lines the edit added; fails if any existing line was changed or removed."""
    diff = list(difflib.ndiff(before.split("\n"), after.split("\n")))
    assert not [line for line in diff if line.startswith("- ")], "an existing line was changed"
    # difflib cannot tell which of two blank lines is the new one: compare the written lines.
    return [line[2:] for line in diff if line.startswith("+ ") and line[2:].strip()]


def test_new_need_in_the_real_data_validates_and_keeps_every_line(tmp_path):
    before = DATA.read_text(encoding="utf-8")
    added = add_need(
        before,
        "data/roadmap.yaml",
        under="organisation-och-styrning",
        title="Trygg nattbemanning",
        today=TODAY,
    )
    assert added.id == "trygg-nattbemanning"
    # The need is separated from the one above by a blank line, like every need in the file.
    above = load_roadmap(DATA).area("organisation-och-styrning").needs[-1]
    assert f"        senast-granskad: {above.reviewed}\n\n      - id: trygg-nattbemanning\n" in added.text
    assert only_added(before, added.text) == [
        "      - id: trygg-nattbemanning",
        "        rubrik: Trygg nattbemanning",
        "        nationellt: []",
        "        staden: []",
        "        behöver-göras: []",
        "        tidshorisont: löpande",
        "        senast-granskad: 2026-03-02",
    ]
    path = tmp_path / "roadmap.yaml"
    path.write_text(added.text, encoding="utf-8")
    result = validate_file(path)
    assert result.ok, [d.text() for d in result.errors]
    area = result.roadmap.area("organisation-och-styrning")
    assert area.needs[-1].id == "trygg-nattbemanning" and area.needs[-1].line == added.line
    assert result.roadmap.areas[1].id == "kvalitativ-och-vardig-omsorg"  # the next area is untouched


def test_new_actions_go_under_the_need_including_an_empty_list(tmp_path):
    before = DATA.read_text(encoding="utf-8")
    text = add_need(
        before,
        "data/roadmap.yaml",
        under="Ändamålsenlig organisation och styrning",
        title="Trygg nattbemanning",
        today=TODAY,
    ).text
    long_text = (
        "Ta fram en plan för hur många medarbetare som ska arbeta på natten i varje boende, "
        "och hur planen ska följas upp: varje år."
    )
    text = add_action(
        text,
        "data/roadmap.yaml",
        under="trygg-nattbemanning",
        action_text=long_text,
        body="aldrenamnden",
        today=TODAY,
    ).text
    text = add_action(
        text,
        "data/roadmap.yaml",
        under="Trygg nattbemanning",
        action_text="Kartlägga natten.",
        body="stadsdelsnamnderna",
        column="staden",
        status="planerad",
        horizon=None,
        today=TODAY,
    ).text
    added_lines = only_added(before, text)
    assert "            text: >-" in added_lines  # a long text is folded, so lines stay short
    assert all(len(line) <= 110 for line in added_lines)
    path = tmp_path / "roadmap.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_file(path)
    assert result.ok, [d.text() for d in result.errors]
    need = result.roadmap.area("organisation-och-styrning").needs[-1]
    assert [a.text for a in need.city] == ["Kartlägga natten."]
    assert [a.text for a in need.more] == [long_text]
    assert need.more[0].horizon.label == "Löpande" and need.city[0].horizon is None


def test_ids_are_unique():
    taken = {"trygga-anstallningar", "trygga-anstallningar-2"}
    assert new_id("Trygga anställningar", taken, "behov") == "trygga-anstallningar-3"
    assert new_id("Övrigt: åtgärder & sånt", set(), "behov") == "ovrigt-atgarder-sant"
    assert new_id("???", set(), "ny-atgard") == "ny-atgard"
    text = DATA.read_text(encoding="utf-8")
    added = add_need(
        text, "data/roadmap.yaml", under="grunduppdraget", title="Adekvat bemanning", today=TODAY
    )
    assert added.id == "adekvat-bemanning-2"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"under": "nara-vrd"},
            "det finns inget behov med id eller rubrik 'nara-vrd'. Menade du 'nara-vard'?",
        ),
        ({"body": "socialnamnden"}, "'socialnamnden' finns inte i listan ansvariga"),
        ({"status": "klar"}, "'klar' är ingen status"),
        ({"horizon": "snart"}, "tidshorisont: 'snart' kan inte tolkas"),
    ],
)
def test_mistakes_are_explained(kwargs, message):
    arguments = {"under": "nara-vard", "action_text": "Ny åtgärd.", "body": "aldrenamnden", **kwargs}
    with pytest.raises(ScaffoldError, match=message.replace("?", r"\?").replace("(", r"\(")):
        add_action(DATA.read_text(encoding="utf-8"), "data/roadmap.yaml", today=TODAY, **arguments)


def test_command_writes_the_file_or_nothing(tmp_path):
    path = tmp_path / "roadmap.yaml"
    path.write_text(DATA.read_text(encoding="utf-8"), encoding="utf-8")
    done = add(
        "--fil",
        str(path),
        "åtgärd",
        "--under",
        "nara-vard",
        "--text",
        "Pröva nattpatruller i hemtjänsten.",
        "--ansvarig",
        "stadsdelsnamnderna",
        "--tidshorisont",
        "2027",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Lade till åtgärden 'prova-nattpatruller-i' på rad" in done.stdout
    assert "            senast-granskad: 2026-03-02" in path.read_text(encoding="utf-8")
    assert validate_file(path).ok
    before = path.read_bytes()
    failed = add("--fil", str(path), "behov", "--under", "okänt-område", "--rubrik", "X", cwd=tmp_path)
    assert failed.returncode == 1
    assert failed.stderr.startswith(
        "Inget ändrades: det finns inget område med id eller rubrik 'okänt-område'"
    )
    assert path.read_bytes() == before
