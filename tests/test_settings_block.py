"""The settings block `inställningar` is the only place for the organisation's name, kind, term,
addresses, repository and licence (issue 17.2): wrong values and keys left in their old places get
located Swedish messages, and the site, its title and its address follow the block."""

from __future__ import annotations

import dataclasses
import re

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import validate_file
from fardplan.data.model import Settings, read_settings
from support import DATA, copy_project, line_of


def messages(tmp_path, text: str) -> list[str]:
    path = tmp_path / "roadmap.yaml"
    path.write_text(text, encoding="utf-8")
    return [d.text() for d in validate_file(path, name="data/roadmap.yaml").errors]


def example() -> str:
    return DATA.read_text(encoding="utf-8")


def test_keys_in_their_old_places_say_where_the_value_goes_now(tmp_path):
    text = (
        example()
        .replace("  organisation: Exempelstaden\n", "")
        .replace("  remiss-epost: registrator@exempelstaden.se\n", "")
        .replace("  förråd: exempelstaden/fardplan\n", "")
        .replace(
            "  titel: Färdplan för äldreomsorgens utveckling\n",
            "  titel: Färdplan för äldreomsorgens utveckling\n  organisation: Exempelstaden\n",
        )
    )
    text = re.sub(
        r"^(  sista-dag: .*\n)",
        r"\1  e-post: registrator@exempelstaden.se\n  github-förråd: exempelstaden/fardplan\n",
        text,
        count=1,
        flags=re.M,
    )
    at = lambda start: line_of(text, start)  # noqa: E731
    # One message for each moved key, none for the keys now missing from inställningar.
    assert messages(tmp_path, text) == [
        f"data/roadmap.yaml:{at('  organisation:')}:3: 'dokument.organisation' har flyttat till blocket "
        "inställningar: ta bort raden här och skriv den under inställningar som 'organisation: Exempelstaden' "
        "(i dokument.organisation)",
        f"data/roadmap.yaml:{at('  e-post:')}:3: 'remiss.e-post' har flyttat till blocket inställningar: ta "
        "bort raden här och skriv den under inställningar som 'remiss-epost: registrator@exempelstaden.se' "
        "(i remiss.e-post)",
        f"data/roadmap.yaml:{at('  github-förråd:')}:3: 'remiss.github-förråd' har flyttat till blocket "
        "inställningar: ta bort raden här och skriv den under inställningar som 'förråd: exempelstaden/fardplan' "
        "(i remiss.github-förråd)",
    ]


@pytest.mark.parametrize(
    "key, value, message",
    [
        (
            "benämning",
            "byn",
            "'byn' är inte ett tillåtet värde. Tillåtna värden: staden, kommunen, regionen",
        ),
        ("typ", "landsting", "'landsting' är inte ett tillåtet värde. Tillåtna värden: kommun, region"),
        (
            "webbplats",
            "http://exempelstaden.github.io/fardplan/",
            "'http://exempelstaden.github.io/fardplan/' går inte att använda: skriv webbplatsens adress med "
            "https://, till exempel https://exempelstaden.github.io/fardplan/, utan mellanslag",
        ),
        (
            "förråd",
            "fardplan",
            "'fardplan' går inte att använda: skriv förrådet som ägare/namn, till exempel "
            "exempelstaden/fardplan, utan https://github.com/",
        ),
        (
            "kontakt-epost",
            "fardplan(at)exempelstaden.se",
            "'fardplan(at)exempelstaden.se' går inte att använda: skriv en enda e-postadress",
        ),
    ],
)
def test_a_wrong_setting_is_a_located_swedish_message(tmp_path, key, value, message):
    text = re.sub(rf"(?m)^  {key}: .*$", f"  {key}: {value}", example())
    [found] = messages(tmp_path, text)
    assert found.startswith(f"data/roadmap.yaml:{line_of(text, f'  {key}:')}:{len(key) + 5}: {message}")
    assert found.endswith(f"(i inställningar.{key})")


def test_the_organisation_is_required_and_a_remiss_needs_the_registrators_address(tmp_path):
    text = (
        example()
        .replace("  organisation: Exempelstaden\n", "")
        .replace("  remiss-epost: registrator@exempelstaden.se\n", "")
    )
    at = line_of(text, "inställningar:")
    assert messages(tmp_path, text) == [
        f"data/roadmap.yaml:{at}:1: färdplanen har en remiss, så inställningar behöver registratorns "
        "e-postadress: skriv den som 'remiss-epost: registrator@…' (dit skickar den som inte har GitHub sina "
        "synpunkter) (i inställningar)",
        f"data/roadmap.yaml:{at + 1}:3: nyckeln 'organisation' saknas (i inställningar)",
    ]


def test_settings_are_frozen_with_defaults_that_follow_the_kind():
    region = read_settings({"inställningar": {"organisation": "Region Exempel", "typ": "region"}})
    assert (region.term, region.term_label, region.branch, region.repository_url) == (
        "regionen",
        "Regionen",
        "main",
        None,
    )
    assert read_settings({"inställningar": {"organisation": "X"}}).column_label("staden") == "Kommunen"
    with pytest.raises(dataclasses.FrozenInstanceError):
        region.term = "staden"  # type: ignore[misc]
    assert Settings().licence.uri == "http://creativecommons.org/publicdomain/zero/1.0/"


def test_the_site_follows_the_settings_block(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "roadmap.yaml"
    data.write_text(
        data.read_text(encoding="utf-8")
        .replace("  organisation: Exempelstaden\n", "  organisation: Lindköpings kommun\n")
        .replace("  benämning: staden\n", "  benämning: kommunen\n")
        .replace("https://exempelstaden.github.io/fardplan/", "https://lindkoping.example/fardplan/")
        .replace(
            "  titel: Färdplan för äldreomsorgens utveckling\n", "  titel: Äldreomsorgens färdplan <2030>\n"
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    area = (site / "omraden" / "grunduppdraget" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="col" role="columnheader">Kommunen</th>' in area
    assert 'data-label="Kommunen"' in area and "vad som görs nationellt och i kommunen" in area
    assert "Staden" not in area
    assert "<title>Säkerställa grunduppdraget - Äldreomsorgens färdplan &lt;2030&gt;</title>" in area
    assert '<link rel="canonical" href="https://lindkoping.example/fardplan/omraden/grunduppdraget/">' in area
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "<dt>Kommunen</dt><dd>Vad Lindköpings kommun redan gör eller planerar.</dd>" in start
    # The header names the organisation, then the site's title (escaped once).
    assert re.search(
        r'md-header__topic">\s*<span class="fp-header-names">\s*'
        r'<span class="md-ellipsis fp-header-organisation">Lindköpings kommun</span>\s*'
        r'<span class="md-ellipsis">\s*Äldreomsorgens färdplan &lt;2030&gt;',
        start,
    )
    assert "<loc>https://lindkoping.example/fardplan/</loc>" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    assert "Lindköpings kommun" in (site / "data" / "dcat.rdf").read_text(encoding="utf-8")
