"""The exports as they were built in memory before issue 16 (synthesis/exports.py at that
time, trimmed to what differs): the reference the streamed exports must equal on the same
data (tests/test_export_streaming.py). Kept apart, unchanged, so that the test can fail."""

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from xml.etree import ElementTree as ET

from django.db.models import Q
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from interviews.models import Interview, Quote
from reglab.spreadsheets import append_row, csv_text
from submissions.models import Assignment, Submission
from synthesis.exports import (
    CODEBOOK_COLUMNS,
    COLUMNS,
    ORIGIN,
    OWN_PICK,
    PROJECT_NS,
    TEXT_SOURCES,
    VARIABLES,
    _codes,
    _csv_value,
    _own_picks,
    _submitted_tags,
    _variable_value,
    _xml,
    guid,
)
from synthesis.models import Role, Tag


def tags_csv(rows) -> str:
    return csv_text(COLUMNS, ([_csv_value(row[column]) for column in COLUMNS] for row in rows))


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


def _project_texts(assignment: Assignment) -> list[dict]:
    """Every text of the submitted homework as a REFI-QDA source, with its metadata."""
    submissions = (
        Submission.objects.submitted()
        .filter(assignment=assignment)
        # The one change: regions at the same position were in no defined order.
        .order_by("region__position", "region__slug")
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
