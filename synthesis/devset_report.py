"""Per-role precision/recall/F1 of the role tagger on the hand-written dev sets.

    python -m synthesis.devset_report            # every split, Markdown tables
    python -m synthesis.devset_report --errors   # also list every wrong item (tuning sets)
    python -m synthesis.devset_report --held-out # also the held-out paraphrase set
    python -m synthesis.devset_report --with-model  # rules, the learned model and both

The dev set (tests/data/tagger_devset.tsv) is "text<TAB>gold slugs[<TAB>split]". Every
third item is the "test" split; items marked "fresh" were written after the cues were
enriched. Tune cues on "dev" only and look at "test" and "fresh" at the end, so the
figures say something about unseen text.

The paraphrase sets were written by people who never saw the lexicon, in the words of
municipalities, agencies, universities and associations: "text<TAB>gold slugs<TAB>expected
slugs", the third column naming the roles the speaker wants, needs, misses or expects of
the region.
- tests/data/tagger_paraphrase_dev.tsv: the tuning set (two rounds of writers);
- tests/data/tagger_paraphrase_check.tsv: every fourth sentence of the second round, whose
  figures may be watched while tuning but whose errors are never read;
- tests/data/tagger_paraphrase.tsv: held out. Never tune on it, nor read its errors: it is
  the honest figure for text the cues were not written for.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from synthesis.tagger import Lexicon, default_lexicon, tag_sentences
from synthesis.taxonomy_default import DEFAULT_ROLES

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEVSET = DATA / "tagger_devset.tsv"
BLIND = DATA / "tagger_blind.tsv"
PARAPHRASE_DEV = DATA / "tagger_paraphrase_dev.tsv"
PARAPHRASE_CHECK = DATA / "tagger_paraphrase_check.tsv"  # figures only
PARAPHRASE = DATA / "tagger_paraphrase.tsv"  # held out


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    gold: frozenset[str]
    split: str  # "dev", "test", "fresh", or the paraphrase set's "paraphrase"
    expected: frozenset[str] = frozenset()  # gold roles the speaker expects (paraphrases)


def load_devset(path: Path = DEVSET) -> list[Item]:
    items: list[Item] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, gold, *rest = line.split("\t") + [""]
        slugs = frozenset(s.strip() for s in gold.split(",") if s.strip())
        # An explicit third column wins; otherwise every third item is held out.
        split = rest[0].strip() or ("test" if len(items) % 3 == 2 else "dev")
        items.append(Item(text, slugs, split))
    return items


def load_paraphrases(path: Path = PARAPHRASE_DEV) -> list[Item]:
    """A paraphrase set: "text<TAB>gold slugs<TAB>expected slugs" ("#" lines are headings)."""
    items: list[Item] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, gold, expected, *_rest = line.split("\t") + ["", ""]
        slugs = frozenset(s.strip() for s in gold.split(",") if s.strip())
        wanted = frozenset(s.strip() for s in expected.split(",") if s.strip())
        items.append(Item(text, slugs, "paraphrase", wanted & slugs))
    return items


@dataclass
class Report:
    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)
    items: int = 0
    untagged_gold: int = 0  # items whose gold is "no role"
    untagged_ok: int = 0  # ... and that got no role
    errors: list[tuple[Item, frozenset[str]]] = field(default_factory=list)
    # The expectation flag on roles found rightly (gold and predicted): flagged and
    # expected, flagged only, expected only.
    expect_tp: int = 0
    expect_fp: int = 0
    expect_fn: int = 0

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def role_prf(self, role: str) -> tuple[float, float, float]:
        return self._prf(self.tp.get(role, 0), self.fp.get(role, 0), self.fn.get(role, 0))

    @property
    def micro(self) -> tuple[float, float, float]:
        return self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    @property
    def expectation(self) -> tuple[float, float, float]:
        """Precision, recall and F1 of the expectation flag on the roles found rightly."""
        return self._prf(self.expect_tp, self.expect_fp, self.expect_fn)

    def to_markdown(self, roles: list[str]) -> str:
        rows = ["| role | P | R | F1 | gold |", "| --- | ---: | ---: | ---: | ---: |"]
        for role in roles:
            p, r, f = self.role_prf(role)
            support = self.tp.get(role, 0) + self.fn.get(role, 0)
            rows.append(f"| {role} | {p:.2f} | {r:.2f} | {f:.2f} | {support} |")
        p, r, f = self.micro
        rows.append(
            f"| **micro** | **{p:.2f}** | **{r:.2f}** | **{f:.2f}** | {self.items} items |"
        )
        rows.append(f"\nNo-role items left untagged: {self.untagged_ok}/{self.untagged_gold}")
        if self.expect_tp + self.expect_fn:  # a set that marks expectations
            p, r, f = self.expectation
            rows.append(
                f"Expectation flag on the roles found: P {p:.2f}, R {r:.2f}, F1 {f:.2f} "
                f"({self.expect_tp + self.expect_fn} expected)"
            )
        return "\n".join(rows)


def evaluate(items: list[Item], lexicon: Lexicon | None = None) -> Report:
    lexicon = lexicon or default_lexicon()
    report = Report()
    for item in items:
        sentences = tag_sentences(item.text, lexicon)
        predicted = frozenset(role for st in sentences for role in st.roles)
        flagged = frozenset(role for st in sentences for role in st.expected)
        for role in predicted & item.gold:
            if role in flagged:
                if role in item.expected:
                    report.expect_tp += 1
                else:
                    report.expect_fp += 1
            elif role in item.expected:
                report.expect_fn += 1
        report.items += 1
        for role in predicted & item.gold:
            report.tp[role] = report.tp.get(role, 0) + 1
        for role in predicted - item.gold:
            report.fp[role] = report.fp.get(role, 0) + 1
        for role in item.gold - predicted:
            report.fn[role] = report.fn.get(role, 0) + 1
        if not item.gold:
            report.untagged_gold += 1
            report.untagged_ok += not predicted
        if predicted != item.gold:
            report.errors.append((item, predicted))
    return report


def with_model(sets: list[tuple[str, list[Item]]]) -> None:
    """Rules alone, the learned model alone (fitted on the development sets it learns from,
    synthesis.learning.dev_examples) and both, on the paraphrase check and held-out sets:
    what the model's proposals would add if a facilitator confirmed them all."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reglab.settings")
    django.setup()
    from synthesis import learning

    roles = [r["slug"] for r in DEFAULT_ROLES]
    model = learning.fit(learning.dev_examples(), roles)
    lexicon = default_lexicon()
    print(f"\n### rules, model and both (threshold {learning.threshold()})\n")
    print("| set | rules P / R / F1 | model P / R / F1 | both P / R / F1 |")
    print("| --- | --- | --- | --- |")
    for name, items in sets:
        if "paraphrase" not in name or "tuning" in name:
            continue
        _matrix, probabilities = model.probabilities([item.text for item in items])
        counts = {"rules": [0, 0, 0], "model": [0, 0, 0], "both": [0, 0, 0]}
        for item, row in zip(items, probabilities, strict=True):
            rules = {r for st in tag_sentences(item.text, lexicon) for r in st.roles}
            proposed = {roles[j] for j, p in enumerate(row) if p >= learning.threshold()}
            for kind, found in (("rules", rules), ("model", proposed), ("both", rules | proposed)):
                counts[kind][0] += len(found & item.gold)
                counts[kind][1] += len(found - item.gold)
                counts[kind][2] += len(item.gold - found)
        cells = [
            " / ".join(f"{x:.2f}" for x in Report._prf(*counts[kind]))
            for kind in ("rules", "model", "both")
        ]
        print(f"| {name} | {' | '.join(cells)} |")


def main(argv: list[str]) -> None:
    roles = [r["slug"] for r in DEFAULT_ROLES]
    items = load_devset()
    sets = [(f"{split} split", [i for i in items if i.split == split]) for split in SPLITS]
    sets.append(("blind set", load_devset(BLIND)))
    if PARAPHRASE_DEV.exists():
        sets.append(("paraphrase tuning set", load_paraphrases(PARAPHRASE_DEV)))
    if PARAPHRASE_CHECK.exists():
        sets.append(("paraphrase check set", load_paraphrases(PARAPHRASE_CHECK)))
    if "--held-out" in argv and PARAPHRASE.exists():
        sets.append(("held-out paraphrase set", load_paraphrases(PARAPHRASE)))
    for name, chosen in sets:
        report = evaluate(chosen)
        print(f"\n### {name}\n")
        print(report.to_markdown(roles))
        tuning = name in ("dev split", "paraphrase tuning set")
        if "--errors" in argv and (tuning or ("--all" in argv and "held-out" not in name)):
            print()
            for item, predicted in report.errors:
                missing = ",".join(sorted(item.gold - predicted))
                extra = ",".join(sorted(predicted - item.gold))
                print(f"- {item.text!r}  missing=[{missing}] extra=[{extra}]")
    if "--with-model" in argv:
        with_model(sets)


SPLITS = ("dev", "test", "fresh")


if __name__ == "__main__":
    main(sys.argv[1:])
