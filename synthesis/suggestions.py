"""What the facilitators' decisions say about the cue words, for the taxonomy page (Roller):

- each cue's precision: of the automatic tags whose evidence that cue matched, how many
  facilitators confirmed and how many they rejected. A cue rejected more often than not
  (precision < LOW_PRECISION over at least MIN_DECISIONS decisions) is flagged: narrow it
  to a phrase, or drop it;
- new cues: words and two-word phrases that recur in the tags facilitators made by hand
  (or confirmed from the model's proposals) of one role, seldom in other decided
  sentences, and that no cue of the lexicon matches yet.

Tag.evidence keeps the matched words, not the cue. They are matched back to their cues
by the tagger itself, with a lexicon in which every cue is a "role" of its own.
Computed from the database on a page view in three queries, whatever the number of cues.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import tagger
from .models import Role, Tag

LOW_PRECISION = 0.5
MIN_DECISIONS = 5  # a cue's precision is judged over at least this many decisions
MIN_TAGS = 2  # a new cue recurs in at least this many tags made by hand
MIN_SHARE = 0.5  # ... and at least half the decided sentences it is in are of its role
NEW_PER_ROLE = 5

# Words that say nothing about a role, however often they stand in its tags.
STOP_WORDS = frozenset(
    """
    alla allt andra annan annat att av bara behöver bli blir blivit bra både de dem den
    denna dess detta det dig din dina ditt du där efter eftersom ej eller en ett fler
    flera från får fått för först ganska genom ger gör göra gjort hade han har hela hon
    honom hos hur här i idag inom inte ja jag kan kommer kunde man med mellan men mer
    mig mot mycket många måste ni nu när och också om oss på redan sedan sig sin sina
    sitt ska skall skulle som så till under upp ut utan vad var vara varit vi vid vilka
    vilken vill vår våra vårt än är även ännu också dessa detta därför någon något några
    sådana samt sätt tid just väl lite andra bland ibland gärna helt tycker tror finns
    region regionen regionens regioner län länet länets kommun kommunen kommunerna
    a about also an and are as at be been but by can could do does for from had has have
    how if in into is it its more most much not of on or our should so than that the
    their them there these they this to was we were what when which who will with would
    you your region regions county
    """.split()
)
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass
class CueStat:
    role: Role
    cue: str
    confirmed: int = 0
    rejected: int = 0

    @property
    def decisions(self) -> int:
        return self.confirmed + self.rejected

    @property
    def precision(self) -> float | None:
        return self.confirmed / self.decisions if self.decisions else None

    @property
    def percent(self) -> int | None:
        return None if self.precision is None else round(100 * self.precision)

    @property
    def flagged(self) -> bool:
        return self.decisions >= MIN_DECISIONS and self.precision < LOW_PRECISION


@dataclass
class NewCue:
    role: Role
    cue: str
    tags: int  # tags of the role (by hand, or confirmed proposals) it is in
    example: str  # one of those tags' words


@dataclass
class Suggestions:
    cues: dict[int, list[CueStat]]  # role pk -> every cue of the role, in the role's order
    flagged: list[CueStat]
    new: list[NewCue]


_cue_lexicons: dict[tuple, tuple[tagger.Lexicon, dict[str, tuple[str, str]]]] = {}


def cue_lexicon(roles: list[Role]) -> tuple[tagger.Lexicon, dict[str, tuple[str, str]]]:
    """A lexicon with one "role" per cue, and its keys' (role slug, cue); one per taxonomy."""
    key = tuple((role.slug, tuple(role.cues)) for role in roles)
    found = _cue_lexicons.get(key)
    if found is None:
        keys = {
            f"{role.slug}\x1f{n}": (role.slug, cue)
            for role in roles
            for n, cue in enumerate(role.cues)
        }
        lexicon = tagger.Lexicon.compile({k: [cue] for k, (_slug, cue) in keys.items()})
        found = (lexicon, keys)
        _cue_lexicons.clear()
        _cue_lexicons[key] = found
    return found


def cues_matched(words: str, slug: str, lexicon: tagger.Lexicon, keys: dict) -> set[str]:
    """The cues of the role `slug` that matched these evidence words."""
    return {
        keys[key][1]
        for key in tagger.tag_text(words, lexicon)[0]
        if key in keys and keys[key][0] == slug
    }


def _terms(text: str) -> set[str]:
    """The words (four letters or more) and two-word phrases of a text that may be cues."""
    words = [w.lower() for w in _WORDS.findall(text)]
    terms = {w for w in words if len(w) >= 4 and w not in STOP_WORDS}
    terms.update(
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if a not in STOP_WORDS and b not in STOP_WORDS and len(a) >= 3 and len(b) >= 3
    )
    return terms


def suggestions() -> Suggestions:
    roles = list(Role.objects.active())
    by_slug = {role.slug: role for role in roles}
    lexicon, keys = cue_lexicon(roles)
    stats = {
        role.pk: {cue: CueStat(role, cue) for cue in dict.fromkeys(role.cues)} for role in roles
    }
    decided = (
        Tag.objects.filter(role__is_active=True)
        .exclude(review=Tag.Review.UNREVIEWED)
        .values_list("role__slug", "source", "review", "evidence", "match")
    )
    by_hand: dict[str, list[str]] = defaultdict(list)
    sentences: set[str] = set()
    for slug, source, review, evidence, match in decided:
        role = by_slug[slug]
        sentences.add(match)
        if source == Tag.Source.AUTO:
            matched = set()
            for _start, _end, words in evidence:
                matched |= cues_matched(words, slug, lexicon, keys)
            for cue in matched:
                stat = stats[role.pk].get(cue)
                if stat is not None:
                    if review == Tag.Review.CONFIRMED:
                        stat.confirmed += 1
                    else:
                        stat.rejected += 1
        elif review == Tag.Review.CONFIRMED:
            by_hand[slug].append(match)
    cues = {pk: list(role_stats.values()) for pk, role_stats in stats.items()}
    flagged = [stat for role_stats in cues.values() for stat in role_stats if stat.flagged]
    flagged.sort(key=lambda s: (s.precision, -s.decisions))
    return Suggestions(cues, flagged, _new_cues(by_hand, sentences, by_slug))


def _new_cues(
    by_hand: dict[str, list[str]], sentences: set[str], by_slug: dict[str, Role]
) -> list[NewCue]:
    from .services import current_taxonomy

    everywhere = Counter(term for text in sentences for term in _terms(text))
    full = current_taxonomy().lexicon
    found = []
    for slug, texts in by_hand.items():
        counts = Counter(term for text in texts for term in _terms(text))
        candidates = {
            term: n
            for term, n in counts.items()
            if n >= MIN_TAGS and n / max(everywhere[term], n) >= MIN_SHARE
        }
        # A phrase whose word is a candidate as often says nothing more.
        candidates = {
            term: n
            for term, n in candidates.items()
            if " " not in term or all(candidates.get(w, 0) < n for w in term.split())
        }
        chosen = []
        for term, n in sorted(candidates.items(), key=lambda item: (-item[1], item[0])):
            if tagger.tag_text(term, full)[0]:
                continue  # the lexicon has it already
            example = next(text for text in texts if term in _terms(text))
            chosen.append(NewCue(by_slug[slug], term, n, example))
            if len(chosen) == NEW_PER_ROLE:
                break
        found.extend(chosen)
    return sorted(found, key=lambda c: (-c.tags, c.role.position, c.cue))


def cue_changed(role: Role, *, add: str = "", drop: str = "") -> bool:
    """Add or drop one cue of a role (unsaved); False when there is nothing to change."""
    cues = list(role.cues)
    if add:
        if add in cues:
            return False
        cues.append(add)
    if drop:
        if drop not in cues:
            return False
        cues.remove(drop)
    role.cues = cues
    return True
