import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from interviews.models import Interview, Quote
from submissions.services import save_statement

from .conftest import PASSWORD, add_interview, login

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_check_deploy_reports_no_warnings():
    # As in production: not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DEBUG": "0",
        "SECRET_KEY": "k3y-" + "Zq8#vR2!mW5$" * 5,
        "ALLOWED_HOSTS": "portal.example.org",
        "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_pages_send_a_strict_content_security_policy(client, alice, submission):
    response = login(client, alice).get(reverse("submissions:detail", args=[submission.pk]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_an_inline_script_or_style():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{path.name}: {tag}")
        if re.search(r"\sstyle\s*=", text) or "<style" in text:
            offenders.append(f"{path.name}: style")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: event handler attribute")
    assert not offenders, offenders


def test_repeated_wrong_passwords_lock_the_account_with_a_clear_message(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "15" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_after_a_few_mistakes_logs_in(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302


def test_the_health_check_answers_without_a_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_history_shows_who_changed_the_statement_and_how(client, alice, fiona, submission):
    save_statement(submission=submission, user=alice, statement="Första texten.", base_revision=0)
    save_statement(submission=submission, user=alice, statement="Andra texten.", base_revision=1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = login(client, fiona).get(reverse("synthesis:history") + f"?submission={submission.pk}")
    changes = page.context["changes"]
    edits = [c for c in changes if c.what == "Hemläxa" and c.kind == "~"]
    assert [c.who for c in edits] == ["alice", "alice"]
    assert any(("statement", "Första texten.", "Andra texten.") in c.fields for c in edits)


def test_the_history_page_costs_the_same_queries_for_two_edits_or_twenty(
    client, alice, fiona, submission
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("synthesis:history")
    facilitator = login(client, fiona)

    def edit(times: int) -> int:
        for _ in range(times):
            save_statement(
                submission=submission,
                user=alice,
                statement=f"Regionen samordnar, version {submission.statement_revision}.",
                base_revision=submission.statement_revision,
            )
            submission.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            page = facilitator.get(url)
        assert page.status_code == 200
        return len(queries.captured_queries), page

    few, _ = edit(2)
    many, page = edit(18)
    assert many == few
    edits = [c for c in page.context["changes"] if c.kind == "~" and c.submission_id]
    assert len(edits) >= 20
    assert edits[0].label == str(submission)
    assert ("statement", "Regionen samordnar, version 18.", "Regionen samordnar, version 19.") in (
        edits[0].fields
    )


def test_a_coordinator_downloads_everything_about_their_region(
    client, alice, interview, other_submission
):
    response = login(client, alice).get(reverse("synthesis:region_data"))
    data = json.loads(response.content)
    assert data["region"] == "Halland"
    assert data["homework"][0]["interviews"][0]["interviewee_function"] == "Integrationsstrateg"
    assert "Skåne samordnar" not in response.content.decode()


def test_erasing_personal_data_keeps_the_quotes_anonymised(client, fiona, submission):
    interview = add_interview(submission, consent="named", organisation="Anna Anderssons firma")
    login(client, fiona).post(reverse("interviews:erase", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.interviewee_function == ""
    assert interview.consent == Interview.Consent.ANONYMOUS
    assert "Anna" not in interview.organisation
    assert not interview.history.filter(interviewee_function="Integrationsstrateg").exists()
    assert not interview.history.filter(organisation__contains="Anna").exists()
    assert Quote.objects.filter(interview=interview).exists()
