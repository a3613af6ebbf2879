"""mkdocs-macros adapter: the only place where the färdplan core meets the site generator.

define_env runs once per build (in MkDocs' on_config, before site/ is emptied) and hands over to
one call into the core, fardplan.site.prepare_site. What is left here is MkDocs' side: its
configuration, the area pages the data implies (virtual files, registered for on_files), the
macros and the files written after the build. Another generator that runs `define_env`
(Zensical) needs only a new version of this file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fardplan.data.addresses import SettingsError
from fardplan.project import load_project
from fardplan.site import BuildError, SiteBuild, prepare_site

# --strict fails on WARNING; the data's warnings (such as a high LIX) must not, so they are INFO.
log = logging.getLogger("mkdocs.plugins.fardplan")
_build: SiteBuild | None = None  # this build, kept from define_env for on_post_build


def _fail(message: str) -> Exception:
    """A build error MkDocs prints as one clean message, without a traceback."""
    from mkdocs.exceptions import PluginError

    return PluginError(message)


class _AreaPages:
    """The areas' pages as MkDocs files (File.generated, MkDocs ≥ 1.6); registered as a plugin."""

    def on_files(self, files, config):
        from mkdocs.structure.files import File

        for page in _build.pages if _build else ():
            files.append(File.generated(config, page.source, content=page.text))
        return files


def define_env(env) -> None:
    global _build
    try:
        project = load_project(Path(env.conf["config_file_path"]))
        _build = build = prepare_site(project, Path(env.conf["docs_dir"]))
    except (BuildError, SettingsError) as error:
        raise _fail(str(error)) from None
    for line in build.warnings:
        log.info("%s", line)
    # MkDocs' own values come from the data; site_url only when `mkdocs serve` has not set its own.
    env.conf["site_name"] = build.config["site_name"]
    env.conf["site_description"] = build.config["site_description"]
    if not env.conf.get("site_url"):
        env.conf["site_url"] = build.config["site_url"]
    env.conf["nav"] = build.navigation(env.conf["nav"])
    # Charts go into the pages after Markdown and the search index, which are slow on SVG markup.
    env.conf["plugins"]["fardplan-charts"] = build.site.defer_charts()
    if "fardplan-area-pages" not in env.conf["plugins"]:  # once per configuration
        env.conf["plugins"]["fardplan-area-pages"] = _AreaPages()
    # Material's templates (overrides/) read these as config.extra.fardplan_theme.
    env.conf["extra"]["fardplan_theme"] = build.theme
    env.variables.update(build.variables)
    for name, macro in build.macros(lambda: env.page.file.src_uri, lambda: env.page.url).items():
        env.macro(macro, name)


def on_post_build(env) -> None:
    """Open data and the PDF into the built site. Generators that skip this step (Zensical) run
    scripts/export_open_data.py SITE_DIR and scripts/pdf.py SITE_DIR after the build."""
    if _build is not None:
        _build.write_files(Path(env.conf["site_dir"]))
