"""Learning from the facilitators' decisions: a linear model that proposes roles the rules
missed (issue 14).

- Examples. Every decision is a labelled sentence: an automatic or model tag a facilitator
  confirmed is a positive example of its role, one rejected a negative; a tag made by hand
  is a positive example (its sentence). The development sets (tests/data, never the
  held-out paraphrase set nor the blind set) add sentences whose every role is known.
  A decision sentence is a negative example of the roles nobody decided on there too: most
  sentences have one role, and the rules' tags there are mostly kept as they are.
- The model: word (1–2) and character (3–5, within words) n-grams weighed by tf-idf, and one
  logistic regression per role (scikit-learn). Decisions weigh more than the development
  sets: they are this corpus, in this corpus's words.
- Proposals: the roles the model gives a probability of at least LEARNING_THRESHOLD on a
  sentence of a statement or an interview's answers where no tag of the role is (not even
  a rejected one). Stored as Proposal rows, which the synthesis never reads; a facilitator
  confirms one (a Tag, source "model") or rejects it (a rejected Tag, source "model": kept
  as a labelled negative example, and so the model never proposes it there again).
  Computed for the whole corpus when the model is trained, and for a text when it is saved
  (synthesis/receivers.py); never on a page view.
- Agreement: cross-validated over the decisions (train on the development sets and the
  other folds, score on the held-out fold): rules alone, the model alone and both, stored
  in LearnedModel.report for the agreement page.

scikit-learn is imported inside the functions that need it: it takes a second to import,
and most processes (a page view, a command) never train nor propose.
"""

from __future__ import annotations

import io
import logging
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interviews.models import Interview, Quote
from submissions.models import Submission

from . import services, tagger
from .models import LearnedModel, Proposal, Role, Tag
from .suggestions import STOP_WORDS

logger = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# The development sets the model learns from. The held-out sets (tagger_paraphrase.tsv,
# tagger_paraphrase_check.tsv, tagger_blind.tsv, the dev set's "test" and "fresh" splits)
# are never read here.
DEVSET = DATA / "tagger_devset.tsv"
PARAPHRASE_DEV = DATA / "tagger_paraphrase_dev.tsv"

# Defaults of the settings (reglab/settings.py may set them).
# The settings LEARNING_MIN_DECISIONS (fewer, and the model does not propose),
# LEARNING_THRESHOLD (the least probability of a proposal) and LEARNING_RETRAIN_EVERY
# (decisions between two trainings) are in reglab/settings.py.
FOLDS = 5
DECISION_WEIGHT = 2.0  # a decision counts as much as two development sentences
C = 4.0  # inverse regularisation of the logistic regressions (tried on the dev sets)
TOP_TERMS = 5  # the words shown with a proposal
MIN_WORDS = 3  # shorter "sentences" (headings, names) get no proposal
FORMAT = 1  # of LearnedModel.data


def min_decisions() -> int:
    return settings.LEARNING_MIN_DECISIONS


def threshold() -> float:
    return settings.LEARNING_THRESHOLD


def retrain_every() -> int:
    return settings.LEARNING_RETRAIN_EVERY


# --- Sentences ----------------------------------------------------------------------------

# Where the tagger ends a sentence: . ! ? … before a blank and a character that is not a
# lower-case letter ("t.ex. från" goes on), or a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[”\"'»)]*(?=\s+[^\sa-zåäöéüæø]|\s*$)|\n")
_WORD = re.compile(r"\w+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a text as (start, end), without the blanks around them."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() if match.group() == "\n" else match.end()
        _add_span(spans, text, start, end)
        start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


def proposable(text: str) -> list[tuple[int, int, str]]:
    """The sentences of a text long enough for a proposal, as (start, end, sentence)."""
    found = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if len(_WORD.findall(sentence)) >= MIN_WORDS:
            found.append((start, end, sentence))
    return found


def _add_span(spans: list, text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        first = start + len(piece) - len(piece.lstrip())
        spans.append((first, first + len(stripped)))


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of text that the span start..end lies in."""
    inside = [(s, e) for s, e in sentence_spans(text) if s < end and start < e]
    if not inside:
        return text[start:end]
    return text[inside[0][0] : inside[-1][1]]


# --- Examples -----------------------------------------------------------------------------


@dataclass
class Example:
    text: str
    # role slug -> True (plays it) / False (a facilitator rejected it).
    labels: dict[str, bool] = field(default_factory=dict)
    complete: bool = False  # every role is known (a development set's sentence)


def _read_tsv(path: Path, split: str | None = None) -> list[Example]:
    """text<TAB>gold slugs[<TAB>…] lines; with `split`, the dev set's third column or its
    every-third-item rule (synthesis.devset_report.load_devset) picks the lines."""
    if not path.exists():
        return []
    if split is not None:
        from .devset_report import load_devset

        return [
            Example(item.text, dict.fromkeys(item.gold, True), complete=True)
            for item in load_devset(path)
            if item.split == split
        ]
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, gold, *_rest = line.split("\t") + [""]
        slugs = [s.strip() for s in gold.split(",") if s.strip()]
        examples.append(Example(text, dict.fromkeys(slugs, True), complete=True))
    return examples


def dev_examples() -> list[Example]:
    return _read_tsv(DEVSET, split="dev") + _read_tsv(PARAPHRASE_DEV)


def decided_tags():
    """Every decision a facilitator made: confirmed or rejected tags, and tags by hand."""
    return Tag.objects.exclude(review=Tag.Review.UNREVIEWED).filter(role__is_active=True)


def decision_examples() -> tuple[list[Example], int]:
    """The decided sentences with their labels, and the number of decisions (5 queries)."""
    rows = list(
        decided_tags().values_list(
            "role__slug",
            "source",
            "review",
            "match",
            "field",
            "submission_id",
            "interview_id",
            "quote_id",
            "start",
            "end",
        )
    )
    texts = _texts_of([row for row in rows if row[1] == Tag.Source.FACILITATOR])
    by_text: dict[str, Example] = {}
    for slug, source, review, match, fld, sub, interview, quote, start, end in rows:
        text = match
        if source == Tag.Source.FACILITATOR and start is not None:
            # A span selected by hand: learn from its whole sentence, as proposals are made.
            whole = texts.get((fld, sub, interview, quote))
            if whole is not None:
                text = _sentence_around(whole, start, end)
        text = " ".join(text.split())
        if not text:
            continue
        example = by_text.setdefault(text, Example(text))
        # The same sentence decided twice (an answer and its quote): a confirmation wins.
        example.labels[slug] = example.labels.get(slug, False) or review == Tag.Review.CONFIRMED
    return list(by_text.values()), len(rows)


def _texts_of(rows: list[tuple]) -> dict[tuple, str]:
    """The texts the hand-made tags are in, by (field, submission, interview, quote)."""
    wanted = defaultdict(set)
    for _slug, _source, _review, _match, fld, sub, interview, quote, _s, _e in rows:
        wanted[fld].add({"statement": sub, "answers": interview}.get(fld, quote))
    texts = {}
    if wanted["statement"]:
        for pk, text in Submission.objects.filter(pk__in=wanted["statement"]).values_list(
            "pk", "statement"
        ):
            texts[(Tag.Field.STATEMENT, pk, None, None)] = text
    if wanted["answers"]:
        for pk, sub, text in Interview.objects.filter(pk__in=wanted["answers"]).values_list(
            "pk", "submission_id", "answers"
        ):
            texts[(Tag.Field.ANSWERS, sub, pk, None)] = text
    if wanted["quote"]:
        quotes = Quote.objects.filter(pk__in=wanted["quote"]).values_list(
            "pk", "interview__submission_id", "interview_id", "text"
        )
        for pk, sub, interview, text in quotes:
            texts[(Tag.Field.QUOTE, sub, interview, pk)] = text
    return texts


def decision_count() -> int:
    return decided_tags().count()


# --- The model ----------------------------------------------------------------------------


@dataclass
class Model:
    """A fitted model: the n-gram features and one classifier per role (None: the role had
    no positive example, so it is never proposed)."""

    features: object  # sklearn FeatureUnion
    roles: list[str]
    classifiers: list
    pk: int | None = None
    _names: list[tuple[str, str]] | None = None

    def probabilities(self, texts: list[str]):
        """(features, probabilities): one row per text, one column per role."""
        import numpy as np
        from sklearn import config_context

        # Checking the arguments took more time than the sums on an interview's sentences.
        with config_context(assume_finite=True, skip_parameter_validation=True):
            matrix = self.features.transform(texts)
            probabilities = np.zeros((len(texts), len(self.roles)))
            for j, classifier in enumerate(self.classifiers):
                if classifier is not None and len(texts):
                    probabilities[:, j] = classifier.predict_proba(matrix)[:, 1]
        return matrix, probabilities

    def propose(self, sentences: list[str], keep=None) -> list[tuple[int, str, float, list]]:
        """(sentence index, role, confidence, weighing terms) for every role the model gives
        a sentence with at least LEARNING_THRESHOLD, and that keep(index, role) keeps."""
        matrix, probabilities = self.probabilities(sentences)
        found = []
        for i, j in zip(*(probabilities >= threshold()).nonzero(), strict=True):
            i, slug = int(i), self.roles[j]
            if keep is None or keep(i, slug):
                terms = self.weighing_terms(matrix[i], int(j), sentences[i])
                found.append((i, slug, round(float(probabilities[i, j]), 4), terms))
        return found

    def names(self) -> list[tuple[str, str]]:
        """Each feature as (kind, n-gram): kind "word" or "char"."""
        if self._names is None:
            self._names = [
                (kind, str(name))
                for kind, vectorizer in self.features.transformer_list
                for name in vectorizer.get_feature_names_out()
            ]
        return self._names

    def weighing_terms(self, row, role: int, text: str) -> list[list]:
        """The words of `text` that weighed most for the role: each n-gram's tf-idf value
        times its coefficient, a character n-gram's share going to the words it is in."""
        classifier = self.classifiers[role]
        if classifier is None:
            return []
        contributions = row.data * classifier.coef_[0][row.indices]
        positive = contributions > 0
        names = self.names()
        owners = _ngram_owners(text)
        weights: dict[str, float] = defaultdict(float)
        for index, weight in zip(row.indices[positive], contributions[positive], strict=True):
            kind, name = names[index]
            if kind == "word":
                weights[name] += float(weight)
                continue
            words = owners.get(name, ())
            for word in words:
                weights[word] += float(weight) / len(words)
        # "att", "regionen är" weigh too, but say nothing to the facilitator: not shown.
        shown = [
            (term, weight)
            for term, weight in weights.items()
            if not all(word in STOP_WORDS for word in term.split())
        ]
        best = sorted(shown, key=lambda item: -item[1])[:TOP_TERMS]
        return [[term, round(weight, 3)] for term, weight in best]


@lru_cache(maxsize=256)  # a sentence with several proposals is cut once
def _ngram_owners(text: str) -> dict[str, set[str]]:
    """Each character n-gram of the text (as the "char_wb" features cut them: 3 to 5
    characters of a word padded with blanks) -> the words it is in."""
    owners: dict[str, set[str]] = {}
    for token in text.lower().split():
        word = " ".join(_WORD.findall(token))
        if not word:
            continue
        padded = f" {token} "
        for n in range(3, 6):
            for k in range(len(padded) - n + 1):
                owners.setdefault(padded[k : k + n], set()).add(word)
    return owners


def _features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
                ),
            ),
        ]
    )


def fit(examples: list[Example], roles: list[str]) -> Model:
    """One logistic regression per role on the examples' n-grams."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    features = _features()
    matrix = features.fit_transform([e.text for e in examples])
    classifiers = []
    for role in roles:
        labels = np.array([e.labels.get(role, False) for e in examples])
        weights = np.array(
            [DECISION_WEIGHT if not e.complete and role in e.labels else 1.0 for e in examples]
        )
        if labels.all() or not labels.any():
            classifiers.append(None)
            continue
        # "balanced": a role is in a few per cent of the sentences; without it the model
        # would rarely dare to propose anything.
        classifier = LogisticRegression(C=C, solver="liblinear", class_weight="balanced")
        classifier.fit(matrix, labels, sample_weight=weights)
        classifiers.append(classifier)
    return Model(features, list(roles), classifiers)


def dumps(model: Model) -> bytes:
    import joblib

    buffer = io.BytesIO()
    state = {
        "format": FORMAT,
        "features": model.features,
        "roles": model.roles,
        "classifiers": model.classifiers,
    }
    joblib.dump(state, buffer, compress=3)
    return buffer.getvalue()


def loads(data: bytes, pk: int | None = None) -> Model:
    # The bytes were written by this server (train()), never uploaded: unpickling is safe.
    import joblib

    state = joblib.load(io.BytesIO(bytes(data)))
    if state.get("format") != FORMAT:
        raise ValueError("a model of another format")
    return Model(state["features"], state["roles"], state["classifiers"], pk=pk)


# The newest model, unpickled once per process.
_loaded: dict[int, Model] = {}


def latest() -> LearnedModel | None:
    return LearnedModel.objects.defer("data").first()


def current_model() -> Model | None:
    """The newest model that can propose, or None (none trained, or too few decisions)."""
    row = LearnedModel.objects.values_list("pk", "report").first()
    if row is None or not row[1].get("ready"):
        return None
    pk = row[0]
    model = _loaded.get(pk)
    if model is None:
        data = LearnedModel.objects.filter(pk=pk).values_list("data", flat=True).first()
        try:
            model = loads(data, pk)
        except Exception:  # e.g. pickled by another scikit-learn: retrain, never fail a save
            logger.exception("learned model %s cannot be loaded", pk)
            return None
        _loaded.clear()
        _loaded[pk] = model
    return model


# --- Proposals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text proposals are made for: a statement or an interview's answers. (Quotes repeat
    sentences of the answers: proposing there would ask the facilitator twice.)"""

    submission_id: int
    field: str
    text: str
    interview_id: int | None = None

    @property
    def key(self) -> tuple:
        return (self.submission_id, self.field, self.interview_id)


def statement_text(submission: Submission) -> Text:
    return Text(submission.pk, Tag.Field.STATEMENT, submission.statement)


def answers_text(interview: Interview) -> Text:
    return Text(interview.submission_id, Tag.Field.ANSWERS, interview.answers, interview.pk)


def all_texts(batch_size: int = 2000) -> Iterable[Text]:
    for unit in services.all_units(batch_size, quotes=False):
        yield Text(unit.submission_id, unit.field, unit.text, unit.interview_id)


def _tagged(texts: list[Text]) -> dict[tuple, list[tuple[int, int, int]]]:
    """The tags of any source and review in these texts, as (role, start, end) per text."""
    spans = defaultdict(list)
    fields = {t.field for t in texts}
    rows = Tag.objects.filter(
        submission_id__in={t.submission_id for t in texts}, field__in=fields
    ).values_list("submission_id", "field", "interview_id", "role_id", "start", "end")
    for sub, fld, interview, role_id, start, end in rows:
        spans[(sub, fld, interview)].append((role_id, start, end))
    return spans


def proposals_for(texts: list[Text], model: Model) -> list[Proposal]:
    """The model's proposals for these texts (unsaved): two queries (the roles, the tags)."""
    from .services import current_taxonomy

    taxonomy = current_taxonomy()
    role_ids = taxonomy.role_ids
    sentences = [(text, *found) for text in texts for found in proposable(text.text)]
    if not sentences:
        return []
    tagged = _tagged(texts)

    def untagged(i: int, slug: str) -> bool:
        # No tag of the role there: not the rules', nor a facilitator's decision.
        role_id = role_ids.get(slug)
        text, start, end, _sentence = sentences[i]
        return role_id is not None and not any(
            r == role_id and s is not None and s < end and start < e
            for r, s, e in tagged[text.key]
        )

    proposals = []
    for i, slug, confidence, weights in model.propose([s[3] for s in sentences], untagged):
        text, start, end, sentence = sentences[i]
        if _dropped_by_rules(slug, weights, taxonomy.lexicon):
            continue
        proposals.append(
            Proposal(
                model_id=model.pk,
                role_id=role_ids[slug],
                submission_id=text.submission_id,
                interview_id=text.interview_id,
                field=text.field,
                start=start,
                end=end,
                match=sentence,
                confidence=confidence,
                weights=weights,
            )
        )
    return proposals


def _dropped_by_rules(slug: str, weights: list, lexicon: tagger.Lexicon) -> bool:
    """Did the rules find a cue of the role among the words that weighed most, and leave
    it out for its context ("Vi ser inte att regionen samordnar", "Kommunerna samordnar")?
    Their judgement stands: the model is for what the cues do not say."""
    return any(slug in tagger.tag_text(term, lexicon)[0] for term, _weight in weights)


def _texts_filter(texts: list[Text]):
    from django.db.models import Q

    where = Q(pk__in=[])
    for text in texts:
        where |= Q(
            submission_id=text.submission_id, field=text.field, interview_id=text.interview_id
        )
    return where


def propose(texts: list[Text]) -> int:
    """A text was saved: its proposals again, from the newest model (none without one).

    Called inside the transaction that saves the text (synthesis/receivers.py), in a
    savepoint: a failing model must never fail a coordinator's save."""
    texts = [t for t in texts if t.text is not None]
    if not texts:
        return 0
    try:
        with transaction.atomic():
            # Without a model there is no proposal to replace either (a training without
            # one deletes them all): one query on the save path.
            model = current_model()
            if model is None:
                return 0
            Proposal.objects.filter(_texts_filter(texts)).delete()
            return len(Proposal.objects.bulk_create(proposals_for(texts, model)))
    except Exception:
        logger.exception("proposals for a saved text failed")
        return 0


PROPOSE_CHUNK = 200  # texts per batch of the whole corpus


@transaction.atomic
def propose_corpus(model: Model | None) -> int:
    """Every proposal again, for the whole corpus (the training task)."""
    Proposal.objects.all().delete()
    if model is None:
        return 0
    created = 0
    chunk: list[Text] = []
    for text in all_texts():
        chunk.append(text)
        if len(chunk) == PROPOSE_CHUNK:
            created += len(Proposal.objects.bulk_create(proposals_for(chunk, model)))
            chunk = []
    if chunk:
        created += len(Proposal.objects.bulk_create(proposals_for(chunk, model)))
    return created


def prune_proposals() -> int:
    """Drop the proposals where a tag of their role now is (after a re-tag)."""
    proposals = list(
        Proposal.objects.values_list(
            "pk", "submission_id", "field", "interview_id", "role_id", "start", "end"
        )
    )
    if not proposals:
        return 0
    texts = [Text(sub, fld, "", interview) for _pk, sub, fld, interview, *_rest in proposals]
    tagged = _tagged(texts)
    stale = [
        pk
        for pk, sub, fld, interview, role_id, start, end in proposals
        if any(
            r == role_id and s is not None and s < end and start < e
            for r, s, e in tagged[(sub, fld, interview)]
        )
    ]
    Proposal.objects.filter(pk__in=stale).delete()
    return len(stale)


def term_spans(sentence: str, weights: list) -> list[tuple[int, int, str]]:
    """Where the weighing words stand in the sentence: (start, end, words), in order."""
    spans = []
    lower = sentence.lower()
    for term, _weight in weights:
        match = re.search(rf"(?<!\w){re.escape(term)}(?!\w)", lower)
        if match and not any(s < match.end() and match.start() < e for s, e, _w in spans):
            spans.append((match.start(), match.end(), sentence[match.start() : match.end()]))
    return sorted(spans)


@transaction.atomic
def decide(*, proposal: Proposal, user, decision: str) -> Tag:
    """A facilitator confirms a proposal (a counted Tag, source "model") or rejects it
    (a rejected Tag, source "model": a labelled negative example, never counted, and no
    proposal of the role on that sentence again). The proposal goes."""
    reviews = {"confirm": Tag.Review.CONFIRMED, "reject": Tag.Review.REJECTED}
    spans = term_spans(proposal.match, proposal.weights) or [
        (0, len(proposal.match), proposal.match)
    ]
    tag = Tag(
        role_id=proposal.role_id,
        submission_id=proposal.submission_id,
        interview_id=proposal.interview_id,
        quote_id=proposal.quote_id,
        field=proposal.field,
        start=proposal.start,
        end=proposal.end,
        match=proposal.match,
        evidence=[[proposal.start + s, proposal.start + e, words] for s, e, words in spans],
        score=proposal.confidence,
        source=Tag.Source.MODEL,
        review=reviews[decision],
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    tag._history_user = user
    tag.save()
    proposal.delete()
    return tag


@transaction.atomic
def undo(*, tag: Tag) -> Proposal | None:
    """A decision on a proposal taken back: the tag goes and the proposal is back, weighed
    by the newest model (or as it was, when no model can propose now)."""
    model = current_model()
    latest_row = LearnedModel.objects.values_list("pk", flat=True).first()
    confidence, weights = tag.score, [[words, 0.0] for _s, _e, words in tag.evidence]
    if model is not None:
        matrix, probabilities = model.probabilities([tag.match])
        slug = tag.role.slug
        if slug in model.roles:
            j = model.roles.index(slug)
            confidence = round(float(probabilities[0, j]), 4)
            weights = model.weighing_terms(matrix[0], j, tag.match)
    tag.delete()
    if latest_row is None:
        return None
    return Proposal.objects.create(
        model_id=model.pk if model is not None else latest_row,
        role_id=tag.role_id,
        submission_id=tag.submission_id,
        interview_id=tag.interview_id,
        quote_id=tag.quote_id,
        field=tag.field,
        start=tag.start or 0,
        end=tag.end or len(tag.match),
        match=tag.match,
        confidence=confidence,
        weights=weights,
    )


# --- Training and agreement ---------------------------------------------------------------


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else (0.0 if precision is not None or recall is not None else None)
    )
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


SYSTEMS = ("rules", "model", "both")


def cross_validate(
    dev: list[Example], decided: list[Example], roles: list[str], lexicon: tagger.Lexicon
) -> dict:
    """Rules alone, the model alone and both against held-out decisions: k-fold over the
    decided sentences, the model trained on the development sets and the other folds."""
    from sklearn.model_selection import KFold

    limit = threshold()
    counts = {system: defaultdict(lambda: [0, 0, 0]) for system in SYSTEMS}
    index = {role: j for j, role in enumerate(roles)}
    folds = KFold(n_splits=min(FOLDS, len(decided)), shuffle=True, random_state=0)
    for train, held in folds.split(decided):
        model = fit(dev + [decided[i] for i in train], roles)
        held_out = [decided[i] for i in held]
        _matrix, probabilities = model.probabilities([e.text for e in held_out])
        for row, example in enumerate(held_out):
            by_rules = set(tagger.tag_text(example.text, lexicon)[0])
            for role, label in example.labels.items():
                if role not in index:
                    continue
                said = {
                    "rules": role in by_rules,
                    "model": bool(probabilities[row, index[role]] >= limit),
                }
                said["both"] = said["rules"] or said["model"]
                for system, yes in said.items():
                    cell = counts[system][role]
                    if yes and label:
                        cell[0] += 1
                    elif yes:
                        cell[1] += 1
                    elif label:
                        cell[2] += 1
    report = {}
    for system in SYSTEMS:
        total = [sum(c[k] for c in counts[system].values()) for k in range(3)]
        report[system] = _prf(*total)
    report["roles"] = [
        {
            "slug": role,
            "decisions": sum(1 for e in decided if role in e.labels),
            **{system: _prf(*counts[system][role])["f1"] for system in SYSTEMS},
        }
        for role in roles
        if any(role in e.labels for e in decided)
    ]
    report["folds"] = folds.get_n_splits()
    return report


@transaction.atomic
def train() -> LearnedModel:
    """Train on the decisions and the development sets, report the cross-validated
    agreement, store the model and propose for the whole corpus."""
    from .services import current_taxonomy

    began = time.monotonic()
    decided, decisions = decision_examples()
    roles = list(Role.objects.active().values_list("slug", flat=True))
    needed = min_decisions() - decisions
    if needed > 0 or not decided:
        row = LearnedModel.objects.create(
            decisions=decisions,
            examples=len(decided),
            data=b"",
            report={"ready": False, "needed": max(needed, 1), "threshold": threshold()},
        )
        propose_corpus(None)
        return row
    dev = dev_examples()
    report = cross_validate(dev, decided, roles, current_taxonomy().lexicon)
    model = fit(dev + decided, roles)
    report |= {
        "ready": True,
        "threshold": threshold(),
        "dev_examples": len(dev),
        "seconds": round(time.monotonic() - began, 1),
    }
    row = LearnedModel.objects.create(
        decisions=decisions, examples=len(dev) + len(decided), data=dumps(model), report=report
    )
    # Only the newest model is ever used: the older ones keep their report, not their bytes.
    LearnedModel.objects.exclude(pk=row.pk).exclude(data=b"").update(data=b"")
    model.pk = row.pk
    _loaded.clear()
    _loaded[row.pk] = model
    report["proposals"] = propose_corpus(model)
    row.report = report
    row.save(update_fields=["report"])
    return row


def decisions_since_latest() -> int:
    """Decisions made since the newest model was trained (all of them before the first)."""
    row = latest()
    decided = decided_tags()
    if row is not None:
        decided = decided.filter(reviewed_at__gt=row.created_at)
    return decided.count()


def retrain_due() -> bool:
    return decisions_since_latest() >= retrain_every()
