"""The package as someone installs it: a wheel (not this checkout) in a fresh venv with only the
locked build set builds the example site, with MkDocs and with ProperDocs, to the same pages.

The MkDocs build has the PDF (its print stylesheet comes from the wheel). The ProperDocs build is
made without it (FARDPLAN_PDF=0): the core renders the PDF from the data before any page is
written, the same code under either engine, and rendering it again would double the test's work.
Its pages are compared with MkDocs's less the lines that link to the PDF, and nothing else may
differ."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from fardplan.data.schema import SCHEMAS
from support import ROOT, copy_project

SCHEMA_NAMES = ("roadmap.schema.json", "remissvar.schema.json", "remissbemotande.schema.json")
# ProperDocs names itself in Material's generator tag; nothing else may differ.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
PDF_LINK = re.compile(r'^.*type="application/pdf".*\n', re.M)  # a line that links to the PDF


def test_the_package_ships_the_schemas_that_editors_tools_read():
    for name in SCHEMA_NAMES:
        shipped, editors = SCHEMAS / name, ROOT / "data" / name
        assert shipped.read_bytes() == editors.read_bytes(), (
            f"{editors.relative_to(ROOT)} and {shipped.relative_to(ROOT)} differ: the build reads the "
            "package's copy, editors' tools the one in data/. Copy the one you changed over the other."
        )


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv with the locked build set, ProperDocs, and the package from a wheel: its bin folder."""
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"  # built from a copy: setuptools writes build/ and egg-info beside it
    shutil.copytree(
        ROOT / "macros", source / "macros", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    shutil.copy(ROOT / "pyproject.toml", source)
    # The build backend's PEP 517 hook, as `pip wheel --no-build-isolation` calls it, without pip's
    # own start-up (a second of CPU).
    backend = tomllib.loads((source / "pyproject.toml").read_text("utf-8"))["build-system"]["build-backend"]
    _run(sys.executable, "-c", f"import sys, {backend} as b; b.build_wheel(sys.argv[1])", folder, cwd=source)
    [wheel] = folder.glob("fardplan-*.whl")
    venv.create(folder / "venv")
    python = folder / "venv" / "bin" / "python"
    # uv (locked in the dev group) installs the same hash-checked files as pip, in seconds
    install = [Path(sys.executable).with_name("uv"), "pip", "install", "-q", "--python", python]
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    _run(*install, "--require-hashes", "-r", ROOT / "requirements-properdocs.txt", env=env)
    _run(*install, "--no-deps", wheel, env=env)
    return python.parent


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The example project without the core's source and without the schemas in data/: whatever
    the build needs from them must come from the installed package."""
    project = copy_project(tmp_path_factory.mktemp("packaged") / "project")
    shutil.rmtree(project / "macros" / "fardplan")
    for name in SCHEMA_NAMES:
        (project / "data" / name).unlink()
    return project


def _venv_env(bin: Path) -> dict[str, str]:
    env = {**os.environ, "PATH": f"{bin}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(bin.parent)}
    # The fresh venv holds no compiled code: the first process writes it, so that the next ones
    # do not compile the same modules again (the environment may say not to write it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _build(bin: Path, engine: str, project: Path, site: Path, pdf: bool) -> None:
    env = _venv_env(bin)
    env.update(NO_MKDOCS_2_WARNING="1", FARDPLAN_TODAY="2022-03-01", FARDPLAN_PDF=str(int(pdf)))
    _run(bin / engine, "build", "--strict", "--site-dir", site, cwd=project, env=env)


def _pages(site: Path) -> dict[str, str]:
    return {
        str(page.relative_to(site)): GENERATOR.sub("", page.read_text(encoding="utf-8"))
        for page in site.rglob("*.html")
    }


@pytest.mark.slow
def test_an_installed_wheel_builds_the_site_with_mkdocs_and_properdocs_alike(installed, project, tmp_path):
    where = _run(
        installed / "python", "-c", "import fardplan; print(fardplan.__file__)", env=_venv_env(installed)
    ).stdout
    assert Path(where.strip()).is_relative_to(installed.parent), where  # not this checkout

    _build(installed, "mkdocs", project, tmp_path / "mkdocs", pdf=True)
    mkdocs = _pages(tmp_path / "mkdocs")
    # the templates, the print stylesheet and the schema came from the wheel
    assert "Personal med rätt kompetens och bra arbetsförhållanden" in mkdocs["index.html"]
    assert [p.name for p in (tmp_path / "mkdocs").glob("fardplan-*.pdf")], "no PDF"
    assert (tmp_path / "mkdocs" / "data" / "roadmap.schema.json").read_bytes() == (
        SCHEMAS / "roadmap.schema.json"
    ).read_bytes()

    _build(installed, "properdocs", project, tmp_path / "properdocs", pdf=False)
    properdocs = _pages(tmp_path / "properdocs")
    assert properdocs.keys() == mkdocs.keys()
    assert PDF_LINK.search(mkdocs["index.html"]), "no link to the PDF"
    for page, html in mkdocs.items():
        assert properdocs[page] == PDF_LINK.sub("", html), page
