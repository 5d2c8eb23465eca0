import re
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from interviews.models import Interview
from submissions.models import ConflictCopy, Submission

from .conftest import add_interview, login

ANSWERS = "Vi ser regionen som en dörröppnare. Den kopplar ihop kommunerna med näringslivet."


def form_data(**overrides):
    return {
        "organisation": "Halmstads kommun",
        "actor_type": "kommun",
        "interview_date": "2026-10-05",
        "interviewee_function": "Integrationsstrateg",
        "consent": "anonymous",
        "answers": ANSWERS,
        "quotes_text": "Den kopplar ihop kommunerna med näringslivet.",
        "revision": 0,
    } | overrides


def test_a_coordinator_adds_an_interview_with_a_quote(client, alice, submission):
    url = reverse("interviews:create", args=[submission.pk])
    response = login(client, alice).post(url, form_data())
    assert response.status_code == 302
    interview = submission.interviews.get()
    assert interview.organisation == "Halmstads kommun"
    assert [q.text for q in interview.quotes.all()] == [
        "Den kopplar ihop kommunerna med näringslivet."
    ]
    page = client.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
    assert "Halmstads kommun" in page and "1 of at least 3" in page.replace(
        "av minst", "of at least"
    )


def test_a_quote_not_in_the_answers_is_refused_and_nothing_is_lost(client, alice, submission):
    url = reverse("interviews:create", args=[submission.pk])
    data = form_data(quotes_text="Något som aldrig sades")
    response = login(client, alice).post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Något som aldrig sades" in body and "dörröppnare" in body
    assert not submission.interviews.exists()


def test_quote_marks_case_and_spacing_do_not_matter_when_matching(client, alice, submission):
    url = reverse("interviews:create", args=[submission.pk])
    data = form_data(quotes_text="”den  kopplar ihop KOMMUNERNA med näringslivet.”")
    assert login(client, alice).post(url, data).status_code == 302


def test_quotes_are_refused_when_the_interviewee_must_not_be_quoted(client, alice, submission):
    url = reverse("interviews:create", args=[submission.pk])
    response = login(client, alice).post(url, form_data(consent="no_quote"))
    assert response.status_code == 200
    assert not submission.interviews.exists()


def test_required_fields_get_form_errors(client, alice, submission):
    url = reverse("interviews:create", args=[submission.pk])
    data = form_data(organisation="   ", answers="", interview_date="inte ett datum")
    response = login(client, alice).post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"organisation", "answers", "interview_date"}


def test_a_decomposed_organisation_name_is_stored_nfc(client, alice, submission):
    name = unicodedata.normalize("NFD", "Länsstyrelsen i Hallands län")
    login(client, alice).post(
        reverse("interviews:create", args=[submission.pk]), form_data(organisation=name)
    )
    assert Interview.objects.get().organisation == "Länsstyrelsen i Hallands län"


def test_editing_an_interview_bumps_its_revision(client, alice, interview):
    url = reverse("interviews:edit", args=[interview.pk])
    data = form_data(revision=interview.revision, organisation="Kungsbacka kommun")
    assert login(client, alice).post(url, data).status_code == 302
    interview.refresh_from_db()
    assert interview.organisation == "Kungsbacka kommun"
    assert interview.revision == 2


def test_saving_an_interview_again_keeps_its_unchanged_quotes(client, alice, submission):
    """An autosave that keeps a quote keeps that quote (and its tags), not a new copy."""
    login(client, alice).post(reverse("interviews:create", args=[submission.pk]), form_data())
    interview = submission.interviews.get()
    kept = interview.quotes.get()
    url = reverse("interviews:edit", args=[interview.pk])
    both = "Vi ser regionen som en dörröppnare.\n" + kept.text
    client.post(url, form_data(revision=interview.revision, quotes_text=both))
    quotes = list(interview.quotes.order_by("position"))
    assert [q.text for q in quotes] == ["Vi ser regionen som en dörröppnare.", kept.text]
    assert quotes[1].pk == kept.pk and quotes[1].position == 1
    interview.refresh_from_db()
    client.post(url, form_data(revision=interview.revision, quotes_text=quotes[0].text))
    assert [q.pk for q in interview.quotes.all()] == [quotes[0].pk]
    assert not interview.quotes.filter(pk=kept.pk).exists()


def test_two_coordinators_editing_one_interview_keep_both_texts(client, alice, bob, interview):
    url = reverse("interviews:edit", args=[interview.pk])
    base = interview.revision
    login(client, alice).post(url, form_data(revision=base, organisation="Alices version"))
    response = login(client, bob).post(url, form_data(revision=base, organisation="Bobs version"))
    assert response.status_code == 200
    assert "Bobs version" in response.content.decode()
    interview.refresh_from_db()
    assert interview.organisation == "Alices version"
    assert "Bobs version" in ConflictCopy.objects.get(interview=interview).text


def test_interview_autosave_saves_a_valid_form(client, alice, interview):
    url = reverse("interviews:autosave", args=[interview.pk])
    response = login(client, alice).post(
        url, form_data(revision=interview.revision, answers=ANSWERS + " Mer text.")
    )
    assert response.status_code == 200 and response.json()["ok"]
    interview.refresh_from_db()
    assert interview.answers.endswith("Mer text.")


def test_a_coordinator_deletes_an_interview(client, alice, interview):
    url = reverse("interviews:delete", args=[interview.pk])
    assert login(client, alice).post(url).status_code == 302
    assert not Interview.objects.filter(pk=interview.pk).exists()


def test_interviews_of_submitted_homework_cannot_be_changed(client, alice, interview):
    Submission.objects.filter(pk=interview.submission_id).update(state="submitted")
    login(client, alice)
    assert client.post(reverse("interviews:delete", args=[interview.pk])).status_code == 302
    assert Interview.objects.filter(pk=interview.pk).exists()
    create = reverse("interviews:create", args=[interview.submission_id])
    client.post(create, form_data())
    assert Interview.objects.count() == 1


def test_another_regions_interview_is_a_404(client, charlie, interview):
    login(client, charlie)
    assert client.get(reverse("interviews:edit", args=[interview.pk])).status_code == 404
    assert client.post(reverse("interviews:delete", args=[interview.pk])).status_code == 404
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_script_in_an_interview_is_shown_escaped(client, alice, submission):
    add_interview(submission, organisation='<img src=x onerror="alert(1)">')
    page = login(client, alice).get(reverse("submissions:detail", args=[submission.pk]))
    assert b"<img src=x" not in page.content
    assert b"&lt;img src=x" in page.content


# Issue 11, item 7: one click, one interview.


def new_interview_form(client, submission) -> dict:
    """The new-interview form as shown, with the token it carries."""
    page = client.get(reverse("interviews:create", args=[submission.pk])).content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page).group(1)
    return form_data(form_token=token)


def test_posting_the_same_new_interview_form_twice_makes_one_interview(client, alice, submission):
    data = new_interview_form(login(client, alice), submission)
    url = reverse("interviews:create", args=[submission.pk])
    first = client.post(url, data, follow=True)
    second = client.post(url, data, follow=True)
    assert submission.interviews.count() == 1
    assert first.redirect_chain == second.redirect_chain
    assert [str(m) for m in second.context["messages"]] == [
        str(m) for m in first.context["messages"]
    ]


def test_two_forms_shown_make_two_interviews(client, alice, submission):
    url = reverse("interviews:create", args=[submission.pk])
    login(client, alice).post(url, new_interview_form(client, submission))
    client.post(url, new_interview_form(client, submission))
    assert submission.interviews.count() == 2


def test_a_form_shown_again_with_errors_keeps_its_token(client, alice, submission):
    data = new_interview_form(login(client, alice), submission)
    url = reverse("interviews:create", args=[submission.pk])
    page = client.post(url, data | {"organisation": ""}).content.decode()
    assert f'name="form_token" value="{data["form_token"]}"' in page
    client.post(url, data)
    client.post(url, data)
    assert submission.interviews.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_of_one_form_make_one_interview(alice, submission):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database that serves two connections at once")
    data = new_interview_form(login(Client(), alice), submission)
    url = reverse("interviews:create", args=[submission.pk])
    clients = [login(Client(), alice) for _ in range(2)]
    start = threading.Barrier(2)

    def submit(client):
        start.wait()
        try:
            return client.post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(pool.map(submit, clients))
    assert statuses == [302, 302]
    assert submission.interviews.count() == 1
