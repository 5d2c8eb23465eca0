"""One labelling rule for every anonymised view (synthesis/anonymity.py): the deck, a
region's view of the published synthesis and the report without names call a region by the
same stand-in, which no order a user can see gives away, and which a coordinator's pages
never pair with another region's name or slug."""

import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from reglab.models import Region
from submissions.models import Submission
from synthesis import anonymity, frames
from synthesis.services import retag_corpus

from .conftest import add_interview, login, make_user
from .test_url_access import EXPECTED, build_kwargs

OTHERS = ["blekinge", "dalarna", "gotland", "kalmar", "norrbotten", "skane", "uppsala", "orebro"]


def hand_in(assignment, region):
    submission = Submission.objects.create(
        assignment=assignment,
        region=region,
        statement="Regionen samordnar och driver nätverk för kommunerna.",
        statement_revision=1,
        state=Submission.State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for n in range(1, 4):
        add_interview(submission, n, organisation="En kommun")
    return submission


@pytest.fixture
def network(assignment, complete_submission):
    """Halland (alice's region) and eight others have handed in; the synthesis is published
    without names."""
    complete_submission.state = Submission.State.SUBMITTED
    complete_submission.submitted_at = timezone.now()
    complete_submission.save()
    for region in Region.objects.filter(slug__in=OTHERS):
        hand_in(assignment, region)
    retag_corpus()
    assignment.published_at = timezone.now()
    assignment.save()
    return assignment


def handed_in(assignment) -> dict[str, str]:
    data = frames.load(assignment)
    return dict(zip(data.regions.region, data.regions.region_name, strict=True))


def scores_labels(response) -> list[str]:
    figure = json.loads(re.search(r'id="fig-scores"[^>]*>(.*?)</script>', response.text).group(1))
    return figure["data"][0]["y"]


def test_a_label_depends_on_the_servers_secret_not_on_names_or_their_order(network, settings):
    regions = handed_in(network)
    labels = anonymity.region_labels(network, regions, show_names=False)
    assert sorted(labels.values(), key=lambda x: (len(x), x))[0].startswith("Region ")
    # Renaming the regions (so that their alphabetical order changes) changes no label.
    renamed = {slug: f"{i:02d}" for i, slug in enumerate(reversed(list(regions)))}
    assert anonymity.region_labels(network, renamed, show_names=False) == labels
    # Without the server's secret the labels cannot be worked out: another secret, others.
    settings.SECRET_KEY = "another secret of at least fifty characters, for this test only"
    assert anonymity.region_labels(network, regions, show_names=False) != labels


def test_a_regions_label_stays_the_same_when_late_homework_arrives(network):
    before = anonymity.region_labels(network, handed_in(network), show_names=False)
    hand_in(network, Region.objects.get(slug="vasterbotten"))
    after = anonymity.region_labels(network, handed_in(network), show_names=False)
    assert len(after) == len(before) + 1
    assert {slug: after[slug] for slug in before} == before


def test_a_regions_published_view_labels_the_others_as_the_deck_does(client, alice, network):
    login(client, alice)
    response = client.get(reverse("synthesis:mine", args=[network.pk]))
    assert response.status_code == 200
    shown = scores_labels(response)
    expected = anonymity.region_labels(
        network, handed_in(network), show_names=False, own="halland"
    )
    assert sorted(shown) == sorted(expected.values())
    assert "Halland" in shown  # the viewer's own region by its name
    assert len([label for label in shown if label.startswith("Region ")]) == len(OTHERS)


def test_the_report_without_names_uses_the_same_labels_and_no_sources(client, fiona, network):
    add_interview(
        Submission.objects.get(region__slug="skane"),
        9,
        organisation="Malmö stad",
        actor_type="bibliotek",
        consent="named",
        answers="Regionen samordnar arbetet väl.",
    )
    login(client, fiona)
    url = reverse("synthesis:report", args=[network.pk])
    named = client.get(url).text
    assert "Malmö stad" in named
    body = client.get(url, {"names": "0"}).text
    labels = anonymity.region_labels(network, handed_in(network), show_names=False)
    profiles = body[body.index('class="profile"') :]
    for slug, label in labels.items():
        assert label in profiles
        assert Region.objects.get(slug=slug).name not in profiles
    assert "Malmö stad" not in body


@pytest.mark.parametrize(
    "name",
    sorted(n for n, (_kind, method, who) in EXPECTED.items() if method == "get"),
)
def test_no_page_for_a_coordinator_names_another_region(client, alice, network, name):
    """Every page a coordinator can open, the published synthesis among them, with the
    other regions' names and slugs nowhere in the HTML, JSON or chart data."""
    charlie = make_user("charlie", Region.objects.get(slug="skane"))
    submission = Submission.objects.get(region__slug="halland")
    objects = {
        "submission": submission,
        "version": submission.versions.create(number=1, event="submitted", snapshot={}),
        "conflict": submission.conflicts.create(field="statement", text="Annan text"),
        "users": {"owner": alice, "outsider": charlie},
    }
    login(client, alice)
    response = client.get(reverse(name, kwargs=build_kwargs(EXPECTED[name][0], objects)))
    if response.status_code != 200:
        return  # refused: nothing shown
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        # A Word download (the homework template): its text is in word/document.xml.
        text = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    else:
        text = response.content.decode()
    for region in Region.objects.filter(slug__in=OTHERS):
        assert region.name not in text, name
        assert re.search(rf"\b{region.slug}\b", text) is None, name


def test_the_anonymised_deck_carries_no_region_slug(client, fiona, network):
    """The deck names who handed in (its first slides), but no chart, id or datum in it
    carries a slug that would pair a stand-in with a region."""
    login(client, fiona)
    text = client.get(reverse("workshop:deck", args=[network.pk])).content.decode()
    assert re.search(r"Region [A-Z]{1,2}\b", text)
    for slug in [*OTHERS, "halland"]:
        assert re.search(rf"\b{slug}\b", text) is None, slug
