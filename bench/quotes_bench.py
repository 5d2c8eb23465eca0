"""Time to save an interview with many quotes (issue 11, item 9).

    python bench/quotes_bench.py [--repeat 3] [--quotes 100 25000]

In this process, on a fresh PostgreSQL database (`reglab_quotes_bench`, dropped after),
with DEBUG=0: a coordinator autosaves an interview whose quotes field holds N quotes
(N distinct sentences of its answers; 25,000 one-letter lines for the issue's case), a
changed answer each time, so that every save writes and re-tags. Prints the median wall
time of the autosave POST and its status (400 when the form refuses it). Not a test:
the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402

DATABASE = os.environ.get("BENCH_DB", "reglab_quotes_bench")


def scenario(count: int) -> tuple[str, str]:
    """Answers and the quotes field: `count` sentences quoted, or (beyond a thousand) the
    issue's one-letter lines."""
    if count > 1000:
        return " ".join("abcdefghij") + ".", "\n".join("a" * 1 for _ in range(count))
    sentences = [
        f"Regionen samordnar nätverk nummer {n} och stöttar kommunerna med processtöd."
        for n in range(count)
    ]
    return " ".join(sentences), "\n".join(sentences)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quotes", type=int, nargs="+", default=[100, 25000])
    args = parser.parse_args()
    harness.install_signal_handlers()
    with harness.database(DATABASE) as url:
        harness.django_in_process(url)
        run(args)
        from django.db import connections

        connections.close_all()


def run(args) -> None:
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from interviews.models import Interview
    from reglab.models import Membership, Region
    from submissions.models import Assignment, Submission

    user = get_user_model().objects.create_user("bench", "bench@example.org", "x")
    region = Region.objects.get(slug="halland")
    Membership.objects.create(user=user, kind=Membership.Kind.COORDINATOR, region=region)
    assignment = Assignment.objects.create(
        title_sv="Bench", instructions_sv="-", deadline=timezone.now() + timedelta(days=9)
    )
    submission = Submission.objects.create(assignment=assignment, region=region)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    for count in args.quotes:
        answers, quotes = scenario(count)
        interview = Interview.objects.create(
            submission=submission,
            organisation="Kommun",
            actor_type="kommun",
            interview_date=date(2026, 10, 1),
            answers=answers,
        )
        url = reverse("interviews:autosave", args=[interview.pk])
        revision, times, status = interview.revision, [], None
        for n in range(args.repeat):
            started = time.perf_counter()
            response = client.post(
                url,
                {
                    "organisation": "Kommun",
                    "actor_type": "kommun",
                    "interview_date": "2026-10-01",
                    "interviewee_function": "",
                    "consent": "anonymous",
                    "answers": f"{answers} Tillägg {n}.",
                    "quotes_text": quotes,
                    "revision": revision,
                },
            )
            times.append(time.perf_counter() - started)
            status = response.status_code
            if status == 200:
                revision = response.json()["revision"]
        print(
            f"{count:>6} quotes: median {statistics.median(times):6.2f} s "
            f"(of {args.repeat}; status {status}; "
            f"{interview.quotes.count()} quotes stored)",
            flush=True,
        )


if __name__ == "__main__":
    main()
