"""Addresses from the data's settings become links: each must be one plain address, and every
link built from them is encoded (issue 10, class 2). A hostile value gets a located Swedish
message, and a build with one fails before anything is written."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from fardplan import load_roadmap, validate_file
from fardplan.data.addresses import EMAIL_HINT, EMAIL_PATTERN
from fardplan.data.model import Settings
from fardplan.data.settings import check_settings
from fardplan.data.source import parse_source
from fardplan.pages.source_links import source_links
from fardplan.remiss.period import mailto_url, remiss_view
from fardplan.versions.opendata import OpenDataSettings
from support import DATA, ROOT, copy_project, failed_build, line_of

REAL_EMAIL = "registrator@exempelstaden.se"
# Each tries to turn one address into more: copies, other recipients, other headers, markup.
HOSTILE_EMAILS = [
    "registrator@exempelstaden.se?bcc=angripare%40example.com",
    "registrator@exempelstaden.se?cc=angripare@example.com",
    "registrator@exempelstaden.se&bcc=angripare.example.com",
    "registrator@exempelstaden.se%0D%0ABcc:angripare.example.com",
    "registrator@exempelstaden.se,angripare@example.com",
    "registrator@exempelstaden.se angripare@example.com",
    "registrator@exempelstaden.se=",
    "registrator@exempelstaden.se/../x",
    '"><script>alert(1)</script>@exempelstaden.se',
    "registrator@exempelstaden.se'><svg onload=alert(1)>",
    "<registrator@exempelstaden.se>",
    "javascript:alert(1)//@exempelstaden.se",
    "registrator@@exempelstaden.se",
    "registrator@exempelstaden",
    "registrator@-exempelstaden.se",
    "registrator@exempelstaden..se",
    ".registrator@exempelstaden.se",
    "registrator@exempelstaden.se\t",
]
PLAIN_EMAILS = [REAL_EMAIL, "fornamn.efternamn+remiss@kommun.åre.se", "remiss_2022@stad-x.example"]

# inställningar.förråd is owner/name on GitHub; anything else could lead the links elsewhere.
HOSTILE_REPOSITORIES = [
    "https://github.com/exempelstaden/fardplan",
    "javascript:alert(1)//exempelstaden/fardplan",
    "github.com@angripare.example/fardplan",
    "exempelstaden/fardplan?ref=x",
    "exempelstaden/fardplan#x",
    'exempelstaden/fardplan"><script>alert(1)</script>',
    "exempelstaden/fardplan/tree/main",
    "-x/fardplan",
    "exempelstaden /fardplan",
]
HOSTILE_BRANCHES = [
    'main"><script>alert(1)</script>',
    "main?x=1",
    "main#L1",
    "main%2F..",
    "a b",
    "../main",
    "-main",
    "main.lock",
    "main/",
    "ma\x07in",
]
HOSTILE_WEB_ADDRESSES = [
    "javascript:alert(1)",
    "javascript://creativecommons.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://creativecommons.org/"><script>alert(1)</script>',
    "https://creativecommons.org/' onmouseover='alert(1)",
    "https://user@angripare.example/",
    "ftp://creativecommons.org/",
    "https:///x",
    "https://creativecommons.org/a b",
]


def with_setting(key: str, value: str, text: str | None = None) -> str:
    """The example's data with one setting under inställningar replaced (or added)."""
    text = text or DATA.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = lines.index("inställningar:")
    written = f"  {key}: {json.dumps(value, ensure_ascii=False)}"
    for number in range(start + 1, len(lines)):
        if not lines[number].startswith("  "):
            lines.insert(number, written)
            break
        if lines[number].startswith(f"  {key}:"):
            lines[number] = written
            break
    return "\n".join(lines)


def remiss_source(email: str):
    return with_setting("remiss-epost", email)


def errors_for(tmp_path, text: str) -> list[str]:
    path = tmp_path / "roadmap.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_file(path, name="data/roadmap.yaml")
    assert result.roadmap is None
    return [d.text() for d in result.errors]


def shown(value: str) -> str:
    """A value as messages quote it: invisible characters named, never printed."""
    return "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in value)


# --- E-mail addresses: remiss-epost and kontakt-epost -------------------------------------------------


@pytest.mark.parametrize("key", ["remiss-epost", "kontakt-epost"])
@pytest.mark.parametrize("email", HOSTILE_EMAILS)
def test_a_hostile_email_setting_is_one_located_swedish_error(tmp_path, key, email):
    text = with_setting(key, email)
    assert errors_for(tmp_path, text) == [
        f"data/roadmap.yaml:{line_of(text, f'  {key}:')}:{len(key) + 5}: '{shown(email)}' går inte att använda: "
        f"{EMAIL_HINT} (i inställningar.{key})"
    ]


@pytest.mark.parametrize("email", HOSTILE_EMAILS)
def test_the_python_check_refuses_what_the_schema_refuses(email):
    """The check in data/settings.py stands on its own, should the schema's pattern ever be loosened."""
    source = parse_source(remiss_source(email).encode("utf-8"), "data/roadmap.yaml")
    [problem] = check_settings(source)
    assert problem.path == "inställningar.remiss-epost" and EMAIL_HINT in problem.message


def test_schema_and_core_share_one_pattern_and_message():
    schema = json.loads((ROOT / "data" / "roadmap.schema.json").read_text(encoding="utf-8"))
    for key in ("remiss-epost", "kontakt-epost"):
        email = schema["properties"]["inställningar"]["properties"][key]
        assert (email["pattern"], email["x-felmeddelande"]) == (EMAIL_PATTERN, EMAIL_HINT)


@pytest.mark.parametrize("email", PLAIN_EMAILS)
def test_plain_addresses_are_accepted_and_the_mailto_has_one_recipient(tmp_path, email):
    path = tmp_path / "roadmap.yaml"
    path.write_text(remiss_source(email), encoding="utf-8")
    roadmap = load_roadmap(path)
    url = mailto_url(roadmap.document, roadmap.remiss, "hela-fardplanen", roadmap.document.title)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == email
    assert set(parse_qs(parts.query)) == {"subject", "body"}
    view = remiss_view(roadmap, roadmap.remiss.opens)
    assert unquote(urlsplit(view.contact_url).path) == email and not urlsplit(view.contact_url).query


def test_the_contact_link_has_one_recipient():
    settings = OpenDataSettings.from_settings(
        Settings(contact_email="fardplan@exempelstaden.example"), "2022"
    )
    assert settings.contact_url == "mailto:fardplan@exempelstaden.example"


# --- förråd, gren, webbplats and licens -----------------------------------------------------------------


@pytest.mark.parametrize("repository", HOSTILE_REPOSITORIES)
def test_a_hostile_repository_setting_is_refused_in_swedish(tmp_path, repository):
    text = with_setting("förråd", repository)
    [message] = errors_for(tmp_path, text)
    assert message.startswith(f"data/roadmap.yaml:{line_of(text, '  förråd:')}:11: ")
    assert "skriv förrådet som ägare/namn" in message and message.endswith("(i inställningar.förråd)")


@pytest.mark.parametrize("repository", ["exempelstaden/..", "exempelstaden/."])
def test_a_repository_name_that_climbs_out_is_refused(tmp_path, repository):
    """The pattern allows dots in a name; '..' would make the links leave the repository."""
    text = with_setting("förråd", repository)
    assert errors_for(tmp_path, text) == [
        f"data/roadmap.yaml:{line_of(text, '  förråd:')}:11: '{repository}' går inte "
        "att använda: förrådets namn kan inte vara . eller .. (i inställningar.förråd)"
    ]


@pytest.mark.parametrize("branch", HOSTILE_BRANCHES)
def test_a_hostile_branch_setting_is_refused_in_swedish(tmp_path, branch):
    text = with_setting("gren", branch)
    messages = errors_for(tmp_path, text)  # a control character is also named where it stands
    assert messages and all(m.startswith(f"data/roadmap.yaml:{line_of(text, '  gren:')}:") for m in messages)
    assert any(m.endswith("(i inställningar.gren)") or "styrtecken" in m for m in messages)


def test_edit_links_encode_the_branch_and_the_data_path():
    links = source_links(
        Settings(repository="exempelstaden/fardplan", branch="remiss/vår"), "data/min färdplan.yaml"
    )
    assert links.edit_url(12) == (
        "https://github.com/exempelstaden/fardplan/edit/remiss/v%C3%A5r/data/min%20f%C3%A4rdplan.yaml#L12"
    )


def test_no_repository_means_no_edit_links_and_no_issue_links(tmp_path):
    path = tmp_path / "roadmap.yaml"
    path.write_text(with_setting("förråd", ""), encoding="utf-8")
    roadmap = load_roadmap(path)
    assert source_links(roadmap.settings, "data/roadmap.yaml") is None
    links = remiss_view(roadmap, roadmap.remiss.opens).links["hela-fardplanen"]
    assert (links.comment_url, links.search_url) == (None, None) and links.mail_url.startswith("mailto:")


@pytest.mark.parametrize("address", HOSTILE_WEB_ADDRESSES + ["http://exempelstaden.github.io/fardplan/"])
def test_a_hostile_site_address_is_refused_in_swedish(tmp_path, address):
    text = with_setting("webbplats", address)
    [message] = errors_for(tmp_path, text)
    assert message.startswith(f"data/roadmap.yaml:{line_of(text, '  webbplats:')}:14: ")
    assert message.endswith("(i inställningar.webbplats)")


@pytest.mark.parametrize("setting", ["url", "uri"])
@pytest.mark.parametrize("address", HOSTILE_WEB_ADDRESSES)
def test_a_hostile_licence_address_is_refused_in_swedish(tmp_path, setting, address):
    licence = {
        "namn": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/deed.sv",
        setting: address,
    }
    text = DATA.read_text(encoding="utf-8").replace(
        "inställningar:\n", f"inställningar:\n  licens: {json.dumps(licence, ensure_ascii=False)}\n"
    )
    [message] = errors_for(tmp_path, text)
    assert message.startswith(f"data/roadmap.yaml:{line_of(text, '  licens:')}:")
    assert message.endswith(f"(i inställningar.licens.{setting})")


# --- A real build with a hostile setting -------------------------------------------------------------


def build_fails_before_anything_is_written(project: Path, caplog) -> str:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("förra bygget", encoding="utf-8")
    logged = failed_build(project, caplog)
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "förra bygget"
    return logged


@pytest.mark.parametrize(
    "key, value",
    [
        ("förråd", "github.com@angripare.example/fardplan"),
        ("gren", 'main"><script>alert(1)</script>'),
        ("kontakt-epost", "fardplan@exempelstaden.example?bcc=angripare.example"),
        ("webbplats", "javascript://exempelstaden.github.io/%0Aalert(1)"),
    ],
)
def test_a_build_with_a_hostile_setting_fails_before_anything_is_written(tmp_path, caplog, key, value):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "roadmap.yaml"
    data.write_text(with_setting(key, value, data.read_text(encoding="utf-8")), encoding="utf-8")
    assert f"(i inställningar.{key})" in build_fails_before_anything_is_written(project, caplog)


def test_a_setting_left_in_mkdocs_yml_fails_the_build_and_says_where_it_goes(tmp_path, caplog):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_name: Färdplan\n",
            "site_name: Färdplan\nsite_url: https://exempelstaden.github.io/fardplan/\n",
        ),
        encoding="utf-8",
    )
    logged = build_fails_before_anything_is_written(project, caplog)
    assert (
        "site_url i mkdocs.yml: skriv värdet i data/roadmap.yaml under inställningar som webbplats" in logged
    )
