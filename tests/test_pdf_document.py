"""The printed färdplan (macros/fardplan/pages/pdf_document.py): the sample's PDF, read back as a reader,
an archive and assistive technology would: its pages as images (poppler's pdftoppm), its text
(pdftotext), its metadata, tags, outline and fonts (pikepdf). And the site's link to it.

Without poppler-utils these tests are skipped on a developer's machine; in CI (CI=true) that is a
failure (.ci/run installs it)."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pyphen
import pytest
from PIL import Image

from fardplan import load_roadmap
from fardplan.data.clock import ENV_VAR as TODAY_VAR
from fardplan.data.model import Stage
from fardplan.data.text import swedish_date
from fardplan.pages.pdf_document import PrintedDocument, print_html, print_pdf, size_text
from fardplan.versions.opendata import roadmap_json
from fardplan.versions.publishing import Publication
from support import DATA, FIXTURES

MAX_PAGES = 14  # issue 14's bound for the sample (DEVELOPMENT.md, "The printed färdplan")
MIN_COVERAGE = 0.15  # of the page between the margins, on every page but the cover
DPI = 50
MARGIN_MM = 17  # print.css @page margin: the running header and footer stand in it
AUTO_HYPHEN = "\u2010"  # what WeasyPrint prints where it hyphenates a word (a typed hyphen is "-")


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        message = f"{tool} saknas (apt-get install poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message + ": i CI måste PDF-testerna köras")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(DATA)


@pytest.fixture(scope="module")
def web_address(roadmap) -> str:
    """The address the site prints on its PDF: its own version's folder."""
    return Publication(roadmap, DATA).settings.version_url()


@pytest.fixture(scope="module")
def pdf_file(example_site) -> Path:
    """The sample's PDF as the shared build (conftest.py) wrote it: printing costs seconds."""
    [path] = example_site.glob("*.pdf")
    return path


@pytest.fixture(scope="module")
def printed(pdf_file) -> PrintedDocument:
    """The site's PDF, with the page count the site states in its link to it."""
    start = (pdf_file.parent / "index.html").read_text(encoding="utf-8")
    [pages] = set(re.findall(r'type="application/pdf">Ladda ner färdplanen som PDF, (\d+) sidor', start))
    return PrintedDocument(pdf_file.name, pdf_file.read_bytes(), int(pages))


def page_texts(pdf_file: Path, pages: int) -> list[str]:
    tool = poppler("pdftotext")
    return [
        subprocess.run(
            [tool, "-raw", "-f", str(n), "-l", str(n), str(pdf_file), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


@pytest.fixture(scope="module")
def printed_texts(pdf_file, printed) -> list[str]:
    """The text of each page of the site's PDF, read once for the tests that read it."""
    return page_texts(pdf_file, printed.pages)


def joined(text: str) -> str:
    """The text as one line: automatic hyphenation undone, typed hyphens kept, spaces normalised,
    and the break opportunities (zero-width spaces) placed in long addresses removed."""
    text = text.replace("\u200b", "")
    text = re.sub(AUTO_HYPHEN + r"\n", "", text)
    text = re.sub(r"-\n", "-", text)
    return " ".join(text.split())


def coverage(image: Image.Image) -> float:
    """Share of the height between the page margins that has ink within 3 mm: a page with a few
    lines at the top scores low, a full page of text or tables close to 1."""
    px = lambda mm: round(mm / 25.4 * DPI)  # noqa: E731
    body = image.convert("L").crop((0, px(MARGIN_MM), image.width, image.height - px(MARGIN_MM)))
    ink = body.point(lambda v: 255 if v < 200 else 0)
    rows = [ink.crop((0, y, ink.width, y + 1)).getbbox() is not None for y in range(ink.height)]
    reach = px(3)
    return sum(any(rows[max(0, y - reach) : y + reach + 1]) for y in range(len(rows))) / len(rows)


def test_the_sample_fits_in_the_page_bound(printed, pdf_file):
    with pikepdf.open(pdf_file) as pdf:
        assert len(pdf.pages) == printed.pages
    assert 4 <= printed.pages <= MAX_PAGES


def test_no_page_but_the_cover_is_near_empty(printed, pdf_file, tmp_path):
    subprocess.run(
        [poppler("pdftoppm"), "-r", str(DPI), "-gray", "-png", str(pdf_file), str(tmp_path / "p")], check=True
    )
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == printed.pages
    figures = {n: round(coverage(Image.open(path)), 3) for n, path in enumerate(images, start=1)}
    low = {n: f for n, f in figures.items() if n > 1 and f < MIN_COVERAGE}
    assert not low, f"sidor som är nästan tomma (andel täckt): {low}; alla sidor: {figures}"


def test_every_need_stays_on_one_page_with_its_heading(roadmap, printed_texts):
    """Each need's title is in the text unbroken, on the same page as every one of its actions."""
    pages = [joined(text) for text in printed_texts]
    for need in roadmap.needs():
        # The block starts with the title and the horizon (the contents and sources name it too).
        start = f"{need.title} Tidshorisont: {need.horizon.label}"
        with_title = [text for text in pages if start in text]
        assert len(with_title) == 1, (
            f"behovet {need.title!r} finns inte helt, eller flera gånger, i PDF:ens text"
        )
        page = with_title[0]
        for action in need.actions:
            assert " ".join(action.text.split()) in page, (need.title, action.text)


def words_of(text: str) -> list[str]:
    return [w.strip(".,;:–\"'!?") for w in re.findall(r"[^\s()\[\]]+", text)]


def test_no_word_is_broken_and_hyphenation_is_swedish(roadmap, printed_texts, web_address):
    source = html.unescape(re.sub(r"<[^>]+>", " ", print_html(roadmap, web_address)))
    # Added by the layout: the running footer, list bullets, list and page numbers.
    known = set(words_of(source)) | {"version", "sida", "av", "•"} | {str(n) for n in range(100)}
    addresses = [initiative.url for initiative in roadmap.initiatives] + [web_address]
    swedish = pyphen.Pyphen(lang="sv")
    hyphenated = 0
    for text in printed_texts:
        for first, second in re.findall(rf"(\w+){AUTO_HYPHEN}\n(\w+)", text):
            hyphenated += 1
            assert len(first) in swedish.positions(first + second), f"fel avstavning: {first}-{second}"
        for word in words_of(joined(text)):
            # Long addresses may wrap after a slash; everything else must be a whole word.
            if word and word not in known and not any(word in address for address in addresses):
                pytest.fail(f"ett avbrutet eller okänt ord i PDF:en: {word!r}")
    assert hyphenated, "inga ord avstavades: är hyphens: auto och lang=sv kvar?"


def test_metadata_tags_language_outline_and_fonts(roadmap, pdf_file, printed):
    document = roadmap.document
    with pikepdf.open(pdf_file) as pdf:
        assert str(pdf.docinfo["/Title"]) == document.title
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # readers show the title, not the file name
        assert pdf.Root.MarkInfo.Marked is True

        kinds = set()
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if isinstance(element, pikepdf.Dictionary):
                if "/S" in element:
                    kinds.add(str(element.S))
                kids = element.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
        assert {"/H1", "/H2", "/H3", "/P", "/Table", "/TH", "/TD", "/L", "/LI", "/Link"} <= kinds, kinds

        with pdf.open_outline() as outline:
            top = {item.title: item for item in outline.root}
            for area in roadmap.areas:
                assert area.title in top, (area.title, list(top))
                assert [child.title for child in top[area.title].children] == [n.title for n in area.needs]
            assert "Nationella initiativ och källor" in top

        fonts = {}
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts[str(font.get("/BaseFont"))] = font
        assert fonts
        for base_font, font in fonts.items():
            descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), base_font

        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == document.title
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "A")
        assert xmp["pdfuaid:part"] == "1"
        assert pdf.attachments["roadmap.json"].get_file().read_bytes() == roadmap_json(roadmap)


def test_the_cover_says_how_to_answer_the_remiss(roadmap, printed, pdf_file):
    remiss = roadmap.remiss
    assert roadmap.document.stage is Stage.REMISS and remiss, "the sample is a remiss version"
    cover = joined(page_texts(pdf_file, 1)[0])
    for fact in (
        roadmap.document.title,
        roadmap.document.organisation,
        roadmap.document.version,
        roadmap.document.registration_number,
        swedish_date(roadmap.document.date),
        f"Lämna synpunkter senast {swedish_date(remiss.last_day)}",
        remiss.email,
        remiss.registration_number,
    ):
        assert fact in cover, fact


def test_a_decided_version_has_no_remiss_on_its_cover(roadmap):
    decided = dataclasses.replace(
        roadmap, document=dataclasses.replace(roadmap.document, stage=Stage.BESLUTAD)
    )
    html = print_html(decided)
    assert "Lämna synpunkter" not in html and roadmap.remiss.email not in html
    assert "Beslutad" in html


def test_the_least_data_the_schema_allows_makes_a_document(tmp_path):
    """No summary, background, process or remiss block: cover, contents, the area, the sources."""
    small = load_roadmap(FIXTURES / "minimal.yaml")
    printed = print_pdf(small)
    path = tmp_path / printed.filename
    path.write_bytes(printed.data)
    texts = [joined(text) for text in page_texts(path, printed.pages)]
    assert printed.pages == 4, texts
    assert "Inledning" not in texts[1]
    need = small.areas[0].needs[0]
    assert f"{need.title} Tidshorisont: {need.horizon.label}" in texts[2]
    assert small.initiatives[0].url in texts[3]


def test_data_text_is_text_in_the_document(roadmap):
    area = roadmap.areas[0]
    need = dataclasses.replace(area.needs[0], title='<img src="https://exempel.test/x.png"> {{ config }}')
    changed = dataclasses.replace(
        roadmap, areas=(dataclasses.replace(area, needs=(need, *area.needs[1:])), *roadmap.areas[1:])
    )
    html = print_html(changed)
    assert "&lt;img src=&#34;https://exempel.test/x.png&#34;&gt; {{ config }}" in html
    assert "<img" not in html


def test_the_pdf_does_not_depend_on_the_build_date(roadmap, printed, web_address, monkeypatch):
    """A remiss version is rebuilt every night: its PDF must stay the same file (the site's was
    printed on the day the tests run)."""
    monkeypatch.setenv(TODAY_VAR, "2031-06-30")
    later = print_pdf(roadmap, web_address)
    assert later.data == printed.data
    assert b"/CreationDate (D:" + roadmap.document.date.strftime("%Y%m%d").encode() in printed.data


def test_every_page_links_to_the_pdf_with_its_page_count_and_size(example_site):
    site = example_site  # built with the PDF, as every real build is
    pdfs = list(site.glob("*.pdf"))
    assert len(pdfs) == 1
    with pikepdf.open(pdfs[0]) as pdf:
        pages = len(pdf.pages)
    expected = f"Ladda ner färdplanen som PDF, {pages} sidor, {size_text(pdfs[0].stat().st_size)}"
    html_pages = list(site.rglob("index.html"))
    assert len(html_pages) > 10
    for page in html_pages:
        html = page.read_text(encoding="utf-8")
        link = re.search(
            r'<p class="fp-pdf-link"><a href="([^"]+)" type="application/pdf">([^<]+)</a></p>', html
        )
        assert link, f"{page.relative_to(site)} länkar inte till PDF:en"
        assert (page.parent / link.group(1)).resolve() == pdfs[0].resolve()
        assert link.group(2) == expected
    # A build with FARDPLAN_PDF=0 (for `mkdocs serve`) has no PDF and no link to one: checked on
    # such a build of the example in tests/test_remiss_build.py.
