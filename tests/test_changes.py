"""“Vad har ändrats”: two versions of the data compared in plain Swedish, on the page and in the feed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import load_roadmap
from fardplan.data.horizon import parse_horizon
from fardplan.data.model import ChangedField, RecordedChange, Status
from fardplan.data.text import swedish_date
from fardplan.versions.changes import compare
from release_support import (
    DECIDED,
    DECIDED_ON,
    decide_after_remiss,
    git,
    git_project,
    read_data,
    release_two_versions,
    write_data,
)
from support import DATA, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"
REMISS_VERSION = load_roadmap(DATA).document.version

EXPECTED_SUMMARY = (
    f"Jämfört med version {REMISS_VERSION}: 1 flyttat behov, 1 ny åtgärd, 1 borttagen åtgärd, "
    "1 flyttad åtgärd, 2 ändrade statusar, 1 ändrad tidshorisont, 1 ändrad text och "
    "2 ändringar i dokumentets uppgifter."
)


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The sample remiss version and the decided version made from it, as validated models."""
    project = copy_project(tmp_path_factory.mktemp("versions") / "project")  # no history needed
    write_data(project, decide_after_remiss(read_data(project)))
    return load_roadmap(DATA), load_roadmap(project / "data" / "roadmap.yaml")


def sentences(comparison) -> dict[str, list[str]]:
    return {section.title: [change.plain for change in section.changes] for section in comparison.sections}


def test_the_same_version_has_no_changes():
    roadmap = load_roadmap(DATA)
    comparison = compare(roadmap, roadmap)
    assert comparison.sections == ()
    assert comparison.summary() == f"Inga ändringar i innehållet jämfört med version {REMISS_VERSION}."


def test_changes_after_the_remiss_read_as_plain_swedish(versions):
    remiss, decided = versions
    comparison = compare(remiss, decided)
    assert comparison.after_remiss
    assert comparison.summary() == EXPECTED_SUMMARY
    by_section = sentences(comparison)
    assert by_section["Dokumentet"] == [
        "Färdplanen är nu beslutad. Den förra versionen var en remissversion.",
        f"Beslutet: kommunfullmäktige beslutade om färdplanen den {swedish_date(date.fromisoformat(DECIDED_ON))}, § 12.",
    ]
    assert by_section["Ändamålsenlig organisation och styrning"] == [
        "Åtgärden ”Ta fram gemensamma former för hur staden och regionen samverkar om vården av äldre” "
        "har ändrat status från pågår till genomförd.",
        "Åtgärden ”Följa upp samverkan med regionen varje kvartal” har fått en ny lydelse.",
        "Åtgärden ”Pröva vilka uppgifter stadsdelsnämnderna kan samordna med varandra” under behovet "
        "”Intern samverkan och regionalisering” har tagits bort.",
    ]
    assert by_section["En kvalitativ och värdig omsorg med ett gott bemötande"] == [
        "Ny åtgärd under ”Behöver göras mer” för behovet ”Undvika ensamhet och isolering”: ”Fråga om "
        "ensamhet vid hembesök i hemtjänsten” (ansvarig: Stadsdelsnämnderna, status: föreslagen, "
        "tidshorisont 2027).",
        "Tidshorisonten för behovet ”Hög kontinuitet” är nu 2022–2029 i stället för 2022–2028.",
        "Åtgärden ”Mäta hur många olika medarbetare en äldre med hemtjänst möter” står nu "
        "under ”Staden” i stället för ”Behöver göras mer”.",
        "Åtgärden ”Mäta hur många olika medarbetare en äldre med hemtjänst möter” har "
        "ändrat status från pågår till genomförd.",
    ]
    assert by_section["Säkerställa grunduppdraget"] == [
        "Behovet ”Samverkan med privata utförare” har flyttats hit från området "
        "”Ändamålsenlig organisation och styrning”.",
    ]


def test_reworded_text_keeps_both_wordings_and_links_point_into_the_new_version(versions):
    remiss, decided = versions
    reworded = next(c for c in compare(remiss, decided).changes() if c.category == "text")
    assert reworded.wording == (
        ("Förut", "Följa upp samverkan med regionen två gånger per år."),
        ("Nu", "Följa upp samverkan med regionen varje kvartal."),
    )
    assert [p.url for p in reworded.sentence if p.url] == [
        "omraden/organisation-och-styrning/#folja-upp-regionsamverkan"
    ]
    moved = next(c for c in compare(remiss, decided).changes() if c.category == "need-moved")
    assert [p.url for p in moved.sentence if p.url] == [
        "omraden/grunduppdraget/#samverkan-med-privata-utforare"
    ]


def test_new_and_removed_needs_initiatives_and_references(project):
    data = read_data(project)
    staff = next(a for a in data["områden"] if a["id"] == "personal-och-kompetens")
    staff["behov"] = [n for n in staff["behov"] if n["id"] != "trygga-anstallningar"]
    staff["behov"].append(
        {
            "id": "digital-kompetens",
            "rubrik": "Digital kompetens",
            "nationellt": [],
            "staden": [],
            "behöver-göras": [
                {
                    "id": "kurser-digitala-verktyg",
                    "text": "Erbjuda kurser i digitala verktyg.",
                    "ansvarig": "aldrenamnden",
                    "status": "föreslagen",
                    "tidshorisont": 2024,
                }
            ],
            "tidshorisont": 2024,
            "senast-granskad": "2022-04-01",
        }
    )
    data["nationella-initiativ"] = [
        i for i in data["nationella-initiativ"] if i["id"] != "fast-omsorgskontakt"
    ]
    continuity = next(n for a in data["områden"] for n in a["behov"] if n["id"] == "hog-kontinuitet")
    continuity["nationellt"] = [i for i in continuity["nationellt"] if i != "fast-omsorgskontakt"]
    continuity["nationellt"].append("god-och-nara-vard")
    write_data(project, data)

    comparison = compare(load_roadmap(DATA), load_roadmap(project / "data" / "roadmap.yaml"))
    by_section = sentences(comparison)
    assert by_section["Nationella initiativ"] == [
        "Det nationella initiativet ”Fast omsorgskontakt i hemtjänsten” finns inte längre med."
    ]
    assert by_section["Personal med rätt kompetens och bra arbetsförhållanden"] == [
        "Nytt behov: ”Digital kompetens”, med tidshorisonten 2024.",
        "Ny åtgärd under ”Behöver göras mer” för behovet ”Digital kompetens”: ”Erbjuda kurser i digitala "
        "verktyg” (ansvarig: Äldrenämnden, status: föreslagen, tidshorisont 2024).",
        "Behovet ”Trygga anställningar” har tagits bort.",
        "Åtgärden ”Kartlägga hur stor andel av medarbetarna som är timanställda” under behovet "
        "”Trygga anställningar” har tagits bort.",
        "Åtgärden ”Minska andelen timanställda och erbjuda fler fasta anställningar på heltid” under "
        "behovet ”Trygga anställningar” har tagits bort.",
    ]
    assert (
        "Behovet ”Hög kontinuitet” hänvisar nu också till ”God och nära vård – en primärvårdsreform”."
        in by_section["En kvalitativ och värdig omsorg med ett gott bemötande"]
    )
    assert comparison.summary() == (
        f"Jämfört med version {REMISS_VERSION}: 1 nytt behov, 1 borttaget behov, 1 ny åtgärd, 2 borttagna åtgärder, "
        "2 ändrade hänvisningar till nationella initiativ och 1 ändring bland de nationella initiativen."
    )
    assert not comparison.after_remiss


def test_recorded_reasons_for_a_status_change_are_shown(versions):
    remiss, decided = versions
    need = next(n for n in decided.needs() if n.id == "samverkan-med-regionen")
    old_action = next(a for a in need.more if a.id == "former-for-regionsamverkan")
    status = ChangedField.STATUS
    action = replace(
        old_action,
        changes=(  # newest first, as the model keeps them
            RecordedChange(
                date(2027, 3, 15),
                status,
                Status.PAGAR,
                old_action.status,
                "Regionen har avsatt medel för arbetet.",
            ),
            RecordedChange(
                date(2027, 3, 10), ChangedField.TIDSHORISONT, None, parse_horizon(2027), "Gäller inte status."
            ),
            RecordedChange(
                date(2026, 10, 1), status, None, Status.PAGAR, "Ett äldre skäl, från före remissen."
            ),
        ),
    )
    new_need = replace(need, more=tuple(action if a.id == action.id else a for a in need.more))
    area = decided.areas[0]
    new_area = replace(area, needs=tuple(new_need if n.id == need.id else n for n in area.needs))
    with_reasons = replace(decided, areas=(new_area, *decided.areas[1:]))

    found = next(
        c
        for c in compare(remiss, with_reasons).changes()
        if c.category == "status" and "gemensamma former" in c.plain
    )
    assert [(r.date, r.text) for r in found.reasons] == [
        (date(2027, 3, 15), "Regionen har avsatt medel för arbetet.")
    ]


@pytest.fixture(scope="module")
def released_site(tmp_path_factory):
    """A project with two release tags (remiss, then decided), built as the decided version."""
    folder = tmp_path_factory.mktemp("released")
    project = git_project(folder / "project")
    release_two_versions(project)
    site = folder / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return project, site


def test_the_page_lists_the_changes_after_the_remiss_with_links(released_site):
    _, site = released_site
    html = (site / "andringar" / "index.html").read_text(encoding="utf-8")
    remiss = load_roadmap(DATA).document
    assert f"Du läser version {DECIDED} (beslutad, {swedish_date(date.fromisoformat(DECIDED_ON))})." in html
    assert (
        f"sedan den förra publicerade versionen, version {remiss.version} (remissversion, "
        f"{swedish_date(remiss.date)}). "
        "Det är alltså ändringarna efter remissen."
    ) in html
    assert EXPECTED_SUMMARY in html
    assert (
        'Behovet ”<a href="../omraden/grunduppdraget/#samverkan-med-privata-utforare">Samverkan med '
        "privata utförare</a>” har flyttats hit"
    ) in html
    assert re.search(
        r'<details class="fp-wording"><summary>Se texten före och efter</summary>\s*'
        r"<p><strong>Förut:</strong> Följa upp samverkan med regionen två gånger per år.</p>",
        html,
    )
    # The linked anchors exist on the area pages of the same version.
    for href in set(re.findall(r'href="\.\./(omraden/[^"#]+)#([^"]+)"', html)):
        area_html = (site / href[0] / "index.html").read_text(encoding="utf-8")
        assert f'id="{href[1]}"' in area_html, href


def test_the_feed_has_one_entry_per_published_version_with_its_changes(released_site):
    project, site = released_site
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"Version {DECIDED} (beslutad)",
        f"Version {REMISS_VERSION} (remissversion)",
    ]
    assert entries[0].findtext(f"{ATOM}summary") == EXPECTED_SUMMARY
    assert entries[1].findtext(f"{ATOM}summary") == "Den första publicerade versionen av färdplanen."
    assert (
        entries[0].find(f"{ATOM}link").get("href")
        == f"https://exempelstaden.github.io/fardplan/{DECIDED}/andringar/"
    )
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 2
    tag_time = git(
        project, "for-each-ref", "--format=%(creatordate:iso-strict)", f"refs/tags/v{DECIDED}"
    ).strip()
    assert entries[0].findtext(f"{ATOM}updated")[:19] == tag_time[:19]
    items = [li.text for li in entries[0].iter("{http://www.w3.org/1999/xhtml}li")]
    assert "Färdplanen är nu beslutad. Den förra versionen var en remissversion." in items


def test_without_git_history_the_page_says_so(example_site):
    site = example_site  # the shared build (conftest.py): a copy of the example outside any git repository
    html = (site / "andringar" / "index.html").read_text(encoding="utf-8")
    assert "Versionshistoriken är inte tillgänglig: webbplatsen byggdes utanför git" in html
    assert ET.parse(site / "feed.xml").getroot().findall(f"{ATOM}entry") == []
