"""Workflows on a region's interviews."""

import json
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from submissions.models import ConflictCopy, Submission
from submissions.services import WorkflowError
from submissions.signals import interview_saved

from .models import Interview, Quote

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


@transaction.atomic
def save_interview(
    *,
    submission: Submission,
    user,
    data: dict,
    quotes: list[str],
    interview: Interview | None = None,
    base_revision: int = 0,
) -> InterviewSave:
    """Create or update an interview; a save based on an outdated revision is kept aside."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _check_editable(submission)
    if interview is None:
        interview = Interview(submission=submission)
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
    name where they agreed to be named — here and in the history. The answers and
    quotes stay in the synthesis, shown anonymously from now on."""
    from django.utils import timezone

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
    ConflictCopy.objects.filter(interview=interview).delete()
    return interview
