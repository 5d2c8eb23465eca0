"""Password reset by e-mail (issue 13): the same answer for a known and an unknown address,
the mail queued in the user's language and sent after the request, a link that works once
and for PASSWORD_RESET_TIMEOUT, a clear page for a link that does not, and a throttle."""

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Invitation, Preferences
from accounts.reset import _pending_invitee
from reglab.mail import deliver_due
from reglab.models import OutgoingMail

from .conftest import PASSWORD, body_of, link_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sommarstugan vid sjön 1987"
RESET = "/password-reset/"


def english(client=None):
    client = client or Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def ask(client, address, ip="198.51.100.7"):
    return client.post(reverse("accounts:password_reset"), {"email": address}, REMOTE_ADDR=ip)


def without_tokens(page: str) -> str:
    """The page without its CSRF tokens, which differ from one visitor to the next."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def ask_and_receive(client, smtp, address="alice@example.org"):
    """Ask for a link and return the path in the mail that arrives."""
    assert ask(client, address).status_code == 302
    (message,) = smtp.wait_for(1)
    return link_in(message, RESET)


def set_new_password(client, link, password=NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    assert 'name="new_password1"' in form_page.content.decode()
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )


def hours_pass(monkeypatch, hours):
    """The token generator's clock moves on (it reads naive local time)."""
    later = datetime.now() + timedelta(hours=hours)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)


def log_in(address, password):
    return Client().post(reverse("login"), {"username": address, "password": password})


@pytest.mark.django_db(transaction=True)
def test_a_known_and_an_unknown_address_get_the_same_answer_and_no_mail_in_the_request(
    smtp, settings, alice
):
    # Production mode: the request only writes the mail to the outbox (a database write);
    # the worker sends it afterwards. So a known address costs no network round trip to
    # the mail server that an unknown one does not: both answers are in the same timing
    # class, and nothing tells them apart.
    settings.MAIL_DELIVERY = "worker"
    known_client, unknown_client = english(), english()
    known = ask(known_client, "alice@example.org")
    unknown = ask(unknown_client, "nobody@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    assert smtp.messages == []
    known_page = known_client.get(known["Location"]).content.decode()
    unknown_page = unknown_client.get(unknown["Location"]).content.decode()
    assert "If alice@example.org belongs to an account, we have sent a link" in known_page
    assert without_tokens(known_page).replace("alice@", "ADDRESS@") == without_tokens(
        unknown_page
    ).replace("nobody@", "ADDRESS@")

    # The worker's turn: the one mail, to the known address.
    assert deliver_due() == 1
    (message,) = smtp.wait_for(1)
    assert message["To"] == "alice@example.org"
    assert OutgoingMail.objects.get().kind == "password_reset"


@pytest.mark.django_db(transaction=True)
def test_the_link_in_the_mail_sets_a_new_password_that_logs_in(smtp, alice):
    link = ask_and_receive(english(), smtp)
    client = english()
    response = set_new_password(client, link)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    complete = client.get(response["Location"]).content.decode()
    assert "Your new password is saved" in complete
    assert f'href="{reverse("login")}"' in complete
    assert log_in("alice", NEW_PASSWORD)["Location"] == reverse("home")
    assert log_in("alice", PASSWORD).status_code == 200  # the old one no longer works


@pytest.mark.django_db(transaction=True)
def test_a_link_used_once_does_not_work_again(smtp, alice):
    link = ask_and_receive(english(), smtp)
    set_new_password(english(), link)

    again = english().get(link, follow=True)
    page = again.content.decode()
    assert again.status_code == 200
    assert "The link is not valid. It may have been used already" in page
    assert 'name="new_password1"' not in page
    assert f'href="{reverse("accounts:password_reset")}" data-testid="new-link"' in page


@pytest.mark.django_db(transaction=True)
def test_an_expired_link_says_it_has_expired_and_changes_nothing(
    smtp, settings, monkeypatch, alice
):
    link = ask_and_receive(english(), smtp)
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60
    hours_pass(monkeypatch, 1.1)
    page = english().get(link, follow=True).content.decode()

    assert "The link has expired: it works for 1 hour after it was sent." in page
    assert 'name="new_password1"' not in page
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_a_link_that_expires_while_the_form_is_open_says_so(smtp, settings, monkeypatch, alice):
    link = ask_and_receive(english(), smtp)
    client = english()
    form_url = client.get(link)["Location"]  # the token is now in the session
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60
    hours_pass(monkeypatch, 2)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(form_url, data)

    assert "The link has expired" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_a_tampered_link_says_it_is_not_valid(smtp, alice):
    link = ask_and_receive(english(), smtp)
    uidb64, token = link.strip("/").split("/")[-2:]
    changed = token[:-1] + ("a" if token[-1] != "a" else "b")
    for tampered in [
        reverse("accounts:password_reset_confirm", args=[uidb64, changed]),
        reverse("accounts:password_reset_confirm", args=[uidb64, token[: len(token) // 2]]),
        reverse("accounts:password_reset_confirm", args=["Nzc3", token]),  # another user id
        reverse("accounts:password_reset_confirm", args=["%00", "x" * 5000]),
    ]:
        response = english().get(tampered)
        assert response.status_code == 200, tampered
        assert "The link is not valid" in response.content.decode(), tampered


def test_the_mail_has_the_link_its_lifetime_and_what_to_do_if_you_did_not_ask(
    client, alice, django_capture_on_commit_callbacks, smtp
):
    Preferences.objects.create(user=alice, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "alice@example.org")
    (message,) = smtp.wait_for(1)
    body = body_of(message)

    assert message["Subject"] == "Choose a new password for the REGLAB portal"
    assert f"{settings.SITE_URL}{RESET}" in body
    assert "The link works for 24 hours, and only once." in body
    assert "Your user name is alice; you can also log in with your e-mail address." in body
    assert "If you did not ask for this, ignore this mail; your password is unchanged." in body
    assert f"{settings.SITE_URL}{reverse('accounts:settings')}" in body  # the footer


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_mail_is_in_the_language_the_user_chose_not_the_pages(
    alice, language, django_capture_on_commit_callbacks, smtp
):
    Preferences.objects.create(user=alice, language=language)
    page_language = "en" if language == "sv" else "sv"
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = page_language
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "alice@example.org")
    (message,) = smtp.wait_for(1)

    with translation.override(language):
        expected = translation.gettext("Choose a new password for the REGLAB portal")
    assert message["Subject"] == expected


def test_the_address_is_compared_without_regard_to_case(
    client, alice, django_capture_on_commit_callbacks, smtp
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "  Alice@EXAMPLE.org ")
    (message,) = smtp.wait_for(1)
    assert message["To"] == "alice@example.org"


def test_the_sent_page_reached_without_asking_names_no_address(client):
    page = english(client).get(reverse("accounts:password_reset_done")).content.decode()
    assert "If the address belongs to an account, we have sent a link to it." in page
    assert "It works for 24 hours." in page


def test_no_link_goes_to_an_inactive_account_or_one_without_a_password(client, alice, bob):
    alice.is_active = False
    alice.save()
    bob.set_unusable_password()
    bob.save()
    for address in ["alice@example.org", "bob@example.org"]:
        response = ask(client, address)
        assert response["Location"] == reverse("accounts:password_reset_done")
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_invited_coordinator_who_asks_for_a_reset_gets_a_new_invitation(
    client, smtp, halland, fiona
):
    from accounts.invitations import invite

    invite(region=halland, email="asa@example.org", name="Åsa Lind", by=fiona)
    first = link_in(smtp.wait_for(1)[0], "/invitation/")
    response = ask(client, "ASA@example.org")
    assert response["Location"] == reverse("accounts:password_reset_done")
    again = smtp.wait_for(2)[1]
    assert again["To"] == "asa@example.org"
    second = link_in(again, "/invitation/")
    assert second != first
    # The new link lets her choose a password; the lost one no longer works.
    assert client.get(first, follow=True).status_code == 404
    assert client.get(second, follow=True).status_code == 200


def test_the_hook_finds_an_invited_coordinator_who_never_chose_a_password(alice, bob, fiona):
    for user, accepted in [(alice, None), (bob, timezone.now())]:
        user.set_unusable_password()
        user.save()
        Invitation.objects.create(
            user=user, invited_by=fiona, sent_at=timezone.now(), accepted_at=accepted
        )
    assert _pending_invitee("ALICE@example.org") == alice
    assert _pending_invitee("bob@example.org") is None  # accepted already
    assert _pending_invitee("fiona@example.org") is None  # never invited


def test_an_address_that_is_no_address_gets_a_message_on_the_form(client):
    response = english(client).post(reverse("accounts:password_reset"), {"email": "alice"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert 'aria-invalid="true"' in page


def test_the_login_page_links_to_the_password_reset(client):
    page = english(client).get(reverse("login")).content.decode()
    assert f'<a href="{reverse("accounts:password_reset")}">Forgot your password?</a>' in page


def test_a_logged_in_user_finds_their_address_filled_in(client, alice):
    client.force_login(alice)
    page = client.get(reverse("accounts:password_reset")).content.decode()
    assert 'value="alice@example.org"' in page


def test_after_the_limit_known_and_unknown_addresses_alike_get_the_429_page(settings, alice):
    settings.PASSWORD_RESET_RATE = "2/h"
    known, unknown = english(), english()
    for _ in range(2):
        assert ask(known, "alice@example.org", ip="203.0.113.1").status_code == 302
        assert ask(unknown, "nobody@example.org", ip="203.0.113.2").status_code == 302
    known_limited = ask(known, "alice@example.org", ip="203.0.113.1")
    unknown_limited = ask(unknown, "nobody@example.org", ip="203.0.113.2")

    assert known_limited.status_code == unknown_limited.status_code == 429
    assert "Too many attempts" in known_limited.content.decode()
    assert without_tokens(known_limited.content.decode()) == without_tokens(
        unknown_limited.content.decode()
    )
    assert OutgoingMail.objects.count() == 2


def test_one_client_is_limited_whatever_addresses_it_tries(client, settings, alice):
    settings.PASSWORD_RESET_RATE = "3/h"
    for n in range(3):
        assert ask(client, f"someone{n}@example.org").status_code == 302
    assert ask(client, "alice@example.org").status_code == 429
    # Another client is not held up.
    assert ask(Client(), "alice@example.org", ip="192.0.2.9").status_code == 302


def test_one_address_is_limited_from_every_client_in_any_case(settings, alice):
    settings.PASSWORD_RESET_RATE = "3/h"
    for n, address in enumerate(["alice@example.org", "ALICE@example.org", "Alice@Example.Org"]):
        assert ask(Client(), address, ip=f"192.0.2.{n}").status_code == 302
    assert ask(Client(), "alice@EXAMPLE.ORG", ip="192.0.2.99").status_code == 429
    assert OutgoingMail.objects.count() == 3


def test_looking_at_the_form_is_not_counted(client, settings):
    settings.PASSWORD_RESET_RATE = "1/h"
    for _ in range(3):
        assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert ask(client, "nobody@example.org").status_code == 302


def test_a_user_with_two_accounts_on_one_address_gets_a_link_for_each(
    client, alice, django_capture_on_commit_callbacks, smtp
):
    get_user_model().objects.create_user("alice2", "alice@example.org", PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "alice@example.org")
    first, second = smtp.wait_for(2)
    assert link_in(first, RESET) != link_in(second, RESET)
