"""What is stored, as facilitators and regions see it: who changed what and when (the
history of homework, interviews, quotes, tags and the taxonomy), and everything stored about
one region. They read every app, so they live here, above the homework apps."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from interviews.models import Interview, Quote
from reglab.models import Region
from submissions.models import Assignment, Submission

from .models import Role, Tag


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


def _role_picks(history_ids: list[int]) -> dict[int, list[str]]:
    """The role picks each homework history record holds, by its history id (1 query):
    simple-history's own m2m diff would cost two queries for every record."""
    picks = Submission.history.model.self_roles.model
    rows = picks.objects.filter(history_id__in=history_ids).select_related("role")
    by_record: dict[int, list[str]] = {}
    for row in rows.order_by("role__position", "role__slug"):
        name = row.role.name if row.role else str(row.role_id)  # a role deleted since
        by_record.setdefault(row.history_id, []).append(name)
    return by_record


def recent_changes(*, submission_id: int | None = None, limit: int = 100) -> list[Change]:
    """Who changed what and when in homework, interviews, quotes, tags and the taxonomy,
    newest first, each with the fields it changed (before → after)."""
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
    homework_ids = [
        history_id
        for r, _w in records
        if r.history_type == "~" and type(r) is Submission.history.model
        for history_id in (r.history_id, r.before_id)
    ]
    picks = _role_picks(homework_ids)
    changes = []
    for record, what in records:
        fields = []
        previous = previous_of.get((type(record), record.before_id))
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous, excluded_fields=["self_roles"])
            fields = [
                (c.field, _short(c.old), _short(c.new))
                for c in delta.changes
                if c.field
                not in ("updated_at", "statement_saved_at", "revision", "statement_revision")
            ]
            if type(record) is Submission.history.model:
                before = picks.get(previous.history_id, [])
                after = picks.get(record.history_id, [])
                if before != after:
                    fields.append(("self_roles", ", ".join(before), ", ".join(after)))
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
                {
                    "at": c.created_at.isoformat(),
                    "field": c.field,
                    "text": c.text,
                    "roles": c.roles,
                }
                for c in s.conflicts.all()
            ],
            "interviews": [],
            "tags": [],
        }
    for i in interviews:
        by_submission[i.submission_id]["interviews"].append(i.as_record())
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
