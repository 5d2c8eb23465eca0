"""Tests of synthesis.tagger: plain functions, no database, no Django settings needed.

Run: .venv/bin/python -m pytest tests/test_tagger.py -p no:django -q
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from synthesis.devset_report import evaluate, load_devset
from synthesis.tagger import Evidence, Lexicon, default_lexicon, tag_sentences, tag_text
from synthesis.taxonomy_default import DEFAULT_ROLES

ROLES = [r["slug"] for r in DEFAULT_ROLES]


def roles_of(text: str) -> list[str]:
    return tag_text(text, default_lexicon())[0]


def assert_evidence_is_exact(text: str, evidence: list[Evidence]) -> None:
    for ev in evidence:
        assert ev.match == text[ev.start : ev.end]
        assert ev.match == ev.match.strip() and ev.match


# --- inflection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Regionen ska samordna insatserna.",
        "Regionen samordnar insatserna.",
        "Regionen samordnade insatserna förra året.",
        "Samordning av insatserna är regionens uppgift.",
        "Regionen har samordnat insatserna.",
    ],
)
def test_samordna_is_found_in_every_inflection(text: str) -> None:
    assert roles_of(text) == ["samordnare"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Regionen ska finansiera insatser.", "finansiar"),
        ("Regionen finansierar insatser.", "finansiar"),
        ("Finansiering är regionens roll.", "finansiar"),
        ("Regionen ska stödja kommunerna.", "stodjande"),
        ("Regionen stödjer kommunerna.", "stodjande"),
        ("Regionen ger stöd till kommunerna.", "stodjande"),
        ("Regionen stöttar kommunerna.", "stodjande"),
        ("Regionen har en stöttande roll.", "stodjande"),
    ],
)
def test_finansiera_and_stodja_inflect(text: str, role: str) -> None:
    assert roles_of(text) == [role]


# --- compounds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "word"),
    [
        ("Regionen har ett samordningsansvar.", "samordnare", "samordningsansvar"),
        (
            "Regionen leder kompetensförsörjningsarbetet.",
            "kompetensutvecklare",
            "kompetensförsörjningsarbetet",
        ),
        ("Regionen anställde en integrationssamordnare.", "samordnare", "integrationssamordnare"),
        ("Vi har en processledarroll i länet.", "processledare", "processledarroll"),
        ("Regionen delfinansierar insatsen.", "finansiar", "delfinansierar"),
    ],
)
def test_cue_inside_a_compound_gives_the_whole_word_as_evidence(
    text: str, role: str, word: str
) -> None:
    roles, evidence = tag_text(text, default_lexicon())
    assert roles == [role]
    assert [ev.match for ev in evidence] == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Medelåldern bland deltagarna var 34 år.",
        "Livsmedelsverket besökte skolköket.",
        "Revisionen visade att rutinerna följdes.",
        "Projektorn i salen var trasig.",
        "Lärarna på skolan var nöjda.",
        "Vad är skillnaden mellan länsstyrelsen och regionen?",
    ],
)
def test_short_or_risky_cues_do_not_fire_inside_unrelated_words(text: str) -> None:
    assert roles_of(text) == []


def test_projektpartner_is_a_partner_not_a_project_developer() -> None:
    assert roles_of("Regionen är projektpartner.") == ["samverkanspartner"]


# --- multi-word cues ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "match"),
    [
        ("Regionen öppnar dörrar.", "dorroppnare", "öppnar dörrar"),
        ("Regionen har öppnat dörrar för oss.", "dorroppnare", "öppnat dörrar"),
        ("Regionen kan öppna nya dörrar.", "dorroppnare", "öppna nya dörrar"),
        ("Regionen kopplar ihop aktörerna.", "dorroppnare", "kopplar ihop"),
        ("Regionen drev nätverket i flera år.", "natverksledare", "drev nätverket"),
        (
            "Nätverket som regionen driver är viktigt.",
            "natverksledare",
            "Nätverket som regionen driver",
        ),
        ("Regionen ska gå före.", "forebild", "gå före"),
        ("Regionen gick före i länet.", "forebild", "gick före"),
        ("Vi vill lyfta goda exempel.", "kunskapsformedlare", "lyfta goda exempel"),
    ],
)
def test_multi_word_cues_inflect_and_allow_a_word_in_between(
    text: str, role: str, match: str
) -> None:
    roles, evidence = tag_text(text, default_lexicon())
    assert roles == [role]
    assert [ev.match for ev in evidence] == [match]


def test_a_phrase_beats_the_single_words_inside_it() -> None:
    # "söka finansiering" is project development, not funding.
    assert roles_of("Regionen stöttar oss och ska söka finansiering.") == [
        "stodjande",
        "projektutvecklare",
    ]
    # ... and helping to do it is project development too (issue 14).
    assert roles_of("Regionen hjälper oss att söka finansiering.") == ["projektutvecklare"]


def test_words_of_a_phrase_in_different_clauses_do_not_match() -> None:
    assert roles_of("Vi öppnar, dörrar stängs.") == []


# --- negation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Regionen ska inte finansiera projekt.",
        "Regionen finansierar inte föreningar.",
        "Vi har inget uppdrag att samordna.",
        "Vi är inte en finansiär.",
        "Regionen varken samordnar eller finansierar.",
        "Regionen saknar mandat att påverka.",
        "Regionen har aldrig drivit nätverk.",
        "Det är knappast regionens sak att utbilda.",
        "Ej aktuellt att driva utvecklingen.",
        "The region is not a funder.",
        "They have no role in coordinating.",
        "The region doesn't run networks.",
        "Neither funding nor training is part of the mandate.",
        "We never asked for support.",
    ],
)
def test_negated_roles_are_not_tagged(text: str) -> None:
    assert roles_of(text) == []


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "”Ni har ingen roll/uppdrag (positivt) men projektpartner med ett tillväxtperspektiv”",
            ["samverkanspartner"],
        ),
        ("Vi finansierar inte projekt, men vi samordnar dem.", ["samordnare"]),
        ("Regionen ska inte finansiera utan samordna.", ["samordnare"]),
        ("Regionen samordnar arbetet och har inget uppdrag att finansiera.", ["samordnare"]),
        ("Regionens roll är att samordna, inte att finansiera.", ["samordnare"]),
        ("We are not a funder, but we coordinate the actors.", ["samordnare"]),
        ("We coordinate rather than fund.", ["samordnare"]),
        ("Regionen sammanför aktörer som annars inte skulle träffas.", ["dorroppnare"]),
    ],
)
def test_negation_stays_in_its_clause(text: str, roles: list[str]) -> None:
    assert roles_of(text) == roles


@pytest.mark.parametrize(
    "text",
    [
        "Regionen ska inte bara finansiera utan också samordna.",
        "The region should not only fund but also coordinate.",
    ],
)
def test_inte_bara_and_not_only_are_not_negations(text: str) -> None:
    assert set(roles_of(text)) == {"finansiar", "samordnare"}


def test_inte_minst_is_not_a_negation() -> None:
    assert roles_of("Regionen bör inte minst stödja de små kommunerna.") == ["stodjande"]


# --- text forms: NFD, case, quotes, hyphens, slashes, English ------------------------------


def test_nfd_input_gets_offsets_into_the_nfd_string() -> None:
    nfc = "Regionen öppnar dörrar och stöttar kompetensförsörjningsarbetet i länet."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    roles_nfd, evidence = tag_text(nfd, default_lexicon())
    assert roles_nfd == roles_of(nfc) == ["dorroppnare", "stodjande", "kompetensutvecklare"]
    assert_evidence_is_exact(nfd, evidence)
    assert [unicodedata.normalize("NFC", ev.match) for ev in evidence] == [
        "öppnar dörrar",
        "stöttar",
        "kompetensförsörjningsarbetet",
    ]
    sentence = tag_sentences(nfd, default_lexicon())[0]
    assert (sentence.start, sentence.end) == (0, len(nfd))


def test_case_does_not_matter_and_evidence_keeps_the_original_case() -> None:
    roles, evidence = tag_text("REGIONEN SAMORDNAR. Samordnare Dörröppnare", default_lexicon())
    assert roles == ["samordnare", "dorroppnare"]
    assert [ev.match for ev in evidence] == ["SAMORDNAR", "Samordnare", "Dörröppnare"]


def test_typographic_quotes_slashes_and_lists() -> None:
    text = "«Driva egna nätverk/plattformar» och ”vara processledare, sakkunnig och bollplank”"
    roles, evidence = tag_text(text, default_lexicon())
    assert roles == ["natverksledare", "processledare", "stodjande"]
    assert_evidence_is_exact(text, evidence)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The region coordinates the work.", "samordnare"),
        ("The region acts as a door-opener.", "dorroppnare"),
        ("The region funds projects.", "finansiar"),
        ("They are a sounding board for us.", "stodjande"),
        ("We learn from other regions.", "larande"),
        ("The region should lead by example as an employer.", "forebild"),
    ],
)
def test_english_sentences(text: str, role: str) -> None:
    assert role in roles_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hölls i Umeå i mars.",
        "Vi har 3 anställda.",
        "Regionens roll är oklar.",
        "The interview took place in Lund.",
        "",
        "   \n  ",
    ],
)
def test_off_topic_sentences_get_no_tag(text: str) -> None:
    assert roles_of(text) == []
    assert tag_sentences(text, default_lexicon()) == []


# --- the shape of the results -------------------------------------------------------------


def test_tag_sentences_returns_only_tagged_sentences_with_exact_spans() -> None:
    text = (
        "Mötet hölls i mars. Regionen samordnar, t.ex. insatser. Vi har 3 anställda.\nDen stöttar."
    )
    result = tag_sentences(text, default_lexicon())
    assert [text[s.start : s.end] for s in result] == [
        "Regionen samordnar, t.ex. insatser.",
        "Den stöttar.",
    ]
    assert [s.roles for s in result] == [("samordnare",), ("stodjande",)]


def test_scores_are_in_the_unit_interval_and_roles_are_sorted_by_score() -> None:
    text = "Regionen samordnar och samordnar igen, och stöttar."
    (sentence,) = tag_sentences(text, default_lexicon())
    assert sentence.roles == ("samordnare", "stodjande")
    assert all(0 < score <= 1 for score in sentence.scores.values())
    assert sentence.scores["samordnare"] > sentence.scores["stodjande"]
    assert set(sentence.scores) == set(sentence.roles)


def test_tag_text_flattens_roles_in_order_of_appearance_and_sorts_evidence() -> None:
    text = "Vi stöttar kommunerna. Regionen samordnar och finansierar. Den stöttar igen."
    roles, evidence = tag_text(text, default_lexicon())
    assert roles == ["stodjande", "samordnare", "finansiar"]
    assert [ev.start for ev in evidence] == sorted(ev.start for ev in evidence)
    assert len(evidence) == 4
    assert_evidence_is_exact(text, evidence)


def test_evidence_is_frozen() -> None:
    (ev,) = tag_text("Regionen samordnar.", default_lexicon())[1]
    assert ev == Evidence("samordnare", 9, 18, "samordnar")
    with pytest.raises(AttributeError):
        ev.start = 0  # type: ignore[misc]


# --- the lexicon --------------------------------------------------------------------------


def test_lexicon_is_compiled_once_and_not_rebuilt_by_tagging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lexicon = default_lexicon()
    assert default_lexicon() is lexicon

    def fail(*args: object, **kwargs: object) -> Lexicon:
        raise AssertionError("the lexicon was compiled again")

    monkeypatch.setattr(Lexicon, "compile", fail)
    assert tag_text("Regionen samordnar.", lexicon)[0] == ["samordnare"]
    assert tag_text("Regionen samordnar.", default_lexicon())[0] == ["samordnare"]


def test_lexicon_is_built_only_by_compile() -> None:
    with pytest.raises(TypeError):
        Lexicon()


def test_a_facilitator_lexicon_uses_the_cues_as_written() -> None:
    lexicon = Lexicon.compile({"brobyggare": ["bygga broar", "brygga"], "tom": []})
    assert tag_text("Regionen byggde broar och var en viktig brygga.", lexicon)[0] == [
        "brobyggare"
    ]
    assert dict(lexicon.cues) == {"brobyggare": ("bygga broar", "brygga"), "tom": ()}


def test_every_default_role_has_cues_and_is_found_by_its_own_name() -> None:
    for role in DEFAULT_ROLES:
        assert role["cues"], role["slug"]
        name = role["name_sv"].split(" / ")[0]
        assert role["slug"] in roles_of(name), name


def test_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = Lexicon.compile({"samordnare": ["samordna"]})
    engine = sys.modules[Lexicon.__module__]  # the compiled engine, or the Python one
    monkeypatch.setattr(engine, "_MEMO_LIMIT", 10)
    for i in range(50):
        tag_text(f"ord{i} samordnar", lexicon)
    assert len(lexicon._memo) <= 11


# --- quality on the dev set ---------------------------------------------------------------


def test_dev_set_covers_every_role_and_enough_untagged_sentences() -> None:
    items = load_devset()
    assert len(items) >= 280
    for slug in ROLES:
        assert sum(slug in item.gold for item in items) >= 8, slug
    assert sum(not item.gold for item in items) >= 40
    assert {item.split for item in items} == {"dev", "test", "fresh"}


@pytest.mark.parametrize("split", ["dev", "test", "fresh"])
def test_dev_set_micro_f1_is_at_least_080_and_negated_or_off_topic_stay_untagged(
    split: str,
) -> None:
    report = evaluate([item for item in load_devset() if item.split == split])
    print(f"\n### {split} split\n\n{report.to_markdown(ROLES)}")
    precision, recall, f1 = report.micro
    assert f1 >= 0.80, f"micro-F1 {f1:.2f}"
    assert report.untagged_ok >= 0.9 * report.untagged_gold


# --- who acts: the region or another actor ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kommunen samordnar skolskjutsarna för de nyanlända barnen.",
        "Länsstyrelsen delar ut statsbidrag till kommunerna.",
        "Arbetsförmedlingen har ett eget nätverk för arbetsgivare.",
        "Vi på Arbetsförmedlingen samordnar matchningen själva.",
        "The municipality coordinates school transport for new arrivals.",
        "The university's researchers study migration trends.",
        "Studieförbundet har en vision om folkbildning för alla.",
        "Hon har en lång utbildning inom vården.",
        "The library is a popular meeting place on Saturdays.",
        "Kommunernas integrationssamordnare träffas varje månad.",
        "Our local school offers training in Swedish for parents.",
    ],
)
def test_another_actor_as_subject_gets_no_tag(text: str) -> None:
    assert roles_of(text) == []


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "Kommunerna samordnar mottagandet; regionens roll är att stötta dem.",
            ["stodjande"],
        ),
        ("Vi på kommunen ser regionen som en samordnare.", ["samordnare"]),
        ("Länsstyrelsen vill att regionen samordnar insatserna.", ["samordnare"]),
        ("Vi samordnar länets insatser för nyanlända.", ["samordnare"]),
        ("Regionen och länsstyrelsen arbetar i partnerskap.", ["samverkanspartner"]),
        ("Kommunerna behöver stöd i mottagandet.", ["stodjande"]),
        ("Stötta kommunerna i mottagandet.", ["stodjande"]),
        ("They are a sounding board when we try new methods.", ["stodjande"]),
        ("Regionen stöttar kommunerna som samordnar mottagandet.", ["stodjande"]),
    ],
)
def test_the_region_named_next_to_another_actor_keeps_its_tag(text: str, roles: list[str]) -> None:
    assert roles_of(text) == roles


@pytest.mark.parametrize(
    "text",
    [
        "Trenden i antalet ansökningar har varit stigande sedan 2019.",
        "The train to Umeå left from platform 2.",
        "Statistiken över antalet deltagare sammanställs av kommunen.",
    ],
)
def test_statements_about_something_else_get_no_tag(text: str) -> None:
    assert roles_of(text) == []


# --- negation late in the clause, fixed expressions ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Någon stödjande roll gentemot föreningarna har regionen inte i dag.",
        "Något uppdrag att finansiera verksamheten har vi inte.",
        "Samordningen av insatserna i länet är inte regionens uppgift.",
        "Utbildning av kommunernas personal ingår inte i uppdraget.",
    ],
)
def test_a_negation_late_in_the_clause_negates_it(text: str) -> None:
    assert roles_of(text) == []


def test_late_negation_stops_at_the_subject_of_a_clause_without_som() -> None:
    assert roles_of("Regionen öppnar dörrar till arbetsgivare vi annars inte når.") == [
        "dorroppnare"
    ]


def test_utan_at_the_start_cancels_the_negation() -> None:
    assert roles_of("Utan regionens stöd hade vi inte klarat uppdraget.") == ["stodjande"]


@pytest.mark.parametrize(
    "text",
    [
        "Vi stödde oss på förra årets intervjuguide.",
        "Med hjälp av enkäten fick vi en bild av läget.",
        "We wrote the summary with the help of a colleague.",
        "Vi tog tåget från plattform 3 i Sundsvall.",
    ],
)
def test_fixed_expressions_are_not_cues(text: str) -> None:
    assert roles_of(text) == []


def test_meeting_places_named_as_locations_are_not_convening() -> None:
    assert roles_of("They speak for the county in national forums.") == ["paverkare"]
    assert roles_of("Regionen håller i ett forum för tjänstepersoner.") == ["natverksledare"]


# --- the topic of a role is not a role ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Vi vill påverka staten så att EU-medlen fördelas rättvist.", ["paverkare"]),
        ("They lobby the government for more EU funding.", ["paverkare"]),
        ("Regionen vill påverka hur statsbidragen fördelas.", ["paverkare"]),
        ("Vi vill påverka nationellt och finansiera lokala insatser.", ["paverkare", "finansiar"]),
        ("Vi vill lära av regioner som arbetar med validering.", ["larande"]),
        ("Regionen ska söka projektmedel för ett nytt arbete.", ["projektutvecklare"]),
        ("The region applies for EU money for health work.", ["projektutvecklare"]),
        ("Regionen finansierar projekt i civilsamhället.", ["finansiar"]),
    ],
)
def test_money_or_subjects_as_the_object_of_another_role(text: str, roles: list[str]) -> None:
    assert roles_of(text) == roles


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Regionen parar ihop föreningar med arbetsgivare.", "dorroppnare"),
        ("They put us in touch with the hospital managers.", "dorroppnare"),
        ("Regionen förmedlar forskning till kommunerna.", "kunskapsformedlare"),
        ("The region should use its voice in Stockholm.", "paverkare"),
        ("Regionen bekostar tolkarna.", "finansiar"),
        ("We take the lead in the integration work.", "processledare"),
        ("Vi har provat ett nytt upplägg för samhällsorienteringen.", "innovator"),
        ("Regionen ger de nationella programmen en regional prägel.", "regionaliserare"),
        ("Regionen blickar trettio år framåt.", "visionar"),
        ("Vi måste leva som vi lär.", "forebild"),
    ],
)
def test_new_cue_families(text: str, role: str) -> None:
    assert roles_of(text) == [role]


# --- quality on the blind set -------------------------------------------------------------

BLIND = Path(__file__).resolve().parent / "data" / "tagger_blind.tsv"


def test_blind_set_micro_f1_and_untagged_no_role_items() -> None:
    report = evaluate(load_devset(BLIND))
    print(f"\n### blind set\n\n{report.to_markdown(ROLES)}")
    precision, recall, f1 = report.micro
    assert f1 >= 0.80, f"micro-F1 {f1:.2f}"
    assert report.untagged_gold > 0
    assert report.untagged_ok >= 0.9 * report.untagged_gold


def test_tagging_from_many_threads_at_once_gives_the_same_result():
    """gunicorn threads compile lexicons and tag at the same time; the stemmers are not
    thread-safe, so each thread must have its own."""
    from concurrent.futures import ThreadPoolExecutor

    cues = {role["slug"]: role["cues"] for role in DEFAULT_ROLES}
    text = "Regionen samordnar kompetensförsörjningsarbetet och öppnar dörrar. " * 5
    expected = tag_text(text, Lexicon.compile(cues))

    def work(_):
        return tag_text(text, Lexicon.compile(cues))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(32)))
    assert all(result == expected for result in results)


# --- issue 14: phrases stay phrases, ambiguous words need their context -------------------


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Regionen kan samla arbetsgivarna.", []),
        ("Aktören som kan samla arbetsgivarna är regionen.", []),
        ("Regionen går före som arbetsgivare.", ["forebild"]),
        ("Regionen är en förebild som en stor arbetsgivare.", ["forebild"]),
        ("Vi leder ett länsövergripande nätverk för integration.", ["natverksledare"]),
        ("Regionen har lett EU-projekt om hälsa.", ["projektutvecklare"]),
        ("Nätverket som regionen driver är viktigt.", ["natverksledare"]),
    ],
)
def test_a_multi_word_cue_matches_as_a_phrase_not_across_other_words(
    text: str, roles: list[str]
) -> None:
    assert roles_of(text) == roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Vi har bidragit till rapporten.", []),
        ("Kunskapsspridning är regionens viktigaste bidrag.", ["kunskapsformedlare"]),
        ("Regionen ger bidrag till föreningarna.", ["finansiar"]),
        ("Regionens kulturbidrag gör teatern möjlig.", ["finansiar"]),
        ("Statliga uppdrag och medel ska gå till kommunerna.", []),
        ("Vi fördelar medel till idéburna organisationer.", ["finansiar"]),
        ("Vi samarbetar med regionen i flera projekt.", ["samverkanspartner"]),
        ("Regionen driver flera projekt om hälsa.", ["projektutvecklare"]),
        ("Projektverksamheten är regionens verktyg.", ["projektutvecklare"]),
        ("Regionen använder forskningen i sitt strategiska arbete.", []),
        ("Regionen formulerar strategiska mål för länet.", ["visionar"]),
    ],
)
def test_ambiguous_words_count_only_with_their_context(text: str, roles: list[str]) -> None:
    assert roles_of(text) == roles


def test_a_cue_written_with_an_ellipsis_matches_its_parts_anywhere_in_the_sentence() -> None:
    lexicon = Lexicon.compile({"regionaliserare": ["nationell … göra om"]})
    text = "De nationella riktlinjerna har regionen gjort om för glesbygden."
    roles, evidence = tag_text(text, lexicon)
    assert roles == ["regionaliserare"]
    assert [ev.match for ev in evidence] == ["nationella", "gjort om"]
    assert tag_text("Regionen gjorde om. Det nationella stödet kom sen.", lexicon)[0] == []
    assert tag_text("Det nationella stödet kom, men regionen gjorde om allt.", lexicon)[0] == []


def test_a_problem_a_role_solves_names_the_role_even_when_negated() -> None:
    text = "Regionen ser till att kommunerna inte drar åt varsitt håll."
    assert roles_of(text) == ["samordnare"]


@pytest.mark.parametrize(
    "text",
    [
        "Vi har fått pengar från Postkodlotteriet till läxhjälpen.",
        "We got a grant from the Inheritance Fund, so the funding is sorted.",
        "Det är länsstyrelsen som står för pengarna, inte regionen.",
        "Forskningsrådet har beviljat oss medel, och regionen är inte inblandad.",
        "Vi har redan partnerskapet som länsstyrelsen driver.",
    ],
)
def test_what_another_actor_does_or_gives_is_not_the_regions_role(text: str) -> None:
    assert roles_of(text) == []


def test_money_received_from_the_region_is_the_region_funding() -> None:
    assert roles_of("Vi har fått pengar från regionen till språkcaféet.") == ["finansiar"]


def test_evidence_says_whether_it_is_an_expectation() -> None:
    (sentence,) = tag_sentences("Regionen borde samordna.", default_lexicon())
    (ev,) = sentence.evidence
    assert ev.expected and sentence.expected == frozenset({"samordnare"})
    (plain,) = tag_sentences("Regionen samordnar.", default_lexicon())
    assert not plain.evidence[0].expected and plain.expected == frozenset()
