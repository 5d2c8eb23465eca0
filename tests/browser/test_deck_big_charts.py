"""A big network in a real browser: the heat map is read a page of regions at a time with
its table for screen readers, and the deck shows a few slides of the regions that agree
most, saying where the rest are."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from submissions.models import Assignment
from synthesis import dashboards
from workshop import selectors

from .conftest import BROWSER, TIMEOUT_MS, choose_language, login

pytestmark = BROWSER

PER_PAGE = dashboards.HEATMAP_REGIONS_PER_PAGE


@pytest.fixture
def network(db):
    """60 regions that handed in: two pages of the heat map."""
    call_command("generate_data", regions=60, interviews=2, sentences=3, verbosity=0)
    return Assignment.objects.get(title_sv="Generated load")


@pytest.fixture
def page(browser, live_server, fiona):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    choose_language(page, live_server, "en")
    login(page, live_server, fiona)
    yield page
    context.close()
    assert not errors, errors


def table_rows(page):
    return page.locator(".chart-data-table tbody tr")


def test_the_heat_map_pages_through_the_regions_with_its_table(page, live_server, network):
    page.goto(f"{live_server.url}/synthesis/a/{network.pk}/heatmap/")
    expect(page.get_by_text("Page 1 of 2: regions 1–40 of 60").first).to_be_visible()
    page.get_by_text("The chart’s numbers as a table").click()
    expect(table_rows(page)).to_have_count(PER_PAGE)
    first = table_rows(page).first.locator("th").inner_text()

    page.get_by_test_id("heatmap-next-top").click()

    expect(page).to_have_url(re.compile(r"page=2"))
    page.get_by_text("The chart’s numbers as a table").click()
    expect(table_rows(page)).to_have_count(60 - PER_PAGE)
    last = table_rows(page).last.locator("th").inner_text()
    page.get_by_placeholder("Find a region").fill(last)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("1 region matches.")).to_be_visible()
    page.get_by_text("The chart’s numbers as a table").click()
    expect(table_rows(page)).to_have_count(1)
    expect(table_rows(page).first).to_contain_text(last)
    assert last != first


def test_the_deck_shows_a_few_slides_of_regions_and_where_the_rest_are(page, live_server, network):
    page.goto(f"{live_server.url}/workshop/{network.pk}/")
    heatmaps = page.locator(".slide:has([data-chart=region_heatmap])")
    expect(heatmaps).to_have_count(selectors.MAX_REGION_SLIDES)
    number = 1 + page.evaluate(
        """() => [...document.querySelectorAll('.slide')]
            .findIndex(s => s.querySelector('[data-chart=region_heatmap]'))"""
    )
    page.goto(f"{live_server.url}/workshop/{network.pk}/#{number}")
    page.reload()
    current = page.locator(".slide.is-current")
    expect(current.locator("[data-testid=chart-note]")).to_contain_text(
        "of 60 regions that agree most"
    )
    expect(current.locator(".slide-chart .main-svg").first).to_be_visible()
