"""The comparison dashboards. Views only glue: frames.py computes, charts.py draws, and
cache.py keeps each page's result until the synthesis changes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interviews.models import Interview
from reglab.access import facilitator_required
from reglab.models import Region, is_facilitator, region_of
from reglab.query import PageField, QueryForm
from submissions import signals
from submissions.models import Assignment
from submissions.selectors import earlier_round

from . import anonymity, cache, charts, dashboards, frames, quotes
from .forms import CompareQuery, FilterQuery
from .models import Role

ACTOR_LABELS = dashboards.ACTOR_LABELS


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
    context = dashboards.body(assignment, tab, filters, build, parts, template, extra)
    return context | {
        "body": mark_safe(context["body"]),  # our own template's output, escaped there
        "assignments": assignments,
        "actor_types": Interview.ActorType.choices,
    }


@facilitator_required
def overview(request, assignment_pk):
    context = _page(request, assignment_pk, "overview", dashboards.overview)
    return render(request, "synthesis/dash_page.html", context)


@facilitator_required
def region_profile(request, assignment_pk, region_slug):
    region = get_object_or_404(Region, slug=region_slug)
    # Above dashboards.REGIONS_IN_CHART regions the menu of regions is a search (?find=).
    find = " ".join(HeatmapQuery.read(request.GET)["find"].split())
    # One reverse() for the region menu, not one per region (300 cost 30 ms).
    prefix = reverse("synthesis:region", args=[assignment_pk, "-"])[: -len("-/")]

    def build(data):
        shared = cache.cached(
            "profiles",
            data.assignment,
            lambda: dashboards.all_profiles(data),
            data.filters,
            local=True,
        )
        profile = dashboards.one_profile(data, shared["matrix"], shared["scores"], region_slug)
        found = dashboards.find_regions(shared["regions"], find) if find else []
        return (
            profile
            | dashboards.region_chart(shared, region_slug)
            | {
                "regions": shared["regions"] if not shared["scores_capped"] else [],
                "region_prefix": prefix,
                "find": find,
                "matches": found[: dashboards.REGIONS_IN_CHART],
                "match_count": len(found),
            }
        )

    parts = (region_slug, find) if find else (region_slug,)
    context = _page(request, assignment_pk, "regions", build, *parts, region=region)
    if not context["found"]:
        raise Http404
    return render(request, "synthesis/dash_page.html", context)


@facilitator_required
def actors(request, assignment_pk):
    context = _page(request, assignment_pk, "actors", dashboards.actors)
    return render(request, "synthesis/dash_page.html", context)


class HeatmapQuery(QueryForm):
    """The heat map's page and region search: a malformed one shows the first page."""

    page = PageField()
    find = forms.CharField(
        required=False, strip=True, max_length=dashboards.HEATMAP_FIND_LENGTH, initial=""
    )


@facilitator_required
def heatmap(request, assignment_pk):
    query = frames.Filters.from_request(request).querystring()
    asked = HeatmapQuery.read(request.GET)
    number, find = asked["page"], asked["find"]
    build = dashboards.heatmap(dashboards.cell_url(assignment_pk, query), number, find)
    # The first page as the worker prepares it (dashboards.warm) has no parts.
    parts = (str(number), find) if number != 1 or find else ()
    context = _page(request, assignment_pk, "heatmap", build, *parts)
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


def _compare(earlier):
    """The tab comparing this round with an earlier one: how the regions' own view and the
    other actors' view of each role moved, and what changed for each region."""

    def build(data) -> dict:
        before = cache.synthesis_data(earlier, data.filters)
        result = {"before_summary": dashboards.summary(before)}
        if data.empty or before.empty:
            return result
        change = frames.round_change(data, before)
        labels = {"before": earlier.title, "now": data.assignment.title}
        return result | {
            "change": dashboards.change_rows(change),
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
    asked = CompareQuery.read(request.GET)["with"]
    earlier = next((a for a in rounds if a.pk == asked), None) or next(
        (a for a in rounds if a.deadline < assignment.deadline), rounds[0] if rounds else None
    )
    page = {"assignments": assignments, "rounds": rounds}
    if earlier is None:  # a single round: nothing to compare with yet
        context = _page(request, assignment_pk, "compare", lambda data: {}, **page)
        return render(request, "synthesis/dash_page.html", context)
    context = _page(
        request, assignment_pk, "compare", _compare(earlier), earlier.pk, before=earlier, **page
    )
    return render(request, "synthesis/dash_page.html", context)


@facilitator_required
def quote_wall(request, assignment_pk):
    query = FilterQuery.read(request.GET)
    role, region, number = query["role"], query["region"], query["page"]
    # Above dashboards.REGIONS_IN_CHART regions the region is searched (?find=) rather than
    # picked from a menu of them all; ?region=<slug> stays the region's link.
    find = "" if region else " ".join(HeatmapQuery.read(request.GET)["find"].split())
    build = dashboards.quote_page(role, region, number, find)
    parts = (role, region, str(number)) + ((find,) if find else ())
    context = _page(
        request, assignment_pk, "quotes", build, *parts, role=role, region=region, find=find
    )
    return render(request, "synthesis/dash_page.html", context)


@require_POST
@facilitator_required
def publish(request, assignment_pk):
    assignment = get_object_or_404(Assignment, pk=assignment_pk)
    newly = False
    if request.POST.get("action") == "unpublish":
        assignment.published_at = None
        messages.info(request, _("The synthesis is no longer shown to the regions."))
    else:
        newly = assignment.published_at is None
        assignment.published_at = assignment.published_at or timezone.now()
        messages.success(request, _("The synthesis is published to the regions."))
    assignment.show_region_names = request.POST.get("show_region_names") == "1"
    with transaction.atomic():
        assignment.save(update_fields=["published_at", "show_region_names"])
        if newly:
            signals.synthesis_published.send(Assignment, assignment=assignment)
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

    def compute():
        data = cache.synthesis_data(assignment)
        regions = dict(zip(data.regions.region, data.regions.region_name, strict=True))
        labels = anonymity.region_labels(assignment, regions, show_names=names, own=own)
        comparison = frames.role_comparison(data)
        context = dashboards.profile(data, own, labels=labels) | {
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

    body = cache.cached("mine", assignment, compute, own, names, previous=True)
    context = {"assignment": assignment, "region": region, "body": mark_safe(body)}
    return render(request, "synthesis/mine.html", context)


@facilitator_required
def report(request, assignment_pk):
    """The synthesis as one printable document (the browser's print to PDF; the Word file is
    exports:report_docx). With ?names=0 it is the version for the regions: the regions'
    profiles under their stand-ins (synthesis/anonymity.py) and the quotes without their
    sources."""
    show_names = request.GET.get("names") != "0"
    build = dashboards.report(show_names)
    parts = () if show_names else ("anonymous",)
    context = _page(request, assignment_pk, "report", build, *parts)
    context["now"] = timezone.now()
    context["show_names"] = show_names
    return render(request, "synthesis/report.html", context)
