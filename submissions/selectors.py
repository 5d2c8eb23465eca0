"""Reads that shape homework data for pages."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews.models import Interview
from reglab.models import Region
from synthesis.models import Role

from .models import Assignment, Submission

NOT_STARTED = "not_started"


@dataclass
class HomeworkRow:
    assignment: Assignment
    submission: Submission | None
    interview_count: int
    missing: list[str]


def region_homework(*, region: Region) -> list[HomeworkRow]:
    """The region's homework for every assignment, newest first."""
    submissions = {
        s.assignment_id: s
        for s in Submission.objects.filter(region=region)
        .select_related("assignment")
        .annotate(n_interviews=Count("interviews"))
    }
    rows = []
    for assignment in Assignment.objects.all():
        submission = submissions.get(assignment.pk)
        count = submission.n_interviews if submission else 0
        missing = submission.missing(count) if submission else []
        rows.append(HomeworkRow(assignment, submission, count, missing))
    return rows


@dataclass
class ReceivedRow:
    region: Region
    submission: Submission | None
    state: str
    state_label: str
    submitted_at: datetime | None
    late: bool
    interview_count: int


STATE_ORDER = {NOT_STARTED: 0, "draft": 1, "returned": 2, "submitted": 3}
SORT_KEYS = {
    "region": lambda r: r.region.position,
    "state": lambda r: (STATE_ORDER[r.state], r.region.position),
    "submitted": lambda r: (r.submitted_at is None, r.submitted_at or timezone.now()),
    "late": lambda r: (not r.late, r.region.position),
    "interviews": lambda r: (r.interview_count, r.region.position),
}


def received_rows(*, assignment: Assignment, sort: str = "region") -> list[ReceivedRow]:
    """Inkomna beskrivningar: all regions with their state for one assignment (2 queries)."""
    submissions = {
        s.region_id: s
        for s in Submission.objects.filter(assignment=assignment)
        .select_related("assignment")
        .annotate(n_interviews=Count("interviews"))
    }
    now = timezone.now()
    rows = []
    for region in Region.objects.all():
        submission = submissions.get(region.pk)
        if submission is None:
            state, label = NOT_STARTED, _("Not started")
        else:
            state, label = submission.state, submission.get_state_display()
        rows.append(
            ReceivedRow(
                region=region,
                submission=submission,
                state=state,
                state_label=label,
                submitted_at=submission.submitted_at if submission else None,
                late=submission.is_late(now) if submission else now > assignment.deadline,
                interview_count=submission.n_interviews if submission else 0,
            )
        )
    descending = sort.startswith("-")
    key = SORT_KEYS.get(sort.lstrip("-"), SORT_KEYS["region"])
    rows.sort(key=key, reverse=descending)
    return rows


def snapshot_interviews(snapshot: dict) -> list[dict]:
    """A version's interviews with display labels for their choices."""
    actor_types = dict(Interview.ActorType.choices)
    consents = dict(Interview.Consent.choices)
    return [
        interview
        | {
            "actor_type_label": actor_types.get(interview["actor_type"], interview["actor_type"]),
            "consent_label": consents.get(interview["consent"], interview["consent"]),
        }
        for interview in snapshot.get("interviews", [])
    ]


def role_names(slugs: list[str]) -> list[str]:
    roles = {r.slug: r.name for r in Role.objects.filter(slug__in=slugs)}
    return [roles.get(slug, slug) for slug in slugs]
