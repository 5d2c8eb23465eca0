"""Per-role precision/recall/F1 of the role tagger on the hand-written dev set.

    python -m synthesis.devset_report            # both splits, Markdown tables
    python -m synthesis.devset_report --errors   # also list every wrong item (dev split)

The dev set (tests/data/tagger_devset.tsv) is "text<TAB>gold slugs[<TAB>split]". Every
third item is the "test" split; items marked "fresh" were written after the cues were
enriched. Tune cues on "dev" only and look at "test" and "fresh" at the end, so the
figures say something about unseen text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from synthesis.tagger import Lexicon, default_lexicon, tag_text
from synthesis.taxonomy_default import DEFAULT_ROLES

DEVSET = Path(__file__).resolve().parent.parent / "tests" / "data" / "tagger_devset.tsv"


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    gold: frozenset[str]
    split: str  # "dev" or "test"


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


@dataclass
class Report:
    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)
    items: int = 0
    untagged_gold: int = 0  # items whose gold is "no role"
    untagged_ok: int = 0  # ... and that got no role
    errors: list[tuple[Item, frozenset[str]]] = field(default_factory=list)

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
        return "\n".join(rows)


def evaluate(items: list[Item], lexicon: Lexicon | None = None) -> Report:
    lexicon = lexicon or default_lexicon()
    report = Report()
    for item in items:
        predicted = frozenset(tag_text(item.text, lexicon)[0])
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


def main(argv: list[str]) -> None:

    roles = [r["slug"] for r in DEFAULT_ROLES]
    items = load_devset()
    for split in ("dev", "test", "fresh"):
        report = evaluate([i for i in items if i.split == split])
        print(f"\n### {split} split\n")
        print(report.to_markdown(roles))
        if "--errors" in argv and (split == "dev" or "--all" in argv):
            print()
            for item, predicted in report.errors:
                missing = ",".join(sorted(item.gold - predicted))
                extra = ",".join(sorted(predicted - item.gold))
                print(f"- {item.text!r}  missing=[{missing}] extra=[{extra}]")


if __name__ == "__main__":
    main(sys.argv[1:])
