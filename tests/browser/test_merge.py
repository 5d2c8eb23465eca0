"""Merging a kept copy where the conflict message points (issue 12): on the statement
page, beside the saved text, "Use this text" and "Use these role picks" put the kept copy
into the form (autosave saves it) and "Mark as merged" leaves the page clean."""

import re

from playwright.sync_api import expect

from submissions.models import ConflictCopy, Submission
from submissions.services import save_statement
from synthesis.models import Role

from .conftest import BROWSER, login

pytestmark = BROWSER


def test_a_coordinator_merges_the_kept_copy_on_the_statement_page(
    page, live_server, submission, alice, bob
):
    funder = Role.objects.get(slug="finansiar")
    save_statement(submission=submission, user=alice, statement="Alices text.", base_revision=0)
    kept = "Bobs text, som förlorade.\nAndra stycket."
    save_statement(
        submission=submission, user=bob, statement=kept, base_revision=0, self_roles=[funder]
    )
    copy = ConflictCopy.objects.get(submission=submission, resolved=False)

    login(page, live_server, alice)
    page.goto(f"{live_server.url}/homework/{submission.pk}/statement/")
    box = page.get_by_test_id("conflict")
    expect(box.get_by_test_id("conflict-saved")).to_have_text("Alices text.")
    expect(box.get_by_test_id("conflict-kept")).to_have_value(kept)

    autosave = re.compile(r"/statement/autosave/$")
    with page.expect_response(autosave):  # the editor's change is saved like typing
        box.locator("[data-use-text]").click()
    field = page.locator("#statement-form textarea[name=statement]")
    expect(field).to_have_value(kept)
    expect(field).to_be_focused()

    with page.expect_response(autosave):
        box.locator("[data-use-roles]").click()
    funder_box = page.locator(f"#statement-form input[name=self_roles][value='{funder.pk}']")
    expect(funder_box).to_be_checked()
    expect(page.locator("#statement-form input[name=self_roles]:checked")).to_have_count(1)
    saved = Submission.objects.get(pk=submission.pk)
    assert saved.statement == kept.replace("\r\n", "\n")
    assert list(saved.self_roles.all()) == [funder]

    box.locator("form button").click()  # Mark as merged
    expect(page).to_have_url(re.compile(rf"/homework/{submission.pk}/statement/$"))
    expect(page.get_by_test_id("conflict")).to_have_count(0)
    copy.refresh_from_db()
    assert copy.resolved
