from django.db import migrations


def add_roles(apps, schema_editor):
    # The default taxonomy is data the tagger's tests share, kept in one module; read
    # when the migration runs (migrations import no app at module level).
    from synthesis.taxonomy_default import DEFAULT_ROLES

    Role = apps.get_model("synthesis", "Role")
    for position, role in enumerate(DEFAULT_ROLES, start=1):
        Role.objects.update_or_create(
            slug=role["slug"],
            defaults={
                "name_sv": role["name_sv"],
                "name_en": role["name_en"],
                "definition_sv": role["definition_sv"],
                "definition_en": role["definition_en"],
                "cues": list(role["cues"]),
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("synthesis", "0001_initial")]
    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
