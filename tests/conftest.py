"""Fixtures shared by all tests: a small valid roadmap, files written on the fly, a project copy,
and the guard that keeps every test off the live content (data/roadmap.yaml and the remiss files)."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, settings

from live_content import REPORT, collect_live_uses
from support import FIXTURES, copy_project

# Rendering the PDF costs more than the rest of a build: builds in tests (in this process and in
# every mkdocs, mike or script a test starts) leave it out unless a test asks for it. The shared
# `example_site` below has it, and tests/test_pdf_document.py checks it.
os.environ.setdefault("FARDPLAN_PDF", "0")
# The tests start nearly two hundred Python processes (mkdocs, mike, the scripts), each of which would
# otherwise compile the project's modules and the theme's and our Jinja templates anew when
# PYTHONDONTWRITEBYTECODE is set (as in many container images): they keep compiled code, as a
# developer's machine does (fardplan.pages.render.template_cache).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(autouse=True)
def no_live_content():
    """The tool's tests read the example färdplan (support.EXAMPLE), never the editors' files."""
    collect_live_uses()
    yield
    uses = collect_live_uses()
    assert not uses, (
        "this test used the live content; read support.DATA or build a support.copy_project "
        "instead:\n  " + "\n  ".join(uses)
    )


def pytest_collection_modifyitems(config, items):
    """The files with slow tests first, then the browser's, then the rest, each file's tests together
    and in their order. pytest-xdist hands whole files to the two workers in this order
    (`--dist loadfile --no-loadscope-reorder` in pyproject.toml); by default it orders them by
    their number of tests, so the slowest files, which have few tests, came last, and one worker
    ran the last of them while the other had nothing left to do."""
    rank: dict[str, int] = {}
    for item in items:
        path = item.nodeid.split("::")[0]
        weight = 0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2
        rank[path] = min(weight, rank.get(path, weight))
    items.sort(key=lambda item: rank[item.nodeid.split("::")[0]])  # stable: each file stays in order


def pytest_collection_finish(session):
    uses = collect_live_uses()
    if uses:
        raise pytest.UsageError(
            "collecting the tests used the live content (data/*.yaml); read the "
            "example färdplan in support.EXAMPLE instead:\n  " + "\n  ".join(uses)
        )


def pytest_unconfigure(config):
    REPORT.unlink(missing_ok=True)


# Property-based tests (tests/test_generated_data.py). "ci" is bounded (well under 60 s for all
# of them together on a shared 2-core runner) and chosen when CI=true; "lang" explores for
# minutes on a developer's machine: HYPOTHESIS_PROFILE=lang python3 scripts/dev.py test -k generated
_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=80, database=None, print_blob=True, **_COMMON)
settings.register_profile("standard", max_examples=80, **_COMMON)
settings.register_profile("lang", max_examples=3000, **_COMMON)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "standard")
)


@pytest.fixture
def minimal_text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write_yaml(tmp_path):
    """Write YAML text (dedented) or bytes to a file and return its path."""

    def write(content: str | bytes, name: str = "roadmap.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the example project for this test alone: change it as you like."""
    return copy_project(tmp_path / "project")


# The real site, built once per test run (the two pytest-xdist workers share it) and shared by
# every test that only reads it. Use these instead of building the unchanged example yourself:
#
#     def test_something(example_site):
#         html = (example_site / "omraden" / "grunduppdraget" / "index.html").read_text("utf-8")
#
# `example_project` is the project it was built from. Both are read-only: a test that changes the
# data, a page or the date builds its own copy (the `project` fixture, support.copy_project).
@pytest.fixture(scope="session")
def _example(tmp_path_factory, worker_id) -> tuple[Path, Path]:
    """The example project and its site, made by the first worker that asks, under a lock, in the
    run's own folder (or this process's, without workers)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    project, site = shared / "example" / "project", shared / "example-site"
    with FileLock(shared / "example.lock"):
        if not site.is_dir():  # a failed attempt left no site: the next worker tries again, anew
            shutil.rmtree(project.parent, ignore_errors=True)
            copy_project(project)
            building = shared / "example-site-building"
            shutil.rmtree(building, ignore_errors=True)
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("FARDPLAN_PDF", "1")
                build(load_config(str(project / "mkdocs.yml"), site_dir=str(building), strict=True))
            building.rename(site)
    return project, site


@pytest.fixture(scope="session")
def example_project(_example) -> Path:
    return _example[0]


@pytest.fixture(scope="session")
def example_site(_example) -> Path:
    """The example färdplan as MkDocs builds it: strict, with the PDF, on today's date."""
    return _example[1]


def pytest_addoption(parser):
    parser.addoption(
        "--update-page-text",
        action="store_true",
        help="record the example site's text anew in tests/snapshots/page-text/ (test_page_text.py)",
    )
