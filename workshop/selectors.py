"""The workshop deck as data: one `Slide` per screen, in the order of the hand-made seed deck
(title, homework, who handed in, the regions' own view, the other actors' view, quotes per
actor type), followed by the comparison charts.

Everything is read with `frames.load` (5 queries) plus one query for the quotes and one for
the number of regions, so the deck costs the same whatever the size of the data.

Anonymised by default: charts call the regions "Region A, B, C…" and the quote slides name
no region unless the facilitator turns names on. Interviewees' functions are never read.
"""

import hashlib
import math
import re
from dataclasses import dataclass, field

from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from interviews.models import Interview, Quote
from reglab.models import Region
from submissions.models import Assignment
from submissions.selectors import earlier_round
from synthesis import anonymity, charts, frames
from synthesis import cache as synthesis_cache

# The deck's words for counting actors ("Tre kommuner"). Kept here rather than in the
# message catalogue because Swedish picks en/ett by the noun's gender and the seed deck's
# capitalisation ("Tre Länsstyrelser") must survive as written.
NUMBER_WORDS = {
    "sv": (
        "noll en två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton "
        "sexton sjutton arton nitton tjugo"
    ).split(),
    "en": (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    ).split(),
}

# Per actor type and language: (one of them, several of them, the type in general).
ACTOR_NOUNS = {
    "arbetsformedlingen": {
        "sv": ("En Arbetsförmedling", "Arbetsförmedlingar", "Arbetsförmedlingen"),
        "en": (
            "One Arbetsförmedlingen office",
            "Arbetsförmedlingen offices",
            "Arbetsförmedlingen",
        ),
    },
    "kommun": {
        "sv": ("En kommun", "kommuner", "kommuner"),
        "en": ("One municipality", "municipalities", "municipalities"),
    },
    "lansstyrelse": {
        "sv": ("En Länsstyrelse", "Länsstyrelser", "länsstyrelsen"),
        "en": (
            "One county administrative board",
            "county administrative boards",
            "the county administrative board",
        ),
    },
    "universitet": {
        "sv": ("Ett lärosäte", "lärosäten", "universitet och högskolor"),
        "en": ("One university", "universities", "universities"),
    },
    "bibliotek": {
        "sv": ("Ett bibliotek", "bibliotek", "bibliotek"),
        "en": ("One library", "libraries", "libraries"),
    },
    "civilsamhalle": {
        "sv": ("En idéburen organisation", "idéburna organisationer", "idéburna organisationer"),
        "en": (
            "One civil-society organisation",
            "civil-society organisations",
            "civil-society organisations",
        ),
    },
    "naringsliv": {
        "sv": ("En näringslivsaktör", "näringslivsaktörer", "näringslivet"),
        "en": ("One business", "businesses", "business"),
    },
    "annan": {
        "sv": ("En annan aktör", "andra aktörer", "andra aktörer"),
        "en": ("One other actor", "other actors", "other actors"),
    },
}

# Every region has these, and their names mostly repeat the region's: the actors slide
# names them by type, as the seed deck did ("Arbetsförmedlingen, kommuner, länsstyrelsen").
PUBLIC_IN_EVERY_REGION = ("arbetsformedlingen", "kommun", "lansstyrelse")

# The quote slides come in the seed deck's order, then the other actor types.
QUOTE_ORDER = (
    "arbetsformedlingen",
    "lansstyrelse",
    "kommun",
    "universitet",
    "bibliotek",
    "civilsamhalle",
    "naringsliv",
    "annan",
)

# What fits on a quote slide at the deck's type size (1920×1080, ~38px quotes).
CHARS_PER_LINE = 75
LINES_PER_SLIDE = 12
# Chart type in px at 1080p (the deck's minimum is 28px there); static/js/deck.js scales
# the figures to the screen from the chart box's font size in static/css/deck.css.
CHART_FONT_SIZE = 30
# More rows than this and a heat map's labels no longer fit a 1024×768 projector: the
# chart goes on over several slides, "(1/2)", "(2/2)", rather than Plotly dropping labels.
HEATMAP_ROWS_PER_SLIDE = 8
# The actor types' heat map: this many roles per slide keep its percentages readable.
HEATMAP_ROLES_PER_SLIDE = 9
BAR_ROWS_PER_SLIDE = 17
# A deck is read in a workshop, not paged through: with more regions than these slides
# hold, the regions × roles map and the agreement bars show those that agree most, and a
# note says where every region is (the dashboards). 24 and 34 regions: the demo's network
# of 21 regions is shown whole.
MAX_REGION_SLIDES = 3
MAX_AGREEMENT_SLIDES = 2
# More names than this (regions that handed in, organisations interviewed) and a slide
# lists this many, the last "… and 3,960 more": the demo's 12 regions are listed whole, and
# 36 (three columns of 12) still leave room for the note under them at 1920×1080.
MAX_NAMES_ON_SLIDE = 36
# The interviewed organisations, in characters ("Arbetsförmedlingen, kommuner, …"): about
# six lines of the slide, leaving room for the roles others see under them (the demo's
# are 312).
ACTOR_CHARS_ON_SLIDE = 500


@dataclass
class QuoteGroup:
    """The quotes picked from one interview; `source` only when consent and names allow."""

    quotes: list[str]
    source: str = ""


@dataclass
class Slide:
    kind: str  # title, homework, received, own_view, others_view, quotes, chart
    title: str
    subtitle: str = ""
    items: list = field(default_factory=list)  # bullets, regions, words, actors or groups
    points: list = field(default_factory=list)  # a second list (the main themes)
    figure: dict | None = None
    note: str = ""
    legend: list = field(default_factory=list)  # (css class, label) pairs under a chart
    actor_type: str = ""  # on quote slides
    chart: str = ""  # on chart slides: which chart (the browser tests find them by it)


def language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def number_word(n: int, lang: str) -> str:
    words = NUMBER_WORDS[lang]
    return words[n] if 0 <= n < len(words) else str(n)


def count_title(actor_type: str, n: int, lang: str | None = None) -> str:
    """ "Tre kommuner", "En Länsstyrelse", "Three county administrative boards"."""
    lang = lang or language()
    one, several, _general = ACTOR_NOUNS.get(actor_type, ACTOR_NOUNS["annan"])[lang]
    if n == 1:
        return one
    text = f"{number_word(n, lang)} {several}"
    return text[0].upper() + text[1:]


def region_labels(data: frames.SynthesisData, *, show_names: bool) -> dict[str, str]:
    """Region slug → the label the charts use: the one rule of synthesis/anonymity.py."""
    regions = dict(zip(data.regions.region, data.regions.region_name, strict=True))
    return anonymity.region_labels(data.assignment, regions, show_names=show_names)


def homework_bullets(instructions: str) -> list[str]:
    """The gist of the instructions: the first sentence of each paragraph, without its
    examples ("…, till exempel Arbetsförmedlingen, …")."""
    bullets = []
    for paragraph in re.split(r"\n\s*\n", instructions.strip()):
        text = " ".join(paragraph.split())
        if not text:
            continue
        first = re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", text, maxsplit=1)[0]
        first = re.split(r",\s+(?:till exempel|t\.ex\.|for example|e\.g\.|such as)\s", first)[0]
        bullets.append(first.rstrip(".").strip())
    return bullets


def _interview_quotes(data: frames.SynthesisData) -> tuple[list[dict], dict[str, int]]:
    """Quotable quotes of the handed-in homework, as many as the deck can show: per actor
    type those of its first MAX_QUOTE_GROUPS_PER_TYPE interviews (the slides take no
    more), and how many interviews of each type have quotes to show (a few queries,
    however many regions handed in). Never reads the interviewee's function; drops
    interviews that must not be quoted."""
    quotable = (
        Quote.objects.filter(interview__submission__in=frames.submitted(data.assignment))
        .exclude(interview__consent=Interview.Consent.NO_QUOTE)
        .exclude(text="")
    )
    counts = dict(
        quotable.order_by()
        .values_list("interview__actor_type")
        .annotate(n=Count("interview_id", distinct=True))
        .values_list("interview__actor_type", "n")
    )
    order = ("interview__submission__region__position", "interview_id")
    shown = []
    for actor_type in counts:
        first = (
            quotable.filter(interview__actor_type=actor_type)
            .order_by(*order)
            .values_list(*order)
            .distinct()[:MAX_QUOTE_GROUPS_PER_TYPE]
        )
        shown += [interview for _position, interview in first]
    quotes = (
        quotable.filter(interview_id__in=shown)
        .values(
            "text",
            "position",
            "interview_id",
            "interview__actor_type",
            "interview__consent",
            "interview__organisation",
            "interview__submission__region__name",
            "interview__submission__region__position",
        )
        .order_by(*order, "position", "pk")
    )
    return list(quotes), counts


def _quote_lines(group: QuoteGroup) -> float:
    chars = sum(len(q) + 3 for q in group.quotes)
    return math.ceil(chars / CHARS_PER_LINE) + 0.6 + (0.8 if group.source else 0)


def _paginate(groups: list[QuoteGroup]) -> list[list[QuoteGroup]]:
    """Deal the groups out to as few slides as keep each within LINES_PER_SLIDE."""
    pages, page, used = [], [], 0.0
    for group in groups:
        lines = _quote_lines(group)
        if page and used + lines > LINES_PER_SLIDE:
            pages.append(page)
            page, used = [], 0.0
        page.append(group)
        used += lines
    if page:
        pages.append(page)
    return pages


MAX_QUOTE_SLIDES_PER_TYPE = 3
# The most interviews whose quotes fit in those slides: a group takes 1.6 lines at least.
MAX_QUOTE_GROUPS_PER_TYPE = math.ceil(MAX_QUOTE_SLIDES_PER_TYPE * LINES_PER_SLIDE / 1.6) + 1


def quote_slides(data: frames.SynthesisData, *, show_names: bool) -> list[Slide]:
    """One slide (or several, numbered) per actor type with quotable quotes."""
    lang = language()
    by_type: dict[str, dict[int, QuoteGroup]] = {}
    rows, counts = _interview_quotes(data)
    for row in rows:
        groups = by_type.setdefault(row["interview__actor_type"], {})
        group = groups.get(row["interview_id"])
        if group is None:
            source = ""
            # Anonymous quotes carry no organisation or region; named ones only when the
            # facilitator shows names, as organisations' names often contain the region's.
            if show_names and row["interview__consent"] == Interview.Consent.NAMED:
                region = row["interview__submission__region__name"]
                source = f"{row['interview__organisation']} · {region}"
            group = groups[row["interview_id"]] = QuoteGroup([], source)
        group.quotes.append(" ".join(row["text"].split()))
    slides = []
    for actor_type in QUOTE_ORDER:
        groups = list(by_type.get(actor_type, {}).values())
        if not groups:
            continue
        title = count_title(actor_type, counts[actor_type], lang)
        # A workshop reads a few slides per actor type; with hundreds of regions the rest
        # stays on the quote wall rather than in a deck nobody can page through.
        pages = _paginate(groups)[:MAX_QUOTE_SLIDES_PER_TYPE]
        for number, page in enumerate(pages, start=1):
            shown = title if number == 1 else f"{title} ({number})"
            slides.append(Slide("quotes", shown, items=page, actor_type=actor_type))
    return slides


def actors_named(data: frames.SynthesisData) -> list[str]:
    """Who was interviewed, as on the seed deck: the public bodies every region has by
    type, other organisations by name where they agreed to be named, otherwise by type."""
    lang = language()
    interviews = data.interviews
    present = set(interviews.actor_type)
    generic = [
        ACTOR_NOUNS[a][lang][2]
        for a in frames.ACTOR_TYPES
        if a in present
        and (
            a in PUBLIC_IN_EVERY_REGION
            or (interviews[interviews.actor_type == a].consent != Interview.Consent.NAMED).any()
        )
    ]
    named = interviews[
        (interviews.consent == Interview.Consent.NAMED)
        & ~interviews.actor_type.isin(PUBLIC_IN_EVERY_REGION)
    ]
    names = sorted(
        {" ".join(o.split()) for o in named.organisation if o.strip()}, key=charts.swedish_key
    )
    actors = list(dict.fromkeys(generic + names))
    if sum(len(a) + 2 for a in actors) <= ACTOR_CHARS_ON_SLIDE:
        return actors
    # A national network's organisations: as many as leave room for the roles under them,
    # and how many more ("… and 3,960 more" takes about 20 characters).
    kept, used = [], 0
    for actor in actors:
        used += len(actor) + 2
        if used > ACTOR_CHARS_ON_SLIDE - 20:
            break
        kept.append(actor)
    return kept + [_more(len(actors) - len(kept))]


def _projected(figure: dict) -> dict:
    """A chart made for a page, made for the wall: fills its slide, larger type, and every
    category labelled (left alone, Plotly drops every other label when they look crowded)."""
    layout = figure.setdefault("layout", {})
    layout.pop("height", None)
    layout["autosize"] = True
    layout.setdefault("font", {})["size"] = CHART_FONT_SIZE
    for trace in figure.get("data", []):
        if trace.get("type") == "heatmap":
            axes = {"xaxis": trace.get("x"), "yaxis": trace.get("y")}
            trace["textfont"] = {"size": CHART_FONT_SIZE}
        elif trace.get("orientation") == "h" or trace.get("type") == "scatter":
            axes = {"yaxis": trace.get("y")}
        else:
            axes = {}
        for axis, values in axes.items():
            if not isinstance(values, list):
                continue
            settings = layout.setdefault(axis, {})
            ticks = settings.setdefault("tickvals", [])
            ticks += [v for v in dict.fromkeys(values) if v is not None and v not in ticks]
            settings.update(tickmode="array", automargin=True)
        if trace.get("type") == "bar" and trace.get("text") is not None:
            trace["textfont"] = {"size": CHART_FONT_SIZE}
            trace["constraintext"] = "none"  # Plotly would shrink the values to the bars
    return figure


def _pages(items: list, per_slide: int) -> list[list]:
    """`items` dealt out evenly to as few slides as hold at most `per_slide` each."""
    count = max(1, math.ceil(len(items) / per_slide))
    size = math.ceil(len(items) / count)
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _numbered(title: str, number: int, count: int) -> str:
    return title if count == 1 else f"{title} ({number}/{count})"


def chart_slides(data: frames.SynthesisData, *, show_names: bool) -> list[Slide]:
    labels = region_labels(data, show_names=show_names)
    comparison = frames.role_comparison(data)
    expectations = frames.actor_expectations(data)
    matrix = frames.region_matrix(data)
    scores = frames.agreement_scores(data, matrix)
    actor_labels = dict(Interview.ActorType.choices)

    # Names in Swedish alphabetical order; anonymised rows read A, B, C… from the top rather
    # than in the hidden alphabetical order.
    if show_names:
        ranked = sorted(labels, key=lambda s: charts.swedish_key(labels[s]))
    else:
        ranked = sorted(labels, key=lambda s: anonymity.label_order(labels[s]))
    order = {slug: i for i, slug in enumerate(ranked)}
    matrix = matrix.assign(_order=matrix.region.map(order)).sort_values(["_order"], kind="stable")
    scores = scores.assign(label=scores.region.map(labels), _order=scores.region.map(order))
    scores = scores.sort_values("_order", kind="stable")
    cells = [
        ("claimed_and_seen", _("claimed and seen")),
        ("claimed_not_seen", _("claimed but not seen")),
        ("seen_not_claimed", _("seen but not claimed")),
        ("neither", _("neither")),
    ]
    slides = [
        Slide(
            "chart",
            _("Self-view and others' view, per role"),
            subtitle=_(
                "Share of the regions that claim the role, and of the interviews that see it"
            ),
            figure=_projected(charts.self_vs_others(comparison, big=True)),
            chart="self_vs_others",
        ),
    ]
    role_pages = _pages(list(data.role_names), HEATMAP_ROLES_PER_SLIDE)
    for number, roles in enumerate(role_pages, start=1):
        names = {role: data.role_names[role] for role in roles}
        slides.append(
            Slide(
                "chart",
                _numbered(_("What each kind of actor expects"), number, len(role_pages)),
                subtitle=_(
                    "Percentage of each actor type's interviews that see the region in the role"
                ),
                figure=_projected(
                    charts.actor_heatmap(expectations, names, actor_labels, big=True)
                ),
                chart="actor_heatmap",
            )
        )
    shown = ranked
    fits = HEATMAP_ROWS_PER_SLIDE * MAX_REGION_SLIDES
    if len(ranked) > fits:
        # Highest agreement first, then most roles both claimed and seen; equal ones in the
        # labels' order (never the hidden alphabetical one).
        top = scores.assign(_both=scores.both.astype(int)).sort_values(
            ["score", "_both", "_order"], ascending=[False, False, True], kind="stable"
        )
        shown = list(top.region[:fits])
    region_pages = _pages(shown, HEATMAP_ROWS_PER_SLIDE)
    for number, regions in enumerate(region_pages, start=1):
        place = {slug: i for i, slug in enumerate(regions)}
        rows = matrix[matrix.region.isin(place)]
        rows = rows.assign(_row=rows.region.map(place)).sort_values("_row", kind="stable")
        slides.append(
            Slide(
                "chart",
                _numbered(_("Regions × roles"), number, len(region_pages)),
                figure=_projected(charts.region_heatmap(rows, data.role_names, labels, big=True)),
                note=_top_note(len(shown), len(ranked)) if shown is not ranked else "",
                legend=cells,
                chart="region_heatmap",
            )
        )
    # agreement_bars draws the lowest score at the bottom, equal scores in the given order
    # upwards: read from the top, the highest first and equal scores in the rows' order.
    # Dealt out from the top, slide 1 holds the highest scores.
    ascending = scores.sort_values(["score", "_order"], ascending=[True, False])
    top_down = list(range(len(ascending)))[::-1]
    bars = top_down[: BAR_ROWS_PER_SLIDE * MAX_AGREEMENT_SLIDES]
    bar_pages = _pages(bars, BAR_ROWS_PER_SLIDE)
    for number, rows in enumerate(bar_pages, start=1):
        page = ascending.iloc[sorted(rows)]
        cut = len(bars) < len(top_down)
        slides.append(
            Slide(
                "chart",
                _numbered(_("Agreement per region"), number, len(bar_pages)),
                subtitle=_("Roles both claimed and seen, of the roles claimed or seen"),
                figure=_projected(charts.agreement_bars(page, big=True, label_column="label")),
                note=_top_note(len(bars), len(top_down)) if cut else "",
                chart="agreement",
            )
        )
    return slides


def _top_note(shown: int, total: int) -> str:
    """Under a chart showing some of the regions: which, and where every region is."""
    return _(
        "The %(shown)d of %(total)d regions that agree most · all of them: the dashboards,"
        " Regions × roles"
    ) % {"shown": shown, "total": total}


def deck(assignment: Assignment, *, show_names: bool) -> list[Slide]:
    """The whole deck for one assignment, in the seed deck's order, and how the view moved
    since the round before (a few queries)."""
    data = synthesis_cache.synthesis_data(assignment)
    slides = [
        Slide(
            "title", "REGLAB", subtitle=_("Learning project on integration"), note=assignment.title
        ),
        _homework_slide(assignment),
        _received_slide(data),
        Slide(
            "own_view",
            _("The regions' view of their role"),
            items=frames.word_cloud(data, own=True),
        ),
        _others_slide(data),
    ]
    slides += quote_slides(data, show_names=show_names)
    if not data.empty:
        slides += chart_slides(data, show_names=show_names)
        earlier = earlier_round(assignment)
        if earlier is not None:
            slides += change_slides(data, synthesis_cache.synthesis_data(earlier), earlier)
    return slides


def change_slides(data: frames.SynthesisData, before: frames.SynthesisData, earlier) -> list:
    """How the view of each role moved since the round before (none if it has no
    handed-in homework): the regions' own view, then the other actors'."""
    if before.empty:
        return []
    change = frames.round_change(data, before)
    labels = {"before": earlier.title, "now": data.assignment.title}
    views = [
        (
            _("The regions' own view, then and now"),
            _(
                "Share of the regions that claim the role: the earlier round (ring) and"
                " this round (dot)"
            ),
            "claim_share",
            charts.BLUE,
        ),
        (
            _("Other actors' view, then and now"),
            _(
                "Share of the interviews that see the role: the earlier round (ring) and"
                " this round (dot)"
            ),
            "seen_share",
            charts.AMBER,
        ),
    ]
    return [
        Slide(
            "chart",
            title,
            subtitle=subtitle,
            figure=_projected(
                charts.round_change(change, share=share, colour=colour, big=True, **labels)
            ),
            chart="round_change",
        )
        for title, subtitle, share, colour in views
    ]


def _homework_slide(assignment: Assignment) -> Slide:
    n = assignment.min_interviews
    deadline = formats.date_format(assignment.deadline, "j F Y")
    note = ngettext(
        "At least %(n)d interview · deadline %(deadline)s",
        "At least %(n)d interviews · deadline %(deadline)s",
        n,
    ) % {"n": n, "deadline": deadline}
    return Slide(
        "homework", _("Homework"), items=homework_bullets(assignment.instructions), note=note
    )


def _received_slide(data: frames.SynthesisData) -> Slide:
    deadline = data.assignment.deadline
    regions = [
        {"name": name, "late": bool(when and when > deadline)}
        for name, when in zip(data.regions.region_name, data.regions.submitted_at, strict=True)
    ]
    total = Region.objects.count()
    note = ngettext(
        "%(count)d of %(total)d region has handed in",
        "%(count)d of %(total)d regions have handed in",
        total,
    ) % {"count": len(regions), "total": total}
    if len(regions) > MAX_NAMES_ON_SLIDE:
        # Thousands of names are neither read on a wall nor light: the late ones first, then
        # the others in the regions' order, and how many more (the note gives the count).
        regions.sort(key=lambda region: not region["late"])  # stable
        more = len(regions) - (MAX_NAMES_ON_SLIDE - 1)
        regions = regions[: MAX_NAMES_ON_SLIDE - 1] + [{"name": _more(more), "late": False}]
    return Slide("received", _("Submissions received"), items=regions, note=note)


def _more(n: int) -> str:
    """The last item of a list cut short: "… and 3,960 more"."""
    count = formats.number_format(n, force_grouping=True)
    return ngettext("… and %(count)s more", "… and %(count)s more", n) % {"count": count}


def _others_slide(data: frames.SynthesisData) -> Slide:
    comparison = frames.role_comparison(data)
    seen = comparison[comparison.interviews_seeing > 0].sort_values(
        ["interviews_seeing", "position"], ascending=[False, True]
    )
    themes = [
        {"name": name, "count": int(count)}
        for name, count in zip(seen.name.head(6), seen.interviews_seeing.head(6), strict=True)
    ]
    note = ngettext("%(n)d interview", "%(n)d interviews", len(data.interviews)) % {
        "n": len(data.interviews)
    }
    return Slide(
        "others_view",
        _("Other actors' view of the regions"),
        items=actors_named(data),
        points=themes,
        note=note,
    )


def version(assignment: Assignment, *, show_names: bool) -> str:
    """A short hash of what the deck shows: the generation of the data (synthesis/cache.py,
    moved by every write the synthesis reads), the names flag and the language. One read of
    the cache and no query: 200 projected decks poll it every few seconds, whatever the
    size of the network, and only a deck whose version is behind fetches slides."""
    state = f"{synthesis_cache.generation()}:{assignment.pk}:{show_names}:{language()}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def slides(assignment: Assignment, *, show_names: bool) -> dict:
    """The slides' HTML, its version and its number of slides, rendered once per generation
    and shared by every projected deck (it holds no per-user data, no CSRF token). While
    another request or the worker builds new slides, the previous ones are answered (with
    their own version, so a deck that has them is told there is nothing new yet), and the
    deck asks again at its next poll."""
    deck_path = reverse("workshop:deck", args=[assignment.pk])

    def compute():
        # The version first: slides built from data newer than it are fetched again, while
        # a version newer than the data would keep a deck on old slides.
        built = version(assignment, show_names=show_names)
        shown = deck(assignment, show_names=show_names)
        context = {"slides": shown, "show_names": show_names, "version": built}
        html = render_to_string("workshop/_slides.html", context | {"deck_path": deck_path})
        return {"html": html, "count": len(shown), "version": built}

    return synthesis_cache.cached(
        "deck", assignment, compute, show_names, deck_path, previous=True
    )
