"""Issue 15, the user's side: a homework written in Word is uploaded, checked in a preview
(moved, completed, consent chosen) and saved as the region's draft; a facilitator
imports a round's files from a .zip and hands them in to an earlier round that Jämför
omgångar compares with. The uploaded file itself is kept nowhere.

The Word files are made here: the portal's template (template_docx) filled in with
python-docx, as a region would fill it in Word."""

import io
import zipfile
from datetime import timedelta
from urllib.parse import urlencode

import docx
import lxml.html
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from interviews.docx_template import template_docx
from interviews.import_views import ROUND_SESSION_KEY
from interviews.models import Interview, Quote
from reglab.models import OutgoingMail
from submissions.models import Assignment, ConflictCopy, Submission, SubmissionVersion
from submissions.services import submit_submission
from synthesis.models import Tag
from synthesis.services import retag_corpus

from .conftest import login
from .test_docx_import import fill_template

STATEMENT = [
    "Region Halland samordnar integrationsarbetet i länet.",
    "Falkenbergs kommun säger att regionen öppnar dörrar.",  # belongs to interview 1
]
INTERVIEWS = [
    {
        "metadata": ["Falkenbergs kommun", "Kommun", "2026-03-03", "Integrationsstrateg"],
        "answers": ["Regionen är en viktig samordnare för oss."],
    },
    {
        "metadata": ["Arbetsförmedlingen Halmstad", "Arbetsförmedlingen", "4 mars 2026", "Chef"],
        "answers": ["Vi ser regionen som en röst i nationella frågor."],
    },
    {
        "metadata": ["Länsstyrelsen Halland", "Länsstyrelse", "2026-03-05", "Handläggare"],
        "answers": ["Regionen stöttar kommunerna med kunskap.", "SECRET-LEFT-OUT anteckning"],
    },
]


def filled_template(
    statement=STATEMENT, interviews=INTERVIEWS, *, region="Halland", language="sv"
) -> bytes:
    """The portal's template filled in as a region would in Word: the region's line, the
    statement under its heading, each interview's table and its answers."""
    return fill_template(template_docx(language), language, statement, interviews, region)


def upload_file(name: str, data: bytes):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload_url(assignment):
    return reverse("interviews:import_upload", args=[assignment.pk])


def preview_url(assignment, region):
    return reverse("interviews:import_preview", args=[assignment.pk, region.slug])


def form_data(response, xpath="//form[@data-import-preview]") -> dict:
    """What the browser would send with the page's form (its fields, no button)."""
    page = lxml.html.fromstring(response.content.decode())
    form = page.xpath(xpath)[0]
    return dict(form.form_values())


def block_index(client, assignment, region, text: str) -> int:
    state = client.session[f"docx-import:{assignment.pk}:{region.slug}"]
    return next(b["index"] for b in state["imported"]["blocks"] if b["text"] == text)


def upload(client, assignment, data=None, name="Hemläxa Halland.docx"):
    return client.post(
        upload_url(assignment), {"file": upload_file(name, data or filled_template())}
    )


def with_consent(data: dict, consent: str = "anonymous") -> dict:
    """The form with a consent chosen for every interview."""
    return data | {key: consent for key in data if key.endswith("-consent")}


# --- The template -------------------------------------------------------------------------


def test_the_template_downloads_in_the_users_language(client, alice, assignment):
    login(client, alice)
    url = reverse("interviews:import_template", args=[assignment.pk])
    swedish = client.get(url)
    assert swedish["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="reglab-hemlaxa-mall.docx"' in swedish["Content-Disposition"]
    headings = [p.text for p in docx.Document(io.BytesIO(swedish.content)).paragraphs]
    assert "Rollbeskrivning" in headings and assignment.title_sv in headings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = docx.Document(io.BytesIO(client.get(url).content))
    assert "Role statement" in [p.text for p in english.paragraphs]


def test_the_homework_pages_link_to_the_template_and_the_import(english, alice, submission):
    login(english, alice)
    for url in (reverse("home"), reverse("submissions:detail", args=[submission.pk])):
        body = english.get(url).content.decode()
        assert reverse("interviews:import_template", args=[submission.assignment_id]) in body
        assert upload_url(submission.assignment) in body
        assert "Download the Word template" in body


# --- Who may import -----------------------------------------------------------------------


def test_anonymous_users_are_sent_to_log_in(client, assignment, halland):
    for url in (
        upload_url(assignment),
        preview_url(assignment, halland),
        reverse("interviews:import_template", args=[assignment.pk]),
        reverse("interviews:import_round"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


def test_a_coordinator_cannot_import_into_another_regions_homework(
    english, alice, charlie, assignment, skane, other_submission
):
    login(english, charlie)
    upload(english, assignment)  # Skåne's own preview exists
    login(english, alice)
    assert english.get(preview_url(assignment, skane)).status_code == 404
    response = english.post(preview_url(assignment, skane), {"revision": "0", "action": "save"})
    assert response.status_code == 404
    # The upload names no region: Halland's coordinator imports into Halland's, whatever
    # the form says.
    response = english.post(
        upload_url(assignment),
        {"file": upload_file("h.docx", filled_template()), "region": skane.pk},
    )
    assert response.url == preview_url(assignment, alice.membership.region)
    assert Submission.objects.get(pk=other_submission.pk).statement == "Skåne samordnar arbetet."


def test_the_round_import_is_for_facilitators_only(client, alice):
    login(client, alice)
    assert client.get(reverse("interviews:import_round")).status_code == 403
    assert client.get(reverse("interviews:import_round_preview")).status_code == 403


# --- A bad file -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("hemlaxa.docx", b"%PDF-1.7 not a word file", "This is a PDF file"),
        ("hemlaxa.docx", b"PK\x03\x04 broken", "The file is damaged"),
        ("hemlaxa.doc", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, "old Word document"),
    ],
)
def test_a_bad_file_shows_the_message_and_stores_nothing(
    english, alice, assignment, name, data, message
):
    login(english, alice)
    response = english.post(upload_url(assignment), {"file": upload_file(name, data)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Submission.objects.exists()
    assert not [key for key in english.session.keys() if key.startswith("docx-import")]


def test_an_empty_document_is_told_so(english, alice, assignment):
    document = docx.Document()
    out = io.BytesIO()
    document.save(out)
    login(english, alice)
    response = english.post(
        upload_url(assignment), {"file": upload_file("x.docx", out.getvalue())}
    )
    assert "The document has no text" in response.content.decode()


# --- Preview, move, consent, save ---------------------------------------------------------


def test_preview_move_consent_and_save_make_the_draft_with_the_right_texts(
    english, alice, assignment, halland
):
    login(english, alice)
    response = upload(english, assignment)
    assert response.url == preview_url(assignment, halland)
    page = english.get(response.url)
    body = page.content.decode()
    assert "Falkenbergs kommun säger att regionen öppnar dörrar." in body
    assert "Hemläxa Halland.docx" in body
    assert not Submission.objects.exists()  # nothing saved by the upload or the preview

    # Move the misplaced paragraph to interview 1 and leave the note out.
    data = form_data(page)
    misplaced = block_index(english, assignment, halland, STATEMENT[1])
    note = block_index(english, assignment, halland, "SECRET-LEFT-OUT anteckning")
    data |= {f"block-{misplaced}": "0", f"block-{note}": "unplaced", "action": "update"}
    moved = english.post(preview_url(assignment, halland), data)
    assert moved.status_code == 302
    page = english.get(preview_url(assignment, halland))

    # Saving without consent is refused, with the reason, and saves nothing.
    data = form_data(page) | {"action": "save"}
    refused = english.post(preview_url(assignment, halland), data)
    assert refused.status_code == 200
    assert "Choose the interviewee&#x27;s consent to quoting for interview 1." in (
        refused.content.decode()
    )
    assert not Submission.objects.exists()

    saved = english.post(
        preview_url(assignment, halland), with_consent(form_data(refused)) | {"action": "save"}
    )
    submission = Submission.objects.get(region=halland, assignment=assignment)
    assert saved.url == reverse("submissions:detail", args=[submission.pk])
    assert submission.state == Submission.State.DRAFT
    assert submission.statement == STATEMENT[0]
    interviews = list(submission.interviews.order_by("interview_date"))
    assert [i.organisation for i in interviews] == [i["metadata"][0] for i in INTERVIEWS]
    assert interviews[0].answers == f"{STATEMENT[1]}\n\n{INTERVIEWS[0]['answers'][0]}"
    assert interviews[2].answers == INTERVIEWS[2]["answers"][0]  # the note left out
    assert [i.actor_type for i in interviews] == ["kommun", "arbetsformedlingen", "lansstyrelse"]
    assert str(interviews[1].interview_date) == "2026-03-04"
    assert interviews[0].interviewee_function == "Integrationsstrateg"
    assert {i.consent for i in interviews} == {Interview.Consent.ANONYMOUS}
    assert not Quote.objects.exists()  # quotes are never guessed
    assert Tag.objects.filter(submission=submission).exists()  # tagged as any save

    detail = english.get(saved.url).content.decode()
    assert STATEMENT[0] in detail and "The Word file is imported into the draft" in detail
    assert "SECRET-LEFT-OUT" not in detail


def test_the_preview_adds_and_drops_interviews_and_fixes_an_actor_type(
    english, alice, assignment, halland
):
    login(english, alice)
    upload(english, assignment)
    data = form_data(english.get(preview_url(assignment, halland))) | {"action": "drop-2"}
    english.post(preview_url(assignment, halland), data)
    data = form_data(english.get(preview_url(assignment, halland))) | {"action": "add"}
    english.post(preview_url(assignment, halland), data)
    page = english.get(preview_url(assignment, halland))
    data = with_consent(form_data(page), "named")
    # The dropped interview's answers are left out, and can go to the new interview.
    answers = block_index(english, assignment, halland, INTERVIEWS[2]["answers"][0])
    assert data[f"block-{answers}"] == "unplaced"
    data |= {
        f"block-{answers}": "2",
        "interview-2-organisation": "Halmstads stadsbibliotek",
        "interview-2-actor_type": "bibliotek",
        "interview-2-interview_date": "2026-03-09",
        "interview-1-actor_type": "annan",
        "action": "save",
    }
    english.post(preview_url(assignment, halland), data)
    submission = Submission.objects.get(region=halland)
    assert sorted(submission.interviews.values_list("organisation", "actor_type")) == [
        ("Arbetsförmedlingen Halmstad", "annan"),
        ("Falkenbergs kommun", "kommun"),
        ("Halmstads stadsbibliotek", "bibliotek"),
    ]
    library = submission.interviews.get(actor_type="bibliotek")
    assert library.answers == INTERVIEWS[2]["answers"][0]
    assert library.consent == Interview.Consent.NAMED


def test_a_reload_shows_the_preview_as_it_was_left(english, alice, assignment, halland):
    login(english, alice)
    upload(english, assignment)
    data = form_data(english.get(preview_url(assignment, halland)))
    data |= {"interview-0-organisation": "Falkenbergs kommun, socialtjänsten", "action": "update"}
    english.post(preview_url(assignment, halland), data)
    again = english.get(preview_url(assignment, halland)).content.decode()
    assert 'value="Falkenbergs kommun, socialtjänsten"' in again


def test_a_stale_preview_form_changes_nothing(english, alice, assignment, halland):
    login(english, alice)
    upload(english, assignment)
    stale = form_data(english.get(preview_url(assignment, halland)))
    english.post(preview_url(assignment, halland), stale | {"action": "drop-0"})
    response = english.post(
        preview_url(assignment, halland), with_consent(stale) | {"action": "save"}, follow=True
    )
    assert "changed in another tab" in response.content.decode()
    assert not Submission.objects.exists()


@pytest.mark.parametrize("value", ["\x00", "9" * 10_000, "²", "x" * 10_000])
def test_bad_values_in_the_preview_change_nothing_and_break_nothing(
    english, alice, assignment, halland, value
):
    login(english, alice)
    upload(english, assignment)
    page = english.get(preview_url(assignment, halland))
    data = form_data(page) | {
        f"block-{value}": "statement",
        "block-9": value,
        "interview-0-interview_date": value,
        "interview-0-consent": value,
    }
    for action in (f"drop-{value}", "update", "save"):
        response = english.post(
            preview_url(assignment, halland),
            urlencode(data | {"action": action}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 302)
        data["revision"] = str(
            english.session[f"docx-import:{assignment.pk}:{halland.slug}"]["revision"]
        )
    assert not Submission.objects.exists()
    state = english.session[f"docx-import:{assignment.pk}:{halland.slug}"]["imported"]
    assert len(state["interviews"]) == 3


def test_a_draft_that_exists_keeps_its_text_as_a_conflict_copy(
    english, alice, bob, submission, halland
):
    submission.statement = "Vår tidigare text om rollen."
    submission.statement_revision = 3
    submission.statement_saved_by = bob
    submission.save()
    login(english, alice)
    upload(english, submission.assignment)
    page = english.get(preview_url(submission.assignment, halland))
    assert "The draft already has a role statement" in page.content.decode()
    english.post(
        preview_url(submission.assignment, halland),
        with_consent(form_data(page)) | {"action": "save"},
    )
    submission.refresh_from_db()
    assert submission.statement == "\n\n".join(STATEMENT)
    assert submission.statement_revision == 4
    copy = ConflictCopy.objects.get(submission=submission)
    assert (copy.field, copy.text, copy.created_by, copy.resolved) == (
        "statement",
        "Vår tidigare text om rollen.",
        bob,
        False,
    )
    detail = english.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
    assert "Vår tidigare text om rollen." in detail  # shown to merge, as after co-editing
    assert "Kept text from before a Word import" in detail
    assert "two people saved at the same time" not in detail

    # The same file again adds no interview twice, and keeps the statement as it is.
    upload(english, submission.assignment)
    page = english.get(preview_url(submission.assignment, halland))
    english.post(
        preview_url(submission.assignment, halland),
        with_consent(form_data(page)) | {"action": "save"},
    )
    assert submission.interviews.count() == 3
    assert ConflictCopy.objects.filter(submission=submission).count() == 1


def test_a_submitted_homework_is_never_overwritten(english, alice, complete_submission, halland):
    login(english, alice)
    upload(english, complete_submission.assignment)  # the preview is made while a draft
    page = english.get(preview_url(complete_submission.assignment, halland))
    submit_submission(submission=complete_submission, user=alice)
    before = (complete_submission.statement, complete_submission.interviews.count())

    response = english.post(
        preview_url(complete_submission.assignment, halland),
        with_consent(form_data(page)) | {"action": "save"},
    )
    assert "a handed-in homework is never changed" in response.content.decode()
    complete_submission.refresh_from_db()
    assert (complete_submission.statement, complete_submission.interviews.count()) == before
    assert complete_submission.state == Submission.State.SUBMITTED
    assert not ConflictCopy.objects.exists()

    # And a new upload is refused from the start.
    refused = english.get(upload_url(complete_submission.assignment)).content.decode()
    assert "a handed-in homework is never changed" in refused
    assert 'type="file"' not in refused


def test_the_uploaded_file_is_kept_nowhere(
    english, alice, assignment, halland, settings, tmp_path
):
    """Not in MEDIA_ROOT, not in a temporary file (Django would write one for a file over
    FILE_UPLOAD_MAX_MEMORY_SIZE, here into a folder that does not exist), not in the
    database: once saved, even the text left out of the homework is gone."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "no-such-folder"
    login(english, alice)
    data = filled_template()
    upload(english, assignment, data)
    page = english.get(preview_url(assignment, halland))
    note = block_index(english, assignment, halland, "SECRET-LEFT-OUT anteckning")
    english.post(
        preview_url(assignment, halland),
        with_consent(form_data(page)) | {f"block-{note}": "unplaced", "action": "save"},
    )
    assert Submission.objects.filter(region=halland).exists()
    assert not (tmp_path / "media").exists() and not (tmp_path / "no-such-folder").exists()
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    assert "SECRET-LEFT-OUT" not in everything
    assert "Hemläxa Halland.docx" not in everything and "Heml\\u00e4xa Halland" not in everything


def test_a_facilitator_imports_for_any_region_into_an_earlier_round(english, fiona, skane):
    earlier = Assignment.objects.create(
        title_sv="Hemläxa 2024",
        instructions_sv="Gör läxan.",
        deadline=timezone.now() - timedelta(days=400),
    )
    login(english, fiona)
    response = english.post(
        upload_url(earlier),
        {
            "region": skane.pk,
            "assignment": earlier.pk,
            "file": upload_file("skane.docx", filled_template(region="Skåne")),
        },
    )
    assert response.url == preview_url(earlier, skane)
    page = english.get(response.url)
    english.post(response.url, with_consent(form_data(page)) | {"action": "save"})
    draft = Submission.objects.get(region=skane, assignment=earlier)
    assert draft.state == Submission.State.DRAFT and draft.interviews.count() == 3


# --- A round's zip ------------------------------------------------------------------------


def round_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def round_files() -> dict[str, bytes]:
    return {
        "omgång 2024/Region Halland.docx": filled_template(),
        "omgång 2024/skane-hemlaxa.docx": filled_template(region="Skåne"),
        # No region in the name: the template's "Region:" line tells.
        "omgång 2024/hemläxa tre.docx": filled_template(
            ["Vi samordnar arbetet i Västerbotten."],
            [
                {
                    "metadata": [f"Umeå kommun {n}", "Kommun", f"2024-09-0{n}", "Strateg"],
                    "answers": [f"Regionen samordnar. Svar {n}."],
                }
                for n in (1, 2, 3)
            ],
            region="Västerbotten",
        ),
        "omgång 2024/läs mig.txt": "Filerna från 2024.".encode(),
        "omgång 2024/trasig.docx": b"PK\x03\x04 not a word file",
    }


@pytest.fixture
def current_round(assignment, complete_submission, alice):
    """This year's round with Halland's homework handed in and tagged."""
    submit_submission(submission=complete_submission, user=alice)
    retag_corpus()
    return assignment


def test_a_round_zip_is_previewed_with_each_files_region(english, fiona):
    login(english, fiona)
    response = english.post(
        reverse("interviews:import_round"),
        {"file": upload_file("2024.zip", round_zip(round_files()))},
    )
    assert response.url == reverse("interviews:import_round_preview")
    page = english.get(response.url)
    body = page.content.decode()
    assert "läs mig.txt: left out, not a Word document (.docx)." in body
    assert "The file is damaged" in body  # trasig.docx, shown and left out
    data = form_data(page, "//main//form")
    assert data["file-0-region"] == "halland"
    assert data["file-1-region"] == "skane"
    assert data["file-2-region"] == "vasterbotten"
    assert "file-3-region" not in data
    assert data["round-consent_all"] == "" and data["file-0-0-consent"] == ""  # no default
    assert not Submission.objects.exists()


def test_saving_a_round_hands_in_an_earlier_round_that_compare_shows(
    english, fiona, current_round
):
    login(english, fiona)
    english.post(
        reverse("interviews:import_round"),
        {"file": upload_file("2024.zip", round_zip(round_files()))},
    )
    data = form_data(english.get(reverse("interviews:import_round_preview")), "//main//form")
    data |= {
        "round-round": "new",
        "round-title": "Hemläxa 2024",
        "round-day": "2024-10-31",
        "round-min_interviews": "3",
        "round-consent_all": "anonymous",
        "file-1-region": "skip",
        "action": "save",
    }
    response = english.post(reverse("interviews:import_round_preview"), data)
    earlier = Assignment.objects.get(title_sv="Hemläxa 2024")
    assert response.url == (
        reverse("synthesis:compare", args=[current_round.pk]) + f"?with={earlier.pk}"
    )
    handed_in = Submission.objects.filter(assignment=earlier).order_by("region__slug")
    assert [(s.region.slug, s.state) for s in handed_in] == [
        ("halland", "submitted"),
        ("vasterbotten", "submitted"),
    ]
    halland = handed_in[0]
    assert halland.statement == "\n\n".join(STATEMENT)
    assert (
        halland.interviews.count() == 3
        and not Quote.objects.filter(interview__submission=halland).exists()
    )
    assert {i.consent for i in halland.interviews.all()} == {"anonymous"}
    assert not halland.is_late()  # handed in by the round's deadline, as the files were
    version = SubmissionVersion.objects.get(submission=halland)
    assert version.event == "submitted" and len(version.snapshot["interviews"]) == 3
    assert Tag.objects.filter(submission=halland).exists()
    assert ROUND_SESSION_KEY not in english.session
    # Bringing in an earlier round is not regions handing in today: no hand-in mails
    # (fiona, a facilitator, gets one per hand-in by default).
    for submission in handed_in:
        assert not OutgoingMail.objects.filter(key__startswith=f"handed_in:{submission.pk}:")

    compare = english.get(response.url).content.decode()
    assert "Compared with “Hemläxa 2024”: 2 regions and 6 interviews then." in compare


def test_a_round_needs_a_region_and_consent_for_each_file_and_never_overwrites(
    english, fiona, current_round
):
    login(english, fiona)
    english.post(
        reverse("interviews:import_round"),
        {"file": upload_file("2024.zip", round_zip(round_files()))},
    )
    url = reverse("interviews:import_round_preview")
    data = form_data(english.get(url), "//main//form")
    data |= {"round-round": str(current_round.pk), "file-1-region": "halland", "action": "save"}
    body = english.post(url, data).content.decode()
    assert "Two files are for Halland; leave one of them out." in body
    assert "This region already has homework in the round" in body  # Halland's, handed in
    assert "Choose the consent to quoting, here or for every interview above." in body
    assert Submission.objects.count() == 1

    data |= {"file-0-region": "", "file-1-region": "skip"}
    body = english.post(url, data).content.decode()
    assert "Choose the file&#x27;s region, or leave the file out." in body
    assert Submission.objects.count() == 1


def test_a_new_rounds_minimum_is_checked_before_anything_is_saved(english, fiona):
    login(english, fiona)
    files = {"Region Halland.docx": filled_template()}
    english.post(
        reverse("interviews:import_round"), {"file": upload_file("x.zip", round_zip(files))}
    )
    url = reverse("interviews:import_round_preview")
    data = form_data(english.get(url), "//main//form") | {
        "round-round": "new",
        "round-title": "Hemläxa 2023",
        "round-day": "2023-10-31",
        "round-min_interviews": "4",
        "round-consent_all": "no_quote",
        "action": "save",
    }
    body = english.post(url, data).content.decode()
    assert "1 more interview needed (3 of 4 done)." in body
    assert not Assignment.objects.exists() and not Submission.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        (b"%PDF-1.7", "This is not a zip file"),
        (b"PK\x03\x04 broken", "The zip file is damaged"),
        (round_zip({"läs mig.txt": b"hej"}), "The zip file has no Word documents (.docx) in it."),
        # 11 MB of zeros: one part's ratio tells a bomb before it is unpacked.
        (round_zip({"Region Halland.docx": b"\0" * 11 * 1024 * 1024}), "unpacks to far more"),
        (round_zip({f"{n}.docx": b"x" for n in range(201)}), "unpacks to far more"),
    ],
    ids=["pdf", "damaged", "no docx", "bomb", "too many files"],
)
def test_a_bad_zip_shows_the_message_and_stores_nothing(english, fiona, data, message):
    login(english, fiona)
    response = english.post(
        reverse("interviews:import_round"), {"file": upload_file("x.zip", data)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ROUND_SESSION_KEY not in english.session
    assert not Submission.objects.exists()


def test_cancelling_a_round_import_saves_nothing(english, fiona):
    login(english, fiona)
    english.post(
        reverse("interviews:import_round"),
        {"file": upload_file("x.zip", round_zip(round_files()))},
    )
    response = english.post(reverse("interviews:import_round_preview"), {"action": "cancel"})
    assert response.url == reverse("submissions:assignments")
    assert ROUND_SESSION_KEY not in english.session
    assert not Submission.objects.exists()
