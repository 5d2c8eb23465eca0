"""Quotes and evidence for people to read: the quote wall and the heat map's drill-down.

The quote wall honours each interview's consent: 'no_quote' never shows, 'anonymous'
shows the actor type only, 'named' shows the organisation and the region too.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from interviews.models import Interview, Quote
from submissions.models import Submission

from .frames import SynthesisData, counted_tags, submitted
from .models import Tag
from .selectors import Segment


@dataclass
class WallQuote:
    text: str
    actor_type: str
    organisation: str  # empty unless the interviewee agreed to be named
    region: str  # likewise
    roles: list[str]


def wall_query(data: SynthesisData, *, role: str = "", region: str = ""):
    """The quotes of the submitted homework, filtered, in the wall's order, consent applied
    (interviews that must not be quoted never appear): a query, read a page at a time."""
    quotes = (
        Quote.objects.filter(interview__submission__in=submitted(data.assignment))
        .exclude(interview__consent=Interview.Consent.NO_QUOTE)
        .order_by("interview__submission__region__position", "interview_id", "position", "pk")
    )
    if data.filters.actor_types:
        quotes = quotes.filter(interview__actor_type__in=data.filters.actor_types)
    if region:
        quotes = quotes.filter(interview__submission__region__slug=region)
    if role:
        carrying = _quote_tags(data).filter(role__slug=role).values("quote_id")
        quotes = quotes.filter(pk__in=carrying)
    return quotes.values_list(
        "pk",
        "text",
        "interview__actor_type",
        "interview__consent",
        "interview__organisation",
        "interview__submission__region__name",
    )


def _quote_tags(data: SynthesisData):
    """The counted tags on quotes (frames.counted_tags: the filters apply)."""
    return counted_tags(submitted(data.assignment), data.filters).filter(quote__isnull=False)


def wall_quotes(data: SynthesisData, rows) -> list[WallQuote]:
    """Rows of wall_query() as the wall shows them, each with the roles its counted tags
    give it (one query for all of them)."""
    rows = list(rows)
    roles_of: dict[int, set[str]] = {}
    tags = _quote_tags(data).filter(quote_id__in=[row[0] for row in rows])
    for quote_id, role_slug in tags.values_list("quote_id", "role__slug").distinct():
        roles_of.setdefault(quote_id, set()).add(role_slug)
    actor_labels = dict(Interview.ActorType.choices)
    result = []
    for pk, text, actor_type, consent, organisation, region_name in rows:
        named = consent == Interview.Consent.NAMED
        result.append(
            WallQuote(
                text=text,
                actor_type=str(actor_labels.get(actor_type, actor_type)),
                organisation=organisation if named else "",
                region=region_name if named else "",
                roles=[data.role_names.get(r, r) for r in sorted(roles_of.get(pk, ()))],
            )
        )
    return result


def by_actor_type(data: SynthesisData, per_type: int) -> list[tuple[str, list[WallQuote], int]]:
    """For the report: per actor type (in the taxonomy's order of actor types), its first
    `per_type` quotes on the wall, those carrying roles first, and how many more it has —
    a few queries per actor type, however many regions handed in."""
    quotes = wall_query(data)
    carrying = _quote_tags(data).values("quote_id")
    totals = dict(
        quotes.order_by()
        .values_list("interview__actor_type")
        .annotate(n=Count("pk"))
        .values_list("interview__actor_type", "n")
    )
    result = []
    for actor_type, _label in Interview.ActorType.choices:
        total = totals.get(actor_type, 0)
        if not total:
            continue
        of_type = quotes.filter(interview__actor_type=actor_type)
        chosen = list(of_type.filter(pk__in=carrying)[:per_type])
        if len(chosen) < per_type:
            chosen += list(of_type.exclude(pk__in=carrying)[: per_type - len(chosen)])
        shown = wall_quotes(data, chosen)
        result.append((shown[0].actor_type, shown, total - len(shown)))
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
