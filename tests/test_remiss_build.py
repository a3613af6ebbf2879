"""The real site during and after the remiss: three links on every heading and need while it is
open, none after the deadline, a banner on every page, and the page of compiled answers built
from the recorded fixture through the compilation script. The builds leave the PDF out
(FARDPLAN_PDF=0), and so does the site: no link to a PDF."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from fardplan import load_roadmap
from fardplan.pages.pdf_document import ENV_VAR as PDF_VAR
from fardplan.remiss.period import MAX_URL_LENGTH
from release_support import close_remiss
from support import DATA, copy_project

ROADMAP = load_roadmap(DATA)
REMISS = ROADMAP.remiss
OPEN_DAY, CLOSED_DAY = "2027-01-24", "2027-02-10"  # 12 days before the last day (5 February 2027); after it
# After the remiss: an answer that came in a day late (the editors' responses: close_remiss).
LATE_ANSWER, LATE_RECEIVED, COMPILED_ON = 14, "2027-02-06T07:15:00Z", "2027-02-08"


def build_site(project: Path, site: Path, today: str) -> Path:
    """A strict build on `today`, without the PDF (FARDPLAN_PDF=0, as `mkdocs serve` builds)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", today)
        patch.setenv(PDF_VAR, "0")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("index.html"))
    }


def remiss_hrefs(fragment: str) -> list[str]:
    [links] = re.findall(r'<p class="fp-remiss-links[^"]*">(.*?)</p>', fragment, flags=re.S)
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', links)]


def need_rows(page_html: str) -> dict[str, str]:
    return dict(re.findall(r'<tr id="([^"]+)"[^>]*>(.*?)</tr>', page_html, flags=re.S))


@pytest.fixture(scope="module")
def open_site(tmp_path_factory) -> Path:
    return build_site(
        copy_project(tmp_path_factory.mktemp("project")), tmp_path_factory.mktemp("open"), OPEN_DAY
    )


@pytest.fixture(scope="module")
def compiled_project(tmp_path_factory) -> Path:
    """A copy of the project whose remissvar.yaml is produced here from the recorded fixture."""
    return close_remiss(
        copy_project(tmp_path_factory.mktemp("compiled")), COMPILED_ON, {LATE_ANSWER: LATE_RECEIVED}
    )


@pytest.fixture(scope="module")
def closed_site(compiled_project, tmp_path_factory) -> Path:
    return build_site(compiled_project, tmp_path_factory.mktemp("closed"), CLOSED_DAY)


def test_without_the_pdf_there_is_no_pdf_and_no_link_to_one(open_site):
    # FARDPLAN_PDF=0 (for `mkdocs serve`); the PDF and its links: tests/test_pdf_document.py.
    assert not list(open_site.glob("*.pdf"))
    assert "fp-pdf-link" not in (open_site / "index.html").read_text(encoding="utf-8")


# --- While the remiss is open ---------------------------------------------------------------------


def test_every_need_offers_three_links_with_its_id_and_version(open_site):
    version = ROADMAP.document.version
    for area in ROADMAP.areas:
        rows = need_rows((open_site / "omraden" / area.id / "index.html").read_text(encoding="utf-8"))
        for need in area.needs:
            comment, mail, search = remiss_hrefs(rows[need.id])
            assert all(len(url) < MAX_URL_LENGTH for url in (comment, mail, search))

            parts = urlsplit(comment)
            assert (
                f"{parts.scheme}://{parts.netloc}{parts.path}"
                == f"https://github.com/{REMISS.repository}/issues/new"
            )
            query = parse_qs(parts.query)
            assert query["template"] == ["remissynpunkt.yml"]
            assert query["del"] == [need.id] and query["version"] == [version]
            assert query["title"] == [f"Remissynpunkt: {need.title}"]

            address, _, mail_query = mail.partition("?")
            assert address == f"mailto:{REMISS.email}"
            fields = {k: unquote(v) for k, _, v in (p.partition("=") for p in mail_query.split("&"))}
            assert REMISS.registration_number in fields["subject"] and need.id in fields["subject"]
            assert f"Version: {version}\r\n" in fields["body"]
            assert f"Del av färdplanen: {need.id} ({need.title})" in fields["body"]

            assert parse_qs(urlsplit(search).query) == {"q": [f'is:issue label:remiss "{need.id}"']}


def test_every_heading_offers_the_links_too(open_site):
    for area in ROADMAP.areas:
        page = (open_site / "omraden" / area.id / "index.html").read_text(encoding="utf-8")
        [intro] = re.findall(r'<div class="fp-area-intro">(.*?)</div>', page, flags=re.S)
        comment, _mail, search = remiss_hrefs(intro)
        assert parse_qs(urlsplit(comment).query)["del"] == [area.id]
        assert f'"{area.id}"' in parse_qs(urlsplit(search).query)["q"][0]


def test_links_name_their_part_for_screen_readers(open_site):
    need = ROADMAP.areas[0].needs[0]
    row = need_rows((open_site / "omraden" / ROADMAP.areas[0].id / "index.html").read_text(encoding="utf-8"))[
        need.id
    ]
    assert f'Lämna synpunkt<span class="fp-visually-hidden"> på {need.title}</span>' in row


def test_banner_on_every_page_shows_the_deadline_and_days_left(open_site):
    for name, page in pages(open_site).items():
        [banner] = re.findall(r'<p class="fp-banner fp-banner--remisstid">(.*?)</p>', page, flags=re.S)
        assert "<strong>Förslaget är ute på remiss.</strong>" in banner, name
        assert "Lämna dina synpunkter senast den 5 februari 2027 (12 dagar kvar)." in banner, name
        [href] = re.findall(r'<a href="([^"]+)">Så lämnar du synpunkter</a>', banner)
        assert urljoin(f"http://site/{name}", href) == "http://site/remissvar/", name


def test_remiss_page_explains_how_to_comment_while_open(open_site):
    page = (open_site / "remissvar" / "index.html").read_text(encoding="utf-8")
    assert "Så lämnar du synpunkter" in page
    assert f'<a href="mailto:{REMISS.email}">{REMISS.email}</a>' in page
    assert "Din synpunkt blir en allmän handling." in page
    for respondent in REMISS.invited:
        assert respondent.name in page


# --- After the deadline -------------------------------------------------------------------------


def test_no_links_after_the_deadline_but_a_notice(closed_site):
    for name, page in pages(closed_site).items():
        # Edit links to the data file remain; the comment links (new issue, search, e-mail) go.
        assert "/issues/new?" not in page and "/issues?q=" not in page, name
        assert f"mailto:{REMISS.email}?" not in page, name
        assert "Lämna synpunkt" not in page and "Se synpunkter" not in page, name
        [banner] = re.findall(r'<p class="fp-banner fp-banner--remisstid">(.*?)</p>', page, flags=re.S)
        assert "Remisstiden gick ut den 5 februari 2027." in banner, name
    for area in ROADMAP.areas:
        rows = need_rows((closed_site / "omraden" / area.id / "index.html").read_text(encoding="utf-8"))
        for need in area.needs:
            # The banner says it once; the reading cells stay quiet.
            assert "Remisstiden gick ut" not in rows[need.id]


def test_need_with_answers_links_to_them_after_the_deadline(closed_site):
    rows = need_rows((closed_site / "omraden" / "grunduppdraget" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="../../remissvar/#svar-adekvat-bemanning">Se remissvaren' in rows["adekvat-bemanning"]
    assert "Se remissvaren" not in rows["hygienrutiner"]  # nobody commented on it
    answers = (closed_site / "remissvar" / "index.html").read_text(encoding="utf-8")
    assert 'id="svar-adekvat-bemanning"' in answers


# --- The compiled answers -----------------------------------------------------------------------


def table_rows(page: str, caption: str) -> dict[str, list[int]]:
    """Row header text -> the numbers in the row, from the table with this caption."""
    [table] = re.findall(rf"<caption>{caption}</caption>(.*?)</table>", page, flags=re.S)
    rows = {}
    for header, cells in re.findall(r'<tr[^>]*><th scope="row"[^>]*>(.*?)</th>(.*?)</tr>', table, flags=re.S):
        name = re.sub(r"<[^>]+>", "", header.split('<span class="fp-remiss-parts">')[0]).strip()
        rows[html.unescape(name)] = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", cells)]
    return rows


@pytest.fixture(scope="module")
def answers_page(closed_site) -> str:
    return (closed_site / "remissvar" / "index.html").read_text(encoding="utf-8")


def test_answers_page_counts_positions_per_need(answers_page):
    # Columns: tillstyrker, tillstyrker med ändringar, avstyrker, inga synpunkter, totalt.
    rows = table_rows(answers_page, "Antal synpunkter per del av färdplanen och ställningstagande")
    assert rows["Adekvat bemanning"] == [0, 0, 1, 0, 1]
    assert rows["Nära samverkan med regionen"] == [0, 1, 0, 0, 1]
    assert rows["Strategisk kompetensförsörjning"] == [0, 0, 0, 1, 1]
    assert rows["Säkerställa hygienrutiner och tillgång till medicinsk utrustning"] == [0, 0, 0, 0, 0]
    assert rows["Ändamålsenlig organisation och styrning (området som helhet)"] == [1, 0, 0, 0, 1]
    assert rows["Färdplanen som helhet"] == [1, 0, 0, 0, 1]
    assert rows["Alla delar"] == [4, 5, 2, 1, 12]
    assert len(rows) == 1 + len(ROADMAP.areas) + sum(len(a.needs) for a in ROADMAP.areas) + 1


def test_answers_page_counts_positions_per_remissinstans(answers_page):
    rows = table_rows(answers_page, "Antal synpunkter per remissinstans och ställningstagande")
    assert rows["Äldrenämnden (nämnd, inbjuden)"] == [1, 0, 0, 1, 2]
    assert rows["Stadsdelsnämnderna (nämnd, inbjuden)"] == [1, 0, 1, 0, 2]
    assert rows["Kommunala pensionärsrådet (råd, inbjuden)"] == [1, 1, 0, 0, 2]
    assert rows["Namn publiceras inte (privatperson)"] == [1, 1, 1, 0, 3]
    assert sum(r[-1] for r in rows.values()) == 12


def test_names_are_shown_only_where_publication_was_allowed(closed_site, answers_page):
    for name, page in pages(closed_site).items():
        assert "Anna Exempelsson" not in page and "Bertil Exempelsson" not in page, name
        assert "kansli@example.org" not in page, name  # contact details never reach the site
    [article] = re.findall(
        r'<article class="fp-answer" id="synpunkt-5".*?</article>', answers_page, flags=re.S
    )
    assert "<strong>Namn publiceras inte</strong>" in article
    [article] = re.findall(
        r'<article class="fp-answer" id="synpunkt-3".*?</article>', answers_page, flags=re.S
    )
    assert "<strong>Kommunala pensionärsrådet</strong>" in article


def test_answers_page_shows_the_responses_after_the_remiss(answers_page):
    [article] = re.findall(
        r'<article class="fp-answer" id="synpunkt-3".*?</article>', answers_page, flags=re.S
    )
    assert '<span class="fp-assessment fp-assessment--beaktad">Beaktad</span>' in article
    assert "Kommunala pensionärsrådet får lämna synpunkter innan formerna beslutas." in article
    [article] = re.findall(
        r'<article class="fp-answer" id="synpunkt-14".*?</article>', answers_page, flags=re.S
    )
    assert "<strong>efter remisstiden</strong>" in article and "Ej beaktad" in article
    [section] = re.findall(r'id="svar-adekvat-bemanning".*?</div>\s*\n<h', answers_page, flags=re.S)
    assert "Stadens bemötande av synpunkterna på den här delen:" in section and "Delvis beaktad" in section
    [table] = re.findall(
        r"<caption>Stadens bemötande av remissvaren</caption>(.*?)</table>", answers_page, flags=re.S
    )
    assert len(re.findall(r"<tr role=\"row\"><th scope=\"row\"", table)) == 4


def test_bad_response_file_fails_the_build_at_its_line(tmp_path, caplog):
    project = copy_project(tmp_path / "project")
    responses = project / "data" / "remissbemotande.yaml"
    responses.write_text(
        "bemötanden:\n  - synpunkt: 99\n    bedömning: beaktad\n    motivering: Text.\n", encoding="utf-8"
    )
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site", CLOSED_DAY)
    assert (
        "data/remissbemotande.yaml:2:15: det finns ingen synpunkt nummer 99 "
        "i remissvar.yaml (i bemötanden[nr 1].synpunkt)" in caplog.text
    )
    assert not list((tmp_path / "site").glob("**/*.html"))


def test_a_plan_without_remiss_has_no_banner_and_no_links(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    start = text.index("remiss:\n")
    end = text.index("\n\n", start)
    data.write_text(text[:start] + "remiss: null" + text[end:], encoding="utf-8")
    (project / "data" / "remissvar.yaml").unlink()
    (project / "data" / "remissbemotande.yaml").unlink()
    site = build_site(project, tmp_path / "site", OPEN_DAY)
    for name, page in pages(site).items():
        assert "fp-banner--remisstid" not in page and "fp-remiss-links" not in page, name
    assert "Färdplanen är inte ute på remiss." in (site / "remissvar" / "index.html").read_text(
        encoding="utf-8"
    )
