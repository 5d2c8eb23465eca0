"""Nothing typed is lost (issue 11): a save under way, failed saves, two tabs, a huge paste."""

import json
import re

from playwright.sync_api import expect

from submissions.models import ConflictCopy, Submission

from .conftest import BROWSER, TIMEOUT_MS, choose_language, login
from .test_autosave import (
    autosave_status,
    expect_saved_by_autosave,
    saved_statement,
    statement_field,
    statement_url,
)

pytestmark = BROWSER

AUTOSAVE = "**/statement/autosave/"
ERROR = re.compile(r"\btext-danger\b")


def wait_for(page, condition, what: str):
    """Let the page run until `condition()` holds (it may need a server answer)."""
    for _ in range(TIMEOUT_MS // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {what}")


def browser_copies(page, submission) -> list[str]:
    """The statements kept in this browser's localStorage for the submission."""
    copies = page.evaluate(
        """key => Object.keys(localStorage)
            .filter(k => k === key || k.startsWith(key + ":"))
            .map(k => localStorage.getItem(k))""",
        f"reglab:statement-{submission.pk}",
    )
    return [json.loads(copy)["values"]["statement"] for copy in copies]


def test_text_typed_while_a_save_is_under_way_is_kept_until_the_server_has_it(
    context, page, live_server, submission, alice
):
    choose_language(page, live_server, "en")
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    held = []
    page.route(AUTOSAVE, lambda route: held.append(route))

    first = "Regionen samordnar."
    statement_field(page).fill(first)
    wait_for(page, lambda: len(held) == 1, "the first save")
    # More typing while the first save is under way; then the first save succeeds.
    second = first + " Och stöttar kommunerna i länet."
    statement_field(page).fill(second)
    held[0].continue_()
    wait_for(page, lambda: saved_statement(submission) == first, "the first save to arrive")
    # The save of the rest fails: the network dropped.
    wait_for(page, lambda: len(held) == 2, "the second save")
    held[1].abort()
    expect(autosave_status(page)).to_contain_text("kept in this browser")
    expect(autosave_status(page)).to_have_class(ERROR)
    assert browser_copies(page, submission) == [second]

    # The tab closes before a retry: the next visit puts the rest back and saves it.
    page.close()
    again = context.new_page()
    again.goto(statement_url(live_server, submission))
    expect(statement_field(again)).to_have_value(second)
    expect_saved_by_autosave(again, submission, second)
    assert browser_copies(again, submission) == []


def test_a_failed_save_is_tried_again_without_more_typing(page, live_server, submission, alice):
    choose_language(page, live_server, "en")
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    answers = []

    def server_error_once(route):
        answers.append(route.request.url)
        if len(answers) == 1:
            route.fulfill(status=502, content_type="text/html", body="<h1>Bad Gateway</h1>")
        else:
            route.continue_()

    page.route(AUTOSAVE, server_error_once)
    text = "Regionen är en röst för länet."
    statement_field(page).fill(text)
    expect(autosave_status(page)).to_contain_text("error 502")
    expect(autosave_status(page)).to_contain_text("Next try at")
    expect(autosave_status(page)).not_to_contain_text("logged out")
    assert saved_statement(submission) == ""

    expect_saved_by_autosave(page, submission, text)
    assert len(answers) == 2
    assert browser_copies(page, submission) == []


def test_text_typed_offline_is_saved_when_the_connection_is_back(
    context, page, live_server, submission, alice
):
    choose_language(page, live_server, "en")
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    context.set_offline(True)
    text = "Skrivet utan nät: regionen samordnar."
    statement_field(page).fill(text)
    expect(autosave_status(page)).to_contain_text("No connection")
    expect(autosave_status(page)).to_contain_text("Next try at")

    context.set_offline(False)
    expect_saved_by_autosave(page, submission, text)


def test_the_status_does_not_claim_the_browser_kept_text_it_could_not_keep(
    context, page, live_server, submission, alice
):
    # The browser's storage is full.
    page.add_init_script(
        """Storage.prototype.setItem = function () {
            throw new DOMException("full", "QuotaExceededError");
        };"""
    )
    choose_language(page, live_server, "en")
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    context.set_offline(True)
    text = "Text som bara finns i fliken."
    statement_field(page).press_sequentially("Text ")
    statement_field(page).fill(text)
    expect(autosave_status(page)).to_contain_text("NOT saved anywhere yet")
    expect(autosave_status(page)).to_contain_text("keep this tab open")
    expect(autosave_status(page)).not_to_contain_text("kept in this browser")

    # Closing the tab now would lose the text: the browser asks first.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    wait_for(page, lambda: dialogs, "the question before closing")
    assert dialogs == ["beforeunload"]
    assert not page.is_closed()

    context.set_offline(False)
    expect_saved_by_autosave(page, submission, text)


def two_tabs_typing_offline(context, live_server, submission, alice):
    submission.statement = "Utkast från förra veckan."
    submission.statement_revision = 1
    submission.save()
    first = context.new_page()
    choose_language(first, live_server, "en")
    login(first, live_server, alice)
    first.goto(statement_url(live_server, submission))
    second = context.new_page()
    second.goto(statement_url(live_server, submission))

    context.set_offline(True)
    texts = (
        "Flik A: regionen samordnar insatserna.",
        "Flik B: regionen är en röst för länet.",
    )
    for tab, text in zip((first, second), texts, strict=True):
        statement_field(tab).fill(text)
        expect(autosave_status(tab)).to_contain_text("No connection")
    return first, second, texts


def expect_both_texts_kept(page, live_server, submission, saved, kept):
    wait_for(page, lambda: ConflictCopy.objects.filter(submission=submission).exists(), "a copy")
    assert saved_statement(submission) == saved
    copies = ConflictCopy.objects.filter(submission=submission, resolved=False)
    assert [c.text for c in copies] == [kept]
    page.goto(f"{live_server.url}/homework/{submission.pk}/")
    expect(page.get_by_test_id("statement")).to_have_text(saved)
    expect(page.locator("pre.conflict-text")).to_have_text(kept)


def test_two_tabs_typing_offline_keep_both_texts_when_one_closes(
    context, live_server, submission, alice
):
    first, second, (text_a, text_b) = two_tabs_typing_offline(
        context, live_server, submission, alice
    )
    first.close()
    context.set_offline(False)

    # The open tab saves its own text, then the closed tab's beside it.
    expect_saved_by_autosave(second, submission, text_b)
    expect(autosave_status(second)).to_contain_text("another tab")
    expect_both_texts_kept(second, live_server, submission, text_b, text_a)
    assert browser_copies(second, submission) == []


def test_two_tabs_whose_saves_fail_each_get_their_own_text_back_after_a_reload(
    context, live_server, submission, alice
):
    first, second, (text_a, text_b) = two_tabs_typing_offline(
        context, live_server, submission, alice
    )
    # Back online, but no save gets through yet; each tab is reloaded.
    for tab in (first, second):
        tab.route(AUTOSAVE, lambda route: route.abort())
    context.set_offline(False)
    for tab, text in zip((first, second), (text_a, text_b), strict=True):
        tab.reload()
        expect(statement_field(tab)).to_have_value(text)
        expect(autosave_status(tab)).to_have_class(ERROR)

    # Saves get through again: at the next visit, each tab saves its own text.
    for tab in (first, second):
        tab.unroute(AUTOSAVE)
        tab.reload()
    wait_for(second, lambda: ConflictCopy.objects.filter(submission=submission).exists(), "a copy")
    saved = saved_statement(submission)
    assert saved in (text_a, text_b)
    expect_both_texts_kept(
        second, live_server, submission, saved, text_b if saved == text_a else text_a
    )


def test_saving_in_one_tab_does_not_drop_another_tabs_unsaved_text(
    context, live_server, submission, alice
):
    first = login(context.new_page(), live_server, alice)
    first.goto(statement_url(live_server, submission))
    second = context.new_page()
    second.goto(statement_url(live_server, submission))
    # The second tab's saves do not get through.
    second.route(AUTOSAVE, lambda route: route.abort())
    text_b = "Flik B: text som inte har sparats än."
    statement_field(second).fill(text_b)
    expect(autosave_status(second)).to_have_class(ERROR)

    text_a = "Flik A: sparad med knappen."
    statement_field(first).fill(text_a)
    first.locator("#statement-form [type=submit]").click()
    expect(first).to_have_url(re.compile(rf"/homework/{submission.pk}/$"))
    assert saved_statement(submission) == text_a

    # The second tab closes. The next tab on the form sends its text to the server,
    # which keeps it beside A's (it was typed on the older text).
    second.close()
    third = context.new_page()
    third.goto(statement_url(live_server, submission))
    expect(statement_field(third)).to_have_value(text_a)
    wait_for(third, lambda: ConflictCopy.objects.filter(submission=submission).exists(), "a copy")
    assert saved_statement(submission) == text_a
    assert [c.text for c in ConflictCopy.objects.filter(submission=submission)] == [text_b]
    wait_for(third, lambda: browser_copies(third, submission) == [], "the copy to be dropped")


def test_a_paste_too_large_to_save_names_the_limit_and_stays_in_the_browser(
    page, live_server, submission, alice
):
    choose_language(page, live_server, "en")
    login(page, live_server, alice)
    page.goto(statement_url(live_server, submission))
    sent = []
    page.on("request", lambda r: sent.append(r.url) if "/autosave/" in r.url else None)

    # Over 2.5 MB in UTF-8; the field's maxlength stops typing, not a script.
    huge = "Vi är en röst för länet – åäö. " * 80_000
    page.evaluate(
        """text => {
            const field = document.querySelector("textarea[name=statement]");
            field.value = text;
            field.dispatchEvent(new Event("input", { bubbles: true }));
        }""",
        huge,
    )
    status = autosave_status(page)
    expect(status).to_contain_text(re.compile(r"at most 2\.5\sMB"))
    expect(status).to_contain_text("kept in this browser")
    expect(status).not_to_contain_text("logged out")
    expect(status).to_have_class(ERROR)
    assert Submission.objects.get(pk=submission.pk).statement == ""

    page.reload()
    assert statement_field(page).input_value() == huge
    expect(status).to_contain_text(re.compile(r"at most 2\.5\sMB"))
    assert sent == []  # the browser knew the limit: nothing too large was sent


def test_a_new_interview_sent_back_with_errors_stays_in_the_browser(
    context, page, live_server, submission, alice
):
    login(page, live_server, alice)
    page.goto(f"{live_server.url}/interviews/new/{submission.pk}/")
    answers = "Regionen borde driva nätverket för kommunerna."
    page.locator("textarea[name=answers]").fill(answers)
    # Sent without the required fields: the form comes back with errors, nothing is saved.
    page.locator("form[data-autosave-key] [type=submit]").click()
    expect(page.locator(".is-invalid").first).to_be_visible()
    expect(page.locator("textarea[name=answers]")).to_have_value(answers)

    # The tab closes; the next visit to the form puts the answers back.
    page.close()
    again = context.new_page()
    again.goto(f"{live_server.url}/interviews/new/{submission.pk}/")
    expect(again.locator("textarea[name=answers]")).to_have_value(answers)
