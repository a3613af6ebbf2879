"""Readers see which version they read: the draft and remiss versions carry a banner; only the
draft asks search engines not to index it (a remiss is a public consultation)."""

from __future__ import annotations

import re

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import load_roadmap
from release_support import DECIDED, decide_after_remiss, read_data, write_data
from support import DATA

NOINDEX = '<meta name="robots" content="noindex">'


PAGES = ("index.html", "omraden/grunduppdraget/index.html", "andringar/index.html")


def read_pages(site) -> dict[str, str]:
    return {path: (site / path).read_text(encoding="utf-8") for path in PAGES}


def build_pages(project, tmp_path, monkeypatch, published_as):
    monkeypatch.setenv("MIKE_DOCS_VERSION", published_as)
    site = tmp_path / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return read_pages(site)


def banner(html: str) -> str | None:
    """The version banner's text (the remiss deadline banner beside it is another test's)."""
    match = re.search(
        r'<p class="fp-banner fp-banner--(?:utkast|remiss)" role="note">(.*?)</p>', html, flags=re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else None


def test_remiss_version_has_its_banner_on_every_page_and_may_be_indexed(example_site):
    # The shared build (conftest.py) is the example as it stands, published under no mike version.
    for path, html in read_pages(example_site).items():
        assert banner(html) == (
            "Remissversion – Det här är förslaget som skickades på remiss "
            f"(version {load_roadmap(DATA).document.version}). Innehållet är inte beslutat."
        ), path
        assert NOINDEX not in html, path


@pytest.mark.parametrize("status", ["remiss", "beslutad"])
def test_the_draft_published_from_main_is_a_draft_whatever_the_status(project, tmp_path, monkeypatch, status):
    if status == "beslutad":
        write_data(project, decide_after_remiss(read_data(project)))
    pages = build_pages(project, tmp_path, monkeypatch, published_as="utkast")
    for path, html in pages.items():
        assert banner(html) == (
            "Utkast – Det här är ett arbetsmaterial som ändras medan det skrivs. Innehållet är inte beslutat."
        ), path
        assert NOINDEX in html, path
    version = DECIDED if status == "beslutad" else load_roadmap(DATA).document.version
    assert f"Du läser version {version} (utkast, " in pages["andringar/index.html"]


def test_decided_version_has_no_banner_and_may_be_indexed(project, tmp_path, monkeypatch):
    write_data(project, decide_after_remiss(read_data(project)))
    for path, html in build_pages(project, tmp_path, monkeypatch, published_as=DECIDED).items():
        assert banner(html) is None, path
        assert NOINDEX not in html, path
        assert '<link rel="alternate" type="application/atom+xml"' in html
