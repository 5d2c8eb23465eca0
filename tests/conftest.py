"""Shared fixtures. The named users follow healthchecks' hc/test.py:

- alice: coordinator of Halland (the owner)
- bob: another coordinator of Halland (alice's colleague)
- charlie: coordinator of Skåne (an outsider to Halland's homework)
- fiona: REGLAB facilitator
"""

import email
import email.policy
import io
import os
import re
import shutil
import socket
import threading
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from demo import demo_data
from interviews.models import Interview, Quote
from reglab.models import REGIONS, Membership, Region
from submissions.models import Assignment, Submission
from synthesis.models import Role
from synthesis.taxonomy_default import DEFAULT_ROLES


def pytest_configure(config):
    # CI installs LibreOffice: there the Word tests that need it must run, not skip.
    if os.environ.get("REQUIRE_SOFFICE") and not shutil.which("soffice"):
        raise pytest.UsageError("REQUIRE_SOFFICE is set but LibreOffice (soffice) is missing")


PASSWORD = "password"


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush the database, and with it the 21 regions and the default
    taxonomy that the data migrations created: put them back before each such test.
    (Serialized rollback would do the same, but on SQLite it loses them when ordinary
    tests ran first.)"""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")

    if not Region.objects.exists():
        Region.objects.bulk_create(
            Region(slug=slug, name=name, position=n) for n, (slug, name) in enumerate(REGIONS, 1)
        )
    if not Role.objects.exists():
        Role.objects.bulk_create(
            Role(position=n, **role) for n, role in enumerate(DEFAULT_ROLES, 1)
        )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as after a deploy."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_background_tasks(settings):
    """A hand-in queues a task that prepares the deck (workshop/tasks.py); tests that want
    it turn it on and run it (tests/test_cache.py)."""
    settings.PREPARE_AFTER_HAND_IN = False


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username, region=None, kind=Membership.Kind.COORDINATOR):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    Membership.objects.create(user=user, kind=kind, region=region)
    return user


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for a module's tests: each runs in a savepoint of this
    transaction and leaves the demo as it found it (Django's setUpTestData, in pytest)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"]).pk
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    """The demo's assignment (the seed round), loaded once per module."""
    return Assignment.objects.get(pk=_demo_once)


@pytest.fixture
def halland(db):
    return Region.objects.get(slug="halland")


@pytest.fixture
def skane(db):
    return Region.objects.get(slug="skane")


@pytest.fixture
def alice(halland):
    return make_user("alice", halland)


@pytest.fixture
def bob(halland):
    return make_user("bob", halland)


@pytest.fixture
def charlie(skane):
    return make_user("charlie", skane)


@pytest.fixture
def fiona(db):
    return make_user("fiona", None, Membership.Kind.FACILITATOR)


@pytest.fixture
def assignment(db):
    return Assignment.objects.create(
        title_sv="Hemläxa: regionens roll",
        title_en="Homework: the region's role",
        instructions_sv="Formulera rollen din region tar i integrationsarbetet.",
        instructions_en="Describe the role your region takes in integration work.",
        deadline=timezone.now() + timedelta(days=14),
        min_interviews=3,
    )


@pytest.fixture
def submission(assignment, halland):
    return Submission.objects.create(assignment=assignment, region=halland)


@pytest.fixture
def other_submission(assignment, skane):
    return Submission.objects.create(
        assignment=assignment, region=skane, statement="Skåne samordnar arbetet."
    )


def add_interview(submission, n=1, **fields):
    values = {
        "organisation": f"Kommun {n}",
        "actor_type": Interview.ActorType.KOMMUN,
        "interview_date": date(2026, 10, n),
        "interviewee_function": "Integrationsstrateg",
        "consent": Interview.Consent.ANONYMOUS,
        "answers": f"Regionen samordnar och stöttar oss. Svar nummer {n}.",
        "revision": 1,
    } | fields
    interview = Interview.objects.create(submission=submission, **values)
    Quote.objects.create(interview=interview, text="Regionen samordnar och stöttar oss.")
    return interview


@pytest.fixture
def interview(submission):
    return add_interview(submission)


@pytest.fixture
def complete_submission(submission):
    submission.statement = "Region Halland samordnar integrationsarbetet i länet."
    submission.statement_revision = 1
    submission.save()
    for n in range(1, 4):
        add_interview(submission, n)
    return submission


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def kept_under(monkeypatch):
    """The keys (without their generation) the results were looked up under, by name."""
    keys: dict[str, set[str]] = {}
    from synthesis import cache as synthesis_cache

    original = synthesis_cache._key

    def recording(name, assignment, parts):
        key = original(name, assignment, parts)
        keys.setdefault(name, set()).add(key)
        return key

    monkeypatch.setattr(synthesis_cache, "_key", recording)
    return keys


class MailServer:
    """A real SMTP server (aiosmtpd) on a free local port, keeping what it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.received = threading.Condition()
        with socket.socket() as probe:  # a free port (aiosmtpd checks the one it is given)
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.received:
            self.messages.append(message)
            self.received.notify_all()
        return "250 OK"

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list:
        """The messages once there are `count` of them; fails after `timeout` seconds."""
        with self.received:
            if not self.received.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(f"{len(self.messages)} mails arrived, not {count}")
            return list(self.messages)

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]


def body_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, path_start: str) -> str:
    """The first link in the mail's text whose path starts with `path_start`."""
    found = re.search(r"https?://[^\s/]+(" + re.escape(path_start) + r"\S*)", body_of(message))
    assert found, f"no link to {path_start} in:\n{body_of(message)}"
    return found.group(1)


@pytest.fixture
def smtp(settings):
    """The portal sends its mail to a real SMTP server started for the test."""
    server = MailServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.MAIL_DELIVERY = "request"
    yield server
    server.stop()
