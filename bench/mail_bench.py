"""What the mail costs (issue 13): inviting a whole network from a file, the hourly
send_reminders, and delivering queued mail to an SMTP server.

    python bench/mail_bench.py [--rows 500] [--coordinators 3]

In this process, on a fresh PostgreSQL database (`reglab_mail_bench`, dropped after), with
DEBUG=0 (so MAIL_DELIVERY="worker": requests only queue mail) and a real SMTP server
(aiosmtpd) on a local port:
- a facilitator's CSV import of --rows people: the preview POST and the confirming POST;
- send_reminders with 21 regions × --coordinators coordinators who have not handed in, a
  week before the deadline: the first run (queues every reminder) and the second (finds
  each sent, queues none);
- delivering what is queued (the invitations and reminders) to the SMTP server, as the
  worker's retry sweep does (reglab.mail.deliver_due): mails per second.
Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

DATABASE = os.environ.get("BENCH_DB", "reglab_mail_bench")


class Counter:
    """aiosmtpd's handler: counts what arrives."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--coordinators", type=int, default=3)
    args = parser.parse_args()
    harness.install_signal_handlers()
    from aiosmtpd.controller import Controller

    port = harness.free_port()
    received = Counter()
    smtp = Controller(received, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        with harness.database(DATABASE) as url:
            harness.django_in_process(url, EMAIL_URL=f"smtp://127.0.0.1:{port}")
            run(args, received)
            from django.db import connections

            connections.close_all()
    finally:
        smtp.stop()


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def run(args, received: Counter) -> None:
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from notifications.reminders import send_reminders
    from reglab.mail import deliver_due
    from reglab.models import Membership, OutgoingMail, Region
    from submissions.models import Assignment

    User = get_user_model()
    facilitator = User.objects.create_user("bench", "bench@example.org", "x")
    Membership.objects.create(user=facilitator, kind=Membership.Kind.FACILITATOR)
    client = Client(HTTP_ACCEPT_LANGUAGE="sv", HTTP_HOST="testserver")
    client.force_login(facilitator)
    regions = list(Region.objects.all())

    # The CSV import: preview, then confirm.
    lines = ["region;e-post;namn"] + [
        f"{regions[n % len(regions)].name};person{n}@example.org;Person Nummer{n}"
        for n in range(args.rows)
    ]
    url = reverse("accounts:import")
    preview, preview_s = timed(lambda: client.post(url, {"rows": "\n".join(lines)}))
    payload = html.unescape(
        re.search(r'name="payload" value="([^"]*)"', preview.content.decode()).group(1)
    )
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        confirm, confirm_s = timed(lambda: client.post(url, {"payload": payload}))
    invited = OutgoingMail.objects.filter(kind="invitation").count()
    print(
        f"CSV import of {args.rows} rows: preview {preview_s:.2f} s (status "
        f"{preview.status_code}), confirm {confirm_s:.2f} s (status {confirm.status_code}); "
        f"{invited} invitations queued, {len(queries)} queries",
        flush=True,
    )

    # Reminders: coordinators who chose a password, a week before the deadline.
    for region in regions:
        for n in range(args.coordinators):
            user = User.objects.create_user(f"{region.slug}-{n}", f"{region.slug}-{n}@x.org", "x")
            Membership.objects.create(user=user, kind=Membership.Kind.COORDINATOR, region=region)
    Assignment.objects.create(
        title_sv="Bench", instructions_sv="-", deadline=timezone.now() + timedelta(days=6.5)
    )
    first, first_s = timed(send_reminders)
    second, second_s = timed(send_reminders)
    print(
        f"send_reminders, {len(regions)} regions × {args.coordinators} coordinators: first "
        f"run {first_s:.2f} s ({first} queued), second {second_s:.3f} s ({second} queued)",
        flush=True,
    )

    # Delivery of everything queued, through the SMTP server.
    waiting = OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING).count()
    sent, sent_s = timed(deliver_due)
    print(
        f"delivering {waiting} queued mails over SMTP: {sent_s:.2f} s, "
        f"{sent / sent_s:.0f} mails/s ({received.count} arrived)",
        flush=True,
    )


if __name__ == "__main__":
    main()
