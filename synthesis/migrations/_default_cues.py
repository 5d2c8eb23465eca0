"""What the migrations that bring new default cues share (0008, 0009).

The migration loader skips modules whose names start with "_": this is no migration.
"""

from django.utils import timezone


def retag(apps, description: str) -> None:
    """retag_corpus with this migration's models: replace the unreviewed automatic tags."""
    from synthesis import tagger

    Role = apps.get_model("synthesis", "Role")
    Tag = apps.get_model("synthesis", "Tag")
    Submission = apps.get_model("submissions", "Submission")
    Interview = apps.get_model("interviews", "Interview")
    Quote = apps.get_model("interviews", "Quote")
    TaxonomyChange = apps.get_model("synthesis", "TaxonomyChange")

    roles = list(Role.objects.filter(is_active=True).order_by("pk"))
    lexicon = tagger.Lexicon.compile({role.slug: role.cues for role in roles})
    role_ids = {role.slug: role.pk for role in roles}
    Tag.objects.filter(source="auto", review="unreviewed").delete()
    kept = set(
        Tag.objects.filter(source="auto").values_list(
            "submission_id", "field", "interview_id", "quote_id", "role_id", "start"
        )
    )
    now = timezone.now()

    def units():
        for pk, text in Submission.objects.values_list("pk", "statement").iterator():
            yield pk, "statement", None, None, text
        answers = Interview.objects.values_list("pk", "submission_id", "answers")
        for pk, submission_id, text in answers.iterator():
            yield submission_id, "answers", pk, None, text
        quotes = Quote.objects.values_list(
            "pk", "interview__submission_id", "interview_id", "text"
        )
        for pk, submission_id, interview_id, text in quotes.iterator():
            yield submission_id, "quote", interview_id, pk, text

    batch = []
    for submission_id, field, interview_id, quote_id, text in units():
        for sentence in tagger.tag_sentences(text or "", lexicon):
            for role in sentence.roles:
                role_id = role_ids.get(role)
                key = (submission_id, field, interview_id, quote_id, role_id, sentence.start)
                if role_id is None or key in kept:
                    continue
                batch.append(
                    Tag(
                        role_id=role_id,
                        submission_id=submission_id,
                        interview_id=interview_id,
                        quote_id=quote_id,
                        field=field,
                        start=sentence.start,
                        end=sentence.end,
                        match=text[sentence.start : sentence.end],
                        evidence=[
                            [e.start, e.end, e.match] for e in sentence.evidence if e.role == role
                        ],
                        score=sentence.scores.get(role, 1.0),
                        expectation=role in sentence.expected,
                        source="auto",
                        review="unreviewed",
                        created_at=now,
                    )
                )
        if len(batch) >= 2000:
            Tag.objects.bulk_create(batch)
            batch = []
    Tag.objects.bulk_create(batch)
    TaxonomyChange.objects.create(description=description, retagged_at=timezone.now())
