"""The site's own 404 page at the root of the published branch, where mike writes none."""

from __future__ import annotations

from fardplan.pages.render import make_environment
from fardplan.versions.pages_branch import PublishedEntry


def root_404_page(
    site_name: str, root_path: str, entries: list[PublishedEntry], default: str | None
) -> bytes:
    """The site's own 404 page. Hosts serve it for any missing address, at any depth, so it is
    self-contained (no stylesheet, no script) and links with absolute paths."""
    links = [(entry.title, f"{root_path}{entry.version}/") for entry in entries]
    template = make_environment().get_template("root-404.html.j2")
    return template.render(
        site_name=site_name,
        root_path=root_path,
        versions=links,
        default_url=f"{root_path}{default}/" if default else root_path,
    ).encode("utf-8")
