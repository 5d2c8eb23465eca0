"""Re-tagging in the background when the corpus is too large for one request."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from interviews.models import Interview
from submissions.models import Submission

from .models import TaxonomyChange
from .services import retag_corpus


@task()
def retag_task(change_id: int, processes: int | None = None) -> int:
    created = retag_corpus(processes or settings.RETAG_PROCESSES)
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
