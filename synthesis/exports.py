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

import io
import uuid
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from xml.etree import ElementTree as ET

from django.db.models import Q
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from interviews.models import Interview, Quote
from reglab.spreadsheets import append_row, csv_text
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


def tag_rows(assignment: Assignment, *, confirmed_only: bool = False) -> list[dict]:
    """One dict per tag of the assignment's submitted homework and per own pick of a region
    (a row without span, text or evidence), in the order of COLUMNS (2 queries)."""
    tags = _submitted_tags(assignment)
    if confirmed_only:
        tags = tags.exclude(review=Tag.Review.REJECTED).filter(
            ~Q(source=Tag.Source.AUTO) | Q(review=Tag.Review.CONFIRMED)
        )
    # values() names every column read, so the interviewee's function is never fetched.
    values = list(
        tags.values(
            "pk",
            "submission__region__position",
            "submission__region__name",
            "submission__region__slug",
            "submission__submitted_at",
            "field",
            "interview_id",
            "quote_id",
            "interview__organisation",
            "interview__actor_type",
            "interview__consent",
            "interview__interview_date",
            "role__slug",
            "role__name_sv",
            "source",
            "review",
            "start",
            "end",
            "match",
            "evidence",
        )
    )
    # An own pick is read as a tag on the statement without span, never reviewed.
    picks = _own_picks(assignment).values(
        "pk",
        "submission__region__position",
        "submission__region__name",
        "submission__region__slug",
        "submission__submitted_at",
        "role__slug",
        "role__name_sv",
    )
    values += [
        pick
        | {
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
        for pick in picks
    ]
    # Reading order: per region the statement, then each interview followed by its quotes.
    # Sorted here because SQLite and PostgreSQL put NULLs (the statement's interview) apart.
    values.sort(
        key=lambda t: (
            t["submission__region__position"],
            t["submission__region__slug"],
            t["field"] != Tag.Field.STATEMENT,
            t["interview__interview_date"] or date.min,
            t["interview_id"] or 0,
            t["field"] == Tag.Field.QUOTE,
            t["quote_id"] or 0,
            -1 if t["start"] is None else t["start"],
            t["pk"],
        )
    )
    with translation.override("sv"):
        actor_labels = {value: str(label) for value, label in Interview.ActorType.choices}
    rows = []
    for tag in values:
        submitted_at = tag["submission__submitted_at"]
        rows.append(
            {
                "assignment": assignment.title_sv,
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
                "submitted_at": timezone.localtime(submitted_at).replace(
                    tzinfo=None, microsecond=0
                )
                if submitted_at
                else None,
            }
        )
    return rows


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


def _sheet(workbook: Workbook, title: str, columns: list[str], rows: Iterable[list], index=None):
    sheet = workbook.create_sheet(title, index)
    sheet.append(columns)
    widths = [len(column) for column in columns]
    for row in rows:
        append_row(sheet, row)
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, width in enumerate(widths, start=1):
        # Wide enough to read, but a long sentence should not push the rest off screen.
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width, 6) + 2, 60)
    return sheet


def tags_xlsx(rows: Iterable[dict], roles: Iterable[Role]) -> bytes:
    """A workbook with the tags ("Taggar") and the codebook ("Roller")."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    tag_sheet = _sheet(workbook, "Taggar", COLUMNS, ([row[c] for c in COLUMNS] for row in rows))
    for cell in tag_sheet["Q"][1:]:
        cell.number_format = "yyyy-mm-dd"
    for cell in tag_sheet["R"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
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
    out = io.BytesIO()
    workbook.save(out)
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


def _project_texts(assignment: Assignment) -> list[dict]:
    """Every text of the submitted homework as a REFI-QDA source, with its metadata."""
    submissions = (
        Submission.objects.submitted()
        .filter(assignment=assignment)
        .order_by("region__position")
        .values("pk", "statement", "region__name", "region__slug")
    )
    interviews = (
        Interview.objects.filter(
            submission__assignment=assignment, submission__state=Submission.State.SUBMITTED
        )
        .order_by("submission_id", "interview_date", "pk")
        .values(
            "pk",
            "submission_id",
            "organisation",
            "actor_type",
            "interview_date",
            "consent",
            "answers",
        )
    )
    with translation.override("sv"):
        actor_labels = {value: str(label) for value, label in Interview.ActorType.choices}
        consent_labels = {value: str(label) for value, label in Interview.Consent.choices}
    by_submission = defaultdict(list)
    for interview in interviews:
        by_submission[interview["submission_id"]].append(interview)
    texts = []
    for submission in submissions:
        region = submission["region__name"]
        texts.append(
            {
                "guid": guid("statement", submission["pk"]),
                "key": (Tag.Field.STATEMENT, submission["pk"]),
                "submission_id": submission["pk"],
                "name": f"{region} – rollbeskrivning",
                "text": submission["statement"],
                "description": f"Region {region}: regionens beskrivning av sin roll.",
                "variables": {"Region": region, "Texttyp": "Rollbeskrivning"},
            }
        )
        for interview in by_submission[submission["pk"]]:
            actor = actor_labels.get(interview["actor_type"], interview["actor_type"])
            consent = consent_labels.get(interview["consent"], interview["consent"])
            texts.append(
                {
                    "guid": guid("answers", interview["pk"]),
                    "key": (Tag.Field.ANSWERS, interview["pk"]),
                    "submission_id": submission["pk"],
                    "name": f"{region} – {interview['organisation']}",
                    "text": interview["answers"],
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
            )
    return texts


def _selections(assignment: Assignment, texts: list[dict]) -> tuple[dict, dict]:
    """Coded spans per source GUID, and the region's own role picks per submission."""
    answers = {t["key"][1]: t["text"] for t in texts if t["key"][0] == Tag.Field.ANSWERS}
    quotes = Quote.objects.filter(
        interview__submission__assignment=assignment,
        interview__submission__state=Submission.State.SUBMITTED,
    ).values_list("pk", "interview_id", "text")
    # A quote is a passage of the answers: its tags are coded where it stands in them.
    quote_at = {}
    for pk, interview_id, text in quotes:
        found = answers.get(interview_id, "").find(text) if text else -1
        if found >= 0:
            quote_at[pk] = (interview_id, found)
    spans: dict[str, dict[tuple[int, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    own: dict[int, list[str]] = defaultdict(list)
    for submission_id, slug in _own_picks(assignment).values_list("submission_id", "role__slug"):
        own[submission_id].append(slug)
    tags = (
        _submitted_tags(assignment)
        .exclude(review=Tag.Review.REJECTED)
        .order_by("pk")
        .values_list(
            "submission_id",
            "field",
            "interview_id",
            "quote_id",
            "start",
            "end",
            "role__slug",
        )
    )
    for submission_id, field, interview_id, quote_id, start, end, slug in tags:
        if start is None or end is None:
            continue
        if field == Tag.Field.STATEMENT:
            text = guid("statement", submission_id)
        elif field == Tag.Field.ANSWERS:
            text = guid("answers", interview_id)
        elif quote_id in quote_at:
            interview_id, offset = quote_at[quote_id]
            text, start, end = guid("answers", interview_id), start + offset, end + offset
        else:
            continue
        # Several tags on one span (a quote repeating its answer's tag) make one selection.
        if slug not in spans[text][(start, end)]:
            spans[text][(start, end)].append(slug)
    return spans, own


def _cases(root: ET.Element, texts: list[dict], own: dict, roles: list[Role]) -> None:
    """Each region is a case: its texts, and the roles it picked for itself as codes."""
    names = {role.slug: role.name_sv for role in roles}
    regions: dict[int, list[dict]] = defaultdict(list)
    for text in texts:
        regions[text["submission_id"]].append(text)
    cases = ET.SubElement(root, "Cases")
    for submission_id, region_texts in regions.items():
        region = region_texts[0]["variables"]["Region"]
        case = ET.SubElement(cases, "Case", guid=guid("case", submission_id), name=region)
        picks = list(dict.fromkeys(own.get(submission_id, [])))
        ET.SubElement(case, "Description").text = (
            f"Region {region}. Regionens egna rollval: "
            + (", ".join(names[slug] for slug in picks) if picks else "inga")
            + "."
        )
        for slug in picks:
            ET.SubElement(case, "CodeRef", targetGUID=guid("role", slug))
        for text in region_texts:
            ET.SubElement(case, "SourceRef", targetGUID=text["guid"])


def _text_source(sources: ET.Element, text: dict, spans: dict) -> None:
    source = ET.SubElement(
        sources,
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


def project_qde(assignment: Assignment, roles: list[Role], texts: list[dict], user=None) -> bytes:
    """The project.qde document of the .qdpx, for the texts _project_texts() read."""
    spans, own = _selections(assignment, texts)
    root = ET.Element(
        "Project",
        xmlns=PROJECT_NS,
        name=f"REGLAB – {assignment.title_sv}",
        origin=ORIGIN,
        creationDateTime=timezone.now().replace(microsecond=0).isoformat(),
    )
    if user is not None:
        root.set("creatingUserGUID", guid("user", user.pk))
        users = ET.SubElement(root, "Users")
        name = user.get_full_name() or user.get_username()
        ET.SubElement(users, "User", guid=guid("user", user.pk), name=name)
    _codes(ET.SubElement(root, "CodeBook"), roles)
    variables = ET.SubElement(root, "Variables")
    for name, kind in VARIABLES:
        attributes = {"guid": guid("variable", name), "name": name, "typeOfVariable": kind}
        ET.SubElement(variables, "Variable", attributes)
    if texts:
        # Both lists need at least one element to be valid, so they are left out when empty.
        _cases(root, texts, own, roles)
        sources = ET.SubElement(root, "Sources")
        for text in texts:
            _text_source(sources, text, spans.get(text["guid"], {}))
    return _xml(root)


def project_qdpx(assignment: Assignment, *, user=None) -> bytes:
    """A REFI-QDA project (.qdpx): project.qde plus every text under sources/<guid>.txt.

    `user` is the facilitator exporting, named as the project's user.
    """
    roles = list(Role.objects.all())
    texts = _project_texts(assignment)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_qde(assignment, roles, texts, user))
        for text in texts:
            archive.writestr(f"sources/{text['guid']}.txt", text["text"].encode("utf-8"))
    return out.getvalue()
