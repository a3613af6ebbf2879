"""The search index for Swedish readers, on the example's real built pages and on small pieces of
HTML: needs as entries of their own, readable text, extra word forms, unique titles. The browser
side (typing in the search box) is tests/browser/test_search.py."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from fardplan import load_roadmap
from fardplan.pages.search_index import WORDS_FIELD, searchable_html, swedish_words, unique_titles
from fardplan.pages.views import area_url
from support import DATA


@pytest.fixture(scope="module")
def index(example_site) -> list[dict]:
    return json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_every_need_is_an_entry_that_leads_to_it(index):
    by_location = {e["location"]: e for e in index}
    for area in load_roadmap(DATA).areas:
        for need in area.needs:
            entry = by_location[f"{area_url(area.id)}#{need.id}"]
            assert entry["title"] == need.title
            assert "Staden:" in entry["text"]


def test_no_two_entries_share_a_title(index):
    assert [t for t, n in Counter(e["title"] for e in index).items() if n > 1] == []


def test_texts_keep_cells_and_labels_apart(index):
    for entry in index:
        text = re.sub(r"<[^>]+>", " ", entry["text"])
        assert "BehovNationellt" not in text
        assert not re.search(r"[a-zåäö](Ansvarig|Status|Tidshorisont):", text), entry["location"]


def test_the_whole_document_page_is_left_to_the_area_pages(index):
    assert not [e for e in index if e["location"].startswith("hela-fardplanen/")]
    # The action list repeats every action in one long table: its hits would drown the needs'.
    assert not [e for e in index if e["location"].startswith("atgarder/")]
    assert [e for e in index if e["location"].startswith("omraden/")]


def test_a_table_row_with_an_id_becomes_a_section_titled_by_its_link():
    html = searchable_html(
        '<table><thead><tr><th>Behov</th></tr></thead><tbody><tr id="x"><th><a href="#x">Hög'
        ' &amp; låg</a><p>Om det</p></th><td data-label="Staden">Gör<br>mer</td></tr></tbody></table>'
    )
    assert '<h3 id="x">Hög &amp; låg</h3>' in html
    assert "Staden: Gör" in html
    assert html.count("Hög &amp; låg") == 1
    assert "<thead data-search-exclude>" in html


def test_drawings_and_hidden_text_stay_out():
    html = searchable_html('<p>Text</p><svg><text>2019</text></svg><span aria-hidden="true">★</span>')
    assert "<svg data-search-exclude>" in html
    assert 'aria-hidden="true" data-search-exclude' in html


def test_words_without_diacritics_and_heads_of_compounds():
    entries = [
        {"location": "a/", "title": "Hemtjänsten", "text": "<p>Fler undersköterskor och timanställda.</p>"},
        {"location": "b/", "title": "Sjuksköterskor", "text": "<p>Trygga anställningar.</p>"},
    ]
    first, second = swedish_words(entries)
    words = set(first[WORDS_FIELD].split())
    assert {"hemtjansten", "underskoterskor", "timanstallda"} <= words  # typed without å, ä, ö
    assert {"sköterskor", "anställda"} <= words  # heads: shared ending, another form of a word
    assert "sjukskoterskor" in second[WORDS_FIELD].split()
    assert "hemtjänsten" not in words  # the entry's own words are already in it


def test_shared_titles_get_the_page_and_heading_above():
    entries = [
        {"location": "omraden/a/", "title": "Område A", "text": ""},
        {"location": "tidslinje/#a", "title": "Område A", "text": ""},
        {"location": "ansvariga/#ks-a", "title": "Område A", "text": ""},
        {"location": "omraden/a/#behov", "title": "Ett behov", "text": ""},
    ]
    context = {
        "tidslinje/#a": (["Tidslinje"], False),
        "ansvariga/#ks-a": (["Ansvariga", "Kommunstyrelsen"], False),
        "omraden/a/#behov": (["Område A"], True),
    }
    titles = [e["title"] for e in unique_titles(entries, context)]
    assert titles == [
        "Område A",
        "Tidslinje › Område A",
        "Ansvariga › Kommunstyrelsen › Område A",
        "Ett behov",
    ]
