"""Before and after: the example site, built on a fixed day, shows the same text on every page as
the recorded text in tests/snapshots/page-text/ (one file per page, as page_text.py reads it).

A change to the code that should not change what readers see (a refactoring, a new engine, a
moved template) must pass this test unchanged. A change that means to change the pages shows its
effect here, page by page, and is accepted by recording the new text and committing it with the
change, so that the review sees what readers will see:

    python3 scripts/dev.py test tests/test_page_text.py --update-page-text
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from page_text import page_text, site_texts
from support import copy_project

SNAPSHOT = Path(__file__).parent / "snapshots" / "page-text"
# A day while the example's revision is on remiss: the build shows no date of its own.
DAY = "2026-12-01"


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path_factory.mktemp("page-text") / "project")
    site = project / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", DAY)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site_texts(site)


def recorded() -> dict[str, str]:
    return {
        file.relative_to(SNAPSHOT).with_suffix(".html").as_posix(): file.read_text(encoding="utf-8")
        for file in sorted(SNAPSHOT.rglob("*.txt"))
    }


def test_every_page_shows_the_recorded_text(texts, request):
    if request.config.getoption("--update-page-text"):
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        for page, text in texts.items():
            file = SNAPSHOT / Path(page).with_suffix(".txt")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
    before = recorded()
    assert len(before) >= 20, "no recorded text: run with --update-page-text once"
    assert sorted(texts) == sorted(before), "pages added or gone"
    changed = {
        page: "".join(
            difflib.unified_diff(
                before[page].splitlines(keepends=True),
                texts[page].splitlines(keepends=True),
                f"före/{page}",
                f"efter/{page}",
                n=1,
            )
        )
        for page in texts
        if texts[page] != before[page]
    }
    assert not changed, (
        f"{len(changed)} pages show other text than recorded (if that is meant, record it with "
        "--update-page-text and commit tests/snapshots/):\n" + "\n".join(changed.values())[:6000]
    )


def test_the_text_is_the_words_without_markup_scripts_or_icons():
    html = (
        "<html><head><title>Rubrik | Sajt</title><style>p{}</style></head><body>"
        "<p>Ett <b>ord</b> och&nbsp;ett &lt;script&gt;</p><script>alert(1)</script>"
        '<svg><text>ikon</text></svg><img src="a.png" alt="Bild">'
        "<table><tr><th>Behov</th><td>Nationellt</td></tr></table></body></html>"
    )
    assert page_text(html) == "titel: Rubrik | Sajt\nEtt ord och ett <script>\n[Bild]\nBehov\nNationellt\n"
