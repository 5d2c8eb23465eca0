"""One truth on every screen: two servers on one database, with the production cache setting
(the database's cache when there is no Redis, and Redis when REDIS_URL is set). An edit made
through the Django admin on one is shown by the next request to every dashboard and the deck
on both, though both had the pages cached before.

Each test makes its own database (a SQLite file, or a PostgreSQL database when the suite
runs on PostgreSQL), loads the demo and starts two gunicorn processes on it.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings

lxml_html = pytest.importorskip("lxml.html", reason="lxml is a dev dependency")

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_url() -> str | None:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        return None
    return url


class Browser:
    """Enough of a browser for Django: cookies (also Secure ones: the test talks plain
    HTTP to a DEBUG=0 server) and the CSRF token."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | list | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, content, response.getheader("Location")

    def get(self, path: str) -> str:
        status, content, _location = self.request("GET", path)
        assert status == 200, f"GET {path} on port {self.port}: {status}"
        return unescape(content)

    def log_in(self, username: str, password: str) -> None:
        self.get("/login/")
        status, _content, _location = self.request(
            "POST",
            "/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert status == 302, "the facilitator could not log in"

    def admin_edit(self, path: str, changes: dict[str, str]) -> None:
        """Submit an admin change form as a browser would, with `changes` typed in."""
        status, content, _location = self.request("GET", path)
        assert status == 200, f"GET {path}: {status}"
        forms = lxml_html.fromstring(content).forms
        form = next(f for f in forms if (f.get("id") or "").endswith("_form"))  # the model's
        values = [(k, v) for k, v in form.form_values() if k not in changes]
        values += list(changes.items())
        values.append(("_save", "Save"))
        status, content, _location = self.request("POST", path, values)
        if status != 302:
            page = lxml_html.fromstring(content)
            errors = [e.text_content() for e in page.find_class("errorlist")]
            raise AssertionError(f"the admin refused the edit: {errors or content[:2000]}")


def _server_env(database_url: str, cache: str, redis_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "REDIS"))}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="two-servers-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        CONN_MAX_AGE="0",
        PREPARE_AFTER_HAND_IN="0",
        # Keys of this test's own: a Redis shared with other runs holds none of them.
        RELEASE="test-" + uuid.uuid4().hex[:8],
        DJANGO_SETTINGS_MODULE="reglab.settings",
    )
    if cache == "redis":
        env["REDIS_URL"] = redis_url
    return env


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def database_url(tmp_path):
    """A database of this test's own, of the kind the suite runs on."""
    configured = settings.DATABASES["default"]
    if configured["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'two-servers.sqlite3'}"
        return
    import psycopg

    name = "reglab_two_servers_" + uuid.uuid4().hex[:8]
    params = {
        "host": configured.get("HOST") or "127.0.0.1",
        "port": configured.get("PORT") or 5432,
        "user": configured.get("USER") or "postgres",
        "password": configured.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['password']}" if params["password"] else ""
    yield f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["database", "redis"])
def two_servers(request, database_url):
    """Two gunicorn processes on one database and one cache: (env, [port, port])."""
    redis_url = _redis_url()
    if request.param == "redis" and redis_url is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Redis on 127.0.0.1:6379 for this test")
        pytest.skip("no Redis on 127.0.0.1:6379")
    env = _server_env(database_url, request.param, redis_url)
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    _manage(env, "load_demo")
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        _manage(env, "collectstatic", "--noinput")
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "reglab.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            for _ in range(200):
                assert server.poll() is None, server.stderr.read().decode()[-3000:]
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.1)
        yield env, ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)


def _demo_ids(env: dict) -> dict:
    """Ids the test edits, read from the demo's database."""
    code = """
import json
from interviews.models import Quote
from synthesis.models import Role, Tag
from submissions.models import Assignment
from demo import demo_data
a = Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])
q = Quote.objects.filter(interview__submission__assignment=a,
    interview__submission__state="submitted", interview__consent__in=["anonymous", "named"]
    ).order_by("pk").first()
t = Tag.objects.filter(submission__assignment=a, submission__state="submitted",
    source="auto", review="unreviewed", field="answers",
    submission__region__slug="halland").order_by("pk").first()
print(json.dumps({"assignment": a.pk, "quote": q.pk, "interview": q.interview_id,
    "quote_region": q.interview.submission.region.slug,
    "quote_text": q.text, "tag": t.pk, "tag_role": t.role.slug, "tag_words": t.evidence[0][2],
    "role": Role.objects.get(slug="samordnare").pk}))
"""
    import json

    return json.loads(_manage(env, "shell", "-c", code).strip().splitlines()[-1])


def _pages(a: int) -> dict[str, str]:
    return {
        "overview": f"/synthesis/a/{a}/",
        "region": f"/synthesis/a/{a}/regions/halland/",
        "actors": f"/synthesis/a/{a}/actors/",
        "heatmap": f"/synthesis/a/{a}/heatmap/",
        "quotes": f"/synthesis/a/{a}/quotes/",
        "compare": f"/synthesis/a/{a}/compare/",
        "report": f"/synthesis/a/{a}/report/",
        "deck": f"/workshop/{a}/?names=1",
    }


def test_an_admin_edit_shows_at_once_on_every_page_of_both_servers(two_servers):
    env, ports = two_servers
    ids = _demo_ids(env)
    a = ids["assignment"]
    pages = _pages(a)
    browsers = [Browser(port) for port in ports]
    for browser in browsers:
        browser.log_in("facilitator", "demo")
        # Every page cached, on both, as during the workshop.
        for path in [*pages.values(), pages["quotes"] + "?region=" + ids["quote_region"]]:
            browser.get(path)
    first, second = browsers

    # A quote's text, edited in the interview's admin page (its quotes are inline there).
    new_quote = "Regionen borde samla alla aktörer kring ett gemensamt språkcafé."
    quote_field = _inline_quote_field(first, ids)
    first.admin_edit(
        f"/admin/interviews/interview/{ids['interview']}/change/", {quote_field: new_quote}
    )
    for browser in browsers:
        assert new_quote in browser.get(pages["quotes"] + "?region=" + ids["quote_region"])
        assert ids["quote_text"] not in browser.get(
            pages["quotes"] + "?region=" + ids["quote_region"]
        )

    # A region's name.
    second.admin_edit(
        "/admin/reglab/region/" + _region_pk(env, "halland") + "/change/",
        {"name": "Halland Nytt Namn", "slug": "halland"},
    )
    for browser in browsers:
        for name in ("heatmap", "region", "report", "quotes", "deck"):
            assert "Halland Nytt Namn" in browser.get(pages[name]), (name, browser.port)

    # An assignment's title.
    first.admin_edit(f"/admin/submissions/assignment/{a}/change/", {"title_sv": "Nytt rundnamn"})
    for browser in browsers:
        for name in ("overview", "report", "compare", "deck"):
            assert "Nytt rundnamn" in browser.get(pages[name]), (name, browser.port)

    # A role's name.
    second.admin_edit(
        f"/admin/synthesis/role/{ids['role']}/change/", {"name_sv": "Samordnande nav"}
    )
    for browser in browsers:
        for name in ("overview", "actors", "heatmap", "region", "report", "compare", "deck"):
            assert "Samordnande nav" in browser.get(pages[name]), (name, browser.port)

    # A tag's review: confirmed, its evidence counts where only confirmed tags count.
    cell = f"/synthesis/a/{a}/heatmap/halland/{ids['tag_role']}/?source=confirmed"
    for browser in browsers:
        assert ids["tag_words"] not in browser.get(cell)
    first.admin_edit(f"/admin/synthesis/tag/{ids['tag']}/change/", {"review": "confirmed"})
    for browser in browsers:
        assert ids["tag_words"] in browser.get(cell), browser.port


def _inline_quote_field(browser: Browser, ids: dict) -> str:
    """The name of the inline form field that holds the quote's text."""
    path = f"/admin/interviews/interview/{ids['interview']}/change/"
    _status, content, _location = browser.request("GET", path)
    page = lxml_html.fromstring(content)
    for element in page.iter("input"):
        if element.get("name", "").endswith("-id") and element.get("value") == str(ids["quote"]):
            return element.get("name")[: -len("id")] + "text"
    raise AssertionError("the quote is not on the interview's admin page")


def _region_pk(env: dict, slug: str) -> str:
    code = f"from reglab.models import Region; print(Region.objects.get(slug='{slug}').pk)"
    return _manage(env, "shell", "-c", code).strip().splitlines()[-1]
