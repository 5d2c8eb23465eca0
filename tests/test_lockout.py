"""Login lock-outs (django-axes) behind a load balancer: a lock-out holds one user name
from one client, the client's address comes from the trusted proxies' X-Forwarded-For
entry only, and wrong passwords during a lock-out do not extend it."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.urls import reverse

from .conftest import PASSWORD

LOCKED = 429  # the lock-out page
LOGGED_IN = 302


def log_in(client, username, password, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    data = {"username": username, "password": password}
    return client.post(reverse("login"), data, headers=headers)


def lock_out(client, username, forwarded_for=None):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, username, "wrong", forwarded_for)


def minutes_pass(minutes):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_behind_the_proxy_one_client_locking_a_user_out_does_not_lock_out_another(
    client, settings, fiona
):
    settings.TRUSTED_PROXY_COUNT = 1
    lock_out(client, "fiona", forwarded_for="203.0.113.66")
    assert log_in(client, "fiona", PASSWORD, "203.0.113.66").status_code == LOCKED
    # The real facilitator, from her own address, through the same load balancer.
    assert log_in(client, "fiona", PASSWORD, "198.51.100.7").status_code == LOGGED_IN


def test_behind_the_proxy_a_client_cannot_escape_its_lock_out_by_forging_the_header(
    client, settings, fiona
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client sends X-Forwarded-For itself; the proxy appends the address it saw.
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "fiona", "wrong", f"10.0.0.{n}, 203.0.113.66")
    response = log_in(client, "fiona", PASSWORD, "10.9.9.9, 203.0.113.66")
    assert response.status_code == LOCKED


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, settings, fiona):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "fiona", "wrong", f"203.0.113.{n}")
    assert log_in(client, "fiona", PASSWORD, "198.51.100.7").status_code == LOCKED


def test_wrong_passwords_during_a_lock_out_do_not_extend_it(client, fiona):
    lock_out(client, "fiona")
    minutes_pass(10)
    # Someone keeps guessing during the lock-out.
    for _ in range(3):
        assert log_in(client, "fiona", "wrong").status_code == LOCKED
    assert log_in(client, "fiona", PASSWORD).status_code == LOCKED
    # The lock-out ends when it was due, COOLOFF after it began.
    minutes_pass(settings.AXES_COOLOFF_TIME.total_seconds() / 60 - 10 + 1)
    assert log_in(client, "fiona", PASSWORD).status_code == LOGGED_IN
