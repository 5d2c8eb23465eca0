import re
import unicodedata

import pytest
from django.conf import settings
from django.urls import reverse

from submissions.models import ConflictCopy, Submission
from submissions.services import save_statement
from synthesis.models import Role

from .conftest import login


def post_statement(client, submission, text, revision, roles=()):
    return client.post(
        reverse("submissions:statement", args=[submission.pk]),
        {"statement": text, "revision": revision, "self_roles": [r.pk for r in roles]},
    )


def test_it_saves_the_statement_and_own_roles(client, alice, submission):
    role = Role.objects.get(slug="dorroppnare")
    response = post_statement(login(client, alice), submission, "Vi öppnar dörrar.", 0, [role])
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.statement == "Vi öppnar dörrar."
    assert submission.statement_revision == 1
    assert list(submission.self_roles.all()) == [role]


def test_it_offers_the_taxonomy_roles_in_swedish(client, alice, submission):
    response = login(client, alice).get(reverse("submissions:statement", args=[submission.pk]))
    assert "Dörröppnare" in response.content.decode()
    assert "Samordnare / Koordinerande" in response.content.decode()


def test_it_normalises_decomposed_swedish_letters_to_nfc(client, alice, submission):
    decomposed = unicodedata.normalize("NFD", "Vår roll är att föra samman aktörer")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    post_statement(login(client, alice), submission, decomposed, 0)
    submission.refresh_from_db()
    assert submission.statement == "Vår roll är att föra samman aktörer"


def test_autosave_answers_with_the_time_and_new_revision(client, alice, submission):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = login(client, alice).post(
        reverse("submissions:autosave", args=[submission.pk]),
        {"statement": "Utkast som skrivs just nu", "revision": 0},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["revision"] == 1
    assert re.fullmatch(r"Sparat \d\d:\d\d", data["message"])
    submission.refresh_from_db()
    assert submission.statement == "Utkast som skrivs just nu"


def test_autosave_leaves_own_roles_alone_unless_sent(client, alice, submission):
    submission.self_roles.set([Role.objects.get(slug="finansiar")])
    login(client, alice).post(
        reverse("submissions:autosave", args=[submission.pk]), {"statement": "x", "revision": 0}
    )
    assert submission.self_roles.count() == 1


def test_a_save_on_an_old_revision_keeps_both_texts(client, alice, bob, submission):
    post_statement(login(client, alice), submission, "Alices text om samordning.", 0)
    response = post_statement(login(client, bob), submission, "Bobs text om finansiering.", 0)
    assert response.status_code == 200
    assert "Bobs text om finansiering." in response.content.decode()
    submission.refresh_from_db()
    assert submission.statement == "Alices text om samordning."
    copy = ConflictCopy.objects.get(submission=submission)
    assert copy.text == "Bobs text om finansiering." and copy.created_by == bob


def test_autosave_on_an_old_revision_is_a_conflict_not_an_overwrite(
    client, alice, bob, submission
):
    post_statement(login(client, alice), submission, "Alices text.", 0)
    response = login(client, bob).post(
        reverse("submissions:autosave", args=[submission.pk]), {"statement": "Bob.", "revision": 0}
    )
    assert response.status_code == 409
    assert response.json()["conflict"] is True
    submission.refresh_from_db()
    assert submission.statement == "Alices text."
    assert ConflictCopy.objects.filter(text="Bob.").exists()


def test_the_kept_copy_shows_on_the_homework_page_until_merged(client, alice, bob, submission):
    post_statement(login(client, alice), submission, "Alices text.", 0)
    post_statement(login(client, bob), submission, "Bobs text.", 0)
    page = client.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
    assert "Bobs text." in page and "Alices text." in page
    copy = ConflictCopy.objects.get()
    client.post(reverse("submissions:resolve_conflict", args=[submission.pk, copy.pk]))
    page = client.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
    assert "Bobs text." not in page


def test_saving_the_same_text_twice_is_no_conflict(client, alice, bob, submission):
    post_statement(login(client, alice), submission, "Samma text.", 0)
    response = post_statement(login(client, bob), submission, "Samma text.", 0)
    assert response.status_code == 302
    assert not ConflictCopy.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script> Vi samordnar",
        "Roll 🚀 med emoji och \u200frtl-markering\u200f",
        "Ärligt talat: vi stöttar.",
    ],
)
def test_odd_text_is_stored_as_typed_and_shown_escaped(client, alice, submission, text):
    post_statement(login(client, alice), submission, text, 0)
    submission.refresh_from_db()
    assert submission.statement == text
    page = client.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
    assert "<script>alert" not in page
    if "<script>" in text:
        assert "&lt;script&gt;alert" in page


def test_a_huge_statement_gets_a_form_error_and_keeps_the_text(client, alice, submission):
    huge = "samordning " * 5000 + "slut"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = post_statement(login(client, alice), submission, huge, 0)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Säkerställ att detta värde har som mest 50000 tecken (den har {len(huge)})." in body
    assert "slut</textarea>" in body
    submission.refresh_from_db()
    assert submission.statement == ""


def test_a_null_character_gets_a_clear_error_not_a_500(client, alice, submission):
    response = login(client, alice).post(
        reverse("submissions:autosave", args=[submission.pk]),
        {"statement": "Nollbyte \x00 här", "revision": 0},
    )
    assert response.status_code == 400
    assert response.json()["error"]


def test_submitted_homework_cannot_be_edited(client, alice, submission):
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.SUBMITTED)
    response = post_statement(login(client, alice), submission, "Ändrad", 0)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.statement == ""
    autosave = client.post(
        reverse("submissions:autosave", args=[submission.pk]), {"statement": "Ä", "revision": 0}
    )
    assert autosave.status_code == 409


# Issue 11, item 5: the revision covers the role picks as well as the text.


def test_old_role_picks_from_another_tab_do_not_overwrite_a_colleagues_picks(
    alice, bob, submission
):
    door_opener = Role.objects.get(slug="dorroppnare")
    save_statement(
        submission=submission, user=alice, statement="", base_revision=0, self_roles=[door_opener]
    )
    # Bob's tab was opened before: same (empty) text, its old picks, its old revision.
    result = save_statement(
        submission=submission, user=bob, statement="", base_revision=0, self_roles=[]
    )
    assert result.conflict is not None
    assert list(submission.self_roles.all()) == [door_opener]
    result = save_statement(
        submission=submission, user=bob, statement="Bobs text.", base_revision=0, self_roles=[]
    )
    submission.refresh_from_db()
    assert list(submission.self_roles.all()) == [door_opener] and submission.statement == ""
    assert result.conflict.text == "Bobs text." and result.conflict.roles == []


def test_autosave_with_old_role_picks_answers_a_conflict_like_for_text(
    client, alice, bob, submission
):
    door_opener = Role.objects.get(slug="dorroppnare")
    post_statement(login(client, alice), submission, "", 0, [door_opener])
    response = login(client, bob).post(
        reverse("submissions:autosave", args=[submission.pk]),
        {"statement": "Bob skriver.", "revision": 0, "roles_sent": "1", "self_roles": []},
    )
    assert response.status_code == 409
    assert response.json()["ok"] is False and response.json()["conflict"] is True
    assert list(submission.self_roles.all()) == [door_opener]
    copy = ConflictCopy.objects.get(submission=submission)
    assert copy.text == "Bob skriver." and copy.roles == [] and copy.created_by == bob


def test_the_kept_copy_shows_its_role_picks_by_name_on_the_homework_page(
    client, alice, bob, submission
):
    post_statement(login(client, alice), submission, "Alices text.", 0)
    roles = [Role.objects.get(slug="dorroppnare"), Role.objects.get(slug="finansiar")]
    post_statement(login(client, bob), submission, "Bobs text.", 0, roles)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("submissions:detail", args=[submission.pk])).content.decode()
    kept = page[page.index('data-testid="conflict-roles"') :]
    kept = kept[: kept.index("</p>")]
    assert roles[0].name_en in kept and roles[1].name_en in kept
    assert not submission.self_roles.exists()


def test_a_change_of_only_the_role_picks_is_a_new_revision_in_the_history(
    client, alice, fiona, submission
):
    door_opener = Role.objects.get(slug="dorroppnare")
    post_statement(login(client, alice), submission, "Vi öppnar dörrar.", 0)
    records = submission.history.count()
    post_statement(client, submission, "Vi öppnar dörrar.", 1, [door_opener])
    submission.refresh_from_db()
    assert submission.statement_revision == 2
    assert submission.history.count() == records + 1  # one record, not one per add/remove
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = login(client, fiona).get(reverse("synthesis:history") + f"?submission={submission.pk}")
    picks = [
        (c.who, field, before, after)
        for c in page.context["changes"]
        for field, before, after in c.fields
        if field == "self_roles"
    ]
    assert picks == [("alice", "self_roles", "", "Dörröppnare")]
    # A tab still on the old revision cannot put the old picks back.
    post_statement(login(client, alice), submission, "Vi öppnar dörrar.", 1, [])
    assert list(submission.self_roles.all()) == [door_opener]
