"""The comparison dashboards. Views only glue: frames.py computes, charts.py draws, and
cache.py keeps each page's result until the synthesis changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interviews.models import Interview
from reglab.models import Region, is_facilitator, region_of
from submissions.models import Assignment
from submissions.selectors import earlier_round, handed_in, not_handed_in
from submissions.views import facilitator_required

from . import cache, charts, frames, quotes
from .models import Role

ACTOR_LABELS = dict(Interview.ActorType.choices)


def _summary(data: frames.SynthesisData) -> dict:
    return {
        "region_count": len(data.regions),
        "interview_count": len(data.interviews),
        "first_region": data.regions.region.iloc[0] if len(data.regions) else "",
        "empty": data.empty,
    }


def _body(assignment, tab, filters, build, parts=(), template=None, extra=None) -> dict:
    """A dashboard tab's context without the request: `build(data)` gives the context of
    the tab's own template (synthesis/dash/<tab>.html), which is rendered once per version
    of the synthesis, filters and `parts`, and cached as HTML. `extra` is what the tab's
    template needs besides the data."""
    frame = {
        "assignment": assignment,
        "filters": filters,
        "query": filters.querystring(),
        "tab": tab,
    } | (extra or {})

    def compute():
        data = cache.synthesis_data(assignment, filters)
        summary = _summary(data)
        built = build(data)
        body = render_to_string(template or f"synthesis/dash/{tab}.html", frame | summary | built)
        return summary | {"body": body, "found": built.get("found", True)}

    return frame | cache.cached(tab, assignment, compute, filters, *parts)


def _page(
    request, assignment_pk, tab, build, *parts, template=None, assignments=None, **extra
) -> dict:
    """The context of a dashboard page: the cached tab (a cached page costs about what a
    page with no data costs) and what depends on the request around it. Every assignment
    is read once (the round menu lists them; there are a few, one a year), and the page's
    own assignment is found among them."""
    if assignments is None:
        assignments = list(Assignment.objects.all())
    assignment = next((a for a in assignments if a.pk == assignment_pk), None)
    if assignment is None:
        raise Http404
    filters = frames.Filters.from_request(request)
    context = _body(assignment, tab, filters, build, parts, template, extra)
    return context | {
        "body": mark_safe(context["body"]),  # our own template's output, escaped there
        "assignments": assignments,
        "actor_types": Interview.ActorType.choices,
    }


def warm(assignment) -> None:
    """Build every dashboard's default page (no filters, first page) for the current
    version and language, as the deck's poll does when it sees a new version: viewers
    who open a dashboard after homework arrives then find it ready."""
    filters = frames.Filters()
    _body(assignment, "overview", filters, _overview)
    _body(assignment, "actors", filters, _actors)
    _body(assignment, "heatmap", filters, _heatmap(_cell_url(assignment.pk, "")))
    first_page = _quotes("", "", 1)  # as quote_wall() with no role, region or page asked
    _body(
        assignment, "quotes", filters, first_page, ("", "", "1"), None, {"role": "", "region": ""}
    )
    data = cache.synthesis_data(assignment, filters)
    cache.cached("profiles", assignment, lambda: _all_profiles(data), filters)


def _regions(data: frames.SynthesisData) -> list[dict]:
    return data.regions[["region", "region_name"]].to_dict("records")


def _overview(data) -> dict:
    comparison = frames.role_comparison(data)
    scores = frames.agreement_scores(data)
    return {
        "comparison": comparison.to_dict("records"),
        "comparison_chart": charts.self_vs_others(comparison),
        "own_words": frames.word_cloud(data, own=True),
        "others_words": frames.word_cloud(data, own=False),
        "scores_chart": charts.agreement_bars(scores),
    }


@facilitator_required
def overview(request, assignment_pk):
    context = _page(request, assignment_pk, "overview", _overview)
    return render(request, "synthesis/dash_page.html", context)


def _profile(data, region_slug, *, scores_labels=None) -> dict:
    """One region's radar, four cells and agreement score, and everyone's scores."""
    matrix = frames.region_matrix(data)
    scores = frames.agreement_scores(data, matrix)
    if scores_labels is not None:
        scores["label"] = [
            scores_labels(slug, name)
            for slug, name in zip(scores.region, scores.region_name, strict=True)
        ]
        chart = charts.agreement_bars(scores, label_column="label")
    else:
        chart = charts.agreement_bars(scores)
    return _one_profile(data, matrix, scores, region_slug) | {"scores_chart": chart}


def _all_profiles(data) -> dict:
    """What every region's profile page shares: computed once, not once per region."""
    matrix = frames.region_matrix(data)
    scores = frames.agreement_scores(data, matrix)
    return {
        "matrix": matrix,
        "scores": scores,
        "scores_chart": charts.agreement_bars(scores),
        "regions": _regions(data),
    }


def _one_profile(data, matrix, scores, region_slug) -> dict:
    mine = matrix[matrix.region == region_slug]
    result = {"radar": None, "found": not mine.empty}
    if mine.empty:
        return result
    return result | {
        "radar": charts.region_radar(mine, data.role_names),
        "cells": {
            cell: [data.role_names[r] for r in mine[mine.cell == cell].role]
            for cell in frames.CELLS
        },
        "score": float(scores.loc[scores.region == region_slug, "score"].iloc[0]),
        "region_interviews": int(mine.interviews.iloc[0]),
    }


@facilitator_required
def region_profile(request, assignment_pk, region_slug):
    region = get_object_or_404(Region, slug=region_slug)

    def build(data):
        shared = cache.cached(
            "profiles", data.assignment, lambda: _all_profiles(data), data.filters
        )
        profile = _one_profile(data, shared["matrix"], shared["scores"], region_slug)
        return profile | {"scores_chart": shared["scores_chart"], "regions": shared["regions"]}

    context = _page(request, assignment_pk, "regions", build, region_slug, region=region)
    if not context["found"]:
        raise Http404
    return render(request, "synthesis/dash_page.html", context)


def _actors(data) -> dict:
    expectations = frames.actor_expectations(data)
    return {"actor_chart": charts.actor_heatmap(expectations, data.role_names, ACTOR_LABELS)}


@facilitator_required
def actors(request, assignment_pk):
    context = _page(request, assignment_pk, "actors", _actors)
    return render(request, "synthesis/dash_page.html", context)


def _cell_url(assignment_pk: int, query: str) -> str:
    # Every cell opens its evidence: one URL for the chart, the cell's slugs filled in by
    # charts.js (a URL per cell would be most of the page at a thousand regions).
    url = reverse("synthesis:cell", args=[assignment_pk, "REGION", "ROLE"])
    return url + (f"?{query}" if query else "")


def _heatmap(cell_url: str):
    def build(data) -> dict:
        matrix = frames.region_matrix(data)
        labels = dict(zip(data.regions.region, data.regions.region_name, strict=True))
        figure = charts.region_heatmap(matrix, data.role_names, labels, cell_url=cell_url)
        return {"heatmap_chart": figure}

    return build


@facilitator_required
def heatmap(request, assignment_pk):
    query = frames.Filters.from_request(request).querystring()
    context = _page(request, assignment_pk, "heatmap", _heatmap(_cell_url(assignment_pk, query)))
    return render(request, "synthesis/dash_page.html", context)


@facilitator_required
def cell(request, assignment_pk, region_slug, role_slug):
    """The quotes and highlighted evidence behind one cell of the heat map."""
    region = get_object_or_404(Region, slug=region_slug)
    role = get_object_or_404(Role, slug=role_slug)

    def build(data):
        return {"evidence": quotes.cell_evidence(data, region_slug, role_slug)}

    context = _page(
        request,
        assignment_pk,
        "heatmap",
        build,
        "cell",
        region_slug,
        role_slug,
        template="synthesis/dash/cell.html",
        region=region,
        role=role,
    )
    return render(request, "synthesis/dash_page.html", context)


def _change_rows(change) -> list[dict]:
    """frames.round_change() as table rows, the changes in signed percentage points."""
    rows = change.to_dict("records")
    for row in rows:  # "+25", "−33", "0"
        for share in ("claim", "seen"):
            points = round(row[f"{share}_change"] * 100)
            row[f"{share}_points"] = f"{points:+d}".replace("-", "−") if points else "0"
    return rows


def _compare(earlier):
    """The tab comparing this round with an earlier one: how the regions' own view and the
    other actors' view of each role moved, and what changed for each region."""

    def build(data) -> dict:
        before = cache.synthesis_data(earlier, data.filters)
        result = {"before_summary": _summary(before)}
        if data.empty or before.empty:
            return result
        change = frames.round_change(data, before)
        labels = {"before": earlier.title, "now": data.assignment.title}
        return result | {
            "change": _change_rows(change),
            "claim_chart": charts.round_change(
                change, share="claim_share", colour=charts.BLUE, **labels
            ),
            "seen_chart": charts.round_change(
                change, share="seen_share", colour=charts.AMBER, **labels
            ),
            "region_changes": frames.region_changes(data, before),
        }

    return build


@facilitator_required
def compare(request, assignment_pk):
    assignments = list(Assignment.objects.all())  # newest deadline first
    assignment = next((a for a in assignments if a.pk == assignment_pk), None)
    if assignment is None:
        raise Http404
    rounds = [a for a in assignments if a.pk != assignment_pk]
    asked = request.GET.get("with", "")
    earlier = next((a for a in rounds if str(a.pk) == asked), None) or next(
        (a for a in rounds if a.deadline < assignment.deadline), rounds[0] if rounds else None
    )
    page = {"assignments": assignments, "rounds": rounds}
    if earlier is None:  # a single round: nothing to compare with yet
        context = _page(request, assignment_pk, "compare", lambda data: {}, **page)
        return render(request, "synthesis/dash_page.html", context)
    # The earlier round's version is part of the key: homework handed in late to it, or a
    # tag reviewed there, renews this page too.
    parts = (earlier.pk, cache.version(earlier))
    context = _page(
        request, assignment_pk, "compare", _compare(earlier), *parts, before=earlier, **page
    )
    return render(request, "synthesis/dash_page.html", context)


QUOTES_PER_PAGE = 60


def _quotes(role: str, region: str, number):
    def build(data) -> dict:
        # The whole wall is cached apart from its pages, so turning a page is cheap.
        wall = cache.cached(
            "quote-wall",
            data.assignment,
            lambda: quotes.wall(data, role=role, region=region),
            data.filters,
            role,
            region,
        )
        # A wall of a thousand regions' quotes is read a page at a time.
        page = Paginator(wall, QUOTES_PER_PAGE).get_page(number)
        return {
            "quotes": list(page.object_list),
            "page": page,
            "total": page.paginator.count,
            "roles": Role.objects.active(),
            "regions": _regions(data),
        }

    return build


@facilitator_required
def quote_wall(request, assignment_pk):
    role = request.GET.get("role", "")
    region = request.GET.get("region", "")
    number = request.GET.get("page") or 1
    build = _quotes(role, region, number)
    parts = (role, region, str(number))
    context = _page(request, assignment_pk, "quotes", build, *parts, role=role, region=region)
    return render(request, "synthesis/dash_page.html", context)


@require_POST
@facilitator_required
def publish(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    if request.POST.get("action") == "unpublish":
        assignment.published_at = None
        messages.info(request, _("The synthesis is no longer shown to the regions."))
    else:
        assignment.published_at = assignment.published_at or timezone.now()
        messages.success(request, _("The synthesis is published to the regions."))
    assignment.show_region_names = request.POST.get("show_region_names") == "1"
    assignment.save(update_fields=["published_at", "show_region_names"])
    cache.bump()
    return redirect("synthesis:overview", assignment_pk)


@login_required
def mine(request, assignment_pk):
    """A coordinator's view of a published synthesis: their own profile and the
    network's charts, other regions anonymised unless the facilitator chose names."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk, published_at__isnull=False)
    region = region_of(request.user)
    if region is None and not is_facilitator(request.user):
        raise Http404
    own = getattr(region, "slug", None)
    names = assignment.show_region_names
    numbers = {}

    def label(slug, name):
        if names or slug == own:
            return name
        numbers.setdefault(slug, len(numbers) + 1)
        return _("Region %(n)d") % {"n": numbers[slug]}

    def compute():
        data = cache.synthesis_data(assignment)
        comparison = frames.role_comparison(data)
        context = _profile(data, own, scores_labels=label) | {
            "region": region,
            "comparison_chart": charts.self_vs_others(comparison),
            "actor_chart": charts.actor_heatmap(
                frames.actor_expectations(data), data.role_names, ACTOR_LABELS
            ),
        }
        # The region's own change since the round before, when it handed in both.
        earlier = earlier_round(assignment)
        if earlier is not None and own and not data.empty:
            changes = frames.region_changes(data, cache.synthesis_data(earlier))
            context["earlier"] = earlier
            context["change"] = next((c for c in changes if c["region"] == own), None)
        return render_to_string("synthesis/dash/mine.html", context)

    body = cache.cached("mine", assignment, compute, own, names)
    context = {"assignment": assignment, "region": region, "body": mark_safe(body)}
    return render(request, "synthesis/mine.html", context)


REPORT_QUOTES_PER_TYPE = 12


@facilitator_required
def report(request, assignment_pk):
    """The synthesis as one printable document (the browser's print to PDF). A thousand
    regions' quotes would not print: a dozen per actor type, those carrying roles first."""

    def build(data):
        comparison = frames.role_comparison(data)
        matrix = frames.region_matrix(data)
        scores = frames.agreement_scores(data, matrix).set_index("region")
        cells_of = {
            (region, cell): names
            for (region, cell), names in matrix.groupby(["region", "cell"]).role.agg(list).items()
        }
        profiles = [
            {
                "name": row.region_name,
                "score": scores.loc[row.region, "score"],
                "cells": {
                    cell: [data.role_names[r] for r in cells_of.get((row.region, cell), [])]
                    for cell in frames.CELLS
                },
            }
            for row in data.regions.itertuples()
        ]
        expectations = frames.actor_expectations(data)
        actor_rows = []
        for actor_type, group in expectations.groupby("actor_type", sort=False):
            top = group[group.seen > 0].sort_values("share", ascending=False).head(5)
            actor_rows.append(
                {
                    "label": ACTOR_LABELS.get(actor_type, actor_type),
                    "interviews": int(group.interviews.iloc[0]),
                    "roles": [
                        (data.role_names[r], s) for r, s in zip(top.role, top.share, strict=True)
                    ],
                }
            )
        by_type = {}
        for quote in quotes.wall(data):
            by_type.setdefault(quote.actor_type, []).append(quote)
        quote_groups = []
        for label, items in by_type.items():
            chosen = sorted(items, key=lambda q: not q.roles)[:REPORT_QUOTES_PER_TYPE]
            quote_groups.append(
                {"label": label, "quotes": chosen, "more": len(items) - len(chosen)}
            )
        earlier = earlier_round(data.assignment)
        before = cache.synthesis_data(earlier) if earlier is not None else None
        if before is not None and not before.empty and not data.empty:
            change = {
                "earlier": earlier,
                "change": _change_rows(frames.round_change(data, before)),
            }
        else:
            change = {}
        return change | {
            "received": handed_in(assignment=data.assignment),
            "not_handed_in": not_handed_in(assignment=data.assignment),
            "comparison": comparison.to_dict("records"),
            "comparison_chart": charts.self_vs_others(comparison),
            "own_words": frames.word_cloud(data, own=True),
            "others_words": frames.word_cloud(data, own=False),
            "profiles": profiles,
            "actor_rows": actor_rows,
            "quotes_by_type": quote_groups,
        }

    context = _page(request, assignment_pk, "report", build)
    context["now"] = timezone.now()
    return render(request, "synthesis/report.html", context)
