"""The model's proposals in the review queue, with the keys: `c` confirms a proposal (a
tag now), `u` makes it a proposal again, `x` rejects it; the next decision always goes to
whichever it is at that moment."""

from playwright.sync_api import expect

from synthesis.models import LearnedModel, Proposal, Role, Tag

from .conftest import BROWSER, login

pytestmark = BROWSER

SENTENCE = "Regionen samordnar och stöttar oss."


def test_c_u_and_x_decide_a_proposal_in_the_queue(page, live_server, fiona, complete_submission):
    model = LearnedModel.objects.create(data=b"", report={})
    interview = complete_submission.interviews.first()
    start = interview.answers.index(SENTENCE)
    Proposal.objects.create(
        model=model,
        role=Role.objects.get(slug="natverksledare"),
        submission=complete_submission,
        interview=interview,
        field="answers",
        start=start,
        end=start + len(SENTENCE),
        match=SENTENCE,
        confidence=0.87,
        weights=[["stöttar", 1.2], ["samordnar", 0.4]],
    )
    login(page, live_server, fiona)
    page.goto(f"{live_server.url}/synthesis/review/")
    row = page.locator(".review-proposal")
    expect(row.locator("[data-testid=proposal-badge]")).to_contain_text("87 %")
    expect(row.locator("mark")).to_have_count(2)  # the words that weighed most

    row.focus()
    page.keyboard.press("c")
    expect(row).to_have_attribute("data-review", "confirmed")
    tag = Tag.objects.get(source="model")
    assert tag.review == "confirmed" and not Proposal.objects.exists()

    row.focus()
    page.keyboard.press("u")
    expect(row).to_have_attribute("data-review", "unreviewed")
    expect(row.locator("[data-undo]")).to_be_hidden()
    assert not Tag.objects.filter(source="model").exists()
    assert Proposal.objects.get().match == SENTENCE

    row.focus()
    page.keyboard.press("x")
    expect(row).to_have_attribute("data-review", "rejected")
    assert Tag.objects.get(source="model").review == "rejected"
    assert not Proposal.objects.exists()
