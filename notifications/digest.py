"""The facilitators' daily digest: one mail a day with the hand-ins since the last one,
for those who chose it on their settings page instead of a mail per hand-in.

Run by send_reminders (every hour from cron, or the worker's hourly task): the first run
at or after DIGEST_HOUR (Europe/Stockholm) sends the day's digest; later runs that day
find it done.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.mail import absolute, send
from accounts.models import Preferences
from reglab.models import Membership
from submissions.models import SubmissionVersion

from .receivers import recipients


def send_digests(now: datetime | None = None) -> int:
    """Queue today's digests that are due; the number of mails queued."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    digest_time = timezone.make_aware(datetime.combine(today, time(settings.DIGEST_HOUR)))
    if now < digest_time:
        return 0
    facilitators = get_user_model().objects.filter(
        membership__kind=Membership.Kind.FACILITATOR,
        preferences__mail_hand_ins=Preferences.HandIns.DIGEST,
    )
    queued = 0
    for user, preferences in recipients(facilitators):
        # Moved past today's digest time by a run today: today's digest is done, even
        # when there was nothing to tell (a hand-in after it waits for tomorrow's).
        done_up_to = preferences.digest_sent_up_to
        if done_up_to is not None and done_up_to >= digest_time:
            continue
        queued += _send_digest(user=user, preferences=preferences, now=now)
    return queued


@transaction.atomic
def _send_digest(*, user, preferences: Preferences, now: datetime) -> int:
    since = preferences.digest_sent_up_to or now - timedelta(hours=24)
    versions = (
        SubmissionVersion.objects.filter(
            event=SubmissionVersion.Event.SUBMITTED, created_at__gt=since, created_at__lte=now
        )
        .select_related("submission__region", "submission__assignment")
        .order_by("created_at")
    )
    hand_ins = [
        {
            "region": version.submission.region,
            "assignment": version.submission.assignment,
            "at": version.created_at,
            "late": version.created_at > version.submission.assignment.deadline,
            "link": absolute(reverse("submissions:detail", args=[version.submission_id])),
        }
        for version in versions
    ]
    mail = None
    if hand_ins:
        local_day = timezone.localtime(now).date().isoformat()
        mail = send(
            user=user,
            template="digest",
            kind="digest",
            context={
                "hand_ins": hand_ins,
                "received_url": absolute(reverse("submissions:received")),
            },
            key=f"digest:{user.pk}:{local_day}",
            language=preferences.language,
        )
    Preferences.objects.filter(pk=preferences.pk).update(digest_sent_up_to=now)
    return int(mail is not None)
