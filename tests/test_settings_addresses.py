"""Addresses from the data and from mkdocs.yml become links: each must be one plain address, and
every link built from them is encoded (issue 10, class 2). A hostile value gets a located or named
Swedish message, and a build with one fails before anything is written."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from fardplan import load_roadmap, validate_file
from fardplan.data.addresses import EMAIL_HINT, EMAIL_PATTERN
from fardplan.versions.opendata import OpenDataSettings
from fardplan.remiss.period import check_remiss_settings, mailto_url, remiss_view
from fardplan.data.source import parse_source
from fardplan.pages.source_links import LinkSettingsError, source_links
from support import DATA, ROOT, copy_project, line_of

MKDOCS = str(Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "mkdocs")
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

HOSTILE_REPOSITORIES = [
    "exempelstaden/fardplan",
    "http://github.com/exempelstaden/fardplan",
    "javascript:alert(1)//github.com/exempelstaden/fardplan",
    "https://github.com@angripare.example/exempelstaden/fardplan",
    "https://github.com/exempelstaden/fardplan?ref=x",
    "https://github.com/exempelstaden/fardplan#x",
    'https://github.com/exempelstaden/fardplan"><script>alert(1)</script>',
    "https://github.com/exempelstaden/fardplan/tree/main",
    "https://github.com/exempelstaden/..",
    "https://github.com/-x/fardplan",
    "https://github.com /exempelstaden/fardplan",
    "https://git hub.com/exempelstaden/fardplan",
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


def remiss_source(email: str):
    text = DATA.read_text(encoding="utf-8").replace(f"e-post: {REAL_EMAIL}", f"e-post: {json.dumps(email)}")
    assert json.dumps(email) in text
    return text


# --- remiss.e-post in the data ----------------------------------------------------------------------


def shown(value: str) -> str:
    """A value as messages quote it: invisible characters named, never printed."""
    return "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in value)


@pytest.mark.parametrize("email", HOSTILE_EMAILS)
def test_a_hostile_remiss_address_is_one_located_swedish_error(tmp_path, email):
    text = remiss_source(email)
    path = tmp_path / "roadmap.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_file(path, name="data/roadmap.yaml")
    assert [d.text() for d in result.errors] == [
        f"data/roadmap.yaml:{line_of(text, '  e-post:')}:11: '{shown(email)}' går inte att använda: {EMAIL_HINT} "
        "(i remiss.e-post)"
    ]
    assert result.roadmap is None


@pytest.mark.parametrize("email", HOSTILE_EMAILS)
def test_the_python_check_refuses_what_the_schema_refuses(email):
    """The check in remiss.py stands on its own, should the schema's pattern ever be loosened."""
    source = parse_source(remiss_source(email).encode("utf-8"), "data/roadmap.yaml")
    [problem] = check_remiss_settings(source)
    assert problem.path == "remiss.e-post" and EMAIL_HINT in problem.message


def test_schema_and_core_share_one_pattern_and_message():
    schema = json.loads((ROOT / "data" / "roadmap.schema.json").read_text(encoding="utf-8"))
    email = schema["properties"]["remiss"]["properties"]["e-post"]
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


# --- extra.fardplan and site_url in mkdocs.yml -------------------------------------------------------


@pytest.mark.parametrize("repository", HOSTILE_REPOSITORIES)
def test_a_hostile_repository_setting_is_refused_in_swedish(repository):
    with pytest.raises(LinkSettingsError) as error:
        source_links({"repository": repository}, "data/roadmap.yaml")
    assert str(error.value).startswith("extra.fardplan.repository i mkdocs.yml ska vara förrådets webbadress")
    assert repository.strip().rstrip("/") in str(error.value)


@pytest.mark.parametrize("branch", HOSTILE_BRANCHES)
def test_a_hostile_branch_setting_is_refused_in_swedish(branch):
    with pytest.raises(
        LinkSettingsError, match="extra.fardplan.branch i mkdocs.yml är inte ett giltigt grennamn"
    ):
        source_links(
            {"repository": "https://github.com/exempelstaden/fardplan", "branch": branch}, "data/roadmap.yaml"
        )


def test_edit_links_encode_the_branch_and_the_data_path():
    links = source_links(
        {"repository": "https://github.example.se/exempelstaden/fardplan", "branch": "remiss/vår"},
        "data/min färdplan.yaml",
    )
    assert links.edit_url(12) == (
        "https://github.example.se/exempelstaden/fardplan/edit/remiss/v%C3%A5r/"
        "data/min%20f%C3%A4rdplan.yaml#L12"
    )


@pytest.mark.parametrize("setting", ["url", "uri"])
@pytest.mark.parametrize("address", HOSTILE_WEB_ADDRESSES)
def test_a_hostile_licence_address_is_refused_in_swedish(setting, address):
    licence = {
        "namn": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/deed.sv",
        setting: address,
    }
    with pytest.raises(ValueError, match=f"extra.fardplan.licens.{setting} i mkdocs.yml: "):
        OpenDataSettings.from_config(None, {"licens": licence}, "2022")


@pytest.mark.parametrize("address", HOSTILE_WEB_ADDRESSES)
def test_a_hostile_site_url_is_refused_in_swedish(address):
    with pytest.raises(ValueError, match="site_url i mkdocs.yml: "):
        OpenDataSettings.from_config(address, {}, "2022")


@pytest.mark.parametrize("email", HOSTILE_EMAILS)
def test_a_hostile_contact_address_is_refused_in_swedish(email):
    with pytest.raises(ValueError) as error:
        OpenDataSettings.from_config(None, {"kontakt-epost": email}, "2022")
    assert (
        str(error.value)
        == f"extra.fardplan.kontakt-epost i mkdocs.yml: '{email}' går inte att använda: {EMAIL_HINT}"
    )


def test_the_contact_link_has_one_recipient():
    settings = OpenDataSettings.from_config(None, {"kontakt-epost": "fardplan@exempelstaden.example"}, "2022")
    assert settings.contact_url == "mailto:fardplan@exempelstaden.example"


# --- A real build with a hostile setting -------------------------------------------------------------


def set_in_config(config: dict, key: str, value) -> None:
    if key == "site_url":
        config["site_url"] = value
    elif key.startswith("licens."):
        config["extra"]["fardplan"]["licens"][key.split(".")[1]] = value
    else:
        config["extra"]["fardplan"][key] = value


@pytest.mark.parametrize(
    "key, value, message",
    [
        (
            "repository",
            "https://github.com@angripare.example/exempelstaden/fardplan",
            "extra.fardplan.repository i mkdocs.yml ska vara förrådets webbadress",
        ),
        (
            "branch",
            'main"><script>alert(1)</script>',
            "extra.fardplan.branch i mkdocs.yml är inte ett giltigt grennamn",
        ),
        (
            "kontakt-epost",
            "fardplan@exempelstaden.example?bcc=angripare.example",
            "extra.fardplan.kontakt-epost i mkdocs.yml",
        ),
        ("licens.url", "javascript:alert(1)", "extra.fardplan.licens.url i mkdocs.yml"),
        ("site_url", "javascript://exempelstaden.github.io/%0Aalert(1)", "site_url i mkdocs.yml"),
    ],
)
def test_a_build_with_a_hostile_setting_fails_before_anything_is_written(tmp_path, key, value, message):
    project = copy_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    # mkdocs.yml holds !ENV-free plain YAML; rewrite it with the one value changed.
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    set_in_config(config, key, value)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("förra bygget", encoding="utf-8")

    done = subprocess.run(
        [MKDOCS, "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "förra bygget"


@pytest.mark.parametrize("repository", ["exempelstaden/..", "exempelstaden/."])
def test_a_repository_name_that_climbs_out_is_refused(tmp_path, repository):
    """The pattern allows dots in a name; '..' would make the issue links leave the repository."""
    text = DATA.read_text(encoding="utf-8").replace(
        "github-förråd: exempelstaden/fardplan", f"github-förråd: {repository}"
    )
    path = tmp_path / "roadmap.yaml"
    path.write_text(text, encoding="utf-8")
    assert [d.text() for d in validate_file(path, name="data/roadmap.yaml").errors] == [
        f"data/roadmap.yaml:{line_of(text, '  github-förråd:')}:18: '{repository}' går inte "
        "att använda: förrådets namn kan inte vara . eller .. (i remiss.github-förråd)"
    ]
