"""Data exports of one assignment's tagged homework, for facilitators.

Only homework in the state *submitted* is exported: drafts and returned homework are work in
progress. The interviewee's function is personal data and is never read from the database here.

- ``tag_rows`` / ``tags_csv`` / ``tags_xlsx``: tidy data, one row per tag (a role on a span of a
  statement, an interview's answers or a quote) and per role the region picked for itself
  (``Submission.self_roles``: ``tag_source`` "self", no span, no text). Every tag is exported,
  rejected ones too, with the ``review`` column, so a facilitator can filter in Excel;
  ``confirmed_only=True`` (``?reviewed=confirmed``) keeps only confirmed automatic tags, the
  facilitators' tags and the region's own picks, never a rejected tag. ``submitted_at`` is in
  the portal's local time (Europe/Stockholm), without offset, so Excel can sort it.
- Text that a spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage
  return) is prefixed with a single quote in both CSV and XLSX, as OWASP advises: both are
  written through reglab/spreadsheets.py, like every spreadsheet the portal produces.
- ``codebook_qdc`` / ``project_qdpx``: the REFI-QDA exchange format (standard 1.5: Codebook and
  Project schema 1.0), so the analysis can go on in QualCoder, ATLAS.ti, MAXQDA or NVivo.
  GUIDs are uuid5 of a fixed namespace, so a role (and a text, a selection) keeps its GUID from
  one export to the next. Selection offsets count Unicode characters from 0, end exclusive,
  exactly like a Python slice of the stored ``sources/<guid>.txt``.
- ``codebook_taguette_csv``: the taxonomy as Taguette imports a codebook (CSV with the columns
  ``tag`` and ``description``), in the viewer's language.
"""

import heapq
import io
import itertools
import shutil
import tempfile
import uuid
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from xml.etree import ElementTree as ET

from django.db import connections
from django.db.models import Case, Count, F, Q, When
from django.db.models.functions import Collate
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from interviews.models import Interview, Quote
from reglab.spreadsheets import csv_text, xlsx_value
from submissions.models import Assignment, Submission

from .models import Role, Tag

COLUMNS = [
    "assignment",
    "region",
    "region_slug",
    "text_source",
    "organisation",
    "actor_type",
    "actor_type_label",
    "consent",
    "role",
    "role_name",
    "tag_source",
    "review",
    "start",
    "end",
    "text",
    "evidence",
    "interview_date",
    "submitted_at",
]
CODEBOOK_COLUMNS = [
    "slug",
    "name_sv",
    "name_en",
    "definition_sv",
    "definition_en",
    "cues",
    "active",
]
TEXT_SOURCES = {
    Tag.Field.STATEMENT: "statement",
    Tag.Field.ANSWERS: "interview",
    Tag.Field.QUOTE: "quote",
}
# The tag_source of a role the region picked for itself (Submission.self_roles).
OWN_PICK = "self"

ORIGIN = "REGLAB portal"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
# Never change: every GUID in the exports derives from it, and tools match codes by GUID
# when a facilitator imports a newer export into the same project.
GUID_NAMESPACE = uuid.UUID("6f1c2a8e-5b7d-4e39-9a0c-3d8e2f41b7a5")
# Distinct, readable colours for the codes, in taxonomy order.
PALETTE = [
    "#1F77B4",
    "#FF7F0E",
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
    "#393B79",
    "#637939",
    "#8C6D31",
    "#843C39",
    "#7B4173",
    "#3182BD",
    "#E6550D",
    "#31A354",
    "#756BB1",
    "#636363",
]


def _submitted_tags(assignment: Assignment):
    return Tag.objects.filter(
        submission__assignment=assignment, submission__state=Submission.State.SUBMITTED
    )


def _own_picks(assignment: Assignment):
    """The roles the regions picked for themselves in the assignment's submitted homework."""
    return Submission.self_roles.through.objects.filter(
        submission__assignment=assignment, submission__state=Submission.State.SUBMITTED
    ).order_by("pk")


def _slug(path: str, queryset):
    """A region's slug to order by, compared as Python compares strings on every database:
    PostgreSQL's default collation would sort - and _ unlike SQLite and Python."""
    if connections[queryset.db].vendor == "postgresql":
        return Collate(path, "C")
    return F(path)


def _tag_query(assignment: Assignment, confirmed_only: bool):
    tags = _submitted_tags(assignment)
    if confirmed_only:
        tags = tags.exclude(review=Tag.Review.REJECTED).filter(
            ~Q(source=Tag.Source.AUTO) | Q(review=Tag.Review.CONFIRMED)
        )
    return tags


def tag_count(assignment: Assignment, *, confirmed_only: bool = False) -> int:
    """How many rows tag_rows() gives: what decides whether an export is built in the
    request or by the worker (2 counts)."""
    return _tag_query(assignment, confirmed_only).count() + _own_picks(assignment).count()


def _reading_order(tag: dict) -> tuple:
    """Per region the statement, then each interview followed by its quotes; the order of
    the SQL below, in Python, so that the tags and the own picks merge into one."""
    return (
        tag["submission__region__position"],
        tag["submission__region__slug"],
        tag["field"] != Tag.Field.STATEMENT,
        tag["interview__interview_date"] or date.min,
        tag["interview_id"] or 0,
        tag["field"] == Tag.Field.QUOTE,
        tag["quote_id"] or 0,
        -1 if tag["start"] is None else tag["start"],
        tag["pk"],
    )


# An own pick is read as a tag on the statement without span, never reviewed.
_PICK = {
    "field": Tag.Field.STATEMENT,
    "interview_id": None,
    "quote_id": None,
    "interview__organisation": None,
    "interview__actor_type": None,
    "interview__consent": None,
    "interview__interview_date": None,
    "source": OWN_PICK,
    "review": Tag.Review.UNREVIEWED.value,
    "start": None,
    "end": None,
    "match": "",
    "evidence": [],
}


def iter_tag_rows(
    assignment: Assignment, *, confirmed_only: bool = False, batch: int = 2000
) -> Iterator[dict]:
    """One dict per tag of the assignment's submitted homework and per own pick of a region
    (a row without span, text or evidence), in the order of COLUMNS.

    Two queries read in batches, both in reading order, merged: the memory it takes does
    not grow with the network (a national export is hundreds of thousands of rows)."""
    tags = _tag_query(assignment, confirmed_only)
    # values() names every column read, so the interviewee's function is never fetched.
    tags = tags.order_by(
        "submission__region__position",
        _slug("submission__region__slug", tags),
        Case(When(field=Tag.Field.STATEMENT, then=0), default=1),
        F("interview__interview_date").asc(nulls_first=True),
        F("interview_id").asc(nulls_first=True),
        Case(When(field=Tag.Field.QUOTE, then=1), default=0),
        F("quote_id").asc(nulls_first=True),
        F("start").asc(nulls_first=True),
        "pk",
    ).values(
        "pk",
        "submission__region__position",
        "submission__region__slug",
        "field",
        "interview_id",
        "quote_id",
        "interview__interview_date",
        "start",
        # The rest is only shown.
        "submission__region__name",
        "submission__submitted_at",
        "interview__organisation",
        "interview__actor_type",
        "interview__consent",
        "role__slug",
        "role__name_sv",
        "source",
        "review",
        "end",
        "match",
        "evidence",
    )
    picks = _own_picks(assignment)
    picks = picks.order_by(
        "submission__region__position", _slug("submission__region__slug", picks), "pk"
    ).values(
        "pk",
        "submission__region__position",
        "submission__region__name",
        "submission__region__slug",
        "submission__submitted_at",
        "role__slug",
        "role__name_sv",
    )
    picks = (pick | _PICK for pick in picks.iterator(chunk_size=batch))
    with translation.override("sv"):
        actor_labels = {value: str(label) for value, label in Interview.ActorType.choices}
    title = assignment.title_sv
    merged = heapq.merge(tags.iterator(chunk_size=batch), picks, key=_reading_order)
    for tag in merged:
        submitted_at = tag["submission__submitted_at"]
        yield {
            "assignment": title,
            "region": tag["submission__region__name"],
            "region_slug": tag["submission__region__slug"],
            "text_source": TEXT_SOURCES[tag["field"]],
            "organisation": tag["interview__organisation"] or "",
            "actor_type": tag["interview__actor_type"] or "",
            "actor_type_label": actor_labels.get(tag["interview__actor_type"], ""),
            "consent": tag["interview__consent"] or "",
            "role": tag["role__slug"],
            "role_name": tag["role__name_sv"],
            "tag_source": tag["source"],
            "review": tag["review"],
            "start": tag["start"],
            "end": tag["end"],
            "text": tag["match"],
            "evidence": " | ".join(words for _start, _end, words in tag["evidence"] or []),
            "interview_date": tag["interview__interview_date"],
            # Local (Swedish) time without offset: what Excel can show and sort.
            "submitted_at": timezone.localtime(submitted_at).replace(tzinfo=None, microsecond=0)
            if submitted_at
            else None,
        }


def tag_rows(assignment: Assignment, *, confirmed_only: bool = False) -> list[dict]:
    """iter_tag_rows() as a list, for the few callers that want every row at once."""
    return list(iter_tag_rows(assignment, confirmed_only=confirmed_only))


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def tags_csv(rows: Iterable[dict]) -> str:
    """The rows as CSV text, starting with a BOM so that Excel reads it as UTF-8."""
    return csv_text(COLUMNS, ([_csv_value(row[column]) for column in COLUMNS] for row in rows))


def tags_csv_chunks(
    rows: Iterable[dict], *, chunk_rows: int = 500, progress: Callable | None = None
) -> Iterator[bytes]:
    """The rows as UTF-8 CSV, a few hundred rows at a time: the same text as tags_csv(), the
    BOM (Excel then reads å, ä, ö as UTF-8) and the header first, but never the whole file
    in memory. `progress(rows done)` is called after each chunk."""
    yield csv_text(COLUMNS, []).encode("utf-8")
    done = 0
    rows = iter(rows)
    while batch := list(itertools.islice(rows, chunk_rows)):
        values = ([_csv_value(row[column]) for column in COLUMNS] for row in batch)
        # Written (and neutralised) by csv_text like every CSV, without its BOM and header:
        # an empty header is an empty line.
        yield csv_text([], values)[len("\ufeff\r\n") :].encode("utf-8")
        done += len(batch)
        if progress:
            progress(done)


# Fixed column widths (write-only sheets cannot measure their content): wide enough to read,
# but a long sentence should not push the rest off screen.
WIDTHS = {
    "assignment": 30,
    "region": 18,
    "region_slug": 16,
    "text_source": 13,
    "organisation": 30,
    "actor_type": 14,
    "actor_type_label": 20,
    "consent": 10,
    "role": 16,
    "role_name": 18,
    "tag_source": 12,
    "review": 12,
    "start": 8,
    "end": 8,
    "text": 60,
    "evidence": 30,
    "interview_date": 16,
    "submitted_at": 18,
    "slug": 16,
    "name_sv": 20,
    "name_en": 20,
    "definition_sv": 60,
    "definition_en": 60,
    "cues": 40,
    "active": 8,
}
DATE_FORMATS = {"interview_date": "yyyy-mm-dd", "submitted_at": "yyyy-mm-dd hh:mm"}


def _sheet(
    workbook: Workbook, title: str, columns: list[str], rows: Iterable[list], progress=None
):
    """A write-only sheet: each row goes to disk as it is appended (openpyxl keeps it in a
    temporary file), so the memory does not grow with the rows."""
    sheet = workbook.create_sheet(title)
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(column, 12)
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    formats = [(i, DATE_FORMATS[c]) for i, c in enumerate(columns) if c in DATE_FORMATS]
    n = 0
    for row in rows:
        values = [xlsx_value(value) for value in row]
        for i, number_format in formats:
            if values[i] is not None:
                values[i] = WriteOnlyCell(sheet, values[i])
                values[i].number_format = number_format
        sheet.append(values)
        n += 1
        if progress and n % 2000 == 0:
            progress(n)
    if progress:
        progress(n)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    return sheet


def write_tags_xlsx(out, rows: Iterable[dict], roles: Iterable[Role], progress=None) -> None:
    """A workbook with the tags ("Taggar") and the codebook ("Roller"), written to `out`
    (a file open for binary writing) as the rows come."""
    workbook = Workbook(write_only=True)
    _sheet(workbook, "Taggar", COLUMNS, ([row[c] for c in COLUMNS] for row in rows), progress)
    _sheet(
        workbook,
        "Roller",
        CODEBOOK_COLUMNS,
        (
            [
                role.slug,
                role.name_sv,
                role.name_en,
                role.definition_sv,
                role.definition_en,
                ", ".join(role.cues),
                role.is_active,
            ]
            for role in roles
        ),
    )
    workbook.save(out)


def tags_xlsx(rows: Iterable[dict], roles: Iterable[Role]) -> bytes:
    """write_tags_xlsx() as bytes, for small exports and tests."""
    out = io.BytesIO()
    write_tags_xlsx(out, rows, roles)
    return out.getvalue()


# REFI-QDA


def guid(kind: str, key) -> str:
    """A GUID that stays the same for the same object in every export."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def _code_description(role: Role) -> str:
    lines = [role.definition_sv.strip()]
    if role.cues:
        lines.append("Signalord: " + ", ".join(role.cues))
    if not role.is_active:
        lines.append("(Rollen används inte längre.)")
    return "\n".join(line for line in lines if line)


def _codes(parent: ET.Element, roles: Iterable[Role]) -> None:
    codes = ET.SubElement(parent, "Codes")
    for i, role in enumerate(roles):
        code = ET.SubElement(
            codes,
            "Code",
            guid=guid("role", role.slug),
            name=role.name_sv,
            isCodable="true",
            color=PALETTE[i % len(PALETTE)],
        )
        ET.SubElement(code, "Description").text = _code_description(role)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def codebook_qdc(roles: Iterable[Role]) -> bytes:
    """The taxonomy as a REFI-QDA codebook (.qdc)."""
    # The namespace is the default one, written as an attribute: ElementTree cannot combine a
    # default namespace with the schemas' unqualified attributes.
    root = ET.Element("CodeBook", xmlns=CODEBOOK_NS, origin=ORIGIN)
    _codes(root, roles)
    return _xml(root)


def codebook_taguette_csv(roles: Iterable[Role]) -> str:
    """The active roles as a Taguette codebook: one row per role, its name and definition in
    the current language. Taguette reads the header's ``tag`` and ``description`` columns and
    guesses the encoding, which the BOM that csv_text() writes makes certain (UTF-8). A tag
    names one code in a Taguette project, so a name two roles share gets the role's slug."""
    active = [role for role in roles if role.is_active]
    shared = {name for name, n in Counter(role.name for role in active).items() if n > 1}
    return csv_text(
        ["tag", "description"],
        (
            [f"{role.name} ({role.slug})" if role.name in shared else role.name, role.definition]
            for role in active
        ),
    )


VARIABLES = [
    # (name, typeOfVariable); the interviewee's function is deliberately not one of them.
    ("Region", "Text"),
    ("Texttyp", "Text"),
    ("Organisation", "Text"),
    ("Aktörstyp", "Text"),
    ("Intervjudatum", "Date"),
    ("Samtycke", "Text"),
]


def _variable_value(parent: ET.Element, name: str, value) -> None:
    if value in (None, ""):
        return
    element = ET.SubElement(parent, "VariableValue")
    ET.SubElement(element, "VariableRef", targetGUID=guid("variable", name))
    if isinstance(value, date):
        ET.SubElement(element, "DateValue").text = value.isoformat()
    else:
        ET.SubElement(element, "TextValue").text = str(value)


def _submissions(assignment: Assignment):
    submissions = Submission.objects.submitted().filter(assignment=assignment)
    return submissions.order_by(
        "region__position", _slug("region__slug", submissions), "pk"
    ).values("pk", "region__position", "region__slug", "region__name", "statement")


def _interviews(assignment: Assignment):
    """The submitted interviews in the order of their texts (_submissions(), then each
    submission's interviews by date)."""
    interviews = Interview.objects.filter(
        submission__assignment=assignment, submission__state=Submission.State.SUBMITTED
    )
    return interviews.order_by(
        "submission__region__position",
        _slug("submission__region__slug", interviews),
        "submission_id",
        "interview_date",
        "pk",
    )


class _Ahead:
    """An iterator of rows sorted like the texts, read as far as the text at hand."""

    def __init__(self, rows: Iterable, key: Callable):
        self.rows, self.key = iter(rows), key
        self.next = next(self.rows, None)

    def up_to(self, order: tuple) -> list:
        """The rows of the text `order`, skipping rows of texts before it (none exist)."""
        found = []
        while self.next is not None and (key := self.key(self.next)) <= order:
            if key == order:
                found.append(self.next)
            self.next = next(self.rows, None)
        return found


def project_text_count(assignment: Assignment) -> int:
    """The texts of the .qdpx: the statements and the interviews (1 query)."""
    counts = (
        Submission.objects.submitted()
        .filter(assignment=assignment)
        .aggregate(
            statements=Count("pk", distinct=True), interviews=Count("interviews", distinct=True)
        )
    )
    return counts["statements"] + counts["interviews"]


def project_size(assignment: Assignment) -> int:
    """What the .qdpx grows with: its texts and the tags coded in them (2 queries)."""
    return project_text_count(assignment) + _submitted_tags(assignment).counted().count()


def iter_project_texts(
    assignment: Assignment, *, with_text: bool = True, batch: int = 500
) -> Iterator[dict]:
    """Every text of the submitted homework as a REFI-QDA source, with its metadata: per
    region (by position) its statement, then its interviews by date. Two queries read in
    batches; `order` is the text's place, which the tags' and quotes' queries sort by."""
    with translation.override("sv"):
        actor_labels = {value: str(label) for value, label in Interview.ActorType.choices}
        consent_labels = {value: str(label) for value, label in Interview.Consent.choices}
    fields = ["pk", "submission_id", "organisation", "actor_type", "interview_date", "consent"]
    interviews = _interviews(assignment).values(*fields, *(["answers"] if with_text else []))
    submissions = _submissions(assignment)
    if not with_text:
        submissions = submissions.values("pk", "region__position", "region__slug", "region__name")
    interviews = iter(interviews.iterator(chunk_size=batch))
    interview = next(interviews, None)
    for submission in submissions.iterator(chunk_size=batch):
        region = submission["region__name"]
        place = (submission["region__position"], submission["region__slug"], submission["pk"])
        yield {
            "guid": guid("statement", submission["pk"]),
            "order": (*place, date.min, 0),
            "field": Tag.Field.STATEMENT,
            "submission_id": submission["pk"],
            "region": region,
            "name": f"{region} – rollbeskrivning",
            "text": submission.get("statement", ""),
            "description": f"Region {region}: regionens beskrivning av sin roll.",
            "variables": {"Region": region, "Texttyp": "Rollbeskrivning"},
        }
        while interview is not None and interview["submission_id"] == submission["pk"]:
            actor = actor_labels.get(interview["actor_type"], interview["actor_type"])
            consent = consent_labels.get(interview["consent"], interview["consent"])
            yield {
                "guid": guid("answers", interview["pk"]),
                "order": (*place, interview["interview_date"], interview["pk"]),
                "field": Tag.Field.ANSWERS,
                "submission_id": submission["pk"],
                "region": region,
                "name": f"{region} – {interview['organisation']}",
                "text": interview.get("answers", ""),
                "description": (
                    f"Region {region}: intervju med {interview['organisation']} "
                    f"({actor}), {interview['interview_date']:%Y-%m-%d}. "
                    f"Samtycke: {consent}."
                ),
                "variables": {
                    "Region": region,
                    "Texttyp": "Intervju",
                    "Organisation": interview["organisation"],
                    "Aktörstyp": actor,
                    "Intervjudatum": interview["interview_date"],
                    "Samtycke": interview["consent"],
                },
            }
            interview = next(interviews, None)


def _text_order(position, slug, submission_id, interview_date, interview_id) -> tuple:
    return (position, slug, submission_id, interview_date or date.min, interview_id or 0)


def _spans_by_text(assignment: Assignment, batch: int = 2000):
    """(tags, quotes): the coded spans and the quotes, read in the texts' order, to be
    taken text by text (_Ahead.up_to)."""
    tags = _submitted_tags(assignment).exclude(review=Tag.Review.REJECTED)
    tags = tags.order_by(
        "submission__region__position",
        _slug("submission__region__slug", tags),
        "submission_id",
        F("interview__interview_date").asc(nulls_first=True),
        F("interview_id").asc(nulls_first=True),
        "pk",
    ).values_list(
        "submission__region__position",
        "submission__region__slug",
        "submission_id",
        "interview__interview_date",
        "interview_id",
        "field",
        "quote_id",
        "start",
        "end",
        "role__slug",
    )
    quotes = Quote.objects.filter(
        interview__submission__assignment=assignment,
        interview__submission__state=Submission.State.SUBMITTED,
    )
    quotes = quotes.order_by(
        "interview__submission__region__position",
        _slug("interview__submission__region__slug", quotes),
        "interview__submission_id",
        "interview__interview_date",
        "interview_id",
        "pk",
    ).values_list(
        "interview__submission__region__position",
        "interview__submission__region__slug",
        "interview__submission_id",
        "interview__interview_date",
        "interview_id",
        "pk",
        "text",
    )
    return (
        _Ahead(tags.iterator(chunk_size=batch), lambda t: _text_order(*t[:5])),
        _Ahead(quotes.iterator(chunk_size=batch), lambda q: _text_order(*q[:5])),
    )


def _spans(text: dict, tags: list, quotes: list) -> dict[tuple[int, int], list[str]]:
    """The coded spans of one text: (start, end) -> the roles' slugs, in the tags' order."""
    # A quote is a passage of the answers: its tags are coded where it stands in them.
    quote_at = {}
    for *_order, pk, quote in quotes:
        found = text["text"].find(quote) if quote else -1
        if found >= 0:
            quote_at[pk] = found
    spans: dict[tuple[int, int], list[str]] = defaultdict(list)
    for *_order, field, quote_id, start, end, slug in tags:
        if start is None or end is None:
            continue
        if field == Tag.Field.QUOTE:
            if quote_id not in quote_at:
                continue
            start, end = start + quote_at[quote_id], end + quote_at[quote_id]
        # Several tags on one span (a quote repeating its answer's tag) make one selection.
        if slug not in spans[(start, end)]:
            spans[(start, end)].append(slug)
    return spans


def _case(
    submission_id: int, region: str, guids: list[str], picks: list[str], names
) -> ET.Element:
    """A region is a case: its texts, and the roles it picked for itself as codes."""
    case = ET.Element("Case", guid=guid("case", submission_id), name=region)
    picks = list(dict.fromkeys(picks))
    ET.SubElement(case, "Description").text = (
        f"Region {region}. Regionens egna rollval: "
        + (", ".join(names[slug] for slug in picks) if picks else "inga")
        + "."
    )
    for slug in picks:
        ET.SubElement(case, "CodeRef", targetGUID=guid("role", slug))
    for text_guid in guids:
        ET.SubElement(case, "SourceRef", targetGUID=text_guid)
    return case


def _iter_cases(assignment: Assignment, roles: list[Role]) -> Iterator[ET.Element]:
    names = {role.slug: role.name_sv for role in roles}
    picks = _own_picks(assignment)
    picks = picks.order_by(
        "submission__region__position",
        _slug("submission__region__slug", picks),
        "submission_id",
        "pk",
    ).values_list(
        "submission__region__position", "submission__region__slug", "submission_id", "role__slug"
    )
    picks = _Ahead(picks.iterator(chunk_size=2000), lambda p: p[:3])
    texts = iter_project_texts(assignment, with_text=False)
    for submission_id, region_texts in itertools.groupby(texts, lambda t: t["submission_id"]):
        region_texts = list(region_texts)
        own = [pick[-1] for pick in picks.up_to(region_texts[0]["order"][:3])]
        guids = [text["guid"] for text in region_texts]
        yield _case(submission_id, region_texts[0]["region"], guids, own, names)


def _text_source(text: dict, spans: dict) -> ET.Element:
    source = ET.Element(
        "TextSource",
        guid=text["guid"],
        name=text["name"],
        plainTextPath=f"internal://{text['guid']}.txt",
    )
    ET.SubElement(source, "Description").text = text["description"]
    for (start, end), slugs in sorted(spans.items()):
        selection_guid = guid("selection", f"{text['guid']}:{start}:{end}")
        selection = ET.SubElement(
            source,
            "PlainTextSelection",
            guid=selection_guid,
            name=text["text"][start:end][:60],
            startPosition=str(start),
            endPosition=str(end),
        )
        for slug in slugs:
            coding = ET.SubElement(
                selection, "Coding", guid=guid("coding", f"{selection_guid}:{slug}")
            )
            ET.SubElement(coding, "CodeRef", targetGUID=guid("role", slug))
    for name, value in text["variables"].items():
        _variable_value(source, name, value)
    return source


def _element(element: ET.Element, level: int) -> bytes:
    """One element of the document, indented as ET.indent() indents it in the whole tree."""
    ET.indent(element, level=level)
    return ET.tostring(element, encoding="utf-8", xml_declaration=False)


class _XmlList:
    """A list element (<Cases>, <Sources>) written as its items come; left out when it
    has none, since both need at least one element to be valid."""

    def __init__(self, out, name: str):
        self.out, self.name, self.count = out, name, 0

    def add(self, element: ET.Element) -> None:
        if not self.count:
            self.out.write(f"\n  <{self.name}>".encode())
        self.out.write(b"\n    " + _element(element, 2))
        self.count += 1

    def close(self) -> None:
        if self.count:
            self.out.write(f"\n  </{self.name}>".encode())


def write_project_qdpx(out, assignment: Assignment, *, user=None, progress=None) -> None:
    """A REFI-QDA project (.qdpx) written to `out` (a file open for binary writing):
    project.qde plus every text under sources/<guid>.txt. The texts and their tags are
    read in batches and written as they come; project.qde goes through a temporary file
    (two entries of a zip cannot be written at once) and is added last.

    `user` is the facilitator exporting, named as the project's user. `progress(texts
    done)` is called every few hundred texts."""
    roles = list(Role.objects.all())
    root = ET.Element(
        "Project",
        xmlns=PROJECT_NS,
        name=f"REGLAB – {assignment.title_sv}",
        origin=ORIGIN,
        creationDateTime=timezone.now().replace(microsecond=0).isoformat(),
    )
    children = []
    if user is not None:
        root.set("creatingUserGUID", guid("user", user.pk))
        users = ET.Element("Users")
        name = user.get_full_name() or user.get_username()
        ET.SubElement(users, "User", guid=guid("user", user.pk), name=name)
        children.append(users)
    codebook = ET.Element("CodeBook")
    _codes(codebook, roles)
    variables = ET.Element("Variables")
    for name, kind in VARIABLES:
        attributes = {"guid": guid("variable", name), "name": name, "typeOfVariable": kind}
        ET.SubElement(variables, "Variable", attributes)
    children += [codebook, variables]
    start_tag = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    with (
        tempfile.TemporaryFile() as qde,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        qde.write(b"<?xml version='1.0' encoding='utf-8'?>\n" + start_tag[: -len(b" />")] + b">")
        for child in children:
            qde.write(b"\n  " + _element(child, 1))
        cases = _XmlList(qde, "Cases")
        for case in _iter_cases(assignment, roles):
            cases.add(case)
        cases.close()
        sources = _XmlList(qde, "Sources")
        tags, quotes = _spans_by_text(assignment)
        for done, text in enumerate(iter_project_texts(assignment), start=1):
            order = text["order"]
            spans = _spans(text, tags.up_to(order), quotes.up_to(order))
            sources.add(_text_source(text, spans))
            archive.writestr(f"sources/{text['guid']}.txt", text["text"].encode("utf-8"))
            if progress and done % 200 == 0:
                progress(done)
        sources.close()
        qde.write(b"\n</Project>")
        qde.seek(0)
        with archive.open("project.qde", "w") as entry:
            shutil.copyfileobj(qde, entry, 1 << 20)


def project_qdpx(assignment: Assignment, *, user=None) -> bytes:
    """write_project_qdpx() as bytes, for small projects and tests."""
    out = io.BytesIO()
    write_project_qdpx(out, assignment, user=user)
    return out.getvalue()
