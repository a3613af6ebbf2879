"""Edit links never point at the wrong line: the draft links to the need's line in main; a
published version (remiss or decided) offers "Föreslå en ändring", a prefilled GitHub issue that
names the version, the need and its text, and links to no line at all. Real strict builds."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import load_roadmap
from fardplan.pages.suggestions import suggestion_url
from fardplan.remiss.period import MAX_URL_LENGTH
from fardplan.versions.edition import edition
from release_support import DECIDED, decide_after_remiss, read_data, write_data
from support import DATA

REPOSITORY = "https://github.com/exempelstaden/fardplan"
EXAMPLE = load_roadmap(DATA)
# The example's remiss runs 2026-11-09 to 2027-02-05; kommunfullmäktige decides on DECIDED_ON.
AFTER_THE_REMISS = "2027-06-01"
DURING_THE_REMISS = (EXAMPLE.remiss.opens + timedelta(days=10)).isoformat()


def build_area_pages(project, tmp_path, monkeypatch, published_as: str, today: str) -> dict[str, str]:
    monkeypatch.setenv("MIKE_DOCS_VERSION", published_as)
    monkeypatch.setenv("FARDPLAN_TODAY", today)
    site = tmp_path / f"site-{published_as}-{today}"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    roadmap = load_roadmap(project / "data" / "roadmap.yaml")
    return {
        area.id: (site / "omraden" / area.id / "index.html").read_text(encoding="utf-8")
        for area in roadmap.areas
    }


def need_rows(page: str) -> dict[str, str]:
    """Each need's heading cell (where its links are), by the need's id."""
    return dict(
        re.findall(
            r'<tr id="([^"]+)" role="row">\s*<th scope="row" role="rowheader">(.*?)</th>', page, flags=re.S
        )
    )


def editor_entries(page: str) -> dict[str, str]:
    """Each need's entry in the page's section for editors, by need id."""
    return dict(re.findall(r'<li id="granskning-([^"]+)">(.*?)</li>', page, flags=re.S))


def links(cell: str, text: str) -> list[str]:
    return [
        html.unescape(href)
        for href, inner in re.findall(r'<a href="([^"]+)">(.*?)</a>', cell, flags=re.S)
        if inner.startswith(text)
    ]


def line_of(project, ident: str) -> int:
    lines = (project / "data" / "roadmap.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if re.fullmatch(rf"\s*- id: {re.escape(ident)}", line))


def test_the_draft_links_each_need_to_its_line_in_main(project, tmp_path, monkeypatch):
    pages = build_area_pages(project, tmp_path, monkeypatch, "utkast", AFTER_THE_REMISS)
    count = 0
    for page in pages.values():
        for need_id, cell in editor_entries(page).items():
            assert links(cell, "Redigera") == [
                f"{REPOSITORY}/edit/main/data/roadmap.yaml#L{line_of(project, need_id)}"
            ]
            assert links(cell, "Föreslå en ändring") == []
            count += 1
    assert count == 20


@pytest.mark.parametrize("stage", ["remiss", "beslutad"])
def test_a_published_version_offers_a_suggestion_and_no_line_of_main(project, tmp_path, monkeypatch, stage):
    if stage == "beslutad":
        write_data(project, decide_after_remiss(read_data(project)))
    version = DECIDED if stage == "beslutad" else EXAMPLE.document.version
    label = "beslutad" if stage == "beslutad" else "remissversion"
    pages = build_area_pages(project, tmp_path, monkeypatch, version, AFTER_THE_REMISS)
    roadmap = load_roadmap(project / "data" / "roadmap.yaml")
    needs = {need.id: need for need in roadmap.needs()}
    seen = set()
    for page in pages.values():
        assert "/edit/" not in page and "#L" not in page
        for need_id, cell in editor_entries(page).items():
            [url] = links(cell, "Föreslå en ändring")
            assert len(url) < MAX_URL_LENGTH
            parts = urlsplit(url)
            assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
            query = parse_qs(parts.query)
            need = needs[need_id]
            assert query["title"] == [f"Förslag till ändring: {need.title} (version {version})"]
            [body] = query["body"]
            assert body.startswith(
                f"Version: {version} ({label})\nBehov: {need_id}\n\n"
                f"Så här står det i den versionen:\n\n> - Rubrik: {need.title}\n"
            )
            for action in need.actions:
                assert f"{action.text} (id: {action.id}, status: {action.status.label.lower()})" in body
            seen.add(need_id)
    assert seen == set(needs)


def test_while_the_remiss_is_open_its_own_links_ask_for_comments(project, tmp_path, monkeypatch):
    pages = build_area_pages(project, tmp_path, monkeypatch, EXAMPLE.document.version, DURING_THE_REMISS)
    for page in pages.values():
        for cell in need_rows(page).values():
            assert links(cell, "Föreslå en ändring") == [] and links(cell, "Redigera") == []
            assert links(cell, "Lämna synpunkt")


def test_a_long_need_is_cut_to_stay_under_the_limit(project):
    roadmap = load_roadmap(project / "data" / "roadmap.yaml")
    need = next(roadmap.needs())
    long = need.__class__(**{**need.__dict__, "description": "Mycket lång beskrivning. " * 800})
    url = suggestion_url(REPOSITORY, edition(roadmap, "2022-remiss"), long)
    assert len(url) < MAX_URL_LENGTH
    [body] = parse_qs(urlsplit(url).query)["body"]
    assert f"> - Rubrik: {need.title}\n> - …\n" in body and "Mitt förslag" in body
