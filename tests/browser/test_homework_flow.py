"""The homework's whole life in a real browser: write, interview, submit, return, revise."""

import re

from playwright.sync_api import expect

from interviews.models import Interview
from submissions.models import Submission
from synthesis.models import Role

from .conftest import BROWSER, choose_language, login

pytestmark = BROWSER

STATEMENT = "Region Halland samordnar integrationsarbetet och öppnar dörrar för nyanlända i länet."

INTERVIEWS = [
    {
        "organisation": "Arbetsförmedlingen Halmstad",
        "actor_type": Interview.ActorType.ARBETSFORMEDLINGEN,
        "interview_date": "2026-10-01",
        "interviewee_function": "Sektionschef",
        "consent": Interview.Consent.ANONYMOUS,
        "answers": "Regionen samordnar aktörerna. Den är en viktig röst i länet.",
        "quote": "Regionen samordnar aktörerna.",
    },
    {
        "organisation": "Falkenbergs kommun",
        "actor_type": Interview.ActorType.KOMMUN,
        "interview_date": "2026-10-02",
        "interviewee_function": "Integrationsstrateg",
        "consent": Interview.Consent.NAMED,
        "answers": "Regionen stöttar oss med kunskap och goda exempel.",
    },
    {
        "organisation": "Länsstyrelsen Halland",
        "actor_type": Interview.ActorType.LANSSTYRELSE,
        "interview_date": "2026-10-03",
        "interviewee_function": "Handläggare",
        "consent": Interview.Consent.NO_QUOTE,
        "answers": "Vi samverkar med regionen i flera projekt.",
    },
]


def detail_url(live_server, submission):
    return f"{live_server.url}/homework/{submission.pk}/"


def submit_button(page):
    return page.locator("form[action$='/submit/'] [type=submit]")


def edit_links(page):
    """Every link or form a coordinator uses to change the homework."""
    return page.locator(
        "a[href*='/statement/'], a[href*='/interviews/'], form[action$='/submit/']"
    )


def add_interview(page, values, *, pick_quote=False):
    page.locator("a[href*='/interviews/new/']").click()
    expect(page).to_have_url(re.compile(r"/interviews/new/\d+/$"))
    page.locator("input[name=organisation]").fill(values["organisation"])
    page.locator("select[name=actor_type]").select_option(values["actor_type"])
    page.locator("input[name=interview_date]").fill(values["interview_date"])
    page.locator("input[name=interviewee_function]").fill(values["interviewee_function"])
    page.locator("[name=consent]").select_option(values["consent"])
    answers = page.locator("textarea[name=answers]")
    answers.fill(values["answers"])
    if pick_quote:
        start = values["answers"].index(values["quote"])
        answers.evaluate(
            "(el, [start, end]) => { el.focus(); el.setSelectionRange(start, end); }",
            [start, start + len(values["quote"])],
        )
        page.locator("button[data-add-quote]").click()
        expect(page.locator("textarea[name=quotes_text]")).to_have_value(values["quote"])
    page.locator("form[data-autosave-key] [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/homework/\d+/$"))
    expect(page.locator(".alert-success")).to_be_visible()


def test_homework_from_first_draft_to_returned_and_revised(
    new_context, live_server, assignment, alice, fiona
):
    coordinator = new_context().new_page()
    login(coordinator, live_server, alice)

    # The home page lists the homework; its start button creates Halland's draft.
    card = coordinator.get_by_test_id("assignment-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(assignment.title_sv)
    card.locator("form[action*='/homework/assignment/'] [type=submit]").click()
    expect(coordinator).to_have_url(re.compile(r"/homework/\d+/$"))
    submission = Submission.objects.get(assignment=assignment, region__slug="halland")
    assert submission.state == Submission.State.DRAFT

    # The role statement, with å ä ö, and one role ticked.
    samordnare = Role.objects.get(slug="samordnare")
    coordinator.locator("a[href$='/statement/']").click()
    coordinator.locator("textarea[name=statement]").fill(STATEMENT)
    coordinator.locator(f"input[name=self_roles][value='{samordnare.pk}']").check()
    coordinator.locator("#statement-form [type=submit]").click()
    expect(coordinator).to_have_url(detail_url(live_server, submission))
    expect(coordinator.locator(".alert-success")).to_be_visible()
    expect(coordinator.get_by_test_id("statement")).to_have_text(STATEMENT)
    expect(coordinator.locator(".badge", has_text=samordnare.name)).to_be_visible()

    # Three interviews through the form; one quote picked with the selection button.
    for n, values in enumerate(INTERVIEWS):
        add_interview(coordinator, values, pick_quote=n == 0)
        expect(coordinator.get_by_test_id("interview")).to_have_count(n + 1)
    expect(coordinator.locator("h2", has_text="(3 ")).to_be_visible()
    for values in INTERVIEWS:
        interview = coordinator.get_by_test_id("interview").filter(has_text=values["organisation"])
        expect(interview).to_have_count(1)
    quotes = coordinator.locator("blockquote.quote")
    expect(quotes).to_have_count(1)
    expect(quotes).to_contain_text(INTERVIEWS[0]["quote"])
    expect(coordinator.get_by_test_id("missing")).to_have_count(0)

    # Submit: the homework is locked.
    submit_button(coordinator).click()
    expect(coordinator.locator(".alert-success")).to_be_visible()
    expect(coordinator.locator(".badge.text-bg-success")).to_be_visible()
    expect(edit_links(coordinator)).to_have_count(0)
    expect(coordinator.locator("a[href$='/versions/']")).to_contain_text("(1)")
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    assert submission.statement == STATEMENT
    assert list(submission.self_roles.values_list("slug", flat=True)) == ["samordnare"]
    assert submission.interviews.count() == 3

    # The statement page itself no longer lets the region change anything.
    coordinator.goto(f"{detail_url(live_server, submission)}statement/")
    expect(coordinator).to_have_url(detail_url(live_server, submission))
    expect(coordinator.locator("textarea[name=statement]")).to_have_count(0)

    # Fiona sees Halland as submitted on Inkomna beskrivningar and returns it.
    facilitator = new_context().new_page()
    login(facilitator, live_server, fiona)
    expect(facilitator).to_have_url(f"{live_server.url}/")
    halland_row = facilitator.locator("tr[data-region=halland]")
    expect(halland_row).to_have_attribute("data-state", "submitted")
    expect(halland_row.locator("td.text-end").first).to_have_text("3")
    expect(facilitator.locator("tr[data-region=skane]")).not_to_have_attribute(
        "data-state", "submitted"
    )
    halland_row.locator(f"a[href$='/homework/{submission.pk}/']").click()
    expect(facilitator).to_have_url(detail_url(live_server, submission))
    expect(facilitator.get_by_test_id("statement")).to_have_text(STATEMENT)
    expect(edit_links(facilitator)).to_have_count(0)
    comment = "Lägg till en intervju med ett bibliotek, tack! Åsa på REGLAB"
    facilitator.locator("textarea[name=comment]").fill(comment)
    facilitator.locator("form[action$='/return/'] [type=submit]").click()
    expect(facilitator.locator(".alert-success")).to_be_visible()
    expect(facilitator.get_by_test_id("return-comment")).to_contain_text(comment)
    expect(facilitator.locator("form[action$='/return/']")).to_have_count(0)

    # Alice sees the comment, on the home page and on the homework, and can edit again.
    coordinator.goto(f"{live_server.url}/")
    expect(coordinator.get_by_test_id("assignment-card")).to_contain_text(comment)
    coordinator.goto(detail_url(live_server, submission))
    expect(coordinator.get_by_test_id("return-comment")).to_contain_text(comment)
    expect(coordinator.locator(".badge.text-bg-warning")).to_be_visible()
    expect(coordinator.locator("a[href$='/statement/']")).to_be_visible()
    expect(coordinator.locator("a[href*='/interviews/new/']")).to_be_visible()
    expect(submit_button(coordinator)).to_be_visible()

    revised = STATEMENT + " Vi tar också rollen som kunskapsförmedlare."
    coordinator.locator("a[href$='/statement/']").click()
    expect(coordinator.locator("textarea[name=statement]")).to_have_value(STATEMENT)
    coordinator.locator("textarea[name=statement]").fill(revised)
    coordinator.locator("#statement-form [type=submit]").click()
    expect(coordinator.get_by_test_id("statement")).to_have_text(revised)
    submit_button(coordinator).click()
    expect(coordinator.locator(".badge.text-bg-success")).to_be_visible()
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    assert submission.statement == revised
    assert submission.versions.count() == 3  # submitted, returned, submitted again


def test_incomplete_homework_shows_what_is_missing_and_stays_a_draft(
    page, live_server, submission, alice
):
    choose_language(page, live_server, "en")
    login(page, live_server, alice)
    page.goto(detail_url(live_server, submission))
    missing = page.get_by_test_id("missing")
    expect(missing).to_be_visible()
    problem_texts = ["The role statement is empty.", "3 more interviews needed (0 of 3 done)."]
    expect(page.locator("[data-testid=missing] + ul > li")).to_have_text(problem_texts)

    submit_button(page).click()
    expect(page).to_have_url(detail_url(live_server, submission))
    error = page.locator(".alert-danger[role=alert]")
    expect(error).to_be_visible()
    for problem in problem_texts:  # the same sentences as the list of what is missing
        expect(error).to_contain_text(problem)
    expect(page.locator(".badge.text-bg-secondary")).to_be_visible()
    expect(submit_button(page)).to_be_visible()
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT
    assert submission.submitted_at is None
    assert submission.versions.count() == 0


def test_coordinator_of_another_region_gets_404(page, live_server, submission, charlie):
    submission.statement = "Hallands hemliga utkast"
    submission.save()
    login(page, live_server, charlie)
    for path in ("", "statement/", "versions/"):
        response = page.goto(f"{detail_url(live_server, submission)}{path}")
        assert response.status == 404, path
        expect(page.locator("body")).not_to_contain_text("Hallands hemliga utkast")
    # Charlie's own home page shows Skåne, not Halland.
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_contain_text("Skåne")
