"""The projected deck's poll (workshop/views.py `version`): 200 decks ask every 4 s, so it
reads the generation of the data and never builds slides; a deck fetches slides only when
its version is behind, and is told 204 while the new slides are not there yet."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from submissions.models import Assignment
from workshop import selectors

from .conftest import login
from .test_workshop import deck_url, hand_in, html_of, version_of


def generate(regions: int) -> Assignment:
    """`regions` more generated regions, each with homework handed in."""
    call_command("generate_data", regions=regions, interviews=2, sentences=3, verbosity=0)
    return Assignment.objects.get(title_sv="Generated load")


@pytest.fixture
def deck_builds(monkeypatch) -> list:
    """One item per build of the deck's slides (selectors.deck)."""
    calls, build = [], selectors.deck

    def counted(assignment, *, show_names):
        calls.append(assignment.pk)
        return build(assignment, show_names=show_names)

    monkeypatch.setattr(selectors, "deck", counted)
    return calls


def poll_queries(client, assignment, **query) -> int:
    url = reverse("workshop:version", args=[assignment.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["version"]
    return len(queries)


def test_the_poll_costs_the_same_at_12_and_at_60_regions_and_builds_no_slides(
    client, fiona, deck_builds, kept_under
):
    login(client, fiona)
    assignment = generate(12)
    poll_queries(client, assignment)  # the session's first request
    small = [poll_queries(client, assignment), poll_queries(client, assignment, names=1)]

    generate(48)
    large = [poll_queries(client, assignment), poll_queries(client, assignment, names=1)]

    assert large == small
    assert small[0] <= 6  # session, user, membership, assignment: no data read
    assert deck_builds == []
    assert "deck" not in kept_under  # the slides were not even looked up


def test_after_a_hand_in_the_poll_tells_the_deck_to_fetch_the_new_slides(
    client, fiona, assignment, halland, deck_builds
):
    login(client, fiona)
    before = version_of(client, assignment)
    shown = html_of(client.get(deck_url(assignment)))
    assert f'data-version="{before}"' in shown
    assert len(deck_builds) == 1

    hand_in(assignment, halland, fiona)
    after = version_of(client, assignment)

    assert after != before
    assert len(deck_builds) == 1  # the poll did not build them
    response = client.get(deck_url(assignment, partial=1, have=before))
    assert response.status_code == 200
    assert f'data-version="{after}"' in html_of(response)
    assert "Halland" in html_of(response)
    assert len(deck_builds) == 2


def test_slides_the_deck_already_has_are_not_sent_again(client, fiona, assignment):
    login(client, fiona)
    current = version_of(client, assignment)
    response = client.get(deck_url(assignment, partial=1, have=current))
    assert response.status_code == 204
    assert response.content == b""
    # Another version (or none) gets the slides.
    assert client.get(deck_url(assignment, partial=1, have="0" * 16)).status_code == 200
    assert client.get(deck_url(assignment, partial=1)).status_code == 200


def test_names_and_language_have_versions_of_their_own(client, fiona, assignment, deck_builds):
    login(client, fiona)
    anonymous = version_of(client, assignment)
    named = version_of(client, assignment, names=1)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = version_of(client, assignment)
    assert len({anonymous, named, english}) == 3
    assert deck_builds == []
    # Each one's slides carry it, so a deck with names on is not told "nothing new".
    response = client.get(deck_url(assignment, partial=1, names=1, have=anonymous))
    assert response.status_code == 200
    assert f'data-version="{version_of(client, assignment, names=1)}"' in html_of(response)
