"""Role tagger: finds the roles of the taxonomy in Swedish and English text, with evidence.

Plain Python (no Django), so the management command, the re-tagging job and the tests can
all use it. How it works, in reading order:

1. The text is NFC-normalised (å/ä/ö typed as NFD become one character); an offset map
   translates every position back to the string the caller passed in.
2. It is split into sentences, each sentence into word tokens and clause punctuation.
3. Every distinct lower-cased token is analysed once and memoised per lexicon: which
   single-word cues it matches (Snowball stem, an inflection ending, or a cue stem inside a
   compound such as "samordningsansvar"), and which words of multi-word cues it can fill.
4. Multi-word cues match as phrases: up to two words may stand between their words
   ("öppnar nya dörrar"), but after a preposition, article or conjunction of the cue only
   fillers may ("som en stor arbetsgivare", never "som kan samla arbetsgivarna"), and never
   a word that starts a clause or a verb of its own. Two-word cues of long words also match
   in reverse order ("nätverket som regionen driver"). A cue written with "…" ("nationella
   … anpassa") matches its parts anywhere in the same sentence, up to "men"/"but". A phrase
   is only looked for around its rarest-looking word, so "en", "the" or "länet" cost
   nothing.
5. Hits inside a negated clause ("ska inte finansiera", "not a funder") are dropped, and a
   hit inside a longer hit of another role is dropped ("projektpartner" is a partner, not a
   project developer; "söka finansiering" is project development, not funding). Hits that
   the sentence gives to someone else are dropped too: another actor as the subject
   ("Kommunen samordnar"), money received from another source ("fått pengar från
   Postkodlotteriet"), "..., inte regionen".
6. A wish, need, lack or expectation is not a negation ("Det vi saknar är att regionen
   samordnar", "Regionen borde samordna", "We need someone who coordinates"): its hits are
   kept and marked `expected`, also when the sentence names other actors ("ett forum där
   kommunerna synkar sina insatser"). "Regionen saknar mandat att finansiera" is still a
   negation: what is lacked is the means to act.

Cues are written by facilitators as base forms or phrases ("samordna", "öppna dörrar",
"sounding board", "nationella … anpassa"); no regular expressions, no wildcards. Stems of
fewer than five letters (and a few risky words such as "medel") only match whole words,
never inside compounds; a few ambiguous words ("bidrag", "projekt") only inside compounds
or in a phrase ("ge bidrag", "driva projekt").

The word lists (negators, expectation words, clause words, who-acts words, irregular forms,
endings, false friends, fixed expressions) are in synthesis/tagger/words.py; this module is
the engine.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat
from operator import attrgetter, is_
from types import MappingProxyType
from typing import NamedTuple

import snowballstemmer

from synthesis.taxonomy_default import DEFAULT_ROLES

from .words import (
    ACTOR_HEAD,
    ADJECTIVE_ENDINGS,
    ARTICLES,
    AT_WORDS,
    CAPACITY_WORDS,
    CAUSATIVES,
    CLAUSE_BREAKERS,
    COMMON_WORDS,
    COMPOUND_ONLY,
    CONDITIONALS,
    COORDINATORS,
    DE_WORDS,
    DEFINITE_ENDINGS,
    ENDINGS,
    EXCLUDING_WORDS,
    FALSE_FRIENDS,
    FILLERS,
    FORWARD_NEGATORS,
    FUNCTION_WORDS,
    GAP_STOPPERS,
    HELPING_ROLE,
    HELPING_WORDS,
    INVERTING_VERBS,
    IRREGULAR,
    LACK_WORDS,
    NEED_WORDS,
    NEGATION_CANCELLERS,
    NEGATION_PROOF,
    NEGATORS,
    NON_CUES,
    OPINION_WORDS,
    OTHERS_DENIED,
    PERSON_WORDS,
    QUESTION_OPENERS,
    RECEIVING_WORDS,
    REGION_WORDS,
    RELATIVE_GAP,
    RELATIVES,
    RUNNING_VERBS,
    SOURCE_WORDS,
    SUB_CLAUSE_STARTERS,
    SUBJECT_SKIP,
    TARGET_WORDS,
    TOPIC_TAKERS,
    UNSTEMMED,
    VENUE_PREPOSITIONS,
    VENUE_ROLE,
    WE_POSSESSIVES,
    WE_WORDS,
    WHOLE_WORD_ONLY,
    WISH_PAIRS,
    WISH_WORDS,
    YOU_WORDS,
)

__all__ = [
    "Evidence",
    "Lexicon",
    "SentenceTags",
    "default_lexicon",
    "tag_sentences",
    "tag_text",
]


# Evidence and SentenceTags are named tuples, not frozen dataclasses: a tagged corpus makes
# one per matched word and sentence, and a frozen dataclass costs ten times as much to build.
class Evidence(NamedTuple):
    role: str  # role slug
    start: int  # character offsets into the ORIGINAL input string
    end: int
    match: str  # original_text[start:end]
    # The words stand where someone wants, needs, misses or expects the role ("Det vi
    # saknar är att regionen samordnar", "The region should coordinate").
    expected: bool = False


class SentenceTags(NamedTuple):
    start: int  # sentence span in the original text
    end: int
    roles: tuple[str, ...]  # sorted by descending score
    evidence: tuple[Evidence, ...]
    scores: dict[str, float]  # role -> score in (0, 1]
    # Roles with expected evidence in this sentence: an expectation, not a description.
    expected: frozenset[str] = frozenset()


# --- Tuning (the word lists are in words.py) --------------------------------------------

# Stems shorter than this only match whole words: "stöd" must not fire inside "stödben".
MIN_COMPOUND_STEM = 5
# A cue found inside a token, but not at its start, needs a real modifier in front of it;
# this keeps "vision" out of "revision".
MIN_MODIFIER = 3
# Up to this many tokens may stand between the words of a multi-word cue.
MAX_GAP = 2
# How far back a negator reaches. Three words cover "finansierar inte" and "Funding is
# not", but not "opens doors to employers we could not reach".
NEGATION_LOOKBACK = 3

_NON_CUE_INDEX: dict[str, list[tuple[tuple[frozenset[str], ...], int]]] = {}
_NON_CUE_WORDS: set[str] = set()  # the word of each expression that looks like a cue
for _expr in NON_CUES:
    _parts = _expr.split()
    _pattern = tuple(frozenset(part.lstrip("*").split("|")) for part in _parts)
    for _pos, _forms in enumerate(_pattern):
        if _parts[_pos].startswith("*"):
            _NON_CUE_WORDS.update(_forms)
            for _form in _forms:
                _NON_CUE_INDEX.setdefault(_form, []).append((_pattern, _pos))

# Snowball stemmer objects keep state while they stem a word, so two threads (gunicorn
# threads, a re-tag beside a request) must not share one: each thread gets its own pair.
_STEMMERS = threading.local()


def _stemmers():
    pair = getattr(_STEMMERS, "pair", None)
    if pair is None:
        pair = _STEMMERS.pair = (
            snowballstemmer.stemmer("swedish"),
            snowballstemmer.stemmer("english"),
        )
    return pair


# One regex finds every token of a text (most common alternative first, for speed):
# - a word: letters/digits with inner apostrophes ("doesn't"); hyphens and slashes split
#   words ("door-opener", "roll/uppdrag") without ending the clause;
# - a sentence end: . ! ? … (plus closing quotes) before whitespace and a character that is
#   not a lower-case letter, or at the very end ("t.ex. från" does not end a sentence);
# - a line break, which also ends a sentence (lists, one quote per line);
# - punctuation that ends a clause, including a spaced dash.
_TOKEN = re.compile(
    r"[^\W_]+(?:['’][^\W_]+)*"
    r"|[.!?…]+[”\"'»)]*(?=\s+[^\sa-zåäöéüæø]|\s*$)"
    r"|[\n,;:()\[\]–—]|[^\S\n]-[^\S\n]"
)
# With a capturing group, split() returns [gap, token, gap, token, ..., gap]: the tokens
# and, by summing lengths, their offsets.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
# The same split for the common text, about a fifth faster (the split is a good part of
# the time per text): without "_" a word is simply \w+; without apostrophes it has no
# inner "'"; without a dash after a blank there is no spaced dash. _split_tokens picks it
# only when all three hold, so the parts are identical.
_TOKEN_SPLIT_FAST = re.compile(
    r"(\w+|[.!?…]+[”\"'»)]*(?=\s+[^\sa-zåäöéüæø]|\s*$)|[\n,;:()\[\]–—])"
)


def _split_tokens(text: str) -> list[str]:
    """_TOKEN_SPLIT.split(text): [gap, token, gap, token, ..., gap]."""
    if "_" in text or "'" in text or "’" in text:
        return _TOKEN_SPLIT.split(text)
    i = text.find("-")
    while i != -1:  # a spaced dash needs a blank (not a line break) before the "-"
        if i and text[i - 1].isspace() and text[i - 1] != "\n":
            return _TOKEN_SPLIT.split(text)
        i = text.find("-", i + 1)
    return _TOKEN_SPLIT_FAST.split(text)


_CLAUSE_PUNCTUATION = frozenset(",;:()[]–—")


def _stems(word: str) -> tuple[str, str]:
    """Swedish and English Snowball stems of a lower-cased word (after irregular forms)."""
    if word in UNSTEMMED:
        return word, word
    lemma = IRREGULAR.get(word, word)
    swedish, english = _stemmers()
    return swedish.stemWord(lemma), english.stemWord(lemma)


# --- The compiled lexicon ----------------------------------------------------------------


# What may stand between two words of a multi-word cue: after a function word only
# fillers ("som en stor arbetsgivare"); elsewhere up to MAX_GAP words that start no clause
# and are no verb of their own; between the parts of a cue written with "…" ("nationella …
# anpassa") anything in the same sentence up to "men"/"but".
_TIGHT, _LOOSE, _FAR = 0, 1, 2


@dataclass(frozen=True, slots=True)
class _Phrase:
    role: str
    cue: str
    parts: tuple[tuple[int, ...], ...]  # phrase-word ids of each part, in cue order
    binding: tuple[tuple[bool, ...], ...]  # per word: a function word (only fillers after)
    reversible: bool  # two long words: "dörrar öppnas" matches "öppna dörrar"

    def orders(self) -> list[tuple[tuple[int, ...], tuple[int, ...], bool, tuple[int, ...]]]:
        """The orders the words may stand in: (words, the kind of each gap between them,
        reversed, the size of each part)."""

        def kinds(binding: list[tuple[bool, ...]]) -> tuple[int, ...]:
            out: list[int] = []
            for k, part in enumerate(binding):
                if k:
                    out.append(_FAR)
                out.extend(_TIGHT if fw else _LOOSE for fw in part[:-1])
            return tuple(out)

        words = tuple(w for part in self.parts for w in part)
        sizes = tuple(map(len, self.parts))
        found = [(words, kinds(list(self.binding)), False, sizes)]
        if self.reversible:  # two words: the gap follows the word before it in the text
            (fw1, fw2) = self.binding[0]
            found.append((words[::-1], (_TIGHT if fw2 else _LOOSE,), True, sizes))
        elif len(self.parts) == 2:  # "anpassa … nationella" as well
            swapped = (self.parts[1], self.parts[0])
            binding = [self.binding[1], self.binding[0]]
            found.append(
                (swapped[0] + swapped[1], kinds(binding), False, tuple(map(len, swapped)))
            )
        return found


# (role, cue length, words after the anchor, words before it nearest first, all its words,
# (gap kinds after, gap kinds before, reverse order, part sizes of a "…" cue or (), 1 or 2
# for a two-word cue whose other word comes after or before the anchor, else 0))
_Anchor = tuple[
    str,
    int,
    tuple[int, ...],
    tuple[int, ...],
    frozenset[int],
    tuple[tuple[int, ...], tuple[int, ...], bool, tuple[int, ...], int],
]


@dataclass(frozen=True, slots=True, eq=False)
class _TokenInfo:
    """What one distinct token can do; memoised per lexicon."""

    hits: tuple[tuple[str, int, int, float], ...]  # (role, sub_start, sub_end, weight)
    words: frozenset[int]  # phrase-word ids this token fills
    # Phrases anchored here: (role, length of the cue, words after the anchor, words
    # before it nearest first, set of all its words, gap rules); split once here, not per
    # match.
    anchors: tuple[_Anchor, ...]
    flags: int  # _NEG, _BREAK, _SUB, _CANCEL, _FWD, _PAIR bits
    relevant: bool  # has hits or anchors a phrase: the tagger looks at it
    context: bool  # has a _CONTEXT flag: negation and who-acts rules look at it


_NEG, _BREAK, _SUB, _CANCEL, _FWD, _PAIR, _END = 1, 2, 4, 8, 16, 32, 64
# Who acts (see REGION_WORDS ...): the region, the writer, another actor.
_REGION, _YOU, _DE, _WE, _ACTOR, _POSS, _PERSON = 128, 256, 512, 1024, 2048, 4096, 8192
# Helpers for the subject and the negation scope.
_VERB, _SKIP, _REL, _COORD, _NEED, _AT, _THE, _TARGET, _FIXED, _VENUE = (
    1 << k for k in range(14, 24)
)
# Expectations: a wish word, a lack word, the first word of a two-word wish.
_WISH, _LACK, _WPAIR = (1 << k for k in range(24, 27))
# What may stand between the words of a multi-word cue (see _match_phrase).
_FILL, _STOP, _RELGAP = (1 << k for k in range(27, 30))
# A word that keeps its cue when negated ("inte drar åt varsitt håll").
_PROOF = 1 << 30
# "inblandad", "involved"; "fått", "got"; "från", "from" (see _someone_else).
_EXCL, _RECV, _SOURCE = 1 << 31, 1 << 32, 1 << 33
# Words that may express a wish with the words around them (see _expectation_scope).
_MAYBE_WISH = frozenset({first for first, _second in WISH_PAIRS} | {"ska", "skall", "om", "if"})
# Tokens the context rules look at; listed once per text, like the negators.
_NEGATING = _NEG | _FWD | _PAIR | _LACK  # "saknar mandat att" negates
_WISHING = _WISH | _LACK | _WPAIR
_WHO = _REGION | _YOU | _DE | _WE | _ACTOR | _PERSON | _TARGET
_ELSEWHERE = _EXCL | _RECV
_CONTEXT = _NEGATING | _WHO | _NEED | _FIXED | _VENUE | _WISHING | _ELSEWHERE | _SOURCE
_REF = _REGION | _YOU | _DE | _WE  # may refer to the region
_OTHER = _ACTOR | _TARGET | _PERSON
# What may stand before a subject: a clause start, "the", "vi på ...".
_BEFORE_SUBJECT = _BREAK | _SUB | _SKIP | _AT | _WE
_PLAIN = _TokenInfo((), frozenset(), (), 0, False, False)
_BREAK_INFO = _TokenInfo((), frozenset(), (), _BREAK, False, False)  # clause punctuation
_END_INFO = _TokenInfo((), frozenset(), (), _BREAK | _END, False, False)  # sentence end
_RELEVANT, _IN_CONTEXT = attrgetter("relevant"), attrgetter("context")
_WORDS = attrgetter("words")

# Evidence weights: a whole word, a cue inside a compound, a multi-word cue, each part of
# a cue written with "…" (two parts together: 0.75).
_W_EXACT, _W_PART, _W_PHRASE, _W_FAR = 0.8, 0.6, 0.9, 0.5
# Distinct tokens remembered per lexicon before the memo starts over.
_MEMO_LIMIT = 200_000


class Lexicon:
    """Cues compiled into lookup tables. Build once per taxonomy version, then reuse.

    Immutable from the outside. The only state that changes is the per-token memo, which
    is a plain dict: under the GIL two threads can at worst analyse the same token twice.
    """

    __slots__ = (
        "cues",
        "_exact_sv",
        "_exact_en",
        "_written",
        "_parts",
        "_part_lengths",
        "_word_sv",
        "_word_en",
        "_word_prefix",
        "_anchored",
        "_memo",
    )

    cues: Mapping[str, tuple[str, ...]]

    def __init__(self) -> None:
        raise TypeError("use Lexicon.compile(cues)")

    @classmethod
    def compile(cls, cues: Mapping[str, Iterable[str]]) -> Lexicon:
        self = object.__new__(cls)
        exact_sv: dict[str, set[str]] = {}
        exact_en: dict[str, set[str]] = {}
        written: dict[str, set[str]] = {}
        parts: dict[str, set[str]] = {}
        word_ids: dict[tuple[str, str, bool], int] = {}
        common_stems = {_stems(w)[0] for w in FUNCTION_WORDS | FILLERS}
        frequent_stems = {_stems(w)[0] for w in COMMON_WORDS}
        phrases: list[_Phrase] = []
        kept: dict[str, tuple[str, ...]] = {}
        for role, role_cues in cues.items():
            kept[role] = tuple(role_cues)
            for cue in kept[role]:
                text = unicodedata.normalize("NFC", cue).lower().replace("...", "…")
                pieces = [
                    [w for w in _TOKEN.findall(piece) if w[0].isalnum()]
                    for piece in text.split("…")
                ]
                pieces = [piece for piece in pieces if piece]
                words = [w for piece in pieces for w in piece]
                if len(words) == 1:
                    sv, en = _stems(words[0])
                    if words[0] not in COMPOUND_ONLY:
                        exact_sv.setdefault(sv, set()).add(role)
                        exact_en.setdefault(en, set()).add(role)
                        # The cue as written plus an ending is the word too: "kurs" and
                        # "kurser" ("kurs" stems to "kur", "kurser" to "kurs").
                        if words[0] not in WHOLE_WORD_ONLY:
                            written.setdefault(words[0], set()).add(role)
                    if len(sv) >= MIN_COMPOUND_STEM and words[0] not in WHOLE_WORD_ONLY:
                        parts.setdefault(sv, set()).add(role)
                elif len(words) > 1:
                    ids = []
                    for piece in pieces:
                        piece_ids = []
                        for w in piece:
                            sv, en = _stems(w)
                            prefix_ok = len(sv) >= MIN_COMPOUND_STEM and w not in WHOLE_WORD_ONLY
                            key = (sv, en, prefix_ok)
                            piece_ids.append(word_ids.setdefault(key, len(word_ids)))
                        ids.append(tuple(piece_ids))
                    # A verb and its object may swap ("dörrar öppnas"); a preposition and
                    # its noun may not ("till staten" is not "statliga ... till").
                    reversible = (
                        len(pieces) == 1
                        and len(words) == 2
                        and min(map(len, words)) >= 4
                        and not FUNCTION_WORDS.intersection(words)
                    )
                    binding = tuple(tuple(w in FUNCTION_WORDS for w in piece) for piece in pieces)
                    phrases.append(_Phrase(role, cue, tuple(ids), binding, reversible))
        self.cues = MappingProxyType(kept)
        self._exact_sv = {k: tuple(sorted(v)) for k, v in exact_sv.items()}
        self._written = {k: tuple(sorted(v)) for k, v in written.items()}
        self._exact_en = {k: tuple(sorted(v)) for k, v in exact_en.items()}
        self._parts = {k: tuple(sorted(v)) for k, v in parts.items()}
        self._part_lengths = tuple(sorted({len(k) for k in parts}, reverse=True))
        self._word_sv: dict[str, list[int]] = {}
        self._word_en: dict[str, list[int]] = {}
        self._word_prefix: dict[str, list[int]] = {}
        for (sv, en, prefix_ok), wid in word_ids.items():
            self._word_sv.setdefault(sv, []).append(wid)
            self._word_en.setdefault(en, []).append(wid)
            if prefix_ok:
                self._word_prefix.setdefault(sv, []).append(wid)
        # Each phrase is looked for only where its rarest-looking word (the longest stem)
        # occurs, so "en", "the", "för" do not trigger work on every sentence.
        # Phrase-word id -> (role, cue length, words after the anchor, words before it
        # nearest first, all its words, gap rules); reversible two-word phrases and "…"
        # cues of two parts are listed in both orders.
        # A function word or filler ("till", "som", "hur") is never the anchor when the cue
        # has another word: it occurs in nearly every sentence; nor, if it can be helped,
        # a word common in homework texts (words.COMMON_WORDS).
        rank = {
            wid: (key[0] not in common_stems, key[0] not in frequent_stems, len(key[0]))
            for key, wid in word_ids.items()
        }
        anchored: dict[int, list[_Anchor]] = {}
        for ph in phrases:
            all_words = [w for part in ph.parts for w in part]
            anchor = max(all_words, key=rank.__getitem__)
            for words, kinds, reverse, sizes in ph.orders():
                i = words.index(anchor)
                # kinds[k] is the gap between words[k] and words[k + 1].
                far_sizes = sizes if len(sizes) > 1 else ()
                # 1: one word after the anchor, 2: one before it (both side by side first).
                pair = 0 if far_sizes or len(words) != 2 else (1 if i == 0 else 2)
                gaps = (kinds[i:], kinds[:i][::-1], reverse, far_sizes, pair)
                entry = (
                    ph.role,
                    len(ph.cue),
                    words[i + 1 :],
                    words[:i][::-1],
                    frozenset(words),
                    gaps,
                )
                anchored.setdefault(anchor, []).append(entry)
        self._anchored = {k: tuple(v) for k, v in anchored.items()}
        self._memo: dict[str, _TokenInfo] = {}
        return self

    # One distinct token (as written) -> _TokenInfo. Runs once per token; the memo makes
    # it free after.
    def _analyse(self, token: str) -> _TokenInfo:
        info = self._memo.get(token)
        if info is not None:
            return info
        lower = token.lower()
        if lower != token:  # "Samordnar", "SAMORDNAR": analyse "samordnar", remember both
            info = self._analyse(lower)
            self._memo[token] = info
            return info
        if len(self._memo) > _MEMO_LIMIT:  # bound memory on unbounded vocabularies
            self._memo.clear()
        if not token[0].isalnum():
            info = _BREAK_INFO if token.strip() in _CLAUSE_PUNCTUATION | {"-"} else _END_INFO
            self._memo[token] = info
            return info
        flags = 0
        if token in NEGATORS or token.endswith(("n't", "n’t")):
            flags |= _NEG
        if token in CLAUSE_BREAKERS:
            flags |= _BREAK
        if token in SUB_CLAUSE_STARTERS:
            flags |= _SUB
        if token in NEGATION_CANCELLERS:
            flags |= _CANCEL
        if token in FORWARD_NEGATORS:
            flags |= _FWD
        if any(isinstance(p, tuple) and p[0] == token for p in FORWARD_NEGATORS):
            flags |= _PAIR  # may start a two-word forward negator
        flags |= _actor_flags(token) | _gap_flags(token)
        if token in WISH_WORDS or token.endswith(("'d", "’d")):  # "we'd like", "I'd want"
            flags |= _WISH | _NEED
        elif token in LACK_WORDS:
            flags |= _LACK | _NEED
        if token in _MAYBE_WISH:
            flags |= _WPAIR
        if token.startswith(NEGATION_PROOF):
            flags |= _PROOF
        sv, en = _stems(token)
        # An irregular form is matched as its base form: "bidragit" is "bidra", not the
        # noun "bidrag" with an ending.
        word = IRREGULAR.get(token, token)
        n = len(word)
        found: dict[tuple[str, int, int], float] = {}
        # Whole word: either stem equals a cue stem, or the token is a cue stem plus an
        # inflection ending the stemmer did not remove.
        roles = set(self._exact_sv.get(sv, ())) | set(self._exact_en.get(en, ()))
        for k in range(max(1, n - 4), n):
            if word[k:] in ENDINGS:
                roles.update(self._exact_sv.get(word[:k], ()))
                roles.update(self._written.get(word[:k], ()))
        for role in roles:
            found[(role, 0, n)] = _W_EXACT
        # Inside a compound: any long cue stem as prefix, infix or head of the token. A
        # cue stem at the start needs a word after it, not an ending: "projektverksamhet",
        # not "projekten" (a whole word, matched above if at all).
        for i in range(n - MIN_COMPOUND_STEM + 1):
            if 0 < i < MIN_MODIFIER:
                continue
            for length in self._part_lengths:
                if i + length > n or (i == 0 and (length == n or word[length:] in _ENDS)):
                    continue
                for role in self._parts.get(word[i : i + length], ()):
                    found.setdefault((role, i, i + length), _W_PART)
        if word != token:  # the evidence is the token as written
            found = {(role, 0, len(token)): w for (role, _s, _e), w in found.items()}
        hits = tuple(
            (role, s, e, w)
            for (role, s, e), w in found.items()
            if not _inside_false_friend(word, s, e)
        )
        # Phrase words: stem match, or (long words) the token starts with the word's stem.
        wids: set[int] = set(self._word_sv.get(sv, ())) | set(self._word_en.get(en, ()))
        for k in range(MIN_COMPOUND_STEM, n + 1):
            wids.update(self._word_prefix.get(word[:k], ()))
        anchors = tuple(a for wid in wids for a in self._anchored.get(wid, ()))
        if any(hit[0] == VENUE_ROLE for hit in hits):
            flags |= _VENUE  # a meeting-place word: "i olika forum" is a place
        relevant = bool(hits or anchors)
        if relevant or wids or flags:
            info = _TokenInfo(
                hits, frozenset(wids), anchors, flags, relevant, bool(flags & _CONTEXT)
            )
        else:
            info = _PLAIN
        self._memo[token] = info
        return info


def _actor_flags(token: str) -> int:
    """The who-acts and helper flags of a lower-cased word token."""
    flags = 0
    if (
        token in REGION_WORDS
        or token.endswith(("regionen", "regionens"))
        # "Regionbiblioteket", "regionkansliet"; not "regionala", "andra regioner"
        or (token.startswith("region") and not token.startswith(("regional", "regioner")))
    ):
        flags |= _REGION
    elif token in YOU_WORDS:
        flags |= _YOU
    elif token in DE_WORDS:
        flags |= _DE
    elif token in WE_WORDS:
        flags |= _WE
    elif token in PERSON_WORDS:
        flags |= _PERSON | _ACTOR
        if token in ("hans", "hennes", "his", "her"):
            flags |= _POSS
    elif token in TARGET_WORDS:
        flags |= _TARGET
    elif ACTOR_HEAD.search(token):
        flags |= _ACTOR
        # Genitive: "kommunens", "länsstyrelsens", "the university's" (not "associations")
        if token.endswith(("'s", "’s", "ens", "ets", "nas", "ns")) and not token.endswith("ions"):
            flags |= _POSS
    if token in INVERTING_VERBS:
        flags |= _VERB
    if token in SUBJECT_SKIP:
        flags |= _SKIP
    if token in RELATIVES:
        flags |= _REL
    if token in COORDINATORS:
        flags |= _COORD
    if token in NEED_WORDS:
        flags |= _NEED
    if token in AT_WORDS:
        flags |= _AT
    if token == "the":
        flags |= _THE
    if token in _NON_CUE_WORDS:
        flags |= _FIXED
    if token in EXCLUDING_WORDS:
        flags |= _EXCL
    if token in RECEIVING_WORDS:
        flags |= _RECV
    if token in SOURCE_WORDS:
        flags |= _SOURCE
    return flags


def _gap_flags(token: str) -> int:
    """What a lower-cased word token may do between the words of a multi-word cue."""
    flags = 0
    if (
        token in FILLERS
        or token.isdigit()
        or (len(token) > 4 and token.endswith(ADJECTIVE_ENDINGS) and token not in GAP_STOPPERS)
    ):
        flags |= _FILL
    if token in GAP_STOPPERS:
        flags |= _STOP
    if token in RELATIVE_GAP:
        flags |= _RELGAP
    return flags


def _inside_false_friend(token: str, start: int, end: int) -> bool:
    for ff in FALSE_FRIENDS:
        i = token.find(ff)
        while i != -1:
            if i < end and start < i + len(ff):
                return True
            i = token.find(ff, i + 1)
    return False


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of synthesis.taxonomy_default, compiled once per process."""
    return Lexicon.compile({r["slug"]: r["cues"] for r in DEFAULT_ROLES})


# --- Normalisation with an offset map ----------------------------------------------------


def _normalise(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """NFC text plus maps from NFC positions to original start/end positions.

    The maps are None when the text is already NFC (the common case, no copying)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        # A cluster is a base character with the combining marks after it.
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        nfc = unicodedata.normalize("NFC", text[i:j])
        out.append(nfc)
        starts.extend([i] * len(nfc))
        ends.extend([j] * len(nfc))
        i = j
    return "".join(out), starts, ends


# --- Tagging -------------------------------------------------------------------------------


def _negated(tokens: list[str], infos: list[_TokenInfo]) -> list[bool]:
    """Which tokens stand in a negated clause (tokens as written, in any case).

    A clause runs between clause punctuation and words like "men"/"but". A negator negates
    everything after it in its clause and everything before it back to the clause start
    ("Någon stödjande funktion ... har regionen inte"), but not across a sub-clause start
    ("och", "som", "att": "samordnar och har inget uppdrag att finansiera" keeps
    "samordnar") nor, beyond NEGATION_LOOKBACK words, across the subject of a clause
    without "som" ("opens doors to employers we could not reach"). A sentence opening with
    "Utan"/"Without" ("Utan regionens stöd hade vi inte klarat det") negates nothing
    before its negator: the two negations cancel."""
    n = len(infos)
    negated = [False] * n
    clause_start = sub_start = 0
    no_lookback = n > 0 and tokens[0].lower() in ("utan", "without")
    for i in range(n):
        flags = infos[i].flags
        # Only a _PAIR word ("utan", "rather", ...) can start a two-word forward negator,
        # so the pair is lower-cased and looked up only then.
        forward = bool(flags & _FWD) or bool(
            flags & _PAIR
            and i + 1 < n
            and (tokens[i].lower(), tokens[i + 1].lower()) in FORWARD_NEGATORS
        )
        if flags & _BREAK or forward:
            clause_start = sub_start = i + 1
        elif flags & _SUB:
            sub_start = i
        if forward or (
            (flags & _NEG or (flags & _LACK and _lacks_means(tokens, i)))
            and not (i + 1 < n and infos[i + 1].flags & _CANCEL)
            and not (i + 1 < n and (tokens[i].lower(), tokens[i + 1].lower()) in OTHERS_DENIED)
        ):
            j = i + 1
            while j < n and not infos[j].flags & _BREAK:
                j += 1
            start = max(clause_start, sub_start)
            if forward or no_lookback:
                first = i
            else:
                stop = start
                for k in range(i - 1, start - 1, -1):
                    if infos[k].flags & (_REF | _PERSON) and not (
                        k > start and infos[k - 1].flags & _VERB
                    ):
                        stop = k  # a subject, not inverted after its verb
                        break
                first = max(start, min(stop, i - NEGATION_LOOKBACK))
            for k in range(first, j):
                negated[k] = True
    return negated


def _asking_question(tokens: list[str], infos: list[_TokenInfo], lo: int, hi: int) -> bool:
    """Is the sentence tokens[lo:hi] a question that asks for something with a negator
    near its start ("Kunde inte regionen finansiera ...?", "Why can't the region ...?")?
    Then its negator denies nothing: the role is expected."""
    if hi - lo < 3 or not tokens[hi - 1].startswith("?"):
        return False
    first = tokens[lo].lower()
    if first not in QUESTION_OPENERS:
        return False
    if first.endswith(("n't", "n’t")):
        return True
    return any(infos[k].flags & _NEG for k in range(lo + 1, min(lo + 3, hi)))


def _lacks_means(tokens: list[str], i: int) -> bool:
    """Is the lack word at i followed by the means to act ("saknar mandat att", "lacks the
    resources to")? Then it negates; otherwise it expresses an expectation."""
    for tok in tokens[i + 1 : i + 4]:
        if tok.lower().startswith(CAPACITY_WORDS):
            return True
    return False


def _fixed_expression(tokens: list[str], t: int, lo: int, hi: int) -> bool:
    """Is token t part of a NON_CUES expression ("stödde oss på", "the train")?"""
    entries = _NON_CUE_INDEX.get(tokens[t].lower())
    if not entries:
        return False
    for pattern, pos in entries:
        start = t - pos
        if start < lo or start + len(pattern) > hi:
            continue
        for forms, tok in zip(pattern, tokens[start : start + len(pattern)], strict=True):
            word = tok.lower()
            if word not in forms and not ("#" in forms and word.isdigit()):
                break
        else:
            return True
    return False


def _not_a_cue_here(
    tokens: list[str],
    infos: list[_TokenInfo],
    role: str,
    first: int,
    last: int,
    lo: int,
    hi: int,
    matched: tuple[int, ...],
) -> bool:
    """A cue that belongs to another actor ("kommunernas integrationssamordnare"), names a
    place ("i olika forum") or sits in a fixed expression ("stödde oss på")."""
    if first > lo and infos[first - 1].flags & _POSS:
        return True
    if first == last and role == VENUE_ROLE and first > lo:
        before = tokens[first - 1].lower()
        if before in VENUE_PREPOSITIONS or (
            first - 1 > lo
            and before not in ARTICLES
            and tokens[first - 2].lower() in VENUE_PREPOSITIONS
        ):
            return True
    return any(infos[t].flags & _FIXED and _fixed_expression(tokens, t, lo, hi) for t in matched)


_ALL = frozenset({-1})  # "drop every hit of the sentence"


def _writer_is_other(tokens: list[str], infos: list[_TokenInfo], k: int, hi: int) -> bool:
    """ "Vi på Arbetsförmedlingen", "we at the county board", "our local school"."""
    j = k + 1
    if j < hi and infos[j].flags & _AT:
        j += 1
    elif tokens[k].lower() not in WE_POSSESSIVES:
        return False
    return any(infos[m].flags & _ACTOR for m in range(j, min(j + 3, hi)))


def _de_is_pronoun(tokens: list[str], infos: list[_TokenInfo], k: int, lo: int, hi: int) -> bool:
    """ "de samordnar", "De är", not "de nyanlända"."""
    if k == lo or k + 1 >= hi:
        return k == lo
    return bool(infos[k + 1].flags & _VERB) or tokens[k + 1].lower().endswith("ar")


def _someone_else(
    tokens: list[str],
    infos: list[_TokenInfo],
    lo: int,
    hi: int,
    context: list[int],
    cands: list[tuple[str, int, int, float, tuple[int, ...], int]],
) -> list[tuple[str, int, int, float, tuple[int, ...], int]]:
    """Drop the hits that the sentence gives to someone other than the region:
    - before a mention that excludes the region: "det är vi som står för pengarna, inte
      regionen", "Forskningsrådet har beviljat medel, och regionen är inte inblandad";
    - from a word of receiving with another source on: "Vi har fått pengar från
      Postkodlotteriet", "We got a grant from the Inheritance Fund, so the funding is
      sorted" (up to the next mention of the region)."""
    before = lo  # hits ending before this are dropped
    dropped: list[tuple[int, int]] = []  # spans whose hits are dropped
    for k in context:
        f = infos[k].flags
        if f & _REGION:
            if any(
                infos[j].flags & _NEG
                # "ingen annan region": another region
                and (tokens[j].lower(), tokens[j + 1].lower()) not in OTHERS_DENIED
                for j in range(max(lo, k - 2), k)
            ) or any(infos[j].flags & _EXCL for j in range(k + 1, min(hi, k + 6))):
                before = k
        elif f & _RECV:
            source = next((j for j in context if j > k and infos[j].flags & _SOURCE), None)
            if source is None or source + 1 >= hi:
                continue
            j = source + 1
            while j + 1 < hi and infos[j].flags & _SKIP:  # "from the Swedish ..."
                j += 1
            if infos[j].flags & (_REGION | _YOU | _DE):
                continue  # "fått pengar från regionen": the region gives
            end = next((m for m in context if m > k and infos[m].flags & _REGION), hi)
            dropped.append((k, end))
    return [c for c in cands if c[2] >= before and not any(a <= c[1] < b for a, b in dropped)]


def _run_by_another(tokens: list[str], infos: list[_TokenInfo], j: int, hi: int) -> bool:
    """Do the words from j on name another actor that runs it: "(partnerskapet som)
    länsstyrelsen driver", "(the network that) the agency runs"?"""
    if infos[j].flags & _SKIP and j + 1 < hi:
        j += 1
    return bool(infos[j].flags & _ACTOR) and j + 1 < hi and tokens[j + 1].lower() in RUNNING_VERBS


def _help_to(
    tokens: list[str],
    infos: list[_TokenInfo],
    cands: list[tuple[str, int, int, float, tuple[int, ...], int]],
) -> list[tuple[str, int, int, float, tuple[int, ...], int]]:
    """ "Hjälpte oss att skriva ansökan", "help us get in touch": a word of helping followed
    in its clause by another role's cue is that role's, not support of its own."""
    kept = []
    for c in cands:
        if (
            c[0] == HELPING_ROLE
            and c[1] == c[2]
            and tokens[c[1]].lower().startswith(HELPING_WORDS)
        ):
            t = c[1]
            if any(
                o[0] != HELPING_ROLE
                and t < o[1] <= t + 6
                and not any(infos[k].flags & _BREAK for k in range(t + 1, o[1]))
                for o in cands
            ):
                continue
        kept.append(c)
    return kept


def _is_passive(token: str) -> bool:
    """A Swedish s-passive such as "startas", "drivs", "genomförs" (not "process")."""
    word = token.lower()
    return len(word) > 4 and word.endswith(("as", "vs", "ds", "örs"))


def _who_acts(
    tokens: list[str],
    infos: list[_TokenInfo],
    lo: int,
    hi: int,
    context: list[int],
    first_hit: int,
    last_hit: int,
) -> frozenset[int]:
    """Tokens whose hits are not about the region: the sentence (_ALL) or the clauses
    whose subject is another actor and that do not mention the region."""

    region = you = we = interviewee = target = needs = False
    first_other = hi  # the first word that can make another actor the subject
    first_you = hi  # "they ... when we test": after "ni"/"they", "vi"/"we" is the interviewee
    actors: list[int] = []
    for k in context:
        f = infos[k].flags
        if f & (_REGION | _YOU):
            region = region or bool(f & _REGION)
            if f & _YOU:
                you, first_you = True, min(first_you, k)
        elif f & _DE:
            if _de_is_pronoun(tokens, infos, k, lo, hi):
                you, first_you = True, min(first_you, k)
        elif f & _WE:
            if _writer_is_other(tokens, infos, k, hi):
                actors.append(k)
                first_other = min(first_other, k)
            elif k > first_you:
                interviewee = True
                first_other = min(first_other, k)
            else:
                we = True
        elif f & (_ACTOR | _TARGET):
            if f & _ACTOR:
                actors.append(k)
            # Another actor makes a clause theirs only as its subject (first in it) or as
            # the word before "som": "för nyanlända i länet" does not.
            if (
                k == lo
                or infos[k - 1].flags & (_BREAK | _SUB | _SKIP)
                or (k + 1 < hi and infos[k + 1].flags & _REL)
            ):
                target = True
                first_other = min(first_other, k)
        if f & _NEED:
            needs = True
    if not (region or you or we):
        # No word for the region at all: drop when another actor or "the ..." is the
        # subject, or another actor comes before the first cue; a definite noun as
        # subject ("Trenden i antalet ...", "Nätverket på kontoret") too, unless it is
        # the cue itself ("Framtidsbilden för länet ...") in a sentence without other
        # actors or figures.
        w = lo
        while w < hi and not tokens[w][0].isalnum():
            w += 1
        if w >= hi or needs:
            return frozenset()  # "Kommunerna behöver stöd": they ask for the region's role
        word = tokens[w]
        if _is_passive(tokens[first_hit]):
            return _ALL  # "I dag startas många projekt": someone, not the region, acts
        if (
            infos[w].flags & (_ACTOR | _THE)
            or w in actors
            or (actors and actors[0] < first_hit)
            or (
                word[0].isupper()
                and len(word) >= 5
                and word.lower().endswith(DEFINITE_ENDINGS)
                and (
                    w < first_hit or actors or any(tok[0].isdigit() for tok in tokens[w + 1 : hi])
                )
            )
        ):
            return _ALL
        return frozenset()
    if (not interviewee and not target) or first_other > last_hit:
        return frozenset()  # an actor after the last cue cannot be its subject

    # Clause by clause: 1 = the region acts, 2 = another actor acts, 0 = unknown.
    def actor_of(k: int) -> int:
        f = infos[k].flags
        if f & (_REGION | _YOU):
            return 1
        if f & _DE:
            return 1 if _de_is_pronoun(tokens, infos, k, lo, hi) else 0
        if f & _WE:
            return 2 if k > first_you or _writer_is_other(tokens, infos, k, hi) else 1
        return 2 if f & (_ACTOR | _TARGET) else 0

    drop: set[int] = set()
    subject, pending, mentions_region, needs = 0, True, False, False
    unit: list[int] = []
    for k in range(lo, min(hi, last_hit + 1) + 1):
        f = infos[k].flags if k <= last_hit else _BREAK
        if f & (_BREAK | _SUB):
            if subject == 2 and not mentions_region and not needs:
                drop.update(unit)
            unit, mentions_region = [], False
            if f & _BREAK:
                subject, pending, needs = 0, True, False
            elif f & _REL and k > lo and actor_of(k - 1):
                subject, pending = actor_of(k - 1), False  # "kommunerna som samordnar"
            elif f & _COORD and subject == 1:
                pending = False  # "Regionen och länsstyrelsen arbetar tillsammans"
            elif subject == 1 and k - 1 > lo and tokens[k - 1].lower() in CAUSATIVES:
                pending = False  # "Regionen ser till att kommunerna ...": the region's doing
            else:
                pending = True  # keeps the subject unless the sub-clause names its own
            continue
        unit.append(k)
        who = actor_of(k) if f & _WHO else 0
        if who == 1:
            mentions_region = True
        if f & _NEED:
            needs = True
        if pending:
            if who:
                subject, pending = who, False
            elif not f & (_SKIP | _DE):
                pending = False
    return frozenset(drop)


# What may follow a cue stem at the start of a word for it to be a whole word, not the
# first part of a compound: inflection endings and passive/past forms ("träffades").
_ENDS = ENDINGS | {"as", "ades", "ats", "es", "its", "des", "tes"}

_NO_SCOPE: frozenset[int] = frozenset()
_NO_ROLES: frozenset[str] = frozenset()
# A need or a lack said of what comes before it: "samordning är vad som saknas", "the
# forum that is missing". Its scope reaches back past "som"/"that".
_SAID_OF_BEFORE = frozenset(
    "saknas behövs efterfrågas efterlyses önskas förväntas missing lacking needed".split()
)


def _expectation_scope(
    tokens: list[str], infos: list[_TokenInfo], lo: int, hi: int, context: list[int]
) -> frozenset[int]:
    """The tokens of the sentence tokens[lo:hi] where someone wants, needs, misses or
    expects something: from the start of the clause of a marker ("vi saknar", "borde", "vi
    vill att", "we need") to the end of the sentence, or to "men"/"but" or ";". A clause
    starts after clause punctuation or a sub-clause word ("när", "som"), not after
    "och"/"and": in "Samordningen av SFI och yrkesutbildning bör ligga på regionen" the
    whole sentence is expected, in "Vi backar upp initiativ när de behöver det" nothing
    before "när"."""
    scope: set[int] = set()
    end = lo  # scope already covers tokens before this
    for m in context:
        f = infos[m].flags
        if not f & _WISHING:
            continue
        if f & _WISH:
            pass
        elif f & _LACK:
            if _lacks_means(tokens, m):
                continue  # "saknar mandat att": a negation
        elif not _wish_here(tokens, lo, hi, m):
            continue
        said_of_before = tokens[m].lower() in _SAID_OF_BEFORE
        start = m
        while start > max(lo, end):
            g = infos[start - 1].flags
            if g & _BREAK or (g & _SUB and not g & _COORD and not (said_of_before and g & _REL)):
                break
            start -= 1
        stop = m + 1
        while stop < hi:
            g = infos[stop].flags
            if g & _BREAK and (tokens[stop][0].isalnum() or tokens[stop] == ";"):
                break  # "men", "but", ";": another thought
            stop += 1
        scope.update(range(start, stop))
        end = max(end, stop)
    return frozenset(scope)


def _wish_here(tokens: list[str], lo: int, hi: int, m: int) -> bool:
    """Does the word at m express a wish with the words around it: "skulle kunna", "has
    to", "vore bra om", "vi tycker att regionen ska"?"""
    word = tokens[m].lower()
    if m + 1 < hi and (word, tokens[m + 1].lower()) in WISH_PAIRS:
        return True
    if word in ("om", "if"):
        return any(tok.lower() in CONDITIONALS for tok in tokens[max(lo, m - 3) : m])
    if word in ("ska", "skall"):
        return any(tok.lower() in OPINION_WORDS for tok in tokens[lo:m])
    return False


def _topic_hits(
    infos: list[_TokenInfo], hits: list[tuple[int, int, str, float]], multi: set[int]
) -> list[tuple[int, int, str, float]]:
    """Drop hits that are the topic of a TOPIC_TAKERS cue earlier in the same clause with
    no "och"/"and" in between: "påverka hur statsbidragen fördelas" is advocacy only."""
    takers = [h for h in hits if h[2] in TOPIC_TAKERS]
    if not takers:
        return hits
    kept = []
    for hit in hits:
        first, _last, role, _w = hit
        for t_first, t_last, t_role, _tw in takers:
            victims, single_ok = TOPIC_TAKERS[t_role]
            if (
                role != t_role
                and t_last < first
                and (victims is None or role in victims)
                and (single_ok or t_first in multi)
                and not any(infos[k].flags & (_BREAK | _COORD) for k in range(t_last + 1, first))
            ):
                break
        else:
            kept.append(hit)
    return kept


def _sentence_hits(
    tokens: list[str],
    infos: list[_TokenInfo],
    lo: int,
    hi: int,
    active: list[int],
    context: list[int],
) -> tuple[list[tuple[int, int, str, float]], frozenset[int]]:
    """Hits (first token, last token, role, weight) of the sentence tokens[lo:hi], after
    negation and overlap, and the tokens in the scope of an expectation ("vi saknar",
    "borde", "we need"). active lists its tokens that are (part of) a cue."""
    # Candidates: (role, first token, last token, weight, matched tokens, length of the
    # cue for a phrase, 0 for a single word). Their order does not matter: the result is
    # sorted or keyed by position below.
    cands: list[tuple[str, int, int, float, tuple[int, ...], int]] = []
    last_hit = -1  # the last token of any candidate
    present: frozenset[int] | None = None  # phrase words in this sentence, when needed
    append = cands.append
    for t in active:  # in reading order
        info = infos[t]
        if info.hits:
            only = (t,)
            for role, _sub_s, _sub_e, w in info.hits:
                # Evidence is the whole token, even when the cue is one part of a compound.
                append((role, t, t, w, only, 0))
            if t > last_hit:  # a phrase before may reach further
                last_hit = t
        if not info.anchors:
            continue
        for role, cue_len, after, before, wordset, gaps in info.anchors:
            if present is None:
                present = frozenset().union(*map(_WORDS, infos[lo:hi]))
            if not wordset <= present:  # cheap: most anchors come without their phrase
                continue
            # Most multi-word cues are two words side by side ("tillsammans med", "öppnar
            # dörrar"): checked here without a call; _match_phrase does the rest.
            if gaps[4] == 1 and t + 1 < hi and after[0] in infos[t + 1].words:
                got = (t, t + 1)
            elif gaps[4] == 2 and t > lo and before[0] in infos[t - 1].words:
                got = (t - 1, t)
            else:
                got = _match_phrase(tokens, infos, t, after, before, gaps, lo, hi)
            if got:
                if gaps[3]:  # "nationella … anpassa": each part is evidence
                    k = 0
                    for size in gaps[3]:
                        part = got[k : k + size]
                        k += size
                        append((role, part[0], part[-1], _W_FAR, part, cue_len))
                else:
                    append((role, got[0], got[-1], _W_PHRASE, got, cue_len))
                if got[-1] > last_hit:
                    last_hit = got[-1]
    if not cands:
        return [], _NO_SCOPE

    # Flags of the context words in the sentence, and of those up to the last cue (an
    # actor named after it cannot be its subject).
    context_flags = early_flags = 0
    for k in context:
        f = infos[k].flags
        context_flags |= f
        if k <= last_hit:
            if f & _OTHER and not (
                k == lo
                or infos[k - 1].flags & _BEFORE_SUBJECT
                or (k + 1 < hi and infos[k + 1].flags & _REL)
                or early_flags & _WE  # "vi på Arbetsförmedlingen", "our local school"
            ):
                f &= ~_OTHER  # not where a subject stands: "insatser för nyanlända"
            early_flags |= f
    asks = bool(context_flags & _NEG) and _asking_question(tokens, infos, lo, hi)
    if context_flags & _NEGATING and not asks:
        negated = _negated(tokens[lo:hi], infos[lo:hi])
        cands = [
            c
            for c in cands
            if not negated[c[1] - lo] or any(infos[k].flags & _PROOF for k in c[4])
        ]
    if context_flags & (_POSS | _FIXED | _VENUE):
        cands = [
            c for c in cands if not _not_a_cue_here(tokens, infos, c[0], c[1], c[2], lo, hi, c[4])
        ]
    if (context_flags & _REGION and context_flags & (_NEG | _EXCL)) or (
        context_flags & _RECV and context_flags & _SOURCE
    ):
        cands = _someone_else(tokens, infos, lo, hi, context, cands)
    if context_flags & _ACTOR:  # "partnerskapet som länsstyrelsen driver"
        cands = [
            c
            for c in cands
            if not (
                c[2] + 3 < hi
                and infos[c[2] + 1].flags & _REL
                and _run_by_another(tokens, infos, c[2] + 2, hi)
            )
        ]
    if not cands:
        return [], _NO_SCOPE
    scope = _NO_SCOPE
    if asks:
        scope = frozenset(range(lo, hi))
    elif context_flags & _WISHING:
        scope = _expectation_scope(tokens, infos, lo, hi, context)
    # Who acts needs a closer look only when another actor is named, the region is not,
    # or "vi"/"we" may be the interviewee ("they ... when we test"); the common
    # "Regionen ..." / "Vi ..." sentence skips it.
    if (
        not context_flags & (_REGION | _YOU | _WE)
        or early_flags & (_ACTOR | _TARGET | _PERSON)
        or (early_flags & (_YOU | _DE) and early_flags & _WE)
    ):
        drop = _who_acts(tokens, infos, lo, hi, context, min(c[1] for c in cands), last_hit)
        if drop:
            # What someone expects of the region is about the region, whoever is named
            # in it: "Det vi saknar är ett forum där myndigheter ... synkar sina insatser".
            if drop is _ALL:
                cands = [c for c in cands if c[1] in scope]
            else:
                cands = [c for c in cands if c[1] not in drop or c[1] in scope]
            if not cands:
                return [], _NO_SCOPE
    if len(cands) == 1:
        role, first, last, w, _toks, _cue_len = cands[0]
        return [(first, last, role, w)], scope

    for c in cands:
        if c[0] == HELPING_ROLE:
            cands = _help_to(tokens, infos, cands)
            break
    # A hit is dropped when a longer hit covers its tokens: a whole-token match beats a
    # compound part of the same token ("projektpartner" vs "projekt"), a phrase beats
    # single words inside it ("söka finansiering" vs "finansiering").
    exact_tokens = {c[1] for c in cands if c[3] == _W_EXACT}
    phrases = [c for c in cands if c[5]]
    out: dict[tuple[int, int, str], float] = {}
    if len(cands) == 2 and len(phrases) == 1:
        # The common pair: a phrase and a word ("samordnar ... tillsammans med"); the word
        # counts unless it is one of the phrase's.
        phrase, word = (cands[0], cands[1]) if cands[0][5] else (cands[1], cands[0])
        out[(phrase[1], phrase[2], phrase[0])] = phrase[3]
        if word[1] not in phrase[4]:
            out[(word[1], word[2], word[0])] = word[3]
    elif phrases:
        phrase_tokens = [frozenset(c[4]) for c in phrases]
        in_phrase = frozenset().union(*phrase_tokens)
        # Two phrases on the same words: the longer cue is the more specific one
        # ("driva utvecklingsprojekt" beats "driva utvecklingen").
        longest: dict[frozenset[int], int] = {}
        for c, key in zip(phrases, phrase_tokens, strict=True):
            longest[key] = max(longest.get(key, 0), c[5])
        for role, first, last, w, _toks, cue_len in cands:
            if not cue_len and not (
                first in in_phrase or (w == _W_PART and first in exact_tokens)
            ):
                key = (first, last, role)
                if w > out.get(key, 0.0):
                    out[key] = w
        for c, mine in zip(phrases, phrase_tokens, strict=True):
            if c[5] < longest[mine] or (
                len(phrases) > 1 and any(mine < other for other in phrase_tokens)
            ):
                continue  # "goda exempel" inside "lyfta goda exempel"
            key = (c[1], c[2], c[0])
            if c[3] > out.get(key, 0.0):
                out[key] = c[3]
    else:
        for role, first, last, w, _toks, _cue_len in cands:
            if w == _W_PART and first in exact_tokens:
                continue
            key = (first, last, role)
            if w > out.get(key, 0.0):
                out[key] = w
    if len(out) == 1:
        return [(first, last, role, w) for (first, last, role), w in out.items()], scope
    if len({role for _f, _la, role in out}) == len(out):  # one piece of evidence per role
        hits = [(first, last, role, w) for (first, last, role), w in out.items()]
        if any(h[2] in TOPIC_TAKERS for h in hits):
            hits.sort()
            hits = _topic_hits(infos, hits, {c[1] for c in phrases})
        return hits, scope
    # Overlapping evidence of one role is one piece of evidence: "lyfta [goda] exempel" and
    # "goda exempel" become "lyfta goda exempel".
    merged: list[tuple[int, int, str, float]] = []
    takers = False
    for role, first, last, w in sorted((r, f, la, w) for (f, la, r), w in out.items()):
        if merged and merged[-1][0] == role and first <= merged[-1][2]:
            prev = merged[-1]
            merged[-1] = (role, prev[1], max(prev[2], last), max(prev[3], w))
        else:
            merged.append((role, first, last, w))
            takers = takers or role in TOPIC_TAKERS
    hits = [(first, last, role, w) for role, first, last, w in merged]
    if takers:
        hits = _topic_hits(infos, hits, {c[1] for c in phrases})
    return hits, scope


def _match_phrase(
    tokens: list[str],
    infos: list[_TokenInfo],
    t: int,
    after: tuple[int, ...],
    before: tuple[int, ...],
    gaps: tuple[tuple[int, ...], tuple[int, ...], bool, tuple[int, ...], int],
    lo: int,
    hi: int,
) -> tuple[int, ...] | None:
    """Match a phrase whose anchor word is token t: the words after it forwards and the
    words before it (nearest first) backwards, never across clause punctuation. What may
    stand in between depends on the kind of gap (see _gap_ok, inlined here for speed: the
    common gap is _LOOSE). Returns the matched tokens in order."""
    kinds_after, kinds_before, reverse = gaps[0], gaps[1], gaps[2]
    matched = [t]
    pos = t
    for wid, kind in zip(after, kinds_after, strict=True):
        end = hi if kind == _FAR else min(pos + MAX_GAP + 2, hi)
        for j in range(pos + 1, end):
            info = infos[j]
            if wid in info.words:
                break
            f = info.flags
            if kind == _LOOSE:
                if f & _LOOSE_BAD and not (reverse and f & _RELGAP and not f & _BREAK):
                    return None
            elif not _gap_ok(tokens[j], f, kind, reverse):
                return None
        else:
            return None  # not within reach (or the sentence ended)
        matched.append(j)
        pos = j
    if before:
        pos = t
        for wid, kind in zip(before, kinds_before, strict=True):
            end = lo - 1 if kind == _FAR else max(pos - MAX_GAP - 2, lo - 1)
            for j in range(pos - 1, end, -1):
                info = infos[j]
                if wid in info.words:
                    break
                f = info.flags
                if kind == _LOOSE:
                    if f & _LOOSE_BAD and not (reverse and f & _RELGAP and not f & _BREAK):
                        return None
                elif not _gap_ok(tokens[j], f, kind, reverse):
                    return None
            else:
                return None
            matched.append(j)
            pos = j
        matched.sort()
    return tuple(matched)


_LOOSE_BAD = _BREAK | _STOP


def _gap_ok(token: str, flags: int, kind: int, reverse: bool) -> bool:
    """May this token stand between two words of a multi-word cue?"""
    if kind == _FAR:  # the same sentence, the same thought: not past "men", "but", ";"
        return not (flags & _BREAK and (token[0].isalnum() or token == ";"))
    if flags & _BREAK:
        return False
    if kind == _TIGHT:  # after "som", "as", "till", "the": "som en stor arbetsgivare"
        return bool(flags & _FILL) or token[0].isupper()  # "leda EU-projekt"
    # "nätverket som regionen driver"; not "som kan samla", "which they fund"
    return not flags & _STOP or (reverse and bool(flags & _RELGAP))


def tag_sentences(text: str, lexicon: Lexicon) -> list[SentenceTags]:
    """Every sentence of text that got at least one role, with evidence and scores."""
    norm, starts, ends = _normalise(text)

    # The hot path, for the whole text at once: one regex pass, one dict lookup per token
    # (the memo knows tokens as written, so there is no lower-casing here).
    parts = _split_tokens(norm)
    tokens = parts[1::2]
    memo_get, analyse = lexicon._memo.get, lexicon._analyse
    infos = list(map(memo_get, tokens))
    if not all(infos):  # a token not seen before
        infos = [info or analyse(tok) for info, tok in zip(infos, tokens, strict=True)]
    # Positions of the tokens the tagger looks at, found in C (compress/map), not in a loop.
    active = list(compress(count(), map(_RELEVANT, infos)))
    if not active:
        return []

    sentence_ends = list(compress(count(), map(is_, infos, repeat(_END_INFO))))
    n_tokens = len(tokens)
    sentence_ends.append(n_tokens)
    context = list(compress(count(), map(_IN_CONTEXT, infos)))

    # Character offsets are needed only in sentences with hits, so they are not summed up
    # for the whole text: a cursor (parts[cursor_part] starts at character cursor_pos)
    # only moves forwards, since sentences and their hits come in reading order. Token k
    # is parts[2k + 1]; the part before it is the gap.
    join = "".join
    cursor_part = cursor_pos = 0
    result: list[SentenceTags] = []
    i, n_active = 0, len(active)
    while i < n_active:
        # The sentence of active[i]: tokens lo..hi, hi being its end token (if any).
        k = bisect_left(sentence_ends, active[i])
        lo = sentence_ends[k - 1] + 1 if k else 0
        hi = sentence_ends[k]
        j = bisect_right(active, hi, i + 1)  # active[i:j] are in this sentence
        end = min(hi + 1, n_tokens)
        hits, scope = _sentence_hits(
            tokens,
            infos,
            lo,
            end,
            active[i:j],
            context[bisect_left(context, lo) : bisect_left(context, end)],
        )
        i = j
        if not hits:
            continue
        hits.sort()  # reading order
        # The sentence runs from its first non-blank character to its end mark, or to the
        # last non-blank character before the line break / end of text.
        p = 2 * lo + 1
        cursor_pos += len(join(parts[cursor_part:p]))
        cursor_part = p
        s_start = cursor_pos - len(parts[p - 1].lstrip())
        remaining: dict[str, float] = {}
        evidence = []
        expected: set[str] = set()
        for first, last, role, w in hits:
            # Independent pieces of evidence: score = 1 - product of (1 - weight).
            remaining[role] = remaining.get(role, 1.0) * (1.0 - w)
            p = 2 * first + 1
            cursor_pos += len(join(parts[cursor_part:p]))
            cursor_part = p
            start, end = cursor_pos, cursor_pos + len(join(parts[p : 2 * last + 2]))
            if starts is not None and ends is not None:  # back to the NFD input's offsets
                start, end = starts[start], ends[end - 1]
            if scope and (first in scope or last in scope):
                evidence.append(Evidence(role, start, end, text[start:end], True))
                expected.add(role)
            else:
                evidence.append(Evidence(role, start, end, text[start:end]))
        if len(remaining) == 1:  # most tagged sentences have one role: nothing to sort
            ((role, r),) = remaining.items()
            scores = {role: round(1.0 - r, 4)}
            roles: tuple[str, ...] = (role,)
        else:
            scores = {role: round(1.0 - r, 4) for role, r in remaining.items()}
            # sorted() is stable (also with reverse=True) and scores is in reading order:
            # ties keep the earlier role.
            roles = tuple(sorted(scores, key=scores.__getitem__, reverse=True))
        if hi < n_tokens and tokens[hi] != "\n":
            s_end = cursor_pos + len(join(parts[cursor_part : 2 * hi + 2]))
        else:
            last_tok = min(hi, n_tokens) - 1
            s_end = (
                cursor_pos
                + len(join(parts[cursor_part : 2 * last_tok + 2]))
                + len(parts[2 * last_tok + 2].rstrip())
            )
        if starts is not None and ends is not None:
            s_start, s_end = starts[s_start], ends[s_end - 1]
        result.append(
            SentenceTags(
                s_start,
                s_end,
                roles,
                tuple(evidence),
                scores,
                frozenset(expected) if expected else _NO_ROLES,
            )
        )
    return result


def tag_text(text: str, lexicon: Lexicon) -> tuple[list[str], list[Evidence]]:
    """Distinct roles in order of first appearance, and all evidence sorted by start."""
    evidence = sorted(
        (ev for st in tag_sentences(text, lexicon) for ev in st.evidence),
        key=lambda ev: (ev.start, ev.end, ev.role),
    )
    roles = list(dict.fromkeys(ev.role for ev in evidence))
    return roles, evidence
