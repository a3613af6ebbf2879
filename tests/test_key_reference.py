"""The editors' reference of every key is generated from the JSON Schema and cannot drift from it."""

from __future__ import annotations

import copy
import re

from fardplan import load_roadmap
from fardplan.data.schema import load_schema
from fardplan.pages.key_reference import key_sections, schema_keys
from fardplan.pages.render import SiteRenderer


def rendered_keys(html: str) -> set[str]:
    return set(re.findall(r'<th scope="row"><code>([^<]+)</code></th>', html))


def test_every_key_of_the_schema_is_in_the_reference(write_yaml, minimal_text):
    schema = load_schema()
    html = SiteRenderer(load_roadmap(write_yaml(minimal_text))).key_reference()
    keys = schema_keys(schema)
    assert {"senast-granskad", "ändringar", "skäl", "lix-gräns", "behöver-göras", "gäller-till"} <= keys
    assert rendered_keys(html) == keys


def test_every_object_is_a_section_with_required_keys_marked():
    sections = {s.title: s for s in key_sections(load_schema())}
    need = sections["områden → behov"]
    rows = {row.key: row for row in need.rows}
    assert rows["senast-granskad"].required and rows["senast-granskad"].value == "datum"
    assert not rows["ändringar"].required
    assert rows["ändringar"].section.title == "ändringar (under behov, staden och behöver-göras)"
    assert rows["staden"].section is sections["områden → behov → staden"]
    status = {row.key: row for row in sections["områden → behov → staden"].rows}["status"]
    assert status.value == "ett av: föreslagen, planerad, pågår, genomförd, avbruten"


def test_a_key_added_to_the_schema_appears_without_touching_the_reference():
    schema = copy.deepcopy(load_schema())
    schema["$defs"]["behov"]["properties"]["ansvarig-tjansteperson"] = {
        "description": "Vem som svarar på frågor om behovet.",
        "$ref": "#/$defs/text",
    }
    rows = {row.key: row for s in key_sections(schema) if s.title == "områden → behov" for row in s.rows}
    assert rows["ansvarig-tjansteperson"].value == "text"
    assert rows["ansvarig-tjansteperson"].description == "Vem som svarar på frågor om behovet."


def test_section_anchors_are_unique_and_links_resolve(write_yaml, minimal_text):
    html = SiteRenderer(load_roadmap(write_yaml(minimal_text))).key_reference()
    anchors = re.findall(r"\{ #([a-z0-9-]+) \}", html)
    assert len(anchors) == len(set(anchors)) == len(key_sections(load_schema()))
    for target in re.findall(r'<a href="#([^"]+)">', html):
        assert target in anchors
