"""Erasing an interviewee's personal data (a GDPR request, issue 11 item 2) erases it
everywhere it is stored: the interview and its history, the homework's versions and the
pages showing them, the region's download, the exports, the admin's log, texts kept aside
in a conflict, and every cache of the synthesis (the shared cache, this process's memory,
and the pages kept as they were while new ones are built)."""

import base64
import io
import json
import pickle
import zipfile

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from interviews.models import Interview
from interviews.services import save_interview
from submissions.models import ConflictCopy, SubmissionVersion
from submissions.services import return_submission, submit_submission
from synthesis import cache as synthesis_cache
from synthesis.services import retag_corpus
from workshop import selectors

from .conftest import add_interview, login

ORGANISATION = "Anna Anderssons firma"
EARLIER_NAME = "Anna Andersson AB"  # what the region called it in the first hand-in
FUNCTION = "Rektor Bertil Berg"
# What must be found nowhere once erased (both names hold the first).
PERSONAL = ["Anna Andersson", "Bertil Berg"]
ANSWERS = "Regionen samordnar och stöttar oss. Vi ser att regionen finansierar projekt."


def personal_data_in(content) -> list[str]:
    if isinstance(content, bytes):
        return [p for p in PERSONAL if p.encode() in content]
    return [p for p in PERSONAL if p in content]


def interview_data(interview: Interview, **changes) -> dict:
    fields = ["organisation", "actor_type", "interview_date", "interviewee_function"]
    fields += ["consent", "answers"]
    return {name: getattr(interview, name) for name in fields} | changes


@pytest.fixture
def named(complete_submission, alice, fiona):
    """Halland's homework with an interview whose interviewee agreed to be named: handed in
    (versions 1 and 2 taken before versions carried the interview's id), returned,
    renamed, handed in again (version 3), with a conflicting save kept aside and a change
    in the admin's log; the synthesis published with names."""
    submission = complete_submission
    interview = add_interview(
        submission,
        4,
        organisation=EARLIER_NAME,
        consent=Interview.Consent.NAMED,
        interviewee_function=FUNCTION,
        answers=ANSWERS,
    )
    retag_corpus()
    submit_submission(submission=submission, user=alice)
    return_submission(submission=submission, user=fiona, comment="Lägg till en intervju.")
    for version in SubmissionVersion.objects.filter(submission=submission):
        for record in version.snapshot["interviews"]:
            record.pop("id", None)  # as versions were before this change
        version.save()
    interview.refresh_from_db()
    save_interview(
        submission=submission,
        user=alice,
        data=interview_data(interview, organisation=ORGANISATION),
        quotes=["Regionen samordnar och stöttar oss."],
        interview=interview,
        base_revision=interview.revision,
    )
    interview.refresh_from_db()
    ConflictCopy.objects.create(
        submission=submission,
        interview=interview,
        field="interview",
        text=json.dumps({"organisation": ORGANISATION, "interviewee_function": FUNCTION}),
        created_by=alice,
    )
    submit_submission(submission=submission, user=alice)
    LogEntry.objects.create(
        user=fiona,
        content_type=ContentType.objects.get_for_model(Interview),
        object_id=str(interview.pk),
        object_repr=str(interview),
        action_flag=CHANGE,
        change_message="[]",
    )
    assignment = submission.assignment
    assignment.published_at = timezone.now()
    assignment.show_region_names = True
    assignment.save()
    return interview


def facilitator_pages(interview) -> list[str]:
    assignment = interview.submission.assignment
    a = [assignment.pk]
    deck = reverse("workshop:deck", args=a)
    return [
        reverse("synthesis:overview", args=a),
        reverse("synthesis:region", args=[assignment.pk, "halland"]),
        reverse("synthesis:actors", args=a),
        reverse("synthesis:heatmap", args=a),
        reverse("synthesis:quotes", args=a),
        reverse("synthesis:report", args=a),
        deck,
        deck + "?names=1",
        deck + "?names=1&partial=1",
        reverse("workshop:version", args=a) + "?names=1",
        reverse("synthesis:submission", args=[interview.submission_id]),
        reverse("synthesis:history"),
        reverse("synthesis:history") + f"?submission={interview.submission_id}",
        reverse("submissions:detail", args=[interview.submission_id]),
        reverse("submissions:versions", args=[interview.submission_id]),
    ] + [reverse("submissions:version", args=[interview.submission_id, n]) for n in (1, 2, 3)]


def coordinator_pages(interview) -> list[str]:
    assignment = interview.submission.assignment
    return [
        reverse("synthesis:mine", args=[assignment.pk]),
        reverse("synthesis:region_data"),
    ] + [reverse("submissions:version", args=[interview.submission_id, n]) for n in (1, 2, 3)]


def export_texts(client, assignment) -> dict[str, str]:
    """The CSV, the XLSX's cells and every file of the REFI-QDA project, as text."""
    texts = {}
    for name in ("tags_csv", "tags_xlsx", "project_qdpx"):
        response = client.get(reverse(f"exports:{name}", args=[assignment.pk]))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)  # each of them streams
        if name == "tags_csv":
            texts[name] = content.decode("utf-8")
        elif name == "tags_xlsx":
            workbook = load_workbook(io.BytesIO(content))
            texts[name] = repr(
                [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
            )
        else:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                for file in archive.namelist():
                    texts[f"{name}:{file}"] = archive.read(file).decode("utf-8")
    return texts


def fetched(client, user, urls) -> dict[str, str]:
    login(client, user)
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode("utf-8")
    return pages


def cache_values() -> list[bytes]:
    """Every value the shared cache stores, as stored (pickled)."""
    if isinstance(cache, DatabaseCache):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {cache._table}")
            return [base64.b64decode(value) for (value,) in cursor.fetchall()]
    if hasattr(cache, "_cache"):  # LocMemCache
        return list(cache._cache.values())
    pytest.skip("cannot list this cache backend's values")


def memory_values() -> list[bytes]:
    """This process's copies of the synthesis's results."""
    items = synthesis_cache._memory.items.values()
    return [pickle.dumps(value) for kept in items for value in kept.values()]


def erase(client, fiona, interview):
    response = login(client, fiona).post(reverse("interviews:erase", args=[interview.pk]))
    assert response.status_code == 302


def test_erasing_leaves_the_personal_data_in_no_store(client, alice, fiona, named):
    interview, assignment = named, named.submission.assignment
    before = fetched(client, fiona, facilitator_pages(interview))
    before |= fetched(client, alice, coordinator_pages(interview))
    login(client, fiona)
    before |= export_texts(client, assignment)
    # The pages and files that show them did (else this test would prove nothing).
    shown = {url for url, text in before.items() if personal_data_in(text)}
    assert {
        reverse("synthesis:quotes", args=[assignment.pk]),
        reverse("workshop:deck", args=[assignment.pk]) + "?names=1",
        reverse("synthesis:region_data"),
        reverse("submissions:version", args=[interview.submission_id, 1]),
        reverse("submissions:version", args=[interview.submission_id, 3]),
        "tags_csv",
    } <= shown
    assert any(personal_data_in(value) for value in cache_values())
    assert any(personal_data_in(value) for value in memory_values())

    erase(client, fiona, interview)

    # The database: the interview, its history, the versions, conflicts, the admin's log.
    interview.refresh_from_db()
    assert not personal_data_in(f"{interview.organisation} {interview.interviewee_function}")
    assert interview.consent == Interview.Consent.ANONYMOUS
    assert interview.quotes.exists()
    for row in interview.history.all():
        assert not personal_data_in(f"{row.organisation} {row.interviewee_function}")
    for version in SubmissionVersion.objects.filter(submission=interview.submission):
        assert not personal_data_in(json.dumps(version.snapshot)), version.number
    assert not ConflictCopy.objects.filter(interview=interview).exists()
    for entry in LogEntry.objects.all():
        assert not personal_data_in(f"{entry.object_repr} {entry.change_message}")
    # What the pages left in this process's memory is gone before any page is fetched.
    assert not [value for value in memory_values() if personal_data_in(value)]

    # Every page and file, fetched again: the cached ones were rendered before the erasure.
    after = fetched(client, fiona, facilitator_pages(interview))
    after |= fetched(client, alice, coordinator_pages(interview))
    login(client, fiona)
    after |= export_texts(client, assignment)
    assert after.keys() == before.keys()
    assert {url: personal_data_in(text) for url, text in after.items()} == {
        url: [] for url in after
    }
    # The anonymised interview still shows: as its actor type.
    quote_wall = after[reverse("synthesis:quotes", args=[assignment.pk])]
    assert "Regionen samordnar och stöttar oss." in quote_wall

    # What the caches store, now that every page was built again.
    assert not [value for value in cache_values() if personal_data_in(value)]
    assert not [value for value in memory_values() if personal_data_in(value)]


def deck_being_built_elsewhere(kept_under) -> None:
    """Another request has just started building the deck's current slides: without the
    erasure, the viewers would be answered the slides as they were meanwhile."""
    for name in ("deck", "deck-version"):
        for base in kept_under.get(name, ()):
            key = f"{base}:{synthesis_cache.generation()}"
            cache.add(f"{key}:lock", f"elsewhere:{timezone.now().timestamp()}", 60)


def test_the_deck_as_it_was_before_the_erasure_is_never_answered(
    client, fiona, named, kept_under, monkeypatch
):
    monkeypatch.setattr(synthesis_cache, "WAIT_SECONDS", 0.3)
    url = reverse("workshop:deck", args=[named.submission.assignment_id]) + "?names=1"
    assert personal_data_in(fetched(client, fiona, [url])[url])

    erase(client, fiona, named)
    deck_being_built_elsewhere(kept_under)

    assert personal_data_in(fetched(client, fiona, [url])[url]) == []


def test_a_deck_built_from_the_data_as_it_was_during_the_erasure_is_never_answered(
    client, fiona, named, kept_under, monkeypatch
):
    """A request read the data just before the erasure and keeps its slides after it: they
    are kept as the slides 'as they were', and must not be answered as such."""
    monkeypatch.setattr(synthesis_cache, "WAIT_SECONDS", 0.3)
    url = reverse("workshop:deck", args=[named.submission.assignment_id]) + "?names=1"
    build, erased = selectors.deck, []

    def erased_during_the_build(assignment, *, show_names):
        slides = build(assignment, show_names=show_names)
        if not erased:
            erased.append(erase(client, fiona, named))
        return slides

    monkeypatch.setattr(selectors, "deck", erased_during_the_build)
    assert personal_data_in(fetched(client, fiona, [url])[url])  # read before the erasure
    monkeypatch.setattr(selectors, "deck", build)
    deck_being_built_elsewhere(kept_under)

    assert personal_data_in(fetched(client, fiona, [url])[url]) == []
