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
from urllib.parse import urlencode, urljoin, urlsplit

from fardplan.data.text import safe_text

DEFAULT_API = "https://api.github.com"
API_VERSION = "2022-11-28"
MAX_PAGES = 100  # 10 000 issues: far beyond any remiss; stops a server that never ends its pages
MAX_RETRIES = 3
MAX_PAGE_BYTES = 20 * 1024 * 1024  # a page of 100 issues is well under 1 MB
MAX_DEPTH = 32  # an issue from the API nests about six levels deep
LOOPBACK = {"127.0.0.1", "localhost", "::1"}  # plain http is allowed only here, for tests
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')
_SECONDS = re.compile(r"\s*[0-9]{1,12}\s*")

# What went wrong, as the script's exit code (see scripts/remissvar.py --hjälp).
WRONG_USE = 2  # an API address that is not https
UNREACHABLE = 3  # no connection, or GitHub answered with an error
RATE_LIMITED = 4  # GitHub limits the rate longer than we may wait
UNUSABLE = 5  # the answer (or a saved export) cannot be used: not JSON, too deep, too big, elsewhere


class FetchError(Exception):
    """Reading from GitHub failed; the message says what happened and what to do, in Swedish, and
    `code` says what kind of failure it was."""

    def __init__(self, message: str, code: int = UNREACHABLE):
        super().__init__(message)
        self.code = code


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:  # a port that is not a number
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def check_api_url(api_url: str) -> None:
    """The token may travel only over https (plain http only to this machine, for tests)."""
    parts = urlsplit(api_url)
    scheme, host, port = _origin(api_url)
    if not host or port == -1 or parts.username or parts.password or scheme not in ("https", "http"):
        raise FetchError(
            f"API-adressen {safe_text(api_url)!r} (GITHUB_API_URL) är ingen giltig adress; "
            "den ska se ut som https://api.github.com.",
            WRONG_USE,
        )
    if scheme == "http" and host not in LOOPBACK:
        raise FetchError(
            f"API-adressen {safe_text(api_url)!r} (GITHUB_API_URL) använder http. Token skickas "
            "bara krypterat: adressen måste börja med https://.",
            WRONG_USE,
        )


def next_page(link_header: str | None, base: str | None = None) -> str | None:
    """The rel="next" address from a Link header, if there is one (resolved against `base`)."""
    if not link_header:
        return None
    for part in link_header.split(","):
        match = _NEXT.search(part)
        if match:
            return urljoin(base, match.group(1)) if base else match.group(1)
    return None


def issues_url(api_url: str, repository: str, label: str) -> str:
    query = urlencode({"labels": label, "state": "all", "per_page": 100})
    return f"{api_url.rstrip('/')}/repos/{repository}/issues?{query}"


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


def parse_json(text: str | bytes, where: str) -> Any:
    """One JSON document, with Swedish errors for broken, too deeply nested or absurd content."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise FetchError(
            f"{where} är för djupt nästlat för att vara ärenden från GitHub.", UNUSABLE
        ) from None
    except ValueError as error:  # also bytes that are not UTF-8
        raise FetchError(f"{where} är inte giltig JSON ({error}).", UNUSABLE) from None
    if too_deep(value):
        raise FetchError(f"{where} är för djupt nästlat för att vara ärenden från GitHub.", UNUSABLE)
    return value


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """urllib follows redirects with every header, the token included: follow them only within
    the API's own origin (scheme, host and port), never to another host or from https to http."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urljoin(req.full_url, newurl)
        if _origin(target) != _origin(req.full_url):
            fp.close()
            raise FetchError(
                f"GitHub skickade vidare till en annan adress ({safe_text(urlsplit(target).netloc)}, "
                f"svar {code}); avbryter, så att token inte lämnar GitHub.",
                UNUSABLE,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(api_url: str) -> urllib.request.OpenerDirector:
    handlers: list[Any] = [_SameOriginRedirects()]
    if _origin(api_url)[1] in LOOPBACK:  # never hand a token for this machine to a proxy
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def fetch_issues(
    repository: str,
    label: str,
    *,
    token: str | None = None,
    api_url: str = DEFAULT_API,
    timeout: float = 30,
    max_wait: float = 60,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], float] = time.time,
) -> list[dict[str, Any]]:
    """Every issue with the label, open and closed, following the Link header page by page.

    When GitHub limits the rate (403 or 429 with X-RateLimit-Remaining: 0 or Retry-After), waits
    and tries again if the wait is at most `max_wait` seconds, otherwise stops with a clear error.
    The token goes only to the API's own origin, over https.
    """
    check_api_url(api_url)
    url: str | None = issues_url(api_url, repository, label)
    origin = _origin(url)
    opener = _opener(api_url)
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
            raise FetchError(f"GitHub skickade fler än {MAX_PAGES} sidor med ärenden; avbryter.", UNUSABLE)
        if _origin(url) != origin:
            # The token must never travel to another host than the one we asked, nor over http.
            raise FetchError(
                f"GitHub pekade ut nästa sida på en annan adress ({safe_text(urlsplit(url).netloc)}); "
                "avbryter, så att token inte lämnar GitHub.",
                UNUSABLE,
            )
        body, link = _get(
            opener, url, headers, repository, timeout=timeout, max_wait=max_wait, sleep=sleep, now=now
        )
        page = parse_json(body, f"Svaret från GitHub ({safe_text(url)})")
        if not isinstance(page, list):
            raise FetchError(f"GitHub svarade inte med en lista med ärenden ({safe_text(url)}).", UNUSABLE)
        issues.extend(page)
        url = next_page(link, url)
    return issues


def _get(
    opener: urllib.request.OpenerDirector,
    url: str,
    headers: dict[str, str],
    repository: str,
    *,
    timeout: float,
    max_wait: float,
    sleep: Callable[[float], None],
    now: Callable[[], float],
) -> tuple[bytes, str | None]:
    for attempt in range(MAX_RETRIES + 1):
        request = urllib.request.Request(url, headers=headers)
        try:
            with opener.open(request, timeout=timeout) as response:
                body = response.read(MAX_PAGE_BYTES + 1)
                if len(body) > MAX_PAGE_BYTES:
                    raise FetchError(
                        f"GitHub skickade en sida större än {MAX_PAGE_BYTES // 2**20} MB; avbryter.", UNUSABLE
                    )
                return body, response.headers.get("Link")
        except urllib.error.HTTPError as error:
            wait, odd = _rate_limit_wait(error, now())
            if wait is not None:
                if wait > max_wait or attempt == MAX_RETRIES:
                    raise FetchError(_rate_limit_message(error, wait, now(), odd), RATE_LIMITED) from None
                sleep(wait)
                continue
            raise FetchError(_http_message(error, repository)) from None
        except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, dropped connections
            reason = getattr(error, "reason", None) or error
            raise FetchError(
                f"Kunde inte nå GitHub ({safe_text(urlsplit(url).netloc)}): {safe_text(str(reason))}. "
                "Kontrollera nätverket och försök igen."
            ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(value: str, now: float) -> float | None:
    """Seconds from a Retry-After header: a whole number of seconds or an HTTP date; None when it
    is neither (negative, fractional, "inf", garbage) or a date outside what a clock can hold."""
    if _SECONDS.fullmatch(value):
        return float(int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return max(0.0, when.timestamp() - now)
    except (TypeError, ValueError, IndexError, OverflowError, OSError):
        return None


def _rate_limit_wait(error: urllib.error.HTTPError, now: float) -> tuple[float | None, str | None]:
    """Seconds to wait before trying again (None when the error is not about the rate limit), and
    the Retry-After value when it could not be read."""
    if error.code not in (403, 429):
        return None, None
    retry_after = error.headers.get("Retry-After")
    odd = None
    if retry_after is not None:
        wait = _retry_after(retry_after, now)
        if wait is not None:
            return wait, None
        odd = retry_after
    if error.headers.get("X-RateLimit-Remaining") == "0":
        reset = error.headers.get("X-RateLimit-Reset") or ""
        if _SECONDS.fullmatch(reset):
            return max(0.0, int(reset) - now + 1), odd
        return 60.0, odd
    # 429 (or an unreadable Retry-After) without other hints: GitHub's advice for secondary
    # limits is to wait at least a minute.
    return (60.0, odd) if error.code == 429 or odd is not None else (None, None)


def _rate_limit_message(error: urllib.error.HTTPError, wait: float, now: float, odd: str | None) -> str:
    if wait <= 2 * 86400:
        until = datetime.fromtimestamp(now + wait, tz=timezone.utc).strftime("%H:%M")
        when = f"efter kl. {until} UTC"
    else:
        when = "om ett par dygn"
    note = f" GitHubs väntetid (Retry-After: {safe_text(odd[:40])!r}) gick inte att läsa." if odd else ""
    return (
        f"GitHub begränsar antalet anrop just nu (svar {error.code}, rate limit).{note} Försök igen "
        f"{when}, eller använd en token (GITHUB_TOKEN) som får göra fler anrop."
    )


def _http_message(error: urllib.error.HTTPError, repository: str) -> str:
    if error.code == 401:
        return (
            "GitHub godtog inte token (ogiltig token, svar 401). Kontrollera GITHUB_TOKEN: "
            "den kan ha gått ut eller vara felskriven."
        )
    if error.code == 403:
        return (
            f"GitHub nekade åtkomst till {repository} (svar 403). Token saknar behörighet att läsa "
            "ärenden i förrådet."
        )
    if error.code == 404:
        return (
            f"GitHub hittar inte förrådet {repository} (svar 404). Kontrollera förråd under "
            "inställningar i data/roadmap.yaml, och att token får läsa förrådet om det inte är öppet."
        )
    if 300 <= error.code < 400:
        return (
            f"GitHub svarade med en omdirigering ({error.code}) som inte kan följas. Försök igen om en stund."
        )
    return (
        f"GitHub svarade med fel {error.code} ({safe_text(str(error.reason))[:80]}). Försök igen om en stund."
    )
