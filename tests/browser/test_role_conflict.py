"""Role picks take part in the conflict check like the text (issue 11, item 5): a tab
opened earlier cannot put its old picks back over a colleague's, or one's own, newer ones."""

import re

from playwright.sync_api import expect

from submissions.models import ConflictCopy, Submission
from synthesis.models import Role

from .conftest import BROWSER, login

pytestmark = BROWSER


def role_box(page, role):
    return page.locator(f"#statement-form input[name=self_roles][value='{role.pk}']")


def test_old_role_picks_of_an_earlier_tab_do_not_overwrite_the_saved_ones(
    context, live_server, submission, alice
):
    funder = Role.objects.get(slug="finansiar")
    door_opener = Role.objects.get(slug="dorroppnare")
    submission.statement = "Utkast från förra veckan."
    submission.statement_revision = 1
    submission.save()
    submission.self_roles.set([funder])
    statement_url = f"{live_server.url}/homework/{submission.pk}/statement/"

    # Two tabs of one coordinator; tab B was opened first and still shows the old picks.
    tab_b = login(context.new_page(), live_server, alice)
    tab_b.goto(statement_url)
    expect(role_box(tab_b, funder)).to_be_checked()
    tab_a = context.new_page()
    tab_a.goto(statement_url)

    with tab_a.expect_response(re.compile(r"/statement/autosave/$")):  # ticking autosaves
        role_box(tab_a, funder).uncheck()
        role_box(tab_a, door_opener).check()
    tab_a.locator("#statement-form [type=submit]").click()
    expect(tab_a).to_have_url(re.compile(rf"/homework/{submission.pk}/$"))
    assert list(submission.self_roles.all()) == [door_opener]

    # Tab B types: its autosave sends the text with its old picks and its old revision.
    b_text = "Flik B: Vi finansierar projekt och samordnar kommunerna."
    tab_b.locator("textarea[name=statement]").fill(b_text)
    expect(tab_b.locator("[data-autosave-status]")).to_have_class(re.compile(r"\btext-danger\b"))

    saved = Submission.objects.get(pk=submission.pk)
    assert list(saved.self_roles.all()) == [door_opener]  # tab A's picks are still stored
    assert saved.statement == "Utkast från förra veckan."
    copy = ConflictCopy.objects.get(submission=submission, resolved=False)
    assert (copy.text, copy.roles) == (b_text, ["finansiar"])

    # The kept text and picks are on the homework page, to be merged.
    tab_b.goto(f"{live_server.url}/homework/{submission.pk}/")
    expect(tab_b.locator("pre.conflict-text")).to_have_text(b_text)
    expect(tab_b.get_by_test_id("conflict-roles")).to_contain_text(funder.name_sv)
    expect(tab_b.get_by_test_id("statement")).to_have_text("Utkast från förra veckan.")
