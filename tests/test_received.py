import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from submissions.models import Submission

from .conftest import login


def submit(submission, when):
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = when
    submission.save()


def test_the_facilitators_home_lists_all_21_regions(client, fiona, assignment):
    response = login(client, fiona).get("/")
    rows = response.context["rows"]
    assert len(rows) == 21
    assert rows[0].region.name == "Blekinge" and rows[-1].region.name == "Östergötland"


def test_a_region_that_submitted_after_the_deadline_is_late(
    client, fiona, submission, other_submission
):
    submit(submission, submission.assignment.deadline - timedelta(hours=1))
    submit(other_submission, other_submission.assignment.deadline + timedelta(hours=1))
    rows = {r.region.slug: r for r in login(client, fiona).get("/").context["rows"]}
    assert rows["halland"].state == "submitted" and not rows["halland"].late
    assert rows["skane"].late
    assert rows["gotland"].state == "not_started" and not rows["gotland"].late


def test_after_the_deadline_missing_regions_are_late(client, fiona, assignment):
    assignment.deadline = timezone.now() - timedelta(days=1)
    assignment.save()
    rows = login(client, fiona).get("/").context["rows"]
    assert all(r.late for r in rows)


def test_the_table_sorts_by_interview_count(client, fiona, complete_submission):
    rows = login(client, fiona).get("/?sort=-interviews").context["rows"]
    assert rows[0].region.slug == "halland" and rows[0].interview_count == 3


def test_an_unknown_sort_falls_back_to_region_order(client, fiona, assignment):
    response = login(client, fiona).get("/?sort=drop table")
    assert response.status_code == 200
    assert response.context["rows"][0].region.name == "Blekinge"


def test_the_csv_download_has_every_region(client, fiona, complete_submission):
    submit(complete_submission, timezone.now())
    url = reverse("submissions:received_csv") + f"?assignment={complete_submission.assignment_id}"
    response = login(client, fiona).get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 21
    halland = next(r for r in rows if r["region"] == "Halland")
    assert halland["state"] == "submitted" and halland["interviews"] == "3"
    assert any(r["region"] == "Östergötland" for r in rows)


def test_a_facilitator_creates_an_assignment(client, fiona):
    response = login(client, fiona).post(
        reverse("submissions:assignment_new"),
        {
            "title_sv": "Hemläxa 2027",
            "title_en": "Homework 2027",
            "instructions_sv": "Beskriv rollen.",
            "instructions_en": "",
            "deadline": "2027-03-01T12:00",
            "min_interviews": 4,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("submissions:assignments")).content.decode()
    assert "Hemläxa 2027" in page


def test_an_assignment_with_zero_interviews_is_refused(client, fiona):
    response = login(client, fiona).post(
        reverse("submissions:assignment_new"),
        {
            "title_sv": "X",
            "instructions_sv": "Y",
            "deadline": "2027-03-01T12:00",
            "min_interviews": 0,
        },
    )
    assert response.status_code == 200
    assert "min_interviews" in response.context["form"].errors


def test_a_bad_deadline_is_a_form_error_not_a_500(client, fiona):
    response = login(client, fiona).post(
        reverse("submissions:assignment_new"),
        {"title_sv": "X", "instructions_sv": "Y", "deadline": "imorgon", "min_interviews": 3},
    )
    assert response.status_code == 200
    assert "deadline" in response.context["form"].errors
