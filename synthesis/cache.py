"""Caching the synthesis: every dashboard and the deck are built from the same data, so a
result is computed once and kept in Django's cache under the *generation* of that data.

- `generation()`: a counter in the shared cache. The receivers in synthesis/receivers.py
  move it (`changed()`) when a model the synthesis reads is saved or deleted, or its
  many-to-many relations change — whoever writes: a view, the admin, a shell, a command,
  a restore. A result kept under an older generation is simply never read again.
- `cached(name, assignment, compute, *parts)`: compute() once per generation, assignment,
  language and parts (filters, names shown…). While one request computes it, the others
  wait for it, at most WAIT_SECONDS (well under gunicorn's timeout), then compute it
  themselves: no request ever gets the previous generation's page.
- `ready_or_previous(...)`: the same, except that while another process builds the new
  result the previous one is answered at once. Only the deck's poll uses it: it tells
  projected decks which slides are *ready*, and they fetch them when they are.

The cache is shared by every process (reglab/settings.py: Redis when REDIS_URL is set,
else the database). The release is part of its KEY_PREFIX, so a deploy never serves the
previous release's HTML.
"""

import hashlib
import time
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

GENERATION_KEY = "synthesis:generation"
RESULT_SECONDS = 60 * 60
LOCK_SECONDS = 60  # a computation that takes longer than this is started again by another
WAIT_SECONDS = 10  # at most this long waiting for another's result (gunicorn kills at 30 s)
WAIT_STEP = 0.05


def generation() -> int:
    """The generation of the synthesis's data now."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        # First use, or evicted: start from a number no earlier generation had (the time),
        # so that a result kept under an old number is never taken for a current one.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(GENERATION_KEY, time.time_ns(), None)


def changed() -> None:
    """Something the synthesis reads changed: a new generation now, and again when the
    transaction commits, so that no request that read the old data in between keeps its
    result under the new generation."""
    bump()
    transaction.on_commit(bump)


def _key(name: str, assignment, parts: tuple) -> str:
    digest = hashlib.sha256(repr((name, assignment.pk, get_language(), parts)).encode())
    return f"synthesis:{name}:{assignment.pk}:{digest.hexdigest()[:24]}"


def cached(name: str, assignment, compute: Callable, *parts, keep_previous=False) -> object:
    """compute() once per generation of the data, language and parts. With keep_previous,
    the result is also kept as the previous one for ready_or_previous()."""
    base = _key(name, assignment, parts)
    key = f"{base}:{generation()}"
    result = cache.get(key)
    if result is None:
        result = _once(key, compute, f"{base}:previous" if keep_previous else None)
    return result


def ready_or_previous(name: str, assignment, compute: Callable, *parts, **kwargs) -> object:
    """Like cached(keep_previous=True), but while another request or the background worker
    computes this generation's result, the previous result is answered at once."""
    base = _key(name, assignment, parts)
    key = f"{base}:{generation()}"
    result = cache.get(key)
    if result is None and _locked(key):
        result = cache.get(f"{base}:previous")
    if result is None:
        result = _once(key, compute, f"{base}:previous")
    return result


def _locked(key: str) -> bool:
    return cache.get(f"{key}:lock") is not None


def _once(key: str, compute: Callable, previous: str | None = None) -> object:
    """compute() in one request at a time of all processes sharing the cache; the others
    wait for its result, for WAIT_SECONDS at most."""
    lock, token = f"{key}:lock", uuid.uuid4().hex
    if cache.add(lock, token, LOCK_SECONDS):
        return _compute_and_keep(key, compute, previous, lock, token)
    waited = 0.0
    while waited < WAIT_SECONDS:
        time.sleep(WAIT_STEP)
        waited += WAIT_STEP
        result = cache.get(key)
        if result is not None:
            return result
        if not _locked(key):  # the other failed: take over
            break
    # Too long or failed: compute here rather than wait on towards the worker timeout.
    return _compute_and_keep(key, compute, previous, lock, token)


def _compute_and_keep(key: str, compute: Callable, previous, lock: str, token: str):
    try:
        result = compute()
        values = {key: result} | ({previous: result} if previous else {})
        cache.set_many(values, RESULT_SECONDS)
        return result
    finally:
        # Only our own lock: after LOCK_SECONDS another request may hold a new one.
        if cache.get(lock) == token:
            cache.delete(lock)


def synthesis_data(assignment, filters=None):
    """frames.load() once per generation, filters and language, shared by every page and
    the deck: a page not cached yet then costs its own charts, not the queries."""
    from . import frames

    filters = filters or frames.Filters()
    return cached("frames", assignment, lambda: frames.load(assignment, filters), filters)
