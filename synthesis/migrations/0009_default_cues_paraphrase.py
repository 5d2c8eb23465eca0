"""Issue 14, second round: the default cues tuned on four times more paraphrase reach
existing installs, and their texts are re-tagged.

A default role whose cues are still exactly what 0008 gave it (recognised by a fingerprint
of the list, OLD_FINGERPRINTS) gets the new defaults from synthesis/taxonomy_default.py;
cues a facilitator edited are left alone. When a role changed, the corpus is re-tagged
with this migration's models (unreviewed automatic tags replaced, reviewed and hand-made
tags kept) and a TaxonomyChange row says so. Going back leaves the cues as they are: the
old lists are not kept here, and the new ones are a superset in use.
"""

import hashlib
import json

from django.db import migrations

from ._default_cues import retag

# sha256 of json.dumps(cues, ensure_ascii=False), first 16 hex digits, per role, of the
# default cues as 0008 left them.
OLD_FINGERPRINTS = {
    "samordnare": "7ac626f472ba4bba",
    "samverkanspartner": "64d3c21b3ed7709d",
    "paverkare": "a2389835187761a5",
    "omvarldsbevakare": "1336566af446b706",
    "innovator": "46f16f7c640055d9",
    "kunskapsformedlare": "5cd9fd1ecdf79e61",
    "projektutvecklare": "fa1e5c9e5771275f",
    "larande": "b0003893d70fc578",
    "forebild": "9775e719db9b770a",
    "stodjande": "9eec59d9fac17aad",
    "dorroppnare": "89e1739b379767a3",
    "visionar": "3860c5bb3c840416",
    "finansiar": "bfa7c084cfbf3d91",
    "regionaliserare": "ee5ebd22e4d0d5ef",
    "natverksledare": "cfce3a1786b72b13",
    "kompetensutvecklare": "18a8b68eb14e0683",
    "processledare": "02c4e3a3e5d05834"
}

DESCRIPTION = "Default cues updated (issue 14, second round): paraphrases of every role"


def fingerprint(cues) -> str:
    return hashlib.sha256(json.dumps(list(cues), ensure_ascii=False).encode()).hexdigest()[:16]


def forwards(apps, schema_editor):
    from synthesis.taxonomy_default import DEFAULT_ROLES

    Role = apps.get_model("synthesis", "Role")
    new = {role["slug"]: list(role["cues"]) for role in DEFAULT_ROLES}
    changed = False
    for role in Role.objects.filter(slug__in=list(OLD_FINGERPRINTS)):
        old = OLD_FINGERPRINTS[role.slug]
        if fingerprint(role.cues) == old and role.slug in new and role.cues != new[role.slug]:
            role.cues = new[role.slug]
            role.save(update_fields=["cues"])
            changed = True
    if changed:
        retag(apps, DESCRIPTION)


class Migration(migrations.Migration):
    dependencies = [("synthesis", "0008_default_cues_issue14")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
