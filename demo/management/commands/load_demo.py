"""Load the demo: the seed deck's assignment, its 12 submitted regions, a few drafts
and one login per region, and a made-up pilot round a year earlier (8 of those regions)
to compare with. Running it again resets the demo to the same state."""

from datetime import date, datetime, timedelta

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Invitation, Preferences
from demo import demo_data, demo_earlier
from interviews.models import Interview, Quote
from reglab.models import Membership, Region
from submissions.models import Assignment, Submission, SubmissionVersion
from submissions.services import snapshot
from synthesis.models import Role
from synthesis.services import retag_corpus
from synthesis.taxonomy_default import DEFAULT_ROLES

DEMO_PASSWORD = "demo"

# People invited who have not chosen a password yet, for the page of regions and
# coordinators: (region, e-mail, first name, last name, days since the invitation).
DEMO_INVITEES = [
    ("gotland", "kim.berg@example.org", "Kim", "Berg", 3),
    ("kronoberg", "sara.nilsson@example.org", "Sara", "Nilsson", 20),
]


class Command(BaseCommand):
    help = "Load the demo assignment, homework and logins (password 'demo')."

    @transaction.atomic
    def handle(self, *args, **options):
        facilitator = self._user("facilitator", Membership.Kind.FACILITATOR, None, staff=True)
        regions = {r.slug: r for r in Region.objects.all()}
        for region in regions.values():
            self._user(region.slug, Membership.Kind.COORDINATOR, region)
        self._invitations(regions, facilitator)

        roles = self._default_taxonomy()
        assignment = self._assignment(demo_data.ASSIGNMENT, demo_data.DEADLINE)
        for item in demo_data.SUBMISSIONS:
            self._submission(assignment, regions[item["region"]], item, roles, facilitator)
        earlier = self._assignment(demo_earlier.ASSIGNMENT, demo_earlier.DEADLINE)
        for item in demo_earlier.SUBMISSIONS:
            item = item | {"state": Submission.State.SUBMITTED}
            self._submission(earlier, regions[item["region"]], item, roles, facilitator)
        # Those who wrote their homework have logged in; the others not yet.
        writers = {item["region"] for item in demo_data.SUBMISSIONS}
        coordinators = get_user_model().objects.filter(username__in=regions)
        coordinators.update(last_login=None)
        coordinators.filter(username__in=writers).update(
            last_login=timezone.now() - timedelta(days=2)
        )
        tags = retag_corpus()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded ({tags} automatic tags)."))
        self.stdout.write("Logins (password 'demo'; the e-mail <login>@example.org works too):")
        self.stdout.write("  facilitator  – REGLAB facilitator (also admin)")
        self.stdout.write("  <region slug> – region coordinator, e.g. halland, orebro, skane:")
        self.stdout.write("    " + ", ".join(sorted(regions)))

    def _assignment(self, data, deadline):
        assignment, _ = Assignment.objects.update_or_create(
            title_sv=data["title_sv"],
            defaults={
                "title_en": data["title_en"],
                "instructions_sv": data["instructions_sv"],
                "instructions_en": data["instructions_en"],
                "min_interviews": data["min_interviews"],
                "deadline": datetime.fromisoformat(deadline),
                # A facilitator may have published the synthesis while trying the demo.
                "published_at": None,
                "show_region_names": False,
            },
        )
        assignment.submissions.all().delete()
        return assignment

    def _user(self, username, kind, region, staff=False):
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(DEMO_PASSWORD)
        user.email = f"{username}@example.org"
        user.is_staff = staff
        user.is_superuser = staff
        user.is_active = True
        user.save()
        Membership.objects.update_or_create(user=user, defaults={"kind": kind, "region": region})
        # Wrong passwords typed while trying the demo must not keep a demo login locked.
        axes_reset(username=username)
        return user

    def _invitations(self, regions, facilitator):
        """Every demo coordinator accepted an invitation a month ago; two more people are
        invited and have not answered (one of them too late). No mail is sent."""
        User = get_user_model()
        now = timezone.now()
        for slug in regions:
            user = User.objects.get(username=slug)
            Invitation.objects.update_or_create(
                user=user,
                defaults={
                    "invited_by": facilitator,
                    "sent_at": now - timedelta(days=31),
                    "times_sent": 1,
                    "accepted_at": now - timedelta(days=30),
                },
            )
            Preferences.objects.filter(user=user).delete()
        Preferences.objects.filter(user=facilitator).delete()
        for slug, email, first, last, days in DEMO_INVITEES:
            User.objects.filter(email=email).delete()
            user = User(username=email, email=email, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
            Membership.objects.create(
                user=user, kind=Membership.Kind.COORDINATOR, region=regions[slug]
            )
            Invitation.objects.create(
                user=user, invited_by=facilitator, sent_at=now - timedelta(days=days)
            )

    def _default_taxonomy(self):
        """The default roles as shipped, whatever a facilitator edited, retired or added
        while trying the demo: the demo's tags and charts are made from them."""
        roles = {}
        for position, data in enumerate(DEFAULT_ROLES, 1):
            role, _ = Role.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name_sv": data["name_sv"],
                    "name_en": data["name_en"],
                    "definition_sv": data.get("definition_sv", ""),
                    "definition_en": data.get("definition_en", ""),
                    "cues": data.get("cues", []),
                    "position": position,
                    "is_active": True,
                },
            )
            roles[role.slug] = role
        Role.objects.exclude(slug__in=roles).update(is_active=False)
        return roles

    def _submission(self, assignment, region, item, roles, facilitator):
        submitted_at = item.get("submitted_at")
        submission = Submission.objects.create(
            assignment=assignment,
            region=region,
            statement=item["statement"],
            statement_revision=1 if item["statement"] else 0,
            state=item["state"],
            submitted_at=datetime.fromisoformat(submitted_at) if submitted_at else None,
        )
        submission.self_roles.set([roles[slug] for slug in item["self_roles"]])
        for data in item["interviews"]:
            interview = Interview.objects.create(
                submission=submission,
                organisation=data["organisation"],
                actor_type=data["actor_type"],
                interview_date=date.fromisoformat(data["date"]),
                interviewee_function=data["function"],
                consent=data["consent"],
                answers=data["answers"],
                revision=1,
            )
            Quote.objects.bulk_create(
                Quote(interview=interview, text=text, position=n)
                for n, text in enumerate(data["quotes"])
            )
        if submission.state == Submission.State.SUBMITTED:
            SubmissionVersion.objects.create(
                submission=submission,
                number=1,
                event=SubmissionVersion.Event.SUBMITTED,
                snapshot=snapshot(submission),
                created_at=submission.submitted_at,
                created_by=None,
            )
