"""Work after a hand-in, done by the background worker (python manage.py db_worker)."""

import logging

from django.conf import settings
from django.utils import translation
from django_tasks import task

from submissions.models import Assignment
from synthesis import cache as synthesis_cache
from synthesis import dashboards

from . import selectors

log = logging.getLogger(__name__)


@task()
def prepare(assignment_id: int) -> None:
    """Homework was handed in or returned: build the new slides and the dashboards' default
    pages in the shared cache, so that no projected deck's poll and no viewer of a
    dashboard is the request that builds them. Without a worker, the next viewer does."""
    assignment = Assignment.objects.filter(pk=assignment_id).first()
    if assignment is None:
        return
    try:
        # In the language the deck opens in, and never taking the pages as they were.
        with translation.override(settings.LANGUAGE_CODE), synthesis_cache.current():
            # The dashboards first: a projected deck's fetch of its new slides builds them if
            # it comes first.
            dashboards.warm(assignment)
            selectors.slides(assignment, show_names=False)
    finally:
        synthesis_cache.prepared(assignment_id)


def enqueue_prepare(sender, *, assignment_id: int, **kwargs) -> None:
    """handed_in_changed's receiver (sent once the hand-in has committed)."""
    if not settings.PREPARE_AFTER_HAND_IN:
        return
    try:
        prepare.enqueue(assignment_id)
        synthesis_cache.preparing(assignment_id)
    except Exception:  # the hand-in stands; the next viewer builds the pages instead
        log.exception("could not queue the preparation of assignment %s", assignment_id)
