"""Small text helpers for Swedish output and for putting data safely into Markdown."""

from __future__ import annotations

import posixpath
import re
from datetime import date

from markupsafe import Markup, escape

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

# Characters Python-Markdown treats as syntax and accepts a backslash before (its ESCAPED_CHARS;
# '>' and '<' are HTML-escaped first). Any other character keeps a backslash visibly, as in
# "Coronakommissionen\: …", so only these are escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_date(value: object) -> date | None:
    """A date written YYYY-MM-DD that exists in the calendar (an RFC 3339 full-date, as the
    schema's "date" format means), or None. Python alone would also take 20240131 or 2024-W05."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def swedish_date(value: date) -> str:
    """20 januari 2022."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def markdown_text(value: str) -> Markup:
    """Data text for a Markdown line (such as a heading): HTML-escaped, then Markdown-escaped.

    Data is never markup: `<script>` and `*stars*` must reach the reader as typed.
    """
    escaped = str(escape(" ".join(value.split())))
    # Escape Markdown syntax outside the entities that escape() produced (&amp; &lt; ...).
    parts = re.split(r"(&[a-z]+;|&#\d+;)", escaped)
    return Markup(
        "".join(
            p if p.startswith("&") and p.endswith(";") else _MARKDOWN_SPECIAL.sub(r"\\\1", p) for p in parts
        )
    )


def paragraphs(value: str | None) -> list[str]:
    """Split a text into paragraphs at blank lines; single line breaks join into spaces."""
    if not value:
        return []
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", value.strip()) if block.strip()]


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative directory URLs
    ('' for the start page, 'omraden/x/' for a page, optionally with '#anchor'), so that the
    site works under any path (mike puts each version in a folder of its own)."""
    path, hash_, anchor = to_url.partition("#")
    from_dir = from_url if (not from_url or from_url.endswith("/")) else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + path, "/" + from_dir)
    if path.endswith("/") or not path:
        target = "./" if target == "." else target + "/"
    return target + hash_ + anchor


# --- Text from outside, on its way to a terminal or a CI log ----------------------------------------

# ANSI/VT escape sequences (CSI, OSC and two-byte forms), then every other control character but
# tab and line feed: C0, DEL and C1. Bidirectional overrides would reorder what a reader sees.
_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# GitHub's runner reads a line as a workflow command (::error::, ::add-mask::, ::stop-commands::)
# when it starts with "::" after leading white space, and its older syntax "##[command]" anywhere.
_WORKFLOW_COMMAND = re.compile(r"^(\s*):(?=:)", re.M)
_LEGACY_COMMAND = re.compile(r"#(?=#\[)")


def safe_text(text: str) -> str:
    """Text without escape sequences and control characters (tab and line feed stay; a carriage
    return becomes a line feed), and nothing GitHub Actions would run as a workflow command: a
    line's leading "::" becomes ": :", and "##[" becomes "# #["."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return _LEGACY_COMMAND.sub("# ", _WORKFLOW_COMMAND.sub(r"\1: ", text))
