"""The synthesis as tidy pandas frames: who claims which role, who is seen in it.

`load()` reads one assignment's submitted homework with a constant number of
queries, however many regions and interviews there are; everything after that is
plain pandas on the frames, so the dashboards, the deck and the report agree.

Words used here:
- claimed: the region's own statement carries the role, or the region picked it itself
  (`Submission.self_roles`, the one place its own picks are stored);
- seen: an interview's answers or quotes attribute the role to the region.
"""

from dataclasses import dataclass, field

import pandas as pd
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import IntegerField, Max, Q
from django.db.models.functions import Cast
from django.utils.translation import get_language

from interviews.models import Interview
from submissions.models import Assignment, Submission

from .models import Role, Tag

ACTOR_TYPES = [value for value, _label in Interview.ActorType.choices]


@dataclass(frozen=True)
class Filters:
    """What the facilitator chose to look at; applies across every chart."""

    confirmed_only: bool = False
    actor_types: tuple[str, ...] = ()

    @classmethod
    def from_request(cls, request) -> "Filters":
        actor_types = tuple(a for a in request.GET.getlist("actor") if a in ACTOR_TYPES)
        return cls(request.GET.get("source") == "confirmed", actor_types)

    def querystring(self) -> str:
        parts = [f"actor={a}" for a in self.actor_types]
        if self.confirmed_only:
            parts.append("source=confirmed")
        return "&".join(parts)


@dataclass
class SynthesisData:
    """One assignment's handed-in homework, counted: what every page of the synthesis is
    drawn from. Its size grows with the regions and the interviews, never with the
    tags: those are counted in the database (see load())."""

    assignment: Assignment
    filters: Filters
    regions: pd.DataFrame  # one row per region that handed in
    interviews: pd.DataFrame  # one row per interview of those regions
    claimed: pd.DataFrame  # region × role pairs the regions claim (statement or own pick)
    seen: pd.DataFrame  # region × role: interviews that see it, and as an expectation
    seen_by_actor: pd.DataFrame  # actor type × role: the same, per type of actor
    roles: pd.DataFrame  # the active taxonomy, in its order
    role_names: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.regions.empty


def _role_frame() -> pd.DataFrame:
    english = (get_language() or "sv").startswith("en")
    rows = list(Role.objects.active().values("pk", "slug", "name_sv", "name_en", "position"))
    frame = pd.DataFrame(rows, columns=["pk", "slug", "name_sv", "name_en", "position"])
    frame["name"] = frame["name_en"] if english else frame["name_sv"]
    return frame


def submitted(assignment: Assignment):
    return Submission.objects.filter(assignment=assignment, state=Submission.State.SUBMITTED)


def counted_tags(submissions, filters: Filters):
    """The tags that count for the synthesis: of active roles, not rejected, and as the
    filters say (confirmed only; interviews of the chosen actor types, the statements
    always)."""
    counted = Tag.objects.filter(submission__in=submissions, role__is_active=True).exclude(
        review=Tag.Review.REJECTED
    )
    if filters.confirmed_only:
        counted = counted.filter(Q(review=Tag.Review.CONFIRMED) | ~Q(source=Tag.Source.AUTO))
    if filters.actor_types:
        counted = counted.filter(
            Q(field=Tag.Field.STATEMENT) | Q(interview__actor_type__in=filters.actor_types)
        )
    return counted.order_by()  # without Tag's default ordering, which joins five tables


def _seen_counts(submissions, filters: Filters) -> tuple[list, list]:
    """How many interviews see each role, per submission and per actor type, and how many
    of those express it as an expectation: counted in the database, one query.

    An interview sees a role when its answers or one of its quotes carry it (however many
    sentences do), and expects it when any of those tags is an expectation. The interview ×
    role pairs are formed first (`pairs`, with the submission the tags carry), then counted
    both ways; what comes back is a row per submission × role and per actor type × role,
    not a row per tag."""
    pairs = (
        counted_tags(submissions, filters)
        .filter(field__in=[Tag.Field.ANSWERS, Tag.Field.QUOTE], interview__isnull=False)
        .values("submission_id", "interview_id", "role_id")
        .annotate(expected=Max(Cast("expectation", IntegerField())))
    )
    try:
        inner, params = pairs.query.sql_with_params()
    except EmptyResultSet:  # no submission handed in
        return [], []
    interview = connection.ops.quote_name(Interview._meta.db_table)
    sql = f"""
        WITH pairs AS ({inner})
        SELECT submission_id, NULL, role_id, COUNT(*), SUM(expected)
        FROM pairs GROUP BY submission_id, role_id
        UNION ALL
        SELECT NULL, i.actor_type, pairs.role_id, COUNT(*), SUM(pairs.expected)
        FROM pairs JOIN {interview} i ON i.id = pairs.interview_id
        GROUP BY i.actor_type, pairs.role_id
    """
    per_submission, per_actor = [], []
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A national network's pairs are a few hundred thousand: grouped in memory,
            # not spilled to disk in batches (the default is 4 MB). This query only.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        for submission, actor_type, role, seen, expected in cursor.fetchall():
            if submission is not None:
                per_submission.append((submission, role, seen, expected or 0))
            else:
                per_actor.append((actor_type, role, seen, expected or 0))
    return per_submission, per_actor


def load(assignment: Assignment, filters: Filters | None = None) -> SynthesisData:
    """Six queries, each answering a row per region, interview or role — never a row per
    tag: regions, interviews, the roles claimed, the regions' own picks, the interviews
    seeing each role (counted in the database), the roles."""
    filters = filters or Filters()
    submissions = submitted(assignment)
    regions = pd.DataFrame(
        list(
            submissions.values_list(
                "pk", "submitted_at", "region__slug", "region__name", "region__position"
            )
        ),
        columns=["submission", "submitted_at", "region", "region_name", "position"],
    )
    regions = regions.sort_values("position").reset_index(drop=True)
    region_of = {
        int(pk): slug for pk, slug in zip(regions.submission, regions.region, strict=True)
    }
    # The submissions as a subquery, not a list of thousands of ids to send and parse; a
    # row of a submission handed in since the first query is left out (region_of).
    ids = submissions.values("pk")

    interview_qs = Interview.objects.filter(submission_id__in=ids).order_by()
    if filters.actor_types:
        interview_qs = interview_qs.filter(actor_type__in=filters.actor_types)
    interviews = pd.DataFrame(
        list(
            interview_qs.values_list(
                "pk", "submission_id", "actor_type", "organisation", "consent"
            )
        ),
        columns=["interview", "submission", "actor_type", "organisation", "consent"],
    )
    interviews.insert(2, "region", interviews.submission.map(region_of))
    interviews = interviews[interviews.region.notna()].reset_index(drop=True)

    roles = _role_frame()
    slug_of = dict(zip(roles.pk, roles.slug, strict=True))
    # Claimed: a tag on the statement, or the region's own pick (the same pair: picked and
    # written counts once). Own picks are never rejected and count as confirmed.
    written = (
        counted_tags(ids, filters)
        .filter(field=Tag.Field.STATEMENT)
        .values_list("submission_id", "role_id")
        .distinct()
    )
    picks = Submission.self_roles.through.objects.filter(
        submission_id__in=ids, role__is_active=True
    ).values_list("submission_id", "role_id")
    pairs = sorted({*written, *picks})
    claimed = pd.DataFrame(
        [(region_of[s], slug_of[r]) for s, r in pairs if r in slug_of and s in region_of],
        columns=["region", "role"],
    )
    per_submission, per_actor = _seen_counts(ids, filters)
    seen = pd.DataFrame(
        [
            (region_of[s], slug_of[r], n, e)
            for s, r, n, e in per_submission
            if r in slug_of and s in region_of
        ],
        columns=["region", "role", "seen", "expected"],
    )
    seen_by_actor = pd.DataFrame(
        [(a, slug_of[r], n, e) for a, r, n, e in per_actor if r in slug_of],
        columns=["actor_type", "role", "seen", "expected"],
    )
    return SynthesisData(
        assignment,
        filters,
        regions,
        interviews,
        claimed,
        seen,
        seen_by_actor,
        roles,
        dict(zip(roles.slug, roles.name, strict=True)),
    )


def claims(data: SynthesisData) -> pd.DataFrame:
    """Region × role pairs the regions claim for themselves (statement or own pick)."""
    return data.claimed


def role_comparison(data: SynthesisData) -> pd.DataFrame:
    """Per role: share of regions that claim it against share of interviews that see it,
    sorted by the gap (roles others see more than the regions claim come first)."""
    n_regions = max(len(data.regions), 1)
    n_interviews = max(len(data.interviews), 1)
    claimed = claims(data).groupby("role").size()
    seen = data.seen.groupby("role").seen.sum()
    frame = data.roles[["slug", "name", "position"]].rename(columns={"slug": "role"}).copy()
    frame["regions_claiming"] = frame.role.map(claimed).fillna(0).astype(int)
    frame["interviews_seeing"] = frame.role.map(seen).fillna(0).astype(int)
    frame["claim_share"] = frame.regions_claiming / n_regions
    frame["seen_share"] = frame.interviews_seeing / n_interviews
    frame["gap"] = frame.seen_share - frame.claim_share
    return frame.sort_values(["gap", "position"], ascending=[False, True]).reset_index(drop=True)


CELLS = ("claimed_and_seen", "claimed_not_seen", "seen_not_claimed", "neither")


def region_matrix(data: SynthesisData) -> pd.DataFrame:
    """Region × role: claimed (bool), interviews seeing it (count and share), and the cell."""
    index = pd.MultiIndex.from_product(
        [data.regions.region, data.roles.slug], names=["region", "role"]
    )
    frame = pd.DataFrame(index=index).reset_index()
    claimed = claims(data).assign(claimed=True)
    frame = frame.merge(claimed, on=["region", "role"], how="left")
    frame["claimed"] = frame.claimed.eq(True)
    seen = data.seen[["region", "role", "seen"]]
    frame = frame.merge(seen, on=["region", "role"], how="left")
    frame["seen"] = frame.seen.fillna(0).astype(int)
    per_region = data.interviews.groupby("region").size()
    frame["interviews"] = frame.region.map(per_region).fillna(0).astype(int)
    frame["seen_share"] = (frame.seen / frame.interviews.where(frame.interviews > 0, 1)).astype(
        float
    )
    is_seen = frame.seen > 0
    frame["cell"] = "neither"
    frame.loc[frame.claimed & is_seen, "cell"] = "claimed_and_seen"
    frame.loc[frame.claimed & ~is_seen, "cell"] = "claimed_not_seen"
    frame.loc[~frame.claimed & is_seen, "cell"] = "seen_not_claimed"
    return frame


def agreement_scores(data: SynthesisData, matrix: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per region: Jaccard agreement of the roles claimed and the roles seen (0–1), from
    region_matrix(data) (pass it when you have it already)."""
    matrix = region_matrix(data) if matrix is None else matrix
    flags = pd.DataFrame(
        {
            "region": matrix.region,
            "both": matrix.cell == "claimed_and_seen",
            "union": matrix.cell != "neither",
            "claimed": matrix.claimed,
            "seen": matrix.seen > 0,
        }
    )
    grouped = flags.groupby("region").sum()
    grouped["score"] = (grouped.both / grouped.union.where(grouped.union > 0, 1)).astype(float)
    result = data.regions[["region", "region_name", "position"]].merge(
        grouped.reset_index(), on="region", how="left"
    )
    return result.fillna({"both": 0, "union": 0, "claimed": 0, "seen": 0, "score": 0.0})


def actor_expectations(data: SynthesisData) -> pd.DataFrame:
    """Actor type × role: the share of that actor type's interviews that see the role, and
    how many of those interviews express it as an expectation (a wish, a need, a lack)."""
    per_type = data.interviews.groupby("actor_type").size()
    present = [a for a in ACTOR_TYPES if a in per_type.index]
    index = pd.MultiIndex.from_product([present, data.roles.slug], names=["actor_type", "role"])
    frame = (
        pd.DataFrame(index=index)
        .reset_index()
        .merge(data.seen_by_actor, on=["actor_type", "role"], how="left")
    )
    frame["seen"] = frame.seen.fillna(0).astype(int)
    frame["expected"] = frame.expected.fillna(0).astype(int)
    frame["interviews"] = frame.actor_type.map(per_type).astype(int)
    frame["share"] = frame.seen / frame.interviews
    frame["expected_share"] = frame.expected / frame.interviews
    return frame


def word_cloud(data: SynthesisData, *, own: bool) -> list[dict]:
    """The role words sized by how often they are used about the regions — by the
    regions themselves (own) or by the interviewed actors — as in the seed deck's
    "Regionernas syn på rollen". Sizes are classes 1–6; the biggest words sit in the
    middle of the list so the cloud reads from the centre out."""
    comparison = role_comparison(data)
    column = "regions_claiming" if own else "interviews_seeing"
    used = comparison[comparison[column] > 0].sort_values(
        [column, "name"], ascending=[False, True]
    )
    if used.empty:
        return []
    top = used[column].max()
    words = [
        {"name": name, "count": int(count), "size": 1 + round(5 * count / top) if top else 1}
        for name, count in zip(used.name, used[column], strict=True)
    ]
    # Deal the words out to both sides, largest first, so the largest end up central.
    left, right = words[1::2], words[2::2]
    return left[::-1] + words[:1] + right


def round_change(now: SynthesisData, before: SynthesisData) -> pd.DataFrame:
    """Per role of today's taxonomy: the share of regions claiming it and of interviews
    seeing it in an earlier round and in this one, and the change (this - earlier),
    the roles that changed most first."""
    columns = ["regions_claiming", "interviews_seeing", "claim_share", "seen_share"]
    earlier = role_comparison(before).set_index("role")[columns]
    frame = role_comparison(now)[["role", "name", "position", *columns]]
    frame = frame.merge(
        earlier, left_on="role", right_index=True, how="left", suffixes=("", "_before")
    )
    frame["claim_change"] = frame.claim_share - frame.claim_share_before
    frame["seen_change"] = frame.seen_share - frame.seen_share_before
    frame["largest"] = frame[["claim_change", "seen_change"]].abs().max(axis=1)
    return frame.sort_values(["largest", "position"], ascending=[False, True]).reset_index(
        drop=True
    )


def region_changes(now: SynthesisData, before: SynthesisData) -> list[dict]:
    """Each region that handed in both rounds: the roles it claims and is seen in now but
    not then (and the reverse), and its agreement score then and now."""
    both = now.regions[now.regions.region.isin(before.regions.region)]
    if both.empty:
        return []
    this, earlier = region_matrix(now), region_matrix(before)
    scores_now = agreement_scores(now, this).set_index("region").score
    scores_before = agreement_scores(before, earlier).set_index("region").score

    def roles(matrix: pd.DataFrame, mask: pd.Series) -> dict[str, set[str]]:
        picked = matrix[mask]
        return picked.groupby("region").role.agg(set).to_dict()

    claimed_now, claimed_before = roles(this, this.claimed), roles(earlier, earlier.claimed)
    seen_now, seen_before = roles(this, this.seen > 0), roles(earlier, earlier.seen > 0)
    order = dict(zip(now.roles.slug, now.roles.position, strict=True))

    def names(slugs: set[str]) -> list[str]:
        # Roles retired since the earlier round are not in today's taxonomy: left out.
        return [now.role_names[s] for s in sorted(slugs & order.keys(), key=order.get)]

    result = []
    for region, region_name in zip(both.region, both.region_name, strict=True):
        c_now, c_before = claimed_now.get(region, set()), claimed_before.get(region, set())
        s_now, s_before = seen_now.get(region, set()), seen_before.get(region, set())
        result.append(
            {
                "region": region,
                "region_name": region_name,
                "score_before": float(scores_before.get(region, 0.0)),
                "score_now": float(scores_now.get(region, 0.0)),
                "claims_added": names(c_now - c_before),
                "claims_dropped": names(c_before - c_now),
                "seen_added": names(s_now - s_before),
                "seen_dropped": names(s_before - s_now),
            }
        )
    return result
