"""Generate a large, realistic data set for load tests and benchmarks.

    python manage.py generate_data --regions 1000 --interviews 20 [--sentences-per-text 6]

Adds the assignment "Generated load" (or reuses it) and N extra regions (slugs gen-00001…)
after any generated before, each with one submitted submission (a Swedish role statement,
its own role picks), M interviews (mixed actor types and consents, answers of K sentences
built from role cues and filler), one quote per interview, a coordinator login per region
(user name = region slug, password "demo") and the automatic tags of every new text.

Everything is written with bulk_create in batches, so no history rows or signals are
produced: this is test data, not homework.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from interviews.models import Interview, Quote
from reglab.models import Membership, Region
from submissions.models import Assignment, Submission
from synthesis import cache as synthesis_cache
from synthesis.models import Role, Tag
from synthesis.services import TextUnit, auto_tags, current_taxonomy

ASSIGNMENT_TITLE = "Generated load"
PASSWORD = "demo"
SLUG_PREFIX = "gen-"
BATCH = 2000

# Who speaks: the region itself (statement) or another actor about the region (answers).
STATEMENT_SUBJECTS = ["Regionen", "Vi", "Region {name}", "Vår region", "Regionen som organisation"]
ANSWER_SUBJECTS = ["Regionen", "Region {name}", "Ni på regionen", "Regionen", "Ni"]

# Role cues in several inflections and compounds, one phrase per clause.
ROLE_PHRASES = [
    "samordnar insatserna för nyanlända",
    "har ett tydligt samordningsansvar för integrationsarbetet",
    "samverkar med kommunerna och civilsamhället",
    "är en viktig samarbetspartner för oss",
    "påverkar den nationella politiken och är en röst för länet",
    "bevakar omvärlden och analyserar trender på arbetsmarknaden",
    "prövar nya metoder för språkträning på arbetsplatsen",
    "sprider kunskap och goda exempel mellan kommunerna",
    "skriver ansökningar och driver utvecklingsprojekt",
    "lär av andra regioner och är en lärande organisation",
    "går före som arbetsgivare och tar emot praktikanter",
    "stöttar kommunerna med processtöd och är ett bollplank",
    "öppnar dörrar till arbetsgivare och kopplar ihop aktörer",
    "har en långsiktig vision och en tydlig målbild för länet",
    "finansierar projekt med regionala utvecklingsmedel",
    "anpassar nationella satsningar till regionens förutsättningar",
    "driver ett regionalt nätverk och är en mötesplats för aktörerna",
    "arbetar med kompetensförsörjning och utbildning för nyanlända",
    "leder utvecklingen av integrationsarbetet i länet",
]
OFF_TOPIC = [
    "höll mötet i residensstaden i mars",
    "har tre anställda på kontoret",
    "bytte lokaler förra året",
    "genomförde intervjun via videolänk",
    "serverade kaffe efter lunch",
    "har kontor i fyra orter",
]
FILLER = [
    "i länet",
    "tillsammans med kommunerna",
    "under hösten",
    "enligt vår erfarenhet",
    "för nyanlända kvinnor",
    "sedan flera år",
    "på ett bra sätt",
    "i hela regionen",
]
ORGANISATIONS = {
    Interview.ActorType.ARBETSFORMEDLINGEN: "Arbetsförmedlingen {name}",
    Interview.ActorType.KOMMUN: "{name} kommun",
    Interview.ActorType.LANSSTYRELSE: "Länsstyrelsen i {name}",
    Interview.ActorType.UNIVERSITET: "Högskolan i {name}",
    Interview.ActorType.BIBLIOTEK: "Länsbiblioteket {name}",
    Interview.ActorType.CIVILSAMHALLE: "Föreningen Nya vänner {name}",
    Interview.ActorType.NARINGSLIV: "Företagarna {name}",
    Interview.ActorType.ANNAN: "Studieförbundet {name}",
}
ACTOR_TYPES = list(ORGANISATIONS)
FUNCTIONS = ["Integrationsstrateg", "Enhetschef", "Utvecklingsledare", "Verksamhetschef"]
CONSENTS = [Interview.Consent.ANONYMOUS] * 3 + [
    Interview.Consent.NAMED,
    Interview.Consent.NO_QUOTE,
]


def sentence(rng: random.Random, subjects: list[str], name: str) -> str:
    parts = [rng.choice(subjects).format(name=name)]
    parts.append(rng.choice(ROLE_PHRASES if rng.random() < 0.75 else OFF_TOPIC))
    parts.extend(rng.sample(FILLER, rng.randint(1, 3)))
    if rng.random() < 0.3:
        parts.append("och " + rng.choice(ROLE_PHRASES))
    return " ".join(parts) + "."


def text(rng: random.Random, subjects: list[str], name: str, sentences: int) -> str:
    return " ".join(sentence(rng, subjects, name) for _ in range(sentences))


def batches(items: list, size: int = BATCH):
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Command(BaseCommand):
    help = "Add generated regions, submitted homework, interviews, logins and tags."

    def add_arguments(self, parser):
        parser.add_argument("--regions", type=int, required=True, help="regions to add")
        parser.add_argument("--interviews", type=int, required=True, help="per region")
        parser.add_argument("--sentences-per-text", type=int, default=6, dest="sentences")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-tags", action="store_true", help="leave tagging to a later retag_corpus()"
        )

    def handle(self, *args, regions, interviews, sentences, seed, no_tags, **options):
        if regions < 1 or interviews < 0 or sentences < 1:
            raise CommandError("--regions ≥ 1, --interviews ≥ 0 and --sentences-per-text ≥ 1")
        if regions > 30_000:
            raise CommandError("at most 30,000 regions at a time")
        started = timezone.now()
        with transaction.atomic():
            counts = self._generate(regions, interviews, sentences, random.Random(seed), no_tags)
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(
                "Generated {regions} regions, {interviews} interviews, {quotes} quotes, "
                "{tags} tags in assignment {assignment} ({seconds:.1f} s).".format(
                    **counts, seconds=seconds
                )
            )
        )

    def _generate(self, n_regions, n_interviews, n_sentences, rng, no_tags) -> dict:
        now = timezone.now()
        assignment = Assignment.objects.filter(title_sv=ASSIGNMENT_TITLE).order_by("pk").first()
        if assignment is None:
            assignment = Assignment.objects.create(
                title_sv=ASSIGNMENT_TITLE,
                title_en=ASSIGNMENT_TITLE,
                instructions_sv="Genererad hemläxa för last- och prestandatester.",
                instructions_en="Generated homework for load tests and benchmarks.",
                deadline=now + timedelta(days=30),
                min_interviews=min(3, max(n_interviews, 1)),
            )

        # Continue numbering after the generated regions that already exist.
        existing = Region.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "slug", flat=True
        )
        first = 1 + max(
            (int(s[len(SLUG_PREFIX) :]) for s in existing if s[4:].isdigit()), default=0
        )
        numbers = range(first, first + n_regions)
        regions = Region.objects.bulk_create(
            [
                Region(
                    slug=f"{SLUG_PREFIX}{i:05d}",
                    name=f"Generated {i:05d}",
                    position=min(100 + i, 32_000),
                )
                for i in numbers
            ],
            batch_size=BATCH,
        )

        # One password hash for all: hashing "demo" a thousand times would take minutes.
        User = get_user_model()
        password = make_password(PASSWORD)
        users = User.objects.bulk_create(
            [User(username=r.slug, password=password) for r in regions], batch_size=BATCH
        )
        Membership.objects.bulk_create(
            [
                Membership(user=u, kind=Membership.Kind.COORDINATOR, region=r)
                for u, r in zip(users, regions, strict=True)
            ],
            batch_size=BATCH,
        )

        submissions = Submission.objects.bulk_create(
            [
                Submission(
                    assignment=assignment,
                    region=r,
                    state=Submission.State.SUBMITTED,
                    statement=text(rng, STATEMENT_SUBJECTS, r.name, n_sentences),
                    statement_revision=1,
                    statement_saved_at=now,
                    submitted_at=now - timedelta(minutes=rng.randint(1, 60 * 24 * 20)),
                )
                for r in regions
            ],
            batch_size=BATCH,
        )

        # The regions' own picks.
        role_ids = list(Role.objects.active().values_list("pk", flat=True))
        Through = Submission.self_roles.through
        picks = []
        for s in submissions:
            for role_id in rng.sample(role_ids, min(len(role_ids), rng.randint(1, 3))):
                picks.append(Through(submission_id=s.pk, role_id=role_id))
        Through.objects.bulk_create(picks, batch_size=BATCH)

        taxonomy = None if no_tags else current_taxonomy()
        tags = 0
        if taxonomy:
            tags += self._tag(
                [TextUnit(s.pk, Tag.Field.STATEMENT, s.statement) for s in submissions], taxonomy
            )

        interview_count = quote_count = 0
        start_date = date(2026, 9, 1)
        region_names = {r.pk: r.name for r in regions}
        # Interviews in batches of whole submissions, so that memory stays bounded.
        per_batch = max(1, BATCH // max(n_interviews, 1))
        for chunk in batches(submissions, per_batch):
            made = []
            for s in chunk:
                name = region_names[s.region_id]
                for n in range(n_interviews):
                    actor_type = ACTOR_TYPES[(n + s.pk) % len(ACTOR_TYPES)]
                    made.append(
                        Interview(
                            submission_id=s.pk,
                            organisation=ORGANISATIONS[actor_type].format(name=name),
                            actor_type=actor_type,
                            interview_date=start_date + timedelta(days=rng.randint(0, 60)),
                            interviewee_function=rng.choice(FUNCTIONS),
                            consent=rng.choice(CONSENTS),
                            answers=text(rng, ANSWER_SUBJECTS, name, n_sentences),
                            revision=1,
                        )
                    )
            made = Interview.objects.bulk_create(made)
            quotes = Quote.objects.bulk_create(
                [Quote(interview=i, text=i.answers.split(". ")[0].rstrip(".") + ".") for i in made]
            )
            interview_count += len(made)
            quote_count += len(quotes)
            if taxonomy:
                units = [
                    TextUnit(i.submission_id, Tag.Field.ANSWERS, i.answers, i.pk) for i in made
                ]
                units += [
                    TextUnit(
                        q.interview.submission_id, Tag.Field.QUOTE, q.text, q.interview.pk, q.pk
                    )
                    for q in quotes
                ]
                tags += self._tag(units, taxonomy)
        synthesis_cache.changed()  # bulk_create sends no model signals
        return {
            "regions": len(regions),
            "interviews": interview_count,
            "quotes": quote_count,
            "tags": tags,
            "assignment": assignment.pk,
        }

    @staticmethod
    def _tag(units: list[TextUnit], taxonomy) -> int:
        new = [tag for unit in units for tag in auto_tags(unit, taxonomy)]
        Tag.objects.bulk_create(new, batch_size=BATCH)
        return len(new)
