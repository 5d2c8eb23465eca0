"""Logging in with the e-mail address: invited coordinators' user name is their address,
and they may type it in any case. django-axes still locks out repeated wrong passwords,
counted against the account whichever way it is named."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOCKED = 429
LOGGED_IN = 302


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def logged_in_as(client):
    return client.get(reverse("home")).wsgi_request.user.get_username()


@pytest.fixture
def invited(halland):
    """A coordinator whose user name is the address she was invited with."""
    user = make_user("Anna.Svensson@regionhalland.se", halland)
    user.email = user.username
    user.save()
    return user


def test_the_login_form_asks_for_the_e_mail_or_user_name(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("login")).content.decode()
    assert "E-mail or user name" in page


def test_a_user_logs_in_with_their_e_mail_address(client, alice):
    assert log_in(client, "alice@example.org").status_code == LOGGED_IN
    assert logged_in_as(client) == "alice"


def test_the_address_may_be_typed_in_any_case(client, alice):
    assert log_in(client, "ALICE@Example.ORG").status_code == LOGGED_IN
    assert logged_in_as(client) == "alice"


def test_an_invited_coordinator_logs_in_with_her_address_in_lower_case(client, invited):
    assert log_in(client, "anna.svensson@regionhalland.se").status_code == LOGGED_IN
    assert logged_in_as(client) == "Anna.Svensson@regionhalland.se"


def test_the_user_name_still_works(client, alice):
    assert log_in(client, "alice").status_code == LOGGED_IN


def test_a_wrong_password_with_the_address_fails_with_a_clear_message(client, alice):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = log_in(client, "alice@example.org", "wrong")
    assert response.status_code == 200
    assert "Check your e-mail address or user name and your password." in (
        response.content.decode()
    )


def test_an_address_two_accounts_share_logs_in_neither(client, alice):
    get_user_model().objects.create_user("alice2", "alice@example.org", PASSWORD)
    assert log_in(client, "alice@example.org").status_code == 200
    assert log_in(client, "alice").status_code == LOGGED_IN


def test_a_user_name_that_looks_like_another_users_address_is_that_user(client, alice):
    # Someone's user name is exactly what they type: it wins over an address.
    get_user_model().objects.create_user("alice@example.org", "other@example.org", "other-pw")
    assert log_in(client, "alice@example.org", "other-pw").status_code == LOGGED_IN
    assert logged_in_as(client) == "alice@example.org"


def test_an_inactive_account_cannot_log_in_with_its_address(client, alice):
    alice.is_active = False
    alice.save()
    assert log_in(client, "alice@example.org").status_code == 200


def test_wrong_passwords_with_the_address_lock_the_account_out(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "alice@example.org", "wrong")
    assert log_in(client, "alice@example.org").status_code == LOCKED
    assert log_in(client, "alice").status_code == LOCKED


def test_changing_the_case_of_the_address_does_not_buy_more_guesses(client, alice):
    variants = ["alice@example.org", "ALICE@example.org", "Alice@Example.org", "alice@EXAMPLE.org"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, variants[n % len(variants)], "wrong")
    assert log_in(client, "aLiCe@example.org").status_code == LOCKED


def test_a_lock_out_by_user_name_holds_for_the_address_too(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "alice", "wrong")
    assert log_in(client, "alice@example.org").status_code == LOCKED
