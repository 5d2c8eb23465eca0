"""Answers and quotes stored with CRLF (as browsers send a textarea) get LF, as the forms
now store them (reglab/text.py), so that offsets mean the same in every tool. The tags'
offsets into these texts are moved first (synthesis 0006_tag_offsets_lf)."""

from django.db import migrations


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def to_lf(apps, schema_editor):
    Interview = apps.get_model("interviews", "Interview")
    Quote = apps.get_model("interviews", "Quote")
    for model, field in ((Interview, "answers"), (Quote, "text")):
        changed = []
        for row in model.objects.filter(**{f"{field}__contains": "\r"}).iterator():
            setattr(row, field, _lf(getattr(row, field)))
            changed.append(row)
        model.objects.bulk_update(changed, [field], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("interviews", "0003_history")]

    operations = [migrations.RunPython(to_lf, migrations.RunPython.noop)]
