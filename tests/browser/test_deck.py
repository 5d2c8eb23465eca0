"""The workshop deck in a real browser at projector size: keys, clicks, full screen, and
new homework appearing on the wall without a reload.

Every slide is saved as test-artifacts/deck/slide-NN.png for a person to look at.
"""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from demo import demo_data
from reglab.models import Region
from submissions.models import Assignment, Submission
from submissions.services import submit_submission
from tests.conftest import add_interview

from .conftest import BROWSER, TIMEOUT_MS, choose_language, login

pytestmark = BROWSER

SLIDES = Path(__file__).resolve().parents[2] / "test-artifacts" / "deck"
PROJECTOR = {"width": 1920, "height": 1080}
STAND_IN = re.compile(r"Region [A-Z]{1,2}\b")  # an anonymised region: synthesis/anonymity.py


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])


@pytest.fixture
def facilitator(demo):
    return get_user_model().objects.get(username="facilitator")


@pytest.fixture
def deck_page(browser, live_server, demo, facilitator):
    context = browser.new_context(locale="sv-SE", viewport=PROJECTOR)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    choose_language(page, live_server, "sv")  # the network works in Swedish
    login(page, live_server, facilitator, password="demo")
    page.goto(f"{live_server.url}/workshop/{demo.pk}/")
    yield page
    context.close()
    assert not errors, errors


def counter(page):
    return page.locator(".deck-counter")


def visible_slides(page) -> int:
    return page.evaluate(
        """() => [...document.querySelectorAll('.slide')]
            .filter(s => getComputedStyle(s).visibility === 'visible').length"""
    )


def expect_slide(page, number: int, total: int) -> None:
    expect(counter(page)).to_have_text(re.compile(rf"{number}\s*/\s*{total}"))
    assert visible_slides(page) == 1
    assert page.evaluate("location.hash") == f"#{number}"


def test_the_keys_and_clicks_move_through_the_deck(deck_page):
    page = deck_page
    total = page.locator(".slide").count()
    # The seed deck's 8, four comparisons (the two heat maps over two slides each), two
    # since the pilot round.
    assert total == 16
    expect_slide(page, 1, total)
    steps = [
        ("ArrowRight", 2),
        ("PageDown", 3),
        ("Space", 4),
        ("ArrowDown", 5),
        ("Enter", 6),
        ("ArrowLeft", 5),
        ("PageUp", 4),
        ("ArrowUp", 3),
        ("Backspace", 2),
        ("End", total),
        ("ArrowRight", total),  # stays on the last slide
        ("Home", 1),
        ("ArrowLeft", 1),
    ]
    for key, number in steps:
        page.keyboard.press(key)
        expect_slide(page, number, total)

    page.mouse.click(1500, 540)  # right half: forward
    expect_slide(page, 2, total)
    page.mouse.click(400, 540)  # left half: back
    expect_slide(page, 1, total)


def test_every_slide_is_screenshotted_at_projector_size(deck_page):
    page = deck_page
    SLIDES.mkdir(parents=True, exist_ok=True)
    for old in SLIDES.glob("slide-*.png"):
        old.unlink()
    total = page.locator(".slide").count()
    for number in range(1, total + 1):
        expect_slide(page, number, total)
        current = page.locator(".slide.is-current")
        if current.get_attribute("data-kind") == "chart":
            expect(current.locator(".main-svg").first).to_be_attached()
        page.screenshot(path=SLIDES / f"slide-{number:02d}.png")
        page.keyboard.press("ArrowRight")
    assert len(list(SLIDES.glob("slide-*.png"))) == total


def test_the_slides_are_big_enough_to_read_from_the_back(deck_page):
    page = deck_page
    page.keyboard.press("ArrowRight")
    sizes = page.evaluate(
        """() => {
            const slide = document.querySelector('.slide.is-current');
            const px = el => parseFloat(getComputedStyle(el).fontSize);
            return {title: px(slide.querySelector('.slide-title')),
                    body: px(slide.querySelector('.bullets li'))};
        }"""
    )
    assert sizes["title"] >= 60
    assert sizes["body"] >= 28


def test_a_reload_keeps_the_place(deck_page):
    page = deck_page
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    page.reload()
    expect_slide(page, 15, 16)


def test_f_asks_for_full_screen(deck_page):
    page = deck_page
    page.keyboard.press("f")
    page.wait_for_function(
        """() => document.fullscreenElement !== null
            || document.querySelector('[data-deck]').classList.contains('is-fullscreen')"""
    )
    page.keyboard.press("Escape")
    page.wait_for_function(
        """() => document.fullscreenElement === null
            && !document.querySelector('[data-deck]').classList.contains('is-fullscreen')"""
    )


def test_n_turns_region_names_on_and_off_on_the_same_slide(deck_page):
    page = deck_page
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # the agreement chart: "Region …" stand-ins by default
    expect(page.locator(".slide.is-current")).to_contain_text(STAND_IN)
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(r"\?names=1#14$"))
    expect(page.locator(".slide.is-current")).to_contain_text("Halland")
    expect(page.locator(".slide.is-current")).not_to_contain_text(STAND_IN)
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(r"\?names=0#14$"))
    expect(page.locator(".slide.is-current")).to_contain_text(STAND_IN)


def test_l_switches_the_deck_to_english_on_the_same_slide(deck_page):
    page = deck_page
    page.keyboard.press("ArrowRight")
    expect(page.locator(".slide.is-current .slide-title")).to_have_text("Hemläxa")
    page.keyboard.press("l")
    expect(page.locator(".slide.is-current .slide-title")).to_have_text("Homework")
    expect_slide(page, 2, 16)


def hand_in_kronoberg(demo, facilitator) -> None:
    submission = Submission.objects.create(
        assignment=demo,
        region=Region.objects.get(slug="kronoberg"),
        statement="Region Kronoberg samordnar integrationsarbetet och stöttar kommunerna.",
        statement_revision=1,
    )
    for n in range(1, 4):
        add_interview(submission, n)
    submit_submission(submission=submission, user=facilitator)


def test_new_homework_appears_on_the_wall_without_a_reload(deck_page, demo, facilitator):
    page = deck_page
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    received = page.locator(".slide.is-current [data-testid=received-regions]")
    expect(received).to_be_visible()
    expect(received).not_to_contain_text("Kronoberg")
    page.evaluate("window.deckMarker = 'still the same page'")
    shown = page.locator("[data-slides]").get_attribute("data-version")
    # Nothing new: the deck asks for the version only, never for the slides.
    with page.expect_request(re.compile(r"/version/")):
        pass
    assert not [url for url in requests if "partial=1" in url]

    hand_in_kronoberg(demo, facilitator)

    expect(received).to_contain_text("Kronoberg", timeout=10_000)
    assert page.evaluate("window.deckMarker") == "still the same page"
    # Still on the same slide; the three new municipality quotes add slides after it.
    expect_slide(page, 3, page.locator(".slide").count())
    expect(page.locator(".slide.is-current")).to_contain_text("13 av 21 regioner har lämnat in")
    # It fetched the slides only once the data had changed, saying which it had.
    fetched = [url for url in requests if "partial=1" in url]
    assert fetched
    assert f"have={shown}" in fetched[0]
    assert all("have=" in url for url in fetched)


def test_while_the_new_slides_are_built_the_deck_keeps_the_old_and_asks_again(
    deck_page, demo, facilitator
):
    """The server answers 204 while another request or the worker builds the new slides
    (workshop/views.py): the deck keeps what it shows and fetches them at a later tick."""
    page = deck_page
    answers = []

    def not_ready_the_first_time(route):
        if not answers:
            answers.append(204)
            route.fulfill(status=204, body="")
        else:
            answers.append("slides")
            route.continue_()

    page.route(re.compile(r"[?&]partial=1"), not_ready_the_first_time)
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    received = page.locator(".slide.is-current [data-testid=received-regions]")
    expect(received).not_to_contain_text("Kronoberg")

    hand_in_kronoberg(demo, facilitator)

    expect(received).to_contain_text("Kronoberg", timeout=15_000)
    assert answers[:2] == [204, "slides"]
    expect_slide(page, 3, page.locator(".slide").count())
