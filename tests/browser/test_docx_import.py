"""Issue 15 in a real browser: a coordinator imports the homework from a Word file
(upload → preview → move a paragraph → consent → save → the draft shows the text) and
hands it in; a facilitator imports an earlier round from a .zip, and Jämför omgångar
compares the two rounds. axe-core checks the import's pages as the other pages."""

import re

from playwright.sync_api import expect

from submissions.models import Assignment, Submission
from tests.test_docx_import_views import INTERVIEWS, STATEMENT, filled_template, round_zip

from .conftest import BROWSER, choose_language, login
from .test_accessibility import serious_violations
from .test_narrow_screens import OUTERMOST_TOO_WIDE, PHONE

pytestmark = BROWSER

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def no_serious_violations(page) -> None:
    problems = serious_violations(page)
    assert not problems, f"{page.url}\n" + "\n".join(problems)


def fits_a_phone(page) -> None:
    """Nothing reaches past a phone's screen (as tests/browser/test_narrow_screens.py)."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate(OUTERMOST_TOO_WIDE) == [], page.url
    page.set_viewport_size(size)


def test_a_coordinator_imports_from_word_and_a_facilitator_imports_an_earlier_round(
    new_context, live_server, assignment, alice, fiona
):
    coordinator = new_context().new_page()
    login(coordinator, live_server, alice)

    # From the homework page: the template's link, and the import's.
    template = coordinator.locator(f"a[href$='/interviews/word/template/{assignment.pk}/']")
    expect(template.first).to_be_visible()
    coordinator.locator(f"a[href$='/interviews/word/{assignment.pk}/']").first.click()
    expect(coordinator).to_have_url(re.compile(rf"/interviews/word/{assignment.pk}/$"))
    no_serious_violations(coordinator)
    coordinator.locator("input[type=file]").set_input_files(
        {"name": "Hemläxa Halland.docx", "mimeType": DOCX, "buffer": filled_template()}
    )
    coordinator.locator("main form [type=submit]").click()
    expect(coordinator).to_have_url(re.compile(rf"/interviews/word/{assignment.pk}/halland/$"))
    assert not Submission.objects.exists()  # nothing is saved before the preview is

    # The file's text beside what went where; the accessibility of both languages.
    misplaced = coordinator.locator("[data-block]", has_text=STATEMENT[1])
    expect(misplaced).to_have_count(1)
    expect(coordinator.get_by_test_id("part-interview")).to_have_count(3)
    no_serious_violations(coordinator)
    choose_language(coordinator, live_server, "en")
    coordinator.reload()  # the preview is kept between requests
    expect(coordinator.locator("html")).to_have_attribute("lang", "en")
    no_serious_violations(coordinator)
    fits_a_phone(coordinator)

    # Move the misplaced paragraph to interview 1, from the keyboard: the preview moves it.
    select = misplaced.locator("select")
    index = select.get_attribute("data-block-select")
    select.focus()
    select.select_option("0")
    interview_one = coordinator.locator("[data-part='0']")
    expect(interview_one.locator(f"#preview-block-{index}")).to_have_text(STATEMENT[1])
    expect(coordinator.locator("[data-move-status]")).to_contain_text("Interview 1")

    # Saving without consent says what is missing, and saves nothing.
    coordinator.locator("button[value=save]").click()
    errors = coordinator.get_by_test_id("form-errors")
    expect(errors).to_be_focused()
    expect(errors.locator("li")).to_have_count(3)
    assert not Submission.objects.exists()
    # The move was kept through that round trip.
    expect(coordinator.locator(f"[data-part='0'] #preview-block-{index}")).to_have_count(1)

    for position in range(3):
        consent = coordinator.locator(f"select[name=interview-{position}-consent]")
        expect(consent).to_have_value("")  # never chosen for the user
        consent.select_option("anonymous")
    coordinator.locator("button[value=save]").click()
    expect(coordinator).to_have_url(re.compile(r"/homework/\d+/$"))
    expect(coordinator.locator(".alert-success")).to_be_visible()
    expect(coordinator.get_by_test_id("statement")).to_have_text(STATEMENT[0])
    first = coordinator.get_by_test_id("interview").filter(has_text=INTERVIEWS[0]["metadata"][0])
    first.locator("summary").click()
    expect(first).to_contain_text(STATEMENT[1])
    expect(coordinator.locator("blockquote.quote")).to_have_count(0)  # no quote guessed

    # Complete as imported: Halland hands in this round.
    coordinator.locator("form[action$='/submit/'] [type=submit]").click()
    expect(coordinator.locator(".badge.text-bg-success")).to_be_visible()

    # The facilitator brings in last year's round from a zip of Word files.
    facilitator = new_context().new_page()
    login(facilitator, live_server, fiona)
    facilitator.goto(f"{live_server.url}/homework/assignments/")
    facilitator.locator("a[href$='/interviews/word/round/']").click()
    no_serious_violations(facilitator)
    files = {
        "Region Halland 2024.docx": filled_template(),
        "skane.docx": filled_template(region="Skåne"),
        "läs mig.txt": "Hemläxorna 2024.".encode(),
    }
    facilitator.locator("input[type=file]").set_input_files(
        {"name": "hemlaxor-2024.zip", "mimeType": "application/zip", "buffer": round_zip(files)}
    )
    facilitator.locator("main form [type=submit]").click()
    expect(facilitator).to_have_url(re.compile(r"/interviews/word/round/preview/$"))
    expect(facilitator.get_by_test_id("round-file")).to_have_count(2)
    expect(facilitator.get_by_test_id("round-notes")).to_contain_text("läs mig.txt")
    expect(facilitator.locator("select[name=file-0-region]")).to_have_value("halland")
    expect(facilitator.locator("select[name=file-1-region]")).to_have_value("skane")
    expect(facilitator.locator("select[name=round-consent_all]")).to_have_value("")
    no_serious_violations(facilitator)
    fits_a_phone(facilitator)

    facilitator.locator("select[name=round-round]").select_option("new")
    facilitator.locator("input[name=round-title]").fill("Hemläxa 2024")
    facilitator.locator("input[name=round-day]").fill("2024-10-31")
    facilitator.locator("select[name=round-consent_all]").select_option("anonymous")
    facilitator.locator("button[value=save]").click()

    # Jämför omgångar, with last year's round beside this one.
    expect(facilitator).to_have_url(
        re.compile(rf"/synthesis/a/{assignment.pk}/compare/\?with=\d+$")
    )
    expect(facilitator.locator(".nav-link.active")).to_have_text("Jämför omgångar")
    expect(facilitator.get_by_test_id("compare-summary")).to_contain_text("Hemläxa 2024")
    expect(facilitator.get_by_test_id("change-table")).to_be_visible()
    earlier = Assignment.objects.get(title_sv="Hemläxa 2024")
    assert set(
        Submission.objects.filter(assignment=earlier).values_list("region__slug", "state")
    ) == {("halland", "submitted"), ("skane", "submitted")}
