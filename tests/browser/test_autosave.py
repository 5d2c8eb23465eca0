"""Nothing typed is lost: autosave, a closed tab, an expired session, two coordinators."""

import re

from playwright.sync_api import expect

from interviews.models import Interview
from submissions.models import ConflictCopy, Submission
from tests.conftest import add_interview

from .conftest import BROWSER, choose_language, login

pytestmark = BROWSER

# The server's "Saved 12:03" (not "Next try at 12:03", which also holds a time).
SAVED_AT = re.compile(r"^(Saved|Sparat) \d\d:\d\d$")


def statement_url(live_server, submission):
    return f"{live_server.url}/homework/{submission.pk}/statement/"


def statement_field(page):
    return page.locator("textarea[name=statement]")


def autosave_status(page):
    return page.locator("[data-autosave-status]")


def saved_statement(submission) -> str:
    return Submission.objects.get(pk=submission.pk).statement


def expect_saved_by_autosave(page, submission, text):
    """The status shows the time of the save and the server has the text."""
    expect(autosave_status(page)).to_have_text(SAVED_AT)
    expect(autosave_status(page)).not_to_have_class(re.compile(r"\btext-danger\b"))
    assert saved_statement(submission) == text


def test_typing_saves_without_pressing_save(page, live_server, submission, alice):
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    expect(autosave_status(page)).to_have_text("")

    text = "Vi samordnar insatserna för nyanlända i Halland – på riktigt, även i Åsa."
    statement_field(page).press_sequentially(text[:20])
    statement_field(page).fill(text)
    expect_saved_by_autosave(page, submission, text)
    submission.refresh_from_db()
    assert submission.statement_saved_by == alice
    assert submission.state == Submission.State.DRAFT

    # A reload shows the saved text, with no "restored" notice, and the time of the save.
    page.reload()
    expect(statement_field(page)).to_have_value(text)
    expect(autosave_status(page)).to_have_text(SAVED_AT)


def test_text_typed_in_a_closed_tab_comes_back_and_is_saved(
    context, page, live_server, submission, alice
):
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    # The autosave request never reaches the server, as if the tab closed just then.
    page.route("**/statement/autosave/", lambda route: route.abort())
    text = "Text skriven strax innan fliken stängdes: vi är en röst för länet."
    statement_field(page).fill(text)
    page.close()
    assert saved_statement(submission) == ""

    again = context.new_page()
    again.goto(statement_url(live_server, submission))
    expect(statement_field(again)).to_have_value(text)
    expect_saved_by_autosave(again, submission, text)

    # Saved: the browser's copies are gone, so the next visit shows the server's text as is.
    kept = again.evaluate(
        "key => Object.keys(localStorage).filter(k => k.startsWith(key))",
        f"reglab:statement-{submission.pk}",
    )
    assert kept == []
    again.reload()
    expect(statement_field(again)).to_have_value(text)


def test_text_typed_after_the_session_expired_is_saved_after_logging_in(
    context, page, live_server, submission, alice
):
    choose_language(page, live_server, "sv")
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    first = "Första stycket sparas."
    statement_field(page).fill(first)
    expect_saved_by_autosave(page, submission, first)

    context.clear_cookies()  # the session expires
    text = first + " Andra stycket skrevs när sessionen hade gått ut – öäå."
    statement_field(page).fill(text)
    expect(autosave_status(page)).to_have_text(
        "Du är utloggad. Din text finns kvar i den här webbläsaren – logga in igen "
        "och öppna den här sidan, så sparas den."
    )
    expect(autosave_status(page)).to_have_class(re.compile(r"\btext-danger\b"))
    assert saved_statement(submission) == first

    # A visit to the page sends the user to log in.
    page.goto(statement_url(live_server, submission))
    expect(page).to_have_url(re.compile(r"/login/\?next="))
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    expect(statement_field(page)).to_have_value(text)
    expect_saved_by_autosave(page, submission, text)


def test_two_coordinators_editing_at_once_keep_both_texts(
    new_context, live_server, submission, alice, bob
):
    submission.statement = "Utkast från förra veckan."
    submission.statement_revision = 1
    submission.save()

    alice_page = new_context().new_page()
    bob_page = new_context().new_page()
    login(alice_page, live_server, alice)
    login(bob_page, live_server, bob)
    alice_page.goto(statement_url(live_server, submission))
    bob_page.goto(statement_url(live_server, submission))

    alice_text = "Alice: Region Halland samordnar och stöttar kommunerna."
    statement_field(alice_page).fill(alice_text)
    expect_saved_by_autosave(alice_page, submission, alice_text)

    # Bob still has the page he opened before Alice's save; he types and presses Save.
    bob_text = "Bob: Vi öppnar dörrar och är en röst för länet i Stockholm."
    statement_field(bob_page).fill(bob_text)
    bob_page.locator("#statement-form [type=submit]").click()

    conflict = bob_page.get_by_test_id("conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator("textarea")).to_have_value(bob_text)

    # Both texts are on the homework page, for both coordinators.
    for page in (bob_page, alice_page):
        page.goto(f"{live_server.url}/homework/{submission.pk}/")
        expect(page.get_by_test_id("statement")).to_have_text(alice_text)
        expect(page.locator("pre.conflict-text")).to_have_count(1)
        expect(page.locator("pre.conflict-text")).to_have_text(bob_text)
    assert saved_statement(submission) == alice_text  # nothing was overwritten
    copies = ConflictCopy.objects.filter(submission=submission, resolved=False)
    assert [(c.field, c.text, c.created_by) for c in copies] == [("statement", bob_text, bob)]


def test_conflict_page_shows_the_saved_text_in_the_field(
    new_context, live_server, submission, alice, bob
):
    """The conflict box says the field below now shows the saved text; it must."""
    alice_page = new_context().new_page()
    bob_page = new_context().new_page()
    login(alice_page, live_server, alice)
    login(bob_page, live_server, bob)
    alice_page.goto(statement_url(live_server, submission))
    bob_page.goto(statement_url(live_server, submission))

    alice_text = "Alice sparade först."
    statement_field(alice_page).fill(alice_text)
    expect_saved_by_autosave(alice_page, submission, alice_text)
    bob_text = "Bob sparade sedan."
    statement_field(bob_page).fill(bob_text)
    bob_page.locator("#statement-form [type=submit]").click()
    expect(bob_page.get_by_test_id("conflict")).to_be_visible()

    # Give autosave.js time to act (its delay is 1.2 s), then look at what Bob sees.
    bob_page.wait_for_timeout(2000)
    expect(statement_field(bob_page)).to_have_value(alice_text, timeout=1)
    expect(autosave_status(bob_page)).not_to_have_class(re.compile(r"\btext-danger\b"))
    assert ConflictCopy.objects.filter(submission=submission).count() == 1


def test_two_coordinators_editing_one_interview_keep_both_versions(
    new_context, live_server, submission, alice, bob
):
    interview = add_interview(submission, organisation="Kungsbacka kommun")
    url = f"{live_server.url}/interviews/{interview.pk}/"
    alice_page = new_context().new_page()
    bob_page = new_context().new_page()
    login(alice_page, live_server, alice)
    login(bob_page, live_server, bob)
    alice_page.goto(url)
    bob_page.goto(url)

    # Alice adds to the answers; autosave keeps them.
    alice_answers = interview.answers + " Alice: de vill att regionen driver nätverket."
    alice_page.locator("textarea[name=answers]").fill(alice_answers)
    expect(autosave_status(alice_page)).to_have_text(SAVED_AT)
    assert Interview.objects.get(pk=interview.pk).answers == alice_answers

    # Bob, on the page he opened before, renames the organisation and presses Save.
    bob_page.locator("input[name=organisation]").fill("Kungsbacka kommun, Bobs version")
    bob_page.locator("form[data-autosave-key] [type=submit]").click()
    conflict = bob_page.get_by_test_id("conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator("pre.conflict-text")).to_contain_text("Bobs version")
    # The form now shows the saved interview, as the box says.
    expect(bob_page.locator("input[name=organisation]")).to_have_value("Kungsbacka kommun")
    expect(bob_page.locator("textarea[name=answers]")).to_have_value(alice_answers)

    saved = Interview.objects.get(pk=interview.pk)
    assert (saved.organisation, saved.answers) == ("Kungsbacka kommun", alice_answers)
    bob_page.goto(f"{live_server.url}/homework/{submission.pk}/")
    expect(bob_page.locator("pre.conflict-text")).to_contain_text("Bobs version")
    expect(bob_page.get_by_test_id("interview")).to_contain_text("Kungsbacka kommun")
