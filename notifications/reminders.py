"""Deadline reminders to the regions that have not handed in: 7 days and 1 day before.

Run by send_reminders (every hour from cron, or the worker's hourly task). Each reminder
has a key of its round, kind, deadline day and person, so that running it again never
sends one twice; a deadline moved to another day gets its own reminders when they are due.
"""

import math
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation

from accounts.mail import absolute, send
from reglab.models import Membership, OutgoingMail
from submissions.models import Assignment, Submission

from .receivers import recipients

DAY = timedelta(days=1)
WEEK = timedelta(days=7)


def send_reminders(now: datetime | None = None) -> int:
    """Queue the reminders that are due; the number of mails queued."""
    now = now or timezone.now()
    due = Assignment.objects.filter(
        published_at__isnull=True, deadline__gt=now, deadline__lte=now + WEEK
    )
    return sum(_remind(assignment=assignment, now=now) for assignment in due)


@transaction.atomic
def _remind(*, assignment: Assignment, now: datetime) -> int:
    left = assignment.deadline - now
    # When both are due (a round made with a short deadline), only the 1-day one.
    kind = "1" if left <= DAY else "7"
    deadline_day = timezone.localtime(assignment.deadline).date().isoformat()
    submissions = {
        s.region_id: s
        for s in assignment.submissions.annotate(interviews_done=Count("interviews"))
    }
    handed_in = [region for region, s in submissions.items() if s.is_handed_in]
    coordinators = (
        get_user_model()
        .objects.filter(membership__kind=Membership.Kind.COORDINATOR)
        .exclude(membership__region__in=handed_in)
        # Invited but no password chosen yet: the invitation is their reminder.
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .select_related("membership__region")
    )
    people = list(recipients(coordinators))
    keys = {
        user.pk: f"reminder:{assignment.pk}:{kind}:{deadline_day}:{user.pk}" for user, _ in people
    }
    # Skip the ones already sent before rendering them: most runs of the hour send none.
    sent = set(OutgoingMail.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    queued = 0
    for user, preferences in people:
        if not preferences.mail_reminders or keys[user.pk] in sent:
            continue
        region = user.membership.region
        submission = submissions.get(region.pk)
        with translation.override(preferences.language):
            if submission is None:
                missing = Submission(assignment=assignment, region=region).missing(0)
            else:
                missing = submission.missing(submission.interviews_done)
        link = (
            reverse("submissions:detail", args=[submission.pk]) if submission else reverse("home")
        )
        mail = send(
            user=user,
            template="reminder",
            kind="reminder",
            context={
                "assignment": assignment,
                "region": region,
                "submission": submission,
                "days_left": math.ceil(left / DAY),
                "missing": missing,
                "link": absolute(link),
            },
            key=keys[user.pk],
            language=preferences.language,
        )
        queued += mail is not None
    return queued
