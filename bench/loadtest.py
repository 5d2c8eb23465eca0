"""The workshop morning: gunicorn as in production on PostgreSQL, under load on loopback.

    python bench/loadtest.py            (make loadtest)

1. Creates the database `reglab_load`, migrates, loads the demo and generates the large
   data set (LOADTEST_REGIONS × LOADTEST_INTERVIEWS, default 300 regions × 10 interviews,
   all submitted to the assignment "Generated load": that is the live deck).
2. Starts gunicorn (DEBUG=0, SECURE_SSL_REDIRECT=0, ALLOWED_HOSTS=127.0.0.1, a random
   SECRET_KEY; 2 gthread workers × 4 threads for the 2 cores) on a free loopback port.
3. Logs in the 21 demo coordinators (user = region slug, password "demo") once each, and
   LOADTEST_FACILITATOR_SESSIONS sessions of the facilitator. Each coordinator opens its
   region's draft in the live assignment and writes its interview(s) (setup, not timed).
   One facilitator then opens the deck and the dashboards once, as when setting up the
   projector before the viewers arrive (not timed either).
4. Plays LOADTEST_SECONDS (default 60) of the workshop morning:
   - the 21 coordinators autosave their role statement every 2-4 s (the text grows by a
     sentence each time; the revision from the last answer is sent back, as autosave.js
     does), every fifth save is an interview autosave, and LOADTEST_SUBMITTERS (5) of them
     hand in, one after another between 20 % and 80 % of the run (all must land);
   - LOADTEST_VIEWERS (200) viewers, sharing the facilitator sessions, poll the live deck's
     version every 3-5 s; when the version changes they fetch the slides again
     (`?partial=1`, as deck.js does), and about once every 2 minutes each opens the
     whole deck or one of the dashboards.
5. Prints requests/s, p50/p95/p99 per page and the errors (non-2xx/3xx, failed logins,
   timeouts after LOADTEST_TIMEOUT s, refused saves), stops gunicorn, drops the database,
   and exits 1 if there was any error. Target: zero errors and p95 < 300 ms on every page.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import aiohttp
import harness

sys.path.insert(0, str(harness.ROOT))
from reglab.regions import REGIONS as SWEDISH_REGIONS  # noqa: E402

SECONDS = float(os.environ.get("LOADTEST_SECONDS", "60"))
REGIONS = int(os.environ.get("LOADTEST_REGIONS", "300"))
INTERVIEWS = int(os.environ.get("LOADTEST_INTERVIEWS", "10"))
VIEWERS = int(os.environ.get("LOADTEST_VIEWERS", "200"))
FACILITATOR_SESSIONS = int(os.environ.get("LOADTEST_FACILITATOR_SESSIONS", "20"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "2"))
THREADS = int(os.environ.get("LOADTEST_THREADS", "4"))
TIMEOUT = float(os.environ.get("LOADTEST_TIMEOUT", "10"))
# Several gunicorn processes share one cache in production (README, Operations): Redis,
# database 15 here, emptied first; "none": the database's cache, the Docker image's default.
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DATABASE = os.environ.get("LOADTEST_DB", "reglab_load")
# Seconds between two page loads (deck or dashboard) of one viewer, on average.
PAGE_EVERY = float(os.environ.get("LOADTEST_PAGE_EVERY", "120"))
SETUP_CONCURRENCY = 4
TARGET_P95_MS = 300
# Coordinators who hand in during the run, one after another between 20 % and 80 % of it:
# each hand-in is a new version of the synthesis that the deck and dashboards rebuild.
SUBMITTERS = int(os.environ.get("LOADTEST_SUBMITTERS", "5"))

DEMO_REGIONS = [slug for slug, _name in SWEDISH_REGIONS]  # one coordinator each
SUBMITTING = ["halland", *[slug for slug in DEMO_REGIONS if slug != "halland"]][:SUBMITTERS]
# When each of them submits, as a share of the run.
SUBMIT_AT = {
    slug: 0.2 + 0.6 * i / (len(SUBMITTING) - 1) if len(SUBMITTING) > 1 else 0.8
    for i, slug in enumerate(SUBMITTING)
}
VERSIONS_SEEN: set[str] = set()  # the live deck's versions the viewers saw
SENTENCES = [
    "Regionen samordnar insatserna för nyanlända i länet.",
    "Vi vill driva ett regionalt nätverk för kommunernas integrationssamordnare.",
    "Regionen stöttar kommunerna med processtöd och kunskap.",
    "Vi öppnar dörrar till arbetsgivare och kopplar ihop aktörer.",
    "Regionen finansierar utvecklingsprojekt tillsammans med civilsamhället.",
    "Vi sprider goda exempel mellan kommunerna.",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="(\d+)"')
INTERVIEW_LINK = re.compile(r'href="/interviews/(\d+)/"')


@dataclass
class Sample:
    name: str
    started: float
    ms: float
    ok: bool


@dataclass
class Stats:
    samples: list[Sample] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.errors[name] += 1
        if len(self.examples) < 12:
            self.examples.append(f"{name}: {message}")


class Browser:
    """One browser: its own cookies, a connection pool shared with the others."""

    def __init__(self, base: str, connector: aiohttp.BaseConnector, stats: Stats):
        jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=base)
        self.session = aiohttp.ClientSession(
            base_url=base,
            connector=connector,
            connector_owner=False,
            cookie_jar=jar,
            timeout=aiohttp.ClientTimeout(total=TIMEOUT),
            headers={"Accept-Language": "sv"},
        )
        self.stats = stats

    async def request(
        self, name: str, method: str, path: str, data: dict | None = None, expect=(200,)
    ) -> tuple[int, str, str] | None:
        """(status, body, location) or None on a timeout or a broken connection."""
        started = time.perf_counter()
        try:
            async with self.session.request(
                method, path, data=data, allow_redirects=False
            ) as response:
                body = await response.text()
                status, location = response.status, response.headers.get("Location", "")
        except (TimeoutError, aiohttp.ClientError) as error:
            ms = (time.perf_counter() - started) * 1000
            self.stats.samples.append(Sample(name, started, ms, False))
            self.stats.error(name, f"{type(error).__name__} {method} {path}")
            return None
        ms = (time.perf_counter() - started) * 1000
        ok = status in expect
        self.stats.samples.append(Sample(name, started, ms, ok))
        if not ok:
            self.stats.error(name, f"HTTP {status} {method} {path} {body[:120]!r}")
        return status, body, location

    async def login(self, username: str) -> bool:
        page = await self.request("login (GET)", "GET", "/login/")
        if page is None or not (token := CSRF.search(page[1])):
            return False
        form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": "demo"}
        answer = await self.request("login (POST)", "POST", "/login/", form, expect=(302,))
        logged_in = answer is not None and answer[0] == 302
        if not logged_in:
            self.stats.error("login (POST)", f"{username} was not logged in")
        return logged_in

    async def close(self) -> None:
        await self.session.close()


class Coordinator:
    def __init__(self, browser: Browser, username: str, live: int, rng: random.Random):
        self.browser, self.username, self.live, self.rng = browser, username, live, rng
        self.submission = 0
        self.token = ""
        self.statement = ""
        self.revision = 0
        self.interview: dict[str, str] = {}
        self.interview_pk = 0

    async def setup(self) -> bool:
        """Open the region's homework (starting the draft) and write the interviews."""
        b = self.browser
        if not await b.login(self.username):
            return False
        path = f"/homework/assignment/{self.live}/"
        opened = await b.request("open homework", "GET", path, expect=(200, 302))
        if opened is not None and opened[0] == 200 and (token := CSRF.search(opened[1])):
            # Not started: a GET only shows the assignment; its button POSTs.
            form = {"csrfmiddlewaretoken": token.group(1)}
            opened = await b.request("start homework", "POST", path, form, expect=(302,))
        if opened is None or not (found := re.search(r"/homework/(\d+)/", opened[2])):
            return False
        self.submission = int(found.group(1))
        page = await b.request("statement form", "GET", f"/homework/{self.submission}/statement/")
        if page is None or not (token := CSRF.search(page[1])):
            return False
        self.token = token.group(1)
        self.revision = int(REVISION.search(page[1]).group(1))
        for n in range(3 if self.username in SUBMIT_AT else 1):
            answers = " ".join(self.rng.sample(SENTENCES, 3))
            fields = {
                "organisation": f"Kommun {n + 1}",
                "actor_type": ["kommun", "arbetsformedlingen", "lansstyrelse"][n],
                "interview_date": f"2026-10-{n + 1:02d}",
                "interviewee_function": "Integrationsstrateg",
                "consent": "anonymous",
                "answers": answers,
                "quotes_text": answers.split(". ")[0].rstrip(".") + ".",
                "revision": "0",
            }
            saved = await b.request(
                "interview create",
                "POST",
                f"/interviews/new/{self.submission}/",
                fields | {"csrfmiddlewaretoken": self.token},
                expect=(302,),
            )
            if saved is None:
                return False
            self.interview = fields
        detail = await b.request("homework detail", "GET", f"/homework/{self.submission}/")
        if detail is None or not (links := INTERVIEW_LINK.findall(detail[1])):
            b.stats.error("homework detail", f"{self.username}: no interview found")
            return False
        self.interview_pk = int(links[0])
        page = await b.request("interview form", "GET", f"/interviews/{self.interview_pk}/")
        if page is None:
            return False
        self.interview["revision"] = REVISION.search(page[1]).group(1)
        return True

    async def play(self, start: float, end: float) -> None:
        b, rng = self.browser, self.rng
        share = SUBMIT_AT.get(self.username)
        submit_at = None if share is None else start + share * (end - start)
        for n in range(int(SECONDS)):  # at most one save a second: bounded
            await asyncio.sleep(rng.uniform(2, 4))
            now = time.perf_counter()
            if submit_at is not None and now >= submit_at:
                # Late homework comes in (even if the saves before it ran late).
                await b.request(
                    "submit",
                    "POST",
                    f"/homework/{self.submission}/submit/",
                    {"csrfmiddlewaretoken": self.token},
                    expect=(302,),
                )
                return
            if now >= end:
                return
            if n % 5 == 4:
                self.interview["answers"] += " " + rng.choice(SENTENCES)
                answer = await b.request(
                    "autosave interview",
                    "POST",
                    f"/interviews/{self.interview_pk}/autosave/",
                    self.interview | {"csrfmiddlewaretoken": self.token},
                )
                if answer and answer[0] == 200:
                    self.interview["revision"] = str(json.loads(answer[1])["revision"])
            else:
                self.statement = (self.statement + " " + rng.choice(SENTENCES)).strip()
                form = {
                    "statement": self.statement,
                    "revision": str(self.revision),
                    "csrfmiddlewaretoken": self.token,
                }
                path = f"/homework/{self.submission}/statement/autosave/"
                answer = await b.request("autosave statement", "POST", path, form)
                if answer and answer[0] == 200:
                    self.revision = json.loads(answer[1])["revision"]


def dashboard_paths(live: int) -> dict[str, str]:
    return {
        "dashboard overview": f"/synthesis/a/{live}/",
        "dashboard actors": f"/synthesis/a/{live}/actors/",
        "dashboard heatmap": f"/synthesis/a/{live}/heatmap/",
        "dashboard quotes": f"/synthesis/a/{live}/quotes/",
    }


SLIDES_VERSION = re.compile(r'data-slides data-version="([0-9a-f]+)"')


async def viewer(
    browser: Browser, live: int, regions: list[str], start: float, end: float, rng
) -> None:
    """A projected deck left open: polls the version, reloads the slides when it changes."""
    dashboards = dashboard_paths(live)
    known = None
    await asyncio.sleep(rng.uniform(0, 4))
    for _ in range(int(SECONDS)):  # a poll every 3 s at most: bounded
        if time.perf_counter() >= end:
            return
        answer = await browser.request("version", "GET", f"/workshop/{live}/version/")
        if answer and answer[0] == 200:
            version = json.loads(answer[1])["version"]
            VERSIONS_SEEN.add(version)
            if known is None:
                known = version
            elif version != known and time.perf_counter() < end:
                # As deck.js: say which slides it has; 204 while the new ones are built.
                path = f"/workshop/{live}/?partial=1&have={known}"
                slides = await browser.request("deck refresh", "GET", path, expect=(200, 204))
                if slides and slides[0] == 200 and (shown := SLIDES_VERSION.search(slides[1])):
                    known = shown.group(1)
        if rng.random() < 4 / PAGE_EVERY and time.perf_counter() < end:
            if rng.random() < 0.5:
                await browser.request("deck", "GET", f"/workshop/{live}/")
            elif rng.random() < 0.2:
                region = rng.choice(regions)
                await browser.request(
                    "dashboard region", "GET", f"/synthesis/a/{live}/regions/{region}/"
                )
            else:
                name = rng.choice(sorted(dashboards))
                await browser.request(name, "GET", dashboards[name])
        await asyncio.sleep(rng.uniform(3, 5))


async def run(base: str, live: int, regions: list[str]) -> tuple[Stats, float, float]:
    stats = Stats()
    # The client closes idle connections before gunicorn's keep-alive (2 s) does.
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=1.5)
    coordinators = [
        Coordinator(Browser(base, connector, stats), slug, live, random.Random(i))
        for i, slug in enumerate(DEMO_REGIONS)
    ]
    facilitators = [Browser(base, connector, stats) for _ in range(FACILITATOR_SESSIONS)]
    browsers = [c.browser for c in coordinators] + facilitators
    try:
        harness.log(
            f"logging in {len(coordinators)} coordinators, {len(facilitators)} facilitators"
        )
        # A few at a time, as people arrive: a login costs ~0.3 s of CPU (PBKDF2).
        gate = asyncio.Semaphore(SETUP_CONCURRENCY)

        async def gated(step):
            async with gate:
                return await step

        ready = await asyncio.gather(
            *(gated(c.setup()) for c in coordinators),
            *(gated(f.login("facilitator")) for f in facilitators),
        )
        if not all(ready):
            # Counted as errors; the others play on, so that the run still measures.
            harness.log(f"setup failed for {ready.count(False)} session(s)")
        coordinators = [c for c, ok in zip(coordinators, ready, strict=False) if ok]
        facilitators = [
            f for f, ok in zip(facilitators, ready[len(DEMO_REGIONS) :], strict=True) if ok
        ]
        if not facilitators:
            return stats, float("inf"), float("inf")
        # Before the viewers arrive the facilitator sets up the projector: the deck and the
        # dashboards are opened once (not timed), as on a workshop morning.
        for path in (f"/workshop/{live}/", *dashboard_paths(live).values()):
            await facilitators[0].request("facilitator opens (before)", "GET", path)
        harness.log(
            f"playing {SECONDS:.0f} s: {len(coordinators)} coordinators, {VIEWERS} viewers"
        )
        start = time.perf_counter()
        end = start + SECONDS
        await asyncio.gather(
            *(c.play(start, end) for c in coordinators),
            *(
                viewer(
                    facilitators[i % len(facilitators)],
                    live,
                    regions,
                    start,
                    end,
                    random.Random(1000 + i),
                )
                for i in range(VIEWERS)
            ),
        )
        return stats, start, time.perf_counter()
    finally:
        for browser in browsers:
            await browser.close()
        await connector.close()


def report(stats: Stats, start: float, stop: float) -> bool:
    setup = [s for s in stats.samples if s.started < start]
    play = [s for s in stats.samples if s.started >= start]
    seconds = max(stop - start, 1e-9) if play else 1.0
    by_name: dict[str, list[Sample]] = defaultdict(list)
    for s in play:
        by_name[s.name].append(s)
    rows, slow = [], []
    for name, samples in sorted(by_name.items(), key=lambda kv: -len(kv[1])):
        ms = [s.ms for s in samples]
        p95 = harness.percentile(ms, 95)
        if p95 >= TARGET_P95_MS:
            slow.append(name)
        rows.append(
            [
                name,
                len(samples),
                f"{len(samples) / seconds:.1f}",
                sum(not s.ok for s in samples),
                f"{harness.percentile(ms, 50):.0f}",
                f"{p95:.0f}",
                f"{harness.percentile(ms, 99):.0f}",
                f"{max(ms):.0f}",
            ]
        )
    print()
    print(
        f"Load test: {seconds:.0f} s, {len(DEMO_REGIONS)} coordinators, {VIEWERS} viewers "
        f"on {FACILITATOR_SESSIONS} facilitator sessions, {REGIONS} regions × {INTERVIEWS} "
        f"interviews, gunicorn {WORKERS} workers × {THREADS} threads"
    )
    headers = ["page", "requests", "req/s", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms"]
    print(harness.table(headers, rows))
    if setup:
        print()
        print("Setup before the timed part (logins, opening the homework, writing interviews):")
        setup_rows = []
        for name in dict.fromkeys(s.name for s in setup):
            ms = [s.ms for s in setup if s.name == name]
            setup_rows.append(
                [
                    name,
                    len(ms),
                    sum(not s.ok for s in setup if s.name == name),
                    f"{harness.percentile(ms, 50):.0f}",
                    f"{harness.percentile(ms, 95):.0f}",
                    f"{max(ms):.0f}",
                ]
            )
        headers = ["page", "requests", "errors", "p50 ms", "p95 ms", "max ms"]
        print(harness.table(headers, setup_rows))
    errors = sum(stats.errors.values())
    print()
    print(f"the live deck's version took {len(VERSIONS_SEEN)} different values during the run")
    print(f"total: {len(play)} requests in {seconds:.1f} s = {len(play) / seconds:.1f} requests/s")
    print(f"errors: {errors} (non-2xx/3xx, timeouts > {TIMEOUT:.0f} s, refused saves)")
    for example in stats.examples:
        print(f"  {example}")
    print(
        f"target p95 < {TARGET_P95_MS} ms: "
        + ("met on every page" if not slow else "MISSED on " + ", ".join(slow))
    )
    return errors == 0


def main() -> int:
    harness.install_signal_handlers()
    started = time.perf_counter()
    with harness.database(DATABASE) as url:
        env = harness.production_env(url)
        if REDIS_URL != "none":
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
            env["REDIS_URL"] = REDIS_URL
        harness.log(f"cache: {env.get('REDIS_URL') or 'the database (DEBUG=0 without Redis)'}")
        harness.manage(env, "migrate", "--noinput", "-v0")
        harness.manage(env, "createcachetable")  # the cache every process shares (DEBUG=0)
        harness.manage(env, "load_demo")
        harness.generate(env, REGIONS, INTERVIEWS)
        harness.manage(env, "collectstatic", "--noinput", "-v0")
        live = harness.query(
            url, "SELECT id FROM submissions_assignment WHERE title_sv = %s", ("Generated load",)
        )[0][0]
        regions = [
            slug
            for (slug,) in harness.query(
                url, "SELECT slug FROM reglab_region WHERE slug LIKE 'gen-%%' ORDER BY slug"
            )
        ]
        # As deployed: the background worker prepares the deck after each hand-in.
        server = harness.gunicorn(env, workers=WORKERS, threads=THREADS)
        with harness.db_worker(env), server as base:
            client_cpu = time.process_time()
            stats, start, stop = asyncio.run(
                asyncio.wait_for(run(base, live, regions), timeout=SECONDS + 120)
            )
            client_cpu = time.process_time() - client_cpu
        submitted = harness.query(
            url,
            "SELECT r.slug FROM submissions_submission s JOIN reglab_region r"
            " ON r.id = s.region_id WHERE s.assignment_id = %s AND s.state = 'submitted'"
            " AND r.slug = ANY(%s)",
            (live, SUBMITTING),
        )
        ok = report(stats, start, stop) and start < stop
        print(f"handed in during the run: {len(submitted)} of {len(SUBMITTING)} coordinators")
        ok = ok and len(submitted) == len(SUBMITTING)
        total = time.perf_counter() - started
        print(f"load generator CPU: {client_cpu:.1f} s; whole run {total:.0f} s")
    if not ok:
        print("FAIL: there were errors")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
