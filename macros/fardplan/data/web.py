"""What the core's two API clients (GitHub issues, Kolada) share: whose address is whose, and how
deep an answer may nest. Standard library only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}  # plain http is allowed only here, for tests
MAX_DEPTH = 32  # an issue from the GitHub API nests about six levels deep, Kolada's data four


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of `url` (port -1 when it is not a number): two addresses with the
    same origin may share a token and a connection."""
    parts = urlsplit(url)
    try:
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:  # a port that is not a number
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON data nests deeper than `limit` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False
