"""Work in the background (django-tasks, `manage.py db_worker`): re-tagging when the corpus
is too large for one request, training the model that learns from the decisions, and
building the exports too large for a request (synthesis/export_files.py)."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from interviews.models import Interview
from submissions.models import Submission

from . import export_files, learning
from .models import TaxonomyChange
from .services import retag_corpus


@task()
def retag_task(change_id: int, processes: int | None = None) -> int:
    created = retag_corpus(processes or settings.RETAG_PROCESSES)
    # A proposal of a role the rules now give that sentence is no longer a proposal.
    learning.prune_proposals()
    TaxonomyChange.objects.filter(pk=change_id).update(retagged_at=timezone.now())
    return created


def corpus_size() -> int:

    return Submission.objects.count() + Interview.objects.count()


def request_retag(change: TaxonomyChange) -> bool:
    """Re-tag now when the corpus is small; otherwise queue it. True when done already."""
    if corpus_size() <= settings.RETAG_INLINE_LIMIT:
        retag_task.call(change.pk, processes=1)  # in this request's thread
        return True
    retag_task.enqueue(change.pk)
    return False


# Set while a training is queued and not started, so that the decisions made meanwhile do
# not queue one each.
TRAINING_QUEUED = "synthesis:training-queued"


@task()
def train_task() -> int:
    """Train the model on the decisions, report its agreement, propose for the corpus."""
    cache.delete(TRAINING_QUEUED)
    return learning.train().pk


def request_training() -> bool:
    """Train now (LEARNING_TRAIN_INLINE: the development server, which has no worker) or
    queue it. True when done already."""
    if settings.LEARNING_TRAIN_INLINE:
        train_task.call()
        return True
    if cache.add(TRAINING_QUEUED, True, 60 * 60):
        train_task.enqueue()
    return False


def after_decision() -> None:
    """A facilitator decided: every LEARNING_RETRAIN_EVERY decisions, train again."""
    if learning.retrain_due() and cache.add(TRAINING_QUEUED, True, 60 * 60):
        train_task.enqueue()


@task()
def build_export(file_id: int) -> bool:
    """An export above EXPORT_INLINE_ROWS, stored in the database for its download."""
    return export_files.build(file_id)
