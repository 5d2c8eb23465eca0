"""Big networks: the regions × roles heat map is read a page of regions at a time, and the
deck shows the regions that agree most on a bounded number of slides, saying where the
rest are; neither grows with the number of regions."""

import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from submissions.models import Assignment
from synthesis import dashboards, frames
from workshop import selectors

from .conftest import login
from .test_workshop import deck_url, slides_of

PER_PAGE = dashboards.HEATMAP_REGIONS_PER_PAGE


def generate(regions: int) -> Assignment:
    """`regions` more generated regions, each with homework handed in."""
    call_command("generate_data", regions=regions, interviews=2, sentences=3, verbosity=0)
    return Assignment.objects.get(title_sv="Generated load")


@pytest.fixture
def network(db):
    """120 regions that handed in."""
    return generate(120)


def heatmap_page(client, assignment, query: str = "") -> tuple[str, list[str]]:
    """The page's HTML and the regions (rows) of its chart, from the top."""
    url = reverse("synthesis:heatmap", args=[assignment.pk]) + (f"?{query}" if query else "")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    found = re.search(r'<script id="fig-heatmap" type="application/json">(.*?)</script>', html)
    rows = json.loads(found.group(1))["layout"]["meta"]["regions"] if found else []
    return html, rows


def next_link(html: str) -> str | None:
    found = re.search(r'href="\?([^"]*)" rel="next"', html)
    return unescape(found.group(1)) if found else None


def test_the_heat_map_page_stays_small_however_many_regions(client, fiona):
    login(client, fiona)
    assignment = generate(PER_PAGE)
    whole, rows = heatmap_page(client, assignment)
    assert len(rows) == PER_PAGE
    assert next_link(whole) is None  # all on one page, as before

    generate(120 - PER_PAGE)
    first, rows = heatmap_page(client, assignment)

    assert len(rows) == PER_PAGE
    assert len(first) < 1.3 * len(whole)  # a page and its links, not three times the chart


def test_every_region_is_on_one_page_reached_by_the_next_links(client, fiona, network):
    login(client, fiona)
    html, rows = heatmap_page(client, network)
    seen, pages = list(rows), 1
    while (query := next_link(html)) is not None:
        html, rows = heatmap_page(client, network, query)
        assert 0 < len(rows) <= PER_PAGE
        seen += rows
        pages += 1
    assert pages == 3
    assert sorted(seen) == sorted(frames.load(network).regions.region)
    assert "81–120" in html


def test_the_first_page_shows_the_regions_that_agree_most(client, fiona, network):
    login(client, fiona)
    _html, rows = heatmap_page(client, network)
    scores = frames.agreement_scores(frames.load(network)).set_index("region").score
    first_page = [scores[r] for r in rows]
    assert first_page == sorted(first_page, reverse=True)
    later = [scores[r] for r in scores.index if r not in rows]
    assert min(first_page) >= max(later)


def in_english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_a_region_on_a_later_page_is_found_by_its_name(client, fiona, network):
    login(client, fiona)
    in_english(client)
    _html, first = heatmap_page(client, network)
    _html, third = heatmap_page(client, network, "page=3")
    wanted = third[-1]
    assert wanted not in first
    name = frames.load(network).regions.set_index("region").region_name[wanted]

    html, rows = heatmap_page(client, network, f"find={name.lower()}")

    assert rows == [wanted]
    assert "1 region matches." in html
    html, rows = heatmap_page(client, network, "find=no+such+region")
    assert rows == []
    assert 'data-testid="heatmap-none"' in html


@pytest.mark.parametrize("query", ["page=0", "page=abc", "page=99999999999999999999"])
def test_a_malformed_page_shows_the_first(client, fiona, network, query):
    login(client, fiona)
    assert heatmap_page(client, network, query)[1] == heatmap_page(client, network)[1]


def test_a_page_past_the_last_shows_the_last(client, fiona, network):
    login(client, fiona)
    last = heatmap_page(client, network, "page=3")[1]
    assert heatmap_page(client, network, "page=40")[1] == last


def test_the_filters_stay_on_when_turning_a_page(client, fiona, network):
    login(client, fiona)
    html, _rows = heatmap_page(client, network, "source=confirmed&actor=kommun")
    assert next_link(html) == "actor=kommun&source=confirmed&page=2"


def region_slides(client, assignment, **query):
    charts = slides_of(client.get(deck_url(assignment, **query)), "chart")
    return (
        [s for s in charts if s.chart == "region_heatmap"],
        [s for s in charts if s.chart == "agreement"],
    )


def test_the_deck_shows_the_regions_that_agree_most_on_a_few_slides(client, fiona, network):
    login(client, fiona)
    heatmaps, bars = region_slides(client, network)

    assert len(heatmaps) == selectors.MAX_REGION_SLIDES
    assert len(bars) == selectors.MAX_AGREEMENT_SLIDES
    shown = [y for s in heatmaps for y in s.figure["data"][0]["y"]]
    assert len(shown) == selectors.HEATMAP_ROWS_PER_SLIDE * selectors.MAX_REGION_SLIDES
    for slide in heatmaps + bars:
        assert re.search(r"\b(24|34)\b.*\b120\b", slide.note)


def test_the_deck_s_regions_are_those_that_agree_most(client, fiona, network):
    login(client, fiona)
    heatmaps, bars = region_slides(client, network, names=1)
    scores = frames.agreement_scores(frames.load(network)).set_index("region_name").score
    for slides in (heatmaps, bars):
        shown = sorted({y for s in slides for y in s.figure["data"][0]["y"]})
        assert min(scores[shown]) >= max(scores.drop(shown))


def test_the_deck_says_where_the_rest_is_in_english_too(client, fiona, network):
    login(client, fiona)
    in_english(client)
    heatmaps, bars = region_slides(client, network)
    assert heatmaps[0].note.startswith("The 24 of 120 regions that agree most")
    assert "Regions × roles" in heatmaps[0].note
    assert bars[0].note.startswith("The 34 of 120 regions")


def test_the_deck_of_a_small_network_shows_every_region_without_a_note(client, fiona):
    login(client, fiona)
    assignment = generate(12)
    heatmaps, bars = region_slides(client, assignment)
    assert len([y for s in heatmaps for y in s.figure["data"][0]["y"]]) == 12
    assert all(not s.note for s in heatmaps + bars)
