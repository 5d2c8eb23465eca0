"""Issue 14: expectation and lack are not negation; the demo's eight sentences; the
expectation flag stored on tags, printed by `manage.py tag` and counted on the actors
dashboard; the migration that gives existing installs the new default cues."""

from __future__ import annotations

import importlib
import io
import json

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse

from demo.demo_data import SUBMISSIONS
from synthesis import frames, services
from synthesis.models import Role, Tag, TaxonomyChange
from synthesis.tagger import default_lexicon, tag_sentences
from synthesis.taxonomy_default import DEFAULT_ROLES

from .conftest import add_interview, login


def found(text: str) -> tuple[set[str], set[str]]:
    """The roles found in text, and those of them found as an expectation."""
    sentences = tag_sentences(text, default_lexicon())
    roles = {role for st in sentences for role in st.roles}
    return roles, {role for st in sentences for role in st.expected}


def _demo_texts() -> str:
    texts = []
    for submission in SUBMISSIONS:
        texts.append(submission.get("statement", ""))
        texts.extend(i.get("answers", "") for i in submission.get("interviews", ()))
    return "\n".join(texts)


DEMO = _demo_texts()


def demo_sentence(start: str) -> str:
    """The demo's sentence that starts with these words, as the demo has it."""
    i = DEMO.index(start)
    end = min(DEMO.find(mark, i) % (len(DEMO) + 1) for mark in (". ", ".\n", '."'))
    return DEMO[i : end + 1]


# --- the eight demo sentences of the issue ------------------------------------------------


def test_what_we_miss_is_a_coordinating_region_is_an_expected_coordinator():
    text = demo_sentence("Det vi saknar är att regionen tar en mer samordnande roll")
    assert found(text) == ({"samordnare"}, {"samordnare"})


def test_what_we_miss_is_a_forum_where_actors_sync_is_expected_too():
    text = demo_sentence("Det vi saknar är ett forum där")
    roles, expected = found(text)
    assert roles == expected == {"samordnare", "natverksledare"}


def test_gathering_the_associations_in_a_network_is_network_convening():
    text = demo_sentence("Regionen skulle kunna samla de idéburna organisationerna")
    assert found(text) == ({"natverksledare"}, {"natverksledare"})


def test_adapting_national_initiatives_to_a_county_is_regionalising():
    text = demo_sentence("Nationella satsningar är ofta utformade för storstäder")
    roles, expected = found(text)
    assert roles == {"regionaliserare"}
    assert expected == {"regionaliserare"}  # "vi behöver anpassa dem"


def test_a_bridge_between_research_and_practice_brokers_knowledge_and_opens_doors():
    text = demo_sentence("Vi ser regionen som en aktör med potential att bli en bro")
    assert found(text)[0] == {"kunskapsformedlare", "dorroppnare"}


def test_gathering_employers_is_not_being_a_role_model_as_an_employer():
    text = demo_sentence("Vi ser regionen som en koordinerande aktör som kan samla")
    roles, _expected = found(text)
    assert "forebild" not in roles
    assert "samordnare" in roles


def test_having_contributed_to_analyses_is_not_funding():
    text = demo_sentence("Vi har bidragit till flera analyser")
    assert "finansiar" not in found(text)[0]


def test_state_commissions_and_funds_to_adapt_are_regionalising_not_funding():
    text = demo_sentence("Den första är att regionalisera nationella satsningar")
    roles, _expected = found(text)
    assert "finansiar" not in roles
    assert "regionaliserare" in roles


def test_many_projects_started_by_someone_is_no_project_development():
    text = demo_sentence("I dag startas många projekt utan att någon följer upp")
    assert found(text) == (set(), set())


def test_strategic_work_is_not_a_vision():
    text = demo_sentence("Vi har bidragit till flera analyser")
    assert "strategiska arbete" in text
    assert "visionar" not in found(text)[0]
    assert "visionar" not in found("Vi ser oss som samordnare av det strategiska arbetet.")[0]


# --- expectation is not negation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Det saknas samordning av insatserna i länet.", "samordnare"),
        ("Vi saknar en regional mötesplats för föreningarna.", "natverksledare"),
        ("Vi efterlyser ett tydligare processtöd från regionen.", "stodjande"),
        ("Vi önskar att regionen samordnade språkinsatserna.", "samordnare"),
        ("Regionen borde finansiera fler insatser för kvinnor.", "finansiar"),
        ("Regionen skulle behöva samordna kommunernas insatser.", "samordnare"),
        ("Det hade varit bra om regionen bjöd in till nätverksträffar.", "natverksledare"),
        ("Vi vill att regionen stöttar de små kommunerna.", "stodjande"),
        ("Vi förväntar oss att regionen påverkar staten.", "paverkare"),
        ("We miss a region that coordinates the efforts.", "samordnare"),
        ("We need someone who funds the language cafés.", "finansiar"),
        ("We would like the region to open doors to employers.", "dorroppnare"),
        ("The region should take the lead.", "processledare"),
        ("What is lacking is a meeting place for the associations.", "natverksledare"),
    ],
)
def test_a_wish_a_need_or_a_lack_is_a_tag_marked_as_an_expectation(text: str, role: str):
    roles, expected = found(text)
    assert role in roles
    assert role in expected


@pytest.mark.parametrize(
    "text",
    [
        "Regionen saknar mandat att finansiera föreningarna.",
        "Regionen saknar resurser för att samordna insatserna.",
        "The region lacks the mandate to fund associations.",
        "Regionen behöver inte samordna oss.",
        "Regionen borde inte finansiera enskilda föreningar.",
        "We don't need the region to coordinate us.",
    ],
)
def test_lacking_the_means_or_a_negated_wish_stays_a_negation(text: str):
    assert found(text) == (set(), set())


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Regionen samordnar insatserna i länet.", "samordnare"),
        ("Regionen har finansierat språkcaféerna i tre år.", "finansiar"),
        ("The region opened doors to employers for us.", "dorroppnare"),
    ],
)
def test_a_description_is_no_expectation(text: str, role: str):
    assert found(text) == ({role}, set())


def test_the_expectation_covers_its_own_clause_not_the_one_before_men():
    sentences = tag_sentences(
        "Regionen stöttar oss redan, men vi saknar en samordnande roll i länet.",
        default_lexicon(),
    )
    evidence = {e.role: e.expected for st in sentences for e in st.evidence}
    assert evidence == {"stodjande": False, "samordnare": True}


def test_an_expectation_about_other_actors_is_still_about_the_region():
    # Without the wish, the municipalities would be the ones syncing: no tag.
    assert found("Kommunerna synkar sina insatser.") == (set(), set())
    assert found("Vi behöver ett forum där kommunerna synkar sina insatser.")[1] == {
        "samordnare",
        "natverksledare",
    }


# --- stored, printed, counted -------------------------------------------------------------


def test_automatic_tags_store_whether_they_are_expectations(complete_submission):
    interview = add_interview(
        complete_submission,
        4,
        answers="Regionen finansierar språkcaféerna. Det vi saknar är en samordnande roll.",
    )
    services.tag_interview(interview)
    tags = {
        t.role.slug: t.expectation
        for t in Tag.objects.filter(interview=interview, field=Tag.Field.ANSWERS)
    }
    assert tags == {"finansiar": False, "samordnare": True}


def test_a_changed_expectation_replaces_the_unreviewed_tag(complete_submission):
    interview = add_interview(complete_submission, 4, answers="Regionen samordnar.")
    services.tag_interview(interview)
    interview.answers = "Regionen borde samordna."
    interview.save()
    services.tag_interview(interview)
    (tag,) = Tag.objects.filter(interview=interview, field=Tag.Field.ANSWERS)
    assert tag.expectation


def test_the_tag_command_prints_the_expectations(db):
    out = io.StringIO()
    stdin = io.StringIO("Det vi saknar är att regionen samordnar.\nRegionen samordnar.\n")
    call_command("tag", stdout=out, stdin=stdin)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["expected"] == ["samordnare"]
    assert first["evidence"][0]["expected"] is True
    assert "expected" not in second and second["evidence"][0]["expected"] is False


@pytest.fixture
def expecting(assignment, halland):
    """Halland, seen by two municipalities: one expects a coordinator, one sees one."""
    from django.utils import timezone

    from submissions.models import Submission

    submission = Submission.objects.create(
        assignment=assignment,
        region=halland,
        state="submitted",
        submitted_at=timezone.now(),
        statement="Vi stöttar kommunerna.",
    )
    wish = add_interview(submission, 1, answers="Det vi saknar är att regionen samordnar.")
    seen = add_interview(submission, 2, answers="Regionen samordnar arbetet väl.")
    for interview in (wish, seen):
        interview.quotes.all().delete()
        services.tag_interview(interview)
    services.tag_statement(submission)
    return submission


def test_actor_expectations_count_the_interviews_that_expect_a_role(expecting, assignment):
    table = frames.actor_expectations(frames.load(assignment)).set_index(["actor_type", "role"])
    row = table.loc[("kommun", "samordnare")]
    assert (row.seen, row.expected, row.interviews) == (2, 1, 2)
    assert row.expected_share == 0.5


def test_the_actors_dashboard_shows_what_each_actor_type_expects(
    client, fiona, expecting, assignment
):
    response = login(client, fiona).get(reverse("synthesis:actors", args=[assignment.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="fig-expected"' in page
    assert "of which expectations" in page or "varav förväntningar" in page
    rows = response.context["actor_rows"]
    (kommun,) = rows
    assert kommun["roles"][0] == {"name": "Samordnare / Koordinerande", "seen": 2, "expected": 1}


# --- the migration for existing installs --------------------------------------------------


def test_the_migration_gives_unedited_default_roles_the_new_cues_and_retags(
    complete_submission,
):
    migration = importlib.import_module("synthesis.migrations.0008_default_cues_issue14")
    old = migration.OLD_CUES
    Role.objects.filter(slug="samordnare").update(cues=old["samordnare"])
    Role.objects.filter(slug="forebild").update(cues=old["forebild"])
    edited = [*old["finansiar"], "pott pengar"]
    Role.objects.filter(slug="finansiar").update(cues=edited)
    # An old automatic tag nobody reviewed, and one a facilitator confirmed.
    services.tag_statement(complete_submission)
    Tag.objects.filter(field=Tag.Field.STATEMENT).update(review="confirmed")
    interview = complete_submission.interviews.first()
    interview.answers = "Det vi saknar är att regionen samordnar."
    interview.save()
    Tag.objects.filter(interview=interview, field=Tag.Field.ANSWERS).delete()

    migration.forwards(django_apps, None)

    new = {role["slug"]: role["cues"] for role in DEFAULT_ROLES}
    assert Role.objects.get(slug="samordnare").cues == new["samordnare"]
    assert Role.objects.get(slug="forebild").cues == new["forebild"]
    assert Role.objects.get(slug="finansiar").cues == edited  # a facilitator's edit stays
    assert Tag.objects.filter(field=Tag.Field.STATEMENT, review="confirmed").exists()
    answer = Tag.objects.get(interview=interview, field=Tag.Field.ANSWERS)
    assert answer.role.slug == "samordnare" and answer.expectation
    assert TaxonomyChange.objects.get().retagged_at is not None


def test_the_migration_leaves_a_taxonomy_with_the_new_cues_alone(db):
    migration = importlib.import_module("synthesis.migrations.0008_default_cues_issue14")
    migration.forwards(django_apps, None)
    assert not TaxonomyChange.objects.exists()


def test_the_second_migration_gives_roles_with_0008s_cues_the_new_ones_and_retags(
    complete_submission, monkeypatch
):
    migration = importlib.import_module("synthesis.migrations.0009_default_cues_paraphrase")
    # The cues as 0008 left them are only kept as fingerprints: stand in a short list.
    as_0008_left_them = ["samordna", "koordinera"]
    monkeypatch.setitem(
        migration.OLD_FINGERPRINTS, "samordnare", migration.fingerprint(as_0008_left_them)
    )
    Role.objects.filter(slug="samordnare").update(cues=as_0008_left_them)
    edited = ["finansiera", "pott pengar"]
    Role.objects.filter(slug="finansiar").update(cues=edited)
    interview = complete_submission.interviews.first()
    interview.answers = (
        "Kunde inte regionen se till att kommunerna slutar bygga likadana insatser?"
    )
    interview.save()

    migration.forwards(django_apps, None)

    new = {role["slug"]: role["cues"] for role in DEFAULT_ROLES}
    assert Role.objects.get(slug="samordnare").cues == new["samordnare"]
    assert Role.objects.get(slug="finansiar").cues == edited  # a facilitator's edit stays
    assert TaxonomyChange.objects.get().description.startswith("Default cues updated")


def test_the_second_migration_leaves_the_new_default_cues_alone(db):
    migration = importlib.import_module("synthesis.migrations.0009_default_cues_paraphrase")
    current = {role["slug"]: migration.fingerprint(role["cues"]) for role in DEFAULT_ROLES}
    assert set(current) == set(migration.OLD_FINGERPRINTS)
    assert not set(current.items()) & set(migration.OLD_FINGERPRINTS.items())
    migration.forwards(django_apps, None)
    assert not TaxonomyChange.objects.exists()


# --- questions that ask, and the others denied --------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Kunde inte regionen finansiera lite handledarutbildning?", "finansiar"),
        ("Varför kan inte regionen samordna kommunernas insatser?", "samordnare"),
        ("Why can't the region fund the language cafés?", "finansiar"),
        ("Couldn't the region coordinate the municipalities?", "samordnare"),
    ],
)
def test_a_question_with_a_negator_that_asks_for_a_role_is_an_expectation(text, role):
    roles, expected = found(text)
    assert role in roles and role in expected


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Regionen kunde inte finansiera handledarutbildningen i år.", "finansiar"),
        ("Kunde inte regionen finansiera handledarutbildningen i år.", "finansiar"),
        ("Regionen ska inte samordna kommunernas insatser, eller hur?", "samordnare"),
        ("The region couldn't coordinate the municipalities?", "samordnare"),
    ],
)
def test_a_statement_or_a_question_without_the_asking_opening_stays_negated(text, role):
    assert role not in found(text)[0]


def test_what_no_other_region_has_done_is_still_the_regions():
    roles, _expected = found(
        "Regionen testade en helt ny metod för språkträning, och det har ingen annan region gjort."
    )
    assert "innovator" in roles
    assert found("Regionen har inte testat någon ny metod för språkträning.")[0] == set()
