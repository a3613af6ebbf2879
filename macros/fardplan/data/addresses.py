"""E-mail and web addresses from settings: one plain address each, and links built from them.

An address that reaches a link is a way in: `registrator@exempelstaden.se?bcc=…` in a `mailto:`
would copy every answer to someone else, `javascript:` runs script, and
`https://github.com@elsewhere.example/` leads elsewhere. So each setting must be one plain address
(checked here with Swedish messages), and links are built with its parts percent-encoded.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# One plain address: no ? & % = / " < > ' or spaces, exactly one @, a domain of dot-separated
# labels (Swedish letters allowed) ending in a top-level domain of letters. The schema
# (data/roadmap.schema.json, remiss.e-post) has the same pattern; a test keeps them equal.
_LABEL = "[A-Za-z0-9ÅÄÖåäö]([A-Za-z0-9ÅÄÖåäö-]{0,61}[A-Za-z0-9ÅÄÖåäö])?"
EMAIL_PATTERN = rf"^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*@({_LABEL}\.)+[A-Za-z]{{2,63}}$"
EMAIL_HINT = (
    "skriv en enda e-postadress, till exempel registrator@exempelstaden.se, "
    "utan mellanslag och utan tecknen ? & % = / \" < > '"
)
_EMAIL = re.compile(EMAIL_PATTERN)
_MAX_EMAIL_LENGTH = 254
# A host name (or localhost), optionally with a port; no user name before an @.
_HOST = re.compile(rf"^({_LABEL}\.)*{_LABEL}(:[0-9]{{1,5}})?$")
# Characters that never belong in a plain web address written in a setting.
_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`{}|\\^\x00-\x1f\x7f]")
# GitHub's rules for an owner (user or organisation) and a repository name.
_OWNER = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,38})$")
_REPO = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


class SettingsError(ValueError):
    """A setting in mkdocs.yml cannot be used; the message says which and why, in Swedish."""


def is_plain_email(value: object) -> bool:
    return isinstance(value, str) and len(value) <= _MAX_EMAIL_LENGTH and bool(_EMAIL.match(value))


def email_problem(value: object) -> str | None:
    """Why `value` is not one plain e-mail address (Swedish), or None."""
    return None if is_plain_email(value) else f"'{value}' går inte att använda: {EMAIL_HINT}"


def mailto(address: str, query: str = "") -> str:
    """A mailto: link (RFC 6068) to one checked address; `query` is already encoded."""
    if not is_plain_email(address):
        raise ValueError(f"'{address}' är inte en enda e-postadress")
    return f"mailto:{quote(address, safe='@')}" + (f"?{query}" if query else "")


def web_address_problem(value: object, *, schemes: tuple[str, ...] = ("https", "http")) -> str | None:
    """Why `value` is not a plain web address (Swedish), or None."""
    if not isinstance(value, str) or not value.strip():
        return "skriv en webbadress, till exempel https://exempelstaden.se/"
    if _UNSAFE_IN_URL.search(value):
        return (
            f"'{value}' går inte att använda: en webbadress får inte innehålla mellanslag eller "
            f"tecknen \" ' < > ` {{ }} | \\ ^"
        )
    parts = urlsplit(value)
    if parts.scheme.lower() not in schemes:
        return f"'{value}' går inte att använda: adressen ska börja med {' eller '.join(s + '://' for s in schemes)}"
    if not _HOST.match(parts.netloc):
        return (
            f"'{value}' går inte att använda: efter {parts.scheme}:// ska webbplatsens namn stå, "
            "utan användarnamn eller @"
        )
    return None


def repository_problem(value: str) -> str | None:
    """Why `value` is not https://HOST/OWNER/REPO (Swedish), or None."""
    problem = web_address_problem(value, schemes=("https",))
    if problem:
        return problem
    parts = urlsplit(value)
    owner_repo = parts.path.strip("/").split("/")
    if (
        parts.query
        or parts.fragment
        or len(owner_repo) != 2
        or not _OWNER.match(owner_repo[0])
        or not _REPO.match(owner_repo[1])
        or owner_repo[1] in {".", ".."}
    ):
        return f"'{value}' går inte att använda: efter webbplatsens namn ska bara ÄGARE/NAMN stå"
    return None
