"""The workshop deck: generated from the demo, it tells the seed deck's story.

The seed deck (tests/data/seed_deck.txt, a copy of shared/seed/000_2a5f07fd6bdf4270.txt)
is the hand-made deck the facilitators once built; `load_demo` recreates its homework,
so the generated deck must list the same regions, the same self-view words and the same
quotes under the same "Tre …" headings.
"""

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo import demo_data
from interviews.models import Interview, Quote
from reglab.models import Region
from submissions.models import Assignment, Submission
from submissions.services import return_submission, submit_submission
from synthesis import anonymity, frames
from synthesis.models import Tag
from synthesis.services import retag_corpus, review_tag
from workshop import selectors

from .conftest import add_interview, login

STAND_IN = re.compile(r"Region [A-Z]{1,2}\b")  # an anonymised region: synthesis/anonymity.py

# A copy kept with the tests, so that they run in a fresh clone without ../shared.
SEED = Path(__file__).resolve().parent / "data" / "seed_deck.txt"
QUOTE_HEADINGS = ("Tre Arbetsförmedlingar", "Tre Länsstyrelser", "Tre kommuner")
# How the seed deck wrote some region names.
SEED_ALIASES = {"VGR": "Västra Götalandsregionen"}


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_section(title: str, following: tuple[str, ...]) -> list[str]:
    """The non-empty lines after the heading `title`, up to the next known heading."""
    lines = [line.strip() for line in seed_text().splitlines()]
    start = next(i for i, line in enumerate(lines) if line.rstrip(":") == title) + 1
    section = []
    for line in lines[start:]:
        if line.rstrip(":") in following:
            break
        if line:
            section.append(line)
    return section


HEADINGS = (
    "Hemläxa",
    "Inkomna beskrivningar",
    "Regionernas syn på rollen",
    "Andra aktörers syn på regionerna",
    *QUOTE_HEADINGS,
)


def seed_regions(names: list[str]) -> set[str]:
    """Map the seed's region names to the portal's: "Jönköping län" and "Örebro" are
    "Jönköpings län" and "Örebro län"; "Östergötland VGR" (a comma missing) is two regions."""
    line = seed_section("Inkomna beskrivningar", HEADINGS)[0]

    def key(name: str) -> str:
        name = SEED_ALIASES.get(name, name).lower().removesuffix(" län")
        return name.removesuffix("s")

    by_key = {key(name): name for name in names}
    result = set()
    for token in (t.strip() for t in line.split(",")):
        if key(token) in by_key:
            result.add(by_key[key(token)])
            continue
        for word in token.split():
            assert key(word) in by_key, f"no region matches {word!r} of the seed deck"
            result.add(by_key[key(word)])
    return result


def normalise(quote: str) -> str:
    text = " ".join(quote.replace("”", " ").split())
    if text.count(")") > text.count("("):  # the seed's stray ")" after "RUS:en"
        text = text.rstrip(")")
    return text


def seed_quotes(heading: str) -> list[str]:
    """Every quote under the heading; a line holds one or more ”…” quotes."""
    return sorted(
        normalise(part)
        for line in seed_section(heading, HEADINGS)
        for part in line.split("”")
        if part.strip()
    )


def load_demo() -> Assignment:
    call_command("load_demo", stdout=io.StringIO())
    return Assignment.objects.get(title_sv=demo_data.ASSIGNMENT["title_sv"])


@pytest.fixture
def facilitator(demo):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="facilitator")


def deck_url(assignment, **query) -> str:
    url = reverse("workshop:deck", args=[assignment.pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def get_deck(client, user, assignment, **query):
    login(client, user)
    response = client.get(deck_url(assignment, **query))
    assert response.status_code == 200
    return response


def slides_of(response, kind: str) -> list[selectors.Slide]:
    return [s for s in response.context["slides"] if s.kind == kind]


def html_of(response) -> str:
    return unescape(response.content.decode())


def slide_html(response, kind: str) -> list[str]:
    """The HTML of every <section> of that kind, in order."""
    html = response.content.decode()
    pattern = rf'<section class="slide [^"]*" data-kind="{kind}".*?</section>'
    return [unescape(s) for s in re.findall(pattern, html, flags=re.S)]


# The seed deck's story ------------------------------------------------------------------


def test_the_inkomna_slide_lists_exactly_the_seed_regions(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    (received,) = slides_of(response, "received")
    shown = [r["name"] for r in received.items]
    expected = seed_regions(list(Region.objects.values_list("name", flat=True)))
    assert len(expected) == 12
    assert set(shown) == expected
    assert len(shown) == 12
    (html,) = slide_html(response, "received")
    for name in expected:
        assert name in html


def test_the_inkomna_slide_lists_the_regions_in_swedish_alphabetical_order(
    client, facilitator, demo
):
    response = get_deck(client, facilitator, demo)
    (received,) = slides_of(response, "received")
    shown = [r["name"] for r in received.items]
    positions = dict(Region.objects.values_list("name", "position"))
    assert shown == sorted(shown, key=positions.get)
    assert shown[-2:] == ["Örebro län", "Östergötland"]


def test_the_inkomna_slide_marks_the_late_regions(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    (received,) = slides_of(response, "received")
    late = {r["name"] for r in received.items if r["late"]}
    assert late == set(
        Submission.objects.filter(
            assignment=demo, state="submitted", submitted_at__gt=demo.deadline
        ).values_list("region__name", flat=True)
    )
    assert len(late) == 2


def test_the_regions_view_slide_has_every_self_view_word_of_the_seed(client, facilitator, demo):
    words = " ".join(seed_section("Regionernas syn på rollen", HEADINGS)).split()
    assert "Lobbyist" in words and "Påverkande" in words
    response = get_deck(client, facilitator, demo)
    (own,) = slides_of(response, "own_view")
    cloud = " ".join(w["name"] for w in own.items)
    (html,) = slide_html(response, "own_view")
    for word in words:
        assert word in cloud, f"{word} is missing from the regions' view"
        assert word in html
    assert 'style="' not in html


def test_the_regions_view_cloud_sizes_words_with_classes(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    (html,) = slide_html(response, "own_view")
    assert re.search(r'class="w w6">Samordnare / Koordinerande<', html)
    assert set(re.findall(r'class="w w(\d)"', html)) <= set("123456")


@pytest.mark.parametrize(
    ("heading", "actor_type"),
    list(zip(QUOTE_HEADINGS, ("arbetsformedlingen", "lansstyrelse", "kommun"), strict=True)),
)
def test_the_quote_slides_are_the_seed_quotes_grouped_per_interview(
    client, facilitator, demo, heading, actor_type
):
    response = get_deck(client, facilitator, demo)
    slides = [
        s for s in slides_of(response, "quotes") if s.title.lower().startswith(heading.lower())
    ]
    assert slides, f"no slide titled {heading!r}"
    assert slides[0].title.split()[0] == "Tre"
    shown = [group.quotes for s in slides for group in s.items]
    assert sorted(normalise(q) for group in shown for q in group) == seed_quotes(heading)
    # The seed does not show which quotes share an interview; the demo data does.
    assert sorted(shown) == sorted(demo_data.DECK_QUOTE_GROUPS[actor_type])
    html = html_of(response)
    for quote in seed_quotes(heading):
        assert f"”{quote}”" in html


def test_the_quote_slides_come_in_the_seed_order(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    titles = [s.title for s in slides_of(response, "quotes")]
    assert titles == list(QUOTE_HEADINGS)


def test_the_slides_follow_the_seed_decks_order(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    kinds = [s.kind for s in response.context["slides"]]
    assert kinds[:5] == ["title", "homework", "received", "own_view", "others_view"]
    assert kinds[5:8] == ["quotes"] * 3
    # The four comparisons of this round (the two heat maps over two slides each), then
    # the two since the round before (the demo's pilot round).
    assert kinds[8:] == ["chart"] * 8
    charts = [s.chart for s in slides_of(response, "chart")]
    assert charts == [
        "self_vs_others",
        "actor_heatmap",
        "actor_heatmap",
        "region_heatmap",
        "region_heatmap",
        "agreement",
        "round_change",
        "round_change",
    ]


def test_the_title_and_homework_slides_come_from_the_assignment(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    title, homework = response.context["slides"][:2]
    assert (title.title, title.subtitle, title.note) == (
        "REGLAB",
        "Lärprojektet integration",
        demo.title_sv,
    )
    assert homework.items[0].startswith("Formulera den roll som er region tar")
    assert homework.items[1] == "Intervjua minst tre andra aktörer om hur de ser på regionens roll"
    assert "3" in homework.note


def test_the_actors_slide_names_the_seed_actors_and_the_main_themes(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    (others,) = slides_of(response, "others_view")
    actors = ", ".join(others.items)
    assert actors.startswith("Arbetsförmedlingen, kommuner, länsstyrelsen")
    line = seed_section("Andra aktörers syn på regionerna", HEADINGS)[0]
    for name in line.split(", ")[3:]:
        assert name.lower() in actors.lower(), name
    assert len(others.points) == 6
    counts = [p["count"] for p in others.points]
    assert counts == sorted(counts, reverse=True)
    themes = {p["name"] for p in others.points}
    assert {"Samverkande", "Samordnare / Koordinerande", "Finansiär"} <= themes


# Anonymity and consent --------------------------------------------------------------------


def submitted_region_names(assignment) -> list[str]:
    return list(
        Submission.objects.filter(assignment=assignment, state="submitted").values_list(
            "region__name", flat=True
        )
    )


def test_region_names_are_hidden_in_charts_and_quote_slides_by_default(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    names = submitted_region_names(demo)
    charts = json.dumps([s.figure for s in slides_of(response, "chart")], ensure_ascii=False)
    assert STAND_IN.search(charts)
    quotes = "".join(slide_html(response, "quotes"))
    for name in names:
        assert name not in charts
        assert name not in quotes
    assert "quote-source" not in quotes


def test_anonymous_labels_are_the_same_in_every_chart_and_not_alphabetical(
    client, facilitator, demo
):
    response = get_deck(client, facilitator, demo)
    charts = slides_of(response, "chart")
    matrix_charts = [s for s in charts if s.chart == "region_heatmap"]
    rows = [y for s in matrix_charts for y in s.figure["data"][0]["y"]]
    bars = next(s for s in charts if s.chart == "agreement").figure["data"][0]["y"]
    assert sorted(rows) == sorted(bars)
    # Read from the top in the labels' order (a label is a region's place among all the
    # network's regions, so letters of regions that did not hand in are skipped).
    assert rows == sorted(rows, key=lambda x: (len(x), x))
    assert all(row.startswith("Region ") for row in rows)
    # The letters do not follow the alphabetical list of who handed in (slide 3).
    labels = selectors.region_labels(frames.load(demo), show_names=False)
    in_alphabetical_order = [labels[slug] for slug in frames.load(demo).regions.region]
    assert in_alphabetical_order != sorted(in_alphabetical_order, key=lambda x: (len(x), x))


def test_names_1_shows_region_names_in_charts_and_on_named_quotes(client, facilitator, demo):
    response = get_deck(client, facilitator, demo, names=1)
    charts = json.dumps([s.figure for s in slides_of(response, "chart")], ensure_ascii=False)
    for name in submitted_region_names(demo):
        assert name in charts
    assert not STAND_IN.search(charts)
    quotes = "".join(slide_html(response, "quotes"))
    # Arbetsförmedlingen Dalarna agreed to be named; Bergslagen (Örebro) did not.
    assert "Arbetsförmedlingen Dalarna · Dalarna" in quotes
    assert "Bergslagen" not in quotes
    assert "Örebro" not in quotes


def test_with_names_the_region_rows_are_in_swedish_alphabetical_order(client, facilitator, demo):
    response = get_deck(client, facilitator, demo, names=1)
    matrix_charts = [s for s in slides_of(response, "chart") if s.chart == "region_heatmap"]
    rows = [y for s in matrix_charts for y in s.figure["data"][0]["y"]]
    # Region.position is the Swedish alphabetical order: Gotland, Gävleborg … Örebro, Östergötland.
    handed_in = Region.objects.filter(
        submissions__assignment=demo, submissions__state="submitted"
    ).order_by("position")
    assert rows == [region.name for region in handed_in]
    assert rows[-2:] == ["Örebro län", "Östergötland"]


def test_a_heat_map_with_many_rows_goes_on_over_numbered_slides(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    matrix_charts = [s for s in slides_of(response, "chart") if s.chart == "region_heatmap"]
    assert [s.title for s in matrix_charts] == [
        "Regioner × roller (1/2)",
        "Regioner × roller (2/2)",
    ]
    rows = [s.figure["data"][0]["y"] for s in matrix_charts]
    assert [len(r) for r in rows] == [6, 6]
    assert len(set(rows[0] + rows[1])) == len(submitted_region_names(demo))


def test_the_actors_heat_map_goes_on_over_two_slides_with_every_role(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    heatmaps = [s for s in slides_of(response, "chart") if s.chart == "actor_heatmap"]
    assert [s.title for s in heatmaps] == [
        "Vad varje typ av aktör förväntar sig (1/2)",
        "Vad varje typ av aktör förväntar sig (2/2)",
    ]
    roles = [x for s in heatmaps for x in s.figure["data"][0]["x"]]
    assert roles == list(frames.load(demo).role_names.values())
    assert all(
        len(s.figure["data"][0]["x"]) <= selectors.HEATMAP_ROLES_PER_SLIDE for s in heatmaps
    )


def test_every_category_of_a_deck_chart_is_a_tick(client, facilitator, demo):
    """Plotly drops labels it finds crowded unless each category is a tick of its own."""
    response = get_deck(client, facilitator, demo)
    for slide in slides_of(response, "chart"):
        layout = slide.figure["layout"]
        for trace in slide.figure["data"]:
            for axis in ("x", "y"):
                values = trace.get(axis)
                if isinstance(values, list) and all(isinstance(v, str | None) for v in values):
                    ticks = layout[f"{axis}axis"]
                    assert ticks["tickmode"] == "array"
                    assert {v for v in values if v} <= set(ticks["tickvals"]), slide.title


def test_names_0_hides_them_again(client, facilitator, demo):
    response = get_deck(client, facilitator, demo, names=0)
    charts = json.dumps([s.figure for s in slides_of(response, "chart")], ensure_ascii=False)
    assert STAND_IN.search(charts)
    assert 'href="?names=1"' in response.content.decode()


def test_no_quote_interviews_never_appear(client, facilitator, demo):
    secret = Interview.objects.filter(
        submission__assignment=demo, submission__state="submitted", consent="no_quote"
    ).first()
    Quote.objects.create(interview=secret, text="Detta citat får aldrig visas på väggen")
    for names in (0, 1):
        html = html_of(get_deck(client, facilitator, demo, names=names))
        assert "Detta citat får aldrig visas" not in html
        assert secret.organisation not in html


def test_interviewee_functions_never_appear_in_the_html(client, facilitator, demo):
    for interview in Interview.objects.all():
        interview.interviewee_function = f"Funktionsmarkör {interview.pk}"
        interview.save(update_fields=["interviewee_function"])
    for names in (0, 1):
        html = get_deck(client, facilitator, demo, names=names).content.decode()
        assert "Funktionsmarkör" not in html


# Live updates -------------------------------------------------------------------------------


def version_of(client, assignment, **query) -> str:
    url = reverse("workshop:version", args=[assignment.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["version"]


def hand_in(assignment, region, user) -> Submission:
    submission = Submission.objects.create(
        assignment=assignment,
        region=region,
        statement="Region Kronoberg samordnar integrationsarbetet och stöttar kommunerna.",
        statement_revision=1,
    )
    for n in range(1, 4):
        add_interview(submission, n)
    return submit_submission(submission=submission, user=user)


def test_the_version_changes_when_a_homework_is_submitted(client, facilitator, demo):
    login(client, facilitator)
    before = version_of(client, demo)
    assert version_of(client, demo) == before
    hand_in(demo, Region.objects.get(slug="kronoberg"), facilitator)
    after = version_of(client, demo)
    assert after != before
    html = html_of(client.get(deck_url(demo)))
    assert "Kronoberg" in html


def test_the_version_changes_when_a_homework_is_returned_and_submitted_again(
    client, facilitator, demo
):
    login(client, facilitator)
    submission = Submission.objects.get(assignment=demo, region__slug="halland")
    first = version_of(client, demo)
    return_submission(submission=submission, user=facilitator, comment="Fler citat, tack.")
    returned = version_of(client, demo)
    submit_submission(submission=submission, user=facilitator)
    assert len({first, returned, version_of(client, demo)}) == 3


def test_the_version_changes_when_a_tag_is_reviewed(client, facilitator, demo):
    login(client, facilitator)
    before = version_of(client, demo)
    tag = Tag.objects.filter(submission__assignment=demo).first()
    review_tag(tag=tag, user=facilitator, decision="confirm")
    confirmed = version_of(client, demo)
    assert confirmed != before
    review_tag(tag=tag, user=facilitator, decision="reset")
    assert version_of(client, demo) != confirmed


def test_the_last_slides_show_how_the_view_moved_since_the_round_before(client, facilitator, demo):
    from demo import demo_earlier

    response = get_deck(client, facilitator, demo)
    own, others = response.context["slides"][-2:]
    assert own.title == "Regionernas egen syn, då och nu"
    assert others.title == "Andra aktörers syn, då och nu"
    names = [trace.get("name") for trace in others.figure["data"]]
    assert demo_earlier.ASSIGNMENT["title_sv"] in names and demo.title_sv in names


def test_the_version_changes_when_homework_is_handed_in_to_the_round_before(
    client, facilitator, demo
):
    earlier = Assignment.objects.exclude(pk=demo.pk).get()
    login(client, facilitator)
    before = version_of(client, demo)
    hand_in(earlier, Region.objects.get(slug="kronoberg"), facilitator)
    assert version_of(client, demo) != before


def test_a_later_round_is_not_the_round_before(client, facilitator, demo):
    from datetime import timedelta

    later = Assignment.objects.exclude(pk=demo.pk).get()
    later.deadline = demo.deadline + timedelta(days=365)
    later.save()  # a plain save, as in the admin: the deck's cache sees it
    response = get_deck(client, facilitator, demo)
    assert [s.title for s in response.context["slides"]][-1] == "Överensstämmelse per region"


def test_the_version_depends_on_the_names_flag(client, facilitator, demo):
    login(client, facilitator)
    assert version_of(client, demo) != version_of(client, demo, names=1)


def test_the_deck_page_carries_its_version_and_the_urls_it_polls(client, facilitator, demo):
    response = get_deck(client, facilitator, demo)
    html = response.content.decode()
    assert f'data-version="{version_of(client, demo)}"' in html
    assert f'data-version-url="{reverse("workshop:version", args=[demo.pk])}"' in html
    assert "?partial=1" in html


def test_partial_1_returns_only_the_slides(client, facilitator, demo):
    response = get_deck(client, facilitator, demo, partial=1)
    html = response.content.decode().strip()
    assert html.startswith('<div class="slides" data-slides')
    assert "<html" not in html and "<script src" not in html
    assert html.count('<section class="slide ') == len(response.context["slides"])


def test_the_page_has_no_inline_script_or_style(client, facilitator, demo):
    html = get_deck(client, facilitator, demo).content.decode()
    assert " style=" not in html and "<style" not in html
    assert " on" + "click=" not in html
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes
    assert "/static/vendor/plotly/plotly.min.js" in html
    assert "/static/js/deck.js" in html
    assert "cdn" not in html.lower()


# Language -----------------------------------------------------------------------------------


def test_the_english_deck_has_english_titles(client, facilitator, demo):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = get_deck(client, facilitator, demo)
    titles = [s.title for s in response.context["slides"]]
    assert "Homework" in titles
    assert "Submissions received" in titles
    assert "The regions' view of their role" in titles
    assert {
        "Three Arbetsförmedlingen offices",
        "Three county administrative boards",
        "Three municipalities",
    } <= set(titles)
    assert response.context["slides"][0].note == demo.title_en
    assert '<html lang="en">' in response.content.decode()


def test_the_first_slide_switches_the_language(client, facilitator, demo):
    html = get_deck(client, facilitator, demo).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html


def test_every_actor_type_has_singular_and_plural_in_both_languages():
    for actor_type, _label in Interview.ActorType.choices:
        for lang in ("sv", "en"):
            one, several, general = selectors.ACTOR_NOUNS[actor_type][lang]
            assert one and several and general
            assert selectors.count_title(actor_type, 1, lang) == one
            seven = {"sv": "Sju", "en": "Seven"}[lang]
            assert selectors.count_title(actor_type, 7, lang).split()[0] == seven


@pytest.mark.parametrize(
    ("actor_type", "n", "lang", "title"),
    [
        ("arbetsformedlingen", 3, "sv", "Tre Arbetsförmedlingar"),
        ("lansstyrelse", 3, "sv", "Tre Länsstyrelser"),
        ("kommun", 3, "sv", "Tre kommuner"),
        ("bibliotek", 1, "sv", "Ett bibliotek"),
        ("kommun", 1, "sv", "En kommun"),
        ("kommun", 20, "sv", "Tjugo kommuner"),
        ("kommun", 21, "sv", "21 kommuner"),
        ("lansstyrelse", 3, "en", "Three county administrative boards"),
        ("universitet", 12, "en", "Twelve universities"),
    ],
)
def test_quote_slide_titles_count_in_words(actor_type, n, lang, title):
    assert selectors.count_title(actor_type, n, lang) == title


def test_region_letters_go_past_z():
    assert [anonymity.letters(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_the_homework_bullets_are_the_first_sentence_of_each_paragraph():
    text = (
        "Formulera rollen din region tar. Beskriv mer.\n\n"
        "Intervjua minst tre andra aktörer, till exempel en kommun. Skriv ner svaren."
    )
    assert selectors.homework_bullets(text) == [
        "Formulera rollen din region tar",
        "Intervjua minst tre andra aktörer",
    ]


def test_a_long_quote_slide_is_split_and_numbered(client, facilitator, demo):
    long_text = "Regionen samordnar och stöttar oss i arbetet med nyanlända. " * 5
    for submission in Submission.objects.filter(assignment=demo, state="submitted")[:6]:
        interview = add_interview(submission, 9, actor_type=Interview.ActorType.BIBLIOTEK)
        Quote.objects.create(interview=interview, text=long_text, position=1)
    response = get_deck(client, facilitator, demo)
    titles = [s.title for s in slides_of(response, "quotes")]
    assert "Sex bibliotek" in titles
    assert "Sex bibliotek (2)" in titles


# Access and cost ------------------------------------------------------------------------------


def test_coordinators_get_403(client, alice, demo):
    login(client, alice)
    assert client.get(deck_url(demo)).status_code == 403
    assert client.get(reverse("workshop:version", args=[demo.pk])).status_code == 403


def test_anonymous_users_are_sent_to_the_login_page(client, demo):
    for url in (deck_url(demo), reverse("workshop:version", args=[demo.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_an_assignment_with_no_homework_yet_still_has_a_deck(client, fiona, assignment):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = get_deck(client, fiona, assignment)
    kinds = [s.kind for s in response.context["slides"]]
    assert kinds == ["title", "homework", "received", "own_view", "others_view"]
    assert "0 av 21 regioner har lämnat in" in html_of(response)


def test_an_unknown_assignment_is_404(client, fiona, db):
    login(client, fiona)
    assert client.get(reverse("workshop:deck", args=[999])).status_code == 404


def grow(assignment, user) -> None:
    """About three times the demo: every other region hands in, every region has more
    interviews, all with quotes, and everything is tagged."""
    for region in Region.objects.exclude(
        submissions__assignment=assignment, submissions__state="submitted"
    ):
        Submission.objects.filter(assignment=assignment, region=region).delete()
        submission = Submission.objects.create(
            assignment=assignment,
            region=region,
            statement=f"Region {region.name} samordnar och öppnar dörrar för nyanlända.",
            statement_revision=1,
            state="submitted",
        )
        for n in range(1, 7):
            add_interview(submission, n, consent=("named", "anonymous", "no_quote")[n % 3])
    for submission in Submission.objects.filter(assignment=assignment, state="submitted"):
        for n in range(10, 14):
            add_interview(submission, n, actor_type=Interview.ActorType.LANSSTYRELSE)
    retag_corpus()


def test_the_deck_costs_the_same_queries_for_three_times_the_data(
    client, facilitator, demo, django_assert_max_num_queries
):
    login(client, facilitator)
    interviews = Interview.objects.filter(submission__state="submitted").count()
    with CaptureQueriesContext(connection) as demo_queries:
        assert client.get(deck_url(demo)).status_code == 200
    grow(demo, facilitator)
    assert Interview.objects.filter(submission__state="submitted").count() >= 3 * interviews
    with django_assert_max_num_queries(len(demo_queries)):
        response = client.get(deck_url(demo))
    assert len(slides_of(response, "received")[0].items) == 21
    with django_assert_max_num_queries(len(demo_queries)):
        client.get(deck_url(demo, names=1))


def test_the_version_endpoint_is_a_few_queries(client, facilitator, demo):
    login(client, facilitator)
    client.get(reverse("workshop:version", args=[demo.pk]))
    with CaptureQueriesContext(connection) as queries:
        version_of(client, demo)
    # session, user, membership, assignment; the generation is one read of the cache
    assert len(queries) <= 7


def test_an_actor_type_gets_at_most_three_quote_slides(client, facilitator, demo):
    """With hundreds of regions the deck stays a deck; the quote wall keeps the rest."""
    login(client, facilitator)
    for submission in Submission.objects.filter(assignment=demo, state="submitted"):
        for n in range(10, 16):
            interview = add_interview(submission, n, actor_type=Interview.ActorType.KOMMUN)
            Quote.objects.create(interview=interview, text="Regionen samordnar. " * 12)
    titles = [s.title for s in slides_of(client.get(deck_url(demo)), "quotes")]
    kommun = [t for t in titles if "kommun" in t.lower()]
    assert len(kommun) == 3
