"""Big networks: the pages that listed or charted every region (the overview's and a
profile's agreement bars, the menus of regions, the printable report, the deck's lists of
names) show the top ones and a way to the rest, so that their HTML does not grow with the
number of regions, and a region beyond the top is still one search or link away."""

import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse
from docx import Document

from synthesis import dashboards, frames, quotes
from workshop import selectors

from .conftest import login
from .test_big_charts import generate, in_english
from .test_workshop import deck_url, slides_of

TOP = dashboards.REGIONS_IN_CHART


@pytest.fixture
def network(db):
    """120 regions that handed in."""
    return generate(120)


def get(client, name, assignment, *args, query: str = "") -> str:
    url = reverse(f"synthesis:{name}", args=[assignment.pk, *args]) + (
        f"?{query}" if query else ""
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def bars(html: str) -> list[str]:
    """The region names of the agreement bars, as the chart labels them."""
    found = re.search(r'<script id="fig-scores" type="application/json">(.*?)</script>', html)
    return [unescape(y) for y in json.loads(found.group(1))["data"][0]["y"]]


def ranked(assignment) -> list[dict]:
    """The regions, those that agree most first (as the heat map's pages)."""
    data = frames.load(assignment)
    names = dict(zip(data.regions.region, data.regions.region_name, strict=True))
    order = dashboards.regions_by_agreement(frames.agreement_scores(data))
    return [{"slug": slug, "name": names[slug]} for slug in order]


def test_the_pages_stay_small_however_many_regions(client, fiona):
    """At 120 regions each page is about its size at 40: the old pages (a bar, an option,
    a profile per region) were far larger."""
    login(client, fiona)
    assignment = generate(TOP)
    slug = ranked(assignment)[0]["slug"]

    def sizes():
        return {
            "overview": len(get(client, "overview", assignment)),
            "region": len(get(client, "region", assignment, slug)),
            "quotes": len(get(client, "quotes", assignment)),
            "report": len(get(client, "report", assignment)),
            "deck": len(client.get(deck_url(assignment)).content),
        }

    small = sizes()
    generate(120 - TOP)
    big = sizes()

    for page, size in big.items():
        assert size < 1.25 * small[page], page


def test_the_overview_charts_the_regions_that_agree_most(client, fiona, network):
    login(client, fiona)
    in_english(client)
    html = get(client, "overview", network)

    order = ranked(network)
    assert sorted(bars(html)) == sorted(r["name"] for r in order[:TOP])
    assert f"The {TOP} of 120 regions whose own view and the others' view agree most" in html
    assert reverse("synthesis:heatmap", args=[network.pk]) in html


def test_a_region_beyond_the_top_has_its_profile_its_bar_and_its_rank(client, fiona, network):
    login(client, fiona)
    in_english(client)
    last = ranked(network)[-1]

    html = get(client, "region", network, last["slug"])

    shown = bars(html)
    assert len(shown) == TOP + 1
    assert last["name"] in shown
    assert f"{last['name']}: rank 120 of 120" in unescape(html)
    assert 'id="region-pick"' not in html  # no menu of 120 regions
    assert html.count("<option") < 20  # the filters' few


def test_a_region_is_found_by_its_name_from_a_profile(client, fiona, network):
    login(client, fiona)
    in_english(client)
    first, last = ranked(network)[0], ranked(network)[-1]

    html = get(client, "region", network, first["slug"], query=f"find={last['name'].upper()}")

    assert "1 region matches." in html
    profile = reverse("synthesis:region", args=[network.pk, last["slug"]])
    assert f'href="{profile}' in html


def test_the_quote_wall_is_filtered_by_a_region_s_link_or_its_name(client, fiona, network):
    login(client, fiona)
    last = ranked(network)[-1]

    everyone = get(client, "quotes", network)
    by_link = get(client, "quotes", network, query=f"region={last['slug']}")
    by_name = get(client, "quotes", network, query=f"find={last['name'].lower()}")

    assert 'name="region"' not in everyone  # a search, not a menu of 120 regions
    assert 'data-testid="quote-find"' in everyone

    def wall(html):
        return html.split('data-testid="quote-wall"')[1].split("</nav>")[0]

    assert wall(by_link) == wall(by_name) != wall(everyone)
    assert wall(by_link).count("wall-quote") == quotes_of(network, last["slug"])
    for html in (by_link, by_name):
        assert f'value="{last["name"]}"' in html


def quotes_of(assignment, region: str) -> int:
    return quotes.wall_query(frames.load(assignment), region=region).count()


def test_the_report_says_how_many_regions_it_does_not_profile(client, fiona, network):
    login(client, fiona)
    in_english(client)
    html = unescape(get(client, "report", network))

    least = dashboards.REPORT_PROFILES_LEAST
    assert html.count('<article class="profile">') == TOP + least
    assert (
        f"120 regions handed in: here the {TOP} whose own view and the others' view agree most"
        f" and the {least} that agree least. The other {120 - TOP - least} are on the"
        " dashboards, under Regions × roles" in " ".join(html.split())
    )
    order = [r["name"] for r in ranked(network)]
    profiled = re.findall(r'<article class="profile">\s*<h3>(.*?) <span', html)
    assert profiled == order[:TOP] + order[-least:]


def test_the_word_report_says_it_too(client, fiona, network):
    login(client, fiona)
    in_english(client)
    response = client.get(reverse("exports:report_docx", args=[network.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        f"The other {120 - TOP - dashboards.REPORT_PROFILES_LEAST} are on the dashboards" in text
    )
    assert "The regions that agree least" in text


def test_the_deck_names_some_regions_and_counts_the_rest(client, fiona, network):
    login(client, fiona)
    in_english(client)
    (received,) = slides_of(client.get(deck_url(network)), "received")
    most = selectors.MAX_NAMES_ON_SLIDE
    assert len(received.items) == most
    assert received.items[-1]["name"] == f"… and {120 - most + 1} more"
    assert "120 of" in received.note


def test_the_deck_of_a_small_network_names_every_region(client, fiona):
    login(client, fiona)
    assignment = generate(12)
    (received,) = slides_of(client.get(deck_url(assignment)), "received")
    assert len(received.items) == 12
    assert not any("more" in r["name"] for r in received.items)


def test_the_deck_names_some_organisations_and_counts_the_rest(client, fiona, network):
    login(client, fiona)
    in_english(client)
    (others,) = slides_of(client.get(deck_url(network)), "others_view")
    assert re.fullmatch(r"… and \d+ more", others.items[-1])
    assert sum(len(a) + 2 for a in others.items) <= selectors.ACTOR_CHARS_ON_SLIDE
    assert others.items[0] == "Arbetsförmedlingen"  # the kinds of actor stay first


def test_the_version_for_the_regions_profiles_the_same_regions_under_stand_ins(
    client, fiona, network
):
    login(client, fiona)
    html = unescape(get(client, "report", network, query="names=0"))
    profiled = re.findall(r'<article class="profile">\s*<h3>(.*?) <span', html)
    assert len(profiled) == TOP + dashboards.REPORT_PROFILES_LEAST
    assert not set(profiled) & {r["name"] for r in ranked(network)}
    assert 'data-testid="profiles-more"' in html
