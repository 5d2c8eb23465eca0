"""Reads that shape homework data for pages."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Subquery
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


@dataclass
class Change:
    when: datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted
    what: str  # the model's name
    label: str  # the object, as it was
    submission_id: int | None
    fields: list[tuple[str, str, str]]  # (field, before, after), shortened


def _short(value, limit: int = 160) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# What each history's labels (the model's __str__) read through a foreign key.
_LABEL_RELATIONS = {
    "HistoricalSubmission": ("region", "assignment"),
    "HistoricalTag": ("role",),
}


def _label(record) -> str:
    """The object as it was, named by its model's __str__ with the related objects that
    came with the history query (record.instance alone would load them again)."""
    instance = record.instance
    for name in _LABEL_RELATIONS.get(type(record).__name__, ()):
        related = getattr(record, name)
        if related is None:  # deleted since
            return f"{record.instance_type._meta.verbose_name} {record.id}"
        setattr(instance, name, related)
    return str(instance)


def recent_changes(*, submission_id: int | None = None, limit: int = 100) -> list[Change]:
    """Who changed what and when in homework, interviews, quotes, tags and the taxonomy,
    newest first, each with the fields it changed (before → after)."""
    from interviews.models import Interview, Quote
    from synthesis.models import Role, Tag

    sources = [
        (Submission.history, _("Homework"), "id"),
        (Interview.history, _("Interview"), "submission_id"),
        (Tag.history, _("Tag"), "submission_id"),
        (Assignment.history, _("Assignment"), None),
        (Role.history, _("Role"), None),
        (Quote.history, _("Quote"), None),
    ]
    records = []
    for manager, what, link in sources:
        # The record each change is compared with (the object's history row before it),
        # found by the same query, and the objects its label names, so that the page
        # costs a few queries, not several per row.
        before = manager.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
        queryset = manager.select_related(
            "history_user", *_LABEL_RELATIONS.get(manager.model.__name__, ())
        ).annotate(before_id=Subquery(before.order_by("-history_date").values("history_id")[:1]))
        if submission_id is not None:
            if link is None and manager.model.__name__ != "HistoricalQuote":
                continue
            if link is None:  # quotes belong to the submission through their interview
                interview_ids = Interview.history.filter(submission_id=submission_id).values("id")
                queryset = queryset.filter(interview_id__in=interview_ids)
            else:
                queryset = queryset.filter(**{link: submission_id})
        records += [(record, what) for record in queryset.order_by("-history_date")[:limit]]
    records.sort(key=lambda pair: pair[0].history_date, reverse=True)
    records = records[:limit]
    previous_of = {}
    for manager, _what, _link in sources:
        ids = [
            r.before_id for r, _w in records if r.history_type == "~" and type(r) is manager.model
        ]
        previous_of.update(
            ((manager.model, p.history_id), p) for p in manager.filter(history_id__in=ids)
        )
    changes = []
    for record, what in records:
        fields = []
        previous = previous_of.get((type(record), record.before_id))
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous)
            fields = [
                (c.field, _short(c.old), _short(c.new))
                for c in delta.changes
                if c.field
                not in ("updated_at", "statement_saved_at", "revision", "statement_revision")
            ]
            if not fields:
                continue  # only bookkeeping changed
        changes.append(
            Change(
                when=record.history_date,
                who=str(record.history_user or "–"),
                kind=record.history_type,
                what=str(what),
                label=_short(_label(record), 80),
                submission_id=getattr(record, "submission_id", None)
                or (record.id if what == _("Homework") else None),
                fields=fields,
            )
        )
    return changes


def region_export(region: Region) -> dict:
    """Everything stored about a region, for its coordinators to download (JSON)."""
    from interviews.models import Interview
    from synthesis.models import Tag

    submissions = Submission.objects.filter(region=region).select_related("assignment")
    interviews = Interview.objects.filter(submission__region=region).prefetch_related("quotes")
    tags = Tag.objects.filter(submission__region=region).select_related("role")
    by_submission: dict[int, dict] = {}
    for s in submissions:
        by_submission[s.pk] = {
            "assignment": s.assignment.title_sv,
            "state": s.state,
            "statement": s.statement,
            "own_roles": list(s.self_roles.values_list("slug", flat=True)),
            "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
            "returned_comment": s.return_comment,
            "versions": [
                {
                    "number": v.number,
                    "event": v.event,
                    "at": v.created_at.isoformat(),
                    "comment": v.comment,
                    "content": v.snapshot,
                }
                for v in s.versions.all()
            ],
            "kept_conflicting_texts": [
                {"at": c.created_at.isoformat(), "field": c.field, "text": c.text}
                for c in s.conflicts.all()
            ],
            "interviews": [],
            "tags": [],
        }
    for i in interviews:
        by_submission[i.submission_id]["interviews"].append(
            {
                "organisation": i.organisation,
                "actor_type": i.actor_type,
                "interview_date": i.interview_date.isoformat(),
                "interviewee_function": i.interviewee_function,
                "consent": i.consent,
                "answers": i.answers,
                "quotes": [q.text for q in i.quotes.all()],
            }
        )
    for t in tags:
        by_submission[t.submission_id]["tags"].append(
            {
                "role": t.role.slug,
                "field": t.field,
                "start": t.start,
                "end": t.end,
                "text": t.match,
                "source": t.source,
                "review": t.review,
            }
        )
    return {
        "region": region.name,
        "exported_at": timezone.now().isoformat(),
        "homework": list(by_submission.values()),
    }
