"""The synthesis counts in the database (frames.load()): its figures must equal a plain
count over the tag rows, which is what every chart and table of the dashboards, the
report and the deck shows. On the demo, with and without the filters."""

from collections import defaultdict

import pytest

from interviews.models import Interview
from submissions.models import Submission
from synthesis import frames
from synthesis.models import Tag


def counted_by_hand(assignment, filters: frames.Filters):
    """Per region × role: claimed, the interviews that see it and that expect it; per actor
    type × role the same two counts — from every counted tag row, in Python."""
    submissions = {
        s.pk: s
        for s in Submission.objects.filter(
            assignment=assignment, state=Submission.State.SUBMITTED
        ).select_related("region")
    }
    tags = Tag.objects.filter(submission_id__in=submissions, role__is_active=True).exclude(
        review=Tag.Review.REJECTED
    )
    claimed, seen, expected = set(), defaultdict(set), defaultdict(set)
    by_actor, expected_by_actor = defaultdict(set), defaultdict(set)
    actor_of = dict(Interview.objects.values_list("pk", "actor_type"))
    for tag in tags.select_related("role"):
        if filters.confirmed_only and not (
            tag.review == Tag.Review.CONFIRMED or tag.source != Tag.Source.AUTO
        ):
            continue
        region, role = submissions[tag.submission_id].region.slug, tag.role.slug
        if tag.field == Tag.Field.STATEMENT:
            claimed.add((region, role))
            continue
        actor = actor_of[tag.interview_id]
        if filters.actor_types and actor not in filters.actor_types:
            continue
        seen[region, role].add(tag.interview_id)
        by_actor[actor, role].add(tag.interview_id)
        if tag.expectation:
            expected[region, role].add(tag.interview_id)
            expected_by_actor[actor, role].add(tag.interview_id)
    for submission in submissions.values():
        for role in submission.self_roles.filter(is_active=True):
            claimed.add((submission.region.slug, role.slug))
    return claimed, seen, expected, by_actor, expected_by_actor


FILTERS = [
    frames.Filters(),
    frames.Filters(confirmed_only=True),
    frames.Filters(actor_types=("kommun", "arbetsformedlingen")),
]


@pytest.mark.parametrize("filters", FILTERS, ids=["all", "confirmed", "two actor types"])
def test_the_counts_equal_a_count_of_the_tag_rows(demo, filters):
    if filters.confirmed_only:  # the demo's tags are automatic: a facilitator confirms some
        some = list(Tag.objects.order_by("pk").values_list("pk", flat=True)[::3])
        Tag.objects.filter(pk__in=some).update(review=Tag.Review.CONFIRMED)
    claimed, seen, expected, by_actor, expected_by_actor = counted_by_hand(demo, filters)
    assert seen, "the demo has interviews that see roles"
    data = frames.load(demo, filters)

    matrix = frames.region_matrix(data)
    assert {(r.region, r.role) for r in matrix.itertuples() if r.claimed} == claimed
    assert {(r.region, r.role): r.seen for r in matrix.itertuples() if r.seen} == {
        key: len(ids) for key, ids in seen.items()
    }

    actors = frames.actor_expectations(data)
    assert {(r.actor_type, r.role): r.seen for r in actors.itertuples() if r.seen} == {
        key: len(ids) for key, ids in by_actor.items()
    }
    assert {(r.actor_type, r.role): r.expected for r in actors.itertuples() if r.expected} == {
        key: len(ids) for key, ids in expected_by_actor.items()
    }

    comparison = frames.role_comparison(data).set_index("role")
    for role in comparison.index:
        interviews = set().union(*(ids for (_r, ro), ids in seen.items() if ro == role))
        assert comparison.loc[role, "interviews_seeing"] == len(interviews)
        assert comparison.loc[role, "regions_claiming"] == sum(
            1 for _r, ro in claimed if ro == role
        )
    assert data.seen.expected.sum() == sum(len(ids) for ids in expected.values())


def test_a_rejected_tag_stops_counting(demo):
    data = frames.load(demo)
    row = data.seen.sort_values("seen").iloc[0]
    tags = Tag.objects.filter(
        submission__region__slug=row.region,
        submission__assignment=demo,
        role__slug=row.role,
        field__in=[Tag.Field.ANSWERS, Tag.Field.QUOTE],
    )
    tags.update(review=Tag.Review.REJECTED)
    after = frames.region_matrix(frames.load(demo)).set_index(["region", "role"])
    assert after.loc[(row.region, row.role), "seen"] == 0
