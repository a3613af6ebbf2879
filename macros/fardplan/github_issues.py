"""Read a repository's remiss issues from GitHub's REST API, every page, with clear Swedish errors.

Standard library only (urllib), so the core keeps its small set of dependencies. The network call
is the only thing here; what the issues mean is remissvar.py's business.
"""
from __future__ import annotations

import email.utils
import http.client
import json
import re
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

DEFAULT_API = "https://api.github.com"
API_VERSION = "2022-11-28"
MAX_PAGES = 100  # 10 000 issues: far beyond any remiss; stops a server that never ends its pages
MAX_RETRIES = 3
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class FetchError(Exception):
    """Reading from GitHub failed; the message says what happened and what to do, in Swedish."""


def next_page(link_header: str | None) -> str | None:
    """The rel="next" address from a Link header, if there is one."""
    if not link_header:
        return None
    for part in link_header.split(","):
        match = _NEXT.search(part)
        if match:
            return match.group(1)
    return None


def issues_url(api_url: str, repository: str, label: str) -> str:
    query = urlencode({"labels": label, "state": "all", "per_page": 100})
    return f"{api_url.rstrip('/')}/repos/{repository}/issues?{query}"


def fetch_issues(repository: str, label: str, *, token: str | None = None, api_url: str = DEFAULT_API,
                 timeout: float = 30, max_wait: float = 60,
                 sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], float] = time.time) -> list[dict[str, Any]]:
    """Every issue with the label, open and closed, following the Link header page by page.

    When GitHub limits the rate (403 or 429 with X-RateLimit-Remaining: 0 or Retry-After), waits
    and tries again if the wait is at most `max_wait` seconds, otherwise stops with a clear error.
    """
    url: str | None = issues_url(api_url, repository, label)
    host = urlsplit(url).netloc
    headers = {
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": API_VERSION,
        "User-Agent": "fardplan-remissvar",
    }
    if token:
        headers["Authorization"] = f"Bearer {token}"
    issues: list[dict[str, Any]] = []
    pages = 0
    while url:
        pages += 1
        if pages > MAX_PAGES:
            raise FetchError(f"GitHub skickade fler än {MAX_PAGES} sidor med ärenden; avbryter.")
        if urlsplit(url).netloc != host:
            # The token must never travel to another host than the one we asked.
            raise FetchError(f"GitHub pekade ut nästa sida på en annan adress ({urlsplit(url).netloc}); avbryter.")
        body, link = _get(url, headers, repository, timeout=timeout, max_wait=max_wait, sleep=sleep, now=now)
        try:
            page = json.loads(body)
        except ValueError:
            raise FetchError(f"GitHub svarade med något som inte är JSON ({url}).") from None
        if not isinstance(page, list):
            raise FetchError(f"GitHub svarade inte med en lista med ärenden ({url}).")
        issues.extend(page)
        url = next_page(link)
    return issues


def _get(url: str, headers: dict[str, str], repository: str, *, timeout: float, max_wait: float,
         sleep: Callable[[float], None], now: Callable[[], float]) -> tuple[bytes, str | None]:
    for attempt in range(MAX_RETRIES + 1):
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read(), response.headers.get("Link")
        except urllib.error.HTTPError as error:
            wait = _rate_limit_wait(error, now())
            if wait is not None:
                if wait > max_wait or attempt == MAX_RETRIES:
                    raise FetchError(_rate_limit_message(error, wait, now())) from None
                sleep(wait)
                continue
            raise FetchError(_http_message(error, repository)) from None
        except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, dropped connections
            reason = getattr(error, "reason", None) or error
            raise FetchError(f"Kunde inte nå GitHub ({urlsplit(url).netloc}): {reason}. "
                             "Kontrollera nätverket och försök igen.") from None
    raise AssertionError("unreachable")  # pragma: no cover


def _rate_limit_wait(error: urllib.error.HTTPError, now: float) -> float | None:
    """Seconds to wait before trying again, or None when the error is not about the rate limit."""
    if error.code not in (403, 429):
        return None
    retry_after = error.headers.get("Retry-After")
    if retry_after:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            when = email.utils.parsedate_to_datetime(retry_after)
            return max(0.0, when.timestamp() - now) if when else None
    if error.headers.get("X-RateLimit-Remaining") == "0":
        reset = error.headers.get("X-RateLimit-Reset")
        try:
            return max(0.0, float(reset) - now + 1) if reset else 60.0
        except ValueError:
            return 60.0
    # 429 without a hint: GitHub's advice for secondary limits is to wait at least a minute.
    return 60.0 if error.code == 429 else None


def _rate_limit_message(error: urllib.error.HTTPError, wait: float, now: float) -> str:
    until = datetime.fromtimestamp(now + wait, tz=timezone.utc).strftime("%H:%M")
    return (f"GitHub begränsar antalet anrop just nu (svar {error.code}, rate limit). Försök igen efter "
            f"kl. {until} UTC, eller använd en token (GITHUB_TOKEN) som får göra fler anrop.")


def _http_message(error: urllib.error.HTTPError, repository: str) -> str:
    if error.code == 401:
        return ("GitHub godtog inte token (ogiltig token, svar 401). Kontrollera GITHUB_TOKEN: "
                "den kan ha gått ut eller vara felskriven.")
    if error.code == 403:
        return (f"GitHub nekade åtkomst till {repository} (svar 403). Token saknar behörighet att läsa "
                "ärenden i förrådet.")
    if error.code == 404:
        return (f"GitHub hittar inte förrådet {repository} (svar 404). Kontrollera github-förråd i "
                "data/roadmap.yaml, och att token får läsa förrådet om det inte är öppet.")
    return f"GitHub svarade med fel {error.code} ({error.reason}). Försök igen om en stund."
