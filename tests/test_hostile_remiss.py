"""Remiss comments come from the whole internet (issue 10, classes 4 and 5): consent is the form's
exact yes, a typed name is not a confirmed remissinstans, control text never reaches a terminal, a
log, the data file or the site, and the GitHub token goes to the API's own origin only, over https.
Servers are local stand-ins on 127.0.0.1; nothing here reaches the network."""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fardplan import load_roadmap
from fardplan.cli import safe_text
from fardplan.commands import script
from fardplan.remiss import github as github_issues
from fardplan.remiss.answers import (
    CONFIRMED_LABEL,
    CONSENT_NO,
    CONSENT_YES,
    FORM_FIELDS,
    comment_from_issue,
    compile_issues,
    dump_compiled,
)
from fardplan.remiss.github import FetchError, fetch_issues
from support import DATA, ROOT, copy_project, run_in_process

SCRIPT = [sys.executable, str(ROOT / "scripts" / "remissvar.py")]
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "remissynpunkt.yml"
REPOSITORY = "exempelstaden/fardplan"
TODAY = date(2022, 3, 7)
# Control characters and escape sequences that must never survive: C0, DEL, C1, bidi overrides.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
WORKFLOW_COMMAND = re.compile(r"^\s*::|##\[", re.M)


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(DATA)


def form_body(**values: str | None) -> str:
    """An issue body as GitHub writes it from the form: "### Label", a blank line, the answer."""
    defaults = {
        "del": "organisation-och-styrning",
        "version": "2022-remiss",
        "remissinstans": "Äldrenämnden",
        "typ": "Nämnd",
        "stallningstagande": "Tillstyrker",
        "synpunkt": "Bra förslag.",
        "formulering": None,
        "kontakt": None,
        "allman-handling": "- [X] Jag vet",
        "publicera-namn": CONSENT_YES,
    }
    defaults.update({key.rstrip("_").replace("_", "-"): value for key, value in values.items()})
    return "\n\n".join(
        f"### {label}\n\n{defaults[field] if defaults[field] is not None else '_No response_'}"
        for field, label in FORM_FIELDS
    )


def issue(
    number: int = 40,
    labels: tuple[str, ...] = ("remiss",),
    created: object = "2022-02-20T10:00:00Z",
    **values: str | None,
) -> dict:
    return {
        "number": number,
        "html_url": f"https://github.com/{REPOSITORY}/issues/{number}",
        "created_at": created,
        "labels": [{"name": name} for name in labels],
        "body": form_body(**values),
    }


# --- Consent is the form's exact yes ---------------------------------------------------------------


def test_consent_constants_are_the_forms_options_word_for_word():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    [field] = [item for item in form["body"] if item.get("id") == "publicera-namn"]
    assert field["attributes"]["options"] == [CONSENT_YES, CONSENT_NO]


@pytest.mark.parametrize(
    "answer",
    [
        "Jag vill inte att namnet visas",
        "Ja",
        "ja",
        "Jaså, nej",
        "JA, NAMNET FÅR VISAS PÅ WEBBPLATSEN",
        "Ja, namnet får visas på webbplatsen men inte mitt efternamn",
        "Ja namnet får visas på webbplatsen",
        CONSENT_NO,
        "_No response_",
        "",
        "Ja, namnet får visas på webbplatsen\n\nNej förresten",
        "Ja,\u200b namnet får visas på webbplatsen",
        "yes",
        "true",
    ],
)
def test_only_the_forms_yes_lets_the_name_be_shown(answer):
    comment = comment_from_issue(issue(publicera_namn=answer))
    assert comment.name is None


@pytest.mark.parametrize("answer", [CONSENT_YES, f"  {CONSENT_YES}  ", f"{CONSENT_YES}\r\n"])
def test_the_forms_yes_trimmed_shows_the_name(answer):
    assert comment_from_issue(issue(publicera_namn=answer)).name == "Äldrenämnden"


# --- A typed name is not a confirmed remissinstans ------------------------------------------------


@pytest.mark.parametrize(
    "labels, confirmed",
    [
        (("remiss",), False),
        (("remiss", CONFIRMED_LABEL), True),
        (("remiss", "Bekräftad-remissinstans "), False),  # a look-alike label is not the label
    ],
)
def test_only_the_editors_label_confirms_a_remissinstans(labels, confirmed):
    assert comment_from_issue(issue(labels=labels)).confirmed is confirmed


def test_the_label_typed_into_the_comment_confirms_nothing():
    comment = comment_from_issue(
        issue(
            synpunkt=f"Etikett: {CONFIRMED_LABEL}\nlabels: [{CONFIRMED_LABEL}]", remissinstans=CONFIRMED_LABEL
        )
    )
    assert comment.confirmed is False


@pytest.fixture(scope="module")
def claimed_site(tmp_path_factory, roadmap) -> Path:
    """A real build whose compilation has one confirmed and two unconfirmed claims of invited names."""
    project = copy_project(tmp_path_factory.mktemp("claims"))
    issues = [
        issue(41, labels=("remiss", CONFIRMED_LABEL), remissinstans="Äldrenämnden"),
        issue(42, remissinstans="Stadsdelsnämnderna", stallningstagande="Avstyrker"),
        issue(43, remissinstans="Kommunala pensionärsrådet", typ="Privatperson"),
        issue(44, remissinstans="Anna Exempelsson", typ="Privatperson"),
    ]
    compilation = compile_issues(issues, roadmap, today=TODAY)
    assert compilation.problems == ()
    (project / "data" / "remissvar.yaml").write_text(
        dump_compiled(compilation.comments, REPOSITORY, TODAY), encoding="utf-8"
    )
    (project / "data" / "remissbemotande.yaml").unlink()
    site = tmp_path_factory.mktemp("claims-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", "2022-03-10")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


def claimed_page(site: Path) -> str:
    return (site / "remissvar" / "index.html").read_text(encoding="utf-8")


def respondent_rows(page: str) -> dict[str, list[int]]:
    [table] = re.findall(
        r"<caption>Antal synpunkter per remissinstans och ställningstagande</caption>(.*?)</table>",
        page,
        flags=re.S,
    )
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)[1:]:
        head = re.sub(r"<span class=\"fp-remiss-parts\">.*?</span>", "", row.split("</th>")[0])
        name = " ".join(re.sub(r"<[^>]+>", "", head).split())
        rows[name] = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", row)]
    return rows


def article(page: str, number: int) -> str:
    [found] = re.findall(rf'<article class="fp-answer" id="synpunkt-{number}".*?</article>', page, flags=re.S)
    return found


def test_unconfirmed_claims_are_shown_as_such_on_the_page(claimed_site):
    page = claimed_page(claimed_site)
    assert "(nämnd)</span>" in article(page, 41)
    assert "(nämnd, uppger sig företräda Stadsdelsnämnderna, inte bekräftat)" in article(page, 42)
    assert "(privatperson, uppger sig företräda Kommunala pensionärsrådet, inte bekräftat)" in article(
        page, 43
    )
    assert "uppger sig" not in article(page, 44)  # a private person's own name claims nothing


def test_counts_per_remissinstans_use_only_confirmed_answers(claimed_site):
    rows = respondent_rows(claimed_page(claimed_site))
    assert rows == {
        "Äldrenämnden (nämnd, inbjuden)": [1, 0, 0, 0, 1],
        "Inte bekräftade avsändare (nämnd)": [0, 0, 1, 0, 1],
        "Inte bekräftade avsändare (privatperson)": [2, 0, 0, 0, 2],
    }
    [listing] = re.findall(
        r'<div class="fp-not-answered">(.*?)</div>', claimed_page(claimed_site), flags=re.S
    )
    assert "<li>Stadsdelsnämnderna</li>" in listing and "<li>Kommunala pensionärsrådet</li>" in listing
    assert "<li>Äldrenämnden</li>" not in listing


def test_the_compilation_records_the_confirmation(roadmap):
    compilation = compile_issues(
        [issue(41, labels=("remiss", CONFIRMED_LABEL)), issue(42)], roadmap, today=TODAY
    )
    data = yaml.safe_load(dump_compiled(compilation.comments, REPOSITORY, TODAY))
    assert [(c["nummer"], c["bekräftad"]) for c in data["synpunkter"]] == [(41, True), (42, False)]


# --- Control text never reaches a terminal, a log, the data or the site ---------------------------

HOSTILE_TEXTS = [
    "röd \x1b[31mtext\x1b[0m",
    "titel \x1b]0;kapad\x07 och \x1b]8;;https://example.org\x1b\\länk\x1b]8;;\x1b\\",
    "rensa skärmen \x1b[2J\x1b[H",
    "klocka \x07\x07 och NUL \x00",
    "vertikal tab \x0b och sidbrytning \x0c",
    "C1 \x9b31m och \x85 och \x90",
    "omvänd \u202eedis\u202c text",
    "::error file=data/roadmap.yaml,line=1::falskt fel",
    "rad ett\n::add-mask::hemlig\nrad tre",
    "   ::stop-commands::token",
    "text\r::warning::efter vagnretur",
    "DEL \x7f tecken",
    "\x1bPdevice control\x1b\\ slut",
    "äldre syntax ##[error]kapad och ##[add-mask]hemlig",
]


def assert_clean(text: str) -> None:
    assert not FORBIDDEN.search(text), repr(text)
    assert not WORKFLOW_COMMAND.search(text), repr(text)


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
@pytest.mark.parametrize("field", ["synpunkt", "formulering", "remissinstans", "version"])
def test_control_text_is_neutralised_when_read(hostile, field):
    comment = comment_from_issue(issue(**{field: hostile}))
    value = {
        "synpunkt": comment.text,
        "formulering": comment.wording,
        "remissinstans": comment.name,
        "version": comment.version,
    }[field]
    assert_clean(value)


def test_a_neutralised_workflow_command_stays_readable():
    assert safe_text("rad\n::error::x\n  ::warning::y") == "rad\n: :error::x\n  : :warning::y"
    assert safe_text("röd \x1b[31mtext\x1b[0m") == "röd text"
    assert safe_text("se ##[error]x") == "se # #[error]x"


def run_script(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL")}
    base["FARDPLAN_TODAY"] = TODAY.isoformat()
    data = [] if "--data" in args else ["--data", str(DATA)]
    return subprocess.run(
        SCRIPT + data + list(args), capture_output=True, text=True, env={**base, **(env or {})}, cwd=cwd
    )


@pytest.fixture
def run_command(monkeypatch):
    """run_script's answer from the entry point scripts/remissvar.py calls, in this process
    (support.run_in_process), in the same environment: the cases of a parametrized test differ in
    their input, not in how Python starts (the tests without parameters run the script itself)."""
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        argv = [*([] if "--data" in args else ["--data", str(DATA)]), *args]
        return run_in_process(
            lambda: script("remissvar", "remissvar.py", ROOT),
            [str(ROOT / "scripts" / "remissvar.py"), *argv],
            ROOT,
            {"FARDPLAN_TODAY": TODAY.isoformat(), **(env or {})},
        )

    return run


def write_export(path: Path, issues: list) -> Path:
    path.write_text(json.dumps(issues, ensure_ascii=False), encoding="utf-8")
    return path


def test_control_text_never_reaches_the_data_file_the_terminal_or_the_site(tmp_path):
    project = copy_project(tmp_path / "project")
    issues = [
        issue(50 + n, synpunkt=text, formulering=text, remissinstans=f"Förening {n} {text}", typ="Förening")
        for n, text in enumerate(HOSTILE_TEXTS)
    ]
    export = write_export(tmp_path / "export.json", issues)
    out = project / "data" / "remissvar.yaml"
    result = run_script(
        "--fil", str(export), "--ut", str(out), "--data", str(project / "data" / "roadmap.yaml")
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_clean(result.stdout + result.stderr)
    compiled = out.read_text(encoding="utf-8")
    assert_clean(compiled)
    data = yaml.safe_load(compiled)
    for comment in data["synpunkter"]:
        for key in ("synpunkt", "formulering", "remissinstans"):
            assert_clean(comment[key])
    (project / "data" / "remissbemotande.yaml").unlink()
    site = tmp_path / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FARDPLAN_TODAY", "2022-03-10")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    for page in list(site.rglob("*.html")) + list(site.rglob("*.xml")) + list(site.rglob("*.rdf")):
        assert not FORBIDDEN.search(page.read_text(encoding="utf-8")), page
    assert ": :error file=data/roadmap.yaml,line=1::falskt fel" in claimed_html(site)


def claimed_html(site: Path) -> str:
    return (site / "remissvar" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "field, value",
    [
        ("stallningstagande", "Tycker till\n::error::kapad\x1b[2J"),
        ("typ", "\x1b]0;titel\x07::warning::x"),
        ("del", "::error::\x1b[31mx"),
    ],
)
def test_problems_that_quote_an_issue_print_no_control_text(run_command, tmp_path, field, value):
    export = write_export(tmp_path / "export.json", [issue(60, **{field: value})])
    previous = tmp_path / "remissvar.yaml"
    previous.write_text("förra\n", encoding="utf-8")
    result = run_command("--fil", str(export), "--ut", str(previous))
    assert result.returncode == 1
    assert "fel: 1 ärende kan inte läsas." in result.stderr and "Traceback" not in result.stderr
    assert_clean(result.stdout + result.stderr)
    assert previous.read_text(encoding="utf-8") == "förra\n"


def test_a_hostile_issue_url_and_number_are_neutralised(roadmap):
    hostile = issue(61, del_="finns-inte-heller")
    hostile["html_url"] = "https://github.com/x\n::error::kapad\x1b[2J"
    hostile["body"] = hostile["body"].replace(
        "### Ställningstagande\n\nTillstyrker", "### Ställningstagande\n\nNej"
    )
    broken = [hostile, {"number": True, "body": "\x1b[2J\n::error::x"}, {"number": -3}, {"number": "7"}]
    problems = compile_issues(broken, roadmap, today=TODAY).problems
    assert len(problems) == 4
    for problem in problems:
        assert not FORBIDDEN.search(problem)
        assert not WORKFLOW_COMMAND.search(problem)


# --- Dates out of range ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "created, message",
    [
        ("9999-12-31T23:59:59Z", "ärendet är daterat 9999-12-31 (created_at), vilket inte kan stämma"),
        ("0001-01-01T00:00:00Z", "ärendet är daterat 0001-01-01 (created_at), vilket inte kan stämma"),
        ("2022-13-01T00:00:00Z", "ärendet saknar ett läsbart datum (created_at)"),
        ("2022-03-01T10:00:00", "ärendet saknar ett läsbart datum (created_at)"),
        (12345, "ärendet saknar ett läsbart datum (created_at)"),
        (None, "ärendet saknar ett läsbart datum (created_at)"),
        ("2999-01-01T00:00:00Z", "ärendet är daterat 2999-01-01 (created_at), vilket inte kan stämma"),
        ("2022-03-09T00:00:00Z", "ärendet är daterat 2022-03-09 (created_at), vilket inte kan stämma"),
        ("1999-06-01T12:00:00Z", "ärendet är daterat 1999-06-01 (created_at), vilket inte kan stämma"),
    ],
)
def test_dates_out_of_range_are_named(roadmap, created, message):
    problems = compile_issues([issue(70, created=created)], roadmap, today=TODAY).problems
    assert problems == (f"ärende #70 (https://github.com/{REPOSITORY}/issues/70): {message}",)


def test_an_issue_from_late_tonight_utc_is_accepted(roadmap):
    # 23.30 UTC on 7 March is 00.30 on 8 March in Sweden: not in the future.
    compilation = compile_issues([issue(71, created="2022-03-07T23:30:00Z")], roadmap, today=TODAY)
    assert compilation.problems == () and compilation.comments[0].received == date(2022, 3, 8)


def test_a_date_out_of_range_keeps_the_previous_file(tmp_path):
    export = write_export(tmp_path / "export.json", [issue(72, created="9999-12-31T23:59:59Z")])
    previous = tmp_path / "remissvar.yaml"
    previous.write_bytes("förra\r\n".encode())
    result = run_script("--fil", str(export), "--ut", str(previous))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "ärende #72 (https://github.com/exempelstaden/fardplan/issues/72): ärendet är daterat 9999-12-31 "
        "(created_at), vilket inte kan stämma" in result.stderr
    )
    assert "Ingenting skrevs; den tidigare sammanställningen finns kvar." in result.stderr
    assert previous.read_bytes() == "förra\r\n".encode()


# --- The token goes to GitHub only ----------------------------------------------------------------


class Server:
    """A local HTTP server whose answers a test scripts; it records every request and its token."""

    def __init__(self, respond):
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("Authorization")))
                status, headers, body = respond(self.path, server)
                self.send_response(status)
                for key, value in {
                    "Content-Type": "application/json",
                    "Content-Length": str(len(body)),
                    **headers,
                }.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers():
    started = []

    def start(respond):
        server = Server(respond)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


ONE_ISSUE = json.dumps([issue(80)]).encode()


def serve_issues(path, server):
    return 200, {}, ONE_ISSUE


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_never_carries_the_token(servers, status):
    other = servers(serve_issues)
    first = servers(lambda path, server: (status, {"Location": f"{other.url}/steal{path}"}, b""))
    with pytest.raises(FetchError) as error:
        fetch_issues(REPOSITORY, "remiss", token="hemlig", api_url=first.url)
    assert str(error.value) == (
        f"GitHub skickade vidare till en annan adress (127.0.0.1:{other.url.rsplit(':', 1)[1]}, "
        f"svar {status}); avbryter, så att token inte lämnar GitHub."
    )
    assert error.value.code == github_issues.UNUSABLE
    assert first.requests[0][1] == "Bearer hemlig"
    assert all(token is None for _, token in other.requests)  # in fact: no request at all
    assert other.requests == []


def test_a_redirect_within_the_api_keeps_the_token(servers):
    def respond(path, server):
        if path.startswith("/repos/"):  # a renamed repository: GitHub redirects to its numeric id
            return 301, {"Location": "/repositories/123456/issues?labels=remiss&state=all&per_page=100"}, b""
        return 200, {}, ONE_ISSUE

    api = servers(respond)
    assert [i["number"] for i in fetch_issues(REPOSITORY, "remiss", token="hemlig", api_url=api.url)] == [80]
    assert [token for _, token in api.requests] == ["Bearer hemlig", "Bearer hemlig"]


@pytest.mark.parametrize(
    "target", ["{other}/page2", "https://127.0.0.1:{port}/page2", "//evil.invalid/page2"]
)
def test_pagination_links_never_lead_the_token_elsewhere(servers, target):
    other = servers(serve_issues)
    api = servers(
        lambda path, server: (
            200,
            {"Link": f'<{target.format(other=other.url, port=server.httpd.server_address[1])}>; rel="next"'},
            ONE_ISSUE,
        )
    )
    with pytest.raises(FetchError, match="GitHub pekade ut nästa sida på en annan adress") as error:
        fetch_issues(REPOSITORY, "remiss", token="hemlig", api_url=api.url)
    assert error.value.code == github_issues.UNUSABLE
    assert other.requests == [] and len(api.requests) == 1


@pytest.mark.parametrize(
    "api_url, message",
    [
        (
            "http://api.github.com",
            "använder http. Token skickas bara krypterat: adressen måste börja med https://.",
        ),
        ("http://example.org/api/v3", "använder http. Token skickas bara krypterat"),
        ("ftp://api.github.com", "är ingen giltig adress"),
        ("https://user:pass@api.github.com", "är ingen giltig adress"),
        ("https://api.github.com:port", "är ingen giltig adress"),
        ("api.github.com", "är ingen giltig adress"),
    ],
)
def test_the_token_is_never_sent_without_https(run_command, tmp_path, api_url, message):
    previous = tmp_path / "remissvar.yaml"
    previous.write_text("förra\n", encoding="utf-8")
    result = run_command("--ut", str(previous), env={"GITHUB_TOKEN": "hemlig", "GITHUB_API_URL": api_url})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"fel: API-adressen '{api_url}' (GITHUB_API_URL) ")
    assert message in result.stderr and "Traceback" not in result.stderr
    assert previous.read_text(encoding="utf-8") == "förra\n"


# --- Odd answers from the server ------------------------------------------------------------------


@pytest.mark.parametrize(
    "retry_after, waits",
    [
        ("7", [7.0]),
        ("Wed, 21 Oct 2015 07:28:00 GMT", [0.0]),  # a date in the past: try again at once
        ("-5", [60.0]),  # unreadable: GitHub's advice, a minute
        ("1e999", [60.0]),
        ("nan", [60.0]),
        ("3.5", [60.0]),
        ("soon", [60.0]),
        ("Fri, 99 Foo 99999 99:99:99 GMT", [60.0]),
    ],
)
def test_odd_retry_after_values_wait_sensibly(servers, retry_after, waits):
    answers = [(429, {"Retry-After": retry_after}, b"{}")]
    api = servers(lambda path, server: answers.pop(0) if answers else (200, {}, ONE_ISSUE))
    seen = []
    fetch_issues(REPOSITORY, "remiss", api_url=api.url, sleep=seen.append, now=lambda: 1_700_000_000.0)
    assert seen == waits


@pytest.mark.parametrize(
    "retry_after, note",
    [
        ("99999999999", ""),
        ("Fri, 31 Dec 9999 23:59:59 GMT", ""),
        ("-5", " GitHubs väntetid (Retry-After: '-5') gick inte att läsa."),
        ("\x1b[2J::error::x", " GitHubs väntetid (Retry-After: ': :error::x') gick inte att läsa."),
    ],
)
def test_a_long_or_odd_rate_limit_stops_with_its_own_exit_code(
    run_command, servers, tmp_path, retry_after, note
):
    api = servers(lambda path, server: (429, {"Retry-After": retry_after}, b"{}"))
    previous = tmp_path / "remissvar.yaml"
    previous.write_text("förra\n", encoding="utf-8")
    result = run_command("--ut", str(previous), "--vanta-hogst", "0", env={"GITHUB_API_URL": api.url})
    assert result.returncode == 4, result.stderr
    first = result.stderr.splitlines()[1]  # after the note that no token is set
    assert first.startswith(
        f"fel: GitHub begränsar antalet anrop just nu (svar 429, rate limit).{note} Försök igen "
    )
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert previous.read_text(encoding="utf-8") == "förra\n"


def deep(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


@pytest.mark.parametrize(
    "body, message",
    [
        (deep(100_000), "är för djupt nästlat för att vara ärenden från GitHub."),
        (deep(40), "är för djupt nästlat för att vara ärenden från GitHub."),
        (b'[{"a":' * 50 + b"1" + b"}]" * 50, "är för djupt nästlat för att vara ärenden från GitHub."),
        (b"<html>Gateway</html>", "är inte giltig JSON"),
        (b"\xff\xfe[]", "är inte giltig JSON"),
        (b'{"message": "ok"}', "GitHub svarade inte med en lista med ärenden"),
    ],
)
def test_unusable_answers_keep_the_previous_file(run_command, servers, tmp_path, body, message):
    api = servers(lambda path, server: (200, {}, body))
    previous = tmp_path / "remissvar.yaml"
    previous.write_text("förra\n", encoding="utf-8")
    result = run_command("--ut", str(previous), env={"GITHUB_API_URL": api.url, "GITHUB_TOKEN": "x"})
    assert result.returncode == 5, result.stderr
    assert result.stderr.startswith("fel: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert previous.read_text(encoding="utf-8") == "förra\n"


def test_a_page_too_large_is_refused(servers, monkeypatch):
    monkeypatch.setattr(github_issues, "MAX_PAGE_BYTES", 1000)
    api = servers(lambda path, server: (200, {}, b"[" + b" " * 2000 + b"]"))
    with pytest.raises(FetchError, match="GitHub skickade en sida större än") as error:
        fetch_issues(REPOSITORY, "remiss", api_url=api.url)
    assert error.value.code == github_issues.UNUSABLE


@pytest.mark.parametrize(
    "content, code, message",
    [
        (deep(100_000), 5, "fel: Exportfilen {name} är för djupt nästlad för att vara ärenden från GitHub."),
        (deep(40), 5, "fel: Exportfilen {name} är för djupt nästlad för att vara ärenden från GitHub."),
        (b"[]\n{}", 5, "fel: Exportfilen {name} ska innehålla en lista med ärenden."),
        (
            "[]".encode("utf-16"),
            5,
            "fel: Exportfilen {name} är inte sparad som UTF-8 (byte 0xff på rad 1 kan inte "
            "läsas); spara den som UTF-8 i din editor.",
        ),
        (None, 2, "fel: Exportfilen {name} finns inte."),
    ],
)
def test_unusable_exports_are_explained(run_command, tmp_path, content, code, message):
    export = tmp_path / "export.json"
    if content is not None:
        export.write_bytes(content)
    previous = tmp_path / "remissvar.yaml"
    previous.write_text("förra\n", encoding="utf-8")
    result = run_command("--fil", str(export), "--ut", str(previous))
    assert result.returncode == code, result.stderr
    assert result.stderr.splitlines()[0] == message.format(name=export)
    assert "Traceback" not in result.stderr
    assert previous.read_text(encoding="utf-8") == "förra\n"


def test_help_documents_the_exit_codes():
    result = run_script("--hjälp")
    assert result.returncode == 0
    for line in (
        "  0  sammanställningen skrevs",
        "  2  fel anrop:",
        "  3  GitHub gick inte att nå",
        "  4  GitHub begränsar antalet anrop",
        "  5  svaret från GitHub eller exportfilen går inte",
    ):
        assert line in result.stdout


def test_a_crlf_compilation_stays_crlf(tmp_path):
    export = write_export(tmp_path / "export.json", [issue(90, labels=("remiss", CONFIRMED_LABEL))])
    out = tmp_path / "remissvar.yaml"
    out.write_bytes(b"# tidigare\r\nsynpunkter: []\r\n")
    result = run_script("--fil", str(export), "--ut", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 10
    assert "bekräftad: true" in raw.decode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "export.json",
        "remissvar.yaml",
    ]  # no temporary file


@pytest.mark.parametrize("escaped", ["\\e[31m", "\\a", "\\0", "\\x9b", "\\v"])
def test_control_characters_written_into_the_compiled_file_by_hand_are_refused(roadmap, tmp_path, escaped):
    from fardplan import ValidationFailed
    from fardplan.remiss.answers import load_remiss_answers

    answers = tmp_path / "remissvar.yaml"
    answers.write_text(
        "github-förråd: exempelstaden/fardplan\nsammanställd: '2022-03-07'\nsynpunkter:\n"
        "- nummer: 1\n  del: hela-fardplanen\n  typ: privatperson\n  ställningstagande: tillstyrker\n"
        f"  synpunkt: \"Bra {escaped} förslag.\"\n  inkom: '2022-02-01'\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as error:
        load_remiss_answers(roadmap, answers, tmp_path / "saknas.yaml", answers_name="remissvar.yaml")
    problems = [d.text() for d in error.value.diagnostics]
    # The reader names the character too; no message prints it.
    assert all(text.isprintable() for text in problems), problems
    [problem] = [text for text in problems if "kör scripts/remissvar.py igen" in text]
    # How the value is quoted is the schema module's business; the place and the advice are ours.
    assert problem.startswith("remissvar.yaml:8:13: ")
    assert problem.endswith(
        "texten får inte vara tom eller innehålla styrtecken; kör scripts/remissvar.py igen i "
        "stället för att ändra filen för hand (i synpunkter[nr 1].synpunkt)"
    )
