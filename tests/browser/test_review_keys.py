"""The review queue's keys (issue 12): `u` undoes the last decision, not the row the focus
has moved on to, and *Ångra* (Undo) shows only on decided rows."""

from playwright.sync_api import expect

from synthesis.models import Tag
from synthesis.services import retag_corpus

from .conftest import BROWSER, login

pytestmark = BROWSER


def rows(page, count):
    ids = page.locator(".review-item").evaluate_all(
        "items => items.map(item => item.dataset.tagId)"
    )
    return [page.locator(f".review-item[data-tag-id='{pk}']") for pk in ids[:count]], ids


def reviews(ids):
    found = dict(Tag.objects.filter(pk__in=ids).values_list("pk", "review"))
    return [found[int(pk)] for pk in ids]


def test_u_undoes_the_last_decision_after_the_focus_has_moved_on(
    page, live_server, fiona, complete_submission
):
    retag_corpus()
    login(page, live_server, fiona)
    page.goto(f"{live_server.url}/synthesis/review/")
    (first, second, third), ids = rows(page, 3)
    ids = ids[:3]

    # Nothing is decided yet: no row offers to undo.
    expect(page.locator(".review-item [data-undo]:visible")).to_have_count(0)

    first.focus()
    page.keyboard.press("c")
    expect(first).to_have_attribute("data-review", "confirmed")
    expect(second).to_be_focused()
    page.keyboard.press("x")
    expect(second).to_have_attribute("data-review", "rejected")
    expect(third).to_be_focused()
    # Undo shows on the two decided rows only.
    expect(first.locator("[data-undo]")).to_be_visible()
    expect(second.locator("[data-undo]")).to_be_visible()
    expect(third.locator("[data-undo]")).to_be_hidden()

    # The focus is on the third, undecided row; `u` undoes the rejection of the second.
    page.keyboard.press("u")
    expect(second).to_have_attribute("data-review", "unreviewed")
    expect(second).to_be_focused()
    expect(second.locator("[data-undo]")).to_be_hidden()
    assert reviews(ids) == ["confirmed", "unreviewed", "unreviewed"]

    # Again: the decision before that.
    page.keyboard.press("u")
    expect(first).to_have_attribute("data-review", "unreviewed")
    expect(page.locator(".review-item [data-undo]:visible")).to_have_count(0)
    assert reviews(ids) == ["unreviewed", "unreviewed", "unreviewed"]


def test_undo_shows_on_rows_decided_before_the_page_was_opened(
    page, live_server, fiona, complete_submission
):
    retag_corpus()
    tag = Tag.objects.filter(source="auto").first()
    Tag.objects.filter(pk=tag.pk).update(review="confirmed")
    login(page, live_server, fiona)
    page.goto(f"{live_server.url}/synthesis/homework/{complete_submission.pk}/")
    decided = page.locator(f".review-item[data-tag-id='{tag.pk}']")
    expect(decided.locator("[data-undo]")).to_be_visible()
    expect(page.locator(".review-item [data-undo]:visible")).to_have_count(1)

    decided.focus()
    page.keyboard.press("u")  # nothing decided on this page yet: the focused, decided row
    expect(decided.locator("[data-undo]")).to_be_hidden()
    tag.refresh_from_db()
    assert tag.review == "unreviewed"
