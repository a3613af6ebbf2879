"""Rendering: data is text, never markup or template; Swedish labels; links that work in any folder."""

from __future__ import annotations

from datetime import date

from fardplan import load_roadmap
from fardplan.data.text import markdown_text, relative_url, swedish_date
from fardplan.pages.render import SiteRenderer

HOSTILE = "{{ config }} {% raw %} <script>alert(1)</script> <img src=x onerror=alert(2)> *fet* [länk](x)"


def hostile_roadmap(write_yaml, minimal_text):
    text = minimal_text.replace("rubrik: Nära samverkan med regionen", f"rubrik: '{HOSTILE}'")
    text = text.replace("rubrik: Ändamålsenlig organisation och styrning", f"rubrik: '{HOSTILE}'")
    text = text.replace("text: Staden samverkar med regionen.", f"text: '{HOSTILE}'")
    return load_roadmap(write_yaml(text))


def test_hostile_text_is_escaped_in_every_place(write_yaml, minimal_text):
    site = SiteRenderer(hostile_roadmap(write_yaml, minimal_text))
    for output in (site.start_page(), site.area_page("styrning")):
        assert "<script>" not in output and "<img" not in output
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
        assert "&lt;img src=x onerror=alert(2)&gt;" in output


def test_heading_from_data_is_escaped_for_markdown_too():
    assert markdown_text("*fet* <b>x</b> {: .klass } # 1") == (
        r"\*fet\* &lt;b&gt;x&lt;/b&gt; \{: \.klass \} \# 1"
    )


def test_area_page_is_a_real_table_with_anchors(write_yaml, minimal_text):
    site = SiteRenderer(load_roadmap(write_yaml(minimal_text)))
    html = site.area_page("styrning")
    assert html.startswith("# Ändamålsenlig organisation och styrning\n")
    assert "<caption>Behov inom området Ändamålsenlig organisation och styrning" in html
    for column in ("Behov", "Nationellt", "Staden", "Behöver göras mer", "Tidshorisont"):
        assert f'<th scope="col" role="columnheader">{column}</th>' in html
    assert '<tr id="samverkan-med-regionen" role="row">' in html
    assert '<a href="https://data.riksdagen.se/dokument/H703164.html">God och nära vård' in html
    assert "(lagändring, prop. 2019/20:164)" in html
    assert '<span class="fp-status fp-status--pagar">Pågår</span>' in html
    assert "Tidshorisont: 2022–2024" in html
    assert '<span class="fp-horizon">Löpande</span>' in html


def test_start_page_links_each_area_and_need(write_yaml, minimal_text):
    site = SiteRenderer(load_roadmap(write_yaml(minimal_text)))
    html = site.start_page("")
    assert '<a href="omraden/styrning/">Ändamålsenlig organisation och styrning</a>' in html
    assert '<a href="omraden/styrning/#samverkan-med-regionen">Nära samverkan med regionen</a>' in html
    assert "Remissversion" in html and "Innehållet är inte beslutat" in html
    assert "daterad 20 januari 2022" in html and "Diarienummer KS 2022/1" in html


def test_decided_document_says_who_decided(write_yaml, minimal_text):
    text = minimal_text.replace("  status: remiss", "  status: beslutad").replace(
        "  beslut: null", "  beslut:\n    organ: kommunfullmäktige\n    datum: 2022-04-25"
    )
    html = SiteRenderer(load_roadmap(write_yaml(text))).start_page()
    assert "beslutad av kommunfullmäktige den 25 april 2022" in html
    assert "inte beslutat" not in html


def test_swedish_date():
    assert swedish_date(date(2023, 12, 31)) == "31 december 2023"


def test_relative_urls_work_from_any_page():
    assert relative_url("", "omraden/a/#b") == "omraden/a/#b"
    assert relative_url("omraden/a/", "omraden/b/") == "../b/"
    assert relative_url("omraden/a/", "") == "../../"
    assert relative_url("omraden/a/", "omraden/a/#x") == "./#x"
