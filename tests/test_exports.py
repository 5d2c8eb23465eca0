"""Data exports for facilitators: tidy CSV/XLSX of every tag, and REFI-QDA codebook and project."""

import csv
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reglab import spreadsheets
from reglab.models import Region
from submissions.models import Submission
from synthesis import exports
from synthesis.models import Role, Tag
from synthesis.services import add_manual_tag, retag_corpus

from .conftest import add_interview, login

SCHEMAS = Path(__file__).parent / "data" / "refi-qda"
SECRET_FUNCTION = "Hemlig funktionsbeteckning"
QDA = {"qda": "urn:QDA-XML:project:1.0"}


def hand_in(submission):
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save()


@pytest.fixture
def homework(complete_submission, fiona):
    """Halland's submitted homework, tagged, with one own pick and one facilitator tag."""
    submission = complete_submission
    submission.statement = (
        "Region Halland samordnar integrationsarbetet i länet. Vi öppnar dörrar för nyanlända."
    )
    hand_in(submission)
    add_interview(
        submission,
        4,
        organisation="Länsstyrelsen i Jönköpings län",
        actor_type="lansstyrelse",
        interviewee_function=SECRET_FUNCTION,
        answers="Vi ser att regionen finansierar projekt. Regionen samordnar och stöttar oss.",
    )
    submission.self_roles.add(Role.objects.get(slug="visionar"))
    retag_corpus()
    add_manual_tag(
        submission=submission,
        user=fiona,
        role=Role.objects.get(slug="larande"),
        field=Tag.Field.STATEMENT,
        start=0,
        end=14,
    )
    return submission


def rows_expected(submission) -> int:
    """One row per tag and one per role the region picked for itself."""
    return Tag.objects.filter(submission=submission).count() + submission.self_roles.count()


def download(client, user, name, assignment, **params):
    url = reverse(f"exports:{name}", args=[assignment.pk])
    response = login(client, user).get(url, params)
    assert response.status_code == 200, response.status_code
    return response


def content(response) -> bytes:
    """The file, whether it was sent whole or streamed (tags.csv, tags.xlsx, project.qdpx)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[dict]:
    text = content(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def xlsx_sheets(response):
    workbook = load_workbook(io.BytesIO(content(response)))
    return workbook["Taggar"], workbook["Roller"]


def sheet_dicts(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def project_files(response) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content(response))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def schema(name: str):
    etree = pytest.importorskip("lxml.etree", reason="lxml is a dev dependency")
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def assert_valid(xsd, document: bytes) -> None:
    etree = pytest.importorskip("lxml.etree")
    tree = etree.fromstring(document)
    assert xsd.validate(tree), xsd.error_log


# Tidy CSV and XLSX


def test_the_csv_has_one_row_per_tag_with_the_documented_columns(client, fiona, homework):
    response = download(client, fiona, "tags_csv", homework.assignment)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        f'attachment; filename="reglab-tags-{homework.assignment.pk}.csv"'
    )
    rows = csv_rows(response)
    assert list(rows[0]) == exports.COLUMNS
    assert len(rows) == rows_expected(homework)
    statement = [r for r in rows if r["text_source"] == "statement" and r["tag_source"] == "auto"]
    samordnare = next(r for r in statement if r["role"] == "samordnare")
    assert samordnare["text"] == "Region Halland samordnar integrationsarbetet i länet."
    assert "samordnar" in samordnare["evidence"]
    assert samordnare["organisation"] == "" and samordnare["region_slug"] == "halland"
    interview = next(r for r in rows if r["organisation"] == "Länsstyrelsen i Jönköpings län")
    assert interview["actor_type"] == "lansstyrelse"
    assert interview["actor_type_label"] == "Länsstyrelse"
    assert interview["interview_date"] == "2026-10-04"
    # Reading order: the statement first, each interview before its quotes.
    sources = [r["text_source"] for r in rows]
    assert sources[0] == "statement" and sources.index("interview") < sources.index("quote")


def test_the_regions_own_picks_are_rows_without_text(client, fiona, homework):
    rows = csv_rows(download(client, fiona, "tags_csv", homework.assignment))
    (own,) = [r for r in rows if r["tag_source"] == "self"]
    assert own["role"] == "visionar" and own["role_name"] == "Visionär"
    assert own["text"] == "" and own["start"] == ""


def test_the_xlsx_has_the_same_rows_and_the_codebook_sheet(client, fiona, homework):
    assignment = homework.assignment
    csv_export = csv_rows(download(client, fiona, "tags_csv", assignment))
    tags, roles = xlsx_sheets(download(client, fiona, "tags_xlsx", assignment))
    rows = sheet_dicts(tags)
    assert [r["text"] or "" for r in rows] == [r["text"] for r in csv_export]
    assert [r["role"] for r in rows] == [r["role"] for r in csv_export]
    assert tags["A1"].font.bold and tags.freeze_panes == "A2" and tags.auto_filter.ref
    span = next(r for r in rows if r["tag_source"] == "auto")
    assert isinstance(span["start"], int) and isinstance(span["end"], int)
    codebook = sheet_dicts(roles)
    assert list(codebook[0]) == exports.CODEBOOK_COLUMNS
    samordnare = next(r for r in codebook if r["slug"] == "samordnare")
    assert samordnare["name_en"] == "Coordinator" and "samordna, koordinera" in samordnare["cues"]
    assert len(codebook) == Role.objects.count()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Region Halland", "Region Halland"),
        (-2, -2),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_only_text_that_looks_like_a_formula_is_neutralised(value, expected):
    assert spreadsheets.neutralise(value) == expected


def test_formula_looking_text_is_neutralised_in_csv_and_xlsx(client, fiona, submission):
    hyperlink = '=HYPERLINK("http://evil.example/x","klicka") Region Halland samordnar arbetet.'
    submission.statement = hyperlink
    hand_in(submission)
    add_interview(
        submission,
        1,
        organisation="+1 Kommun",
        answers="-2 Regionen samordnar insatser. @SUM(A1) regionen finansierar projekt.",
    )
    retag_corpus()
    csv_export = csv_rows(download(client, fiona, "tags_csv", submission.assignment))
    tags, _roles = xlsx_sheets(download(client, fiona, "tags_xlsx", submission.assignment))
    xlsx_export = sheet_dicts(tags)
    for rows in (csv_export, xlsx_export):
        texts = {r["text"] for r in rows} | {r["organisation"] for r in rows}
        assert "'" + hyperlink in texts
        assert "'+1 Kommun" in texts
        assert "'-2 Regionen samordnar insatser." in texts
        assert "'@SUM(A1) regionen finansierar projekt." in texts
        assert not any(str(t).startswith(("=", "+", "-", "@")) for t in texts)
    # Excel must see text, not a formula.
    assert all(cell.data_type != "f" for row in tags.iter_rows() for cell in row)


def test_swedish_letters_survive_in_every_export(client, fiona, homework):
    assignment = homework.assignment
    words = ["länet", "öppnar dörrar", "Länsstyrelsen i Jönköpings län"]
    csv_text = content(download(client, fiona, "tags_csv", assignment)).decode("utf-8")
    tags, roles = xlsx_sheets(download(client, fiona, "tags_xlsx", assignment))
    xlsx_text = " ".join(str(v) for row in tags.iter_rows(values_only=True) for v in row)
    files = project_files(download(client, fiona, "project_qdpx", assignment))
    project_text = " ".join(text.decode("utf-8") for text in files.values())
    for text in (csv_text, xlsx_text, project_text):
        for word in words:
            assert unicodedata.normalize("NFC", word) in text
    codebook = download(client, fiona, "codebook_qdc", assignment).content.decode("utf-8")
    assert 'name="Stödjande"' in codebook and 'name="Förebild"' in codebook
    assert "Förebild" in {row[1] for row in roles.iter_rows(values_only=True)}


def test_the_interviewees_function_never_appears_in_any_export(client, fiona, homework):
    assignment = homework.assignment
    contents = [
        content(download(client, fiona, "tags_csv", assignment)).decode("utf-8"),
        download(client, fiona, "codebook_qdc", assignment).content.decode("utf-8"),
    ]
    tags, roles = xlsx_sheets(download(client, fiona, "tags_xlsx", assignment))
    for sheet in (tags, roles):
        contents.append(" ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row))
    files = project_files(download(client, fiona, "project_qdpx", assignment))
    contents.extend(text.decode("utf-8") for text in files.values())
    for text in contents:
        assert SECRET_FUNCTION not in text
        assert "Integrationsstrateg" not in text  # the other interviews' function


def test_drafts_and_returned_homework_are_not_exported(client, fiona, homework, other_submission):
    add_interview(other_submission, 1, organisation="Skånes utkastkommun")
    retag_corpus()
    assert Tag.objects.filter(submission=other_submission).exists()
    assignment = homework.assignment
    for state in (Submission.State.DRAFT, Submission.State.RETURNED):
        Submission.objects.filter(pk=other_submission.pk).update(state=state)
        rows = csv_rows(download(client, fiona, "tags_csv", assignment))
        assert {r["region"] for r in rows} == {"Halland"}
        files = project_files(download(client, fiona, "project_qdpx", assignment))
        assert "Skåne" not in files["project.qde"].decode("utf-8")
        assert not any(b"utkastkommun" in text for text in files.values())


def test_rejected_tags_are_exported_with_review_rejected(client, fiona, homework):
    rejected = Tag.objects.filter(submission=homework, source="auto").first()
    rejected.review = Tag.Review.REJECTED
    rejected.save()
    rows = csv_rows(download(client, fiona, "tags_csv", homework.assignment))
    assert len(rows) == rows_expected(homework)
    assert [r["review"] for r in rows].count("rejected") == 1


def test_reviewed_confirmed_keeps_only_confirmed_and_manual_tags(client, fiona, homework):
    auto = Tag.objects.filter(submission=homework, source="auto").order_by("pk")
    confirmed, rejected = auto[0], auto[1]
    Tag.objects.filter(pk=confirmed.pk).update(review=Tag.Review.CONFIRMED)
    Tag.objects.filter(pk=rejected.pk).update(review=Tag.Review.REJECTED)
    rows = csv_rows(download(client, fiona, "tags_csv", homework.assignment, reviewed="confirmed"))
    assert sorted((r["tag_source"], r["review"]) for r in rows) == [
        ("auto", "confirmed"),
        ("facilitator", "confirmed"),
        ("self", "unreviewed"),
    ]
    tags, _roles = xlsx_sheets(
        download(client, fiona, "tags_xlsx", homework.assignment, reviewed="confirmed")
    )
    assert len(sheet_dicts(tags)) == 3


# REFI-QDA


def test_the_codebook_validates_against_the_refi_qda_schema(client, fiona, homework):
    response = download(client, fiona, "codebook_qdc", homework.assignment)
    assert response["Content-Disposition"].endswith('.qdc"')
    assert_valid(schema("Codebook.xsd"), response.content)
    text = response.content.decode("utf-8")
    assert 'origin="REGLAB portal"' in text
    assert text.count("<Code ") == Role.objects.count()
    assert "Signalord: samordna, koordinera" in text


def test_codes_keep_their_guids_from_one_export_to_the_next(client, fiona, homework):
    first = download(client, fiona, "codebook_qdc", homework.assignment).content
    Role.objects.filter(slug="samordnare").update(name_sv="Samordnare", position=99)
    second = download(client, fiona, "codebook_qdc", homework.assignment).content
    guid = exports.guid("role", "samordnare")
    assert f'guid="{guid}"'.encode() in first and f'guid="{guid}"'.encode() in second


def test_the_project_validates_against_the_refi_qda_schema(client, fiona, homework):
    response = download(client, fiona, "project_qdpx", homework.assignment)
    assert response["Content-Type"] == "application/zip"
    files = project_files(response)
    assert_valid(schema("Project.xsd"), files["project.qde"])
    etree = pytest.importorskip("lxml.etree")
    project = etree.fromstring(files["project.qde"])
    assert project.find("qda:Users/qda:User", QDA).get("name") == "fiona"
    sources = project.findall("qda:Sources/qda:TextSource", QDA)
    assert len(sources) == 1 + homework.interviews.count()
    for source in sources:
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
        assert f"sources/{source.get('guid')}.txt" in files
    (case,) = project.findall("qda:Cases/qda:Case", QDA)
    assert case.get("name") == "Halland"
    own = [ref.get("targetGUID") for ref in case.findall("qda:CodeRef", QDA)]
    assert own == [exports.guid("role", "visionar")]


def test_an_empty_project_still_validates(client, fiona, assignment):
    files = project_files(download(client, fiona, "project_qdpx", assignment))
    assert_valid(schema("Project.xsd"), files["project.qde"])


def test_every_selection_slices_its_source_text_to_a_tagged_span(client, fiona, homework):
    rejected = Tag.objects.filter(submission=homework, field="statement", source="auto").first()
    Tag.objects.filter(pk=rejected.pk).update(review=Tag.Review.REJECTED)
    etree = pytest.importorskip("lxml.etree")
    files = project_files(download(client, fiona, "project_qdpx", homework.assignment))
    project = etree.fromstring(files["project.qde"])
    codes = {code.get("guid") for code in project.iterfind(".//qda:CodeBook//qda:Code", QDA)}
    coded = set()
    for source in project.iterfind("qda:Sources/qda:TextSource", QDA):
        text = files[f"sources/{source.get('guid')}.txt"].decode("utf-8")
        for selection in source.iterfind("qda:PlainTextSelection", QDA):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            for ref in selection.iterfind("qda:Coding/qda:CodeRef", QDA):
                assert ref.get("targetGUID") in codes
                coded.add((text[start:end], ref.get("targetGUID")))
    kept = Tag.objects.filter(submission=homework).counted()
    expected = {(tag.match, exports.guid("role", tag.role.slug)) for tag in kept}
    # Quotes are coded on their interview's answers, where the same words stand.
    assert coded == expected


# Who may download


@pytest.mark.parametrize("name", ["tags_csv", "tags_xlsx", "codebook_qdc", "project_qdpx"])
def test_a_coordinator_gets_403(client, alice, homework, name):
    url = reverse(f"exports:{name}", args=[homework.assignment.pk])
    assert login(client, alice).get(url).status_code == 403


@pytest.mark.parametrize("name", ["tags_csv", "tags_xlsx", "codebook_qdc", "project_qdpx"])
def test_an_anonymous_user_is_sent_to_login(client, homework, name):
    url = reverse(f"exports:{name}", args=[homework.assignment.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_assignment_is_404(client, fiona, db):
    url = reverse("exports:tags_csv", args=[999999])
    assert login(client, fiona).get(url).status_code == 404


# Cost


def add_regions_homework(assignment, first: int, count: int) -> None:
    for n in range(first, first + count):
        region = Region.objects.create(
            slug=f"test-region-{n}", name=f"Testregion {n}", position=100 + n
        )
        submission = Submission.objects.create(
            assignment=assignment,
            region=region,
            statement="Regionen samordnar och finansierar projekt i länet.",
        )
        hand_in(submission)
        add_interview(submission, 1)
        add_interview(submission, 2, answers="Regionen öppnar dörrar och stöttar oss.")
        submission.self_roles.add(Role.objects.get(slug="samordnare"))
    retag_corpus()


@pytest.mark.parametrize("name", ["tags_csv", "tags_xlsx", "project_qdpx"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_tags(
    client, fiona, assignment, django_assert_max_num_queries, name
):
    login(client, fiona)
    url = reverse(f"exports:{name}", args=[assignment.pk])
    counts = []
    for first, count in ((0, 3), (3, 27)):  # 3 regions' homework, then 30
        add_regions_homework(assignment, first, count)
        # The session and user, the size of the export (a count or two), the roles, and
        # each list (tags, own picks, texts, quotes) once, however long it is.
        with django_assert_max_num_queries(15) as captured:
            response = client.get(url)
            assert response.status_code == 200
            content(response)  # a streamed file reads as it is sent
        counts.append(len(captured))
    assert Tag.objects.count() + Submission.self_roles.through.objects.count() > 30 * 10
    assert counts[0] == counts[1]
