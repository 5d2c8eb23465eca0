"""What the load test and the server benchmark share: a throw-away PostgreSQL database,
manage.py commands, and gunicorn started as in production on a free loopback port.

Everything here cleans up after itself: the database is dropped and the server stopped
when the `with` block ends, whether it ends normally, by an exception, or by SIGTERM/SIGINT
(turned into an exception so that the `finally` blocks run).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

# The checkout whose app is served and whose manage.py runs; REGLAB_APP_DIR points at
# another one (say, a scratch copy with a candidate fix) to measure that instead.
ROOT = Path(os.environ.get("REGLAB_APP_DIR") or Path(__file__).resolve().parent.parent)
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
# The server the throw-away databases are made on (trust authentication on loopback).
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _stop_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


def install_signal_handlers() -> None:
    """SIGTERM (make, a CI timeout) ends the script through its `finally` blocks."""
    signal.signal(signal.SIGTERM, _stop_on_signal)


_STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:6.1f} s] {message}", flush=True)


def _db_url(name: str) -> str:
    base, _, _old = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{name}"


def _admin(statement: sql.Composable) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=10) as conn:
        conn.execute(statement)


def drop_database(name: str) -> None:
    _admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextlib.contextmanager
def database(name: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for the block; dropped afterwards."""
    drop_database(name)
    _admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created database {name}")
    try:
        yield _db_url(name)
    finally:
        drop_database(name)
        log(f"dropped database {name}")


def query(url: str, statement: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url, connect_timeout=10) as conn:
        return conn.execute(statement, params).fetchall()


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production deployment, minus TLS (loopback, plain HTTP)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def django_in_process(database_url: str, **extra: str) -> None:
    """Set up Django in this process as in production (DEBUG=0) on `database_url`, with
    its tables and the cache table made: for benchmarks that call the code directly."""
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="bench-only",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="reglab.settings",
        **extra,
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run a manage.py command; its output is returned (and shown if it fails)."""
    started = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode})")
    log(f"manage.py {' '.join(args)}: {time.perf_counter() - started:.1f} s")
    return result.stdout


def generate(env: dict[str, str], regions: int, interviews: int, *options: str) -> None:
    """`generate_data`: `regions` more regions, each handed in with `interviews` interviews."""
    manage(
        env,
        "generate_data",
        "--regions",
        str(regions),
        "--interviews",
        str(interviews),
        *options,
        timeout=3600,
    )


@contextlib.contextmanager
def db_worker(env: dict[str, str]) -> Iterator[int]:
    """The background worker (`manage.py db_worker`) for the block, as deployed beside
    gunicorn; yields its process id."""
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield worker.pid
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int, threads: int, start_timeout: float = 60
) -> Iterator[str]:
    """gunicorn serving the app on 127.0.0.1:<free port>; yields the base URL."""
    port = free_port()
    errors = tempfile.NamedTemporaryFile(prefix="reglab-gunicorn-", suffix=".log", delete=False)
    command = [
        GUNICORN,
        "reglab.wsgi:application",
        "--chdir",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
        "--error-logfile",
        errors.name,
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=errors,
        stderr=errors,  # Django logs server errors (500s) to stderr
        start_new_session=True,  # its own process group: stopped with its workers below
    )
    base = f"http://127.0.0.1:{port}"
    global GUNICORN_PID
    GUNICORN_PID = process.pid
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({process.returncode}); see {errors.name}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz; see {errors.name}")
            time.sleep(0.3)
        log(f"gunicorn pid {process.pid}: {workers} worker(s) × {threads} thread(s) on {base}")
        yield base
    finally:
        _stop(process)
        log(f"gunicorn pid {process.pid} stopped")
        tail = Path(errors.name).read_text(errors="replace").strip()
        if tail:
            print(f"gunicorn error log (last lines of {len(tail.splitlines())}):")
            print("\n".join(tail.splitlines()[-40:]))
        Path(errors.name).unlink(missing_ok=True)


GUNICORN_PID: int | None = None  # the master of the last gunicorn() started


def children(pid: int) -> list[int]:
    """The processes `pid` started (gunicorn's workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def reset_peak_memory(pid: int) -> None:
    """Start the process's peak resident memory (VmHWM) again from what it holds now
    (Linux: "5" to /proc/<pid>/clear_refs)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_memory_mib(pid: int) -> float:
    """The process's peak resident memory since it started or reset_peak_memory()."""
    return _status_mib(pid, "VmHWM:")


def memory_mib(pid: int) -> float:
    """The process's resident memory now."""
    return _status_mib(pid, "VmRSS:")


def _status_mib(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def table(headers: list[str], rows: list[list], right: set[int] | None = None) -> str:
    """A plain-text table; columns in `right` (default: all but the first) align right."""
    right = set(range(1, len(headers))) if right is None else right
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])
