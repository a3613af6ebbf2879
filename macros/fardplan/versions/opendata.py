"""The färdplan as open data: JSON, CSV, its JSON Schema, DCAT-AP-SE metadata and an Atom feed.

Every file is written from the validated model (never from the YAML again), into each published
version's folder, so each version's data stays at a stable address:

    <webbplats>/<version>/data/roadmap.json         the whole färdplan, shaped like the YAML file
    <webbplats>/<version>/data/roadmap.csv          one row per action
    <webbplats>/<version>/data/roadmap.schema.json  the JSON Schema both files follow
    <webbplats>/<version>/data/dcat.rdf             DCAT-AP-SE metadata for Sveriges dataportal
    <webbplats>/<version>/feed.xml                  Atom: the published versions and what changed

XML is built with ElementTree, so text from the data is always escaped.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from fardplan.data.addresses import mailto
from fardplan.data.horizon import Horizon
from fardplan.data.measures import Measure
from fardplan.data.model import CC0, Action, Licence, Need, RecordedChange, Roadmap, Settings, Status
from fardplan.data.routes import OPEN_DATA_URL
from fardplan.data.schema import SCHEMA_PATH
from fardplan.versions.changes import Comparison

JSON_PATH = "data/roadmap.json"
CSV_PATH = "data/roadmap.csv"
MEASURES_CSV_PATH = "data/matt.csv"
SCHEMA_FILE_PATH = "data/roadmap.schema.json"
DCAT_PATH = "data/dcat.rdf"
FEED_PATH = "feed.xml"
# The copy of the version in force's metadata at the site root (written by scripts/publish.py).
DCAT_ROOT_PATH = "dcat.rdf"

CSV_COLUMNS = (
    "område",
    "område-id",
    "behov",
    "behov-id",
    "åtgärd-id",
    "åtgärd",
    "kolumn",
    "ansvarig",
    "ansvarig-id",
    "status",
    "tidshorisont",
    "behovets-tidshorisont",
)


@dataclass(frozen=True)
class OpenDataFile:
    path: str  # relative to the version's folder
    title: str
    media_type: str
    file_type: str  # the EU file-type vocabulary's code
    description: str


FILES = (
    OpenDataFile(
        JSON_PATH,
        "Hela färdplanen (JSON)",
        "application/json",
        "JSON",
        "Alla uppgifter i färdplanen, ordnade som datafilen: dokumentet, ansvariga, nationella "
        "initiativ, områden, behov och åtgärder.",
    ),
    OpenDataFile(
        CSV_PATH,
        "Åtgärderna som tabell (CSV)",
        "text/csv",
        "CSV",
        "En rad per åtgärd med område, behov, ansvarig, status och tidshorisont. "
        "Teckenkodning UTF-8, kommatecken mellan fälten och varje fält inom citattecken.",
    ),
    OpenDataFile(
        MEASURES_CSV_PATH,
        "Måttens värden som tabell (CSV)",
        "text/csv",
        "CSV",
        "En rad per mått och år med värdet, riket, kvinnor, män, mål och källa. Decimaltal skrivs "
        "med punkt. Teckenkodning UTF-8, kommatecken mellan fälten och varje fält inom citattecken.",
    ),
    OpenDataFile(
        SCHEMA_FILE_PATH,
        "Beskrivning av JSON-filen (JSON Schema)",
        "application/schema+json",
        "JSON",
        "Vad varje fält i JSON-filen betyder och vilka värden det kan ha.",
    ),
    OpenDataFile(
        DCAT_PATH,
        "Metadata för Sveriges dataportal (DCAT-AP-SE)",
        "application/rdf+xml",
        "RDF_XML",
        "Beskriver datamängden enligt DCAT-AP-SE 3.0.1, så att dataportalen kan skörda den.",
    ),
    OpenDataFile(
        FEED_PATH,
        "Nyhetsflöde om nya versioner (Atom)",
        "application/atom+xml",
        "ATOM",
        "Ett inlägg för varje publicerad version, med vad som har ändrats.",
    ),
)
DISTRIBUTIONS = (JSON_PATH, CSV_PATH)


@dataclass(frozen=True)
class OpenDataSettings:
    """Where the site is published and on what terms (the data's `inställningar`)."""

    site_root: str  # the site's root URL ("" when unknown: links stay relative)
    folder: str  # this version's folder on the site, e.g. 2022 or utkast
    licence: Licence
    contact_email: str | None

    @classmethod
    def from_settings(cls, settings: Settings, folder: str) -> OpenDataSettings:
        """The settings were checked by the validator (one plain address each)."""
        return cls(settings.site_url or "", folder, settings.licence, settings.contact_email)

    @property
    def contact_url(self) -> str | None:
        return mailto(self.contact_email) if self.contact_email else None

    def version_url(self, path: str = "") -> str:
        """The stable address of a file in this version's folder (relative when no webbplats)."""
        return f"{self.site_root}{self.folder}/{path}" if self.site_root else path

    def root_url(self, path: str = "") -> str:
        return f"{self.site_root}{path}"


# ---------------------------------------------------------------------------------------------
# JSON and CSV


def roadmap_data(roadmap: Roadmap) -> dict[str, Any]:
    """The model written back in the data file's own shape and words, so the published JSON
    follows the same JSON Schema as data/roadmap.yaml. Optional values that are empty are left out."""
    doc = roadmap.document
    document: dict[str, Any] = {
        "titel": doc.title,
        "version": doc.version,
        "status": doc.stage.value,
        "datum": doc.date.isoformat(),
        "diarienummer": doc.registration_number,
        "beslut": _drop_none(
            {
                "organ": doc.decision.body,
                "datum": doc.decision.date.isoformat(),
                "paragraf": doc.decision.paragraph,
            }
        )
        if doc.decision
        else None,
        "sammanfattning": doc.summary,
        "bakgrund": list(doc.background) or None,
        "process": [{"steg": s.name, "beskrivning": s.description} for s in doc.process] or None,
    }
    return {
        "dokument": _drop_none(document),
        "ansvariga": [{"id": b.id, "namn": b.name} for b in roadmap.bodies],
        "nationella-initiativ": [
            _drop_none(
                {
                    "id": i.id,
                    "namn": i.name,
                    "typ": i.kind.value,
                    "referens": i.reference,
                    "länk": i.url,
                    "gäller-från": i.valid_from.isoformat(),
                    "gäller-till": i.valid_to.isoformat() if i.valid_to else None,
                    "beskrivning": i.description,
                },
                keep=("gäller-till",),
            )
            for i in roadmap.initiatives
        ],
        "områden": [
            {
                "id": area.id,
                "rubrik": area.title,
                "beskrivning": area.description,
                "behov": [_need_data(need) for need in area.needs],
            }
            for area in roadmap.areas
        ],
        **_settings_data(roadmap),
        **_remiss_data(roadmap),
    }


def _settings_data(roadmap: Roadmap) -> dict[str, Any]:
    """The settings; those an editor may leave out only where they differ from the defaults."""
    defaults, settings = Settings(), roadmap.settings
    licence = settings.licence
    values = _drop_none(
        {
            "organisation": settings.organisation,
            "typ": settings.kind,
            "benämning": settings.term,
            "kommunkod": settings.municipality_code,
            "webbplats": settings.site_url,
            "förråd": settings.repository,
            "gren": settings.branch,
            "kontakt-epost": settings.contact_email,
            "remiss-epost": settings.remiss_email,
            "licens": None
            if licence == CC0
            else {"namn": licence.name, "url": licence.url, "uri": licence.uri},
            "granskas-inom-månader": settings.review_months
            if settings.review_months != defaults.review_months
            else None,
            "lix-gräns": settings.lix_limit if settings.lix_limit != defaults.lix_limit else None,
        }
    )
    return {"inställningar": values}


def _remiss_data(roadmap: Roadmap) -> dict[str, Any]:
    remiss = roadmap.remiss
    if remiss is None:
        return {}
    return {
        "remiss": {
            "diarienummer": remiss.registration_number,
            "öppnar": remiss.opens.isoformat(),
            "sista-dag": remiss.last_day.isoformat(),
            "remissinstanser": [{"namn": r.name, "typ": r.kind.value} for r in remiss.invited],
        }
    }


def _changes_data(changes: tuple[RecordedChange, ...]) -> list[dict[str, Any]] | None:
    """Recorded changes, oldest first as editors write them."""

    def written(value: Horizon | Status | None) -> int | str | None:
        return value.data if isinstance(value, Horizon) else value.value if value is not None else None

    return [
        {
            "datum": c.date.isoformat(),
            "vad": c.field.value,
            "från": written(c.old),
            "till": written(c.new),
            "skäl": c.reason,
        }
        for c in reversed(changes)
    ] or None


def _need_data(need: Need) -> dict[str, Any]:
    return _drop_none(
        {
            "id": need.id,
            "rubrik": need.title,
            "beskrivning": need.description,
            "nationellt": [i.id for i in need.national],
            "staden": [_action_data(a) for a in need.city],
            "behöver-göras": [_action_data(a) for a in need.more],
            "tidshorisont": need.horizon.data,
            "senast-granskad": need.reviewed.isoformat() if need.reviewed else None,
            "ändringar": _changes_data(need.changes),
            "mått": [_measure_data(m) for m in need.measures] or None,
        }
    )


def _plain(value: float | None) -> int | float | None:
    """A number as the editor wrote it: 16, not 16.0."""
    return int(value) if value is not None and value.is_integer() else value


def _measure_data(m: Measure) -> dict[str, Any]:
    return _drop_none(
        {
            "id": m.id,
            "namn": m.name,
            "beskrivning": m.description,
            "enhet": m.unit,
            "bättre": "högre" if m.higher_is_better else "lägre",
            "källa": {"kolada": m.kolada_id} if m.kolada_id else {"egen": m.own_source},
            "exempelvärden": True if m.example else None,
            "utgångsläge": {"år": m.baseline.year, "värde": _plain(m.baseline.value)} if m.baseline else None,
            "mål": {"år": m.target.year, "värde": _plain(m.target.value)} if m.target else None,
            "värden": [
                _drop_none(
                    {
                        "år": v.year,
                        "värde": _plain(v.value),
                        "riket": _plain(v.national),
                        "kvinnor": _plain(v.women),
                        "män": _plain(v.men),
                    }
                )
                for v in m.values
            ],
        }
    )


def _action_data(action: Action) -> dict[str, Any]:
    return _drop_none(
        {
            "id": action.id,
            "text": action.text,
            "ansvarig": action.body.id,
            "status": action.status.value,
            "tidshorisont": action.horizon.data if action.horizon else None,
            "senast-granskad": action.own_review.isoformat() if action.own_review else None,
            "ändringar": _changes_data(action.changes),
        }
    )


def _drop_none(values: dict[str, Any], keep: Iterable[str] = ()) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None or k in keep}


def roadmap_json(roadmap: Roadmap) -> bytes:
    return (json.dumps(roadmap_data(roadmap), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# OWASP, "CSV Injection": a spreadsheet reads a cell that starts with one of these as a formula,
# which can compute, fetch a web address or run a command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell that a spreadsheet shows as text instead of computing it: as OWASP recommends, a
    single quote goes before a leading trigger character (and every cell is quoted)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def actions_csv(roadmap: Roadmap) -> bytes:
    """One row per action (RFC 4180: comma-separated, CRLF line ends, UTF-8, every cell quoted).
    Horizons are written as in the data file: 2024, 2022-2024 or löpande. Texts that a spreadsheet
    would take for a formula start with ' (the JSON keeps every text exactly)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for area in roadmap.areas:
        for need in area.needs:
            for action in need.actions:
                row = (
                    area.title,
                    area.id,
                    need.title,
                    need.id,
                    action.id,
                    action.text,
                    roadmap.settings.column_label(action.column),
                    action.body.name,
                    action.body.id,
                    action.status.value,
                    action.horizon.data if action.horizon else "",
                    need.horizon.data,
                )
                writer.writerow(spreadsheet_safe(str(cell)) for cell in row)
    return out.getvalue().encode("utf-8")


MEASURE_COLUMNS = (
    "område-id",
    "behov-id",
    "mått-id",
    "mått",
    "enhet",
    "bättre",
    "källa",
    "kolada-id",
    "exempelvärden",
    "år",
    "värde",
    "riket",
    "kvinnor",
    "män",
    "mål-år",
    "mål",
)


def measures_csv(roadmap: Roadmap) -> bytes:
    """One row per measure and year, in the same form as the actions' CSV. Numbers use a decimal
    point, so that a program reads them; an empty cell is a value the source does not have."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(MEASURE_COLUMNS)

    def written(value: float | None) -> str:
        return "" if value is None else str(_plain(value))

    for area in roadmap.areas:
        for need in area.needs:
            for m in need.measures:
                for v in m.values:
                    row = (
                        area.id,
                        need.id,
                        m.id,
                        m.name,
                        m.unit,
                        "högre" if m.higher_is_better else "lägre",
                        m.source_label,
                        m.kolada_id or "",
                        "ja" if m.example else "nej",
                        v.year,
                        written(v.value),
                        written(v.national),
                        written(v.women),
                        written(v.men),
                        m.target.year if m.target else "",
                        written(m.target.value if m.target else None),
                    )
                    writer.writerow(spreadsheet_safe(str(cell)) for cell in row)
    return out.getvalue().encode("utf-8")


def schema_json() -> bytes:
    return SCHEMA_PATH.read_bytes()


# ---------------------------------------------------------------------------------------------
# DCAT-AP-SE (RDF/XML)

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
}
EU = "http://publications.europa.eu/resource/authority/"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _node(
    parent: ET.Element,
    name: str,
    text: str | None = None,
    *,
    about: str | None = None,
    resource: str | None = None,
    lang: str | None = None,
    datatype: str | None = None,
) -> ET.Element:
    element = ET.SubElement(parent, _q(name))
    if about is not None:
        element.set(_q("rdf:about"), about)
    if resource is not None:
        element.set(_q("rdf:resource"), resource)
    if lang:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    if datatype:
        element.set(_q("rdf:datatype"), datatype)
    if text is not None:
        element.text = text
    return element


def dataset_uri(settings: OpenDataSettings, folder: str | None = None) -> str:
    """The URI of one version's dataset (this build's, or the version published in `folder`)."""
    if folder is None or not settings.site_root:
        return settings.version_url(DCAT_PATH) + "#datamangd"
    return f"{settings.site_root}{folder}/{DCAT_PATH}#datamangd"


def dcat_rdf(
    roadmap: Roadmap,
    settings: OpenDataSettings,
    changes_summary: str | None = None,
    *,
    in_force: bool = False,
    previous_folder: str | None = None,
) -> bytes:
    """DCAT-AP-SE 3.0.1 metadata: a catalogue with one dataset, the färdplan, whose URI never
    changes (so Sveriges dataportal sees one dataset, not a new one per version), and this version
    as a version of it (DCAT 3: dcat:hasVersion, dcat:version, dcat:previousVersion).

    `in_force`: this build is the decided version in force; the färdplan's distributions are then
    the stable copies at the site root (scripts/publish.py puts them there), and it is the
    färdplan's current version. Otherwise the distributions are this version's own files."""
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    doc = roadmap.document
    catalogue_uri = settings.root_url(DCAT_ROOT_PATH) + "#katalog"
    series_uri = settings.root_url(DCAT_ROOT_PATH) + "#fardplan"
    version_uri = dataset_uri(settings)
    publisher_uri = settings.root_url() + "#utgivare"
    contact_uri = settings.root_url() + "#kontakt"
    licence = settings.licence.uri
    issued = doc.date.isoformat()

    def own(path: str) -> str:
        return settings.version_url(path)

    def stable(path: str) -> str:
        return settings.root_url(path) if in_force else own(path)

    rdf = ET.Element(_q("rdf:RDF"))
    catalogue = _node(rdf, "dcat:Catalog", about=catalogue_uri)
    _node(catalogue, "dcterms:title", f"{doc.organisation}: {doc.title}", lang="sv")
    _node(catalogue, "dcterms:description", f"Öppna data från {doc.organisation}: {doc.title}.", lang="sv")
    _node(catalogue, "dcterms:publisher", resource=publisher_uri)
    _node(catalogue, "dcterms:license", resource=licence)
    _node(catalogue, "dcterms:language", resource=EU + "language/SWE")
    _node(catalogue, "foaf:homepage", resource=settings.root_url() or "./")
    _node(catalogue, "dcterms:modified", issued, datatype=XSD_DATE)
    _node(catalogue, "dcat:dataset", resource=series_uri)

    agent = _node(rdf, "foaf:Agent", about=publisher_uri)
    _node(agent, "foaf:name", doc.organisation)

    def describe(
        dataset: ET.Element, uri: str, title: str, landing: str, files: Callable[[str], str]
    ) -> None:
        _node(dataset, "dcterms:title", title, lang="sv")
        _node(dataset, "dcterms:description", _dataset_description(roadmap), lang="sv")
        _node(dataset, "dcterms:publisher", resource=publisher_uri)
        if settings.contact_email:
            _node(dataset, "dcat:contactPoint", resource=contact_uri)
        _node(dataset, "dcterms:identifier", uri)
        _node(dataset, "dcterms:language", resource=EU + "language/SWE")
        _node(dataset, "dcat:theme", resource=EU + "data-theme/SOCI")
        _node(dataset, "dcat:landingPage", resource=landing)
        for keyword in ("äldreomsorg", "färdplan", "vård och omsorg", doc.organisation):
            _node(dataset, "dcat:keyword", keyword, lang="sv")
        for path in DISTRIBUTIONS:
            _node(dataset, "dcat:distribution", resource=files(path) + "#distribution")

    series = _node(rdf, "dcat:Dataset", about=series_uri)
    describe(series, series_uri, doc.title, settings.root_url() or "./", stable)
    _node(series, "dcat:hasVersion", resource=version_uri)
    if in_force:
        _node(series, "dcat:hasCurrentVersion", resource=version_uri)

    version = _node(rdf, "dcat:Dataset", about=version_uri)
    describe(version, version_uri, f"{doc.title}, version {doc.version}", own(OPEN_DATA_URL), own)
    _node(version, "dcterms:isVersionOf", resource=series_uri)
    _node(version, "dcat:version", doc.version)
    if changes_summary:
        _node(version, "adms:versionNotes", changes_summary, lang="sv")
    if previous_folder:
        _node(version, "dcat:previousVersion", resource=dataset_uri(settings, previous_folder))
    _node(version, "dcterms:issued", issued, datatype=XSD_DATE)

    by_path = {f.path: f for f in FILES}
    for path in DISTRIBUTIONS:
        for url in dict.fromkeys((own(path), stable(path))):
            item = by_path[path]
            distribution = _node(rdf, "dcat:Distribution", about=url + "#distribution")
            _node(distribution, "dcterms:title", item.title, lang="sv")
            _node(distribution, "dcterms:description", item.description, lang="sv")
            _node(distribution, "dcat:accessURL", resource=url)
            _node(distribution, "dcat:downloadURL", resource=url)
            _node(distribution, "dcterms:format", resource=EU + "file-type/" + item.file_type)
            _node(
                distribution,
                "dcat:mediaType",
                resource="https://www.iana.org/assignments/media-types/" + item.media_type,
            )
            _node(distribution, "dcterms:license", resource=licence)
            schema = stable(SCHEMA_FILE_PATH) if url == stable(path) else own(SCHEMA_FILE_PATH)
            _node(distribution, "dcterms:conformsTo", resource=schema)

    if settings.contact_email:
        contact = _node(rdf, "vcard:Organization", about=contact_uri)
        _node(contact, "vcard:fn", doc.organisation)
        _node(contact, "vcard:hasEmail", resource=settings.contact_url)

    ET.indent(rdf)
    document: bytes = ET.tostring(rdf, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _dataset_description(roadmap: Roadmap) -> str:
    doc = roadmap.document
    needs = sum(len(a.needs) for a in roadmap.areas)
    actions = sum(1 for _ in roadmap.actions())
    return (
        f"{doc.organisation}s färdplan för äldreomsorgens utveckling ({doc.stage.label.lower()}, "
        f"version {doc.version}): {len(roadmap.areas)} områden, {needs} behov och {actions} åtgärder "
        "med ansvarig, status och tidshorisont, och de nationella initiativ som behoven hänvisar till."
    )


# ---------------------------------------------------------------------------------------------
# Atom feed of published versions

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class FeedEntry:
    """One published version and what changed in it."""

    version: str
    title: str
    published: datetime
    comparison: Comparison | None
    note: str  # plain text used when there is no comparison (the first version, unreadable data)

    @property
    def summary(self) -> str:
        return self.comparison.summary() if self.comparison else self.note


def entry_id(organisation: str, version: str) -> str:
    """A permanent id for a version's feed entry, the same wherever the site is hosted."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"fardplan:{organisation}:{version}"))


def atom_feed(roadmap: Roadmap, settings: OpenDataSettings, entries: list[FeedEntry]) -> bytes:
    """The feed, newest version first (`entries` come oldest first, in the order of the history).
    Deterministic: the same history gives the same bytes."""
    ET.register_namespace("", ATOM)
    ET.register_namespace("xhtml", XHTML)
    doc = roadmap.document
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "sv")

    def add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            element.text = text
        return element

    newest = entries[-1].published if entries else datetime.combine(doc.date, time(), UTC)
    add(feed, "title", f"{doc.title}: publicerade versioner")
    add(feed, "subtitle", f"Nya versioner av {doc.organisation}s färdplan och vad som har ändrats i dem.")
    add(feed, "id", entry_id(doc.organisation, "flöde"))
    add(feed, "updated", _atom_time(newest))
    add(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=settings.root_url(FEED_PATH) if settings.site_root else FEED_PATH,
    )
    add(feed, "link", rel="alternate", type="text/html", href=settings.root_url() or "./")
    author = add(feed, "author")
    add(author, "name", doc.organisation)
    add(feed, "rights", settings.licence.name)

    for item in reversed(entries):
        entry = add(feed, "entry")
        add(entry, "title", item.title)
        add(entry, "id", entry_id(doc.organisation, item.version))
        add(entry, "published", _atom_time(item.published))
        add(entry, "updated", _atom_time(item.published))
        page = (
            f"{settings.site_root}{item.version}/andringar/"
            if settings.site_root
            else f"../{item.version}/andringar/"
        )
        add(entry, "link", rel="alternate", type="text/html", href=page)
        add(entry, "summary", item.summary)
        content = add(entry, "content", type="xhtml")
        body = ET.SubElement(content, f"{{{XHTML}}}div")
        ET.SubElement(body, f"{{{XHTML}}}p").text = item.summary
        if item.comparison:
            for section in item.comparison.sections:
                ET.SubElement(body, f"{{{XHTML}}}h2").text = section.title
                items = ET.SubElement(body, f"{{{XHTML}}}ul")
                for change in section.changes:
                    ET.SubElement(items, f"{{{XHTML}}}li").text = change.plain
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _atom_time(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------


def write_open_data(
    site_dir: Path,
    roadmap: Roadmap,
    settings: OpenDataSettings,
    feed_entries: list[FeedEntry],
    changes_summary: str | None = None,
    *,
    in_force: bool = False,
    previous_folder: str | None = None,
) -> list[Path]:
    """Write every open-data file into a built site folder; returns the files written."""
    contents = {
        JSON_PATH: roadmap_json(roadmap),
        CSV_PATH: actions_csv(roadmap),
        MEASURES_CSV_PATH: measures_csv(roadmap),
        SCHEMA_FILE_PATH: schema_json(),
        DCAT_PATH: dcat_rdf(
            roadmap, settings, changes_summary, in_force=in_force, previous_folder=previous_folder
        ),
        FEED_PATH: atom_feed(roadmap, settings, feed_entries),
    }
    written = []
    for path, data in contents.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
