"""Issue 13: facilitators invite coordinators; the invitee sets a password with a one-time
link. Mails go to a real SMTP server (the `smtp` fixture), so those tests commit.

The link's failure pages answer 410 (Gone) when the link was real but is spent (used or
expired) and 404 when it never led anywhere (tampered, or replaced by a newer one)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode

from accounts import invitations
from accounts.models import Invitation, Preferences
from accounts.tokens import invitation_token
from reglab.models import Membership, Region
from submissions.models import Submission

from .conftest import PASSWORD, body_of, link_in, login, make_user

User = get_user_model()
MAILS = pytest.mark.django_db(transaction=True)
NEW_PASSWORD = "ett-långt-lösenord-2026"


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def invite_anna(client, fiona, *, region="halland", language="en", email="Anna@Example.se"):
    login(english(client), fiona)
    data = {"region": region, "email": email, "name": "Anna Maria Andersson", "language": language}
    return client.post(reverse("accounts:invite"), data)


def logs_in(client, username, password) -> bool:
    """A login through the login page (django-axes needs the request)."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def accept_link(client, link, password=NEW_PASSWORD):
    """Open the link and choose a password, as the invitee."""
    form_page = client.get(link)
    assert form_page.status_code == 302  # to the page without the token
    data = {"new_password1": password, "new_password2": password}
    return client.post(form_page.url, data)


@MAILS
def test_inviting_creates_the_coordinator_and_mails_them_a_link(client, fiona, smtp):
    response = invite_anna(client, fiona)
    assert response.status_code == 302 and response.url == reverse("accounts:coordinators")

    anna = User.objects.get(email="anna@example.se")
    assert anna.username == "anna@example.se"
    assert (anna.first_name, anna.last_name) == ("Anna Maria", "Andersson")
    assert not anna.has_usable_password()
    assert anna.membership.kind == Membership.Kind.COORDINATOR
    assert anna.membership.region.slug == "halland"
    assert Preferences.of(anna).language == "en"
    assert anna.invitation.invited_by == fiona and anna.invitation.state() == "invited"

    [mail] = smtp.wait_for(1)
    assert mail["To"] == "anna@example.se"
    assert "Halland" in mail["Subject"]
    body = body_of(mail)
    assert "Hello Anna Maria Andersson," in body
    assert "fiona has invited you to REGLAB" in body and "coordinator for Halland" in body
    expires = anna.invitation.expires_at
    assert f"works until {timezone.localtime(expires):%-d %B %Y, %H:%M}, and only once" in body
    assert link_in(mail, "/invitation/")
    page = client.get(response.url).content.decode()
    assert "Invitation sent to Anna Maria Andersson (anna@example.se)." in page


@MAILS
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_mail_is_in_the_language_chosen_for_it(client, fiona, smtp, language):
    invite_anna(client, fiona, language=language)
    [mail] = smtp.wait_for(1)
    anna = User.objects.get(email="anna@example.se")
    assert Preferences.of(anna).language == language
    with translation.override(language):  # e.g. "14 mars 2026" in Swedish
        expires = date_format(timezone.localtime(anna.invitation.expires_at), "j F Y, H:i")
    assert expires in body_of(mail)


@MAILS
def test_following_the_link_sets_the_password_and_logs_in(client, fiona, smtp):
    invite_anna(client, fiona)
    link = link_in(smtp.wait_for(1)[0], "/invitation/")
    client.logout()

    opened = english(client).get(link)
    assert opened.url.endswith("/set-password/")  # the token leaves the address bar
    page = client.get(opened.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Welcome, Anna Maria Andersson" in text and "coordinator for Halland" in text
    assert 'data-testid="login-name">anna@example.se<' in text
    assert 'for="id_new_password1"' in text and 'for="id_new_password2"' in text

    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    done = client.post(opened.url, data)
    assert done.status_code == 302 and done.url == reverse("home")
    home = client.get(done.url).content.decode()
    assert "Your password is set. Welcome to REGLAB&#x27;s homework portal." in home
    assert "Homework of Halland" in home  # logged in as Halland's coordinator

    anna = User.objects.get(email="anna@example.se")
    assert anna.check_password(NEW_PASSWORD) and anna.last_login is not None
    assert anna.invitation.state() == "accepted"
    client.logout()
    assert logs_in(client, "anna@example.se", NEW_PASSWORD)


@MAILS
def test_a_password_the_validators_refuse_is_shown_on_its_field(client, fiona, smtp):
    invite_anna(client, fiona)
    link = link_in(smtp.wait_for(1)[0], "/invitation/")
    client.logout()
    response = accept_link(english(client), link, password="12345678")
    assert response.status_code == 200
    page = response.content.decode()
    assert "This password is too common." in page and "is-invalid" in page
    assert User.objects.get(email="anna@example.se").invitation.accepted_at is None


@MAILS
def test_the_same_link_twice_shows_that_it_was_used(client, fiona, smtp):
    invite_anna(client, fiona)
    link = link_in(smtp.wait_for(1)[0], "/invitation/")
    client.logout()
    accept_link(client, link)
    client.logout()

    again = english(client).get(link)
    assert again.status_code == 410
    page = again.content.decode()
    assert "This invitation has already been used" in page
    assert f'href="{reverse("login")}"' in page
    assert f'href="{reverse("accounts:password_reset")}"' in page
    assert User.objects.get(email="anna@example.se").check_password(NEW_PASSWORD)


@MAILS
def test_an_expired_link_says_so(client, fiona, smtp, monkeypatch):
    invite_anna(client, fiona)
    link = link_in(smtp.wait_for(1)[0], "/invitation/")
    client.logout()
    later = invitation_token._now() + timedelta(days=settings.INVITATION_DAYS, minutes=1)
    monkeypatch.setattr(invitation_token, "_now", lambda: later)

    response = english(client).get(link)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation has expired" in page
    assert "Ask a REGLAB facilitator to send you a new one." in page


@MAILS
def test_a_tampered_link_is_not_valid(client, fiona, smtp):
    invite_anna(client, fiona)
    link = link_in(smtp.wait_for(1)[0], "/invitation/")
    client.logout()
    _empty, _invitation, uidb64, token, _end = link.split("/")
    changed = token[:-1] + ("a" if token[-1] != "a" else "b")
    for bad in [
        f"/invitation/{uidb64}/{changed}/",
        f"/invitation/{uidb64}/set-password/",  # no token in this session
        f"/invitation/Zm9v/{token}/",
        # Another person's id with Anna's token. (An id with a character added is not
        # always another id: base64 may decode it to the same number.)
        f"/invitation/{urlsafe_base64_encode(force_bytes(fiona.pk))}/{token}/",
    ]:
        response = english(client).get(bad)
        assert response.status_code == 404, bad
        assert "This link is not valid" in response.content.decode()
        assert "Check that you copied all of it from the mail." in response.content.decode()
    assert client.get(link).status_code == 302  # the real one still works


@MAILS
def test_resending_makes_the_old_link_fail_and_the_new_one_work(client, fiona, smtp):
    invite_anna(client, fiona)
    old = link_in(smtp.wait_for(1)[0], "/invitation/")
    anna = User.objects.get(email="anna@example.se")

    response = client.post(reverse("accounts:resend", args=[anna.pk]), follow=True)
    assert (
        "A new invitation was sent to anna@example.se; the earlier link no longer works."
        in response.content.decode()
    )
    new = link_in(smtp.wait_for(2)[1], "/invitation/")
    assert new != old
    assert Invitation.objects.get(user=anna).times_sent == 2
    client.logout()

    assert english(client).get(old).status_code == 404
    assert accept_link(client, new).url == reverse("home")


@pytest.mark.django_db
def test_resending_an_accepted_invitation_is_refused(client, fiona, alice):
    Invitation.objects.create(user=alice, sent_at=timezone.now(), accepted_at=timezone.now())
    login(english(client), fiona)
    page = client.post(reverse("accounts:resend", args=[alice.pk]), follow=True)
    assert (
        "alice@example.org already set a password; they can use &#x27;Forgot your password?&#x27;"
        in page.content.decode()
    )
    assert Invitation.objects.get(user=alice).times_sent == 1


@pytest.mark.django_db
def test_a_pending_invitee_can_be_sent_a_new_link_by_the_portal(alice):
    # What the password-reset page does for someone who never accepted (by=None).
    sent = timezone.now() - timedelta(days=20)
    Invitation.objects.create(user=alice, sent_at=sent, invited_by=None)
    invitations.resend_invitation(user=alice, by=None)
    invitation = Invitation.objects.get(user=alice)
    assert invitation.sent_at > sent and invitation.state() == "invited"


@pytest.mark.django_db
def test_a_removed_coordinators_session_ends_and_they_cannot_log_in(
    client, fiona, alice, submission
):
    from django.test import Client

    theirs = Client()
    assert logs_in(theirs, "alice", PASSWORD)
    assert theirs.get("/").status_code == 200

    login(english(client), fiona)
    confirm = client.get(reverse("accounts:remove", args=[alice.pk]))
    assert "Remove alice@example.org as coordinator of Halland?" in (confirm.content.decode())
    done = client.post(reverse("accounts:remove", args=[alice.pk]), follow=True)
    assert "can no longer log in. The homework of Halland stays as it is." in (
        done.content.decode()
    )

    next_request = theirs.get("/")
    assert next_request.status_code == 302 and next_request.url.startswith(reverse("login"))
    assert not logs_in(Client(), "alice", PASSWORD)
    assert Submission.objects.filter(pk=submission.pk, region__slug="halland").exists()
    page = client.get(reverse("accounts:coordinators")).content.decode()
    assert "alice@example.org" not in page


@pytest.mark.django_db
def test_a_facilitator_cannot_be_removed_or_sent_an_invitation_here(client, fiona):
    other = make_user("frida", None, Membership.Kind.FACILITATOR)
    login(client, fiona)
    assert client.get(reverse("accounts:remove", args=[other.pk])).status_code == 404
    assert client.post(reverse("accounts:remove", args=[other.pk])).status_code == 404
    assert client.post(reverse("accounts:resend", args=[other.pk])).status_code == 404
    assert User.objects.get(pk=other.pk).is_active


@MAILS
def test_a_removed_coordinator_is_invited_again_not_duplicated(client, fiona, bob, smtp):
    invitations.remove_coordinator(user=bob, by=fiona)
    response = invite_anna(client, fiona, region="skane", email="BOB@example.org")
    assert response.status_code == 302
    again = User.objects.get(pk=bob.pk)
    assert again.is_active and again.membership.region.slug == "skane"
    assert again.username == "bob@example.org"  # they log in with the address from now on
    assert User.objects.filter(email__iexact="bob@example.org").count() == 1
    [mail] = smtp.wait_for(1)
    assert "Skåne" in body_of(mail)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email, message",
    [
        ("alice@example.org", "alice@example.org is already a coordinator of Halland."),
        (" ALICE@example.org ", "alice@example.org is already a coordinator of Halland."),
        ("fiona@example.org", "fiona@example.org is a REGLAB facilitator."),
        ("not-an-address", "Enter a valid email address."),
    ],
)
def test_an_address_that_cannot_be_invited_is_explained_on_the_field(
    client, fiona, alice, email, message
):
    response = invite_anna(client, fiona, region="skane", email=email)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'id="id_email"' in page and "is-invalid" in page
    assert User.objects.count() == 2 and not Invitation.objects.exists()


@pytest.mark.django_db
def test_an_unknown_region_is_explained_and_nothing_is_created(client, fiona):
    response = invite_anna(client, fiona, region="atlantis")
    assert response.status_code == 200
    assert "Choose one of the regions in the list." in response.content.decode()
    assert not User.objects.filter(email="anna@example.se").exists()


@pytest.mark.django_db
def test_the_invite_form_starts_with_the_region_of_the_link(client, fiona):
    page = login(client, fiona).get(reverse("accounts:invite") + "?region=skane")
    assert '<option value="skane" selected>Skåne</option>' in page.content.decode()
    assert client.get(reverse("accounts:invite") + "?region=<b>").status_code == 200


@pytest.mark.django_db
def test_the_page_lists_each_regions_state_and_last_login(client, fiona, alice, charlie):
    now = timezone.now()
    User.objects.filter(pk=alice.pk).update(last_login=now - timedelta(days=1))
    Invitation.objects.create(user=charlie, sent_at=now - timedelta(days=2))
    expired = make_user("erik", Region.objects.get(slug="gotland"))
    Invitation.objects.create(user=expired, sent_at=now - timedelta(days=30))
    accepted = make_user("asa", Region.objects.get(slug="gotland"))
    Invitation.objects.create(user=accepted, sent_at=now - timedelta(days=30), accepted_at=now)

    response = login(english(client), fiona).get(reverse("accounts:coordinators"))
    page = response.content.decode()
    assert (
        "1 of 21 regions have a coordinator who has logged in · 1 invitation waiting · 1 expired"
        in " ".join(page.split())
    )
    rows = response.context["regions"]
    assert [r.slug for r in rows] == [r.slug for r in Region.objects.all()]
    states = {m.user.username: m.state for r in rows for m in r.coordinators}
    assert states == {
        "alice": "active",
        "charlie": "invited",
        "erik": "expired",
        "asa": "accepted",
    }
    assert '<tbody data-region="blekinge">' in page and "No coordinator" in page
    assert "never" in page  # charlie, erik and åsa never logged in
    assert "Invite a coordinator" in page and "?region=blekinge" in page
    # Resend only for those who have not chosen a password.
    assert reverse("accounts:resend", args=[charlie.pk]) in page
    assert reverse("accounts:resend", args=[expired.pk]) in page
    assert reverse("accounts:resend", args=[accepted.pk]) not in page
    assert "<caption" in page and 'scope="col"' in page


@pytest.mark.django_db
def test_the_list_takes_as_many_queries_for_many_people_as_for_few(
    client, fiona, alice, django_assert_max_num_queries
):
    login(client, fiona)
    url = reverse("accounts:coordinators")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n, region in enumerate(Region.objects.all()):
        person = make_user(f"person{n}", region)
        Invitation.objects.create(user=person, sent_at=timezone.now())
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, method",
    [
        ("accounts:coordinators", "get"),
        ("accounts:invite", "get"),
        ("accounts:invite", "post"),
        ("accounts:import", "get"),
        ("accounts:import", "post"),
        ("accounts:resend", "post"),
        ("accounts:remove", "get"),
        ("accounts:remove", "post"),
    ],
)
def test_a_coordinator_may_use_no_people_page(client, alice, bob, name, method):
    args = [bob.pk] if name in ("accounts:resend", "accounts:remove") else []
    data = {"region": "skane", "email": "eve@example.org", "name": "Eve", "language": "sv"}
    response = getattr(login(client, alice), method)(reverse(name, args=args), data)
    assert response.status_code == 403
    assert not User.objects.filter(email="eve@example.org").exists()
    assert User.objects.get(pk=bob.pk).is_active


@pytest.mark.django_db
def test_someone_logged_out_is_sent_to_log_in(client):
    response = client.get(reverse("accounts:coordinators"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@MAILS
def test_a_facilitator_opening_an_invitation_is_logged_out_first(client, fiona, smtp):
    invite_anna(client, fiona)
    link = link_in(smtp.wait_for(1)[0], "/invitation/")
    form_url = client.get(link).url  # still logged in as fiona
    assert "_auth_user_id" not in client.session
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    done = client.post(form_url, data)
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="anna@example.se").pk)


@pytest.mark.django_db
def test_the_admin_lists_invitations_with_their_state_and_everyones_settings(client, alice):
    admin = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    Invitation.objects.create(user=alice, sent_at=timezone.now() - timedelta(days=30))
    Preferences.objects.create(user=alice, language="en")
    login(english(client), admin)
    invitations_page = client.get(reverse("admin:accounts_invitation_changelist"))
    assert invitations_page.status_code == 200
    assert "alice" in invitations_page.content.decode()
    assert "Expired" in invitations_page.content.decode()
    settings_page = client.get(reverse("admin:accounts_preferences_changelist"))
    assert settings_page.status_code == 200 and "alice" in settings_page.content.decode()
