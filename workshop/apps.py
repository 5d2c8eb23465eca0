import logging
import threading

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


class WorkshopConfig(AppConfig):
    name = "workshop"
    verbose_name = _("Workshop")

    def ready(self):
        from submissions.signals import handed_in_changed

        handed_in_changed.connect(prepare_in_background, dispatch_uid="workshop-prepare")


def prepare_in_background(sender, *, assignment_id: int, **kwargs) -> None:
    """Homework was handed in or returned: build the new slides and the dashboards'
    default pages in a thread of this process, so that no projected deck's poll or
    viewer's dashboard is the request that pays for them (PREPARE_AFTER_HAND_IN)."""
    if settings.PREPARE_AFTER_HAND_IN:
        threading.Thread(target=prepare_now, args=(assignment_id,), daemon=True).start()


def prepare_now(assignment_id: int) -> None:
    from django.db import connection
    from django.utils import translation

    from submissions.models import Assignment
    from synthesis import cache

    from .views import prepare

    try:
        assignment = Assignment.objects.filter(pk=assignment_id).first()
        if assignment is not None:
            with translation.override(settings.LANGUAGE_CODE), cache.preparing(assignment):
                prepare(assignment)  # in the language the deck opens in
    except Exception:  # the deck's next poll builds them instead
        log.exception("preparing the deck of assignment %s failed", assignment_id)
    finally:
        connection.close()  # this thread's own connection
