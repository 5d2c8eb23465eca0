"""A save too large for the server gets an answer that says so, not "logged out"."""

import pytest
from django.conf import settings
from django.urls import reverse

from reglab.middleware import MAX_TEXT_CHARS
from submissions.models import MAX_TEXT, Submission

from .conftest import login

# Over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) in UTF-8.
HUGE = "Vi är en röst för länet – åäö. " * 80_000


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def autosave_url(submission):
    return reverse("submissions:autosave", args=[submission.pk])


def test_an_oversized_autosave_gets_413_json_naming_the_limit(english, alice, submission):
    assert len(HUGE.encode()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = login(english, alice).post(
        autosave_url(submission),
        {"statement": HUGE, "revision": 0},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert answer["ok"] is False
    assert answer["too_large"] is True
    message = answer["error"].replace("\xa0", " ")  # the size is kept on one line
    assert "at most 2.5 MB" in message
    assert "at most 50,000 characters" in message
    assert Submission.objects.get(pk=submission.pk).statement == ""


def test_an_oversized_form_post_gets_a_page_naming_the_limit(english, alice, submission):
    url = reverse("submissions:statement", args=[submission.pk])
    response = login(english, alice).post(
        url, {"statement": HUGE, "revision": 0}, HTTP_REFERER=f"http://testserver{url}"
    )
    assert response.status_code == 413
    body = response.content.decode().replace("\xa0", " ")
    assert "at most 2.5 MB" in body
    assert f'href="http://testserver{url}"' in body
    assert Submission.objects.get(pk=submission.pk).statement == ""


def test_too_many_fields_get_413_json(english, alice, submission):
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = login(english, alice).post(
        autosave_url(submission), fields, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 413
    assert response.json()["too_large"] is True


def test_an_autosave_after_the_session_expired_says_logged_out_in_json(english, submission):
    response = english.post(
        autosave_url(submission),
        {"statement": "Text", "revision": 0},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 401
    assert response.json()["logged_out"] is True


def test_an_ordinary_autosave_still_saves(english, alice, submission):
    response = login(english, alice).post(
        autosave_url(submission),
        {"statement": "Regionen samordnar.", "revision": 0},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True


def test_the_message_names_the_limit_of_the_text_fields():
    assert MAX_TEXT_CHARS == MAX_TEXT
