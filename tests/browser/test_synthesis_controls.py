"""The synthesis's controls say what they are and do (issue 12): the tabs stay on one row
on a laptop, *Exportera* looks like a button one can press, the quote button says what to
do, and Plotly's toolbar never covers a chart's legend."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from demo import demo_data
from submissions.models import Assignment

from .conftest import BROWSER, TIMEOUT_MS, choose_language, login

pytestmark = BROWSER

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])


@pytest.fixture
def open_as_facilitator(browser, live_server, demo):
    contexts = []

    def open_page(path, viewport, language="sv"):
        context = browser.new_context(locale="sv-SE", viewport=viewport)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        choose_language(page, live_server, language)
        facilitator = get_user_model().objects.get(username="facilitator")
        login(page, live_server, facilitator, password="demo")
        page.goto(live_server.url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_synthesis_tabs_stay_on_one_row_on_a_laptop(open_as_facilitator, demo, language):
    for tab in ("", "compare/"):
        page = open_as_facilitator(f"/synthesis/a/{demo.pk}/{tab}", LAPTOP, language)
        tabs = page.locator(".nav-tabs .nav-link")
        expect(tabs).to_have_count(6)  # the demo has two rounds: Jämför omgångar is there
        tops = {round(tabs.nth(n).bounding_box()["y"]) for n in range(6)}
        assert len(tops) == 1, f"flikarna ligger på {len(tops)} rader ({language}, {tab})"
        # Every tab is on screen: none hides behind the strip's edge at this size.
        strip = page.locator(".nav-tabs").bounding_box()
        last = tabs.nth(5).bounding_box()
        assert last["x"] + last["width"] <= strip["x"] + strip["width"] + 0.5


def test_on_a_phone_the_tab_strip_scrolls_to_the_open_tab(open_as_facilitator, demo):
    page = open_as_facilitator(f"/synthesis/a/{demo.pk}/compare/", PHONE)
    active = page.locator(".nav-tabs .nav-link.active")
    expect(active).to_have_text("Jämför omgångar")
    box = active.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]


def test_export_looks_like_a_button_one_can_press(open_as_facilitator, demo):
    page = open_as_facilitator(f"/synthesis/a/{demo.pk}/", LAPTOP)
    export = page.locator("summary", has_text="Exportera")
    deck = page.get_by_role("link", name="Workshopbildspel")
    style = "el => [getComputedStyle(el).color, getComputedStyle(el).borderColor]"
    # Not the grey of a disabled-looking control: the colours of the active button beside it.
    assert export.evaluate(style) == deck.evaluate(style)
    # It shows that it opens a menu.
    caret = export.evaluate("el => getComputedStyle(el, '::after').borderTopStyle")
    assert caret == "solid"
    export.click()
    expect(page.get_by_role("link", name="Utskriftsvänlig rapport")).to_be_visible()


def overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_chart_toolbar_never_covers_a_legend(open_as_facilitator, demo, viewport):
    for path in (f"/synthesis/a/{demo.pk}/", f"/synthesis/a/{demo.pk}/compare/"):
        page = open_as_facilitator(path, viewport)
        charts = page.locator(".chart[data-figure]:has(.legend)")
        expect(charts.first).to_be_visible()
        for n in range(charts.count()):
            chart = charts.nth(n)
            chart.scroll_into_view_if_needed()
            chart.hover()  # the toolbar shows while the pointer is over the chart
            toolbar = chart.locator(".modebar")
            expect(toolbar).to_be_visible()
            legend = chart.locator(".legend").bounding_box()
            assert not overlap(toolbar.bounding_box(), legend), f"{path} diagram {n + 1}"


def test_add_selection_as_quote_says_what_to_do_without_a_selection(
    page, live_server, alice, interview
):
    choose_language(page, live_server, "en")
    login(page, live_server, alice)
    page.goto(f"{live_server.url}/interviews/{interview.pk}/")
    button = page.get_by_role("button", name="Add selection as quote")
    status = page.locator("[data-add-quote-status]")
    quotes = page.locator("[data-quotes-field]")
    before = quotes.input_value()
    button.click()
    # Nothing is added, and the page says why and what to do, to screen readers too.
    expect(status).to_have_text(
        "First select words in the answers above, then press the button again."
    )
    expect(status).to_have_attribute("aria-live", "polite")
    assert quotes.input_value() == before
    # With words selected the quote is added, and the page says so.
    page.locator("[data-answers-field]").evaluate("el => el.setSelectionRange(0, 8)")
    button.click()
    expect(status).to_have_text("Added to the quotes below.")
    assert quotes.input_value().endswith("Regionen")
