"""Read key figures from Kolada, the open database of municipal key figures run by RKA.

Standard library only (urllib), like github_issues.py. The API is read-only and needs no token.
Every answer is `{"values": [...], "count": N, "next_page": URL}`; `next_page` is there only when
more pages follow. A data item is `{"kpi", "municipality", "period", "values": [{"gender": T|K|M,
"value": number or null, ...}]}`. The values are written to a file of their own (data/kolada.json),
in the shape of a measure's `värden`, which the build reads for measures whose source is Kolada.
"""

from __future__ import annotations

import http.client
import json
import math
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

from fardplan.data.text import safe_text
from fardplan.data.web import LOOPBACK, origin, too_deep

DEFAULT_API = "https://api.kolada.se"
API_VERSION = "v2"  # the only place that names the version: v3 has the same paths
NATIONAL = "0000"  # Kolada's id for Riket, the whole country
SOURCE = "Kolada (RKA)"
MAX_PAGES = 200  # 5 000 items a page: far beyond a färdplan's handful of key figures
MAX_RETRIES = 3  # after the first try; waits 1, 2 and 4 seconds
MAX_PAGE_BYTES = 50 * 1024 * 1024
GENDERS = {"T": "värde", "K": "kvinnor", "M": "män"}

# Exit codes, as for scripts/remissvar.py.
WRONG_USE = 2
UNREACHABLE = 3
UNUSABLE = 5


class KoladaError(Exception):
    """Reading from Kolada failed; the message says what happened, in Swedish; `code` is the exit code."""

    def __init__(self, message: str, code: int = UNREACHABLE):
        super().__init__(message)
        self.code = code


def data_url(api_url: str, kpis: list[str], municipalities: list[str]) -> str:
    return (
        f"{api_url.rstrip('/')}/{API_VERSION}/data/kpi/{quote(','.join(kpis), safe=',')}"
        f"/municipality/{quote(','.join(municipalities), safe=',')}"
    )


def check_api_url(api_url: str) -> None:
    scheme, host, port = origin(api_url)
    parts = urlsplit(api_url)
    if (
        not host
        or port == -1
        or parts.username
        or parts.password
        or scheme not in ("https", "http")
        or parts.query
        or parts.fragment
    ):
        raise KoladaError(
            f"API-adressen {safe_text(api_url)!r} (KOLADA_API_URL) är ingen giltig adress; "
            f"den ska se ut som {DEFAULT_API}.",
            WRONG_USE,
        )
    if scheme == "http" and host not in LOOPBACK:
        raise KoladaError(
            f"API-adressen {safe_text(api_url)!r} (KOLADA_API_URL) använder http: adressen "
            "måste börja med https://.",
            WRONG_USE,
        )


def fetch_data(
    kpis: list[str],
    municipality: str,
    *,
    api_url: str = DEFAULT_API,
    timeout: float = 30,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict[str, Any]]:
    """Every data item for the key figures, for the municipality and Riket, following `next_page`."""
    check_api_url(api_url)
    first = data_url(api_url, kpis, [municipality, NATIONAL])
    home = origin(first)
    url: str | None = first
    opener = urllib.request.build_opener(*([urllib.request.ProxyHandler({})] if home[1] in LOOPBACK else []))
    items: list[dict[str, Any]] = []
    pages = 0
    while url:
        pages += 1
        if pages > MAX_PAGES:
            raise KoladaError(f"Kolada skickade fler än {MAX_PAGES} sidor; avbryter.", UNUSABLE)
        if origin(url) != home:
            raise KoladaError(
                f"Kolada pekade ut nästa sida på en annan adress ({safe_text(urlsplit(url).netloc)}); "
                "avbryter.",
                UNUSABLE,
            )
        page = _page(_get(opener, url, timeout=timeout, sleep=sleep), url)
        items.extend(page["values"])
        url = page.get("next_page") or None
    return items


def _get(
    opener: urllib.request.OpenerDirector, url: str, *, timeout: float, sleep: Callable[[float], None]
) -> bytes:
    for attempt in range(MAX_RETRIES + 1):
        last = attempt == MAX_RETRIES
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": "fardplan-kolada"}
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                body: bytes = response.read(MAX_PAGE_BYTES + 1)
                if len(body) > MAX_PAGE_BYTES:
                    raise KoladaError(
                        f"Kolada skickade en sida större än {MAX_PAGE_BYTES // 2**20} MB; avbryter.", UNUSABLE
                    )
                return body
        except urllib.error.HTTPError as error:
            # A server error or a rate limit may pass: try again. A wrong request will not.
            if (error.code >= 500 or error.code == 429) and not last:
                sleep(2**attempt)
                continue
            raise KoladaError(_http_message(error.code, safe_text(str(error.reason))[:80])) from None
        except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, dropped connections
            if not last:
                sleep(2**attempt)
                continue
            reason = getattr(error, "reason", None) or error
            raise KoladaError(
                f"Kunde inte nå Kolada ({safe_text(urlsplit(url).netloc)}): {safe_text(str(reason))}. "
                "Kontrollera nätverket och försök igen."
            ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _http_message(code: int, reason: str) -> str:
    if code == 400:
        return (
            "Kolada förstod inte frågan (svar 400): kontrollera nyckeltalens id under källa: kolada "
            "och kommunkoden."
        )
    if code == 404:
        return f"Kolada hittar inte adressen (svar 404). Har API-versionen {API_VERSION} ändrats?"
    return (
        f"Kolada svarade med fel {code} ({reason}), också efter {MAX_RETRIES} nya försök. Försök igen senare."
    )


def _page(body: bytes, url: str) -> dict[str, Any]:
    where = f"Svaret från Kolada ({safe_text(url)})"
    try:
        page = json.loads(body)
    except RecursionError:
        raise KoladaError(f"{where} är för djupt nästlat.", UNUSABLE) from None
    except ValueError as error:
        raise KoladaError(f"{where} är inte giltig JSON ({error}).", UNUSABLE) from None
    if (
        too_deep(page)
        or not isinstance(page, dict)
        or not isinstance(page.get("values"), list)
        or not isinstance(page.get("next_page", ""), (str, type(None)))
    ):
        raise KoladaError(f'{where} har inte formen {{"values": [...], "count": N}}.', UNUSABLE)
    for item in page["values"]:
        if not _is_item(item):
            raise KoladaError(
                f"{where} har ett värde som inte går att läsa: {safe_text(json.dumps(item))[:200]}", UNUSABLE
            )
    return page


def _is_item(item: Any) -> bool:
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("kpi"), str)
        or not isinstance(item.get("municipality"), str)
        or not isinstance(item.get("values"), list)
    ):
        return False
    period = item.get("period")
    if not isinstance(period, int) or isinstance(period, bool) or not 1900 <= period <= 2099:
        return False
    for value in item["values"]:
        if not isinstance(value, dict) or not isinstance(value.get("gender"), str):
            return False
        number = value.get("value")
        if number is not None and (
            isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number)
        ):
            return False
    return True


def values_by_kpi(items: list[dict[str, Any]], municipality: str) -> dict[str, list[dict[str, Any]]]:
    """Per key figure, one entry per year (oldest first) in the shape of a measure's `värden`:
    the municipality's total as `värde`, women and men where Kolada divides by gender, Riket as
    `riket`. A year without the municipality's total is left out (null means missing or secret)."""
    years: dict[str, dict[int, dict[str, Any]]] = {}
    for item in items:
        by_year = years.setdefault(item["kpi"], {})
        for value in item["values"]:
            key = GENDERS.get(value["gender"])
            if key is None or value.get("value") is None:
                continue
            if item["municipality"] == municipality:
                by_year.setdefault(item["period"], {})[key] = value["value"]
            elif item["municipality"] == NATIONAL and key == "värde":
                by_year.setdefault(item["period"], {})["riket"] = value["value"]
    result = {}
    for kpi in sorted(years):
        entries = [
            {"år": year, **{k: row[k] for k in ("värde", "riket", "kvinnor", "män") if k in row}}
            for year, row in sorted(years[kpi].items())
            if "värde" in row
        ]
        result[kpi] = entries
    return result


def values_text(municipality: str, fetched: str, values: dict[str, list[dict[str, Any]]]) -> str:
    document = {
        "källa": SOURCE,
        "api": f"{DEFAULT_API}/{API_VERSION}",
        "kommun": municipality,
        "hämtad": fetched,
        "nyckeltal": values,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
