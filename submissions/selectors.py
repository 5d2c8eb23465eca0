"""Reads that shape homework data for pages."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from reglab.models import Region

from .models import Assignment, Submission, taxonomy

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


def earlier_round(assignment: Assignment) -> Assignment | None:
    """The round before this one (the latest earlier deadline), if there is one (1 query)."""
    return (
        Assignment.objects.filter(deadline__lt=assignment.deadline)
        .order_by("-deadline", "-pk")
        .first()
    )


def handed_in(*, assignment: Assignment) -> list[dict]:
    """The regions that handed in, in the regions' order, with their interviews (1 query)."""
    rows = (
        Submission.objects.filter(assignment=assignment, state=Submission.State.SUBMITTED)
        .order_by("region__position")
        .values("region__name", "submitted_at")
        .annotate(interviews=Count("interviews"))
    )
    return [
        {
            "region": row["region__name"],
            "submitted_at": row["submitted_at"],
            "late": bool(row["submitted_at"] and row["submitted_at"] > assignment.deadline),
            "interviews": row["interviews"],
        }
        for row in rows
    ]


def not_handed_in(*, assignment: Assignment) -> list[str]:
    """The names of the regions that have not handed in (1 query)."""
    submitted = Submission.objects.filter(
        assignment=assignment, state=Submission.State.SUBMITTED
    ).values("region_id")
    return list(
        Region.objects.exclude(pk__in=submitted)
        .order_by("position")
        .values_list("name", flat=True)
    )


def snapshot_interviews(snapshot: dict) -> list[dict]:
    """A version's interviews with display labels for their choices."""
    # The interviews app points at the homework, not the other way round: its model is
    # reached through that relation.
    Interview = Submission._meta.get_field("interviews").related_model
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
    roles = {r.slug: r.name for r in taxonomy().objects.filter(slug__in=slugs)}
    return [roles.get(slug, slug) for slug in slugs]
