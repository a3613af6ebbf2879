"""The real strict build shows, for every need, its edit link, history and last review; it builds
the follow-up and editors' pages; and the data's warnings are printed without failing it."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import load_roadmap
from fardplan.data.schema import load_schema
from fardplan.pages.key_reference import schema_keys
from support import copy_project, failed_build

LONG_WINDED = (
    "Kommunstyrelsen ska tillsammans med äldrenämnden och stadsdelsnämnderna genomföra en "
    "övergripande kartläggning av kompetensförsörjningsbehoven inom äldreomsorgens samtliga "
    "verksamhetsområden för att därigenom möjliggöra strategiska prioriteringar."
)


# The build day; a need reviewed before OVERDUE_BEFORE (twelve months earlier) is due for review.
BUILD_DAY, OVERDUE_BEFORE = "2026-12-01", date(2025, 12, 1)


def logged_build(project: Path) -> str:
    """Build strictly into project/site on BUILD_DAY; what MkDocs logged, one line per message in
    the command line's form ("INFO    -  ..."). In this process: cheaper than a `mkdocs` command."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # as the command line does; the data's warnings are INFO
    logger.addHandler(handler)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("FARDPLAN_TODAY", BUILD_DAY)
            build(load_config(str(project / "mkdocs.yml"), strict=True))
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return "\n".join(f"{r.levelname:<8}-  {r.getMessage()}" for r in records)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the project whose data has a long-winded text and a review from 2021, built
    strictly on a fixed date (BUILD_DAY)."""
    project = copy_project(tmp_path_factory.mktemp("editing") / "project")
    data = project / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace(
        "text: Följa upp samverkan med regionen två gånger per år.", f"text: {LONG_WINDED}", 1
    )
    text = text.replace("senast-granskad: 2026-10-12", "senast-granskad: 2021-05-31", 1)
    data.write_text(text.replace("inställningar:\n", "inställningar:\n  lix-gräns: 45\n"), encoding="utf-8")
    return project, logged_build(project)


def page(project: Path, url: str) -> str:
    return (project / "site" / url / "index.html").read_text(encoding="utf-8")


def test_warnings_are_printed_but_do_not_fail_a_strict_build(built):
    _, logged = built
    assert re.search(r"INFO\s+-\s+Färdplanens data har \d+ varningar \(de stoppar inte bygget\):", logged)
    assert re.search(
        r"INFO\s+-\s+data/roadmap\.yaml:\d+:\d+: varning: texten är mycket svår att läsa: "
        r"LIX \d+, gränsen är 45.*folja-upp-regionsamverkan\]\.text\)",
        logged,
    )
    assert "WARNING" not in logged


def test_every_need_shows_its_edit_link_review_and_history(built):
    project, _ = built
    roadmap = load_roadmap(project / "data" / "roadmap.yaml")
    for area in roadmap.areas:
        html = page(project, f"omraden/{area.id}")
        # The editors' part of the page: one entry per need in the section "För redaktörer".
        entries = dict(re.findall(r'<li id="granskning-([^"]+)">(.*?)</li>', html, flags=re.S))
        for need in area.needs:
            heading = entries[need.id]
            assert (
                f'href="https://github.com/exempelstaden/fardplan/edit/main/data/roadmap.yaml#L{need.line}"'
                in heading
            )
            assert f"(rad {need.line} i datafilen)" in heading
            assert f'senast granskat <time datetime="{need.reviewed.isoformat()}">' in heading
            assert ("behöver granskas" in heading) == (need.reviewed < OVERDUE_BEFORE)
    overdue = [need.id for need in roadmap.needs() if need.reviewed < OVERDUE_BEFORE]
    assert "samverkan-med-regionen" in overdue and len(overdue) < len(list(roadmap.needs()))
    history = page(project, "omraden/personal-och-kompetens")
    assert (
        'Tidshorisonten ändrades den <time datetime="2026-11-09">9 november 2026</time> från 2022–2024 '
        "till 2022–2028. Skäl: Andelen timanställda har minskat men är inte nere på målet."
    ) in history


def test_follow_up_page(built):
    project, _ = built
    html = page(project, "uppfoljning")
    assert "<h1" in html and "Uppföljning" in html
    assert 'visar läget den <time datetime="2026-12-01">1 december 2026</time>' in html
    roadmap = load_roadmap(project / "data" / "roadmap.yaml")
    overdue = sum(1 for need in roadmap.needs() if need.reviewed < OVERDUE_BEFORE)
    assert f"<strong>{overdue} av 20 behov</strong>" in html
    for body in ("Kommunstyrelsen", "Äldrenämnden", "Stadsdelsnämnderna"):
        assert re.search(rf'<h3 id="ansvarig-[a-z]+">{body}', html)
    assert '<a href="../omraden/organisation-och-styrning/#samverkan-med-regionen">' in html


def test_editor_pages_are_in_the_navigation_and_follow_the_settings(built):
    project, _ = built
    guide = page(project, "redaktorer")
    assert "För redaktörer" in guide and "Så redigerar du färdplanen" in guide
    assert "Är LIX högre än 45 får du en varning" in guide
    assert "mer än 12 månader" in guide
    assert 'href="https://github.com/exempelstaden/fardplan/edit/main/data/roadmap.yaml"' in guide
    keys = page(project, "redaktorer/nycklar")
    shown = set(re.findall(r'<th scope="row"><code>([^<]+)</code></th>', keys))
    assert shown == schema_keys(load_schema())


def test_a_malformed_repository_setting_fails_the_build(tmp_path, caplog):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    assert "förråd: exempelstaden/fardplan" in text
    data.write_text(
        text.replace("förråd: exempelstaden/fardplan", "förråd: https://github.com/exempelstaden/fardplan"),
        encoding="utf-8",
    )
    logged = failed_build(project, caplog)
    assert "skriv förrådet som ägare/namn" in logged and "(i inställningar.förråd)" in logged
