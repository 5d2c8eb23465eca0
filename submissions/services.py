"""Workflows on a region's homework: save the statement, submit, return."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import signals
from .models import Assignment, ConflictCopy, Submission, SubmissionVersion


class WorkflowError(Exception):
    """A step the homework's state does not allow, with a message for the user."""


class SubmissionIncomplete(WorkflowError):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass
class StatementSave:
    submission: Submission
    conflict: ConflictCopy | None = None


def submission_for(*, region, assignment: Assignment) -> Submission:
    submission, _created = Submission.objects.get_or_create(region=region, assignment=assignment)
    return submission


def save_statement(
    *, submission: Submission, user, statement: str, base_revision: int, self_roles=None
) -> StatementSave:
    """Save the role statement unless a colleague saved another text since `base_revision`.

    On a conflict nothing is overwritten: the text that lost is kept as a ConflictCopy
    so that the region can merge the two.
    """
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise WorkflowError(_("The homework is submitted and can no longer be changed."))
        if locked.statement_revision != base_revision and locked.statement != statement:
            conflict = ConflictCopy.objects.create(
                submission=locked, field="statement", text=statement, created_by=user
            )
            return StatementSave(locked, conflict)
        if locked.statement != statement:
            locked.statement = statement
            locked.statement_revision += 1
            locked.statement_saved_at = timezone.now()
            locked.statement_saved_by = user
            locked._history_user = user
            locked.save()
            signals.statement_saved.send(Submission, submission=locked)
        if self_roles is not None:
            locked.self_roles.set(self_roles)
        return StatementSave(locked)


def snapshot(submission: Submission) -> dict:
    """Everything the region handed in, as plain data for a version."""
    interviews = submission.interviews.prefetch_related("quotes")
    return {
        "state": submission.state,
        "statement": submission.statement,
        "self_roles": sorted(submission.self_roles.values_list("slug", flat=True)),
        "submitted_at": submission.submitted_at.isoformat() if submission.submitted_at else None,
        "interviews": [i.as_record() for i in interviews],
    }


def _add_version(submission: Submission, *, user, event: str, comment: str = "") -> None:
    last = submission.versions.order_by("-number").values_list("number", flat=True).first()
    SubmissionVersion.objects.create(
        submission=submission,
        number=(last or 0) + 1,
        event=event,
        snapshot=snapshot(submission),
        comment=comment,
        created_by=user,
    )


@transaction.atomic
def submit_submission(*, submission: Submission, user, now=None) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if not locked.is_editable:
        raise WorkflowError(_("The homework is already submitted."))
    problems = locked.missing()
    if problems:
        raise SubmissionIncomplete(problems)
    locked.state = Submission.State.SUBMITTED
    locked.submitted_at = now or timezone.now()
    locked._history_user = user
    locked.save()
    _add_version(locked, user=user, event=SubmissionVersion.Event.SUBMITTED)
    _send_on_commit(locked)
    return locked


@transaction.atomic
def return_submission(*, submission: Submission, user, comment: str) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.state != Submission.State.SUBMITTED:
        raise WorkflowError(_("Only submitted homework can be returned."))
    locked.state = Submission.State.RETURNED
    locked.returned_at = timezone.now()
    locked.return_comment = comment
    locked._history_user = user
    locked.save()
    _add_version(locked, user=user, event=SubmissionVersion.Event.RETURNED, comment=comment)
    _send_on_commit(locked)
    return locked


def _send_on_commit(submission: Submission) -> None:
    assignment_id = submission.assignment_id
    transaction.on_commit(
        lambda: signals.handed_in_changed.send(Submission, assignment_id=assignment_id)
    )
