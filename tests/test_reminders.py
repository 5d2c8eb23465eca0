"""Deadline reminders, 7 days and 1 day before, to the regions that have not handed in
(issue 13): `python manage.py send_reminders`, safe to run every hour."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.models import Preferences
from notifications.reminders import send_reminders
from notifications.tasks import run_hourly
from reglab.models import Membership, OutgoingMail, Region
from submissions.models import Assignment, Submission

from .conftest import add_interview, body_of, link_in, make_user
from .test_mail_delivery import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The deadline of the round in these tests: Friday 20 March 2026, 17:00 in Sweden.
DEADLINE = datetime(2026, 3, 20, 17, 0, tzinfo=STOCKHOLM)


def before(deadline=DEADLINE, **delta) -> datetime:
    return deadline - timedelta(**delta)


@pytest.fixture
def round_(assignment):
    """The assignment, due at DEADLINE."""
    assignment.deadline = DEADLINE
    assignment.save()
    return assignment


def reminded(kind=None) -> list[str]:
    mails = OutgoingMail.objects.filter(kind="reminder").order_by("to")
    return [m.to for m in mails if kind is None or f":{kind}:" in m.key]


def test_eight_days_before_nobody_is_reminded(smtp, round_, alice):
    assert send_reminders(now=before(days=8)) == 0
    assert send_reminders(now=before(days=7, minutes=1)) == 0
    assert not OutgoingMail.objects.exists()


def test_seven_days_before_the_regions_that_have_not_handed_in_are_reminded(
    smtp, round_, halland, skane
):
    alice = make_user("alice", halland)  # Halland: a draft
    charlie = make_user("charlie", skane)  # Skåne: handed in
    blekinge = Region.objects.get(slug="blekinge")
    make_user("berit", blekinge)  # Blekinge: returned
    make_user("gustav", Region.objects.get(slug="gotland"))  # Gotland: not started
    Submission.objects.create(assignment=round_, region=halland, statement="Utkast.")
    Submission.objects.create(assignment=round_, region=skane, state=Submission.State.SUBMITTED)
    Submission.objects.create(assignment=round_, region=blekinge, state=Submission.State.RETURNED)
    Preferences.objects.create(user=alice, language="en")

    assert send_reminders(now=before(days=7)) == 3

    mails = smtp.wait_for(3)
    assert sorted(m["To"] for m in mails) == [
        "alice@example.org",
        "berit@example.org",
        "gustav@example.org",
    ]
    assert not smtp.to(charlie.email)
    assert reminded("7") == ["alice@example.org", "berit@example.org", "gustav@example.org"]
    (english,) = smtp.to("alice@example.org")
    assert english["Subject"] == 'Reminder: 7 days left to hand in "Homework: the region\'s role"'
    body = body_of(english)
    assert 'Halland has not handed in the homework "Homework: the region\'s role" yet.' in body
    assert "The deadline is 20 March 2026 17:00." in body
    assert "- 3 more interviews needed (0 of 3 done)." in body
    assert "The role statement is empty." not in body  # Halland's draft has one
    assert link_in(english, "/homework/").startswith("/homework/")
    assert link_in(english, "/settings/") == "/settings/"
    (swedish,) = smtp.to("gustav@example.org")
    assert "20 mars 2026 17:00" in body_of(swedish)  # the date in the reader's language


def test_what_is_missing_is_in_the_readers_language(smtp, settings, round_, alice, submission):
    add_interview(submission)
    Preferences.objects.create(user=alice, language="en")
    send_reminders(now=before(days=7))
    (mail,) = smtp.wait_for(1)
    assert "- The role statement is empty." in body_of(mail)
    assert "- 2 more interviews needed (1 of 3 done)." in body_of(mail)
    assert link_in(mail, "/homework/") == f"/homework/{submission.pk}/"


def test_a_returned_homework_is_said_to_wait_for_a_new_hand_in(smtp, round_, alice, submission):
    Preferences.objects.create(user=alice, language="en")
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.RETURNED)
    send_reminders(now=before(days=6))
    (mail,) = smtp.wait_for(1)
    assert "The homework was returned to you and waits to be handed in again." in body_of(mail)


def test_a_region_without_homework_is_linked_to_its_home_page(smtp, settings, round_, alice):
    send_reminders(now=before(days=7))
    (mail,) = smtp.wait_for(1)
    assert f"{settings.SITE_URL}/" in body_of(mail).splitlines()


def test_running_it_again_sends_nothing_new(smtp, round_, alice, bob):
    assert send_reminders(now=before(days=7)) == 2
    assert send_reminders(now=before(days=7)) == 0
    assert send_reminders(now=before(days=6, hours=23)) == 0
    assert send_reminders(now=before(days=2)) == 0
    smtp.wait_for(2)
    assert OutgoingMail.objects.count() == 2


def test_a_deadline_moved_within_the_same_day_sends_no_new_reminder(smtp, round_, alice):
    send_reminders(now=before(days=7))
    round_.deadline = DEADLINE + timedelta(hours=5)  # 22:00 the same day
    round_.save()
    assert send_reminders(now=before(round_.deadline, days=7)) == 0
    assert reminded() == ["alice@example.org"]


def test_a_deadline_moved_to_a_later_day_gets_its_reminder_when_due(smtp, round_, alice):
    send_reminders(now=before(days=7))
    round_.deadline = DEADLINE + timedelta(days=3)
    round_.save()
    assert send_reminders(now=before(days=6)) == 0  # the new deadline is 9 days away
    assert send_reminders(now=before(round_.deadline, days=7)) == 1
    assert reminded("7") == ["alice@example.org", "alice@example.org"]
    first, second = smtp.wait_for(2)
    assert "20 mars 2026" in body_of(first)
    assert "23 mars 2026" in body_of(second)


def test_one_day_before_the_one_day_reminder_is_sent(smtp, round_, alice):
    Preferences.objects.create(user=alice, language="en")
    send_reminders(now=before(days=7))
    assert send_reminders(now=before(days=1, minutes=1)) == 0
    assert send_reminders(now=before(days=1)) == 1
    assert send_reminders(now=before(hours=2)) == 0
    seven, one = smtp.wait_for(2)
    assert one["Subject"] == 'Reminder: 1 day left to hand in "Homework: the region\'s role"'
    assert "1 day left." in body_of(one)


def test_when_both_are_due_only_the_one_day_reminder_is_sent(smtp, round_, alice):
    # A round set up with a deadline less than a day away.
    assert send_reminders(now=before(hours=20)) == 1
    assert reminded("1") == ["alice@example.org"]
    assert reminded("7") == []


def test_after_the_deadline_nobody_is_reminded(smtp, round_, alice):
    assert send_reminders(now=DEADLINE) == 0
    assert send_reminders(now=DEADLINE + timedelta(hours=1)) == 0
    assert not OutgoingMail.objects.exists()


def test_a_published_round_is_not_reminded_of(smtp, round_, alice):
    Assignment.objects.filter(pk=round_.pk).update(published_at=before(days=8))
    assert send_reminders(now=before(days=7)) == 0
    assert send_reminders(now=before(days=1)) == 0


def test_a_coordinator_who_turned_reminders_off_gets_none(smtp, round_, alice, bob):
    Preferences.objects.create(user=alice, mail_reminders=False)
    assert send_reminders(now=before(days=7)) == 1
    assert reminded() == ["bob@example.org"]


def test_inactive_users_and_pending_invitees_are_not_reminded(smtp, round_, halland, alice, bob):
    bob.is_active = False
    bob.save()
    invitee = get_user_model().objects.create_user("ingrid", "ingrid@example.org")  # no password
    Membership.objects.create(user=invitee, kind=Membership.Kind.COORDINATOR, region=halland)
    assert not invitee.has_usable_password()

    assert send_reminders(now=before(days=7)) == 1
    assert reminded() == ["alice@example.org"]


def test_facilitators_are_not_reminded(smtp, round_, fiona):
    assert send_reminders(now=before(days=7)) == 0


def test_the_queries_do_not_grow_with_the_regions(smtp, round_):
    def queries_besides_the_outbox(regions) -> int:
        for region in regions:
            submission = Submission.objects.create(assignment=round_, region=region)
            add_interview(submission)
            make_user(f"k-{region.slug}", region)
        OutgoingMail.objects.all().delete()
        with CaptureQueriesContext(connection) as context:
            assert send_reminders(now=before(days=7)) == Membership.objects.count()
        return len(
            [
                q
                for q in context.captured_queries
                if "outgoingmail" not in q["sql"].lower() and "savepoint" not in q["sql"].lower()
            ]
        )

    regions = list(Region.objects.all())
    assert queries_besides_the_outbox(regions[:2]) == queries_besides_the_outbox(regions[2:8])


# The command, from cron.


def test_the_command_says_what_it_sent(smtp, round_, alice, bob):
    round_.deadline = timezone.now() + timedelta(days=7, minutes=-1)
    round_.save()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == (
        "Reminders queued: 2. Digests queued: 0. Waiting mails sent: 0."
    )
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == (
        "Reminders queued: 0. Digests queued: 0. Waiting mails sent: 0."
    )
    assert len(smtp.wait_for(2)) == 2


# The same from the background worker: --schedule once, then every hour.


def hourly_runs():
    return DBTaskResult.objects.filter(task_path=run_hourly.module_path)


def test_schedule_queues_the_hourly_run_once(db):
    out = io.StringIO()
    call_command("send_reminders", "--schedule", stdout=out)
    call_command("send_reminders", "--schedule", stdout=out)
    assert "already queued" in out.getvalue()
    assert hourly_runs().filter(status=TaskResultStatus.READY).count() == 1


def test_the_hourly_run_reminds_and_queues_the_next_run_in_an_hour(smtp, round_, alice):
    round_.deadline = timezone.now() + timedelta(days=5)
    round_.save()
    call_command("send_reminders", "--schedule", stdout=io.StringIO())
    run_worker()

    (mail,) = smtp.wait_for(1)
    assert mail["To"] == "alice@example.org"
    done, following = hourly_runs().order_by("enqueued_at")
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert following.status == TaskResultStatus.READY
    assert abs(following.run_after - done.finished_at - timedelta(hours=1)) < timedelta(minutes=1)
    assert send_reminders() == 0  # the run did today's reminders
