"""Suggestions on the taxonomy page (Roller), from the facilitators' decisions: each cue's
precision, a cue facilitators mostly reject flagged with a one-click "drop", and words
that recur in hand-made tags suggested as new cues with a one-click "add" — either
changes the cues as the role form does and re-tags."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from synthesis import services, suggestions, tagger
from synthesis.models import Role, Tag, TaxonomyChange

from .conftest import add_interview, login

pytestmark = pytest.mark.django_db

# A role of its own, so that the test does not depend on the default cues.
SQUIRREL = "Regionen är en ekorre i sitt arbete."
NUTS = "Regionen samlar nötter åt kommunerna."
LIGHTHOUSE = [
    "Regionen fungerar som ett fyrtorn för de andra arbetsgivarna i länet.",
    "Ett fyrtorn för hela länet, så ser vi på regionen.",
    "Regionen har blivit ett fyrtorn när det gäller att anställa nyanlända.",
]
UNTAGGED = "Regionen är ett fyrtorn i mångfaldsfrågor."


@pytest.fixture
def forest(submission):
    return Role.objects.create(
        slug="skogsvaktare",
        name_sv="Skogsvaktare",
        name_en="Forest keeper",
        cues=["ekorre", "samla nötter"],
        position=99,
    )


def _decide_squirrels(submission, user, confirmed: int, rejected: int) -> None:
    for n in range(confirmed + rejected):
        add_interview(submission, n + 1, answers=f"{SQUIRREL} {NUTS} Svar {n}.")
    services.retag_corpus()
    waiting = Tag.objects.filter(role__slug="skogsvaktare", review="unreviewed", field="answers")
    tags = list(waiting.filter(match=SQUIRREL).order_by("pk"))
    assert len(tags) == confirmed + rejected
    for n, tag in enumerate(tags):
        decision = "confirm" if n < confirmed else "reject"
        services.review_tag(tag=tag, user=user, decision=decision)
    for tag in waiting.filter(match=NUTS).order_by("pk")[:3]:
        services.review_tag(tag=tag, user=user, decision="confirm")


def test_each_cue_shows_its_precision_and_a_mostly_rejected_one_is_flagged(
    client, fiona, submission, forest
):
    _decide_squirrels(submission, fiona, confirmed=1, rejected=5)
    found = suggestions.suggestions()
    stats = {stat.cue: stat for stat in found.cues[forest.pk]}
    assert (stats["ekorre"].confirmed, stats["ekorre"].rejected) == (1, 5)
    assert (stats["samla nötter"].confirmed, stats["samla nötter"].rejected) == (3, 0)
    assert [(s.role.slug, s.cue) for s in found.flagged] == [("skogsvaktare", "ekorre")]

    html = login(client, fiona).get(reverse("synthesis:taxonomy")).content.decode()
    assert 'data-flagged-cue="ekorre"' in html
    assert 'data-flagged-cue="samla nötter"' not in html
    row = html.split('<tr data-role="skogsvaktare"')[1].split("</tr>")[0]
    assert "17 % of 6" in row or "17 % av 6" in row


def test_a_cue_with_few_decisions_is_not_flagged(fiona, submission, forest):
    _decide_squirrels(submission, fiona, confirmed=0, rejected=4)
    assert suggestions.suggestions().flagged == []


def test_dropping_a_flagged_cue_changes_the_cues_and_retags(client, fiona, submission, forest):
    _decide_squirrels(submission, fiona, confirmed=1, rejected=5)
    add_interview(submission, 20, answers=SQUIRREL)
    services.retag_corpus()
    assert Tag.objects.filter(role=forest, review="unreviewed", match=SQUIRREL).exists()

    response = login(client, fiona).post(
        reverse("synthesis:cue", args=[forest.pk]), {"action": "drop", "cue": "ekorre"}
    )
    assert response.status_code == 302
    forest.refresh_from_db()
    assert forest.cues == ["samla nötter"]
    # Re-tagged: the unreviewed squirrel tags are gone, the decisions are kept.
    assert not Tag.objects.filter(role=forest, review="unreviewed", match=SQUIRREL).exists()
    assert Tag.objects.filter(role=forest, review="rejected").count() == 5
    change = TaxonomyChange.objects.first()
    assert "ekorre" in change.description and change.retagged_at and change.changed_by == fiona
    assert forest.history.first().history_user == fiona


def _tag_lighthouses_by_hand(submission, user) -> None:
    answers = " ".join(LIGHTHOUSE) + " " + UNTAGGED
    interview = add_interview(submission, 1, answers=answers)
    role = Role.objects.get(slug="forebild")
    for sentence in LIGHTHOUSE:
        start = answers.index(sentence)
        services.add_manual_tag(
            submission=submission,
            user=user,
            role=role,
            field="answers",
            start=start,
            end=start + len(sentence),
            interview_id=interview.pk,
        )


def test_a_word_recurring_in_hand_made_tags_is_suggested_and_adding_it_retags(
    client, fiona, submission
):
    lexicon = services.current_taxonomy().lexicon
    assert not tagger.tag_text("fyrtorn", lexicon)[0], "pick a word no cue has"
    _tag_lighthouses_by_hand(submission, fiona)
    services.retag_corpus()
    found = suggestions.suggestions()
    assert ("forebild", "fyrtorn", 3) in [(s.role.slug, s.cue, s.tags) for s in found.new]
    # Words of the role's tags that other decided sentences share are not suggested.
    assert "regionen" not in [s.cue for s in found.new]

    html = login(client, fiona).get(reverse("synthesis:taxonomy")).content.decode()
    assert 'data-new-cue="fyrtorn" data-role="forebild"' in html
    assert not Tag.objects.filter(role__slug="forebild", source="auto", match=UNTAGGED).exists()

    client.post(
        reverse("synthesis:cue", args=[Role.objects.get(slug="forebild").pk]),
        {"action": "add", "cue": "fyrtorn"},
    )
    assert "fyrtorn" in Role.objects.get(slug="forebild").cues
    assert Tag.objects.filter(role__slug="forebild", source="auto", match=UNTAGGED).exists()
    # Accepted: no longer suggested.
    assert "fyrtorn" not in [s.cue for s in suggestions.suggestions().new]


def test_a_suggestion_that_changes_nothing_or_is_malformed_is_refused(
    client, fiona, submission, forest
):
    login(client, fiona)
    url = reverse("synthesis:cue", args=[forest.pk])
    client.post(url, {"action": "drop", "cue": "björn"})
    client.post(url, {"action": "add", "cue": "ekorre"})
    client.post(url, {"action": "rename", "cue": "räv"})
    client.post(url, {"action": "add", "cue": "   "})
    forest.refresh_from_db()
    assert forest.cues == ["ekorre", "samla nötter"]
    assert not TaxonomyChange.objects.exists()


def test_the_taxonomy_page_reads_the_decisions_in_a_fixed_number_of_queries(
    client, fiona, submission, forest
):
    login(client, fiona)
    _decide_squirrels(submission, fiona, confirmed=1, rejected=1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("synthesis:taxonomy"))
    _decide_squirrels(submission, fiona, confirmed=6, rejected=6)
    _tag_lighthouses_by_hand(submission, fiona)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("synthesis:taxonomy"))
    assert len(many) == len(few)
