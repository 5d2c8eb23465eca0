"""Every URL of the portal (the list of tests/test_url_access.py), sent malformed values in
every parameter its view reads: a NUL byte (PostgreSQL refuses it in a query), a value
10,000 characters long, digits Python cannot count with, and bytes that are not UTF-8.
A bad value is ignored like an unknown one; it is never a 500. The whole suite runs again on
PostgreSQL in CI (.ci/run), where a NUL byte that reaches a query is an error."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from reglab.query import query_forms

from .conftest import login
from .test_url_access import EXPECTED, build_kwargs, objects  # noqa: F401 (the fixture)

# The query parameters each view reads.
DASHBOARD = ["actor", "source"]
GET_PARAMETERS = {
    "home": ["assignment", "sort"],
    "login": ["next"],
    "submissions:received": ["assignment", "sort"],
    "submissions:received_csv": ["assignment", "sort"],
    "synthesis:queue": ["role", "region", "page"],
    "synthesis:history": ["submission"],
    "synthesis:overview": DASHBOARD,
    "synthesis:region": ["find", *DASHBOARD],
    "synthesis:actors": DASHBOARD,
    "synthesis:heatmap": ["page", "find", *DASHBOARD],
    "synthesis:cell": DASHBOARD,
    "synthesis:report": DASHBOARD,
    "synthesis:compare": ["with", *DASHBOARD],
    "synthesis:quotes": ["role", "region", "page", "find", *DASHBOARD],
    "synthesis:review": ["next"],
    "workshop:deck": ["names", "partial", "have"],
    "workshop:version": ["names"],
    "exports:tags_csv": ["reviewed"],
    "exports:tags_xlsx": ["reviewed"],
    "exports:report_docx": ["names", *DASHBOARD],
    "accounts:invite": ["region"],
    "interviews:import_upload": ["region"],
}
ALL_PARAMETERS = sorted({p for params in GET_PARAMETERS.values() for p in params})

# The form fields each view takes by POST.
STATEMENT = ["statement", "self_roles", "revision", "roles_sent"]
INTERVIEW = [
    "organisation",
    "actor_type",
    "interview_date",
    "interviewee_function",
    "consent",
    "answers",
    "quotes_text",
    "revision",
]
ASSIGNMENT = ["title_sv", "title_en", "instructions_sv", "deadline", "min_interviews"]
ROLE = ["slug", "name_sv", "name_en", "definition_sv", "cues_text"]
POST_FIELDS = {
    "login": ["username", "password", "next"],
    "set_language": ["language", "next"],
    "submissions:statement": STATEMENT,
    "submissions:autosave": STATEMENT,
    "submissions:return": ["comment"],
    "submissions:assignment_new": ASSIGNMENT,
    "submissions:assignment_edit": ASSIGNMENT,
    "interviews:create": INTERVIEW,
    "interviews:edit": INTERVIEW,
    "interviews:autosave": INTERVIEW,
    "synthesis:review": ["decision", "next"],
    "synthesis:proposal_review": ["decision", "next"],
    "synthesis:cue": ["action", "cue"],
    "synthesis:add_tag": ["role", "field", "interview", "quote", "start", "end"],
    "synthesis:role_new": ROLE,
    "synthesis:role_edit": ROLE,
    "synthesis:retire": ["undo"],
    "synthesis:merge": ["source", "target"],
    "synthesis:publish": ["action", "show_region_names"],
    "accounts:invite": ["region", "email", "name", "language"],
    "accounts:import": ["file", "rows", "payload", "seen_errors"],
    "accounts:settings": [
        "language",
        "mail_returned",
        "mail_published",
        "mail_reminders",
        "mail_hand_ins",
    ],
    "accounts:password_reset": ["email"],
    "accounts:password_reset_confirm": ["new_password1", "new_password2"],
    "accounts:accept": ["new_password1", "new_password2"],
    "interviews:import_upload": ["file", "region", "assignment"],
    "interviews:import_preview": [
        "revision",
        "action",
        "block-0",
        "interview-0-organisation",
        "interview-0-actor_type",
        "interview-0-interview_date",
        "interview-0-interviewee_function",
        "interview-0-consent",
    ],
    "interviews:import_round": ["file"],
    "interviews:import_round_preview": [
        "action",
        "round-round",
        "round-title",
        "round-day",
        "round-min_interviews",
        "round-consent_all",
        "file-0-region",
        "file-0-0-organisation",
        "file-0-0-interview_date",
    ],
}

# As they travel in a query string or a form body.
BAD_VALUES = {
    "NUL": "%00",
    "long": "x" * 10_000,
    "long digits": "9" * 10_000,  # more than int() reads
    "superscript two": quote("²"),  # isdigit(), but no int()
    "not UTF-8": "%ff%fe",
}
ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "reglab",
    "accounts",
    "submissions",
    "interviews",
    "synthesis",
    "workshop",
    "notifications",
]


def test_every_parameter_a_view_reads_is_tried():
    """A view that reads a new query parameter must add it to GET_PARAMETERS."""
    read = set()
    for app in APPS:
        for path in (ROOT / app).glob("**/*.py"):
            read |= set(
                re.findall(r"request\.GET\.(?:get|getlist)\(\s*\"(\w+)\"", path.read_text())
            )
    get_resolver().url_patterns  # noqa: B018 (imports every view, and so its forms)
    forms = query_forms()
    assert forms
    for form in forms:
        read |= set(form.base_fields)
    missing = sorted(read - set(ALL_PARAMETERS))
    assert not missing, f"add these query parameters to GET_PARAMETERS: {missing}"


def _failures(client, user, method, url, bodies) -> list[str]:
    failures = []
    for body in bodies:
        login(client, user)
        if method == "get":
            response = client.get(f"{url}?{body}")
        else:
            response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        # A download may stream (tags.csv, a prepared export).
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code >= 500 or b"Traceback" in content:
            error = getattr(response, "exc_info", None)
            detail = repr(error[1]) if error else ""
            failures.append(
                f"{method.upper()} {url} {body[:60]!r}: {response.status_code} {detail}"
            )
    return failures


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("who", ["owner", "facilitator"])
def test_no_bad_value_makes_a_server_error(objects, name, who):  # noqa: F811
    kind, method, _expected = EXPECTED[name]
    url = reverse(name, kwargs=build_kwargs(kind, objects))
    user = objects["users"][who]
    client = Client(raise_request_exception=False)
    failures = []
    for value in BAD_VALUES.values():
        if method == "get":
            # Each parameter the view reads alone, and every parameter at once.
            bodies = [f"{p}={value}" for p in GET_PARAMETERS.get(name, [])]
            bodies.append("&".join(f"{p}={value}" for p in ALL_PARAMETERS))
            failures += _failures(client, user, "get", url, bodies)
        fields = POST_FIELDS.get(name, [])
        if fields:
            bodies = [f"{f}={value}" for f in fields]
            bodies.append("&".join(f"{f}={value}" for f in fields))
            failures += _failures(client, user, "post", url, bodies)
    assert not failures, "\n".join(failures)
