"""The rule tagger on paraphrase (issue 14).

Two sets were written by people who never saw the lexicon, in the voice of municipalities,
Arbetsförmedlingen, county boards, universities, libraries, associations and businesses:
expectations, lacks, criticism, off-topic remarks, English. Each line is
"text<TAB>roles<TAB>roles the speaker expects, wants, needs or misses".

- tests/data/tagger_paraphrase_dev.tsv is the tuning set: the cues and the engine were
  improved on it (214 sentences by a first round of writers, 656 by a second).
- tests/data/tagger_paraphrase_check.tsv is every fourth sentence of the second round: its
  figures were watched while tuning, its errors never read.
- tests/data/tagger_paraphrase.tsv is held out: nothing was tuned on it and nobody read its
  errors. Its figures below were measured once, after the tuning, and are asserted as they
  came out, so that a change that makes the tagger worse on unseen paraphrase fails here.

Run with -s to see the tables (python -m synthesis.devset_report --held-out prints them too).
"""

from __future__ import annotations

from synthesis.devset_report import (
    PARAPHRASE,
    PARAPHRASE_CHECK,
    PARAPHRASE_DEV,
    evaluate,
    load_paraphrases,
)
from synthesis.taxonomy_default import DEFAULT_ROLES

ROLES = [r["slug"] for r in DEFAULT_ROLES]

# Measured on the held-out set (247 items), rules alone, after each round of tuning:
# - before issue 14: micro P 0.664, R 0.426, F1 0.519;
# - first round (214 tuning sentences): P 0.725, R 0.711, F1 0.718;
# - second round (870 tuning sentences, 282 more cues, questions that ask): P 0.730,
#   R 0.730, F1 0.730; the expectation flag on the roles found P 0.98, R 0.91.
# Four times the tuning text moved the check set from 0.59 to 0.65 and the held-out set by
# one point: the target, micro-F1 >= 0.85, is NOT reached on unseen paraphrase
# (two more readers agree with the writers' labels at F1 0.96, so the labels are not what
# stands in the way). These honest figures are asserted so that they do not get worse.
HELD_OUT_MICRO_F1 = 0.725
HELD_OUT_EXPECTATION_PRECISION = 0.98
HELD_OUT_EXPECTATION_RECALL = 0.91
CHECK_MICRO_F1 = 0.65


def test_both_paraphrase_sets_are_large_and_cover_every_role():
    for path in (PARAPHRASE_DEV, PARAPHRASE_CHECK, PARAPHRASE):
        items = load_paraphrases(path)
        assert len(items) >= 150, path.name
        assert sum(not item.gold for item in items) >= 20, path.name  # off-topic, negated
        assert sum(bool(item.expected) for item in items) >= 20, path.name
        for slug in ROLES:
            assert any(slug in item.gold for item in items), (path.name, slug)


def test_the_tuning_set_micro_f1_is_at_least_085():
    report = evaluate(load_paraphrases(PARAPHRASE_DEV))
    print(f"\n### paraphrase tuning set\n\n{report.to_markdown(ROLES)}")
    assert report.micro[2] >= 0.85, f"micro-F1 {report.micro[2]:.3f}"
    precision, recall, _f1 = report.expectation
    assert precision >= 0.9 and recall >= 0.9


def test_the_check_set_micro_f1_with_rules_alone():
    report = evaluate(load_paraphrases(PARAPHRASE_CHECK))
    print(f"\n### paraphrase check set\n\n{report.to_markdown(ROLES)}")
    assert report.micro[2] >= CHECK_MICRO_F1, f"micro-F1 {report.micro[2]:.3f}"


def test_the_held_out_micro_f1_with_rules_alone():
    report = evaluate(load_paraphrases(PARAPHRASE))
    print(f"\n### held-out paraphrase set\n\n{report.to_markdown(ROLES)}")
    assert report.micro[2] >= HELD_OUT_MICRO_F1, f"micro-F1 {report.micro[2]:.3f}"


def test_the_expectation_flag_agrees_with_the_held_out_set_where_a_role_is_found():
    report = evaluate(load_paraphrases(PARAPHRASE))
    precision, recall, _f1 = report.expectation
    print(f"\nexpectation flag on the roles found: P {precision:.3f}, R {recall:.3f}")
    assert precision >= HELD_OUT_EXPECTATION_PRECISION
    assert recall >= HELD_OUT_EXPECTATION_RECALL
