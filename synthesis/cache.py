"""Caching the synthesis: every dashboard and the deck are built from the same data, so a
result is computed once and kept in Django's cache under the *generation* of that data.

- `generation()`: a counter in the shared cache. The receivers in synthesis/receivers.py
  move it (`changed()`) when a model the synthesis reads is saved or deleted, or its
  many-to-many relations change — whoever writes: a view, the admin, a shell, a command,
  a restore. A result kept under an older generation is simply never read again.
- `cached(name, assignment, compute, *parts)`: compute() once per generation, assignment,
  language and parts (filters, names shown…). While one request computes it, the others
  wait for it, at most WAIT_SECONDS (well under gunicorn's timeout), then compute it
  themselves. A whole page (`previous=True`) that another is building right now (or that
  the worker is preparing after a hand-in) is answered as it was just before, for
  PREVIOUS_SECONDS at most: when homework arrives during the workshop, 200 viewers do
  not queue behind the one request (or the worker) building the new page, and none of
  them builds it too. The data pages are built from is always waited for, so no page is
  ever built from the previous data, and a page nobody is building is always built from
  the data as it is now.

The cache is shared by every process (reglab/settings.py: Redis when REDIS_URL is set,
else the database). The release is part of its KEY_PREFIX, so a deploy never serves the
previous release's HTML.

- `purge()`: an interviewee's personal data was erased (a GDPR request). Erased means
  erased everywhere, so this is heavy-handed: the shared cache is cleared, each process
  drops the results of earlier generations, and no page kept as it was before the erasure
  is ever answered again, not even while its successor is built.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

GENERATION_KEY = "synthesis:generation"
ERASED_KEY = "synthesis:erased"  # the generation of the last erasure of personal data
RESULT_SECONDS = 15 * 60  # a result outlives its generation only as garbage: keep it short
LOCK_SECONDS = 60  # a computation that takes longer than this is started again by another
WAIT_SECONDS = 10  # at most this long waiting for another's result (gunicorn kills at 30 s)
WAIT_STEP = 0.05
PREVIOUS_SECONDS = 5  # at most this long a page is answered as it was while rebuilt
MEMORY_DATA_ITEMS = 8  # data results (frames…) kept in each process besides the shared cache
MEMORY_PAGE_ITEMS = 64  # and pages


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


def purge() -> None:
    """Personal data was erased: nothing computed before is ever answered again. Now, and
    again once the transaction commits (as changed(): a request that read the data as it
    was in between keeps nothing that is answered later)."""
    _purge()
    transaction.on_commit(_purge)


def _purge() -> None:
    # The whole shared cache: it holds only the synthesis's results (the sessions and
    # axes' lockouts are in the database), and Django's cache API cannot list keys.
    before = cache.get(GENERATION_KEY) or 0
    cache.clear()
    now = max(time.time_ns(), before + 1)
    cache.set(GENERATION_KEY, now, None)
    # A page kept as `previous` by a request that computed it from the data as it was
    # (and finishes after this) is never answered: only pages of later generations are.
    cache.set(ERASED_KEY, now, None)
    _memory.drop_before(now)


def _key(name: str, assignment, parts: tuple) -> str:
    digest = hashlib.sha256(repr((name, assignment.pk, get_language(), parts)).encode())
    return f"synthesis:{name}:{assignment.pk}:{digest.hexdigest()[:24]}"


def cached(
    name: str, assignment, compute: Callable, *parts, previous: bool = False, local: bool = False
):
    """compute() once per generation of the data, language and parts.

    With `previous` (a whole page: a dashboard tab, the deck's slides): while another
    request or the worker has been building this generation's page for less than
    PREVIOUS_SECONDS, the page as it was just before is answered instead of waiting.
    Results computed from other results (the frames, the profiles) never take it: no page
    is built from the previous data.

    Every result is also kept in this process (a few of the data, `local`: megabytes at a
    national scale; more pages), so that a page shown again, or built from data this
    process already has, does not fetch and unpickle it from the shared cache. The key
    holds the generation, so the copy is never stale."""
    outermost = not getattr(_here, "depth", 0)
    _here.depth = getattr(_here, "depth", 0) + 1
    try:
        return _cached(name, assignment, compute, parts, previous, local)
    finally:
        _here.depth -= 1
        if outermost:  # the waits of this call and those nested in it are over
            _here.wait_until = None


def _cached(name, assignment, compute, parts, previous, local):
    base = _key(name, assignment, parts)
    now = generation()
    key = f"{base}:{now}"
    if (result := _memory.get(key, now)) is not None:
        return result
    result = cache.get(key)
    if result is None:
        before = f"{base}:previous" if previous else None
        if before and not _inside_compute() and _being_built(key, assignment):
            kept = cache.get_many([before, ERASED_KEY])
            built, page = kept.get(before, (None, None))
            if page is not None and built > kept.get(ERASED_KEY, 0):
                return page
        result = _once(key, compute, before, now)
    _memory.put(key, result, now, big=local)
    return result


class _Memory:
    """The newest results of this process, least recently used first out: a few of the
    data (`big`) and more pages. Keyed by generation like the shared cache, so a page
    shown again costs one read of the generation, not a fetch of the page. Only the
    newest generation seen is kept: the results of earlier ones, never read again, go
    (with them any personal data erased since)."""

    def __init__(self, data_items: int, page_items: int):
        self.sizes = {True: data_items, False: page_items}
        self.items = {True: OrderedDict(), False: OrderedDict()}
        self.generation = 0
        self.lock = threading.Lock()

    def drop_before(self, generation: int) -> None:
        with self.lock:
            self._at(generation)

    def _at(self, generation: int) -> None:
        if generation > self.generation:
            self.items = {True: OrderedDict(), False: OrderedDict()}
            self.generation = generation

    def get(self, key: str, generation: int):
        with self.lock:
            self._at(generation)
            for items in self.items.values():
                if key in items:
                    items.move_to_end(key)
                    return items[key]
        return None

    def put(self, key: str, value, generation: int, *, big: bool) -> None:
        with self.lock:
            self._at(generation)
            if generation < self.generation:
                return  # computed from data older than this process has seen
            items = self.items[big]
            items[key] = value
            items.move_to_end(key)
            while len(items) > self.sizes[big]:
                items.popitem(last=False)


_memory = _Memory(MEMORY_DATA_ITEMS, MEMORY_PAGE_ITEMS)


def _being_built(key: str, assignment) -> bool:
    """Whether another request is building this page, or the worker is preparing the
    assignment's pages after a hand-in, since less than PREVIOUS_SECONDS."""
    started = cache.get(_preparing_key(assignment.pk))
    if started is not None and time.time() - started < PREVIOUS_SECONDS:
        return True
    return _building_for(key) < PREVIOUS_SECONDS


def _preparing_key(assignment_id: int) -> str:
    return f"synthesis:preparing:{assignment_id}"


def preparing(assignment_id: int) -> None:
    """Homework was handed in or returned and the worker will build the new pages: for
    PREVIOUS_SECONDS at most, viewers get the pages as they were rather than build them
    too (workshop/tasks.py)."""
    cache.set(_preparing_key(assignment_id), time.time(), PREVIOUS_SECONDS)


def prepared(assignment_id: int) -> None:
    cache.delete(_preparing_key(assignment_id))


def _building_for(key: str) -> float:
    """How long another has been computing `key`; infinite when nobody is."""
    lock = cache.get(f"{key}:lock")
    if lock is None:
        return float("inf")
    return time.time() - float(lock.partition(":")[2] or 0)


def _once(key: str, compute: Callable, previous: str | None, generation: int) -> object:
    """compute() in one request at a time of all processes sharing the cache; the others
    wait for its result. A request waits WAIT_SECONDS at most in all, also when the page
    it waits for needs other results that it waits for in turn."""
    lock, token = f"{key}:lock", f"{uuid.uuid4().hex}:{time.time()}"
    if cache.add(lock, token, LOCK_SECONDS):
        return _compute_and_keep(key, compute, previous, generation, lock, token)
    if getattr(_here, "wait_until", None) is None:  # the request's first wait
        _here.wait_until = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < _here.wait_until:
        time.sleep(WAIT_STEP)
        result = cache.get(key)
        if result is not None:
            return result
        if cache.get(lock) is None:  # the other failed: take over
            break
    # Too long or failed: compute here rather than wait on towards the worker timeout.
    return _compute_and_keep(key, compute, previous, generation, lock, token)


def _compute_and_keep(key: str, compute: Callable, previous, generation, lock: str, token: str):
    _here.computing = getattr(_here, "computing", 0) + 1
    try:
        result = compute()
        # The page as it was is kept with the generation it was built from (see purge()).
        values = {key: result} | ({previous: (generation, result)} if previous else {})
        cache.set_many(values, RESULT_SECONDS)
        return result
    finally:
        _here.computing -= 1
        # Only our own lock: after LOCK_SECONDS another request may hold a new one.
        if cache.get(lock) == token:
            cache.delete(lock)


_here = threading.local()


@contextmanager
def current():
    """Within it this thread is answered only the current generation's results (the
    worker preparing the pages, which must not take the previous ones)."""
    _here.computing = getattr(_here, "computing", 0) + 1
    try:
        yield
    finally:
        _here.computing -= 1


def _inside_compute() -> bool:
    """A result is being computed in this thread: what it reads must be current, since it
    is kept under the current generation."""
    return getattr(_here, "computing", 0) > 0


def synthesis_data(assignment, filters=None):
    """frames.load() once per generation, filters and language, shared by every page and
    the deck: a page not cached yet then costs its own charts, not the queries."""
    from . import frames

    filters = filters or frames.Filters()
    load = lambda: frames.load(assignment, filters)  # noqa: E731
    return cached("frames", assignment, load, filters, local=True)
