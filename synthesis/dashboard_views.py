"""The comparison dashboards. Views only glue: frames.py computes, charts.py draws."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interviews.models import Interview
from reglab.models import Region, is_facilitator, region_of
from submissions.models import Assignment
from submissions.selectors import received_rows
from submissions.views import facilitator_required

from . import charts, frames, quotes
from .models import Role

ACTOR_LABELS = dict(Interview.ActorType.choices)


def _context(request, assignment_pk, tab):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    filters = frames.Filters.from_request(request)
    data = frames.load(assignment, filters)
    return data, {
        "assignment": assignment,
        "assignments": Assignment.objects.all(),
        "filters": filters,
        "query": filters.querystring(),
        "actor_types": Interview.ActorType.choices,
        "tab": tab,
        "data": data,
        "region_count": len(data.regions),
        "interview_count": len(data.interviews),
    }


@facilitator_required
def overview(request, assignment_pk):
    data, context = _context(request, assignment_pk, "overview")
    comparison = frames.role_comparison(data)
    scores = frames.agreement_scores(data)
    context |= {
        "comparison": comparison.to_dict("records"),
        "comparison_chart": charts.self_vs_others(comparison),
        "own_words": frames.word_cloud(data, own=True),
        "others_words": frames.word_cloud(data, own=False),
        "scores_chart": charts.agreement_bars(scores),
        "scores": scores.to_dict("records"),
    }
    return render(request, "synthesis/dash_overview.html", context)


def _profile_context(data, region_slug):
    matrix = frames.region_matrix(data)
    mine = matrix[matrix.region == region_slug]
    if mine.empty:
        raise Http404
    cells = {
        cell: [data.role_names[r] for r in mine[mine.cell == cell].role] for cell in frames.CELLS
    }
    scores = frames.agreement_scores(data)
    score = scores.loc[scores.region == region_slug, "score"].iloc[0]
    return {
        "radar": charts.region_radar(mine, data.role_names),
        "cells": cells,
        "score": score,
        "scores": scores,
        "region_interviews": int(mine.interviews.iloc[0]),
    }


@facilitator_required
def region_profile(request, assignment_pk, region_slug):
    data, context = _context(request, assignment_pk, "regions")
    region = get_object_or_404(Region, slug=region_slug)
    profile = _profile_context(data, region_slug)
    context |= profile | {
        "region": region,
        "regions": data.regions.to_dict("records"),
        "scores_chart": charts.agreement_bars(profile["scores"]),
    }
    return render(request, "synthesis/dash_region.html", context)


@facilitator_required
def actors(request, assignment_pk):
    data, context = _context(request, assignment_pk, "actors")
    expectations = frames.actor_expectations(data)
    context["actor_chart"] = charts.actor_heatmap(expectations, data.role_names, ACTOR_LABELS)
    return render(request, "synthesis/dash_actors.html", context)


@facilitator_required
def heatmap(request, assignment_pk):
    data, context = _context(request, assignment_pk, "heatmap")
    matrix = frames.region_matrix(data)
    suffix = f"?{context['query']}" if context["query"] else ""
    urls = {
        (region, role): reverse("synthesis:cell", args=[assignment_pk, region, role]) + suffix
        for region, role in zip(matrix.region, matrix.role, strict=True)
    }
    labels = dict(zip(data.regions.region, data.regions.region_name, strict=True))
    context["heatmap_chart"] = charts.region_heatmap(matrix, data.role_names, labels, urls)
    context["cell_colours"] = charts.CELL_COLOURS
    return render(request, "synthesis/dash_heatmap.html", context)


@facilitator_required
def cell(request, assignment_pk, region_slug, role_slug):
    """The quotes and highlighted evidence behind one cell of the heat map."""
    data, context = _context(request, assignment_pk, "heatmap")
    region = get_object_or_404(Region, slug=region_slug)
    role = get_object_or_404(Role, slug=role_slug)
    context |= {
        "region": region,
        "role": role,
        "evidence": quotes.cell_evidence(data, region_slug, role_slug),
    }
    return render(request, "synthesis/dash_cell.html", context)


@facilitator_required
def quote_wall(request, assignment_pk):
    data, context = _context(request, assignment_pk, "quotes")
    role = request.GET.get("role", "")
    region = request.GET.get("region", "")
    context |= {
        "quotes": quotes.wall(data, role=role, region=region),
        "roles": Role.objects.active(),
        "regions": data.regions.to_dict("records"),
        "role": role,
        "region": region,
    }
    return render(request, "synthesis/dash_quotes.html", context)


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
    return redirect("synthesis:overview", assignment_pk)


@login_required
def mine(request, assignment_pk):
    """A coordinator's view of a published synthesis: their own profile and the
    network's charts, other regions anonymised unless the facilitator chose names."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk, published_at__isnull=False)
    region = region_of(request.user)
    if region is None and not is_facilitator(request.user):
        raise Http404
    data = frames.load(assignment)
    context = {"assignment": assignment, "region": region, "data": data}
    if region is not None and region.slug in set(data.regions.region):
        context |= _profile_context(data, region.slug)
    scores = frames.agreement_scores(data)
    if assignment.show_region_names:
        scores["label"] = scores.region_name
    else:
        scores["label"] = [
            name if slug == getattr(region, "slug", None) else _("Region %(n)d") % {"n": n}
            for n, (slug, name) in enumerate(
                zip(scores.region, scores.region_name, strict=True), 1
            )
        ]
    comparison = frames.role_comparison(data)
    context |= {
        "comparison_chart": charts.self_vs_others(comparison),
        "actor_chart": charts.actor_heatmap(
            frames.actor_expectations(data), data.role_names, ACTOR_LABELS
        ),
        "scores_chart": charts.agreement_bars(scores, label_column="label"),
    }
    return render(request, "synthesis/mine.html", context)


@facilitator_required
def report(request, assignment_pk):
    """The synthesis as one printable document (the browser's print to PDF)."""
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    data = frames.load(assignment, frames.Filters.from_request(request))
    comparison = frames.role_comparison(data)
    matrix = frames.region_matrix(data)
    scores = frames.agreement_scores(data).set_index("region")
    profiles = []
    for row in data.regions.itertuples():
        mine = matrix[matrix.region == row.region]
        profiles.append(
            {
                "name": row.region_name,
                "score": scores.loc[row.region, "score"],
                "cells": {
                    cell: [data.role_names[r] for r in mine[mine.cell == cell].role]
                    for cell in frames.CELLS
                },
            }
        )
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
    quotes_by_type = {}
    for quote in quotes.wall(data):
        quotes_by_type.setdefault(quote.actor_type, []).append(quote)
    context = {
        "assignment": assignment,
        "data": data,
        "received": received_rows(assignment=assignment),
        "comparison": comparison.to_dict("records"),
        "comparison_chart": charts.self_vs_others(comparison),
        "own_words": frames.word_cloud(data, own=True),
        "others_words": frames.word_cloud(data, own=False),
        "profiles": profiles,
        "actor_rows": actor_rows,
        "quotes_by_type": quotes_by_type,
        "now": timezone.now(),
    }
    return render(request, "synthesis/report.html", context)
