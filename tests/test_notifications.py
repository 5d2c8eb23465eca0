"""Mails when homework is returned, handed in or its synthesis published (issue 13), each
in the recipient's language, through a real SMTP server."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Preferences
from notifications.digest import send_digests
from notifications.reminders import send_reminders
from reglab.models import OutgoingMail
from submissions.models import Submission, SubmissionVersion

from .conftest import add_interview, body_of, link_in, login

pytestmark = pytest.mark.django_db(transaction=True)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
COMMENT = (
    "Beskriv gärna samverkan med kommunerna mer utförligt – "
    "både vad som gått bra och åtgärder framåt."
)


def prefer(user, **choices):
    Preferences.objects.update_or_create(user=user, defaults=choices)


def hand_in(client, user, submission):
    return login(client, user).post(reverse("submissions:submit", args=[submission.pk]))


def return_homework(client, fiona, submission, comment=COMMENT):
    return login(client, fiona).post(
        reverse("submissions:return", args=[submission.pk]), {"comment": comment}
    )


def complete(submission):
    submission.statement = "Regionen samordnar integrationsarbetet."
    submission.save()
    for n in range(1, 4):
        add_interview(submission, n)
    return submission


# Returned homework: to the region's coordinators, with the comment.


def test_returning_homework_mails_both_coordinators_of_the_region_the_comment(
    client, smtp, alice, bob, charlie, fiona, complete_submission
):
    prefer(fiona, mail_hand_ins="none")
    hand_in(client, alice, complete_submission)
    return_homework(client, fiona, complete_submission)

    mails = smtp.wait_for(2)
    assert sorted(m["To"] for m in mails) == ["alice@example.org", "bob@example.org"]
    assert not smtp.to("charlie@example.org")
    for mail in mails:
        assert COMMENT in body_of(mail)  # verbatim, å/ä/ö and the dash kept
        assert "Hemläxa: regionens roll" in mail["Subject"]  # Swedish, the default
        assert "fiona" in body_of(mail)
        assert link_in(mail, "/homework/") == f"/homework/{complete_submission.pk}/"


def test_a_coordinator_who_chose_english_gets_the_returned_mail_in_english(
    client, smtp, alice, bob, fiona, complete_submission
):
    prefer(bob, language="en")
    prefer(fiona, mail_hand_ins="none")
    hand_in(client, alice, complete_submission)
    return_homework(client, fiona, complete_submission)

    smtp.wait_for(2)
    (english,) = smtp.to("bob@example.org")
    (swedish,) = smtp.to("alice@example.org")
    assert english["Subject"] == 'Your homework "Homework: the region\'s role" is returned to you'
    assert "fiona has returned Halland's homework" in body_of(english)
    assert COMMENT in body_of(english)
    assert "Hello bob," in body_of(english)
    assert "Hemläxa: regionens roll" in swedish["Subject"]
    assert "Homework: the region's role" not in body_of(swedish)


def test_a_coordinator_who_turned_returned_mails_off_gets_none(
    client, smtp, alice, bob, fiona, complete_submission
):
    prefer(alice, mail_returned=False)
    prefer(fiona, mail_hand_ins="none")
    hand_in(client, alice, complete_submission)
    return_homework(client, fiona, complete_submission)

    (mail,) = smtp.wait_for(1)
    assert mail["To"] == "bob@example.org"
    assert not OutgoingMail.objects.filter(user=alice).exists()


def test_a_second_return_mails_the_region_again(client, smtp, alice, fiona, complete_submission):
    prefer(fiona, mail_hand_ins="none")
    hand_in(client, alice, complete_submission)
    return_homework(client, fiona, complete_submission, "Första kommentaren.")
    hand_in(client, alice, complete_submission)
    return_homework(client, fiona, complete_submission, "Andra kommentaren.")

    first, second = smtp.wait_for(2)
    assert "Första kommentaren." in body_of(first)
    assert "Andra kommentaren." in body_of(second)


def test_inactive_coordinators_get_no_mail(client, smtp, alice, bob, fiona, complete_submission):
    bob.is_active = False
    bob.save()
    prefer(fiona, mail_hand_ins="none")
    hand_in(client, alice, complete_submission)
    return_homework(client, fiona, complete_submission)

    smtp.wait_for(1)
    assert [m["To"] for m in smtp.messages] == ["alice@example.org"]
    assert not OutgoingMail.objects.filter(user=bob).exists()


# Hand-ins: to the facilitators, one mail each or a daily digest.


def test_a_hand_in_mails_the_facilitator_with_the_region_and_the_count(
    client, smtp, alice, fiona, complete_submission, other_submission
):
    prefer(fiona, language="en")
    Submission.objects.filter(pk=other_submission.pk).update(state=Submission.State.SUBMITTED)
    response = hand_in(client, alice, complete_submission)
    assert response.status_code == 302

    (mail,) = smtp.wait_for(1)
    assert mail["To"] == "fiona@example.org"
    assert mail["Subject"] == 'Halland has handed in "Homework: the region\'s role"'
    body = body_of(mail)
    assert "2 of 21 regions have handed in now." in body
    assert "after the deadline" not in body
    assert link_in(mail, "/homework/") == f"/homework/{complete_submission.pk}/"


def test_a_late_hand_in_says_so(client, smtp, alice, fiona, assignment, complete_submission):
    prefer(fiona, language="en")
    assignment.deadline = timezone.now() - timedelta(days=2)
    assignment.save()
    hand_in(client, alice, complete_submission)

    (mail,) = smtp.wait_for(1)
    assert "That is after the deadline" in body_of(mail)
    assert "1 of 21 regions has handed in now." in body_of(mail)


@pytest.mark.parametrize("choice", ["digest", "none"])
def test_a_facilitator_who_chose_a_digest_or_nothing_gets_no_mail_per_hand_in(
    client, smtp, alice, fiona, complete_submission, choice
):
    prefer(fiona, mail_hand_ins=choice)
    hand_in(client, alice, complete_submission)

    complete_submission.refresh_from_db()
    assert complete_submission.state == Submission.State.SUBMITTED
    assert not OutgoingMail.objects.exists()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in March 2026, Stockholm time."""
    return datetime(2026, 3, day, hour, minute, tzinfo=STOCKHOLM)


def test_the_digest_lists_the_days_hand_ins_once_after_the_digest_hour(
    client, smtp, settings, alice, charlie, fiona, complete_submission, other_submission
):
    settings.DIGEST_HOUR = 7
    prefer(fiona, mail_hand_ins="digest", language="en")
    add_interview(other_submission, 1)
    add_interview(other_submission, 2)
    add_interview(other_submission, 3)
    hand_in(client, alice, complete_submission)
    hand_in(client, charlie, other_submission)
    versions = SubmissionVersion.objects.filter(event="submitted").order_by("pk")
    assert versions.count() == 2
    # The two hand-ins happened yesterday afternoon.
    for version, hour in zip(versions, [15, 16], strict=True):
        SubmissionVersion.objects.filter(pk=version.pk).update(created_at=at(9, hour))

    assert send_digests(now=at(10, 6, 59)) == 0  # before the digest hour
    assert send_digests(now=at(10, 7, 5)) == 1
    assert send_digests(now=at(10, 9)) == 0  # the same day again
    assert send_digests(now=at(10, 23, 59)) == 0

    (mail,) = smtp.wait_for(1)
    assert mail["To"] == "fiona@example.org"
    assert mail["Subject"] == "2 new hand-ins on the REGLAB portal"
    body = body_of(mail)
    assert "- Halland: Homework: the region's role, 9 March 2026 15:00" in body
    assert "- Skåne: Homework: the region's role, 9 March 2026 16:00" in body
    assert "after the deadline" not in body
    assert link_in(mail, "/settings/") == "/settings/"


def test_the_next_digest_lists_only_what_came_after_the_last(
    client, smtp, alice, charlie, fiona, complete_submission, other_submission
):
    prefer(fiona, mail_hand_ins="digest")
    hand_in(client, alice, complete_submission)
    SubmissionVersion.objects.update(created_at=at(9, 15))
    assert send_digests(now=at(10, 8)) == 1

    complete(other_submission)
    hand_in(client, charlie, other_submission)
    SubmissionVersion.objects.filter(submission=other_submission).update(created_at=at(10, 12))
    assert send_digests(now=at(10, 13)) == 0  # today's digest is done
    assert send_digests(now=at(11, 7)) == 1

    first, second = smtp.wait_for(2)
    assert "Halland" in body_of(first) and "Skåne" not in body_of(first)
    assert "Skåne" in body_of(second) and "Halland" not in body_of(second)


def test_a_day_without_hand_ins_sends_no_digest(smtp, fiona):
    prefer(fiona, mail_hand_ins="digest")
    assert send_digests(now=at(10, 8)) == 0
    assert not OutgoingMail.objects.exists()


# The synthesis is published: to every region's coordinators, once.


def test_publishing_mails_every_coordinator_once_even_after_unpublishing(
    client, smtp, alice, bob, charlie, fiona, assignment
):
    prefer(charlie, language="en")
    prefer(bob, mail_published=False)
    url = reverse("synthesis:publish", args=[assignment.pk])
    login(client, fiona)
    client.post(url)
    client.post(url, {"action": "unpublish"})
    client.post(url)

    smtp.wait_for(2)
    assert sorted(m["To"] for m in smtp.messages) == ["alice@example.org", "charlie@example.org"]
    (english,) = smtp.to("charlie@example.org")
    assert english["Subject"] == 'The synthesis of "Homework: the region\'s role" is published'
    (swedish,) = smtp.to("alice@example.org")
    assert "Hemläxa: regionens roll" in swedish["Subject"]
    for mail in smtp.messages:
        assert link_in(mail, "/synthesis/") == f"/synthesis/a/{assignment.pk}/mine/"
    assert OutgoingMail.objects.filter(kind="published").count() == 2


def test_every_kind_of_mail_has_the_link_to_the_settings_page(
    client, smtp, settings, alice, fiona, complete_submission
):
    settings.DIGEST_HOUR = 0
    assignment = complete_submission.assignment
    hand_in(client, alice, complete_submission)  # to fiona
    return_homework(client, fiona, complete_submission)  # to alice
    send_reminders(now=assignment.deadline - timedelta(days=7))  # to alice
    prefer(fiona, mail_hand_ins="digest")
    send_digests()  # to fiona
    login(client, fiona).post(reverse("synthesis:publish", args=[assignment.pk]))  # to alice

    mails = smtp.wait_for(5)
    assert set(OutgoingMail.objects.values_list("kind", flat=True)) == {
        "handed_in",
        "returned",
        "reminder",
        "digest",
        "published",
    }
    for mail in mails:
        assert f"{settings.SITE_URL}/settings/" in body_of(mail)


def test_a_failing_mail_never_undoes_the_hand_in(
    client, smtp, monkeypatch, caplog, alice, fiona, complete_submission
):
    def broken(**kwargs):
        raise RuntimeError("the template is broken")

    monkeypatch.setattr("notifications.receivers.send", broken)
    response = hand_in(client, alice, complete_submission)

    assert response.status_code == 302
    complete_submission.refresh_from_db()
    assert complete_submission.state == Submission.State.SUBMITTED
    assert complete_submission.versions.count() == 1
    assert "could not queue the handed_in mails" in caplog.text
