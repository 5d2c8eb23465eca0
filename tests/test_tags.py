import io
import json
import unicodedata

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from submissions.models import Submission
from synthesis import charts, frames
from synthesis.models import Role, Tag
from synthesis.selectors import agreement, cohen_kappa, highlight
from synthesis.services import retag_corpus

from .conftest import add_interview, login


def statement_tags(submission):
    return Tag.objects.filter(submission=submission, field="statement", source="auto")


def test_saving_a_statement_tags_it_with_evidence(client, alice, submission):
    text = "Region Halland samordnar integrationsarbetet. Vi öppnar dörrar för nyanlända."
    login(client, alice).post(
        reverse("submissions:statement", args=[submission.pk]), {"statement": text, "revision": 0}
    )
    tags = {t.role.slug: t for t in statement_tags(submission)}
    assert {"samordnare", "dorroppnare"} <= set(tags)
    start, end, words = tags["samordnare"].evidence[0]
    assert text[start:end] == words and "samordna" in words


def test_an_autosave_keeps_the_tags_of_the_sentences_it_did_not_change(client, alice, submission):
    url = reverse("submissions:statement", args=[submission.pk])
    first = "Region Halland samordnar integrationsarbetet."
    login(client, alice).post(url, {"statement": first, "revision": 0})
    before = {t.role.slug: t.pk for t in statement_tags(submission)}
    history = Tag.history.count()
    client.post(url, {"statement": first + " Vi öppnar dörrar för nyanlända.", "revision": 1})
    after = {t.role.slug: t.pk for t in statement_tags(submission)}
    assert after["samordnare"] == before["samordnare"]  # the same tag, not a new one
    assert "dorroppnare" in after
    assert Tag.history.count() == history  # nothing deleted, so no history rows
    client.post(url, {"statement": "Vi öppnar dörrar för nyanlända.", "revision": 2})
    assert {t.role.slug for t in statement_tags(submission)} == {"dorroppnare"}


def test_own_role_picks_are_kept_on_the_homework_not_as_tags(client, alice, submission):
    role = Role.objects.get(slug="finansiar")
    login(client, alice).post(
        reverse("submissions:statement", args=[submission.pk]),
        {"statement": "Text.", "revision": 0, "self_roles": [role.pk]},
    )
    assert list(submission.self_roles.all()) == [role]
    assert not Tag.objects.filter(submission=submission).exists()
    login(client, alice).post(
        reverse("submissions:statement", args=[submission.pk]),
        {"statement": "Text.", "revision": 1, "self_roles": []},
    )
    assert not submission.self_roles.exists()


def test_an_own_pick_counts_as_a_claim_on_every_dashboard(client, alice, fiona, submission):
    role = Role.objects.get(slug="finansiar")
    login(client, alice).post(
        reverse("submissions:statement", args=[submission.pk]),
        {"statement": "Text.", "revision": 0, "self_roles": [role.pk]},
    )
    add_interview(submission, answers="Inget om roller här.")
    submission.state = Submission.State.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.save()
    assignment = submission.assignment
    for filters in (
        frames.Filters(),
        frames.Filters(confirmed_only=True),
        frames.Filters(actor_types=("lansstyrelse",)),
    ):
        comparison = frames.role_comparison(frames.load(assignment, filters)).set_index("role")
        assert comparison.loc["finansiar", "regions_claiming"] == 1
        assert comparison.regions_claiming.sum() == 1
    login(client, fiona)
    chart = client.get(reverse("synthesis:heatmap", args=[assignment.pk])).context["heatmap_chart"]
    meta, z = chart["layout"]["meta"], chart["data"][0]["z"]
    cell = z[meta["regions"].index("halland")][meta["roles"].index("finansiar")]
    assert cell == charts.CELL_CODES["claimed_not_seen"]
    drilldown = client.get(reverse("synthesis:cell", args=[assignment.pk, "halland", "finansiar"]))
    (evidence,) = drilldown.context["evidence"]
    assert evidence.source == "Regionens eget val" and evidence.segments == []
    profile = client.get(reverse("synthesis:region", args=[assignment.pk, "halland"]))
    assert profile.context["cells"]["claimed_not_seen"] == ["Finansiär"]
    assert not Tag.objects.filter(role=role).exists()  # the pick alone made the claim


def test_saving_an_interview_tags_answers_and_quotes(client, alice, submission):
    login(client, alice).post(
        reverse("interviews:create", args=[submission.pk]),
        {
            "organisation": "Länsstyrelsen Halland",
            "actor_type": "lansstyrelse",
            "interview_date": "2026-10-01",
            "consent": "named",
            "answers": "Regionen finansierar projekt. Den samordnar också arbetet.",
            "quotes_text": "Den samordnar också arbetet.",
            "revision": 0,
        },
    )
    fields = set(Tag.objects.filter(submission=submission).values_list("field", "role__slug"))
    assert ("answers", "finansiar") in fields
    assert ("quote", "samordnare") in fields


def test_a_negated_sentence_gets_no_tag(client, alice, submission):
    login(client, alice).post(
        reverse("submissions:statement", args=[submission.pk]),
        {"statement": "Regionen ska inte finansiera verksamheten.", "revision": 0},
    )
    assert not statement_tags(submission).filter(role__slug="finansiar").exists()


def test_a_facilitator_confirms_and_rejects_tags(client, fiona, complete_submission):
    retag_corpus()
    first, second = Tag.objects.filter(source="auto")[:2]
    login(client, fiona)
    url = reverse("synthesis:review", args=[first.pk])
    response = client.post(url, {"decision": "confirm"}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.json()["review"] == "confirmed"
    client.post(reverse("synthesis:review", args=[second.pk]), {"decision": "reject"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.review == "confirmed" and first.reviewed_by == fiona
    assert second.review == "rejected"


def test_the_queue_lists_only_unreviewed_tags(client, fiona, complete_submission):
    retag_corpus()
    tag = Tag.objects.filter(source="auto").first()
    tag.review = "rejected"
    tag.save()
    response = login(client, fiona).get(reverse("synthesis:queue"))
    ids = [t.pk for t, _segments in response.context["items"]]
    assert tag.pk not in ids
    assert response.context["total"] == Tag.objects.filter(review="unreviewed").count()


def test_a_facilitator_tags_a_selected_span_by_hand(client, fiona, complete_submission):
    text = complete_submission.statement
    start = text.index("integrationsarbetet")
    login(client, fiona).post(
        reverse("synthesis:add_tag", args=[complete_submission.pk]),
        {"role": "visionar", "field": "statement", "start": start, "end": len(text) - 1},
    )
    tag = Tag.objects.get(source="facilitator")
    assert tag.match == text[start:-1] and tag.review == "confirmed"


def test_a_span_outside_the_text_is_refused_with_a_message(client, fiona, complete_submission):
    response = login(client, fiona).post(
        reverse("synthesis:add_tag", args=[complete_submission.pk]),
        {"role": "visionar", "field": "statement", "start": 5, "end": 99999},
        follow=True,
    )
    assert response.status_code == 200
    assert not Tag.objects.filter(source="facilitator").exists()


def test_another_regions_interview_cannot_be_tagged_through_this_submission(
    client, fiona, complete_submission, other_submission
):
    foreign = add_interview(other_submission)
    login(client, fiona).post(
        reverse("synthesis:add_tag", args=[complete_submission.pk]),
        {"role": "visionar", "field": "answers", "interview": foreign.pk, "start": 0, "end": 5},
    )
    assert not Tag.objects.filter(source="facilitator").exists()


def test_the_review_page_highlights_the_evidence(client, fiona, complete_submission):
    retag_corpus()
    page = login(client, fiona).get(reverse("synthesis:submission", args=[complete_submission.pk]))
    assert '<mark class="ev"' in page.content.decode()


def test_coordinators_see_their_tags_only_once_returned(client, alice, complete_submission):
    url = reverse("synthesis:submission", args=[complete_submission.pk])
    assert login(client, alice).get(url).status_code == 404
    complete_submission.state = "returned"
    complete_submission.save()
    page = client.get(url).content.decode()
    assert "Confirm" not in page and "Bekräfta" not in page


def test_highlight_pieces_join_back_to_the_text():
    role = Role(slug="x", name_sv="X", name_en="X")
    text = "Vi samordnar 🚀 och stöttar."
    tag = Tag(role=role, start=0, end=len(text), evidence=[[3, 12, "samordnar"]], source="auto")
    segments = highlight(text, [tag])
    assert "".join(s.text for s in segments) == text
    assert [s.text for s in segments if s.roles] == ["samordnar"]


def test_cohen_kappa_is_one_for_full_agreement_and_zero_for_chance():
    assert cohen_kappa(5, 0, 0, 5) == 1.0
    assert abs(cohen_kappa(25, 25, 25, 25)) < 1e-9


def test_agreement_counts_facilitator_decisions(db, fiona, complete_submission):
    retag_corpus()
    tags = list(Tag.objects.filter(source="auto", role__slug="samordnare"))
    assert tags
    tags[0].review = "confirmed"
    tags[0].save()
    row = next(r for r in agreement() if r.role.slug == "samordnare")
    assert row.confirmed == 1 and row.precision == 1.0


def test_the_tag_command_prints_one_json_object_per_line(db):
    nfd = unicodedata.normalize("NFD", "Vi öppnar dörrar.")
    lines = ["Regionen samordnar arbetet.", "Mötet hölls i mars.", nfd]
    stdin = io.StringIO("\n".join(lines) + "\n")
    out = io.StringIO()
    call_command("tag", stdout=out, stdin=stdin)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 3
    assert records[0]["roles"] == ["samordnare"]
    evidence = records[0]["evidence"][0]
    assert lines[0][evidence["start"] : evidence["end"]] == evidence["match"]
    assert records[1] == {"roles": [], "evidence": []}
    assert records[2]["roles"] == ["dorroppnare"]
    assert (
        nfd[records[2]["evidence"][0]["start"] : records[2]["evidence"][0]["end"]]
        == (records[2]["evidence"][0]["match"])
    )


def test_coordinators_see_their_tags_once_the_synthesis_is_published(
    client, alice, complete_submission
):
    from django.utils import timezone

    url = reverse("synthesis:submission", args=[complete_submission.pk])
    assignment = complete_submission.assignment
    assignment.published_at = timezone.now()
    assignment.save()
    assert login(client, alice).get(url).status_code == 200
