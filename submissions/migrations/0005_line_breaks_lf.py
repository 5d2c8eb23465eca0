"""Texts stored with CRLF (as browsers send a textarea) get LF, as the forms now store
them (reglab/text.py), so that offsets mean the same in every tool. The tags' offsets
into the statements are moved first (synthesis 0006_tag_offsets_lf)."""

from django.db import migrations

TEXTS = {
    "Assignment": ["instructions_sv", "instructions_en"],
    "Submission": ["statement", "return_comment"],
    "ConflictCopy": ["text"],
    "SubmissionVersion": ["comment"],
}


def _lf(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [_lf(item) for item in value]
    if isinstance(value, dict):
        return {key: _lf(item) for key, item in value.items()}
    return value


def to_lf(apps, schema_editor):
    for name, fields in TEXTS.items():
        model = apps.get_model("submissions", name)
        for field in fields:
            changed = []
            for row in model.objects.filter(**{f"{field}__contains": "\r"}).iterator():
                setattr(row, field, _lf(getattr(row, field)))
                changed.append(row)
            model.objects.bulk_update(changed, [field], batch_size=500)
    # The versions' frozen copies: the same texts, as plain data.
    Version = apps.get_model("submissions", "SubmissionVersion")
    changed = []
    for version in Version.objects.iterator():
        snapshot = _lf(version.snapshot)
        if snapshot != version.snapshot:
            version.snapshot = snapshot
            changed.append(version)
    Version.objects.bulk_update(changed, ["snapshot"], batch_size=100)


class Migration(migrations.Migration):
    dependencies = [("submissions", "0004_role_picks_in_history_and_conflicts")]

    operations = [migrations.RunPython(to_lf, migrations.RunPython.noop)]
