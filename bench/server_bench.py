"""Server time of the dashboards, the deck and its version poll at national scale.

    python bench/server_bench.py        (make bench runs it after bench/tagger_bench.py)

One run, one server: a fresh PostgreSQL database (`reglab_bench`), gunicorn as in
production (DEBUG=0) with ONE sync worker, and sequential GET requests on loopback, so
that a request's wall time is the server's time for it. Every page is measured

- at demo scale (the demo assignment, 12 submitted regions),
- at 1,000 and at 4,000 regions × 20 interviews (BENCH_REGIONS="1000,4000"; the assignment
  "Generated load", made with `generate_data` and topped up between the two; ANALYZE
  after each, as autovacuum would),
- and the demo assignment again in that large database,

twice over: its *first* view, uncached (the shared cache is emptied just before it, so
nothing another page computed is reused: a page viewed first after a restart or a
hand-in), and the median of its *warm* views (cached, as 200 viewers get it), also
divided by the median of GET /login/ (a template with no data).

Targets: a first view ≤ 1 s at demo scale and at 1,000 regions, ≤ 3 s at 4,000; warm
views ≤ 3× the login page at demo scale, ≤ 6× at large scale. The deck's version poll is
measured like a page ("deck version"): it reads the generation and builds nothing.

At each large scale the three exports that grow with the network (tags.csv, tags.xlsx,
project.qdpx) are fetched as a facilitator gets them: streamed in the request, or, above
EXPORT_INLINE_ROWS, prepared by a `db_worker` (running beside gunicorn, as deployed)
while the progress page polls, then downloaded; with the time from asking to the last
byte and the peak resident memory of the process that built it (BENCH_EXPORTS=0 skips).

The re-tag of a million sentences is timed by bench/retag_bench.py.

Where a target is missed, the page is profiled (cProfile, in process, Django's test
client on the same database) and the functions that take the time are printed. Nothing
here is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import cProfile
import http.client
import io
import json
import os
import pstats
import re
import statistics
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import harness

DATABASE = os.environ.get("BENCH_DB", "reglab_bench")
LARGE_SCALES = [int(n) for n in os.environ.get("BENCH_REGIONS", "1000,4000").split(",")]
LARGE_INTERVIEWS = int(os.environ.get("BENCH_INTERVIEWS", "20"))
PROFILE = os.environ.get("BENCH_PROFILE", "1") == "1"
# Warm views, as a multiple of the login page's time; first views, in seconds.
TARGETS = {"demo": 3.0, "large": 6.0, "demo in large DB": 3.0}
FIRST_TARGETS_S = {"demo": 1.0, "demo in large DB": 1.0, 1000: 1.0, 4000: 3.0}
# Requests per page: (warm-up, at least, at most, seconds after which to stop at `least`).
EXPORTS_TOO = os.environ.get("BENCH_EXPORTS", "1") == "1"  # 0: the pages only
REPEATS = {
    "demo": (2, 5, 21, 8.0),
    "large": (1, 5, 11, 6.0),
    "demo in large DB": (1, 5, 11, 3.0),
}
LOGIN_REPEATS = (5, 41, 41, 0.0)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Server:
    """Sequential HTTP/1.1 requests to one gunicorn, each on a fresh loopback connection
    (a sync worker closes the connection after every response)."""

    def __init__(self, base: str):
        url = urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, cookies: bool = True):
        headers = {"Accept-Language": "sv"}
        if cookies and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
        try:
            started = time.perf_counter()
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            content = response.read()
            elapsed = time.perf_counter() - started
        finally:
            connection.close()
        if cookies:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        return response.status, content, elapsed

    def login(self, username: str, password: str = "demo") -> None:
        status, page, _ = self.request("GET", "/login/")
        token = CSRF.search(page.decode()).group(1)
        form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        status, _, _ = self.request("POST", "/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"could not log in as {username} (HTTP {status})")

    def time_page(
        self, path: str, repeats: tuple, anonymous: bool = False, cold: str | None = None
    ) -> dict:
        """The median of repeated requests (cached results, as 200 viewers get them), and
        the first request on its own: with `cold` (the database's URL) the shared cache is
        emptied just before it, so that it reuses nothing another page computed."""
        warm, least, most, budget = repeats
        if cold:
            empty_cache(cold)
        status, _content, first = self.request("GET", path, cookies=not anonymous)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        for _ in range(warm):
            self.request("GET", path, cookies=not anonymous)
        times, spent, size = [], 0.0, 0
        while len(times) < most and (len(times) < least or spent < budget):
            status, content, elapsed = self.request("GET", path, cookies=not anonymous)
            if status != 200:
                raise RuntimeError(f"GET {path}: HTTP {status}")
            times.append(elapsed)
            spent += elapsed
            size = len(content)
        return {"median": statistics.median(times), "n": len(times), "bytes": size, "first": first}


def empty_cache(url: str) -> None:
    """The cache every process shares (the database's, DEBUG=0 without REDIS_URL), emptied:
    its generation goes too, so the server's own copies of earlier results are not read
    either (synthesis/cache.py keys them by generation)."""
    with harness.psycopg.connect(url, connect_timeout=10) as conn:
        conn.execute("DELETE FROM reglab_cache")


def pages(assignment: int, region: str) -> dict[str, str]:
    return {
        "overview": f"/synthesis/a/{assignment}/",
        "actors": f"/synthesis/a/{assignment}/actors/",
        "heatmap": f"/synthesis/a/{assignment}/heatmap/",
        "region": f"/synthesis/a/{assignment}/regions/{region}/",
        "quotes": f"/synthesis/a/{assignment}/quotes/",
        "report": f"/synthesis/a/{assignment}/report/",
        "compare": f"/synthesis/a/{assignment}/compare/",
        "deck": f"/workshop/{assignment}/",
        "deck version": f"/workshop/{assignment}/version/",
    }


def measure(server: Server, scale, assignment: int, region: str, url: str) -> dict:
    anonymous = Server(f"http://{server.host}:{server.port}")
    login = anonymous.time_page("/login/", LOGIN_REPEATS, anonymous=True)
    results = {"login": login | {"path": "/login/"}}
    repeats = REPEATS["large" if isinstance(scale, int) else scale]
    for name, path in pages(assignment, region).items():
        results[name] = server.time_page(path, repeats, cold=url) | {"path": path}
        ratio = results[name]["median"] / login["median"]
        ms, first = results[name]["median"] * 1000, results[name]["first"] * 1000
        harness.log(
            f"{label(scale)}: {name:13} first {first:7.0f} ms  warm {ms:7.1f} ms  ×{ratio:.1f}"
        )
    return results


def scale_regions(scale) -> int:
    return scale if isinstance(scale, int) else 12


def label(scale) -> str:
    return f"{scale:,} regions" if isinstance(scale, int) else scale


def print_pages(results: dict, scales: dict) -> list[tuple]:
    """The table; returns the (scale, page) pairs that missed a target."""
    missed, rows = [], []
    for scale, pages_ in results.items():
        login = pages_["login"]["median"]
        ratio_target = TARGETS["large" if isinstance(scale, int) else scale]
        first_target = FIRST_TARGETS_S.get(scale, 1.0 if scale_regions(scale) <= 1000 else 3.0)
        for name, page in pages_.items():
            ratio = page["median"] / login
            verdict = ""
            if name != "login":
                ok = ratio <= ratio_target and page["first"] <= first_target
                verdict = "ok" if ok else "MISSED"
                if not ok:
                    missed.append((scale, name))
            rows.append(
                [
                    label(scale),
                    name,
                    f"{page['first'] * 1000:.0f}" if name != "login" else "",
                    f"≤ {first_target * 1000:.0f}" if name != "login" else "",
                    f"{page['median'] * 1000:.1f}",
                    f"{ratio:.1f}",
                    f"≤ {ratio_target:g}" if name != "login" else "",
                    verdict,
                    page["n"],
                    f"{page['bytes'] / 1024:.0f}",
                ]
            )
    print()
    print("Server time per page, 1 gunicorn sync worker (DEBUG=0, PostgreSQL, loopback):")
    for scale, description in scales.items():
        print(f"  {label(scale)}: {description}")
    print("'first ms': the page's first view with the shared cache emptied just before it")
    print("(nothing cached, not even the data another page loaded); 'warm ms': the median of")
    print("n cached views, and as a multiple of GET /login/ (a page with no data).")
    headers = ["scale", "page", "first ms", "target", "warm ms", "×login", "target", "", "n", "KB"]
    print(harness.table(headers, rows, right={2, 3, 4, 5, 6, 8, 9}))
    return missed


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(harness.ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reglab.settings")
    import django

    django.setup()


def profile_pages(targets: list[tuple[str, str, str]], top: int = 12) -> None:
    """cProfile one request of each page in process; print where the time goes."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="facilitator"))
    root = str(harness.ROOT)
    for scale, name, path in targets:
        if scale == "demo":
            client.get(path)  # warm (the large pages run after the demo ones, warm enough)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        client.get(path)
        profiler.disable()
        wall = (time.perf_counter() - started) * 1000
        stats = pstats.Stats(profiler, stream=io.StringIO())
        own = []  # (cumulative s, calls, function) for the project's own functions
        hot = []  # (own time s, function) for any function
        for (filename, line, function), (_cc, calls, tt, ct, _callers) in stats.stats.items():
            where = f"{_short(filename, root)}:{line} {function}"
            if (
                filename.startswith(root)
                and "/.venv/" not in filename
                and "/bench/" not in filename
            ):
                own.append((ct, calls, where))
            hot.append((tt, calls, where))
        print()
        print(f"profile {label(scale)} {name} {path}: {wall:.0f} ms under cProfile")
        print("  project functions by cumulative time:")
        for ct, calls, where in sorted(own, reverse=True)[:top]:
            print(f"    {ct * 1000:8.1f} ms  {calls:7d}×  {where}")
        print("  any function by own time:")
        for tt, calls, where in sorted(hot, reverse=True)[:6]:
            print(f"    {tt * 1000:8.1f} ms  {calls:7d}×  {where}")


def _short(filename: str, root: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    if filename.startswith(root):
        return filename[len(root) + 1 :]
    return Path(filename).name


EXPORTS = {"tags.csv": "tags.csv", "tags.xlsx": "tags.xlsx", "project.qdpx": "project.qdpx"}
EXPORT_WAIT_S = float(os.environ.get("BENCH_EXPORT_WAIT", "900"))


def _get(server: Server, path: str) -> tuple[int, dict, int, float]:
    """GET with the session: status, headers, bytes of the body (read and dropped as it
    comes, as a browser saves a download), seconds."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=300)
    cookie = "; ".join(f"{k}={v}" for k, v in server.cookies.items())
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "sv"})
        response = connection.getresponse()
        size = 0
        while chunk := response.read(1 << 20):
            size += len(chunk)
        return response.status, dict(response.getheaders()), size, time.perf_counter() - started
    finally:
        connection.close()


def measure_exports(server: Server, assignment: int, worker: int) -> dict:
    """Each export as a facilitator gets it: streamed in the request, or (above
    EXPORT_INLINE_ROWS) prepared by the background worker while a page shows its progress,
    then downloaded. Its time, and the peak memory of the process that built it (the web
    worker or the background worker: VmHWM, reset just before)."""
    web = harness.children(harness.GUNICORN_PID)[0]
    results = {}
    for name, path in EXPORTS.items():
        before = {}
        for pid in (web, worker):
            harness.reset_peak_memory(pid)
            before[pid] = harness.memory_mib(pid)
        started = time.perf_counter()
        status, headers, size, _ = _get(server, f"/synthesis/exports/{assignment}/{path}")
        mode = "streamed"
        if status == 302 and "/prepared/" in headers.get("Location", ""):
            mode = "prepared"
            page = urlsplit(headers["Location"]).path
            while time.perf_counter() - started < EXPORT_WAIT_S:
                state = json.loads(server.request("GET", page + "status.json")[1])
                if state["state"] in ("ready", "failed"):
                    break
                time.sleep(0.5)
            else:
                state = {"state": "waited too long"}
            if state["state"] != "ready":
                raise RuntimeError(f"{name}: {state['state']}")
            status, headers, size, _ = _get(server, state["download"])
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        # The process that built it: the one whose memory rose most.
        pid = max((web, worker), key=lambda p: harness.peak_memory_mib(p) - before[p])
        peak = harness.peak_memory_mib(pid)
        results[name] = {
            "mode": mode,
            "seconds": elapsed,
            "bytes": size,
            "peak": peak,
            "growth": peak - before[pid],
        }
        harness.log(
            f"export {name}: {mode}, {size / 2**20:.1f} MiB in {elapsed:.1f} s, "
            f"peak {peak:.0f} MiB (+{peak - before[pid]:.0f})"
        )
    return results


def print_exports(exports: dict) -> None:
    print()
    print("Exports, as a facilitator gets them (streamed in the request, or prepared by the")
    print("background worker and then downloaded: the time from asking to the last byte);")
    print("peak MiB: the resident memory of the process that built it at its highest, and")
    print("how far above what it held before the export (+MiB).")
    rows = [
        [
            label(scale),
            name,
            r["mode"],
            f"{r['bytes'] / 2**20:.1f}",
            f"{r['seconds']:.1f}",
            f"{r['peak']:.0f}",
            f"+{r['growth']:.0f}",
        ]
        for scale, kinds in exports.items()
        for name, r in kinds.items()
    ]
    headers = ["scale", "export", "how", "MiB", "seconds", "peak MiB", "+MiB"]
    print(harness.table(headers, rows, right={3, 4, 5, 6}))


def generate_large(env: dict[str, str], regions: int, *options: str) -> None:
    harness.generate(env, regions, LARGE_INTERVIEWS, *options)


def measure_pages(env: dict[str, str], url: str, demo: int) -> tuple[dict, dict]:
    """Every page at demo scale, then at each large scale (generating the data in between)
    with the exports, then the demo assignment again."""
    results, exports = {}, {}
    # As deployed: the background worker builds the exports too large for a request.
    with harness.db_worker(env) as worker, harness.gunicorn(env, workers=1, threads=1) as base:
        server = Server(base)
        server.login("facilitator")
        results["demo"] = measure(server, "demo", demo, "halland", url)
        generated = 0
        for regions in LARGE_SCALES:
            generate_large(env, regions - generated)
            generated = regions
            with harness.psycopg.connect(url, autocommit=True) as conn:
                conn.execute("ANALYZE")  # as autovacuum would after the bulk insert
            large = harness.query(
                url, "SELECT id FROM submissions_assignment WHERE title_sv = 'Generated load'"
            )[0][0]
            results[regions] = measure(server, regions, large, "gen-00001", url)
            if EXPORTS_TOO:
                exports[regions] = measure_exports(server, large, worker)
        # The demo assignment again, now that the database also holds the large one:
        # a page of 12 regions should not get slower because other rounds are big.
        results["demo in large DB"] = measure(server, "demo in large DB", demo, "halland", url)
    return results, exports


def main() -> int:
    harness.install_signal_handlers()
    began = time.perf_counter()
    with harness.database(DATABASE) as url:
        env = harness.production_env(url, ALLOWED_HOSTS="127.0.0.1,testserver")
        env.pop("CONN_MAX_AGE", None)  # as deployed: the settings' default
        harness.manage(env, "migrate", "--noinput", "-v0")
        harness.manage(env, "createcachetable")  # the cache every process shares (DEBUG=0)
        harness.manage(env, "load_demo")
        harness.manage(env, "collectstatic", "--noinput", "-v0")
        demo = harness.query(
            url,
            "SELECT id FROM submissions_assignment WHERE title_sv <> 'Generated load'"
            " ORDER BY deadline DESC LIMIT 1",  # the seed round, not the demo's pilot round
        )[0][0]
        results, exports = measure_pages(env, url, demo)
        scales = {"demo": "the demo assignment, 12 submitted regions"}
        for regions in LARGE_SCALES:
            scales[regions] = f"{regions:,} regions × {LARGE_INTERVIEWS} interviews"
        scales["demo in large DB"] = "the demo assignment once the large data set is loaded"
        missed = print_pages(results, scales)
        if exports:
            print_exports(exports)

        setup_django(env)
        if missed and PROFILE:
            # Every missed page at demo scale; at large scale the two slowest (cProfile
            # doubles their time, and they are where the same functions show most).
            slowest = sorted(
                (p for p in missed if isinstance(p[0], int)),
                key=lambda p: -results[p[0]][p[1]]["first"],
            )[:2]
            targets = [p for p in missed if p[0] == "demo"] + slowest
            profile_pages([(s, n, results[s][n]["path"]) for s, n in targets])

    harness.log(f"server bench done in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
