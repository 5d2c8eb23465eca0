"""The hourly work of the mails: retries, digests, reminders. Run it from cron
(`python manage.py send_reminders`) or let the background worker run it every hour
(`python manage.py send_reminders --schedule` once, with db_worker running)."""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskContext, TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from reglab.mail import deliver_due

from .digest import send_digests
from .reminders import send_reminders

HOUR = timedelta(hours=1)


def send_due(now: datetime | None = None) -> dict[str, int]:
    """Everything due now; idempotent, so it may run as often as one likes."""
    now = now or timezone.now()
    return {
        # First the mails that waited for the mail server, then the new ones.
        "waiting": deliver_due(now),
        "digests": send_digests(now),
        "reminders": send_reminders(now),
    }


@task(takes_context=True)
def run_hourly(context: TaskContext) -> dict[str, int]:
    """send_due, then the next run in an hour (also when this one failed, so that one
    failure does not end the chain)."""
    try:
        return send_due()
    finally:
        schedule(run_after=timezone.now() + HOUR, running=context.task_result.id)


def schedule(*, run_after: datetime | None = None, running: str | None = None) -> bool:
    """Queue run_hourly unless a run is already waiting or running (except `running`, the
    run that asks); True when queued."""
    # A run "running" for over an hour died with its worker and will queue no next one.
    alive = Q(status=TaskResultStatus.READY) | Q(
        status=TaskResultStatus.RUNNING, started_at__gte=timezone.now() - HOUR
    )
    queued = DBTaskResult.objects.filter(alive, task_path=run_hourly.module_path)
    if running is not None:
        queued = queued.exclude(id=running)
    if queued.exists():
        return False
    run_hourly.using(run_after=run_after).enqueue()
    return True
