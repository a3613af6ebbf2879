"""`python3 scripts/dev.py check` as test_editorial_changes.py runs it on its edited clone: the
clone's own scripts/check_content.py (run from the clone's folder), with its browser part limited
to the pages whose content (Material's <article>) is not the same as on the example's page in the
site given as the argument. browser/test_every_page.py opens every page of that site; the shared
parts of the edited site (menu, banners, the page's date and PDF link) are checked on each page
opened here.

    python tests/changed_pages_check.py EXAMPLE_SITE
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, "scripts")
import check_content
import check_site

# What differs by build, not by content: the date of the last commit (the example's copy is no git
# repository) and the link to the PDF (the example's build has it).
BUILD_LINES = re.compile(r'<p class="fp-(last-changed|pdf-link)">.*?</p>')


def article(page: Path) -> str | None:
    found = re.search(r'<article class="md-content__inner.*?</article>', page.read_text("utf-8"), re.S)
    return found and " ".join(BUILD_LINES.sub("", found[0]).split())


def changed_pages(site: Path, example: Path) -> list[str]:
    """The site's pages whose article differs from the example's; the others are printed."""
    pages = check_site.site_pages(site)

    def same_as_example(path: str) -> bool:
        theirs = example / path / "index.html"
        mine = article(site / path / "index.html")
        return theirs.is_file() and mine is not None and mine == article(theirs)

    same = [path for path in pages if same_as_example(path)]
    print("   Samma innehåll som i exemplet:", " ".join("/" + path for path in same))
    return [path for path in pages if path not in same]


def main() -> int:
    example = Path(sys.argv.pop(1))
    check_content.check_site = lambda site, executable: check_site.check_site(
        site, executable, pages=changed_pages(site, example)
    )
    return check_content.main([])


if __name__ == "__main__":
    sys.exit(main())
