"""The portal's outgoing mail: queue a mail with the change that causes it, send it once
that has committed, retry it while the mail server is down.

queue() writes an OutgoingMail row in the caller's transaction. When the transaction
commits, the mail is sent by the process itself (MAIL_DELIVERY="request", make run) or by
the background worker (MAIL_DELIVERY="worker", db_worker). A mail the server refuses is
tried again after a growing pause, by the worker (deliver_mail) and by send_reminders
(deliver_due), until MAX_ATTEMPTS; nothing that caused it is ever undone by it.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from .models import OutgoingMail

log = logging.getLogger(__name__)

# Minutes to wait before each new attempt: about a day of tries in all.
RETRY_MINUTES = [1, 5, 15, 60, 180, 720]
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
# A mail left "sending" this long was lost with the process that sent it: send it again.
STALE_SENDING = timedelta(minutes=10)


def queue(
    *, to: str, subject: str, body: str, kind: str, user=None, key: str | None = None
) -> OutgoingMail | None:
    """Queue a mail, sent once the current transaction commits. With a `key`, a mail that
    was already queued under it is not queued again (None)."""
    subject = " ".join(subject.split())  # a header is one line
    if key is not None:
        mail, created = OutgoingMail.objects.get_or_create(
            key=key,
            defaults={"to": to, "subject": subject, "body": body, "kind": kind, "user": user},
        )
        if not created:
            return None
    else:
        mail = OutgoingMail.objects.create(to=to, subject=subject, body=body, kind=kind, user=user)
    pk = mail.pk
    # robust: whatever goes wrong in sending, the change that committed is not a 500.
    transaction.on_commit(lambda: dispatch(pk), robust=True)
    return mail


def dispatch(pk: int) -> None:
    """Send a just-committed mail, here or through the worker."""
    if settings.MAIL_DELIVERY == "worker":
        try:
            deliver_mail.enqueue(pk)
        except Exception:  # the row waits: send_reminders sends it (deliver_due)
            log.exception("could not queue mail %s for the worker", pk)
        return
    deliver(pk)


def deliver(pk: int, now: datetime | None = None) -> bool:
    """Send one mail if it is still waiting; True when the mail server took it."""
    now = now or timezone.now()
    # Claim it, so that the worker and a command running at once do not both send it.
    claimed = (
        OutgoingMail.objects.filter(pk=pk)
        .filter(_waiting(now, due_only=False))
        .update(status=OutgoingMail.Status.SENDING, next_attempt_at=now)
    )
    if not claimed:
        return False
    mail = OutgoingMail.objects.get(pk=pk)
    message = EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
    try:
        message.send()
    except Exception as error:  # whatever the server or the network raised
        _failed(mail, error, now)
        return False
    OutgoingMail.objects.filter(pk=pk).update(
        status=OutgoingMail.Status.SENT, sent_at=timezone.now(), body="", last_error=""
    )
    return True


@task()
def deliver_mail(pk: int) -> None:
    """The background worker's part (db_worker): send a mail, or try it again."""
    deliver(pk)


def deliver_due(now: datetime | None = None) -> int:
    """Send every mail whose time has come (the worker's retries, mails queued while the
    worker could not be reached); the number sent."""
    now = now or timezone.now()
    pks = OutgoingMail.objects.filter(_waiting(now, due_only=True)).values_list("pk", flat=True)
    return sum(deliver(pk, now) for pk in list(pks))


def _waiting(now: datetime, *, due_only: bool) -> Q:
    pending = Q(status=OutgoingMail.Status.PENDING)
    if due_only:
        pending &= Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    stale = Q(status=OutgoingMail.Status.SENDING, next_attempt_at__lt=now - STALE_SENDING)
    return pending | stale


def _failed(mail: OutgoingMail, error: Exception, now: datetime) -> None:
    attempts = mail.attempts + 1
    reason = f"{type(error).__name__}: {error}"[:500]
    if attempts >= MAX_ATTEMPTS:
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.FAILED, attempts=attempts, last_error=reason
        )
        log.error("gave up on %s mail %s to %s: %s", mail.kind, mail.pk, mail.to, reason)
        return
    retry_at = now + timedelta(minutes=RETRY_MINUTES[attempts - 1])
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.PENDING,
        attempts=attempts,
        last_error=reason,
        next_attempt_at=retry_at,
    )
    log.warning(
        "could not send %s mail %s (attempt %s), retrying at %s: %s",
        mail.kind,
        mail.pk,
        attempts,
        retry_at.isoformat(timespec="minutes"),
        reason,
    )
    try:
        deliver_mail.using(run_after=retry_at).enqueue(mail.pk)
    except Exception:  # the row waits: send_reminders sends it (deliver_due)
        log.exception("could not queue the retry of mail %s", mail.pk)
