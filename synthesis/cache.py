"""Caching the synthesis: every page and the deck are built from the same data, which
changes only when homework is handed in or returned, a tag is reviewed, or the taxonomy
or the assignment is edited. So results are cached under a *version* of the assignment's
synthesis, and a write that changes it makes a new version:

- `version(assignment)`: a hash of a few aggregates of what the synthesis reads
  (a few queries), itself kept for a few seconds, since 200 projected decks poll it;
- `bump()`: called by every service that changes the synthesis, so the next request
  computes a fresh version at once instead of after those few seconds;
- `cached(name, assignment, compute, *parts)`: the result of `compute()` under the
  version, the language and `parts` (filters, names shown…).

Django's cache framework: per process by default, Redis when REDIS_URL is set (shared by
every gunicorn process and container).
"""

import functools
import hashlib
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils.translation import get_language

VERSION_SECONDS = 3
RESULT_SECONDS = 60 * 30
LOCK_SECONDS = 60  # at most this long computing one result, or waiting for it
WAIT_STEP = 0.05
GENERATION_KEY = "synthesis:generation"


def bump() -> None:
    """Something the synthesis shows has changed: forget the current versions."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(GENERATION_KEY, 1, None)


def bump_on_commit() -> None:
    """bump() now, and again once the transaction commits, so that no request computes
    the version in between from the old data and keeps it."""
    from django.db import transaction

    bump()
    transaction.on_commit(bump)


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, None)


def _compute_version(assignment, *, with_earlier: bool = True) -> str:
    """A hash of what the assignment's synthesis shows, and of what the round before it
    shows: the deck and *Jämför omgångar* compare the two."""
    from interviews.models import Interview
    from reglab.models import Region
    from submissions.models import Assignment, Submission
    from submissions.selectors import earlier_round

    from .models import Role, Tag, TaxonomyChange

    handed_in = Submission.objects.filter(assignment=assignment, state=Submission.State.SUBMITTED)
    submissions = handed_in.order_by().aggregate(
        n=Count("pk"), last=Max("submitted_at"), top=Max("pk"), changed=Max("updated_at")
    )
    tags = (
        Tag.objects.filter(submission__in=handed_in)
        .order_by()
        .aggregate(
            n=Count("pk"),
            top=Max("pk"),
            reviewed=Max("reviewed_at"),
            confirmed=Count("pk", filter=Q(review=Tag.Review.CONFIRMED)),
            rejected=Count("pk", filter=Q(review=Tag.Review.REJECTED)),
        )
    )
    others = {
        "taxonomy": TaxonomyChange.objects.aggregate(top=Max("pk"))["top"],
        "regions": sorted(Region.objects.aggregate(n=Count("pk"), top=Max("pk")).items()),
        "roles": Role.history.aggregate(top=Max("history_id"))["top"],
        "interviews": sorted(
            Interview.objects.filter(submission__in=handed_in)
            .order_by()
            .aggregate(n=Count("pk"), changed=Max("updated_at"), quotes=Count("quotes"))
            .items()
        ),
        "assignment": Assignment.objects.filter(pk=assignment.pk)
        .values_list(
            "title_sv",
            "title_en",
            "instructions_sv",
            "instructions_en",
            "deadline",
            "min_interviews",
            "published_at",
            "show_region_names",
        )
        .first(),
    }
    if with_earlier and (earlier := earlier_round(assignment)) is not None:
        others["earlier"] = (earlier.pk, _compute_version(earlier, with_earlier=False))
    state = repr((sorted(submissions.items()), sorted(tags.items()), sorted(others.items())))
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def version(assignment) -> str:
    """The current version; when it expires, one request recomputes it and the others
    wait for that one (a few milliseconds) instead of computing it too."""
    generation = _generation()
    key = f"synthesis:version:{generation}:{assignment.pk}"
    value = cache.get(key)
    if value is not None:
        return value
    latest = f"synthesis:version-latest:{generation}:{assignment.pk}"
    return _once(key, latest, lambda: _compute_version(assignment), VERSION_SECONDS)


# What renders a cached result: a change to any of these is a new release.
RELEASE_FILES = ("templates/**/*.html", "locale/*/LC_MESSAGES/*.mo") + tuple(
    f"{app}/**/*.py" for app in ("reglab", "submissions", "interviews", "synthesis", "workshop")
)


@functools.cache
def release() -> str:
    """A fingerprint of the code, templates and translations, read once per process.
    Results are cached under it, so a deploy never serves HTML rendered by the previous
    templates, even when old and new processes share one Redis during the deploy."""
    from django.conf import settings

    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for path in sorted(p for pattern in RELEASE_FILES for p in root.glob(pattern)):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached(name: str, assignment, compute: Callable, *parts, stale: bool = True) -> object:
    """compute() once per version of the assignment's synthesis, language and parts.

    When a new version appears (homework handed in during the workshop), 200 projected
    decks ask for it at once: one request computes it while the others are served the
    previous result, which they replace on their next poll a few seconds later. The same
    while a thread prepares the new version (preparing()). A result computed from other
    results (a cached() call inside a compute()) is never built from the previous
    version's: there, and with stale=False, the others wait for the new result instead.
    """
    base = hashlib.sha256(
        repr((release(), name, assignment.pk, get_language(), parts)).encode()
    ).hexdigest()
    key = f"synthesis:result:{base}:{version(assignment)}"
    result = cache.get(key)
    if result is not None:
        return result
    latest = f"synthesis:latest:{base}"
    if (
        stale
        and not _inside_compute()
        and not getattr(_here, "preparing", False)
        and cache.get(_preparing(assignment))
    ):
        previous = cache.get(latest)
        if previous is not None:
            return previous
    return _once(key, latest, compute, RESULT_SECONDS, stale=stale)


_here = threading.local()


def _preparing(assignment) -> str:
    return f"synthesis:preparing:{assignment.pk}"


@contextmanager
def preparing(assignment):
    """This thread builds the new version's pages (workshop/apps.py): meanwhile, requests
    for a page it has not built yet are served the previous one instead of building it
    too, and this thread computes whatever it asks for."""
    cache.set(_preparing(assignment), 1, LOCK_SECONDS)
    _here.preparing = True
    try:
        yield
    finally:
        _here.preparing = False
        cache.delete(_preparing(assignment))


def synthesis_data(assignment, filters=None):
    """frames.load() once per version, filters and language, shared by every page and the
    deck: a page not cached yet then costs its own charts, not the queries (about a third
    of a dashboard's first view at 300 regions). Never the previous version's, also when
    asked outside a compute(): pages computed from it are kept under the new version."""
    from . import frames

    filters = filters or frames.Filters()
    load = lambda: frames.load(assignment, filters)  # noqa: E731
    return cached("frames", assignment, load, filters, stale=False)


def _once(key: str, latest: str, compute: Callable, seconds: int, *, stale=True) -> object:
    """compute() in one request at a time (of every process sharing the cache) and keep
    the result under `key` and `latest`. Meanwhile the others take `latest` (if stale is
    allowed), or wait for the one computing."""
    stale = stale and not _inside_compute()  # see cached()
    lock = f"{latest}:lock"
    if cache.add(lock, 1, LOCK_SECONDS):
        try:
            result = _computing(compute)
            cache.set_many({key: result, latest: result}, seconds)
            return result
        finally:
            cache.delete(lock)
    previous = cache.get(latest) if stale else None
    if previous is not None:
        return previous
    waited = 0.0
    while waited < LOCK_SECONDS and cache.get(lock) is not None:
        time.sleep(WAIT_STEP)
        waited += WAIT_STEP
        result = cache.get(key)
        if result is not None:
            return result
    return cache.get(key) or _computing(compute)  # the other failed or took too long


def _inside_compute() -> bool:
    return getattr(_here, "computing", 0) > 0


def _computing(compute: Callable) -> object:
    """compute(), counting that this thread is inside one: see cached()."""
    _here.computing = getattr(_here, "computing", 0) + 1
    try:
        return compute()
    finally:
        _here.computing -= 1
