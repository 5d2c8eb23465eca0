from django.core.management.base import BaseCommand

from notifications import tasks


class Command(BaseCommand):
    help = (
        "Send the mails that are due: the deadline reminders, the facilitators' daily "
        "digests, and the mails that waited for the mail server. Idempotent: run it every "
        "hour (cron). --schedule instead lets the background worker (db_worker) do it "
        "every hour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the hourly run for db_worker (once; it queues its next run itself).",
        )

    def handle(self, *args, schedule: bool, **options):
        if schedule:
            if tasks.schedule():
                self.stdout.write("The hourly run is queued for the background worker.")
            else:
                self.stdout.write("The hourly run was already queued: nothing to do.")
            return
        done = tasks.send_due()
        self.stdout.write(
            f"Reminders queued: {done['reminders']}. Digests queued: {done['digests']}. "
            f"Waiting mails sent: {done['waiting']}."
        )
