"""Example content left in an adopter's plan is named, on its line, as a Swedish warning (issue 17
item 4): the example organisation's name, a remiss whose dates have passed on a draft, national
initiatives no need refers to, and remiss answers that belong to another plan or to no remiss."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from fardplan.data.validate import validate_text
from support import DATA, EXAMPLE

EXAMPLE_TEXT = DATA.read_text(encoding="utf-8")
WARNING = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): varning: (?P<text>.*)$", re.M)


def adopted(
    text: str = EXAMPLE_TEXT, organisation: str = "Lindköpings kommun", status: str = "remiss"
) -> str:
    """The example as an adopter leaves it after changing only the organisation and the status."""
    text = text.replace("organisation: Exempelstaden", f"organisation: {organisation}", 1)
    return re.sub(r"(?m)^(  status:) remiss$", rf"\1 {status}", text, count=1)


def warnings(text: str) -> list[tuple[int, str]]:
    result = validate_text(text, "roadmap.yaml")
    assert result.ok, [d.text() for d in result.errors]
    return [
        (d.line, d.text().split(": varning: ", 1)[1]) for d in result.diagnostics if d.severity == "warning"
    ]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


def test_the_example_itself_has_no_leftover_warnings():
    messages = [message for _, message in warnings(EXAMPLE_TEXT)]
    assert not [m for m in messages if "exemplet" in m], messages


def test_the_example_organisation_named_in_another_organisations_plan():
    text = adopted()
    found = [(line, m) for line, m in warnings(text) if "Exempelstaden" in m]
    lines = [line for line, _ in found]
    # Every value that still names the example: its addresses, repository and a remissinstans.
    assert line_of(text, "remiss-epost: registrator@exempelstaden") in lines
    assert line_of(text, "förråd: exempelstaden/fardplan") in lines
    assert line_of(text, "Pensionärsorganisationerna i Exempelstaden") in lines
    assert all("gäller Lindköpings kommun" in m for _, m in found)
    # The example under its own name is not a leftover.
    assert not [m for _, m in warnings(adopted(organisation="Exempelstaden")) if "Exempelstaden" in m]


def with_past_remiss(text: str) -> str:
    """The plan with a remiss that ran in early 2022 (the example's own remiss is still to come)."""
    text = re.sub(r"(?m)^  datum: .*$", "  datum: 2022-01-20", text, count=1)
    text = re.sub(r"(?m)^  öppnar: .*$", "  öppnar: 2022-01-24", text, count=1)
    return re.sub(r"(?m)^  sista-dag: .*$", "  sista-dag: 2022-03-04", text, count=1)


def test_a_passed_remiss_on_a_draft_is_named_but_not_on_a_remiss_version():
    draft = with_past_remiss(adopted(status="utkast"))
    passed = [(line, m) for line, m in warnings(draft) if m.startswith("remisstiden gick ut")]
    assert passed == [
        (
            line_of(draft, "sista-dag: 2022-03-04"),
            "remisstiden gick ut 2022-03-04, men färdplanen är ett utkast: är blocket remiss kvar från "
            "exemplet? Ta bort blocket, eller skriv datumen för den remiss som kommer (i remiss.sista-dag)",
        )
    ]
    assert not [m for _, m in warnings(with_past_remiss(adopted())) if m.startswith("remisstiden gick ut")]


def test_a_national_initiative_no_need_refers_to():
    text = EXAMPLE_TEXT.replace(
        "nationella-initiativ:\n",
        "nationella-initiativ:\n  - id: kvar-fran-exemplet\n    namn: Ett initiativ utan behov\n"
        "    typ: lagändring\n    referens: prop. 2019/20:1\n"
        "    länk: https://data.riksdagen.se/dokument/H703164.html\n    gäller-från: 2021-07-01\n",
        1,
    )
    unreferenced = [(line, m) for line, m in warnings(text) if "inget behov hänvisar" in m]
    assert unreferenced == [
        (
            line_of(text, "id: kvar-fran-exemplet"),
            "inget behov hänvisar till det nationella initiativet kvar-fran-exemplet: skriv dess id under "
            "nationellt i de behov det gäller, eller ta bort det om det är kvar från exemplet "
            "(i nationella-initiativ[kvar-fran-exemplet].id)",
        )
    ]


def validate_folder(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fardplan", "validate", "roadmap.yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "FARDPLAN_TODAY": "2026-03-02"},
    )


def test_example_answers_in_another_plan_and_answers_without_a_remiss(tmp_path):
    for name in ("remissvar.yaml", "remissbemotande.yaml"):
        shutil.copy(EXAMPLE / "data" / name, tmp_path / name)
    plan = adopted().replace("förråd: exempelstaden/fardplan", "förråd: lindkoping/fardplan")
    (tmp_path / "roadmap.yaml").write_text(plan, encoding="utf-8")
    result = validate_folder(tmp_path)
    assert result.returncode == 0, result.stderr
    found = [m for m in WARNING.finditer(result.stdout) if m["file"] == "remissvar.yaml"]
    assert [(m["line"], m["text"]) for m in found] == [
        (
            "8",
            "synpunkterna (12 synpunkter) kommer från förrådet exempelstaden/fardplan, men färdplanens förråd "
            "är lindkoping/fardplan: är sammanställningen kvar från exemplet? Ta bort remissvar.yaml, eller "
            "hämta synpunkterna på nytt med fardplan remissvar (i github-förråd)",
        )
    ]

    without_remiss = re.sub(r"\nremiss:\n(?:(?:  .*)?\n)*", "\n", plan, count=1)
    assert "\nremiss:" not in without_remiss
    (tmp_path / "roadmap.yaml").write_text(without_remiss, encoding="utf-8")
    result = validate_folder(tmp_path)
    found = [m for m in WARNING.finditer(result.stdout) if m["file"] == "remissvar.yaml"]
    assert [m["text"] for m in found] == [
        "sammanställningen har 12 synpunkter, men färdplanen har ingen remiss (inget block remiss): är "
        "filen kvar från exemplet? Ta bort remissvar.yaml och remissbemotande.yaml bredvid den (i synpunkter)"
    ]
    # The plan's own answers, from its own repository, are no leftover.
    (tmp_path / "roadmap.yaml").write_text(adopted(), encoding="utf-8")
    result = validate_folder(tmp_path)
    assert not [m for m in WARNING.finditer(result.stdout) if m["file"] == "remissvar.yaml"]
