"""Mails when something happens to homework (connected in notifications/apps.py).

The signals come inside the transaction of the hand-in, the return or the publishing, so
each mail is queued with that change and sent once it commits (reglab/mail.py). Each
receiver works in a savepoint and only logs what goes wrong: a mail never undoes the
change that caused it.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from accounts.mail import absolute, send
from accounts.models import Preferences
from reglab.models import Membership, Region
from submissions.models import Submission, SubmissionVersion

log = logging.getLogger(__name__)


def homework_handed_in(sender, *, submission, user, **kwargs):
    """To each facilitator who wants one mail per hand-in."""
    with _never_failing("handed_in", submission.pk):
        number = _last_version(submission, SubmissionVersion.Event.SUBMITTED)
        context = {
            "submission": submission,
            "assignment": submission.assignment,
            "late": submission.is_late(),
            # This hand-in included: the signal comes after it was saved.
            "handed_in": Submission.objects.filter(assignment=submission.assignment_id)
            .submitted()
            .count(),
            "regions": Region.objects.count(),
            "link": absolute(reverse("submissions:detail", args=[submission.pk])),
        }
        facilitators = get_user_model().objects.filter(
            membership__kind=Membership.Kind.FACILITATOR
        )
        _mail_each(
            facilitators,
            wants=lambda p: p.mail_hand_ins == Preferences.HandIns.EACH,
            template="handed_in",
            context=context,
            key=f"handed_in:{submission.pk}:{number}:{{user}}",
        )


def homework_returned(sender, *, submission, user, comment, **kwargs):
    """To the region's coordinators, with the facilitator's comment."""
    with _never_failing("returned", submission.pk):
        number = _last_version(submission, SubmissionVersion.Event.RETURNED)
        context = {
            "submission": submission,
            "assignment": submission.assignment,
            "returned_by": user.get_full_name() or user.get_username(),
            "comment": comment,
            "link": absolute(reverse("submissions:detail", args=[submission.pk])),
        }
        coordinators = get_user_model().objects.filter(
            membership__kind=Membership.Kind.COORDINATOR, membership__region=submission.region_id
        )
        _mail_each(
            coordinators,
            wants=lambda p: p.mail_returned,
            template="returned",
            context=context,
            key=f"returned:{submission.pk}:{number}:{{user}}",
        )


def synthesis_published(sender, *, assignment, **kwargs):
    """To every region's coordinators. Once per person and round: publishing again after
    an unpublish mails no one twice (the key)."""
    with _never_failing("published", assignment.pk):
        context = {
            "assignment": assignment,
            "link": absolute(reverse("synthesis:mine", args=[assignment.pk])),
        }
        coordinators = get_user_model().objects.filter(
            membership__kind=Membership.Kind.COORDINATOR
        )
        _mail_each(
            coordinators,
            wants=lambda p: p.mail_published,
            template="published",
            context=context,
            key=f"published:{assignment.pk}:{{user}}",
        )


def _mail_each(users, *, wants, template: str, context: dict, key: str) -> None:
    """Mail `template` to each of `users` whose settings `wants` it, in their language;
    `key` names the mail, with {user} for the recipient's pk (one mail per key, ever)."""
    for recipient, preferences in recipients(users):
        if wants(preferences):
            send(
                user=recipient,
                template=template,
                kind=template,
                context=context,
                key=key.format(user=recipient.pk),
                language=preferences.language,
            )


def recipients(users) -> Iterator[tuple]:
    """The active users of `users` who have an address, each with their settings (the
    defaults when they never saved any), read in one query."""
    for user in users.filter(is_active=True).exclude(email="").select_related("preferences"):
        try:
            preferences = user.preferences
        except Preferences.DoesNotExist:
            preferences = Preferences(user=user)
        yield user, preferences


def _last_version(submission, event: str) -> int | None:
    """The number of the version the hand-in or return just made: it tells this return
    from the region's earlier ones in the mail's key."""
    versions = submission.versions.filter(event=event).order_by("-number")
    return versions.values_list("number", flat=True).first()


@contextmanager
def _never_failing(kind: str, pk: int):
    # A savepoint: what failed is rolled back, the hand-in (or return) around it is not.
    try:
        with transaction.atomic():
            yield
    except Exception:
        log.exception("could not queue the %s mails for %s", kind, pk)
