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


@transaction.atomic
def start_submission(*, region, assignment: Assignment, now=None) -> Submission:
    """The region's homework for the assignment: the draft it has, or a new one while the
    round is open (see Assignment.is_open)."""
    submission = Submission.objects.filter(region=region, assignment=assignment).first()
    if submission is not None:
        return submission
    if not assignment.is_open(now):
        raise WorkflowError(_("This round is closed: no new homework can be started for it."))
    submission, _created = Submission.objects.get_or_create(region=region, assignment=assignment)
    return submission


def save_statement(
    *, submission: Submission, user, statement: str, base_revision: int, self_roles=None
) -> StatementSave:
    """Save the role statement and the role picks unless a colleague saved since
    `base_revision`.

    The revision covers the text and the picks (`self_roles`, None when not sent). On a
    conflict nothing is overwritten: the text and picks that lost are kept as a
    ConflictCopy so that the region can merge the two.
    """
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_editable:
            raise WorkflowError(_("The homework is submitted and can no longer be changed."))
        text_changed = locked.statement != statement
        roles_changed = False
        if self_roles is not None:
            self_roles = list(self_roles)
            stored = set(locked.self_roles.values_list("pk", flat=True))
            roles_changed = stored != {role.pk for role in self_roles}
        if locked.statement_revision != base_revision and (text_changed or roles_changed):
            conflict = ConflictCopy.objects.create(
                submission=locked,
                field="statement",
                text=statement,
                roles=None if self_roles is None else sorted(r.slug for r in self_roles),
                created_by=user,
            )
            return StatementSave(locked, conflict)
        if not (text_changed or roles_changed):
            return StatementSave(locked)
        if roles_changed:
            # One history record for the whole save (below), not one per add and remove.
            locked.skip_history_when_saving = True
            try:
                locked.self_roles.set(self_roles)
            finally:
                del locked.skip_history_when_saving
        locked.statement = statement
        locked.statement_revision += 1
        locked.statement_saved_at = timezone.now()
        locked.statement_saved_by = user
        locked._history_user = user
        locked.save()
        if text_changed:
            signals.statement_saved.send(Submission, submission=locked)
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
def submit_submission(*, submission: Submission, user, now=None, notify=True) -> Submission:
    """Hand the homework in. notify=False sends no hand-in signal (no mail): a facilitator
    bringing in an earlier round's files is not 21 regions handing in today."""
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
    if notify:
        signals.handed_in.send(Submission, submission=locked, user=user)
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
    signals.returned.send(Submission, submission=locked, user=user, comment=comment)
    return locked


def _send_on_commit(submission: Submission) -> None:
    assignment_id = submission.assignment_id
    transaction.on_commit(
        lambda: signals.handed_in_changed.send(Submission, assignment_id=assignment_id)
    )
