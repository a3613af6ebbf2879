"""The färdplan as a document for print and the archive: a tagged PDF/A-3 rendered with WeasyPrint.

The HTML comes from templates/print.html.j2 and the model (never from the built site), styled by
templates/print.css. The PDF is PDF/A-3 level A (tagged: structure, language sv, title, bookmarks)
with the data attached as JSON, and says in its XMP metadata that it follows PDF/UA-1 as well.

A published version's PDF never changes: the content does not depend on the build date (national
initiatives are judged as of the document's date), the creation date is the document's date, and
the file identifier is a hash of the content. Same data, same fonts, same WeasyPrint: same bytes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from markupsafe import Markup

from fardplan.data.model import Roadmap, Stage
from fardplan.versions.opendata import roadmap_json
from fardplan.pages.overviews import initiative_views
from fardplan.pages.render import TEMPLATES, shared_environment
from fardplan.pages.views import count_label

# Set FARDPLAN_PDF=0 to build the site without the PDF (and without the link to it), for
# example under `mkdocs serve`, where every save would otherwise render it again.
ENV_VAR = "FARDPLAN_PDF"
# Level A: the tagged structure is part of the archival claim. PDF/A-3 allows the JSON attachment.
PDF_VARIANT = "pdf/a-3a"
STYLESHEET = TEMPLATES / "print.css"
ATTACHMENT_NAME = "roadmap.json"

# WeasyPrint writes one PDF variant; PDF/UA-1 adds only this identification to the same tagged
# PDF (as its pdf/ua-1 variant does). It goes into WeasyPrint's own rdf:RDF (readers take the first
# one). PDF/A wants every non-standard XMP property declared, so the pdfuaid schema is declared as
# an extension, as the PDF Association's guide for files conforming to both PDF/A and PDF/UA says.
PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def pdf_enabled() -> bool:
    return os.environ.get(ENV_VAR, "1").strip().lower() not in ("0", "nej", "av", "false", "no")


def pdf_filename(roadmap: Roadmap) -> str:
    """fardplan-2022-remiss.pdf: the version in the name, so that saved copies stay apart."""
    version = unicodedata.normalize("NFKD", roadmap.document.version).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", version.lower()).strip("-")
    return f"fardplan-{slug}.pdf" if slug else "fardplan.pdf"


def size_text(size: int) -> str:
    """340 kB or 1,2 MB (decimal units, Swedish decimal comma)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


@dataclass(frozen=True)
class PrintedDocument:
    filename: str
    data: bytes
    pages: int

    @property
    def extent(self) -> str:
        """12 sidor, 340 kB."""
        return f"{count_label(self.pages, 'sida', 'sidor')}, {size_text(len(self.data))}"

    @property
    def link_text(self) -> str:
        return f"Ladda ner färdplanen som PDF, {self.extent}"

    def theme_values(self) -> dict[str, str | int]:
        """Plain values for the theme's link (overrides/partials/fp-pdf-link.html)."""
        return {"path": self.filename, "text": self.link_text, "pages": self.pages, "bytes": len(self.data)}

    def write(self, site_dir: Path) -> Path:
        target = site_dir / self.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.data)
        return target


def breakable_url(url: str) -> Markup:
    """An address that may wrap after its slashes (a <wbr>), never at a hyphen inside a part."""
    return Markup("/<wbr>").join(
        Markup('<span class="fp-nowrap">{}</span>').format(part) if part else "" for part in url.split("/")
    )


def print_html(roadmap: Roadmap, web_address: str | None = None) -> str:
    """The document as HTML for WeasyPrint. `web_address` is this version's address on the web."""
    document = roadmap.document
    # Numbered notes point at the list of initiatives at the end, in the data's order.
    notes = {initiative.id: n for n, initiative in enumerate(roadmap.initiatives, start=1)}
    return (
        shared_environment()
        .get_template("print.html.j2")
        .render(
            roadmap=roadmap,
            document=document,
            settings=roadmap.settings,
            notes=notes,
            web_address=web_address or None,
            breakable_url=breakable_url,
            remiss=roadmap.remiss if document.stage is Stage.REMISS else None,
            initiatives=initiative_views(roadmap, document.date),
            created=document.date.isoformat(),
        )
    )


class PrintUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs are missing; the message says what to do."""


def print_for_site(roadmap: Roadmap, web_address: str | None = None) -> PrintedDocument | None:
    """The PDF for a site build, or None when FARDPLAN_PDF=0 asks to build without it."""
    return print_pdf(roadmap, web_address) if pdf_enabled() else None


def print_pdf(roadmap: Roadmap, web_address: str | None = None) -> PrintedDocument:
    # Imported here: WeasyPrint takes a while to load and needs Pango, and only this needs it.
    try:
        from weasyprint import CSS, HTML, Attachment
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:
        raise PrintUnavailable(
            f"PDF:en kan inte skapas: {error}. WeasyPrint behöver Pango från Debian "
            f"(apt-get install libpango-1.0-0 libpangoft2-1.0-0). Bygg utan PDF med {ENV_VAR}=0."
        ) from None

    # Nothing is fetched while rendering: no file, no network (the data's links stay links).
    fetcher = URLFetcher(allowed_protocols=())
    html = HTML(string=print_html(roadmap, web_address), url_fetcher=fetcher)
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    rendered = html.render(stylesheets=[stylesheet])
    created = _midnight(roadmap.document.date)
    rendered.metadata.attachments = [
        Attachment(
            string=roadmap_json(roadmap),
            name=ATTACHMENT_NAME,
            url_fetcher=fetcher,
            description="Färdplanens data i JSON, samma form som datafilen",
            relationship="Source",
            created=created,
            modified=created,
        )
    ]
    data = rendered.write_pdf(pdf_variant=PDF_VARIANT, finisher=_identify_pdfua)
    return PrintedDocument(pdf_filename(roadmap), data, len(rendered.pages))


def _identify_pdfua(document, pdf) -> None:
    """Add the PDF/UA-1 identification to the XMP metadata WeasyPrint wrote (before compression)."""
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    xmp = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
    if xmp.count(b"</rdf:RDF>") != 1:
        raise PrintUnavailable(
            "PDF:ens XMP-metadata har en okänd form: uppdatera pdf_document.py för den här WeasyPrint."
        )
    stream.stream = [xmp.replace(b"</rdf:RDF>", PDFUA_XMP + b"</rdf:RDF>")]


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
