"""Issue 14: the new default cues reach existing installs, and their texts are re-tagged.

The default cues (synthesis/taxonomy_default.py) only reach a database through 0002 (a new
install) and the demo. This migration gives every default role whose cues are still
exactly the defaults before issue 14 (OLD_CUES, frozen here) the new defaults: tighter
phrases ("som arbetsgivare" no longer matches "som kan samla arbetsgivarna"), "bidrag",
"medel", "projekt" and "strategisk" only with a context word, and the words of paraphrase
and of expectations. Cues a facilitator edited are left alone.

When a role changed, the corpus is re-tagged as after a taxonomy change
(synthesis.services.retag_corpus): unreviewed automatic tags are replaced, reviewed and
hand-made tags stay. It is done here with the models as they are at this migration, so
that it also runs when later migrations have changed the Tag model. A TaxonomyChange row
says what happened on the taxonomy page.
"""

from django.db import migrations
from django.utils import timezone

# The default cues before issue 14, as 0002 wrote them.
OLD_CUES = {
    "samordnare": [
        "samordna",
        "koordinera",
        "synka insatser",
        "coordinate",
        "samordnare",
        "samordning",
        "koordinator",
        "synka",
        "synkronisera",
        "samla aktörer",
        "hålla ihop",
        "hålla samman",
        "helhetsgrepp",
        "spindeln i nätet",
        "coordinator",
        "align efforts",
        "alignment",
        "orchestrate",
        "sammanhållande",
        "nav",
        "bring together",
        "samordningsroll",
        "coordinating role",
    ],
    "samverkanspartner": [
        "samverka",
        "samarbete",
        "projektpartner",
        "partner",
        "samverkan",
        "samverkanspart",
        "samarbeta",
        "partnerskap",
        "jämbördig part",
        "arbeta tillsammans",
        "jobba tillsammans",
        "collaborate",
        "cooperate",
        "partnership",
        "work together",
        "gemensamt",
        "jointly",
        "samverkansgrupp",
        "collaborator",
    ],
    "paverkare": [
        "påverka",
        "lobba",
        "opinionsbilda",
        "en röst",
        "advocate",
        "lobby",
        "påverkansarbete",
        "lobbyist",
        "stark röst",
        "föra talan",
        "språkrör",
        "företräda",
        "advocacy",
        "influence",
        "a voice",
        "speak for",
        "driva frågor",
        "driva frågan",
        "sin röst",
        "vår röst",
        "its voice",
        "our voice",
        "push the government",
        "push for",
        "lyfta frågan",
        "uppvakta",
        "remissvar",
        "talerör",
        "påverka staten",
        "lobbying",
    ],
    "omvarldsbevakare": [
        "omvärldsbevakning",
        "analys",
        "trender",
        "horizon scanning",
        "omvärld",
        "omvärldsanalys",
        "bevaka",
        "analysera",
        "trendspaning",
        "spana",
        "statistik",
        "ha koll på",
        "följa utvecklingen",
        "scan the horizon",
        "monitor",
        "trend",
        "analysis",
        "foresight",
        "keep an eye on",
        "lägesbild",
        "prognos",
        "forecast",
    ],
    "innovator": [
        "nya metoder",
        "pröva",
        "innovation",
        "innovate",
        "innovativ",
        "innovatör",
        "nya arbetssätt",
        "nya lösningar",
        "prova",
        "testa nya",
        "testbädd",
        "experimentera",
        "pilot",
        "nytänkande",
        "innovative",
        "new methods",
        "try out",
        "test new",
        "nytt upplägg",
        "nytt sätt",
        "nya sätt",
        "new ways",
        "new approach",
        "försöksverksamhet",
        "testa nytt",
        "try new",
        "experiment",
        "pröva nytt",
    ],
    "kunskapsformedlare": [
        "sprida kunskap",
        "goda exempel",
        "fakta",
        "share knowledge",
        "förmedla kunskap",
        "dela kunskap",
        "kunskapsförmedlare",
        "kunskapsspridning",
        "kunskapsunderlag",
        "kunskapsbank",
        "lyfta exempel",
        "positiva exempel",
        "sprida erfarenheter",
        "dela erfarenheter",
        "informera",
        "forskningsrön",
        "lära ut",
        "knowledge broker",
        "good practice",
        "good examples",
        "best practice",
        "disseminate",
        "share experiences",
        "bidra med kunskap",
        "spread knowledge",
        "förmedla forskning",
        "sprida resultat",
        "presentera fakta",
        "lyfta erfarenheter",
        "kunskapsöverföring",
        "rapportera till",
        "translate research",
        "share findings",
        "report back",
        "report to",
        "present facts",
        "knowledge transfer",
    ],
    "projektutvecklare": [
        "projekt",
        "ansökningar",
        "utvecklingsprojekt",
        "project",
        "projektutveckling",
        "projektutvecklare",
        "projektidé",
        "ansöka",
        "söka medel",
        "ansöka medel",
        "söka pengar",
        "söka finansiering",
        "söka bidrag",
        "project development",
        "funding application",
        "apply for funding",
        "grant application",
        "söka projektmedel",
        "söka utvecklingsmedel",
        "ansöka om medel",
        "driva utvecklingsprojekt",
        "apply for",
        "apply for money",
        "develop projects",
    ],
    "larande": [
        "lära av andra",
        "lärande organisation",
        "learn from others",
        "lärande",
        "lära sig",
        "ta lärdom",
        "erfarenhetsutbyte",
        "studiebesök",
        "reflektera",
        "utvärdera",
        "learn",
        "learning organisation",
        "lära av",
        "learn from",
        "ta del av erfarenheter",
    ],
    "forebild": [
        "gå före",
        "föregå med gott exempel",
        "som arbetsgivare",
        "role model",
        "förebild",
        "föredöme",
        "gott exempel",
        "visa vägen",
        "anställa nyanlända",
        "ta emot praktikanter",
        "lead by example",
        "set an example",
        "good example",
        "as an employer",
        "show the way",
        "praktikplats",
        "leva som lär",
        "practise what preach",
        "practice what preach",
        "set a good example",
        "walk the talk",
        "visa att det går",
    ],
    "stodjande": [
        "stödja",
        "stötta",
        "bollplank",
        "processtöd",
        "support",
        "stöd",
        "stödjande",
        "stöttande",
        "stödfunktion",
        "stödinsats",
        "hjälpa",
        "ge råd",
        "rådgivning",
        "backa upp",
        "underlätta",
        "handledning",
        "sounding board",
        "help",
        "assist",
        "advice",
        "back up",
    ],
    "dorroppnare": [
        "öppna dörrar",
        "koppla ihop",
        "kontakter",
        "open doors",
        "dörröppnare",
        "koppla samman",
        "kontakt",
        "kontaktnät",
        "förmedla kontakter",
        "brobyggare",
        "bygga broar",
        "sammanföra",
        "door opener",
        "connect",
        "bridge builder",
        "build bridges",
        "matchmaking",
        "länka",
        "para ihop",
        "sätta i kontakt",
        "förmedla kontakt",
        "kontaktytor",
        "get in touch",
        "put in touch",
        "put in contact",
        "contacts",
        "contact network",
        "introduce to",
        "connections",
    ],
    "visionar": [
        "vision",
        "målbild",
        "långsiktig riktning",
        "visionär",
        "långsiktig",
        "långsiktigt perspektiv",
        "framtidsbild",
        "staka ut",
        "peka ut riktningen",
        "strategisk",
        "visionary",
        "long term",
        "direction",
        "riktning",
        "år framåt",
        "blicka framåt",
        "se framåt",
        "framtidsvision",
        "long-term goal",
        "paint a picture",
        "picture of the future",
        "look ahead",
        "långsiktigt mål",
    ],
    "finansiar": [
        "finansiera",
        "medel",
        "bidrag",
        "fund",
        "finansiär",
        "finansiering",
        "pengar",
        "anslag",
        "utvecklingsmedel",
        "projektmedel",
        "ekonomiskt stöd",
        "investera",
        "funder",
        "grant",
        "finance",
        "financier",
        "financial support",
        "money",
        "bekosta",
        "betala för",
        "stå för kostnaden",
        "medfinansiera",
        "co-fund",
        "pay for",
        "cover the costs",
        "ekonomiska resurser",
    ],
    "regionaliserare": [
        "nationella satsningar anpassade till regionen",
        "regionalisera",
        "anpassa nationella",
        "anpassa regionala",
        "översätta nationella",
        "omsätta nationella",
        "regional anpassning",
        "regional tillämpning",
        "regionala förutsättningar",
        "statliga satsningar",
        "regionalise",
        "adapt national",
        "translate national",
        "regional conditions",
        "ta hem nationella",
        "regional prägel",
        "nationell politik",
        "omsätta strategi",
        "omsätta nationell strategi",
        "bridge national",
        "national policy",
        "local practice",
        "adapt national initiatives",
    ],
    "natverksledare": [
        "driva nätverk",
        "plattform",
        "arena",
        "mötesplats",
        "network",
        "nätverksledare",
        "leda nätverk",
        "nätverksträff",
        "forum",
        "bjuda in",
        "platform",
        "meeting place",
        "convene",
        "run networks",
        "arrangera träffar",
        "anordna träffar",
        "träffpunkt",
        "sammankalla",
        "sammankallande",
        "convener",
        "nätverksledning",
    ],
    "kompetensutvecklare": [
        "kompetensutveckling",
        "utbildning",
        "kompetensförsörjning",
        "training",
        "kompetensutvecklare",
        "kompetens",
        "utbilda",
        "kompetenslyft",
        "fortbildning",
        "vidareutbildning",
        "validering",
        "kurs",
        "skills",
        "upskill",
        "competence",
        "education",
        "course",
    ],
    "processledare": [
        "leda utvecklingen",
        "driva utvecklingen",
        "processledare",
        "processledning",
        "leda processen",
        "driva processen",
        "hålla i processen",
        "ta ledningen",
        "ledande roll",
        "ta initiativ",
        "lead development",
        "drive development",
        "facilitate",
        "process leader",
        "lead the process",
        "take the lead",
        "äga processen",
        "ta ledarskapet",
        "ta ledarrollen",
        "utvecklingsledare",
        "ta täten",
        "leda utvecklingsarbetet",
        "driving force",
        "take leadership",
        "drivande roll",
    ],
}

DESCRIPTION = "Default cues updated (issue 14): expectations, tighter phrases, paraphrases"


def _new_cues() -> dict[str, list[str]]:
    from synthesis.taxonomy_default import DEFAULT_ROLES

    return {role["slug"]: list(role["cues"]) for role in DEFAULT_ROLES}


def _swap(apps, replace: dict[str, list[str]], by: dict[str, list[str]]) -> bool:
    """Give the roles whose cues are exactly replace[slug] the cues by[slug]."""
    Role = apps.get_model("synthesis", "Role")
    changed = False
    for role in Role.objects.filter(slug__in=list(replace)):
        if list(role.cues) == replace[role.slug] and replace[role.slug] != by[role.slug]:
            role.cues = list(by[role.slug])
            role.save(update_fields=["cues"])
            changed = True
    return changed


def _retag(apps) -> None:
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
    TaxonomyChange.objects.create(description=DESCRIPTION, retagged_at=timezone.now())


def forwards(apps, schema_editor):
    if _swap(apps, OLD_CUES, _new_cues()):
        _retag(apps)


def backwards(apps, schema_editor):
    if _swap(apps, _new_cues(), OLD_CUES):
        _retag(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0005_interview_form_token"),
        ("submissions", "0005_line_breaks_lf"),
        ("synthesis", "0007_tag_expectation_learned_model_proposal"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
