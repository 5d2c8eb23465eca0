"""The kept copy of a statement is on the statement page, where the conflict message
points (issue 12): beside the saved text, with its role picks and a way to merge."""

from django.conf import settings
from django.urls import reverse

from submissions.models import ConflictCopy
from synthesis.models import Role

from .conftest import login


def post_statement(client, submission, text, revision, roles=()):
    return client.post(
        reverse("submissions:statement", args=[submission.pk]),
        {"statement": text, "revision": revision, "self_roles": [r.pk for r in roles]},
    )


def a_conflict(client, alice, bob, submission):
    post_statement(login(client, alice), submission, "Alices sparade text.", 0)
    funder = Role.objects.get(slug="finansiar")
    post_statement(login(client, bob), submission, "Bobs kvarhållna text.", 0, [funder])
    return ConflictCopy.objects.get(submission=submission), funder


def statement_page(client, submission):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("submissions:statement", args=[submission.pk])).content.decode()


def test_the_statement_page_shows_the_kept_copy_beside_the_saved_text(
    client, alice, bob, submission
):
    copy, funder = a_conflict(client, alice, bob, submission)
    # Later, on opening the statement page again (as the conflict message says).
    page = statement_page(login(client, bob), submission)
    kept = page[page.index('data-testid="conflict-kept"') :]
    assert kept[: kept.index("</textarea>")].endswith("Bobs kvarhållna text.")
    saved = page[page.index('data-testid="conflict-saved"') :]
    assert saved[: saved.index("</pre>")].endswith("Alices sparade text.")
    roles = page[page.index('data-testid="conflict-roles"') :]
    assert funder.name_en in roles[: roles.index("</p>")]
    assert f'data-use-text="conflict-text-{copy.pk}"' in page
    assert f'data-use-roles="{funder.pk}"' in page
    assert reverse("submissions:resolve_conflict", args=[submission.pk, copy.pk]) in page


def test_marking_a_copy_merged_on_the_statement_page_stays_there(client, alice, bob, submission):
    copy, _ = a_conflict(client, alice, bob, submission)
    url = reverse("submissions:resolve_conflict", args=[submission.pk, copy.pk])
    response = login(client, alice).post(url, {"back": "statement"})
    assert response.url == reverse("submissions:statement", args=[submission.pk])
    copy.refresh_from_db()
    assert copy.resolved
    assert 'data-testid="conflict"' not in statement_page(client, submission)
