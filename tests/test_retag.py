"""A re-tag after a taxonomy change writes only the tags that changed.

The tags a text gets again exactly as before keep their row (same id, so a decision taken
on them later, their history and any link to them stay); the result is still the same set
of tags as a re-tag from no tags would give.
"""

from synthesis.models import Role, Tag
from synthesis.services import retag_corpus

STATEMENT = (
    "Vi samordnar arbetet i länet. Regionen öppnar dörrar till arbetsgivare. "
    "Regionen är en brygga mellan aktörer. Vi driver ett regionalt nätverk för "
    "samordnare och finansierar projekt i civilsamhället."
)


def auto_tags():
    """The automatic tags as a user sees them: role, text, span, words, review."""
    return sorted(
        Tag.objects.filter(source="auto").values_list(
            "role__slug",
            "field",
            "interview_id",
            "quote_id",
            "start",
            "end",
            "match",
            "score",
            "expectation",
            "review",
        )
    )


def full_retag_tags():
    """What a re-tag from no unreviewed automatic tags gives (then put back as it was)."""
    from django.db import transaction

    with transaction.atomic():
        Tag.objects.filter(source="auto", review="unreviewed").delete()
        retag_corpus()
        tags = auto_tags()
        transaction.set_rollback(True)
    return tags


def add_cue(slug, cue):
    role = Role.objects.get(slug=slug)
    role.cues = [*role.cues, cue]
    role.save()


def test_a_new_cue_leaves_the_other_tags_rows_in_place(db, complete_submission):
    complete_submission.statement = STATEMENT
    complete_submission.save()
    retag_corpus()
    before = dict(Tag.objects.filter(source="auto").values_list("pk", "role__slug"))
    assert "dorroppnare" in before.values()

    add_cue("dorroppnare", "brygga")
    retag_corpus()

    after = dict(Tag.objects.filter(source="auto").values_list("pk", "role__slug"))
    assert set(before) <= set(after)  # every tag that was there is still there, same id
    added = Tag.objects.filter(pk__in=set(after) - set(before))
    assert [t.match for t in added] == ["Regionen är en brygga mellan aktörer."]
    assert auto_tags() == full_retag_tags()


def test_a_removed_cue_deletes_only_its_tags(db, complete_submission):
    complete_submission.statement = STATEMENT
    complete_submission.save()
    retag_corpus()
    role = Role.objects.get(slug="finansiar")
    gone = set(Tag.objects.filter(role=role).values_list("pk", flat=True))
    others = set(Tag.objects.exclude(role=role).values_list("pk", flat=True))
    assert gone and others

    role.cues = [c for c in role.cues if not c.startswith("finansier")]
    role.save()
    retag_corpus()

    assert set(Tag.objects.values_list("pk", flat=True)) == others
    assert auto_tags() == full_retag_tags()


def test_a_retag_with_no_change_writes_nothing_and_counts_every_tag(db, complete_submission):
    retag_corpus()
    before = sorted(Tag.objects.values_list("pk", "created_at"))
    stats = {}
    assert retag_corpus(stats=stats) == len(before)
    assert sorted(Tag.objects.values_list("pk", "created_at")) == before
    assert (stats["inserted"], stats["deleted"], stats["unchanged"]) == (0, 0, len(before))


def test_a_changed_or_duplicated_tag_is_replaced_by_the_one_the_rules_give(
    db, complete_submission
):
    retag_corpus()
    expected = auto_tags()
    tag = Tag.objects.filter(source="auto").first()
    Tag.objects.filter(pk=tag.pk).update(score=0.123)  # not what the rules give
    copy = Tag.objects.filter(source="auto").last()
    copy.pk = None
    copy.save()  # the same tag twice

    retag_corpus()

    assert auto_tags() == expected
    assert not Tag.objects.filter(pk=tag.pk).exists()


def test_reviewed_tags_stay_as_they_are_through_an_incremental_retag(db, complete_submission):
    complete_submission.statement = STATEMENT
    complete_submission.save()
    retag_corpus()
    confirmed = Tag.objects.filter(role__slug="samordnare", field="statement").first()
    confirmed.review = "confirmed"
    confirmed.save()
    rejected = Tag.objects.filter(role__slug="finansiar").first()
    rejected.review = "rejected"
    rejected.save()

    add_cue("dorroppnare", "brygga")
    retag_corpus()
    retag_corpus(processes=2)

    assert Tag.objects.filter(pk=confirmed.pk, review="confirmed").exists()
    assert Tag.objects.filter(pk=rejected.pk, review="rejected").exists()
    # No unreviewed twin of a reviewed tag is made again.
    for tag in (confirmed, rejected):
        assert not Tag.objects.filter(
            role=tag.role, field=tag.field, start=tag.start, review="unreviewed"
        ).exists()
    assert auto_tags() == full_retag_tags()


def test_a_parallel_incremental_retag_gives_the_same_tags_and_ids(db, complete_submission):
    complete_submission.statement = STATEMENT
    complete_submission.save()
    retag_corpus()
    before = set(Tag.objects.values_list("pk", flat=True))
    add_cue("dorroppnare", "brygga")
    retag_corpus(processes=2)
    assert before <= set(Tag.objects.values_list("pk", flat=True))
    assert auto_tags() == full_retag_tags()
