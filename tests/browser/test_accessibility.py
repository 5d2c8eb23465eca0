"""WCAG 2.1 AA, measured: axe-core over every page a coordinator and a facilitator can
reach, and every slide of the deck, in Swedish and English.

A page passes with no violation of impact serious or critical. The pages are those of
tests/test_url_access.py's EXPECTED that answer a GET with 200 for "owner" or
"facilitator" (downloads and JSON left out), on the demo's data.

The demo is loaded once for this module, not once per test: the pages are served by this
module's own live server, so the tests need no transactional database (which would flush
the demo after each test). At the end the database is emptied and the reference data put
back, as the transactional tests leave it.
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from accounts.invitations import invitation_link
from demo import demo_data
from demo.management.commands.load_demo import DEMO_INVITEES
from reglab.models import REGIONS, Region
from submissions.models import Assignment, Submission
from synthesis import export_files
from synthesis.models import Role
from synthesis.taxonomy_default import DEFAULT_ROLES

from .conftest import TIMEOUT_MS

# The tests read the demo that the module's fixture committed; the mark also has
# pytest-django create the test database.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = ["sv", "en"]
FAILING_IMPACTS = {"serious", "critical"}
# The WCAG 2.0 and 2.1 rules of levels A and AA, and axe's best practices.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}

# (who, page) -> path from the demo's objects. "owner" is Halland (handed in), "drafter"
# is Kalmar (a draft with interviews: the pages for writing), as in EXPECTED's "owner".
PAGES = {
    ("anon", "login"): lambda o: "/login/",
    ("anon", "accessibility"): lambda o: "/accessibility/",
    ("anon", "not_found"): lambda o: "/no-such-page/",
    ("owner", "home"): lambda o: "/",
    ("owner", "accessibility"): lambda o: "/accessibility/",
    ("owner", "submissions:detail"): lambda o: f"/homework/{o['halland'].pk}/",
    ("owner", "submissions:versions"): lambda o: f"/homework/{o['halland'].pk}/versions/",
    ("owner", "submissions:version"): lambda o: f"/homework/{o['halland'].pk}/versions/1/",
    ("owner", "synthesis:mine"): lambda o: f"/synthesis/a/{o['assignment'].pk}/mine/",
    ("owner", "interviews:import_upload"): lambda o: f"/interviews/word/{o['assignment'].pk}/",
    ("owner", "forbidden"): lambda o: f"/workshop/{o['assignment'].pk}/",
    ("drafter", "home"): lambda o: "/",
    ("drafter", "submissions:detail"): lambda o: f"/homework/{o['kalmar'].pk}/",
    ("drafter", "submissions:statement"): lambda o: f"/homework/{o['kalmar'].pk}/statement/",
    ("drafter", "interviews:create"): lambda o: f"/interviews/new/{o['kalmar'].pk}/",
    ("drafter", "interviews:edit"): lambda o: f"/interviews/{o['interview'].pk}/",
    ("drafter", "interviews:delete"): lambda o: f"/interviews/{o['interview'].pk}/delete/",
    ("facilitator", "home"): lambda o: "/",
    ("facilitator", "submissions:detail"): lambda o: f"/homework/{o['halland'].pk}/",
    ("facilitator", "submissions:versions"): lambda o: f"/homework/{o['halland'].pk}/versions/",
    ("facilitator", "submissions:version"): lambda o: f"/homework/{o['halland'].pk}/versions/1/",
    ("facilitator", "submissions:received"): lambda o: "/homework/received/",
    ("facilitator", "submissions:assignments"): lambda o: "/homework/assignments/",
    ("facilitator", "interviews:import_round"): lambda o: "/interviews/word/round/",
    ("facilitator", "submissions:assignment_new"): lambda o: "/homework/assignments/new/",
    ("facilitator", "submissions:assignment_edit"): lambda o: (
        f"/homework/assignments/{o['assignment'].pk}/"
    ),
    ("facilitator", "synthesis:queue"): lambda o: "/synthesis/review/",
    ("facilitator", "synthesis:submission"): lambda o: f"/synthesis/homework/{o['halland'].pk}/",
    ("facilitator", "synthesis:agreement"): lambda o: "/synthesis/agreement/",
    ("facilitator", "synthesis:taxonomy"): lambda o: "/synthesis/taxonomy/",
    ("facilitator", "synthesis:role_new"): lambda o: "/synthesis/taxonomy/new/",
    ("facilitator", "synthesis:role_edit"): lambda o: f"/synthesis/taxonomy/{o['role'].pk}/",
    ("facilitator", "synthesis:history"): lambda o: "/synthesis/history/",
    ("facilitator", "synthesis:overview"): lambda o: f"/synthesis/a/{o['assignment'].pk}/",
    ("facilitator", "synthesis:actors"): lambda o: f"/synthesis/a/{o['assignment'].pk}/actors/",
    ("facilitator", "synthesis:heatmap"): lambda o: f"/synthesis/a/{o['assignment'].pk}/heatmap/",
    ("facilitator", "synthesis:cell"): lambda o: (
        f"/synthesis/a/{o['assignment'].pk}/heatmap/halland/samordnare/"
    ),
    ("facilitator", "synthesis:region"): lambda o: (
        f"/synthesis/a/{o['assignment'].pk}/regions/halland/"
    ),
    ("facilitator", "synthesis:quotes"): lambda o: f"/synthesis/a/{o['assignment'].pk}/quotes/",
    ("facilitator", "synthesis:compare"): lambda o: f"/synthesis/a/{o['assignment'].pk}/compare/",
    ("facilitator", "synthesis:report"): lambda o: f"/synthesis/a/{o['assignment'].pk}/report/",
    ("facilitator", "synthesis:mine"): lambda o: f"/synthesis/a/{o['assignment'].pk}/mine/",
    ("facilitator", "exports:prepared"): lambda o: (
        f"/synthesis/exports/{o['assignment'].pk}/prepared/{o['export_file'].pk}/"
    ),
    ("facilitator", "accessibility"): lambda o: "/accessibility/",
    ("facilitator", "accounts:coordinators"): lambda o: "/people/",
    ("facilitator", "accounts:invite"): lambda o: "/people/invite/?region=gotland",
    ("facilitator", "accounts:import"): lambda o: "/people/import/",
    ("facilitator", "accounts:remove"): lambda o: f"/people/{o['invitee'].pk}/remove/",
    ("facilitator", "accounts:settings"): lambda o: "/settings/",
    ("owner", "accounts:settings"): lambda o: "/settings/",
    ("anon", "accounts:password_reset"): lambda o: "/password-reset/",
    ("anon", "accounts:password_reset_done"): lambda o: "/password-reset/sent/",
    ("anon", "accounts:password_reset_confirm"): lambda o: "/password-reset/MQ/bad-token/",
    ("anon", "accounts:accept"): lambda o: o["invitation_link"],
    ("anon", "accept_used"): lambda o: o["used_invitation_link"],
}
# The error pages answer with their error; every other page with 200.
STATUS = {"not_found": 404, "forbidden": 403, "accept_used": 410}
USERNAMES = {"owner": "halland", "drafter": "kalmar", "facilitator": "facilitator"}


def _session(username: str) -> str:
    """A logged-in session of the user, as the login form makes it."""
    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, published to the regions, served by a live server of this module."""
    from pytest_django.live_server_helper import LiveServer

    hashers = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), hashers:
        call_command("load_demo", stdout=io.StringIO())
        assignment = Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])
        assignment.published_at = timezone.now()
        assignment.save(update_fields=["published_at"])
        kalmar = Submission.objects.get(assignment=assignment, region__slug="kalmar")
        objects = {
            "assignment": assignment,
            "halland": Submission.objects.get(assignment=assignment, region__slug="halland"),
            "kalmar": kalmar,
            "interview": kalmar.interviews.first(),
            "role": Role.objects.get(slug="samordnare"),
            # Gotland's invited coordinator: the page where one chooses a password.
            "invitee": get_user_model().objects.get(email=DEMO_INVITEES[0][1]),
        }
        objects["invitation_link"] = urlsplit(invitation_link(objects["invitee"])).path
        # An export the worker prepared: the page with its progress and download.
        objects["export_file"] = export_files.request_file("tags_csv", assignment, {}, None)
        export_files.build(objects["export_file"].pk)
        # Skåne's link, once Skåne has chosen a password with it.
        used = get_user_model().objects.get(username="skane")
        objects["used_invitation_link"] = urlsplit(invitation_link(used)).path
        used.set_password("demo")
        used.save()
        # The logins too: a session made by a form inside a test would go with that test's
        # transaction (on SQLite the live server shares the test's connection).
        objects["sessions"] = {who: _session(name) for who, name in USERNAMES.items()}
        # Playwright's event loop gives the tests other contexts, and so other connections,
        # than this fixture's: close this one, or it keeps the test database from being dropped.
        connections.close_all()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server, objects
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            Region.objects.bulk_create(
                Region(slug=slug, name=name, position=n)
                for n, (slug, name) in enumerate(REGIONS, 1)
            )
            Role.objects.bulk_create(
                Role(position=n, **role) for n, role in enumerate(DEFAULT_ROLES, 1)
            )
            connections.close_all()


@pytest.fixture(scope="module")
def pages(browser, demo):
    """One logged-in page per person and language, reused by every test of the module."""
    server, objects = demo
    sessions = objects["sessions"]
    opened = {}

    def get(who, language):
        if (who, language) not in opened:
            context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": server.url}]
            )
            if who in USERNAMES:
                cookie = {"name": settings.SESSION_COOKIE_NAME, "url": server.url}
                context.add_cookies([cookie | {"value": sessions[who]}])
            page = context.new_page()
            if who in USERNAMES:
                page.goto(f"{server.url}/")
                expect(page).not_to_have_url(re.compile(r"/login/"))
            opened[(who, language)] = page
        return opened[(who, language)]

    yield get
    for page in opened.values():
        page.context.close()


def serious_violations(page, context=None) -> list[str]:
    """axe-core's serious and critical violations on the page: rule, impact, elements."""
    results = Axe().run(page, context=context, options=AXE_OPTIONS).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n  at "
        + "\n  at ".join(" ".join(node["target"]) for node in v["nodes"][:8])
        + "\n  "
        + v["nodes"][0]["failureSummary"].replace("\n", " ")
        for v in results["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who,name", list(PAGES), ids=[f"{w}-{n}" for w, n in PAGES])
def test_the_page_has_no_serious_accessibility_violation(demo, pages, who, name, language):
    server, objects = demo
    page = pages(who, language)
    response = page.goto(server.url + PAGES[(who, name)](objects))
    assert response.status == STATUS.get(name, 200), page.url
    page.wait_for_load_state("load")
    # The charts are drawn by the time axe looks at them.
    for chart in page.locator("[data-figure]").all():
        expect(chart.locator(".main-svg").first).to_be_attached()
    assert page.locator("html").get_attribute("lang") == language
    problems = serious_violations(page)
    if problems:
        pytest.fail(f"{page.url}\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_deck_slide_has_no_serious_accessibility_violation(demo, browser, language):
    server, objects = demo
    context = browser.new_context(locale="sv-SE", viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": "django_language", "value": language, "url": server.url}])
    page = context.new_page()
    try:
        page.goto(f"{server.url}/login/")
        page.locator("input[name=username]").fill("facilitator")
        page.locator("input[name=password]").fill("demo")
        page.locator("form:has(input[name=password]) [type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/login/"))
        page.goto(f"{server.url}/workshop/{objects['assignment'].pk}/")
        assert page.locator("html").get_attribute("lang") == language
        total = int(page.locator("[data-total]").inner_text())
        assert total > 5
        problems = []
        for number in range(1, total + 1):
            expect(page.locator("[data-current]")).to_have_text(str(number))
            slide = page.locator(".slide.is-current")
            for chart in slide.locator("[data-figure], [data-deck-figure]").all():
                expect(chart.locator(".main-svg").first).to_be_attached()
            # axe measures a slide chart's SVG text against the page behind the stage
            # (1.19:1) and with its CSS colour, not its fill: Plotly draws #111 on white
            # (synthesis/charts.py). The chart is one role=img with the numbers as a table.
            scope = {"exclude": [[".slide-chart .main-svg"]]}
            problems += [f"slide {number}: {p}" for p in serious_violations(page, scope)]
            page.keyboard.press("ArrowRight")  # the keyboard alone steps through the deck
        if problems:
            pytest.fail("\n".join(problems), pytrace=False)
    finally:
        context.close()


def test_a_chart_has_its_numbers_as_a_table_that_reaches_the_evidence_by_keyboard(demo, pages):
    server, objects = demo
    page = pages("facilitator", "en")
    page.goto(f"{server.url}/synthesis/a/{objects['assignment'].pk}/heatmap/")
    numbers = page.locator("details.chart-data")
    numbers.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the table
    table = numbers.locator("table")
    expect(table).to_be_visible()
    # Every region handed in is a row; every cell links to its evidence, as a click does.
    expect(table.locator("tbody tr")).to_have_count(12)
    link = table.locator("tbody a").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/heatmap/[\w-]+/[\w-]+/$"))


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(demo, pages):
    server, _ = demo
    page = pages("facilitator", "sv")
    page.goto(f"{server.url}/homework/received/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Hoppa till innehållet")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page.locator("footer a[href='/accessibility/']")).to_be_visible()
