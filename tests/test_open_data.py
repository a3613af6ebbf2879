"""The open-data files of a built version agree with the YAML file, follow the schema, and are
valid DCAT-AP-SE and Atom; the fallback script writes the very same files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date

import pytest
import rdflib
import yaml
from jsonschema import Draft202012Validator
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from rdflib.namespace import DCTERMS, FOAF, RDF

from fardplan import load_roadmap
from support import DATA, ROOT

# Open namespaces: rdflib's own DCAT predates DCAT 3 (dcat:version) and it has no vCard.
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")

SCHEMA = ROOT / "data" / "roadmap.schema.json"
FILES = ("data/roadmap.json", "data/roadmap.csv", "data/roadmap.schema.json", "data/dcat.rdf", "feed.xml")
BASE = f"https://exempelstaden.github.io/fardplan/{load_roadmap(DATA).document.version}/"


@pytest.fixture
def example(example_project):
    return example_project  # the session's shared build and its project (conftest.py)


@pytest.fixture
def site(example_site):
    return example_site


@pytest.fixture(scope="module")
def yaml_data():
    """The data file read independently of the core: plain YAML."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def as_published(value):
    """YAML values as JSON carries them: dates as ISO text, versions as text, no empty optionals."""
    if isinstance(value, dict):
        return {k: as_published(v) for k, v in value.items() if v is not None or k == "gäller-till"}
    if isinstance(value, list):
        return [as_published(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def test_every_file_is_written_by_the_build(site):
    for path in FILES:
        assert (site / path).stat().st_size > 0, path


def test_json_is_the_yaml_data_and_follows_the_schema(site, yaml_data):
    published = json.loads((site / "data" / "roadmap.json").read_text(encoding="utf-8"))
    expected = as_published(yaml_data)
    expected["dokument"]["version"] = str(expected["dokument"]["version"])
    assert published == expected
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(published)) == []
    assert (site / "data" / "roadmap.schema.json").read_bytes() == SCHEMA.read_bytes()


def test_csv_has_one_row_per_action_matching_the_yaml(site, yaml_data):
    text = (site / "data" / "roadmap.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    bodies = {b["id"]: b["namn"] for b in yaml_data["ansvariga"]}
    expected = []
    for area in yaml_data["områden"]:
        for need in area["behov"]:
            for column, label in (("staden", "Staden"), ("behöver-göras", "Behöver göras mer")):
                for action in need[column]:
                    expected.append(
                        {
                            "område": area["rubrik"],
                            "område-id": area["id"],
                            "behov": need["rubrik"],
                            "behov-id": need["id"],
                            "åtgärd-id": action["id"],
                            "åtgärd": action["text"],
                            "kolumn": label,
                            "ansvarig": bodies[action["ansvarig"]],
                            "ansvarig-id": action["ansvarig"],
                            "status": action["status"],
                            "tidshorisont": str(action.get("tidshorisont") or ""),
                            "behovets-tidshorisont": str(need["tidshorisont"]),
                        }
                    )
    assert rows == expected
    assert text.count("\r\n") == len(expected) + 1  # RFC 4180 line ends, one header


def test_dcat_is_rdf_with_what_sveriges_dataportal_requires(site):
    graph = rdflib.Graph().parse(site / "data" / "dcat.rdf", format="xml")
    catalogue = graph.value(predicate=RDF.type, object=DCAT.Catalog, any=False)
    dataset = graph.value(catalogue, DCAT.dataset)
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    cc0 = rdflib.URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
    for subject in (catalogue, dataset):
        assert str(graph.value(subject, DCTERMS.title))
        assert graph.value(subject, DCTERMS.title).language == "sv"
        assert str(graph.value(subject, DCTERMS.description))
        assert graph.value(graph.value(subject, DCTERMS.publisher), FOAF.name) == rdflib.Literal(
            "Exempelstaden"
        )
    assert graph.value(catalogue, DCTERMS.license) == cc0
    contact = graph.value(dataset, DCAT.contactPoint)
    assert graph.value(contact, VCARD.hasEmail) == rdflib.URIRef("mailto:fardplan@exempelstaden.example")
    distributions = set(graph.objects(dataset, DCAT.distribution))
    access = {str(graph.value(d, DCAT.accessURL)) for d in distributions}
    assert access == {BASE + "data/roadmap.json", BASE + "data/roadmap.csv"}
    for distribution in distributions:
        assert graph.value(distribution, DCTERMS.license) == cc0
        assert str(graph.value(distribution, DCTERMS.format)).startswith(
            "http://publications.europa.eu/resource/authority/file-type/"
        )
    assert (
        str(graph.value(graph.value(dataset, DCAT.hasVersion), DCAT.version))
        == load_roadmap(DATA).document.version
    )


def test_atom_feed_is_well_formed_with_its_required_elements(site):
    feed = ET.parse(site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.tag == f"{atom}feed"
    for required in ("title", "id", "updated", "author"):
        assert feed.find(f"{atom}{required}") is not None, required
    assert (
        feed.find(f"{atom}link[@rel='self']").get("href")
        == "https://exempelstaden.github.io/fardplan/feed.xml"
    )


def test_open_data_page_lists_the_stable_addresses_and_the_licence(site):
    html = (site / "oppna-data" / "index.html").read_text(encoding="utf-8")
    for path in FILES:
        assert f"<code>{BASE}{path}</code>" in html
        assert f'href="../{path}"' in html
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/deed.sv">CC0 1.0 Universell' in html


def test_the_fallback_script_writes_the_same_files(site, example, tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "export_open_data.py"),
            str(tmp_path),
            "--config",
            str(example / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        cwd=example,
    )
    assert done.returncode == 0, done.stderr
    for path in FILES:
        assert (tmp_path / path).read_bytes() == (site / path).read_bytes(), path


def test_another_licence_is_stated_in_the_metadata_and_on_the_page(project, tmp_path, caplog):
    config = project / "mkdocs.yml"
    data = project / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    start = end = text.index("inställningar:\n") + len("inställningar:\n")
    data.write_text(
        text[:start] + "  licens:\n    namn: CC BY 4.0\n"
        "    url: https://creativecommons.org/licenses/by/4.0/deed.sv\n" + text[end:],
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build(load_config(str(config), site_dir=str(site), strict=True))
    graph = rdflib.Graph().parse(site / "data" / "dcat.rdf", format="xml")
    licences = set(graph.objects(predicate=DCTERMS.license))
    assert licences == {rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/deed.sv")}
    html = (site / "oppna-data" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.sv">CC BY 4.0</a>' in html

    data.write_text(text[:start] + "  licens:\n    namn: CC BY 4.0\n" + text[end:], encoding="utf-8")
    with pytest.raises(Abort):
        build(load_config(str(config), site_dir=str(tmp_path / "site2"), strict=True))
    assert "nyckeln 'url' saknas (i inställningar.licens)" in caplog.text
