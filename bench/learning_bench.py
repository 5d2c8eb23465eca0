"""Speed of the learned model (synthesis/learning.py) on one core: training, and proposing.

    python bench/learning_bench.py [--sentences 20000] [--decisions 1000] [--repeat 3]

- Training: the model is fitted on the development sets plus a made-up set of decisions
  (sentences of the tagger benchmark's corpus, labelled with the rules' roles, one in
  five flipped), once alone and once with the cross-validation the training task runs.
- Proposing: the sentences of the tagger benchmark's corpus, split and scored, and the
  words that weighed most found for every proposal: a text the size of an interview's
  answers at a time (what a save adds, less its two small queries), and 200 texts at a
  time (the training task, for the whole corpus). No sentence is left out for a tag of
  the rules there, so this proposes far more than a real corpus: an upper bound.
- One interview: the time a save of one interview's answers (15 sentences) spends here.

No database: the model is fitted and used in memory. Not a test: the figures depend on the
machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reglab.settings")

import django  # noqa: E402

django.setup()

from tagger_bench import make_corpus  # noqa: E402

from synthesis import learning  # noqa: E402
from synthesis.tagger import default_lexicon, tag_text  # noqa: E402
from synthesis.taxonomy_default import DEFAULT_ROLES  # noqa: E402


def made_up_decisions(n: int, seed: int) -> list[learning.Example]:
    """Sentences with the rules' roles as a facilitator's decisions, one in five turned."""
    rng = random.Random(seed)
    lexicon = default_lexicon()
    decided = []
    for sentence in make_corpus(n, seed + 1):
        roles = tag_text(sentence, lexicon)[0]
        if not roles:
            continue
        labels = {role: rng.random() >= 0.2 for role in roles}
        decided.append(learning.Example(sentence, labels))
    return decided


def best(repeat: int, work) -> tuple[float, float, object]:
    """Best wall-clock and CPU time of a few runs (the machine is shared)."""
    elapsed = cpu = float("inf")
    result = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = work()
        elapsed = min(elapsed, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return elapsed, cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--decisions", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--chunk", type=int, default=15, help="sentences per text")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best one counts")
    args = parser.parse_args()

    roles = [role["slug"] for role in DEFAULT_ROLES]
    dev = learning.dev_examples()
    decided = made_up_decisions(args.decisions, args.seed)

    fit_s, fit_cpu, model = best(args.repeat, lambda: learning.fit(dev + decided, roles))
    lexicon = default_lexicon()
    cv_s, _cv_cpu, report = best(1, lambda: learning.cross_validate(dev, decided, roles, lexicon))
    size = len(learning.dumps(model))

    sentences = make_corpus(args.sentences, args.seed)
    texts = [" ".join(sentences[i : i + args.chunk]) for i in range(0, len(sentences), args.chunk)]

    def propose_each() -> int:  # a text at a time, as a save does
        count = 0
        for text in texts:
            found = learning.proposable(text)
            count += len(model.propose([sentence for _s, _e, sentence in found]))
        return count

    def propose_batches() -> int:  # PROPOSE_CHUNK texts at a time, as the training task does
        count = 0
        for k in range(0, len(texts), learning.PROPOSE_CHUNK):
            batch = [s for text in texts[k : k + learning.PROPOSE_CHUNK] for s in split(text)]
            count += len(model.propose(batch))
        return count

    def split(text: str) -> list[str]:
        return [sentence for _s, _e, sentence in learning.proposable(text)]

    model.propose([sentences[0]])  # warm up: the feature names are listed once
    each_s, each_cpu, proposed = best(args.repeat, propose_each)
    batch_s, batch_cpu, _proposed = best(args.repeat, propose_batches)
    interview = texts[0]
    one_s, _one_cpu, _found = best(20, lambda: model.propose(split(interview)))

    n = len(sentences)
    print(f"training examples:  {len(dev):,} development + {len(decided):,} decisions")
    print(f"training:           {fit_s:.2f} s ({fit_cpu:.2f} s CPU), model {size / 1e6:.1f} MB")
    print(f"with {report['folds']}-fold CV:     {fit_s + cv_s:.2f} s (the training task)")
    print(
        "cross-validated F1: " + ", ".join(f"{k} {report[k]['f1']:.2f}" for k in learning.SYSTEMS)
    )
    print(f"sentences proposed: {n:,} in {len(texts):,} texts of {args.chunk} sentences")
    print(
        f"proposals:          {proposed:,} (threshold {learning.threshold():.2f}; no tag excluded)"
    )
    print(
        f"throughput, a text at a time (a save):    {n / each_s:,.0f} sentences/s"
        f" ({n / each_cpu:,.0f}/s of CPU)"
    )
    print(
        f"throughput, {learning.PROPOSE_CHUNK} texts at a time (the task): "
        f"{n / batch_s:,.0f} sentences/s ({n / batch_cpu:,.0f}/s of CPU)"
    )
    print(f"one interview:      {one_s * 1000:.1f} ms to propose for its {args.chunk} sentences")


if __name__ == "__main__":
    main()
