"""Reads that shape tags for the review pages and the agreement figures."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from interviews.models import Interview
from submissions.models import Submission

from . import learning
from .charts import swedish_key
from .models import LearnedModel, Proposal, Role, Tag


@dataclass
class Segment:
    """A piece of a text; `roles` are the roles whose evidence covers it."""

    text: str
    roles: list[str] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)
    in_tag: bool = False
    expected: bool = False  # a tag marked here is an expectation ("Det vi saknar är …")


def highlight(text: str, tags: list[Tag]) -> list[Segment]:
    """Cut a text at every tag and evidence boundary, so a template can mark the words.

    Rejected tags are not highlighted. The pieces join back to exactly `text`.
    """
    live = [t for t in tags if t.start is not None and t.review != Tag.Review.REJECTED]
    cuts = {0, len(text)}
    for tag in live:
        cuts.update((tag.start, tag.end))
        for start, end, _words in tag.evidence:
            cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    segments = []
    for start, end in zip(points, points[1:], strict=False):
        if start == end:
            continue
        covering = [t for t in live if t.start <= start and end <= t.end]
        evidence = [
            t
            for t in live
            if any(s <= start and end <= e for s, e, _w in t.evidence)
            or (t.source == Tag.Source.FACILITATOR and t.start <= start and end <= t.end)
        ]
        segments.append(
            Segment(
                text=text[start:end],
                roles=sorted({t.role.name for t in evidence}, key=swedish_key),
                tag_ids=[t.pk for t in evidence],
                in_tag=bool(covering),
                expected=any(t.expectation for t in evidence),
            )
        )
    return segments


@dataclass
class ReviewText:
    field: str
    label: str
    text: str
    interview: Interview | None
    quote_id: int | None
    segments: list[Segment]
    tags: list[Tag]


def review_texts(submission: Submission) -> list[ReviewText]:
    """Every text of a submission with its tags, for the review page (3 queries)."""
    tags = defaultdict(list)
    for tag in Tag.objects.filter(submission=submission).select_related("role", "reviewed_by"):
        tags[(tag.field, tag.interview_id, tag.quote_id)].append(tag)
    texts = [
        ReviewText(
            Tag.Field.STATEMENT,
            str(Tag.Field.STATEMENT.label),
            submission.statement,
            None,
            None,
            highlight(submission.statement, tags[(Tag.Field.STATEMENT, None, None)]),
            tags[(Tag.Field.STATEMENT, None, None)],
        )
    ]
    for interview in submission.interviews.prefetch_related("quotes"):
        key = (Tag.Field.ANSWERS, interview.pk, None)
        texts.append(
            ReviewText(
                Tag.Field.ANSWERS,
                f"{interview.organisation} · {interview.get_actor_type_display()}",
                interview.answers,
                interview,
                None,
                highlight(interview.answers, tags[key]),
                tags[key],
            )
        )
        for quote in interview.quotes.all():
            key = (Tag.Field.QUOTE, interview.pk, quote.pk)
            texts.append(
                ReviewText(
                    Tag.Field.QUOTE,
                    str(Tag.Field.QUOTE.label),
                    quote.text,
                    interview,
                    quote.pk,
                    highlight(quote.text, tags[key]),
                    tags[key],
                )
            )
    return texts


@dataclass
class RoleAgreement:
    role: Role
    confirmed: int  # automatic tags a facilitator confirmed (true positives)
    rejected: int  # automatic tags a facilitator rejected (false positives)
    added: int  # tags added by hand, or proposals confirmed, where the tagger found nothing
    kappa: float | None

    @property
    def precision(self) -> float | None:
        total = self.confirmed + self.rejected
        return self.confirmed / total if total else None

    @property
    def recall(self) -> float | None:
        total = self.confirmed + self.added
        return self.confirmed / total if total else None


def cohen_kappa(both: int, auto_only: int, human_only: int, neither: int) -> float | None:
    total = both + auto_only + human_only + neither
    if not total:
        return None
    observed = (both + neither) / total
    auto_yes = (both + auto_only) / total
    human_yes = (both + human_only) / total
    expected = auto_yes * human_yes + (1 - auto_yes) * (1 - human_yes)
    if expected == 1:
        return 1.0 if observed == 1 else None
    return (observed - expected) / (1 - expected)


def agreement() -> list[RoleAgreement]:
    """The tagger against facilitators' decisions, per role.

    Units are the texts a facilitator has reviewed (any decision or added tag). For
    each unit and role the tagger says yes when it tagged the role there, the
    facilitator says yes when a tag of the role there is confirmed or was added (by hand
    or from a proposal of the model).
    """
    decided = Tag.objects.exclude(review=Tag.Review.UNREVIEWED)
    reviewed_units = set(decided.values_list("submission_id", "field", "interview_id", "quote_id"))
    per_role = {
        row["role"]: row
        for row in Tag.objects.values("role").annotate(
            confirmed=Count("pk", filter=Q(source="auto", review="confirmed")),
            rejected=Count("pk", filter=Q(source="auto", review="rejected")),
            added=Count(
                "pk",
                filter=Q(source="facilitator") | Q(source="model", review="confirmed"),
            ),
        )
    }
    auto_units = defaultdict(set)
    human_units = defaultdict(set)
    rows = Tag.objects.values_list(
        "role_id", "submission_id", "field", "interview_id", "quote_id", "source", "review"
    )
    for role_id, sub, fld, interview, quote, source, review in rows:
        unit = (sub, fld, interview, quote)
        if unit not in reviewed_units:
            continue
        if source == Tag.Source.AUTO:
            auto_units[role_id].add(unit)
        if review == Tag.Review.CONFIRMED or source == Tag.Source.FACILITATOR:
            human_units[role_id].add(unit)
    result = []
    for role in Role.objects.all():
        counts = per_role.get(role.pk, {"confirmed": 0, "rejected": 0, "added": 0})
        auto, human = auto_units[role.pk], human_units[role.pk]
        both = len(auto & human)
        kappa = cohen_kappa(
            both, len(auto - human), len(human - auto), len(reviewed_units) - len(auto | human)
        )
        result.append(
            RoleAgreement(role, counts["confirmed"], counts["rejected"], counts["added"], kappa)
        )
    return result


def sentence_segments(tag: Tag) -> list[Segment]:
    """The tagged sentence alone, its evidence marked (offsets made relative)."""
    offset = tag.start or 0
    shifted = Tag(
        role=tag.role,
        start=0,
        end=len(tag.match),
        evidence=[[s - offset, e - offset, w] for s, e, w in tag.evidence],
        source=tag.source,
        review=Tag.Review.UNREVIEWED,
        expectation=tag.expectation,
    )
    return highlight(tag.match, [shifted])


def queued_proposals(*, role: str = "", region: str = ""):
    """The model's proposals waiting for a decision, the most confident first."""
    proposals = Proposal.objects.filter(role__is_active=True).select_related(
        "role", "submission__region", "interview"
    )
    if role:
        proposals = proposals.filter(role__slug=role)
    if region:
        proposals = proposals.filter(submission__region__slug=region)
    return proposals.order_by("-confidence", "pk")


def proposal_segments(proposal: Proposal) -> list[Segment]:
    """The proposed sentence, the words that weighed most marked."""
    spans = learning.term_spans(proposal.match, proposal.weights)
    marked = Tag(
        role=proposal.role,
        start=0,
        end=len(proposal.match),
        evidence=[[s, e, words] for s, e, words in spans],
        source=Tag.Source.MODEL,
        review=Tag.Review.UNREVIEWED,
    )
    return highlight(proposal.match, [marked])


@dataclass
class SystemAgreement:
    key: str  # "rules", "model", "both"
    precision: float | None
    recall: float | None
    f1: float | None
    tp: int
    fp: int
    fn: int


@dataclass
class RoleModelAgreement:
    role: Role
    decisions: int
    rules: float | None
    model: float | None
    both: float | None


@dataclass
class ModelAgreement:
    """The learned model on the agreement page: read from the newest LearnedModel's report,
    which the training task wrote (nothing is computed here)."""

    model: LearnedModel | None
    decisions: int  # decisions made until now
    needed: int  # decisions still missing before the model proposes
    systems: list[SystemAgreement]
    roles: list[RoleModelAgreement]
    proposals: int

    @property
    def ready(self) -> bool:
        return bool(self.model and self.model.report.get("ready"))


def model_agreement() -> ModelAgreement:
    """Rules alone, the model alone and both against held-out decisions (4 queries)."""
    model = LearnedModel.objects.defer("data").first()
    decisions = learning.decision_count()
    needed = max(0, learning.min_decisions() - decisions)
    report = model.report if model is not None else {}
    systems = [
        SystemAgreement(
            key,
            *(report[key][k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")),
        )
        for key in learning.SYSTEMS
        if report.get("ready") and key in report
    ]
    names = {role.slug: role for role in Role.objects.all()}
    roles = [
        RoleModelAgreement(
            names[row["slug"]], row["decisions"], row["rules"], row["model"], row["both"]
        )
        for row in report.get("roles", [])
        if row["slug"] in names and report.get("ready")
    ]
    proposals = Proposal.objects.filter(role__is_active=True).count()
    return ModelAgreement(model, decisions, needed, systems, roles, proposals)
