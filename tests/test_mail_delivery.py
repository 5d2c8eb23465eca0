"""The outbox (reglab/mail.py): a mail is sent once what caused it has committed, and a
mail server that is down never loses the hand-in nor the mail (issue 13)."""

import io
import logging
import signal
import socket
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from reglab import mail as outbox
from reglab.models import OutgoingMail
from submissions.models import Submission

from .conftest import body_of, login

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again on leaving: nothing listens there


@contextmanager
def server_down(settings, smtp):
    settings.EMAIL_PORT = closed_port()
    yield
    settings.EMAIL_PORT = smtp.port


def run_worker():
    """`manage.py db_worker --batch`: runs the tasks that are due, then returns. It takes
    over Ctrl-C and friends, which pytest gets back afterwards."""
    names = ["SIGINT", "SIGTERM", "SIGQUIT"]
    kept = {
        name: signal.getsignal(getattr(signal, name)) for name in names if hasattr(signal, name)
    }
    try:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, stdout=io.StringIO()
        )
    finally:
        for name, handler in kept.items():
            signal.signal(getattr(signal, name), handler)


def retries():
    return DBTaskResult.objects.filter(task_path=outbox.deliver_mail.module_path)


def queue_one(**fields) -> OutgoingMail:
    values = {"to": "alice@example.org", "subject": "Hej", "body": "Hej Alice!", "kind": "test"}
    return outbox.queue(**(values | fields))


def test_the_mail_server_down_during_a_hand_in_keeps_the_hand_in_and_retries_the_mail(
    client, smtp, settings, alice, fiona, complete_submission
):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with server_down(settings, smtp):
        response = login(client, alice).post(
            reverse("submissions:submit", args=[complete_submission.pk]), follow=True
        )

        assert response.status_code == 200
        assert "Thank you! The homework is submitted." in response.content.decode()
        complete_submission.refresh_from_db()
        assert complete_submission.state == Submission.State.SUBMITTED
        mail = OutgoingMail.objects.get(to="fiona@example.org")
        assert mail.status == OutgoingMail.Status.PENDING
        assert mail.attempts == 1
        assert "Connection refused" in mail.last_error or "Errno" in mail.last_error
        (retry,) = retries()
        assert retry.status == TaskResultStatus.READY
        assert retry.run_after > timezone.now()
        run_worker()  # not due yet: nothing happens
        assert not smtp.messages
        assert retries().get().status == TaskResultStatus.READY

    # The server is back, and the pause has passed.
    retries().update(run_after=timezone.now())
    run_worker()

    (received,) = smtp.wait_for(1)
    assert received["To"] == "fiona@example.org"
    assert "Halland" in received["Subject"]
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert retries().get().status == TaskResultStatus.SUCCESSFUL
    assert outbox.deliver_due() == 0
    run_worker()
    assert len(smtp.messages) == 1  # once


def test_send_reminders_sends_a_mail_that_waited_for_the_server(smtp, settings, alice):
    with server_down(settings, smtp):
        mail = queue_one()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.PENDING

    assert outbox.deliver_due() == 0  # retried after a minute, not before
    OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())  # a minute on
    out = io.StringIO()
    call_command("send_reminders", stdout=out)

    assert "Waiting mails sent: 1." in out.getvalue()
    (received,) = smtp.wait_for(1)
    assert body_of(received).strip() == "Hej Alice!"


def test_with_the_worker_nothing_is_sent_in_the_request_and_the_worker_sends_it(
    client, smtp, settings, alice, fiona, complete_submission
):
    settings.MAIL_DELIVERY = "worker"
    response = login(client, alice).post(
        reverse("submissions:submit", args=[complete_submission.pk])
    )

    assert response.status_code == 302
    mail = OutgoingMail.objects.get(to="fiona@example.org")
    assert mail.status == OutgoingMail.Status.PENDING and mail.attempts == 0
    assert retries().get().status == TaskResultStatus.READY
    assert not smtp.messages

    run_worker()
    (received,) = smtp.wait_for(1)
    assert received["To"] == "fiona@example.org"
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT


def test_a_mail_is_sent_only_once_the_transaction_commits(smtp, settings):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_one()
        raise RuntimeError("the hand-in failed")
    assert not OutgoingMail.objects.exists()

    with transaction.atomic():
        queue_one()
        assert not smtp.messages  # not before the commit
    smtp.wait_for(1)


def test_delivering_twice_sends_once(smtp, settings):
    settings.MAIL_DELIVERY = "worker"  # so that nothing is sent on commit
    mail = queue_one()
    assert outbox.deliver(mail.pk) is True
    assert outbox.deliver(mail.pk) is False
    smtp.wait_for(1)
    assert len(smtp.messages) == 1


def test_a_mail_queued_twice_under_one_key_is_sent_once(smtp):
    assert queue_one(key="reminder:1:7:2026-03-20:1") is not None
    assert queue_one(key="reminder:1:7:2026-03-20:1") is None
    smtp.wait_for(1)
    assert OutgoingMail.objects.count() == 1


def test_after_the_last_attempt_the_mail_is_failed_and_logged(smtp, settings, caplog):
    settings.MAIL_DELIVERY = "worker"
    mail = queue_one()
    with server_down(settings, smtp), caplog.at_level(logging.WARNING, logger="reglab.mail"):
        for _attempt in range(outbox.MAX_ATTEMPTS):
            assert outbox.deliver(mail.pk) is False
        assert outbox.deliver(mail.pk) is False  # given up: not tried again

    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.FAILED
    assert mail.attempts == outbox.MAX_ATTEMPTS
    assert mail.last_error
    assert any(
        r.levelno == logging.ERROR and f"mail {mail.pk}" in r.getMessage() for r in caplog.records
    )
    assert outbox.deliver_due(timezone.now() + timedelta(days=30)) == 0
    assert not smtp.messages


def test_the_pause_between_attempts_grows(smtp, settings):
    settings.MAIL_DELIVERY = "worker"
    mail = queue_one()
    now = timezone.now()
    pauses = []
    with server_down(settings, smtp):
        for _attempt in range(3):
            outbox.deliver(mail.pk, now)
            mail.refresh_from_db()
            pauses.append(mail.next_attempt_at - now)
    assert pauses == [timedelta(minutes=m) for m in outbox.RETRY_MINUTES[:3]]


def test_a_mail_stuck_in_sending_is_sent_again_by_deliver_due(smtp, settings):
    settings.MAIL_DELIVERY = "worker"
    stuck = queue_one(to="stuck@example.org")
    busy = queue_one(to="busy@example.org")
    now = timezone.now()
    # The process sending `stuck` died; `busy` is being sent right now by another one.
    OutgoingMail.objects.filter(pk=stuck.pk).update(
        status=OutgoingMail.Status.SENDING,
        next_attempt_at=now - outbox.STALE_SENDING - timedelta(minutes=1),
    )
    OutgoingMail.objects.filter(pk=busy.pk).update(
        status=OutgoingMail.Status.SENDING, next_attempt_at=now - timedelta(minutes=1)
    )

    assert outbox.deliver_due(now) == 1
    (received,) = smtp.wait_for(1)
    assert received["To"] == "stuck@example.org"
    assert OutgoingMail.objects.get(pk=busy.pk).status == OutgoingMail.Status.SENDING


def test_a_sent_mails_body_is_emptied(smtp):
    mail = queue_one(body="Välj ditt lösenord: https://example.org/invitation/abc/")
    smtp.wait_for(1)
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.body == ""
    assert mail.sent_at is not None
    assert "Välj ditt lösenord" in body_of(smtp.messages[0])
