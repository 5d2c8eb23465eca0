"""Before the texts' CRLF become LF (interviews 0004, submissions 0005): the tags on them
move to where their words will stand, each CRLF before them one character less; and the
roles' definitions get LF too."""

from bisect import bisect_left

from django.db import migrations


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _move_tags(tags, text: str) -> list:
    crlf = [i for i in range(len(text) - 1) if text[i] == "\r" and text[i + 1] == "\n"]
    new = _lf(text)

    def moved(offset):
        return None if offset is None else offset - bisect_left(crlf, offset)

    for tag in tags:
        tag.start, tag.end = moved(tag.start), moved(tag.end)
        tag.match = new[tag.start : tag.end]
        tag.evidence = [[moved(s), moved(e), _lf(words)] for s, e, words in tag.evidence or []]
    return tags


def to_lf(apps, schema_editor):
    Tag = apps.get_model("synthesis", "Tag")
    Role = apps.get_model("synthesis", "Role")
    Submission = apps.get_model("submissions", "Submission")
    Interview = apps.get_model("interviews", "Interview")
    changed = []
    statements = Submission.objects.filter(statement__contains="\r").values_list("pk", "statement")
    for pk, text in statements.iterator():
        tags = Tag.objects.filter(submission_id=pk, field="statement", start__isnull=False)
        changed += _move_tags(list(tags), text)
    answers = Interview.objects.filter(answers__contains="\r").values_list("pk", "answers")
    for pk, text in answers.iterator():
        tags = Tag.objects.filter(interview_id=pk, field="answers", start__isnull=False)
        changed += _move_tags(list(tags), text)
    Tag.objects.bulk_update(changed, ["start", "end", "match", "evidence"], batch_size=500)
    for field in ("definition_sv", "definition_en"):
        for role in Role.objects.filter(**{f"{field}__contains": "\r"}):
            setattr(role, field, _lf(getattr(role, field)))
            role.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [
        ("synthesis", "0005_own_picks_only_in_self_roles"),
        ("interviews", "0003_history"),
        ("submissions", "0004_role_picks_in_history_and_conflicts"),
    ]
    run_before = [("interviews", "0004_line_breaks_lf"), ("submissions", "0005_line_breaks_lf")]

    operations = [migrations.RunPython(to_lf, migrations.RunPython.noop)]
