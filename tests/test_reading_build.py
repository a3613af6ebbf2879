"""A real strict build: the reading views are in the navigation and linked from the start page,
the footer links the statement pages, and every page says when its content last changed."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

READING_PAGES = {
    "Tidslinje": "tidslinje/",
    "Ansvariga": "ansvariga/",
    "Nationella initiativ": "nationella-initiativ/",
    "Hela färdplanen": "hela-fardplanen/",
}


def build_site(config_file: Path, site_dir: Path) -> Path:
    build(load_config(str(config_file), site_dir=str(site_dir), strict=True))
    return site_dir


@pytest.fixture
def site(example_site) -> Path:
    return example_site  # the session's shared build (conftest.py)


def test_reading_views_are_in_the_navigation_and_on_the_start_page(site):
    start = (site / "index.html").read_text(encoding="utf-8")
    area = (site / "omraden" / "grunduppdraget" / "index.html").read_text(encoding="utf-8")
    for title, url in READING_PAGES.items():
        assert (site / url / "index.html").is_file(), url
        assert re.search(
            rf'<a href="\.\./\.\./{url}" class="md-nav__link">\s*<span class="md-ellipsis">\s*{title}', area
        ), title
        assert f'<a href="{url}">{title}</a>' in start


def test_footer_links_the_statement_pages_from_every_page(site):
    for page in site.rglob("index.html"):
        footer = page.read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        for name, target in (
            ("Tillgänglighetsredogörelse", "tillganglighet"),
            ("Kakor och personuppgifter", "kakor-och-personuppgifter"),
        ):
            href = re.search(rf'<a href="([^"]+)">{name}</a>', footer).group(1)
            assert (page.parent / href).resolve() == (site / target).resolve(), (page, href)


def test_headings_from_data_show_without_markdown_escapes(site):
    html = (site / "nationella-initiativ" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="coronakommissionen">Coronakommissionen: Äldreomsorgen under pandemin' in html
    assert "\\:" not in html


def test_accessibility_statement_has_what_digg_requires(site):
    html = (site / "tillganglighet" / "index.html").read_text(encoding="utf-8")
    for required in (
        "Exempelstaden står bakom den här webbplatsen",
        "<strong>delvis förenlig</strong>",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
        "Den senaste bedömningen gjordes den",
        "Redogörelsen uppdaterades senast den",
        'href="https://www.digg.se/tdosanmalan"',
        "(12 § lagen",
        "(9 § lagen",
        "tillganglighet@",
    ):
        assert required in html, required


def git(cwd: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def last_changed(html: str) -> str | None:
    found = re.search(
        r'<p class="fp-last-changed">Senast ändrad <time datetime="([\d-]+)">([^<]+)</time></p>', html
    )
    return f"{found.group(1)} {found.group(2)}" if found else None


def test_each_page_shows_when_its_content_last_changed_from_git(project, tmp_path):
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Första versionen", when="2024-05-03T12:00:00+02:00")
    data = project / "data" / "roadmap.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "# en ändring i datan\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Ändrad data", when="2024-06-10T09:00:00+02:00")
    page = project / "docs" / "tidslinje.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Ändrad sida", when="2024-07-01T09:00:00+02:00")

    site = build_site(project / "mkdocs.yml", tmp_path / "site")
    read = lambda url: (site / url / "index.html").read_text(encoding="utf-8")  # noqa: E731
    # Data-driven pages: the data file changed after the page.
    assert last_changed(read("omraden/grunduppdraget")) == "2024-06-10 10 juni 2024"
    assert last_changed(read(".")) == "2024-06-10 10 juni 2024"
    # A data-driven page whose own file changed later.
    assert last_changed(read("tidslinje")) == "2024-07-01 1 juli 2024"
    # A plain page is dated by its own file only.
    assert last_changed(read("tillganglighet")) == "2024-05-03 3 maj 2024"


def test_outside_git_no_page_claims_a_change_date(example_site):
    # The shared build (conftest.py) is of a copy of the example outside any git repository.
    for page in example_site.rglob("*.html"):
        assert "Senast ändrad" not in page.read_text(encoding="utf-8"), page
