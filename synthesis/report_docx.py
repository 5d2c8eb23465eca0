"""The printable report as an editable Word file, for facilitators who write the workshop's
documentation in Word (python-docx).

It holds the HTML report's content, computed as the HTML report computes it
(`dashboards.report()`): the same sections, tables and figures, the quotes as the quote wall's
consent allows (synthesis/quotes.py) and, in the version for the regions, the regions under
their stand-ins (synthesis/anonymity.py). The one chart is drawn again as a PNG with
matplotlib, from the frame the Plotly chart is drawn from. Text, tables and headings stay
text, so the file can be edited; a table's header row repeats on every page it spans.
"""

import io
import textwrap
from collections.abc import Iterable

from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

from . import cache, charts, dashboards, frames

BLUE = RGBColor.from_string(charts.BLUE[1:])
GREY = RGBColor.from_string("555555")
CLOUD_COLOURS = {"own": BLUE, "others": RGBColor.from_string("8A5A00")}  # as report.css
CLOUD_POINTS = {1: 10, 2: 12, 3: 15, 4: 18, 5: 22, 6: 26}  # report.css's .w1 … .w6
MARGIN = Cm(1.6)  # at the sides, as the printed HTML report's
TEXT_WIDTH = Cm(21) - 2 * MARGIN
CHART_WIDTH_INCHES = 6.3  # a little less
# DejaVu Sans comes with matplotlib: the same glyphs (å, ä, ö) on every server, no download.
CHART_STYLE = {"font.family": "DejaVu Sans", "font.size": 11}


def report_document(assignment, filters: frames.Filters, *, show_names: bool) -> bytes:
    """The report as a .docx in the current language, built once per generation of the
    data, filters and choice of names (cache.py), like the HTML report."""

    def compute() -> bytes:
        data = cache.synthesis_data(assignment, filters)
        context = dashboards.summary(data) | dashboards.report(show_names)(data)
        return _word(assignment, context, now=timezone.now())

    return cache.cached("report-docx", assignment, compute, filters, show_names)


# Figures written as the HTML template writes them, so that the two read alike.


def _number(value) -> str:
    return formats.localize(value)


def _percent(share) -> str:
    """As {% widthratio share 1 100 %} %, the % kept with its number."""
    return f"{round(float(share) * 100)}\u00a0%"


def _date(value, format_string: str) -> str:
    """As the template's |date: in the portal's time zone, the month in this language."""
    if value is None:
        return ""
    return dateformat.format(timezone.localtime(value), format_string)


def _points(points: str) -> str:
    return f"{points}\u00a0" + pgettext("abbreviation of percentage points, after a number", "pp")


# The document


def _word(assignment, context: dict, *, now) -> bytes:
    document = Document()
    _set_up(document, assignment)
    _cover(document, assignment, now)
    _received(document, assignment, context)
    _clouds(document, context)
    _comparison(document, context["comparison"])
    _actors(document, context["actor_rows"])
    if context.get("change"):
        _change(document, context["earlier"], context["change"])
    _profiles(document, context)
    _quotes(document, context["quotes_by_type"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up(document, assignment) -> None:
    """A4 with the printed report's margins, the document's language (spelling, screen
    readers) and title, and headings in REGLAB's blue."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(1.8)
        section.left_margin = section.right_margin = MARGIN
    language = "en-GB" if (get_language() or "sv").startswith("en") else "sv-SE"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), language)
    document.core_properties.language = language
    document.core_properties.title = assignment.title
    document.core_properties.author = "REGLAB"
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = BLUE


def _cover(document, assignment, now) -> None:
    kicker = document.add_paragraph()
    run = kicker.add_run("REGLAB · " + _("Learning project on integration"))
    run.font.all_caps = True
    run.font.color.rgb = GREY
    document.add_heading(assignment.title, level=0)
    document.add_paragraph(_("Synthesis of the regions' homework") + " · " + _date(now, "j F Y"))


def _table(
    document, header: list[str], rows: Iterable[list[str]], widths: list[float], points=None
):
    """A table of text across the page, its columns as wide as `widths` (shares, a number
    column's negative: its text goes right), in type of `points` when given, its header row
    bold and repeated on every page."""
    rows = list(rows)
    total = sum(abs(w) for w in widths)
    columns = [int(TEXT_WIDTH * abs(w) / total) for w in widths]
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    table.style = "Table Grid"
    for column, width in zip(table.columns, columns, strict=True):
        column.width = width  # LibreOffice reads the grid, Word each cell's width
    for row, values in zip(table.rows, [header, *rows], strict=True):
        for cell, value, width, weight in zip(row.cells, values, columns, widths, strict=True):
            cell.text = value
            cell.width = width
            paragraph = cell.paragraphs[0]
            if points:
                paragraph.runs[0].font.size = Pt(points)
            paragraph.paragraph_format.space_after = Pt(0)  # rows as tight as on the page
            if weight < 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    first = table.rows[0]
    for cell in first.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    first._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.add_paragraph()  # the space after a table, as on the page
    return table


def _paragraph(document, style_id: str, text: str = "") -> Paragraph:
    """A paragraph at the end of the document, in a style of python-docx's template given by
    its id. document.add_paragraph() finds the end by a scan of the body, and a style by a
    scan of every style: a thousand regions' profiles took 9 s that way."""
    p = OxmlElement("w:p")
    p.style = style_id
    document.element.body[-1].addprevious(p)  # before the section properties, always last
    paragraph = Paragraph(p, document)
    if text:
        paragraph.add_run(text)
    return paragraph


def _section(document, title: str, *, new_page: bool = False) -> None:
    """A section's heading; `new_page` where the printed HTML report starts a page."""
    heading = document.add_heading(title, level=1)
    heading.paragraph_format.page_break_before = new_page


def _received(document, assignment, context: dict) -> None:
    _section(document, _("Submissions received"))
    n = context["region_count"]
    handed = ngettext("%(n)s region handed in", "%(n)s regions handed in", n) % {"n": n}
    deadline = _date(assignment.deadline, "j F Y H:i")
    document.add_paragraph(f"{handed} · {_('Deadline')} {deadline}")
    late = _("late")
    _table(
        document,
        [_("Region"), _("Submitted at"), _("Interviews")],
        (
            [
                row["region"] + (f" · {late}" if row["late"] else ""),
                _date(row["submitted_at"], "j N Y"),
                _number(row["interviews"]),
            ]
            for row in context["received"]
        ),
        widths=[3, 2, -1],
    )
    if context.get("received_more"):
        n = context["received_more"]
        document.add_paragraph(
            ngettext(
                "And %(n)s more region, listed under Submissions received in the portal.",
                "And %(n)s more regions, listed under Submissions received in the portal.",
                n,
            )
            % {"n": _number(n)}
        )
    if context["not_handed_in"]:
        names = ", ".join(context["not_handed_in"])
        if n := context.get("not_handed_in_more"):
            names += " " + ngettext("and %(n)s more", "and %(n)s more", n) % {"n": _number(n)}
        document.add_paragraph(_("Not handed in:") + " " + names)


def _clouds(document, context: dict) -> None:
    """The role words, sized as on the page: the bigger, the more regions (or interviews)
    use them."""
    for kind, heading, words in (
        ("own", _("The regions' view of their role"), context["own_words"]),
        ("others", _("Other actors' view of the regions"), context["others_words"]),
    ):
        _section(document, heading)
        cloud = document.add_paragraph()
        cloud.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not words:
            cloud.add_run(_("No roles yet."))
        for word in words:
            run = cloud.add_run(word["name"])
            run.bold = True
            run.font.size = Pt(CLOUD_POINTS[word["size"]])
            run.font.color.rgb = CLOUD_COLOURS[kind]
            cloud.add_run("   ")


def _comparison(document, comparison: list[dict]) -> None:
    _section(document, _("Self-view and others' view, per role"), new_page=True)
    picture = (
        document.add_paragraph()
        .add_run()
        .add_picture(io.BytesIO(comparison_png(comparison)), width=Inches(CHART_WIDTH_INCHES))
    )
    # The picture's alternative text (python-docx has no API for it).
    picture._inline.docPr.set(
        "descr",
        _(
            "Bar chart: per role, the share of the regions that claim it and the share of "
            "the interviews that see it. The table below gives the figures."
        ),
    )
    _table(
        document,
        [_("Role"), _("Regions claiming"), _("Interviews seeing")],
        (
            [
                row["name"],
                f"{_number(row['regions_claiming'])} ({_percent(row['claim_share'])})",
                f"{_number(row['interviews_seeing'])} ({_percent(row['seen_share'])})",
            ]
            for row in comparison
        ),
        widths=[3, -1.5, -1.5],
    )


def _actors(document, actor_rows: list[dict]) -> None:
    _section(document, _("What each kind of actor expects of the regions"))
    _table(
        document,
        [_("Actor type"), _("Interviews"), _("Roles they see most")],
        (
            [
                str(row["label"]),
                _number(row["interviews"]),
                ", ".join(f"{name} ({_percent(share)})" for name, share in row["roles"]) or "–",
            ]
            for row in actor_rows
        ),
        widths=[1.6, -1, 4],
    )


def _change(document, earlier, change: list[dict]) -> None:
    _section(document, _("Since “%(title)s”") % {"title": earlier.title})
    document.add_paragraph(
        _("The change is in percentage points; the roles that changed most come first.")
    )
    _table(
        document,
        [
            _("Role"),
            _("Regions claiming, then"),
            _("now"),
            _("change (percentage points)"),
            _("Interviews seeing, then"),
            _("now"),
            _("change (percentage points)"),
        ],
        (
            [
                row["name"],
                _percent(row["claim_share_before"]),
                _percent(row["claim_share"]),
                _points(row["claim_points"]),
                _percent(row["seen_share_before"]),
                _percent(row["seen_share"]),
                _points(row["seen_points"]),
            ]
            for row in change
        ),
        widths=[3, -2.4, -1.4, -3.6, -2.4, -1.4, -3.6],
        points=9,  # seven columns on a portrait page
    )


def _profiles(document, context: dict) -> None:
    """Every region's profile; in a national network those that agree most and the few
    that agree least, and a sentence on where the rest are (dashboards.report)."""
    _section(document, _("Region profiles"), new_page=True)
    least = context.get("profiles_least", [])
    if context.get("profiles_hidden") or least:
        total = context["profiles_total"]
        document.add_paragraph(
            ngettext(
                "%(total)s region handed in.",
                "%(total)s regions handed in: here the %(shown)s whose own view and the"
                " others' view agree most and the %(least)s that agree least. The other"
                " %(hidden)s are on the dashboards, under Regions × roles, a page at a time.",
                total,
            )
            % {
                "total": _number(total),
                "shown": _number(len(context["profiles"])),
                "least": _number(len(least)),
                "hidden": _number(context["profiles_hidden"]),
            }
        )
        _paragraph(document, "Heading2", _("The regions that agree most"))
    _profile_list(document, context["profiles"])
    if least:
        _paragraph(document, "Heading2", _("The regions that agree least"))
        _profile_list(document, least)


def _profile_list(document, profiles: list[dict]) -> None:
    cells = (
        ("claimed_and_seen", _("Claimed and seen")),
        ("claimed_not_seen", _("Claimed but not seen")),
        ("seen_not_claimed", _("Seen but not claimed (blind spot)")),
    )
    for profile in profiles:
        heading = _paragraph(document, "Heading2", profile["name"] + " ")
        score = heading.add_run(f"{_percent(profile['score'])} {_('agreement')}")
        score.bold = False
        score.font.size = Pt(11)
        score.font.color.rgb = GREY
        for cell, label in cells:
            line = _paragraph(document, "NoSpacing")
            line.add_run(f"{label}: ").bold = True
            line.add_run(", ".join(profile["cells"][cell]) or "–")


def _quotes(document, groups: list[dict]) -> None:
    _section(document, _("Quotes"), new_page=True)
    document.add_paragraph(
        _(
            "Interviewees who must not be quoted never appear; anonymous quotes show the "
            "actor type only."
        )
    ).runs[0].font.color.rgb = GREY
    if not groups:
        document.add_paragraph(_("No quotes match."))
    for group in groups:
        document.add_heading(str(group["label"]), level=2)
        for quote in group["quotes"]:
            quoted = document.add_paragraph(f"”{quote.text}”", style="Quote")
            quoted.paragraph_format.left_indent = Cm(0.6)
            if quote.organisation:
                source = quote.organisation + (f", {quote.region}" if quote.region else "")
                cite = document.add_paragraph(source)
                cite.runs[0].font.color.rgb = GREY
        if group["more"]:
            n = group["more"]
            document.add_paragraph(
                ngettext(
                    "And %(n)s more quote on the quote wall.",
                    "And %(n)s more quotes on the quote wall.",
                    n,
                )
                % {"n": n}
            )


# The chart


def comparison_figure(comparison: list[dict]):
    """The report's chart (charts.self_vs_others) for paper: per role, the share of
    the regions claiming it and of the interviews seeing it, the largest gap at the top, each
    bar with its percentage. Large type, long role names wrapped onto two lines, and a row
    of height for each role, so that no label runs into another."""
    # matplotlib costs about a second to import: only this download needs it.
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    rows = comparison[::-1]  # matplotlib draws the first row at the bottom
    height = min(max(3.2, 0.5 * len(rows) + 1.4), 9.5)  # at most a page
    # Two lines of a role's name fit in its row: smaller type only for a long taxonomy.
    row_points = (height - 1.4) * 72 / max(len(rows), 1)
    name_size = min(11, row_points / 2.6)
    with matplotlib.rc_context(CHART_STYLE):
        figure = Figure(figsize=(CHART_WIDTH_INCHES, height), dpi=200, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        positions = range(len(rows))
        series = (
            (_("The regions themselves"), "claim_share", charts.BLUE, 0.2),
            (_("Other actors"), "seen_share", charts.AMBER, -0.2),
        )
        for label, column, colour, offset in series:
            shares = [float(row[column]) for row in rows]
            bars = axes.barh(
                [p + offset for p in positions], shares, height=0.38, color=colour, label=label
            )
            # A bar's share at its end; an empty row says 0 % well enough.
            labels = [_percent(s) if s else "" for s in shares]
            axes.bar_label(bars, labels=labels, padding=3, fontsize=min(9, name_size))
        names = [textwrap.fill(row["name"], 24, max_lines=2, placeholder="…") for row in rows]
        axes.set_yticks(list(positions), names)
        axes.set_ylim(-0.6, len(rows) - 0.4)
        axes.set_xlim(0, 1.15)  # room for the label of a bar at 100 %
        axes.set_xticks([0, 0.25, 0.5, 0.75, 1])
        axes.xaxis.set_major_formatter(FuncFormatter(lambda share, _position: _percent(share)))
        axes.grid(axis="x", color="#dddddd")
        axes.set_axisbelow(True)
        axes.tick_params(axis="y", length=0, labelsize=name_size)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.legend(loc="outside upper left", ncols=2, frameon=False)
    return figure


def comparison_png(comparison: list[dict]) -> bytes:
    import matplotlib

    figure = comparison_figure(comparison)
    out = io.BytesIO()
    with matplotlib.rc_context(CHART_STYLE):
        figure.savefig(out, format="png", facecolor="white")
    return out.getvalue()
