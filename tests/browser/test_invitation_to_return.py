"""A round's first day in a real browser, with its mail going through a real SMTP server:
a facilitator invites a coordinator, who sets a password from the mail's link, writes and
hands in; the facilitator hears of it by mail and returns the homework; the coordinator's
mail holds the comment."""

import re

import pytest
from playwright.sync_api import expect

from submissions.models import Submission
from tests.conftest import body_of, link_in

from .conftest import BROWSER, login
from .test_homework_flow import INTERVIEWS, STATEMENT, add_interview, submit_button

pytestmark = BROWSER

NEW_PASSWORD = "Hallandsåsen-2026!"
ADDRESS = "asa.lindqvist@regionhalland.example"
COMMENT = "Lägg till en intervju med ett bibliotek, tack! Åsa på REGLAB"


@pytest.fixture
def mail(smtp, settings, live_server):
    """Links in mails point to the test's server."""
    settings.SITE_URL = live_server.url
    return smtp


def test_an_invited_coordinator_hands_in_and_hears_that_it_was_returned(
    new_context, live_server, mail, assignment, fiona
):
    # Fiona invites Halland's new coordinator from the page of regions and coordinators.
    facilitator = new_context().new_page()
    login(facilitator, live_server, fiona)
    facilitator.goto(f"{live_server.url}/people/")
    halland = facilitator.locator("[data-region=halland]")
    expect(halland).to_contain_text("Halland")
    halland.locator("a[href*='/people/invite/']").click()
    expect(facilitator.locator("select[name=region]")).to_have_value(
        re.compile(r".+")  # preselected from the region's link
    )
    facilitator.locator("input[name=email]").fill(ADDRESS)
    facilitator.locator("input[name=name]").fill("Åsa Lindqvist")
    facilitator.locator("form:has(input[name=email]) [type=submit]").click()
    expect(facilitator.locator(".alert-success")).to_contain_text(ADDRESS)
    expect(facilitator.locator("[data-region=halland]")).to_contain_text(ADDRESS)

    # The invitation reaches the SMTP server, in Swedish, with a one-time link.
    invitation = mail.wait_for(1)[0]
    assert invitation["To"] == ADDRESS
    assert "Halland" in body_of(invitation)
    link = link_in(invitation, "/invitation/")

    # Åsa follows it, chooses her password and is logged in on her region's home page.
    coordinator = new_context().new_page()
    coordinator.goto(live_server.url + link)
    expect(coordinator.locator("h1")).to_contain_text("Åsa")
    coordinator.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    coordinator.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    coordinator.locator("form:has(input[name=new_password1]) [type=submit]").click()
    expect(coordinator).to_have_url(f"{live_server.url}/")
    expect(coordinator.locator(".alert-success")).to_be_visible()

    # The link has done its work: a second use says so.
    again = new_context().new_page()
    again.goto(live_server.url + link)
    expect(again.locator("main")).to_contain_text("redan")  # "…har redan använts"
    expect(again.locator("input[name=new_password1]")).to_have_count(0)

    # She logs in again with her e-mail and the password, writes and hands in.
    coordinator.context.clear_cookies()
    coordinator.goto(f"{live_server.url}/login/")
    coordinator.locator("input[name=username]").fill(ADDRESS)
    coordinator.locator("input[name=password]").fill(NEW_PASSWORD)
    coordinator.locator("form:has(input[name=password]) [type=submit]").click()
    expect(coordinator).to_have_url(f"{live_server.url}/")
    card = coordinator.get_by_test_id("assignment-card")
    card.locator("form[action*='/homework/assignment/'] [type=submit]").click()
    expect(coordinator).to_have_url(re.compile(r"/homework/\d+/$"))
    coordinator.locator("a[href$='/statement/']").click()
    coordinator.locator("textarea[name=statement]").fill(STATEMENT)
    coordinator.locator("#statement-form [type=submit]").click()
    expect(coordinator.locator(".alert-success")).to_be_visible()
    for values in INTERVIEWS:
        add_interview(coordinator, values)
    submit_button(coordinator).click()
    expect(coordinator.locator(".badge.text-bg-success")).to_be_visible()
    submission = Submission.objects.get(region__slug="halland", assignment=assignment)
    assert submission.state == Submission.State.SUBMITTED

    # Fiona's mail says that Halland handed in, with a link to the homework.
    handed_in = mail.wait_for(2)[1]
    assert handed_in["To"] == fiona.email
    assert "Halland" in handed_in["Subject"] + body_of(handed_in)
    facilitator.goto(live_server.url + link_in(handed_in, f"/homework/{submission.pk}/"))

    # She returns it with a comment; Åsa's mail holds the comment, å and all.
    facilitator.locator("textarea[name=comment]").fill(COMMENT)
    facilitator.locator("form[action$='/return/'] [type=submit]").click()
    expect(facilitator.get_by_test_id("return-comment")).to_contain_text(COMMENT)
    returned = mail.wait_for(3)[2]
    assert returned["To"] == ADDRESS
    assert COMMENT in body_of(returned)
    coordinator.goto(live_server.url + link_in(returned, f"/homework/{submission.pk}/"))
    expect(coordinator.get_by_test_id("return-comment")).to_contain_text(COMMENT)

    # Every mail leads to the page where its kind can be turned off.
    for message in (invitation, handed_in, returned):
        assert f"{live_server.url}/settings/" in body_of(message)
