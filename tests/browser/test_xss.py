"""Stored XSS: script, event-handler and javascript: payloads typed into every free-text
field are shown as text on every page that shows them, and nothing executes — not in
the projected deck nor in the charts' hover texts."""

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from interviews.models import Interview, Quote
from submissions.models import Assignment, Submission
from submissions.services import return_submission, snapshot, submit_submission
from synthesis.models import Role
from synthesis.services import retag_corpus

from .conftest import BROWSER, login

pytestmark = BROWSER

SCRIPT = "<script>window.__xss.push('script')</script>"
HANDLER = "<img src=x onerror=\"window.__xss.push('img')\">"
SVG = "\"><svg onload=window.__xss.push('svg')>"
LINK = "javascript:window.__xss.push('link')"
PAYLOAD = f"samordnar {SCRIPT} {HANDLER} {SVG} {LINK}"

WATCH = """
window.__xss = [];
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
    if (e.violatedDirective.startsWith("script")) { window.__csp.push(e.sample); }
});
"""


def poison(submission, fiona, alice):
    role = Role.objects.get(slug="samordnare")
    role.name_sv = f"Samordnare {HANDLER}"
    role.name_en = f"Coordinator {SCRIPT}"
    role.definition_sv = PAYLOAD
    role.cues = [*role.cues, SVG]
    role.save()
    submission.statement = f"Regionen {PAYLOAD}"
    submission.statement_revision = 1
    submission.save()
    submission.self_roles.add(role)
    for n, actor_type in enumerate(["kommun", "lansstyrelse", "arbetsformedlingen"], 1):
        interview = Interview.objects.create(
            submission=submission,
            organisation=f"Org {n} {HANDLER}",
            actor_type=actor_type,
            interview_date=date(2026, 10, n),
            interviewee_function=SCRIPT,
            consent="named",
            answers=f"Regionen samordnar allt. {PAYLOAD}",
        )
        Quote.objects.create(interview=interview, text=f"Regionen {PAYLOAD}")
    submit_submission(submission=submission, user=alice)
    return_submission(submission=submission, user=fiona, comment=f"Mer! {PAYLOAD}")
    submit_submission(submission=submission, user=alice)
    assignment = submission.assignment
    assignment.published_at = timezone.now()
    assignment.title_sv = f"Hemläxa {HANDLER}"
    assignment.instructions_sv = PAYLOAD
    assignment.save()
    # An earlier round, to compare with: its title is in the charts' legends and hovers.
    earlier = Assignment.objects.create(
        title_sv=f"Pilot {SCRIPT}", deadline=assignment.deadline - timedelta(days=365)
    )
    Submission.objects.create(
        assignment=earlier,
        region=submission.region,
        state=Submission.State.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=365),
        statement=f"Regionen finansierar {PAYLOAD}",
    )
    retag_corpus()
    assert snapshot(submission)["statement"].startswith("Regionen")


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # Hover over the charts so Plotly renders its hover labels.
    for chart in page.locator(".main-svg").all()[:4]:
        box = chart.bounding_box()
        if box:
            for fx, fy in ((0.3, 0.3), (0.5, 0.5), (0.7, 0.6)):
                page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    assert page.evaluate("window.__xss") == [], url
    assert page.evaluate("window.__csp") == [], url


def test_no_payload_executes_on_any_page(new_context, live_server, alice, fiona, submission):
    poison(submission, fiona, alice)
    pk, apk = submission.pk, submission.assignment_id
    interview = submission.interviews.first()
    facilitator = new_context()
    facilitator.add_init_script(WATCH)
    page = facilitator.new_page()
    login(page, live_server, fiona)
    base = live_server.url
    for path in [
        "/",
        f"/homework/{pk}/",
        f"/homework/{pk}/versions/",
        f"/homework/{pk}/versions/1/",
        "/synthesis/review/",
        f"/synthesis/homework/{pk}/",
        "/synthesis/taxonomy/",
        "/synthesis/agreement/",
        f"/synthesis/a/{apk}/",
        f"/synthesis/a/{apk}/actors/",
        f"/synthesis/a/{apk}/heatmap/",
        f"/synthesis/a/{apk}/heatmap/halland/samordnare/",
        f"/synthesis/a/{apk}/regions/halland/",
        f"/synthesis/a/{apk}/quotes/",
        f"/synthesis/a/{apk}/report/",
        f"/synthesis/a/{apk}/compare/",
        f"/workshop/{apk}/?names=1",
        "/homework/history/",
        "/homework/assignments/",
    ]:
        visit(page, base + path)
    # The payload is on the page as text, not as markup.
    page.goto(f"{base}/homework/{pk}/")
    expect(page.get_by_test_id("statement")).to_contain_text("<script>")
    # Every slide of the deck, and the region's own view.
    page.goto(f"{base}/workshop/{apk}/?names=1")
    for _ in range(15):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("window.__xss") == []

    coordinator = new_context()
    coordinator.add_init_script(WATCH)
    page = coordinator.new_page()
    login(page, live_server, alice)
    for path in [
        "/",
        f"/homework/{pk}/",
        f"/synthesis/a/{apk}/mine/",
        f"/synthesis/homework/{pk}/",
    ]:
        visit(page, base + path)
    assert interview.interviewee_function == SCRIPT
