"""The whole färdplan on one page prints as a document, and scripts/pdf.py makes a PDF of the färdplan."""

from __future__ import annotations

import subprocess
import sys

import pikepdf
import pytest

from fardplan import load_roadmap
from support import DATA, ROOT, copy_project

pytestmark = pytest.mark.browser


def test_whole_document_prints_without_navigation_and_with_new_pages(page, site_url):
    roadmap = load_roadmap(DATA)
    page.emulate_media(media="print")
    page.goto(f"{site_url}hela-fardplanen/")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(hidden).first.evaluate("e => getComputedStyle(e).display") == "none", hidden
    breaks = page.locator("h2.fp-new-page").evaluate_all(
        "hs => hs.map(h => [h.id, getComputedStyle(h).breakBefore])"
    )
    assert [area_id for area_id, _ in breaks][: len(roadmap.areas)] == [a.id for a in roadmap.areas]
    assert {value for _, value in breaks} == {"page"}
    # Every need of every area is in the document, in order.
    assert page.locator("table.fp-matrix tbody tr").evaluate_all("rows => rows.map(r => r.id)") == [
        need.id for need in roadmap.needs()
    ]
    # Link targets are written out on paper.
    link = page.locator('a[href^="https://"]').first
    written_out = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert written_out == f'" ({link.get_attribute("href")})"'


def test_pdf_script_prints_every_area_on_its_own_page(browser, built_site, tmp_path):
    # `browser` only makes this test skip (or fail in CI) like the others when Chromium is missing.
    output = tmp_path / "fardplan.pdf"
    project = copy_project(tmp_path / "project")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "pdf.py"),
            str(built_site),
            str(output),
            "--project",
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = len(pikepdf.open(output).pages)  # page objects sit in compressed object streams
    areas = len(load_roadmap(DATA).areas)
    # The opening, each area from a new page, the process and the initiatives.
    assert pages >= areas + 3, pages


def test_pdf_script_explains_that_it_needs_no_published_site(tmp_path):
    # The PDF is made from the data (tests/test_pdf_document.py), no longer printed from a web page.
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "pdf.py"),
            "https://exempel.test/2022/",
            str(tmp_path / "x.pdf"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "PDF:en skapas från datafilen" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
