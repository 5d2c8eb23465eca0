from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from submissions.models import Assignment, Submission

from .conftest import add_interview, login


def test_home_shows_the_regions_homework_and_what_is_missing(client, alice, submission):
    add_interview(submission)
    add_interview(submission, 2)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = login(client, alice).get("/").content.decode()
    assert "Homework: the region&#x27;s role" in page
    assert "1 more interview needed (2 of 3 done)." in page


def test_home_says_how_many_interviews_are_still_needed(client, alice, submission):
    # Issue 12: "1 of 3 interviews" was read as one missing when two were.
    add_interview(submission)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = login(client, alice).get("/").content.decode()
    assert "2 more interviews needed (1 of 3 done)." in page


# Issue 11, item 8: opening a page changes no data; the homework starts with a POST.


def test_opening_an_assignment_shows_it_and_creates_nothing(client, alice, assignment):
    url = reverse("submissions:start", args=[assignment.pk])
    response = login(client, alice).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert assignment.instructions_sv in page
    assert f'<form method="post" action="{url}">' in page
    assert not Submission.objects.exists()


def test_opening_a_round_closed_a_year_ago_creates_nothing(client, alice, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(
        deadline=timezone.now() - timedelta(days=365)
    )
    url = reverse("submissions:start", args=[assignment.pk])
    response = login(client, alice).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'action="{url}"' not in page and 'data-testid="round-closed"' in page
    assert not Submission.objects.exists()


def test_the_start_button_creates_the_regions_draft_once(client, alice, assignment):
    url = reverse("submissions:start", args=[assignment.pk])
    first = login(client, alice).post(url)
    second = client.post(url)
    submission = Submission.objects.get(region__slug="halland", assignment=assignment)
    assert first.url == second.url == reverse("submissions:detail", args=[submission.pk])
    assert client.get(url).url == first.url  # opened again: straight to the homework


def test_homework_can_be_started_late_after_the_deadline(client, alice, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(deadline=timezone.now() - timedelta(days=2))
    login(client, alice).post(reverse("submissions:start", args=[assignment.pk]))
    assert Submission.objects.filter(region__slug="halland").count() == 1


@pytest.mark.parametrize(
    "closed",
    [
        {"deadline": timezone.now() - timedelta(days=365)},
        {"published_at": timezone.now()},
    ],
    ids=["a-year-ago", "synthesis-published"],
)
def test_a_closed_round_cannot_be_started_and_the_page_says_why(client, alice, assignment, closed):
    Assignment.objects.filter(pk=assignment.pk).update(**closed)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("submissions:start", args=[assignment.pk])
    response = login(client, alice).post(url, follow=True)
    assert not Submission.objects.exists()
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "This round is closed: no new homework can be started for it."
    ]


def test_home_starts_a_round_with_a_button_and_continues_with_a_link(client, alice, assignment):
    home = reverse("home")
    start = reverse("submissions:start", args=[assignment.pk])
    page = login(client, alice).get(home).content.decode()
    assert f'<form method="post" action="{start}">' in page
    assert not Submission.objects.exists()
    client.post(start)
    submission = Submission.objects.get()
    page = client.get(home).content.decode()
    assert f'href="{reverse("submissions:detail", args=[submission.pk])}"' in page


def test_incomplete_homework_cannot_be_submitted(client, alice, submission):
    add_interview(submission)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = login(client, alice).post(
        reverse("submissions:submit", args=[submission.pk]), follow=True
    )
    page = response.content.decode()
    assert "2 more interviews needed (1 of 3 done)." in page
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT


def test_complete_homework_is_submitted_and_becomes_read_only(client, alice, complete_submission):
    login(client, alice).post(reverse("submissions:submit", args=[complete_submission.pk]))
    complete_submission.refresh_from_db()
    assert complete_submission.state == Submission.State.SUBMITTED
    assert complete_submission.submitted_at is not None
    page = client.get(reverse("submissions:detail", args=[complete_submission.pk]))
    assert (
        reverse("submissions:statement", args=[complete_submission.pk])
        not in page.content.decode()
    )
    version = complete_submission.versions.get()
    assert version.snapshot["statement"] == complete_submission.statement
    assert len(version.snapshot["interviews"]) == 3


def test_a_facilitator_returns_homework_and_the_region_sees_the_comment(
    client, alice, fiona, complete_submission
):
    login(client, alice).post(reverse("submissions:submit", args=[complete_submission.pk]))
    login(client, fiona).post(
        reverse("submissions:return", args=[complete_submission.pk]),
        {"comment": "Lägg till en intervju med Länsstyrelsen."},
    )
    complete_submission.refresh_from_db()
    assert complete_submission.state == Submission.State.RETURNED
    page = login(client, alice).get(reverse("submissions:detail", args=[complete_submission.pk]))
    assert "Lägg till en intervju med Länsstyrelsen." in page.content.decode()
    assert reverse("submissions:statement", args=[complete_submission.pk]) in page.content.decode()


def test_every_version_is_kept_and_viewable(client, alice, fiona, complete_submission):
    pk = complete_submission.pk
    login(client, alice).post(reverse("submissions:submit", args=[pk]))
    login(client, fiona).post(reverse("submissions:return", args=[pk]), {"comment": "Mer!"})
    complete_submission.refresh_from_db()
    complete_submission.statement = "Ny version av texten."
    complete_submission.save()
    login(client, alice).post(reverse("submissions:submit", args=[pk]))
    assert list(complete_submission.versions.values_list("number", "event")) == [
        (1, "submitted"),
        (2, "returned"),
        (3, "submitted"),
    ]
    first = login(client, fiona).get(reverse("submissions:version", args=[pk, 1]))
    assert "Region Halland samordnar" in first.content.decode()
    third = client.get(reverse("submissions:version", args=[pk, 3]))
    assert "Ny version av texten." in third.content.decode()


def test_returning_needs_a_comment(client, alice, fiona, complete_submission):
    login(client, alice).post(reverse("submissions:submit", args=[complete_submission.pk]))
    login(client, fiona).post(
        reverse("submissions:return", args=[complete_submission.pk]), {"comment": "   "}
    )
    complete_submission.refresh_from_db()
    assert complete_submission.state == Submission.State.SUBMITTED


def test_a_draft_cannot_be_returned(client, fiona, submission):
    response = login(client, fiona).post(
        reverse("submissions:return", args=[submission.pk]), {"comment": "x"}, follow=True
    )
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT
