from django.db import migrations

# Frozen copy: the 21 Swedish regions as they were when this migration was written.
REGIONS = [
    ("blekinge", "Blekinge"),
    ("dalarna", "Dalarna"),
    ("gotland", "Gotland"),
    ("gavleborg", "Gävleborg"),
    ("halland", "Halland"),
    ("jamtland-harjedalen", "Jämtland Härjedalen"),
    ("jonkoping", "Jönköpings län"),
    ("kalmar", "Kalmar län"),
    ("kronoberg", "Kronoberg"),
    ("norrbotten", "Norrbotten"),
    ("skane", "Skåne"),
    ("stockholm", "Stockholm"),
    ("sormland", "Sörmland"),
    ("uppsala", "Uppsala"),
    ("varmland", "Värmland"),
    ("vasterbotten", "Västerbotten"),
    ("vasternorrland", "Västernorrland"),
    ("vastmanland", "Västmanland"),
    ("vgr", "Västra Götalandsregionen"),
    ("orebro", "Örebro län"),
    ("ostergotland", "Östergötland"),
]


def add_regions(apps, schema_editor):
    Region = apps.get_model("reglab", "Region")
    for position, (slug, name) in enumerate(REGIONS, start=1):
        Region.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("reglab", "0001_initial")]
    operations = [migrations.RunPython(add_regions, migrations.RunPython.noop)]
