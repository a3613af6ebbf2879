"""The editors' guide: every page is in the navigation, the file's shape comes first with a
picture that has a text alternative, and the guide names every edit form."""

from __future__ import annotations

import re

import yaml

from support import ROOT
from fardplan.editing.edit_requests import FORMS

GUIDE = ROOT / "docs" / "redaktorer"


def nav_pages(items) -> list[str]:
    found = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += nav_pages(value) if isinstance(value, list) else [value]
    return found


def test_every_page_of_the_guide_is_in_the_navigation():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    listed = nav_pages(config["nav"])
    assert sorted(f"redaktorer/{p.name}" for p in GUIDE.glob("*.md")) == sorted(
        p for p in listed if p.startswith("redaktorer/")
    )


def test_the_files_shape_comes_first_with_a_described_picture():
    text = (GUIDE / "index.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[:2] == ["Så fungerar det", "Så är filen uppbyggd"]
    svg = re.search(r"<svg [^>]*>", text).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="fp-shape-title fp-shape-desc"' in svg
    assert '<title id="fp-shape-title">' in text and '<desc id="fp-shape-desc">' in text


def test_the_forms_page_names_every_form_and_links_to_githubs_chooser():
    text = (GUIDE / "formular.md").read_text(encoding="utf-8")
    assert "{{ fardplan_redaktion.forrad_url }}/issues/new/choose)" in text
    for file, _ in FORMS.values():
        name = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / file).read_text(encoding="utf-8"))[
            "name"
        ]
        assert f"| **{name}** |" in text
