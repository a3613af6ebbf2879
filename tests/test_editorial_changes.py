"""A day of routine editorial changes keeps CI green (issue 16): on a clone of the repository, with
the example färdplan published as a release, an editor's text edits pass the content checks CI runs
(`python3 scripts/dev.py check`), and the tool's tests still pass, because they read only fixtures.
The check's browser part opens the pages whose content differs from the example's (tests/changed_pages_check.py)."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

import pytest

from fardplan import load_roadmap
from release_support import PYTHON, git, published_repository, tool_env
from support import DATA

pytestmark = pytest.mark.slow
TODAY = datetime.date.today().isoformat()
REMISS = load_roadmap(DATA).document  # the example, as published_repository publishes it
# A small part of the tool's tests: running the whole suite a second time here would double the
# default test command. What keeps every test off the live content is the guard (tests/live_content.py,
# installed by conftest.py): in the normal run it fails any test that reads data/*.yaml. Here, on the
# edited copy, run the guard's own tests (it is active in a clone too) and the modules that read the
# example's content without a build (the reading views, the validate and add commands, whose default
# file is the live data), so a test that read the edited data instead would fail on its assertions.
TOOL_TESTS = [
    "tests/test_reading.py",
    "tests/test_schema_and_cli.py",
    "tests/test_scaffold.py",
    "tests/test_live_content_guard.py",
]


def replace(text: str, old: str, new: str, after: str = "") -> str:
    """Replace the first `old` after `after`, as an editor finds a place in the file and types."""
    start = text.index(after) if after else 0
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


def edit_a_day(clone: Path) -> None:
    data = clone / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    # Publish: the decided version, as docs/publicera.md says.
    text = replace(text, f'version: "{REMISS.version}"', 'version: "2027"')
    text = replace(text, "status: remiss", "status: beslutad")
    text = replace(text, f"  datum: {REMISS.date.isoformat()}", f"  datum: {TODAY}")
    text = replace(text, "  beslut: null", f"  beslut: {{organ: kommunfullmäktige, datum: {TODAY}}}")
    text = replace(text, "Under fyra rubriker", "Under tre rubriker")
    # An action is done, with the reason.
    text = replace(
        text,
        "            status: pågår\n",
        "            status: genomförd\n"
        "            ändringar:\n"
        f"              - datum: {TODAY}\n"
        "                vad: status\n"
        "                från: pågår\n"
        "                till: genomförd\n"
        "                skäl: Arbetssättet är infört och redovisades för nämnden.\n",
        after="id: upptacka-ensamhet",
    )
    # A need's horizon moves, with the reason.
    text = replace(
        text,
        '        tidshorisont: "2022-2028"\n        senast-granskad: 2026-10-12\n',
        '        tidshorisont: "2022-2030"\n        senast-granskad: 2026-10-12\n'
        "        ändringar:\n"
        f"          - datum: {TODAY}\n"
        "            vad: tidshorisont\n"
        '            från: "2022-2028"\n'
        '            till: "2022-2030"\n'
        "            skäl: Kartläggningen visade att arbetet behöver mer tid.\n",
        after="id: halso-och-sjukvardsorganisation",
    )
    # A new action.
    text = replace(
        text,
        '        tidshorisont: "2022-2027"\n',
        "          - id: gemensam-introduktion-chefer\n"
        "            text: Ta fram en gemensam introduktion för nya chefer i äldreomsorgen.\n"
        "            ansvarig: kommunstyrelsen\n"
        "            status: föreslagen\n"
        "            tidshorisont: 2027\n"
        '        tidshorisont: "2022-2027"\n',
        after="id: samordna-mellan-stadsdelar",
    )
    # A new national initiative, and a need that refers to it.
    text = replace(
        text,
        "\n# Områden",
        "  - id: nationell-kvalitetsplan\n"
        "    namn: Nationell kvalitetsplan för vård och omsorg om äldre personer\n"
        "    typ: utredning\n"
        "    referens: SOU 2017:21\n"
        "    länk: https://www.regeringen.se/rattsliga-dokument/statens-offentliga-utredningar/2017/03/sou-201721/\n"
        "    gäller-från: 2017-03-15\n"
        "    gäller-till: null\n"
        "    beskrivning: >-\n"
        "      Utredningen föreslog en plan för hur vården och omsorgen om äldre ska bli bättre.\n"
        "\n# Områden",
    )
    text = replace(
        text, "nationellt: []", "nationellt: [nationell-kvalitetsplan]", after="id: intern-samverkan"
    )
    # The needs were reviewed today.
    text = re.sub(r"(?m)^(        senast-granskad: )\d{4}-\d\d-\d\d$", rf"\g<1>{TODAY}", text)
    # The fourth area goes (its page and its place in the menu follow the data), with the reason for
    # each of its published needs (the check asks for one under `borttagna`).
    fourth = text[text.index("  - id: grunduppdraget\n") :]
    needs = re.findall(r"(?m)^      - id: (\S+)$", fourth)
    text = text[: text.index("  - id: grunduppdraget\n")].rstrip("\n") + "\n"
    text += "\nborttagna:\n" + "".join(
        f"  - id: {need}\n    datum: {TODAY}\n    skäl: Grunduppdraget följs nu upp i verksamhetsplanen.\n"
        for need in needs
    )
    data.write_text(text, encoding="utf-8")  # its page and menu entry go with it


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    """An editor's clone of the published repository after a day of edits, committed."""
    base = tmp_path_factory.mktemp("editorial")
    origin = published_repository(base / "origin")
    clone = base / "clone"
    subprocess.run(["git", "clone", "--quiet", str(origin), str(clone)], check=True, capture_output=True)
    edit_a_day(clone)
    git(clone, "commit", "--quiet", "--all", "--message", "Dagens ändringar")
    return clone


# `python3 scripts/dev.py check` once .venv is set up, with this .venv's tools (the clone has no .venv
# of its own, and dev.py's setup step would install into ours): the clone's scripts/check_content.py,
# its browser part on the pages the edits changed (tests/changed_pages_check.py).
CHECK_CONTENT = [PYTHON, str(Path(__file__).parent / "changed_pages_check.py")]


def test_the_content_checks_ci_runs_pass_after_a_day_of_edits(edited, example_site):
    done = subprocess.run(
        [*CHECK_CONTENT, str(example_site)], cwd=edited, env=tool_env(), capture_output=True, text=True
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # The comparison with the last release ran, and each check passed.
    assert f"Jämför med den publicerade versionen v{REMISS.version}." in output
    assert "Datafilen är godkänd." in output and "Innehållet är godkänt." in output
    assert output.count("Godkän") == 4, output
    # The pages left to browser/test_every_page.py: the guides, not what the data makes.
    [same] = [line.split(":", 1)[1].split() for line in output.splitlines() if "Samma innehåll" in line]
    assert "/redaktorer/kom-igang/" in same and not {"/", "/tidslinje/", "/hela-fardplanen/"} & set(same)


def test_the_tool_tests_pass_on_the_edited_copy(edited):
    env = {**tool_env(), "CI": ""}  # browser tests are not in this part
    # In one process (-n 0): for so few tests, xdist's workers would cost more than they save.
    done = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-x", "-n", "0", "-p", "no:cacheprovider", *TOOL_TESTS],
        cwd=edited,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.search(r"\d+ passed", done.stdout) and "failed" not in done.stdout
