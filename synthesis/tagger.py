"""Role tagger: finds the roles of the taxonomy in Swedish and English text, with evidence.

Plain Python (no Django), so the management command, the re-tagging job and the tests can
all use it. How it works, in reading order:

1. The text is NFC-normalised (å/ä/ö typed as NFD become one character); an offset map
   translates every position back to the string the caller passed in.
2. It is split into sentences, each sentence into word tokens and clause punctuation.
3. Every distinct lower-cased token is analysed once and memoised per lexicon: which
   single-word cues it matches (Snowball stem, an inflection ending, or a cue stem inside a
   compound such as "samordningsansvar"), and which words of multi-word cues it can fill.
4. Multi-word cues ("öppna dörrar") match their words in order with up to two tokens in
   between ("öppnar nya dörrar"); two-word cues of long words also match in reverse order
   ("nätverket som regionen driver").
5. Hits inside a negated clause ("ska inte finansiera", "not a funder") are dropped, and a
   hit inside a longer hit of another role is dropped ("projektpartner" is a partner, not a
   project developer; "söka finansiering" is project development, not funding).

Cues are written by facilitators as base forms or phrases ("samordna", "öppna dörrar",
"sounding board"); no regular expressions, no wildcards. Stems of fewer than five letters
(and a few risky words such as "medel") only match whole words, never inside compounds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import snowballstemmer

__all__ = [
    "Evidence",
    "Lexicon",
    "SentenceTags",
    "default_lexicon",
    "tag_sentences",
    "tag_text",
]


@dataclass(frozen=True, slots=True)
class Evidence:
    role: str  # role slug
    start: int  # character offsets into the ORIGINAL input string
    end: int
    match: str  # original_text[start:end]


@dataclass(frozen=True, slots=True)
class SentenceTags:
    start: int  # sentence span in the original text
    end: int
    roles: tuple[str, ...]  # sorted by descending score
    evidence: tuple[Evidence, ...]
    scores: dict[str, float]  # role -> score in (0, 1]


# --- Language knowledge (Swedish first, English second) -------------------------------

# Stems shorter than this only match whole words: "stöd" must not fire inside "stödben".
MIN_COMPOUND_STEM = 5
# A cue found inside a token, but not at its start, needs a real modifier in front of it;
# this keeps "vision" out of "revision".
MIN_MODIFIER = 3
# Up to this many tokens may stand between the words of a multi-word cue.
MAX_GAP = 2

# Cues that are ordinary words but mean something else inside compounds
# ("medelålder", "läkemedel", "arenaspel", "faktura"): whole words only.
WHOLE_WORD_ONLY = frozenset({"medel", "arena", "fakta"})

# Word parts that look like a cue but are not ("lärare" stems to "lär" like "lära").
# A hit overlapping one of these inside a token is ignored.
FALSE_FRIENDS = (
    "lärar",
    "medelål",
    "medelst",
    "medelvärd",
    "livsmedel",
    "läkemedel",
    "hjälpmedel",
    "projektor",
    "television",
    "provision",
    "testament",
    "skillnad",  # English "skill"
    "assistent",  # English "assist"
)

# Inflection endings Snowball leaves on some words ("nätverket", "stödet", "synkar").
ENDINGS = frozenset(
    "a e r n t s ar er or en et na ns ts de te ad at it ade ande ende arna erna orna "
    "ens ets es ing ings".split()
)

# Strong verbs and irregular forms the stemmer cannot relate to their base form.
IRREGULAR = {
    # Swedish
    "gick": "gå",
    "gått": "gå",
    "går": "gå",
    "drev": "driva",
    "drivit": "driva",
    "driven": "driva",
    "ledde": "leda",
    "lett": "leda",
    "tog": "ta",
    "tagit": "ta",
    "tar": "ta",
    "gav": "ge",
    "gett": "ge",
    "givit": "ge",
    "ger": "ge",
    "höll": "hålla",
    "hållit": "hålla",
    "håller": "hålla",
    "stödde": "stödja",
    "spred": "sprida",
    "spridit": "sprida",
    "spridd": "sprida",
    "bidrog": "bidra",
    "bidragit": "bidra",
    "förde": "föra",
    "fört": "föra",
    "för": "föra",
    "lyfte": "lyfta",
    "drog": "dra",
    "dragit": "dra",
    "visade": "visa",
    "medlen": "medel",
    "medlet": "medel",
    "lär": "lära",
    # English
    "led": "lead",
    "ran": "run",
    "brought": "bring",
    "built": "build",
    "took": "take",
    "gave": "give",
    "held": "hold",
    "drove": "drive",
    "driven": "drive",
    "taught": "teach",
    "learnt": "learn",
    "went": "go",
    "goes": "go",
    "gone": "go",
    "opened": "open",
    "shared": "share",
}

# Negators negate the rest of their clause and the few words just before them (Swedish
# puts "inte" after the verb: "Regionen finansierar inte projekt").
NEGATORS = frozenset(
    "inte ej icke aldrig inget ingen inga varken knappast saknar saknas "
    "not no never neither nor cannot lacks lack".split()
)
# How far back a negator reaches. Three words cover "finansierar inte" and "Funding is
# not", but not "opens doors to employers we could not reach".
NEGATION_LOOKBACK = 3
# These end the clause before them and negate the one they start: "samordnar utan att
# finansiera", "coordinate rather than fund", "istället för att finansiera".
FORWARD_NEGATORS = frozenset({"without", ("utan", "att"), ("rather", "than"),
                              ("snarare", "än"), ("istället", "för"), ("instead", "of")})
# ... unless followed by one of these: "inte bara ... utan också", "not only", "inte minst".
NEGATION_CANCELLERS = frozenset("bara enbart endast minst only just least merely solely".split())
# Words that end a clause: "ingen roll men projektpartner", "not a funder but a partner".
CLAUSE_BREAKERS = frozenset(
    "men utan medan däremot fast but however whereas while although though yet instead".split()
)
# Words that start a sub-clause: a negation after them does not reach back before them
# ("samordnar och har inget uppdrag att finansiera", "aktörer som annars inte träffas").
SUB_CLAUSE_STARTERS = frozenset(
    "och samt eller som att där när då eftersom and or which who that where when because".split()
)

_SV = snowballstemmer.stemmer("swedish")
_EN = snowballstemmer.stemmer("english")

# A word is letters/digits with inner apostrophes ("doesn't"); the other alternatives are
# the punctuation that ends a clause. Hyphens and slashes split words ("door-opener",
# "roll/uppdrag") without ending the clause.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[,;:()\[\]–—]|\s-\s")
_CLAUSE_PUNCTUATION = (*",;:()[]–—", " - ")
# Sentence ends: . ! ? … (plus closing quotes) before whitespace and a non-lowercase
# character, or at the end; abbreviations such as "t.ex. från" do not end a sentence.
_SENTENCE_END = re.compile(
    r"[.!?…]+[”\"'»)]*(?=\s+[^\sa-zåäöéüæø]|\s*$)|\n",
)


def _stems(word: str) -> tuple[str, str]:
    """Swedish and English Snowball stems of a lower-cased word (after irregular forms)."""
    lemma = IRREGULAR.get(word, word)
    return _SV.stemWord(lemma), _EN.stemWord(lemma)


# --- The compiled lexicon ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    role: str
    cue: str
    words: tuple[int, ...]  # phrase-word ids, in cue order
    wordset: frozenset[int]  # quick "can it match here at all?" check
    reversible: bool  # two long words: "dörrar öppnas" matches "öppna dörrar"


@dataclass(frozen=True, slots=True)
class _TokenInfo:
    """What one distinct token can do; memoised per lexicon."""

    hits: tuple[tuple[str, int, int, float], ...]  # (role, sub_start, sub_end, weight)
    words: frozenset[int]  # phrase-word ids this token fills
    flags: int  # _NEG, _BREAK, _SUB, _CANCEL, _FWD, _PAIR bits
    relevant: bool  # has hits or phrase words


_NEG, _BREAK, _SUB, _CANCEL, _FWD, _PAIR = 1, 2, 4, 8, 16, 32
_PLAIN = _TokenInfo((), frozenset(), 0, False)
_BREAK_INFO = _TokenInfo((), frozenset(), _BREAK, False)

_W_EXACT, _W_PART, _W_PHRASE = 0.8, 0.6, 0.9


class Lexicon:
    """Cues compiled into lookup tables. Build once per taxonomy version, then reuse.

    Immutable from the outside. The only state that changes is the per-token memo, which
    is a plain dict: under the GIL two threads can at worst analyse the same token twice.
    """

    __slots__ = (
        "cues",
        "_exact_sv",
        "_exact_en",
        "_parts",
        "_part_lengths",
        "_word_sv",
        "_word_en",
        "_word_prefix",
        "_phrases_starting",
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
        parts: dict[str, set[str]] = {}
        word_ids: dict[tuple[str, str, bool], int] = {}
        phrases: list[_Phrase] = []
        kept: dict[str, tuple[str, ...]] = {}
        for role, role_cues in cues.items():
            kept[role] = tuple(role_cues)
            for cue in kept[role]:
                words = [
                    w for w in _TOKEN.findall(unicodedata.normalize("NFC", cue).lower()) if w[0].isalnum()
                ]
                if len(words) == 1:
                    sv, en = _stems(words[0])
                    exact_sv.setdefault(sv, set()).add(role)
                    exact_en.setdefault(en, set()).add(role)
                    if len(sv) >= MIN_COMPOUND_STEM and words[0] not in WHOLE_WORD_ONLY:
                        parts.setdefault(sv, set()).add(role)
                elif len(words) > 1:
                    ids = []
                    for w in words:
                        sv, en = _stems(w)
                        key = (sv, en, len(sv) >= MIN_COMPOUND_STEM and w not in WHOLE_WORD_ONLY)
                        ids.append(word_ids.setdefault(key, len(word_ids)))
                    reversible = len(words) == 2 and min(map(len, words)) >= 4
                    phrases.append(_Phrase(role, cue, tuple(ids), frozenset(ids), reversible))
        self.cues = MappingProxyType(kept)
        self._exact_sv = {k: tuple(sorted(v)) for k, v in exact_sv.items()}
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
        # Phrase-word id -> the phrases that can start with it, with their word order
        # (reversible two-word phrases are listed under both words).
        starting: dict[int, list[tuple[_Phrase, tuple[int, ...]]]] = {}
        for ph in phrases:
            starting.setdefault(ph.words[0], []).append((ph, ph.words))
            if ph.reversible:
                starting.setdefault(ph.words[-1], []).append((ph, ph.words[::-1]))
        self._phrases_starting = {k: tuple(v) for k, v in starting.items()}
        # Punctuation that ends a clause is pre-seeded, so the hot loop is one dict lookup.
        self._memo: dict[str, _TokenInfo] = {p: _BREAK_INFO for p in _CLAUSE_PUNCTUATION}
        return self

    # One distinct token -> _TokenInfo. Runs once per token; the memo makes it free after.
    def _analyse(self, token: str) -> _TokenInfo:
        info = self._memo.get(token)
        if info is not None:
            return info
        if not token[0].isalnum():  # clause punctuation such as " -\n"
            return _BREAK_INFO
        if len(self._memo) > 200_000:  # bound memory on unbounded vocabularies
            self._memo.clear()
            self._memo.update({p: _BREAK_INFO for p in _CLAUSE_PUNCTUATION})
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
        sv, en = _stems(token)
        n = len(token)
        found: dict[tuple[str, int, int], float] = {}
        # Whole word: either stem equals a cue stem, or the token is a cue stem plus an
        # inflection ending the stemmer did not remove.
        roles = set(self._exact_sv.get(sv, ())) | set(self._exact_en.get(en, ()))
        for k in range(max(1, n - 4), n):
            if token[k:] in ENDINGS:
                roles.update(self._exact_sv.get(token[:k], ()))
        for role in roles:
            found[(role, 0, n)] = _W_EXACT
        # Inside a compound: any long cue stem as prefix, infix or head of the token.
        for i in range(n - MIN_COMPOUND_STEM + 1):
            if 0 < i < MIN_MODIFIER:
                continue
            for length in self._part_lengths:
                if i + length > n or (i == 0 and length == n):
                    continue
                for role in self._parts.get(token[i : i + length], ()):
                    found.setdefault((role, i, i + length), _W_PART)
        hits = tuple(
            (role, s, e, w)
            for (role, s, e), w in found.items()
            if not _inside_false_friend(token, s, e)
        )
        # Phrase words: stem match, or (long words) the token starts with the word's stem.
        wids: set[int] = set(self._word_sv.get(sv, ())) | set(self._word_en.get(en, ()))
        for k in range(MIN_COMPOUND_STEM, n + 1):
            wids.update(self._word_prefix.get(token[:k], ()))
        relevant = bool(hits or wids)
        info = _TokenInfo(hits, frozenset(wids), flags, relevant) if relevant or flags else _PLAIN
        self._memo[token] = info
        return info


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
    from synthesis.taxonomy_default import DEFAULT_ROLES

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


def _sentence_spans(norm: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(norm):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(norm)))
    trimmed = []
    for s, e in spans:
        seg = norm[s:e]
        left = len(seg) - len(seg.lstrip())
        right = len(seg.rstrip())
        if right > left:
            trimmed.append((s + left, s + right))
    return trimmed


def _negated(tokens: list[str], infos: list[_TokenInfo]) -> list[bool]:
    """Which tokens stand in a negated clause.

    A clause runs between clause punctuation and words like "men"/"but". A negator negates
    everything after it in its clause, and up to NEGATION_LOOKBACK words before it, but
    not across a sub-clause start ("och", "som", "att"): "samordnar och har inget uppdrag
    att finansiera" keeps "samordnar"."""
    n = len(infos)
    negated = [False] * n
    clause_start = sub_start = 0
    for i in range(n):
        flags = infos[i].flags
        forward = bool(flags & _FWD) or (
            i + 1 < n and (tokens[i], tokens[i + 1]) in FORWARD_NEGATORS
        )
        if flags & _BREAK or forward:
            clause_start = sub_start = i + 1
        elif flags & _SUB:
            sub_start = i
        if forward or (flags & _NEG and not (i + 1 < n and infos[i + 1].flags & _CANCEL)):
            j = i + 1
            while j < n and not infos[j].flags & _BREAK:
                j += 1
            first = i if forward else max(clause_start, sub_start, i - NEGATION_LOOKBACK)
            for k in range(first, j):
                negated[k] = True
    return negated



def _tag_one(low: str, s: int, e: int, lexicon: Lexicon) -> list[tuple[int, int, str, float]]:
    """Hits (norm_start, norm_end, role, weight) of one sentence, after negation and overlap.

    This is the hot loop: one regex pass and one dict lookup per token; offsets are only
    worked out for sentences that have a cue."""
    memo_get = lexicon._memo.get
    analyse = lexicon._analyse
    tokens: list[str] = _TOKEN.findall(low, s, e)
    infos = [memo_get(tok) or analyse(tok) for tok in tokens]
    # Tokens that are (part of) a cue; negators and conjunctions only matter later.
    active = [t for t, info in enumerate(infos) if info.relevant]
    if not active:
        return []
    present: set[int] = set()  # phrase words seen in this sentence
    for t in active:
        present.update(infos[t].words)

    # Candidate hits: (role, first token, last token, weight, matched tokens)
    cands: list[tuple[str, int, int, float, tuple[int, ...]]] = []
    for t in active:
        for role, _sub_s, _sub_e, w in infos[t].hits:
            # Evidence is the whole token, even when the cue is one part of a compound.
            cands.append((role, t, t, w, (t,)))
    if present:
        n = len(infos)
        starting = lexicon._phrases_starting
        for t in active:
            for wid in infos[t].words:
                for ph, words in starting.get(wid, ()):
                    if ph.wordset <= present:
                        got = _match_phrase(infos, t, words, n)
                        if got:
                            cands.append((ph.role, got[0], got[-1], _W_PHRASE, got))
    if not cands:
        return []

    if any(info.flags & (_NEG | _FWD | _PAIR) for info in infos):
        negated = _negated(tokens, infos)
        cands = [c for c in cands if not negated[c[1]]]

    # A hit is dropped when a longer hit covers its tokens: a whole-token match beats a
    # compound part of the same token ("projektpartner" vs "projekt"), a phrase beats
    # single words inside it ("söka finansiering" vs "finansiering").
    exact_tokens = {c[1] for c in cands if c[3] == _W_EXACT}
    in_phrase = {t for c in cands if len(c[4]) > 1 for t in c[4]}
    starts = _token_starts(low, s, tokens, max((c[2] for c in cands), default=-1))
    out: dict[tuple[str, int, int], float] = {}
    for role, first, last, w, toks in cands:
        if len(toks) == 1 and (first in in_phrase or (w == _W_PART and first in exact_tokens)):
            continue
        key = (role, starts[first], starts[last] + len(tokens[last]))
        if w > out.get(key, 0.0):
            out[key] = w
    return [(start, end, role, w) for (role, start, end), w in out.items()]


def _token_starts(low: str, pos: int, tokens: list[str], upto: int) -> list[int]:
    """Start offsets of tokens[0..upto], found again in order.

    findall() is much faster than finditer(), and this is exact: the text between two
    tokens holds no letter, digit or clause punctuation, so a token's first occurrence
    after the previous token is the token itself."""
    starts = []
    find = low.find
    for tok in tokens[: upto + 1]:
        pos = find(tok, pos)
        starts.append(pos)
        pos += len(tok)
    return starts


def _match_phrase(
    infos: list[_TokenInfo], t: int, words: tuple[int, ...], n: int
) -> tuple[int, ...] | None:
    """Match the remaining words of a phrase after token t, each within MAX_GAP tokens."""
    matched = [t]
    pos = t
    for wid in words[1:]:
        for j in range(pos + 1, min(n, pos + 2 + MAX_GAP)):
            if infos[j].flags & _BREAK and not infos[j].words:
                return None  # a phrase does not cross clause punctuation
            if wid in infos[j].words:
                matched.append(j)
                pos = j
                break
        else:
            return None
    return tuple(sorted(matched))


def tag_sentences(text: str, lexicon: Lexicon) -> list[SentenceTags]:
    """Every sentence of text that got at least one role, with evidence and scores."""
    norm, starts, ends = _normalise(text)
    low = norm.lower()
    if len(low) != len(norm):  # a few characters change length when lower-cased ("İ")
        low = "".join(ch.lower()[0] for ch in norm)
    result: list[SentenceTags] = []
    for s, e in _sentence_spans(norm):
        hits = _tag_one(low, s, e, lexicon)
        if not hits:
            continue
        hits.sort()  # (start, end, role, weight): reading order
        remaining: dict[str, float] = {}
        evidence = []
        for hs, he, role, w in hits:
            # Independent pieces of evidence: score = 1 - product of (1 - weight).
            remaining[role] = remaining.get(role, 1.0) * (1.0 - w)
            os_, oe = (hs, he) if starts is None else (starts[hs], ends[he - 1])
            evidence.append(Evidence(role, os_, oe, text[os_:oe]))
        scores = {role: round(1.0 - r, 4) for role, r in remaining.items()}
        # sorted() is stable and scores is in reading order: ties keep the earlier role.
        roles = tuple(sorted(scores, key=lambda r: -scores[r]))
        ss, se = (s, e) if starts is None else (starts[s], ends[e - 1])
        result.append(SentenceTags(ss, se, roles, tuple(evidence), scores))
    return result


def tag_text(text: str, lexicon: Lexicon) -> tuple[list[str], list[Evidence]]:
    """Distinct roles in order of first appearance, and all evidence sorted by start."""
    evidence = sorted(
        (ev for st in tag_sentences(text, lexicon) for ev in st.evidence),
        key=lambda ev: (ev.start, ev.end, ev.role),
    )
    roles = list(dict.fromkeys(ev.role for ev in evidence))
    return roles, evidence
