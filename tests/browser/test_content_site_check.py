"""The browser part of `python3 scripts/dev.py check` (scripts/check_site.py) finds what only a
built site shows: links that lead nowhere, requests to other websites, inaccessible markup."""

from __future__ import annotations

import shutil
import sys

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from check_site import check_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_browser_check_finds_broken_links_outside_requests_and_inaccessible_markup(
    browser, built_site, tmp_path
):
    site = shutil.copytree(built_site, tmp_path / "site")  # the example site, changed below
    assert check_site(site, browser=browser) == []  # the example passes

    page = site / "tidslinje" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace(
            "</article>",
            '<a href="../finns-inte/">borta</a>'
            '<a href="../omraden/grunduppdraget/#inget-sadant-id">fel ställe</a>'
            '<img src="https://example.org/bild.png" alt="bild"><a href="../"></a></article>',
            1,
        ),
        encoding="utf-8",
    )
    assert sorted(check_site(site, browser=browser)) == sorted(
        [
            "/tidslinje/: länken går till /finns-inte/, som inte finns",
            "/tidslinje/: länken går till /omraden/grunduppdraget/#inget-sadant-id, men det finns inget ställe "
            "med id 'inget-sadant-id' på den sidan",
            "/tidslinje/: sidan hämtar något från en annan webbplats: https://example.org/bild.png",
            '/tidslinje/: tillgänglighet: en länk saknar text (axe-regeln link-name, vid a[href="../"])',
        ]
    )
