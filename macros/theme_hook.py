"""MkDocs hook (mkdocs.yml `hooks:`): the theme's templates compiled once, not on every build.

MkDocs makes a new Jinja environment for the theme on every build and on every rebuild of
`mkdocs serve`, and so compiles Material's templates anew each time: about a fifth of a build of
the example. This hook hands that environment the cache the färdplan's own templates use
(fardplan.pages.render.template_cache). It changes no page: without it (Zensical ignores hooks)
the site is the same, only slower to build.
"""

from __future__ import annotations

from fardplan.pages.render import template_cache


def on_env(env, config, files):
    env.bytecode_cache = template_cache()
    return env
