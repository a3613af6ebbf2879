"""Pages follow the data (issue 17.1): adding, removing or renaming an area in the data is all it
takes; its page and its place in the navigation follow, with no file to create and no nav line."""

from __future__ import annotations

import re

from mkdocs.commands.build import build
from mkdocs.config import load_config

from support import copy_project, failed_build

NEW_AREA = """  - id: digital-omsorg
    rubrik: Digital omsorg som <underlättar> vardagen
    beskrivning: Teknik som gör vardagen lättare för den som får omsorg.
    behov:
      - id: trygghetslarm
        rubrik: Digitala trygghetslarm för alla
        nationellt: []
        staden: []
        behöver-göras: []
        tidshorisont: 2026
        senast-granskad: 2022-01-19
"""


def navigation(html: str) -> list[str]:
    """The titles under "Områden" in the primary navigation, in order."""
    section = html[html.index('id="__nav_2_label"') :]
    section = section[: section.index("</ul>")]
    return [
        re.sub(r"\s+", " ", t).strip()
        for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', section, re.S)
    ]


def test_adding_and_removing_areas_in_the_data_alone_gives_the_right_pages_and_navigation(tmp_path):
    project = copy_project(tmp_path / "project")
    assert not (project / "docs" / "omraden").exists()
    data = project / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    # Remove the area "Personal med rätt kompetens …" (up to the next area) and add a fifth one last.
    start = text.index("  - id: personal-och-kompetens\n")
    end = text.index("  - id: grunduppdraget\n")
    text = text[:start] + text[end:]
    text = text.rstrip("\n") + "\n" + NEW_AREA
    # Rename one too: a new heading is a new title in the menu.
    text = text.replace("rubrik: Säkerställa grunduppdraget", "rubrik: Grunduppdraget först")
    data.write_text(text, encoding="utf-8")

    site = tmp_path / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))

    assert sorted(p.name for p in (site / "omraden").iterdir()) == [
        "digital-omsorg",
        "grunduppdraget",
        "kvalitativ-och-vardig-omsorg",
        "organisation-och-styrning",
    ]
    start_page = (site / "index.html").read_text(encoding="utf-8")
    assert navigation(start_page) == [
        "Områden",
        "Ändamålsenlig organisation och styrning",
        "En kvalitativ och värdig omsorg med ett gott bemötande",
        "Grunduppdraget först",
        "Digital omsorg som &lt;underlättar&gt; vardagen",
    ]
    new = (site / "omraden" / "digital-omsorg" / "index.html").read_text(encoding="utf-8")
    assert "Digitala trygghetslarm för alla" in new and "<underlättar>" not in new
    assert "<title>Digital omsorg som &lt;underlättar&gt; vardagen - " in new
    # Every page links to the areas it has, and to none that is gone.
    assert "personal-och-kompetens" not in start_page
    assert 'href="omraden/digital-omsorg/"' in start_page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "omraden/digital-omsorg/" in sitemap and "personal-och-kompetens" not in sitemap


def test_a_leftover_area_page_file_is_named_and_the_build_stops(tmp_path, caplog):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "omraden").mkdir()
    (project / "docs" / "omraden" / "grunduppdraget.md").write_text(
        "---\nrender_macros: true\n---\n\n{{ area_page() }}\n", encoding="utf-8"
    )
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("förra bygget", encoding="utf-8")
    logged = failed_build(project, caplog)
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "förra bygget"
    assert "Områdenas sidor skapas nu av datan. Ta bort de här filerna" in logged
    assert "docs/omraden/grunduppdraget.md" in logged
    assert "Skapa de här filerna" not in logged


def test_a_missing_fixed_page_is_named_with_the_line_it_needs(tmp_path, caplog):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "tidslinje.md").unlink()
    logged = failed_build(project, caplog)
    assert "De här sidorna saknas:\n  docs/tidslinje.md  (med raden {{ timeline_page() }})" in logged
