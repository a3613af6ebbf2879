"""The rules for changing what was published, with the exact message and place an editor sees.

Each test makes a real git repository from the small fixture, publishes it (a release tag) or
not, edits the file as an editor would and runs the same comparison as `validate.py --jämför-med`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fardplan import validate_file
from fardplan.versions.edition import edition
from fardplan.versions.releases import load_previous
from fardplan.versions.version_history import History
from release_support import git, run_script
from support import FIXTURES

NAME = "data/roadmap.yaml"
SECOND_NEED = """      - id: ensamhet
        rubrik: Minskad ensamhet
        nationellt: []
        staden:
          - id: traffpunkter
            text: Staden driver träffpunkter.
            ansvarig: aldrenamnden
            status: pågår
        behöver-göras: []
        tidshorisont: "2022-2025"
        senast-granskad: 2022-01-20
"""


def make_repo(tmp_path: Path, text: str, tag: str | None = "v2022-remiss") -> Path:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    data = repo / NAME
    data.write_text(text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Första versionen")
    if tag:
        git(repo, "tag", tag)
    return data


@pytest.fixture
def text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8") + SECOND_NEED


@pytest.fixture
def published(tmp_path, text) -> Path:
    return make_repo(tmp_path, text)


def edit(data: Path, old: str, new: str) -> None:
    content = data.read_text(encoding="utf-8")
    assert old in content
    data.write_text(content.replace(old, new, 1), encoding="utf-8")


def found(data: Path) -> list[tuple]:
    """Every finding of the comparison run: (line, col, severity, message)."""
    result = validate_file(data, name=NAME, previous=load_previous(data))
    return [(d.line, d.col, d.severity, d.message) for d in result.diagnostics]


def cli(data: Path) -> subprocess.CompletedProcess:
    """validate.py --jämför-med from the repository's folder, in this process."""
    return run_script(data.parent.parent, "validate.py", str(data), "--jämför-med")


HORIZON_WITHOUT_REASON = (
    42,
    23,
    "error",
    "tidshorisonten har ändrats från löpande till 2022–2026 sedan {}. Skriv varför: lägg till en punkt under "
    'ändringar med datum, vad: tidshorisont, från: löpande, till: "2022-2026" och skäl',
)


# Before the first release: the draft on main is what readers see.


def test_before_the_first_release_changes_are_compared_with_main(tmp_path, text):
    data = make_repo(tmp_path, text, tag=None)
    edit(data, "        tidshorisont: löpande\n", '        tidshorisont: "2022-2026"\n')
    line, col, severity, message = HORIZON_WITHOUT_REASON
    assert found(data) == [(line, col, severity, message.format("den senaste versionen i main"))]
    done = cli(data)
    assert done.returncode == 1
    assert "Jämför med den senaste versionen i main." in done.stderr


def test_on_a_branch_only_the_branchs_own_changes_count(tmp_path, text):
    data = make_repo(tmp_path, text, tag=None)
    repo = data.parent.parent
    git(repo, "switch", "-q", "-c", "ny-tidshorisont")
    edit(data, "        tidshorisont: löpande\n", '        tidshorisont: "2022-2026"\n')
    git(repo, "commit", "-qam", "Ny tidshorisont")
    # Main moves on meanwhile with a recorded change of its own; the branch is not blamed for it.
    git(repo, "switch", "-q", "main")
    edit(
        data,
        "            status: pågår\n",
        "            status: genomförd\n            ändringar:\n"
        "              - {datum: 2023-02-01, vad: status, från: pågår, till: genomförd, skäl: Klart.}\n",
    )
    git(repo, "commit", "-qam", "Genomförd")
    git(repo, "switch", "-q", "ny-tidshorisont")
    line, col, severity, message = HORIZON_WITHOUT_REASON
    assert found(data) == [(line, col, severity, message.format("den senaste versionen i main"))]


# `från` is the published value.


def test_from_must_be_the_published_value(published):
    edit(
        published,
        "        tidshorisont: löpande\n",
        '        tidshorisont: "2022-2026"\n        ändringar:\n'
        "          - datum: 2023-05-10\n"
        "            vad: tidshorisont\n"
        "            från: 2024\n"
        '            till: "2022-2026"\n'
        "            skäl: Statsbidraget upphörde.\n",
    )
    assert found(published) == [
        (
            46,
            19,
            "error",
            "från ska vara värdet i den publicerade versionen v2022-remiss: skriv från: löpande, inte 2024",
        )
    ]
    edit(published, "            från: 2024\n", "            från: löpande\n")
    assert found(published) == []


def test_an_invalid_value_gets_one_message_and_no_request_for_a_reason(published):
    edit(published, "            status: pågår\n", "            status: klar\n")
    [(line, message)] = [(line, m) for line, _, _, m in found(published)]
    assert line == 35  # the schema's message about the word itself
    assert "till: klar" not in message and "har ändrats" not in message
    # Also with a recorded change: the entry is not said to contradict a value that is not a status.
    edit(
        published,
        "            status: klar\n",
        "            status: klar\n            ändringar:\n"
        "              - {datum: 2023-02-01, vad: status, från: pågår, till: genomförd, skäl: Klart.}\n",
    )
    assert [line for line, *_ in found(published)] == [35]


# Renamed and removed needs and actions.


def test_a_renamed_action_without_a_record_is_refused_with_the_way_to_retire_it(published):
    edit(published, "id: samverkan-mer", "id: gemensam-plan")
    assert found(published) == [
        (
            36,
            9,
            "error",
            "åtgärden samverkan-mer finns i den publicerade versionen v2022-remiss men har tagits bort. Ta inte "
            "bort en publicerad åtgärd: låt den stå kvar med status: avbruten och lägg till en punkt under "
            "ändringar med datum, vad: status, från: föreslagen, till: avbruten och skäl. Har du bytt id, lägg "
            "i stället till en punkt under ändringar med datum, vad: id, från: samverkan-mer, till: det nya "
            "id:t och skäl. Ska den ändå tas bort, skriv den under borttagna med id: samverkan-mer, datum och "
            "skäl",
        )
    ]


def test_a_recorded_rename_passes_and_the_renamed_action_is_still_compared(published):
    edit(
        published,
        "          - id: samverkan-mer\n",
        "          - id: gemensam-plan\n"
        "            ändringar:\n"
        "              - {datum: 2023-03-01, vad: id, från: samverkan-mer, till: gemensam-plan, skäl: Tydligare namn.}\n",
    )
    assert found(published) == []
    assert validate_file(published).roadmap is not None  # the model reads past the id entry
    edit(published, "            status: föreslagen\n", "            status: planerad\n")
    assert found(published) == [
        (
            42,
            21,
            "error",
            "statusen har ändrats från föreslagen till planerad sedan den publicerade versionen v2022-remiss. "
            "Skriv varför: lägg till en punkt under ändringar med datum, vad: status, från: föreslagen, "
            "till: planerad och skäl",
        )
    ]


def test_a_rename_record_must_name_the_current_id(write_yaml, text):
    path = write_yaml(
        text.replace(
            "          - id: samverkan-mer\n",
            "          - id: gemensam-plan\n"
            "            ändringar:\n"
            "              - {datum: 2023-03-01, vad: id, från: samverkan-mer, till: gemensamplan, skäl: Tydligare.}\n",
        )
    )
    assert [(d.line, d.col, d.message) for d in validate_file(path, name=NAME).diagnostics] == [
        (
            39,
            73,
            "den senaste ändringen av id (2023-03-01) säger till: gemensamplan, men id är gemensam-plan: "
            "rätta den ena så att de stämmer",
        )
    ]


def test_a_removed_action_needs_a_recorded_removal(published):
    edit(
        published,
        "          - id: traffpunkter\n            text: Staden driver träffpunkter.\n"
        "            ansvarig: aldrenamnden\n            status: pågår\n",
        "",
    )
    edit(
        published,
        "        staden:\n        behöver-göras: []\n",
        "        staden: []\n        behöver-göras: []\n",
    )
    [(line, col, severity, message)] = found(published)
    assert (line, col, severity) == (47, 9, "error")
    assert message.startswith(
        "åtgärden traffpunkter finns i den publicerade versionen v2022-remiss men har "
        "tagits bort. Ta inte bort en publicerad åtgärd: låt den stå kvar med status: "
        "avbruten och lägg till en punkt under ändringar med datum, vad: status, från: pågår,"
    )
    published.write_text(
        published.read_text(encoding="utf-8")
        + (
            "borttagna:\n  - id: traffpunkter\n    datum: 2023-04-01\n    skäl: Träffpunkterna drivs nu av föreningarna.\n"
        ),
        encoding="utf-8",
    )
    assert found(published) == []


def test_a_removed_need_needs_a_recorded_removal_which_covers_its_actions(published):
    edit(published, SECOND_NEED, "")
    assert found(published) == [
        (
            27,
            5,
            "error",
            "behovet ensamhet finns i den publicerade versionen v2022-remiss men har tagits bort. Skriv varför "
            "under borttagna: en punkt med id: ensamhet, datum och skäl (dess åtgärder behöver ingen egen "
            "punkt). Har du bytt id, lägg i stället till en punkt under ändringar i behovet med datum, vad: id, "
            "från: ensamhet, till: det nya id:t och skäl",
        )
    ]
    published.write_text(
        published.read_text(encoding="utf-8")
        + (
            "borttagna:\n  - {id: ensamhet, datum: 2023-04-01, skäl: Behovet ingår nu i samverkan med regionen.}\n"
        ),
        encoding="utf-8",
    )
    assert found(published) == []


def test_a_removed_id_must_not_be_in_use(write_yaml, text):
    path = write_yaml(
        text + "borttagna:\n  - {id: ensamhet, datum: 2023-04-01, skäl: Ingår i ett annat behov.}\n"
    )
    assert [(d.line, d.col, d.message) for d in validate_file(path, name=NAME).diagnostics] == [
        (
            56,
            10,
            "ensamhet står under borttagna men finns fortfarande på rad 44: ta bort punkten under "
            "borttagna, eller ge det som finns kvar ett annat id",
        )
    ]


# Warnings that need no git.


def test_a_review_date_in_the_future_is_a_warning(write_yaml, text, monkeypatch):
    monkeypatch.setenv("FARDPLAN_TODAY", "2026-12-01")
    path = write_yaml(
        text.replace("        senast-granskad: 2022-01-20\n", "        senast-granskad: 2066-05-10\n", 1)
    )
    result = validate_file(path, name=NAME)
    assert result.ok
    assert [(d.line, d.col, d.severity, d.message) for d in result.diagnostics] == [
        (
            43,
            26,
            "warning",
            "granskningsdatumet 2066-05-10 ligger i framtiden (i dag är det 2026-12-01): skriv "
            "dagen då du gick igenom uppgifterna, oftast dagens datum",
        )
    ]
    monkeypatch.setenv("FARDPLAN_TODAY", "2066-05-10")
    assert validate_file(path, name=NAME).diagnostics == []


def test_an_action_horizon_outside_its_needs_is_a_warning(write_yaml, text):
    path = write_yaml(
        text.replace(
            "            status: pågår\n        behöver-göras: []\n",
            "            status: pågår\n            tidshorisont: 2027\n        behöver-göras: []\n",
        )
    )
    result = validate_file(path, name=NAME)
    assert result.ok
    assert [(d.line, d.col, d.severity, d.message) for d in result.diagnostics] == [
        (
            52,
            27,
            "warning",
            "åtgärdens tidshorisont (2027) slutar efter behovets (2022–2025): ändra "
            "åtgärdens eller behovets tidshorisont så att de stämmer",
        )
    ]
    # Under an ongoing need ("löpande") any year fits: the first need's action has 2022-2024.
    assert not [d for d in result.diagnostics if d.line == 41]
    # An action that starts before its need's horizon, or ends before it, is in time.
    early = write_yaml(
        text.replace('        tidshorisont: "2022-2025"\n', "        tidshorisont: 2026\n").replace(
            "            status: pågår\n        behöver-göras: []\n",
            '            status: pågår\n            tidshorisont: "2021-2023"\n        behöver-göras: []\n',
        ),
        name="early.yaml",
    )
    assert validate_file(early, name=NAME).diagnostics == []


# LIX in a pull request: only the texts it changed.

LONG = (
    "Stadsdelsnämnderna utvecklar samverkansformerna tillsammans med regionens vårdcentraler, "
    "hälsocentralernas verksamhetschefer och kommunens biståndshandläggare under överskådlig framtid."
)


def test_lix_warns_only_about_texts_changed_since_the_published_version(tmp_path, text):
    data = make_repo(tmp_path, text.replace("text: Staden samverkar med regionen.", f"text: {LONG}"))
    assert not any("LIX" in m for *_, m in found(data))  # published long ago: not this change's
    assert any("LIX" in d.message for d in validate_file(data).diagnostics)  # without comparison: shown
    edit(data, "text: Staden driver träffpunkter.", f"text: {LONG} Fler träffpunkter.")
    assert [(line, severity) for line, _, severity, m in found(data) if "LIX" in m] == [(49, "warning")]


# One "last release" for the validator and for "Vad har ändrats".


def test_the_validator_and_the_changes_page_mean_the_same_last_release(published):
    repo = published.parent.parent
    edit(published, "  version: 2022-remiss\n  status: remiss\n", "  version: 2022\n  status: beslutad\n")
    edit(published, "  beslut: null\n", "  beslut: {organ: kommunfullmäktige, datum: 2022-04-25}\n")
    git(repo, "commit", "-qam", "Beslutad")
    git(repo, "tag", "v2022")
    # A tag on a branch that was never merged is not a published version of this history.
    git(repo, "switch", "-q", "-c", "sidospar")
    edit(published, "Nära samverkan", "Samverkan")
    git(repo, "commit", "-qam", "Sidospår")
    git(repo, "tag", "v2099")
    git(repo, "switch", "-q", "main")

    assert load_previous(published).ref == "v2022"
    history = History.find(published)
    roadmap = validate_file(published).roadmap
    # The draft, even before its version is renamed, shows what changed since v2022 ...
    draft = edition(roadmap, "utkast")
    assert history.changes(roadmap, draft).previous.release.tag == "v2022"
    # ... and the published version 2022 what changed since the one before it.
    assert history.changes(roadmap, edition(roadmap, "2022")).previous.release.tag == "v2022-remiss"
