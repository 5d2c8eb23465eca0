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
    } | _top_chart(scores)


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
        # Ranked among equals in that order too (regions_by_agreement reads "position").
        scores = scores.iloc[labels_in_order].assign(position=range(len(scores)))
    chart = _top_chart(scores, region_slug, label_column="label" if labels else "region_name")
    return one_profile(data, matrix, scores, region_slug) | chart


def all_profiles(data) -> dict:
    """What every region's profile page shares: computed once, not once per region."""
    matrix = frames.region_matrix(data)
    scores = frames.agreement_scores(data, matrix)
    top = _top_chart(scores)
    ranks = {}
    if top["scores_capped"]:
        ranks = {slug: i for i, slug in enumerate(regions_by_agreement(scores), start=1)}
    return top | {"matrix": matrix, "scores": scores, "regions": regions(data), "ranks": ranks}


def region_chart(shared: dict, region_slug: str) -> dict:
    """The agreement bars on a region's profile page: every region's, shared by all the
    pages (all_profiles); above REGIONS_IN_CHART the top ones and this region, its bar
    highlighted and its rank said (a chart of 41 bars costs little)."""
    if not shared["scores_capped"]:
        return {key: shared[key] for key in ("scores_chart", "scores_capped", "scores_total")}
    return _top_chart(shared["scores"], region_slug, ranks=shared["ranks"])


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
# More regions than this and a chart with a bar per region shows those that agree most,
# as the heat map's first page, and links to the heat map for the rest (4,000 bars were
# 180 kB of the overview); and a choice of region is a search, not a menu of them all.
REGIONS_IN_CHART = HEATMAP_REGIONS_PER_PAGE


def _top_chart(scores, region_slug: str = "", *, label_column="region_name", ranks=None) -> dict:
    """The agreement bars of `scores` and what the page says about them: every region up
    to REGIONS_IN_CHART; above it the top ones (the heat map's first page), with
    `region_slug`'s bar highlighted among them, or added below them, and its rank."""
    total = len(scores)
    if total <= REGIONS_IN_CHART:
        chart = charts.agreement_bars(scores, label_column=label_column)
        return {"scores_chart": chart, "scores_capped": False, "scores_total": total}
    order = regions_by_agreement(scores)
    shown = set(order[:REGIONS_IN_CHART])
    result = {"scores_capped": True, "scores_total": total, "scores_shown": len(shown)}
    if region_slug in scores.region.values:
        shown.add(region_slug)
        rank = ranks[region_slug] if ranks else order.index(region_slug) + 1
        result["rank"] = rank
    rows = scores[scores.region.isin(shown)]
    chart = charts.agreement_bars(rows, label_column=label_column, highlight=region_slug or "")
    return result | {"scores_chart": chart}


def _needle(find: str) -> str:
    """What a region search looks for: its words, spaces and case aside."""
    return " ".join(find.split()).casefold()


def _holds(needle: str, slug: str, name: str) -> bool:
    return needle in name.casefold() or needle in slug


def find_regions(regions: list[dict], find: str) -> list[dict]:
    """The regions (as regions() gives them) whose name or slug holds `find`, as the heat
    map's search finds them; a name given in full finds that region alone."""
    needle = _needle(find)
    if not needle:
        return []
    exact = [r for r in regions if r["region_name"].casefold() == needle or r["region"] == needle]
    return exact or [r for r in regions if _holds(needle, r["region"], r["region_name"])]


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
        needle = _needle(find)
        if needle:
            order = [s for s in order if _holds(needle, s, labels[s])]
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


def quote_page(role: str, region: str, number, find: str = ""):
    def build(data) -> dict:
        # Above REGIONS_IN_CHART regions the region is searched by name (`find`), not
        # picked from a menu of them all; a search that finds one region shows its quotes.
        every = regions(data)
        found = find_regions(every, find) if find and not region else []
        chosen = found[0]["region"] if len(found) == 1 else region
        search = len(every) > REGIONS_IN_CHART
        # A wall of a thousand regions' quotes is read from the database a page at a time.
        wall = quotes.wall_query(data, role=role, region=chosen)
        page = Paginator(wall, QUOTES_PER_PAGE).get_page(number)
        return {
            "quotes": quotes.wall_quotes(data, page.object_list),
            "page": page,
            "total": page.paginator.count,
            "roles": Role.objects.active(),
            "regions": [] if search else every,
            "region_search": search,
            "chosen": chosen,
            "chosen_name": next((r["region_name"] for r in every if r["region"] == chosen), find),
            "matches": found[:REGIONS_IN_CHART] if len(found) > 1 else [],
            "match_count": len(found),
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
# Above REGIONS_IN_CHART regions the report's profiles are those that agree most and this
# many that agree least.
REPORT_PROFILES_LEAST = 5


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

        def profile_of(region):
            return {
                "name": labels[region],
                "score": scores.loc[region, "score"],
                "cells": {
                    cell: [data.role_names[r] for r in cells_of.get((region, cell), [])]
                    for cell in frames.CELLS
                },
            }

        least, hidden = [], 0
        if len(regions) > REGIONS_IN_CHART:
            # Thousands of profiles would not print: those that agree most (the heat map's
            # first page) and the few that agree least, in that order; the rest are a
            # sentence pointing at the heat map.
            ranked = scores.reset_index()
            if not show_names:  # equal scores in the stand-ins' order, not the hidden one
                by_label = sorted(regions, key=lambda r: anonymity.label_order(labels[r]))
                ranked["position"] = ranked.region.map({r: i for i, r in enumerate(by_label)})
            order = regions_by_agreement(ranked)
            bottom = order[REGIONS_IN_CHART:][-REPORT_PROFILES_LEAST:]
            profiles = [profile_of(region) for region in order[:REGIONS_IN_CHART]]
            least = [profile_of(region) for region in bottom]
            hidden = len(order) - len(profiles) - len(least)
        else:
            profiles = [profile_of(region) for region in data.regions.region]
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
        # A national network's submissions would be pages of the report: the late ones
        # first, at most REGIONS_IN_CHART rows, and how many more.
        received = handed_in(assignment=data.assignment)
        if len(received) > REGIONS_IN_CHART:
            received = sorted(received, key=lambda row: not row["late"])  # stable
        missing = not_handed_in(assignment=data.assignment)
        return change | {
            "received": received[:REGIONS_IN_CHART],
            "received_more": max(0, len(received) - REGIONS_IN_CHART),
            "not_handed_in": missing[:REGIONS_IN_CHART],
            "not_handed_in_more": max(0, len(missing) - REGIONS_IN_CHART),
            "comparison": comparison.to_dict("records"),
            "comparison_chart": charts.self_vs_others(comparison),
            "own_words": frames.word_cloud(data, own=True),
            "others_words": frames.word_cloud(data, own=False),
            "profiles": profiles,
            "profiles_least": least,
            "profiles_hidden": hidden,
            "profiles_total": len(regions),
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
