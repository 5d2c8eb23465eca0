"""What the synthesis does when the data below it changes. Connected in apps.py.

- The homework apps say a text was saved (submissions/signals.py): tag it, and let the
  learned model propose the roles the rules missed there (synthesis/learning.py).
- Any model the synthesis reads is saved or deleted, or a many-to-many relation of it
  changes, by anyone (a view, the admin, a shell, a command, a restore): move the cache's
  generation (cache.changed()), so that every process shows the new data on its next
  request. The homework of a region counts only once handed in, so a draft's autosave,
  which changes nothing that is shown, leaves the cached pages alone.
- An interviewee's personal data was erased: every cached result goes (cache.purge()), and
  every export file the worker stored (export_files.delete_all()).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from interviews.models import Interview, Quote
from reglab.models import Membership, Region
from submissions import signals as homework
from submissions.models import Assignment, Submission

from . import cache, export_files, learning, services
from .models import Role, Tag, TaxonomyChange

# Whatever changes here changes what every assignment's synthesis shows.
ALWAYS_SHOWN = (Region, Membership, Assignment, Role, TaxonomyChange)


def connect() -> None:
    for model in ALWAYS_SHOWN:
        post_save.connect(_always, sender=model, dispatch_uid=f"synthesis-{model.__name__}")
        post_delete.connect(_always, sender=model, dispatch_uid=f"synthesis-del-{model.__name__}")
    for model, receiver in ((Submission, _submission), (Interview, _part), (Quote, _part)):
        post_save.connect(receiver, sender=model, dispatch_uid=f"synthesis-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"synthesis-del-{model.__name__}")
    post_save.connect(_part, sender=Tag, dispatch_uid="synthesis-Tag")
    post_delete.connect(_part, sender=Tag, dispatch_uid="synthesis-del-Tag")
    m2m_changed.connect(
        _self_roles, sender=Submission.self_roles.through, dispatch_uid="synthesis-self-roles"
    )
    homework.statement_saved.connect(_tag_statement, dispatch_uid="synthesis-tag-statement")
    homework.interview_saved.connect(_tag_interview, dispatch_uid="synthesis-tag-interview")
    homework.personal_data_erased.connect(_erased, dispatch_uid="synthesis-erased")


def _always(sender, **kwargs) -> None:
    cache.changed()


def _submission(sender, instance: Submission, created: bool = False, **kwargs) -> None:
    if kwargs.get("signal") is post_delete or _shown(instance, created):
        cache.changed()


def _shown(submission: Submission, created: bool) -> bool:
    """Whether the synthesis shows this homework, before or after the save."""
    if submission.is_handed_in:
        return True
    if created:
        return False  # a new draft
    return submission.was_handed_in is not False  # returned now, or not known: say changed


def _part(sender, instance, **kwargs) -> None:
    """An interview, quote or tag: shown when its homework is handed in (or gone)."""
    if sender is Quote:
        states = Interview.objects.filter(pk=instance.interview_id).values_list(
            "submission__state", flat=True
        )
    else:
        states = Submission.objects.filter(pk=instance.submission_id).values_list(
            "state", flat=True
        )
    state = states.first()
    if state is None or state == Submission.State.SUBMITTED:
        cache.changed()


def _self_roles(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and (
        not isinstance(instance, Submission) or _shown(instance, created=False)
    ):
        cache.changed()


def _tag_statement(sender, *, submission: Submission, **kwargs) -> None:
    services.tag_statement(submission)
    learning.propose([learning.statement_text(submission)])


def _tag_interview(sender, *, interview: Interview, **kwargs) -> None:
    services.tag_interview(interview)
    learning.propose([learning.answers_text(interview)])


def _erased(sender, **kwargs) -> None:
    cache.purge()
    export_files.delete_all()
