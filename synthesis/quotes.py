"""Quotes and evidence for people to read: the quote wall and the heat map's drill-down.

The quote wall honours each interview's consent: 'no_quote' never shows, 'anonymous'
shows the actor type only, 'named' shows the organisation and the region too.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from interviews.models import Interview, Quote
from submissions.models import Submission

from .frames import SynthesisData
from .models import Tag
from .selectors import Segment


@dataclass
class WallQuote:
    text: str
    actor_type: str
    organisation: str  # empty unless the interviewee agreed to be named
    region: str  # likewise
    roles: list[str]


def wall(data: SynthesisData, *, role: str = "", region: str = "") -> list[WallQuote]:
    """The quotes of the submitted homework, filtered, with consent applied (1 query)."""
    quotes = (
        Quote.objects.filter(interview__submission_id__in=list(data.regions.submission))
        .exclude(interview__consent=Interview.Consent.NO_QUOTE)
        .order_by("interview__submission__region__position", "interview_id", "position")
    )
    if data.filters.actor_types:
        quotes = quotes.filter(interview__actor_type__in=data.filters.actor_types)
    if region:
        quotes = quotes.filter(interview__submission__region__slug=region)
    roles_of = {}
    for quote_id, role_slug in zip(data.tags.quote, data.tags.role, strict=True):
        if quote_id == quote_id and quote_id is not None:  # skip NaN
            roles_of.setdefault(int(quote_id), []).append(role_slug)
    actor_labels = dict(Interview.ActorType.choices)
    rows = quotes.values_list(
        "pk",
        "text",
        "interview__actor_type",
        "interview__consent",
        "interview__organisation",
        "interview__submission__region__name",
    )
    result = []
    for pk, text, actor_type, consent, organisation, region_name in rows:
        roles = sorted(set(roles_of.get(pk, [])))
        if role and role not in roles:
            continue
        named = consent == Interview.Consent.NAMED
        result.append(
            WallQuote(
                text=text,
                actor_type=str(actor_labels.get(actor_type, actor_type)),
                organisation=organisation if named else "",
                region=region_name if named else "",
                roles=[data.role_names.get(r, r) for r in roles],
            )
        )
    return result


@dataclass
class Evidence:
    source: str  # "statement" or the interview's organisation and actor type
    consent: str
    segments: list[Segment]


def cell_evidence(data: SynthesisData, region: str, role: str) -> list[Evidence]:
    """The tagged sentences behind one region × role cell, evidence highlighted, and the
    region's own pick of the role (2 queries)."""
    submitted = {
        "submission__assignment": data.assignment,
        "submission__state": Submission.State.SUBMITTED,
        "submission__region__slug": region,
        "role__slug": role,
    }
    tags = (
        Tag.objects.filter(**submitted)
        .exclude(review=Tag.Review.REJECTED)
        .select_related("interview")
        .order_by("field", "interview_id", "quote_id", "start")
    )
    if data.filters.confirmed_only:
        tags = tags.filter(Q(review=Tag.Review.CONFIRMED) | ~Q(source=Tag.Source.AUTO))
    if data.filters.actor_types:
        tags = tags.filter(
            Q(field=Tag.Field.STATEMENT) | Q(interview__actor_type__in=data.filters.actor_types)
        )
    heard, own = [], []
    for tag in tags:
        spans = [(s - tag.start, e - tag.start) for s, e, _w in tag.evidence]
        segments = _segments(tag.match, spans, data.role_names.get(role, role))
        if tag.field == Tag.Field.STATEMENT:
            own.append(Evidence(str(Tag.Field.STATEMENT.label), "", segments))
            continue
        interview = tag.interview
        source = f"{interview.organisation} · {interview.get_actor_type_display()}"
        if tag.field == Tag.Field.QUOTE:
            source += f" · {Tag.Field.QUOTE.label}"
        heard.append(Evidence(source, interview.get_consent_display(), segments))
    # The region's own pick has no span; it comes before its statement's sentences.
    if Submission.self_roles.through.objects.filter(**submitted).exists():
        own.insert(0, Evidence(_("The region's own pick"), "", []))
    return heard + own


def _segments(text: str, spans: list[tuple[int, int]], role_name: str) -> list[Segment]:
    """The sentence cut at its evidence, the matched words marked with the role."""
    pieces = []
    cuts = sorted({0, len(text), *[c for s, e in spans for c in (s, e) if 0 <= c <= len(text)]})
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start >= end:
            continue
        hit = any(s <= start and end <= e for s, e in spans)
        pieces.append(Segment(text[start:end], [role_name] if hit else [], [], True))
    return pieces
