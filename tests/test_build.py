"""The real site, built by MkDocs in strict mode, shows every area and need; bad data builds nothing."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import load_roadmap
from support import DATA, copy_project

MKDOCS = Path(sys.executable).with_name("mkdocs")


def build_site(config_file: Path, site_dir: Path) -> None:
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    build(config)


@pytest.fixture
def built_site(example_site) -> Path:
    return example_site  # the session's shared build (conftest.py)


def test_sample_data_has_the_seeds_four_headings_and_twenty_needs():
    roadmap = load_roadmap(DATA)
    assert [a.title for a in roadmap.areas] == [
        "Ändamålsenlig organisation och styrning",
        "En kvalitativ och värdig omsorg med ett gott bemötande",
        "Personal med rätt kompetens och bra arbetsförhållanden",
        "Säkerställa grunduppdraget",
    ]
    assert [len(a.needs) for a in roadmap.areas] == [6, 5, 4, 5]
    assert roadmap.document.stage.value == "remiss"  # a proposal, never presented as decided


def test_every_need_appears_with_its_anchor_and_four_columns(built_site):
    roadmap = load_roadmap(DATA)
    for area in roadmap.areas:
        html = (built_site / "omraden" / area.id / "index.html").read_text(encoding="utf-8")
        assert f"<title>{area.title} - " in html
        rows = re.findall(r'<tr id="([^"]+)"[^>]*>(.*?)</tr>', html, flags=re.S)
        assert [row_id for row_id, _ in rows] == [need.id for need in area.needs]
        for (_, row), need in zip(rows, area.needs):
            assert need.title in row
            assert re.findall(r'<td [^>]*data-label="([^"]+)"', row) == [
                "Nationellt",
                "Staden",
                "Behöver göras mer",
                "Tidshorisont",
            ]
            assert f'<span class="fp-horizon">{need.horizon.label}</span>' in row


def test_start_page_lists_all_areas_and_needs(built_site):
    roadmap = load_roadmap(DATA)
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in html
    for area in roadmap.areas:
        assert f'href="omraden/{area.id}/"' in html
        for need in area.needs:
            assert f'href="omraden/{area.id}/#{need.id}"' in html
    assert "Processen framåt" in html


def test_no_third_party_fonts_or_scripts(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert not re.search(r'<script[^>]+src="https?://', html), page


def test_template_syntax_and_markup_in_data_show_literally(project, tmp_path):
    data = project / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace(
        "rubrik: Nära samverkan med regionen",
        'rubrik: "{{ config.site_name }} {% if true %}ja{% endif %} <script>alert(1)</script>"',
        1,
    )
    data.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site)
    html = (site / "omraden" / "organisation-och-styrning" / "index.html").read_text(encoding="utf-8")
    assert "{{ config.site_name }} {% if true %}ja{% endif %} &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_bad_data_fails_the_build_and_leaves_the_previous_site(project):
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site.mkdir()  # the previous build (a real one would cost a build; MkDocs would empty it all the same)
    (site / "index.html").write_text("förra bygget", encoding="utf-8")
    before = tree_digest(site)

    data = project / "data" / "roadmap.yaml"
    text = data.read_text(encoding="utf-8").replace("status: pågår", "status: klar", 1)
    text = text.replace("tidshorisont: 2023", "tidshorisont: snart", 1)
    data.write_text(text, encoding="utf-8")
    second = subprocess.run(
        [MKDOCS, "build", "--strict"], cwd=project, env=env, capture_output=True, text=True
    )

    assert second.returncode != 0
    assert "Färdplanens data har 2 fel och webbplatsen byggs inte:" in second.stderr
    assert re.search(
        r"data/roadmap\.yaml:\d+:\d+: 'klar' är inte ett tillåtet värde .*\.status\)", second.stderr
    )
    assert re.search(
        r"data/roadmap\.yaml:\d+:\d+: 'snart' kan inte tolkas som tidshorisont.*\.tidshorisont\)",
        second.stderr,
    )
    assert "Traceback" not in second.stderr
    assert tree_digest(site) == before


def test_an_edited_theme_template_shows_in_the_next_build(tmp_path, monkeypatch):
    """Compiled templates are kept between builds (fardplan.pages.render.template_cache, given to
    the theme by macros/theme_hook.py); a template edited between two builds of one process, as
    under `mkdocs serve`, is compiled again, not taken from the cache."""
    monkeypatch.setenv("FARDPLAN_PDF", "0")
    project = copy_project(tmp_path / "project")
    footer = project / "overrides" / "partials" / "copyright.html"
    start = tmp_path / "site" / "index.html"
    build_site(project / "mkdocs.yml", tmp_path / "site")
    assert "Kakor och personuppgifter" in start.read_text(encoding="utf-8")
    footer.write_text(
        footer.read_text(encoding="utf-8").replace("Kakor och", "Kakor eller"), encoding="utf-8"
    )
    build_site(project / "mkdocs.yml", tmp_path / "site")
    html = start.read_text(encoding="utf-8")
    assert "Kakor eller personuppgifter" in html and "Kakor och personuppgifter" not in html


def test_copies_of_a_project_share_compiled_templates_and_an_edit_is_compiled_anew(tmp_path):
    """The cache folder of compiled templates (Jinja's, in the temporary folder) is keyed by each
    template's name and text, not its path: a second copy of the project (a new site, a test's copy)
    reuses what the first compiled, and only an edited template is compiled again (and shows).
    Keyed by path, every copy added some 30 files: an hour of test runs left 13,000 (170 MB)."""
    env = {
        **os.environ,
        "TMPDIR": str(tmp_path / "tmp"),  # where Jinja's cache folder is made
        "FARDPLAN_PDF": "0",
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    (tmp_path / "tmp").mkdir()

    def build_copy(name: str, edit: bool = False) -> tuple[int, str]:
        project = copy_project(tmp_path / name)
        if edit:
            footer = project / "overrides" / "partials" / "copyright.html"
            footer.write_text(
                footer.read_text(encoding="utf-8").replace("Kakor och", "Kakor eller"), encoding="utf-8"
            )
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        [cache] = (tmp_path / "tmp").glob("_jinja2-cache-*")
        return len(list(cache.iterdir())), (project / "site" / "index.html").read_text(encoding="utf-8")

    compiled, _ = build_copy("first")
    assert compiled > 20  # the theme's templates and ours
    after_edit, html = build_copy("second", edit=True)  # one template of the copy edited
    assert after_edit == compiled + 1
    assert "Kakor eller personuppgifter" in html and "Kakor och personuppgifter" not in html


def test_compiled_templates_are_not_shared_between_ways_of_compiling():
    """The same template name and text compiled with and without autoescaping, or for async
    rendering, are separate entries: the escaping is compiled into the code (the data's text must
    never reach a page as markup), and async code cannot run as plain code or the other way round."""
    from concurrent.futures import ThreadPoolExecutor

    from jinja2 import DictLoader, Environment

    from fardplan.pages.render import template_cache

    templates = {"cell.html": "{{ text }}"}
    cache = template_cache()
    escaping = Environment(loader=DictLoader(templates), autoescape=True, bytecode_cache=cache)
    plain = Environment(loader=DictLoader(templates), autoescape=False, bytecode_cache=cache)
    asynchronous = Environment(loader=DictLoader(templates), enable_async=True, bytecode_cache=cache)
    assert plain.get_template("cell.html").render(text="<b>") == "<b>"
    assert escaping.get_template("cell.html").render(text="<b>") == "&lt;b&gt;"
    # Jinja renders async templates in an event loop of its own: in a thread, as the browser tests
    # may have a loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        assert thread.submit(asynchronous.get_template("cell.html").render, text="<b>").result() == "<b>"
