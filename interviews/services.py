"""Workflows on a region's interviews."""

import json
import uuid
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from submissions.models import ConflictCopy, Submission, SubmissionVersion
from submissions.services import WorkflowError
from submissions.signals import interview_saved, personal_data_erased

from .models import MAX_INTERVIEWS, MAX_QUOTES, Interview, Quote

FIELDS = [
    "organisation",
    "actor_type",
    "interview_date",
    "interviewee_function",
    "consent",
    "answers",
]


@dataclass
class InterviewSave:
    interview: Interview | None
    conflict: ConflictCopy | None = None


def _check_editable(submission: Submission) -> None:
    if not submission.is_editable:
        raise WorkflowError(_("The homework is submitted and can no longer be changed."))


def _check_limits(submission: Submission, interview: Interview | None, quotes: list) -> None:
    """The form says so first (interviews/forms.py); this holds for every caller."""
    if len(quotes) > MAX_QUOTES:
        raise WorkflowError(
            _("An interview may have at most %(limit)d quotes; this one has %(count)d.")
            % {"limit": MAX_QUOTES, "count": len(quotes)}
        )
    if interview is None and submission.interviews.count() >= MAX_INTERVIEWS:
        raise WorkflowError(
            _("A homework may have at most %(limit)d interviews; delete one to add another.")
            % {"limit": MAX_INTERVIEWS}
        )


@transaction.atomic
def save_interview(
    *,
    submission: Submission,
    user,
    data: dict,
    quotes: list[str],
    interview: Interview | None = None,
    base_revision: int = 0,
    form_token: uuid.UUID | None = None,
) -> InterviewSave:
    """Create or update an interview; a save based on an outdated revision is kept aside.

    A new interview's form carries a token: a second submit of the same form (a double
    click, a resent request) creates nothing and answers with the interview it made.
    """
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _check_editable(submission)
    if interview is None and form_token is not None:
        # The submission's row is locked above, so a concurrent twin waits and sees it.
        twin = submission.interviews.filter(form_token=form_token).first()
        if twin is not None:
            return InterviewSave(twin)
    _check_limits(submission, interview, quotes)
    if interview is None:
        interview = Interview(submission=submission, form_token=form_token)
    else:
        interview = Interview.objects.select_for_update().get(pk=interview.pk)
        if interview.revision != base_revision:
            payload = {k: str(data[k]) for k in FIELDS} | {"quotes": quotes}
            conflict = ConflictCopy.objects.create(
                submission=submission,
                interview=interview,
                field="interview",
                text=json.dumps(payload, ensure_ascii=False, indent=1),
                created_by=user,
            )
            return InterviewSave(interview, conflict)
    for name in FIELDS:
        setattr(interview, name, data[name])
    interview.revision += 1
    interview.updated_by = user
    interview._history_user = user
    interview.save()
    _save_quotes(interview, quotes)
    interview_saved.send(Interview, interview=interview)
    return InterviewSave(interview)


def _save_quotes(interview: Interview, texts: list[str]) -> None:
    """The interview's quotes become `texts`, in that order. A quote whose text is kept
    stays the same quote (its id, history and reviewed tags); only removed quotes are
    deleted and new ones created, so an autosave that changes nothing touches nothing."""
    unused: dict[str, list[Quote]] = {}
    for quote in interview.quotes.order_by("position", "pk"):
        unused.setdefault(quote.text, []).append(quote)
    moved, new = [], []
    for position, text in enumerate(texts):
        same = unused.get(text)
        if same:
            quote = same.pop(0)
            if quote.position != position:
                quote.position = position
                moved.append(quote)
        else:
            new.append(Quote(interview=interview, text=text, position=position))
    gone = [quote.pk for left in unused.values() for quote in left]
    if gone:
        Quote.objects.filter(pk__in=gone).delete()
    if moved:
        Quote.objects.bulk_update(moved, ["position"])
    Quote.objects.bulk_create(new)


@transaction.atomic
def delete_interview(*, interview: Interview, user) -> None:
    submission = Submission.objects.select_for_update().get(pk=interview.submission_id)
    _check_editable(submission)
    interview.delete()


@transaction.atomic
def erase_personal_data(*, interview: Interview, user) -> Interview:
    """Erase what identifies the interviewee — their function, and their organisation's
    name where they agreed to be named — everywhere it is kept: the interview, its history,
    the homework's versions, the admin's log, texts kept aside in a conflict, and (told by
    a signal) the synthesis's caches. The answers and quotes stay in the synthesis, shown
    anonymously from now on."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    # What the interview was known by when each version was taken (versions taken before
    # records carried the interview's id are matched by these).
    known = {_identity(interview.__dict__)} | {
        _identity(row) for row in interview.history.values(*IDENTITY)
    }
    anonymous = str(interview.get_actor_type_display())
    interview.interviewee_function = ""
    if interview.consent == Interview.Consent.NAMED:
        interview.consent = Interview.Consent.ANONYMOUS
    interview.organisation = anonymous
    interview.personal_data_erased_at = timezone.now()
    interview.updated_by = user
    interview._history_user = user
    interview.save()
    interview.history.update(interviewee_function="", organisation=anonymous)
    _erase_from_versions(interview, known, anonymous)
    ConflictCopy.objects.filter(interview=interview).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Interview), object_id=str(interview.pk)
    ).update(object_repr=str(interview)[:200])
    personal_data_erased.send(Interview, interview=interview)
    return interview


IDENTITY = ("organisation", "actor_type", "interview_date", "interviewee_function")


def _identity(record: dict) -> tuple:
    return tuple(str(record.get(name)) for name in IDENTITY)


def _erase_from_versions(interview: Interview, known: set, anonymous: str) -> None:
    versions = SubmissionVersion.objects.select_for_update().filter(
        submission_id=interview.submission_id
    )
    for version in versions:
        erased = False
        for record in version.snapshot.get("interviews", []):
            ours = record.get("id") == interview.pk
            if ours or ("id" not in record and _identity(record) in known):
                record.update(organisation=anonymous, interviewee_function="")
                if record.get("consent") == Interview.Consent.NAMED:
                    record["consent"] = Interview.Consent.ANONYMOUS
                erased = True
        if erased:
            version.save(update_fields=["snapshot"])
