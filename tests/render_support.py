"""Render every page and open-data file of a validated roadmap with the core, without MkDocs."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from fardplan.data.model import Roadmap
from fardplan.pages.render import SiteRenderer
from fardplan.versions.publishing import Publication


def render_everything(roadmap: Roadmap, data_file: Path, site_dir: Path) -> list[str]:
    """Every page the site has, and the open-data files written into `site_dir`; the XML ones
    are parsed back, so a character XML forbids fails here as it would in a reader."""
    site = SiteRenderer(roadmap)
    publication = Publication(roadmap, data_file, None)
    pages = [site.area_page(area.id) for area in roadmap.areas]
    pages += [
        site.start_page(),
        site.follow_up_page(),
        site.timeline_page(),
        site.bodies_page(),
        site.initiatives_page(),
        site.whole_document(),
        site.key_reference(),
        site.changes_page(publication=publication),
        site.open_data_page(publication=publication),
    ]
    if roadmap.remiss:
        pages.append(site.remiss_page())
    for written in publication.write_open_data(site_dir):
        if written.suffix in {".xml", ".rdf"}:
            ElementTree.parse(written)
    return pages
