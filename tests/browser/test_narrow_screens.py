"""Every page on a phone (390 × 844): nothing makes the page scroll sideways. Wide tables
scroll inside their own box, selects and word clouds fit the screen (issue 12).

The pages are the GET views that tests/test_url_access.py's EXPECTED answers with 200 for a
coordinator or a facilitator, filled with the demo's data, so a new page is checked too.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from demo import demo_data
from submissions.models import Assignment, Submission, SubmissionVersion
from submissions.services import snapshot
from synthesis import export_files
from synthesis.models import Role, Tag
from tests.test_url_access import EXPECTED

from .conftest import BROWSER, TIMEOUT_MS, choose_language, login

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}
# Answers that are files or data, not pages a person reads.
NOT_PAGES = {
    "login",
    "healthz",
    "submissions:received_csv",
    "synthesis:region_data",
    "workshop:version",
    "exports:tags_csv",
    "exports:tags_xlsx",
    "exports:codebook_qdc",
    "exports:project_qdpx",
    "exports:codebook_taguette",
    "exports:report_docx",
    "exports:prepared_status",
    "exports:prepared_download",
    "interviews:import_template",
}
DRAFT_REGION = "kalmar"  # a demo region still writing: its statement and interviews are open
SUBMITTED_REGION = "skane"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])


def _export_file(demo):
    file = export_files.request_file("tags_csv", demo, {}, None)
    export_files.build(file.pk)
    return file


def pages_for(who: str, demo) -> list[str]:
    """The reachable pages of `who` ("owner" or "facilitator") as paths."""
    draft = Submission.objects.get(assignment=demo, region__slug=DRAFT_REGION)
    handed_in = Submission.objects.get(assignment=demo, region__slug=SUBMITTED_REGION)
    # The owner's page list is of their draft; it gets a saved version too.
    own = draft if who == "owner" else handed_in
    version = own.versions.first() or SubmissionVersion.objects.create(
        submission=own, number=1, event="submitted", snapshot=snapshot(own)
    )
    kwargs = {
        "none": {},
        "assignment": {"assignment_pk": demo.pk},
        "assignment_pk": {"pk": demo.pk},
        "submission": {"pk": own.pk},
        "submission_pk": {"submission_pk": own.pk},
        "version": {"pk": own.pk, "number": version.number},
        "interview": {"pk": own.interviews.first().pk},
        "assignment_pk2": {"assignment_pk": demo.pk},
        "region": {"assignment_pk": demo.pk, "region_slug": SUBMITTED_REGION},
        "cell": {
            "assignment_pk": demo.pk,
            "region_slug": SUBMITTED_REGION,
            "role_slug": "samordnare",
        },
        "tag": {"pk": Tag.objects.first().pk},
        "role": {"pk": Role.objects.get(slug="samordnare").pk},
        # A coordinator of a region, as the facilitator's page of people shows them.
        "user": {"user_pk": get_user_model().objects.get(username=SUBMITTED_REGION).pk},
        # Not a valid invitation: its page explains, as it does on a phone.
        "invitation": {"uidb64": "MQ", "token": "bad-token"},
        # The page of an export the worker prepared.
        "export_file": {"assignment_pk": demo.pk, "pk": _export_file(demo).pk},
    }
    paths = [
        reverse(name, kwargs=kwargs[kind])
        for name, (kind, method, expected) in sorted(EXPECTED.items())
        if method == "get" and expected[who] == 200 and name not in NOT_PAGES
    ]
    if who == "owner":
        # Published, the synthesis is a coordinator's page too.
        Assignment.objects.filter(pk=demo.pk).update(published_at=timezone.now())
        paths.append(reverse("synthesis:mine", kwargs={"assignment_pk": demo.pk}))
    return paths


# The outermost elements that reach past the screen's right edge: what to fix.
OUTERMOST_TOO_WIDE = """() => {
    const edge = window.innerWidth;
    const wide = (el) => el.getBoundingClientRect().right > edge + 0.5;
    const clips = (el) => getComputedStyle(el).overflowX !== "visible";
    const clipped = (el) => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (clips(up)) { return true; }
        }
        return false;
    };
    return [...document.body.querySelectorAll("*")]
        .filter((el) => wide(el) && !clipped(el) && !(el.parentElement
            && el.parentElement !== document.body && wide(el.parentElement)))
        .slice(0, 3)
        .map((el) => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className
            ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
}"""


def too_wide(browser, live_server, user, paths) -> list[str]:
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    choose_language(page, live_server, "sv")
    login(page, live_server, user, password="demo")
    wide = []
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if page.locator("[data-figure]").count():
            expect(page.locator("[data-figure] .main-svg").first).to_be_attached()
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.evaluate("window.innerWidth")
        if width > viewport:
            culprits = ", ".join(page.evaluate(OUTERMOST_TOO_WIDE))
            wide.append(f"{path}: {width} px bred på en skärm som är {viewport} px ({culprits})")
    context.close()
    return wide


def test_no_facilitator_page_scrolls_sideways_on_a_phone(browser, live_server, demo):
    facilitator = get_user_model().objects.get(username="facilitator")
    wide = too_wide(browser, live_server, facilitator, pages_for("facilitator", demo))
    assert not wide, "Sidor som rullar i sidled på en mobil:\n" + "\n".join(wide)


def test_no_coordinator_page_scrolls_sideways_on_a_phone(browser, live_server, demo):
    coordinator = get_user_model().objects.get(username=DRAFT_REGION)
    wide = too_wide(browser, live_server, coordinator, pages_for("owner", demo))
    assert not wide, "Sidor som rullar i sidled på en mobil:\n" + "\n".join(wide)
