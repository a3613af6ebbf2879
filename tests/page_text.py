"""The text of a built page as a reader sees it, one line per block: what the before-and-after test
(test_page_text.py) compares. Markup, scripts, styles and icons are left out, so a change of
classes, templates or engines that shows the same words passes, and a change of words does not."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

# Elements whose content a reader does not read as text.
HIDDEN = {"script", "style", "svg", "template", "head"}
# Elements that start a new line of text.
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section",
    "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        if tag == "img" and not self.hidden:
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f" [{alt}] ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The page's title, then its text, one line per block, spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    title = " ".join("".join(parser.title).split())
    return "\n".join([f"titel: {title}", *(line for line in lines if line)]) + "\n"


def site_texts(site: Path) -> dict[str, str]:
    """Every HTML page of a built site, by its path in the site, with its text."""
    return {
        page.relative_to(site).as_posix(): page_text(page.read_text(encoding="utf-8"))
        for page in sorted(site.rglob("*.html"))
    }
