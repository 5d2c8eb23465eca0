"""Counts are bounded as well as lengths (issue 11, item 9): 25,000 one-letter quotes fit in
the quotes field's 50,000 characters, and saving them tied up a server process for seconds
on every autosave. So: at most MAX_QUOTES quotes per interview, each at most
MAX_QUOTE_LENGTH characters, MAX_INTERVIEWS interviews per homework, and a few hundred
fields per request."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from interviews.models import MAX_INTERVIEWS, MAX_QUOTE_LENGTH, MAX_QUOTES, Interview, Quote
from interviews.services import save_interview
from submissions.services import WorkflowError

from .conftest import add_interview, login


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sentences(count: int) -> list[str]:
    return [f"Regionen samordnar nätverk nummer {n} och stöttar kommunerna." for n in range(count)]


def interview_post(quotes: list[str], revision: int, answers: str | None = None) -> dict:
    return {
        "organisation": "Kommun 1",
        "actor_type": "kommun",
        "interview_date": "2026-10-01",
        "interviewee_function": "",
        "consent": "anonymous",
        "answers": " ".join(quotes) if answers is None else answers,
        "quotes_text": "\n".join(quotes),
        "revision": revision,
    }


def test_an_interview_with_one_quote_too_many_is_refused_by_autosave(english, alice, interview):
    url = reverse("interviews:autosave", args=[interview.pk])
    post = interview_post(sentences(MAX_QUOTES + 1), interview.revision)

    response = login(english, alice).post(url, post, HTTP_X_REQUESTED_WITH="fetch")

    assert response.status_code == 400
    assert f"at most {MAX_QUOTES} quotes" in response.json()["error"]
    assert list(interview.quotes.values_list("text", flat=True)) == [
        "Regionen samordnar och stöttar oss."
    ]
    assert Interview.objects.get(pk=interview.pk).revision == interview.revision


def test_the_issues_25000_one_letter_quotes_get_a_form_error_and_nothing_is_saved(
    english, alice, interview
):
    url = reverse("interviews:edit", args=[interview.pk])
    post = interview_post(["a"] * 25_000, interview.revision, answers="a b c.")

    response = login(english, alice).post(url, post)

    assert response.status_code == 200
    assert response.context["form"].errors["quotes_text"] == [
        f"An interview may have at most {MAX_QUOTES} quotes; this one has 25000."
    ]
    assert Quote.objects.filter(interview=interview).count() == 1
    assert Interview.objects.get(pk=interview.pk).answers == interview.answers


def test_the_most_quotes_are_saved(alice, interview, client):
    quotes = sentences(MAX_QUOTES)
    url = reverse("interviews:autosave", args=[interview.pk])
    response = login(client, alice).post(url, interview_post(quotes, interview.revision))
    assert response.status_code == 200
    assert list(interview.quotes.values_list("text", flat=True)) == quotes


def test_a_quote_over_the_longest_is_refused(english, alice, interview):
    long_quote = "Regionen samordnar. " * (MAX_QUOTE_LENGTH // 20 + 1)
    url = reverse("interviews:autosave", args=[interview.pk])
    post = interview_post([long_quote.strip()], interview.revision)

    response = login(english, alice).post(url, post, HTTP_X_REQUESTED_WITH="fetch")

    assert response.status_code == 400
    assert f"at most {MAX_QUOTE_LENGTH} characters" in response.json()["error"]
    assert interview.quotes.count() == 1


def test_a_homework_takes_no_interview_beyond_the_most(alice, submission):
    for n in range(MAX_INTERVIEWS):
        add_interview(submission, n % 28 + 1)
    data = {
        "organisation": "Kommun 31",
        "actor_type": "kommun",
        "interview_date": "2026-10-01",
        "interviewee_function": "",
        "consent": "anonymous",
        "answers": "Regionen samordnar.",
    }
    with pytest.raises(WorkflowError, match=f"at most {MAX_INTERVIEWS} interviews"):
        save_interview(submission=submission, user=alice, data=data, quotes=[])
    assert submission.interviews.count() == MAX_INTERVIEWS


def test_the_form_says_why_the_31st_interview_is_refused(english, alice, submission):
    for n in range(MAX_INTERVIEWS):
        add_interview(submission, n % 28 + 1)
    url = reverse("interviews:create", args=[submission.pk])

    response = login(english, alice).post(url, interview_post(sentences(1), 0))

    assert response.status_code == 200
    assert f"at most {MAX_INTERVIEWS} interviews" in response.content.decode()
    assert submission.interviews.count() == MAX_INTERVIEWS


def test_a_request_with_too_many_fields_is_refused_not_failed(english, alice, interview):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 600  # a few hundred, not Django's 1,000
    url = reverse("interviews:autosave", args=[interview.pk])
    post = interview_post(sentences(1), interview.revision)
    post |= {f"extra{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)}

    response = login(english, alice).post(url, post, HTTP_X_REQUESTED_WITH="fetch")

    assert 400 <= response.status_code < 500
    assert "too many fields" in response.json()["error"]
    assert Interview.objects.get(pk=interview.pk).revision == interview.revision


def test_the_admin_form_of_an_interview_with_the_most_quotes_is_within_the_field_limit(
    client, interview
):
    """The largest form there is: the admin's interview with every quote inline."""
    for n in range(MAX_QUOTES - 1):
        Quote.objects.create(interview=interview, text=f"Citat {n}", position=n + 1)
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    page = client.get(reverse("admin:interviews_interview_change", args=[interview.pk]))
    names = re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', page.content.decode())
    assert len(names) > 5 * MAX_QUOTES
    assert len(names) + 10 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS  # room to spare
