"""The dashboards' pages, built without a request: each tab's template is rendered once per
generation of the data, filters and parts, and kept in the cache as HTML (cache.py). The
views (dashboard_views.py) put what depends on the request around it; `warm()` builds the
default pages ahead of the first viewer, in the background worker (tasks.py)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse

from interviews.models import Interview
from submissions.selectors import earlier_round, handed_in, not_handed_in

from . import anonymity, cache, charts, frames, quotes
from .models import Role

ACTOR_LABELS = dict(Interview.ActorType.choices)


def summary(data: frames.SynthesisData) -> dict:
    return {
        "region_count": len(data.regions),
        "interview_count": len(data.interviews),
        "first_region": data.regions.region.iloc[0] if len(data.regions) else "",
        "empty": data.empty,
    }


def body(assignment, tab, filters, build, parts=(), template=None, extra=None) -> dict:
    """A dashboard tab's context without the request: `build(data)` gives the context of
    the tab's own template (synthesis/dash/<tab>.html), which is rendered once per generation
    of the data, filters and `parts`, and cached as HTML. `extra` is what the tab's
    template needs besides the data."""
    frame = {
        "assignment": assignment,
        "filters": filters,
        "query": filters.querystring(),
        "tab": tab,
    } | (extra or {})

    def compute():
        data = cache.synthesis_data(assignment, filters)
        counts = summary(data)
        built = build(data)
        html = render_to_string(template or f"synthesis/dash/{tab}.html", frame | counts | built)
        return counts | {"body": html, "found": built.get("found", True)}

    # The page as it was is kept for the pages the worker prepares after a hand-in (no
    # parts; the quote wall's first page): a region's or a cell's page is built by its
    # viewer, and keeping a second copy of each would double what is written.
    previous = not parts or parts == ("", "", "1")
    return frame | cache.cached(tab, assignment, compute, filters, *parts, previous=previous)


def regions(data: frames.SynthesisData) -> list[dict]:
    return data.regions[["region", "region_name"]].to_dict("records")


def overview(data) -> dict:
    comparison = frames.role_comparison(data)
    scores = frames.agreement_scores(data)
    return {
        "comparison": comparison.to_dict("records"),
        "comparison_chart": charts.self_vs_others(comparison),
        "own_words": frames.word_cloud(data, own=True),
        "others_words": frames.word_cloud(data, own=False),
        "scores_chart": charts.agreement_bars(scores),
    }


def profile(data, region_slug, *, labels: dict[str, str] | None = None) -> dict:
    """One region's radar, four cells and agreement score, and everyone's scores, the
    regions called by `labels` (synthesis/anonymity.py) when given."""
    matrix = frames.region_matrix(data)
    scores = frames.agreement_scores(data, matrix)
    if labels is not None:
        # Equal scores in the order of the labels, not of the hidden alphabetical one.
        scores = scores.assign(label=scores.region.map(labels))
        labels_in_order = sorted(
            range(len(scores)), key=lambda i: anonymity.label_order(scores.label.iloc[i])
        )
        scores = scores.iloc[labels_in_order]
        chart = charts.agreement_bars(scores, label_column="label")
    else:
        chart = charts.agreement_bars(scores)
    return one_profile(data, matrix, scores, region_slug) | {"scores_chart": chart}


def all_profiles(data) -> dict:
    """What every region's profile page shares: computed once, not once per region."""
    matrix = frames.region_matrix(data)
    scores = frames.agreement_scores(data, matrix)
    return {
        "matrix": matrix,
        "scores": scores,
        "scores_chart": charts.agreement_bars(scores),
        "regions": regions(data),
    }


def one_profile(data, matrix, scores, region_slug) -> dict:
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


def actors(data) -> dict:
    """What each kind of actor sees the regions do, and what it expects of them: a wish, a
    need or a lack ("Det vi saknar är att regionen samordnar") is a headline of the
    workshop, so it has a heat map and a table of its own."""
    expectations = frames.actor_expectations(data)
    names, labels = data.role_names, ACTOR_LABELS
    return {
        "actor_chart": charts.actor_heatmap(expectations, names, labels),
        "expected_chart": charts.actor_heatmap(expectations, names, labels, expected_only=True),
        "actor_rows": charts.actor_expectation_rows(expectations, names, labels),
        "any_expected": bool(expectations.expected.sum()),
    }


def cell_url(assignment_pk: int, query: str) -> str:
    # Every cell opens its evidence: one URL for the chart, the cell's slugs filled in by
    # charts.js (a URL per cell would be most of the page at a thousand regions).
    url = reverse("synthesis:cell", args=[assignment_pk, "REGION", "ROLE"])
    return url + (f"?{query}" if query else "")


# More regions than this and the heat map is read a page at a time: a page of 40 rows
# stays legible and light (4,000 regions in one chart were 2.9 MB of HTML).
HEATMAP_REGIONS_PER_PAGE = 40
# The longest region search kept (a region's name is far shorter).
HEATMAP_FIND_LENGTH = 100


def regions_by_agreement(scores) -> list[str]:
    """Region slugs, those whose own view and the others' view agree most first: highest
    agreement score (as the agreement bars), then most roles both claimed and seen, then
    the regions' usual order. The workshop's question is where the regions' own view and
    others' view meet; the ones that meet least are at the end, a page away."""
    ranked = scores.assign(_both=scores.both.astype(int)).sort_values(
        ["score", "_both", "position"], ascending=[False, False, True], kind="stable"
    )
    return list(ranked.region)


def heatmap(url: str, number: int = 1, find: str = ""):
    """The regions × roles tab: every region on one page up to HEATMAP_REGIONS_PER_PAGE;
    above it, the regions with the highest agreement first, a page at a time, and a search
    for a region by name (`find`)."""

    def build(data) -> dict:
        matrix = frames.region_matrix(data)
        labels = dict(zip(data.regions.region, data.regions.region_name, strict=True))
        paged = len(labels) > HEATMAP_REGIONS_PER_PAGE
        if paged:
            order = regions_by_agreement(frames.agreement_scores(data, matrix))
        else:
            order = list(dict.fromkeys(matrix.region))
        needle = " ".join(find.split()).casefold()
        if needle:
            order = [s for s in order if needle in labels[s].casefold() or needle in s]
        page = Paginator(order, HEATMAP_REGIONS_PER_PAGE).get_page(number)
        shown = {slug: i for i, slug in enumerate(page.object_list)}
        rows = matrix[matrix.region.isin(shown)]
        rows = rows.assign(_row=rows.region.map(shown)).sort_values("_row", kind="stable")
        figure = charts.region_heatmap(rows, data.role_names, labels, cell_url=url)
        return {
            "heatmap_chart": figure if shown else None,  # a search that found no region
            "paged": paged or bool(needle),
            "page": page,
            "find": " ".join(find.split()),
            "region_total": len(labels),
            "per_page": HEATMAP_REGIONS_PER_PAGE,
        }

    return build


QUOTES_PER_PAGE = 60


def quote_page(role: str, region: str, number):
    def build(data) -> dict:
        # A wall of a thousand regions' quotes is read from the database a page at a time.
        wall = quotes.wall_query(data, role=role, region=region)
        page = Paginator(wall, QUOTES_PER_PAGE).get_page(number)
        return {
            "quotes": quotes.wall_quotes(data, page.object_list),
            "page": page,
            "total": page.paginator.count,
            "roles": Role.objects.active(),
            "regions": regions(data),
        }

    return build


def change_rows(change) -> list[dict]:
    """frames.round_change() as table rows, the changes in signed percentage points."""
    rows = change.to_dict("records")
    for row in rows:  # "+25", "−33", "0"
        for share in ("claim", "seen"):
            points = round(row[f"{share}_change"] * 100)
            row[f"{share}_points"] = f"{points:+d}".replace("-", "−") if points else "0"
    return rows


REPORT_QUOTES_PER_TYPE = 12


def report(show_names: bool):
    """The printable report's content, for the HTML page and the Word file alike
    (report_docx.py). A thousand regions' quotes would not print: a dozen per actor type,
    those carrying roles first. Without `show_names` the regions' profiles are under their
    stand-ins (synthesis/anonymity.py) and the quotes without their sources."""

    def build(data):
        comparison = frames.role_comparison(data)
        matrix = frames.region_matrix(data)
        scores = frames.agreement_scores(data, matrix).set_index("region")
        cells_of = {
            (region, cell): names
            for (region, cell), names in matrix.groupby(["region", "cell"]).role.agg(list).items()
        }
        regions = dict(zip(data.regions.region, data.regions.region_name, strict=True))
        labels = anonymity.region_labels(data.assignment, regions, show_names=show_names)
        profiles = [
            {
                "name": labels[row.region],
                "score": scores.loc[row.region, "score"],
                "cells": {
                    cell: [data.role_names[r] for r in cells_of.get((row.region, cell), [])]
                    for cell in frames.CELLS
                },
            }
            for row in data.regions.itertuples()
        ]
        if not show_names:
            profiles.sort(key=lambda p: anonymity.label_order(p["name"]))
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
        quote_groups = []
        for label, chosen, more in quotes.by_actor_type(data, REPORT_QUOTES_PER_TYPE):
            if not show_names:
                for quote in chosen:
                    quote.organisation = quote.region = ""
            quote_groups.append({"label": label, "quotes": chosen, "more": more})
        earlier = earlier_round(data.assignment)
        before = cache.synthesis_data(earlier) if earlier is not None else None
        if before is not None and not before.empty and not data.empty:
            change = {
                "earlier": earlier,
                "change": change_rows(frames.round_change(data, before)),
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

    return build


def warm(assignment) -> None:
    """Build every dashboard's default page (no filters, first page) for the current
    generation and language: the background worker does after a hand-in (workshop/tasks.py),
    so that viewers who open a dashboard then find it ready."""
    filters = frames.Filters()
    # First what every region's profile page shares: a region's first view waits for it,
    # while the other pages' viewers are answered the pages as they were meanwhile.
    data = cache.synthesis_data(assignment, filters)
    cache.cached("profiles", assignment, lambda: all_profiles(data), filters, local=True)
    body(assignment, "overview", filters, overview)
    body(assignment, "actors", filters, actors)
    body(assignment, "heatmap", filters, heatmap(cell_url(assignment.pk, "")))
    first_page = quote_page("", "", 1)  # as quote_wall() with no role, region or page asked
    body(
        assignment, "quotes", filters, first_page, ("", "", "1"), None, {"role": "", "region": ""}
    )
