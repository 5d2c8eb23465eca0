"""Every chart of the synthesis, built with plotly.graph_objects from the tidy frames.

plotly.express would cost 70–300 ms per figure here; graph_objects costs a few.
Charts return plain dicts (figure JSON) that templates hand to the page with
json_script and static/js/charts.js draws. Text from users and the taxonomy is
HTML-escaped, because Plotly renders a subset of HTML in labels and hover texts.
"""

import json
from html import escape

import pandas as pd
import plotly.graph_objects as go
from django.utils.translation import gettext as _

BLUE = "#123f6d"
AMBER = "#f2a900"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
CELL_COLOURS = {
    "neither": "#f1f3f5",
    "claimed_not_seen": "#9ec5fe",
    "seen_not_claimed": "#ffd571",
    "claimed_and_seen": "#198754",
}


def _layout(fig: go.Figure, *, height: int, big: bool = False, margin: int = 10, **extra) -> dict:
    size = 22 if big else 14
    extra = {"legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}} | extra
    fig.update_layout(
        height=height,
        margin={"l": margin, "r": margin, "t": 30 + margin, "b": margin},
        font={"family": FONT, "size": size, "color": "#111"},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        **extra,
    )
    return json.loads(fig.to_json())


def self_vs_others(comparison: pd.DataFrame, *, big: bool = False) -> dict:
    """Per role: share of regions claiming it against share of interviews seeing it."""
    frame = comparison.iloc[::-1]  # the largest gap at the top of a horizontal chart
    names = [escape(n) for n in frame.name]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=frame.claim_share,
        orientation="h",
        name=_("The regions themselves"),
        marker_color=BLUE,
        customdata=frame.regions_claiming,
        hovertemplate="%{y}: %{x:.0%} " + _("of the regions") + " (%{customdata})<extra></extra>",
    )
    fig.add_bar(
        y=names,
        x=frame.seen_share,
        orientation="h",
        name=_("Other actors"),
        marker_color=AMBER,
        customdata=frame.interviews_seeing,
        hovertemplate="%{y}: %{x:.0%} "
        + _("of the interviews")
        + " (%{customdata})<extra></extra>",
    )
    return _layout(
        fig,
        height=max(320, 34 * len(frame) + 80) if not big else 860,
        big=big,
        barmode="group",
        xaxis={"tickformat": ".0%", "range": [0, 1], "gridcolor": "#ddd"},
        yaxis={"automargin": True},
    )


def region_radar(matrix: pd.DataFrame, names: dict[str, str], *, big: bool = False) -> dict:
    """One region: the roles it claims against the share of its interviews that see them."""
    labels = [escape(names[r]) for r in matrix.role]
    fig = go.Figure()
    fig.add_trace(
        go.Scatterpolar(
            r=list(matrix.claimed.astype(float)) + [float(matrix.claimed.iloc[0])],
            theta=labels + labels[:1],
            name=_("Claimed by the region"),
            line={"color": BLUE, "width": 3},
            fill="toself",
            fillcolor="rgba(18,63,109,0.15)",
            hovertemplate="%{theta}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatterpolar(
            r=list(matrix.seen_share) + [float(matrix.seen_share.iloc[0])],
            theta=labels + labels[:1],
            name=_("Seen by the interviewed actors"),
            line={"color": AMBER, "width": 3},
            fill="toself",
            fillcolor="rgba(242,169,0,0.2)",
            hovertemplate="%{theta}: %{r:.0%}<extra></extra>",
        )
    )
    return _layout(
        fig,
        height=640 if big else 540,
        big=big,
        margin=90,
        # Below the chart: above it, the legend covered the top role's name.
        legend={"orientation": "h", "y": -0.14, "yanchor": "top", "x": 0.5, "xanchor": "center"},
        polar={
            "radialaxis": {
                "range": [0, 1],
                "tickformat": ".0%",
                "gridcolor": "#ccc",
                "angle": 90,
                "tickangle": 90,
                "tickfont": {"size": 11, "color": "#555"},
            },
            "angularaxis": {"gridcolor": "#ccc", "rotation": 90, "direction": "clockwise"},
            "bgcolor": "#fafbfc",
        },
    )


def agreement_bars(
    scores: pd.DataFrame, *, big: bool = False, label_column="region_name", highlight: str = ""
) -> dict:
    """A bar per region of `scores`, the highest at the top. `highlight`, a region's slug:
    its bar in amber, where a chart of the top regions shows the region of the page too."""
    frame = scores.sort_values("score", kind="stable")  # equal scores keep the given order
    colour = [AMBER if r == highlight else BLUE for r in frame.region] if highlight else BLUE
    fig = go.Figure(
        go.Bar(
            y=[escape(str(n)) for n in frame[label_column]],
            x=frame.score,
            orientation="h",
            marker_color=colour,
            text=[f"{s:.0%}" for s in frame.score],
            textposition="outside",
            hovertemplate="%{y}: %{x:.0%}<extra></extra>",
        )
    )
    return _layout(
        fig,
        height=max(300, 30 * len(frame) + 60),
        big=big,
        xaxis={"tickformat": ".0%", "range": [0, 1.1], "gridcolor": "#ddd"},
        yaxis={"automargin": True},
    )


def actor_heatmap(
    expectations: pd.DataFrame,
    names: dict[str, str],
    actor_labels: dict,
    *,
    big: bool = False,
    expected_only: bool = False,
) -> dict:
    """Actor types × roles: what each kind of actor expects of the regions: the share of
    its interviews that see the region in the role (the hover says how many of them as an
    expectation: a wish, a need, a lack), or with expected_only the share that expect it."""
    value = "expected_share" if expected_only else "share"
    table = expectations.pivot(index="actor_type", columns="role", values=value)
    counts = expectations.pivot(index="actor_type", columns="role", values="interviews")
    seen = expectations.pivot(index="actor_type", columns="role", values="seen")
    expected = expectations.pivot(index="actor_type", columns="role", values="expected")
    roles = [r for r in names if r in table.columns]
    table, counts, seen, expected = table[roles], counts[roles], seen[roles], expected[roles]
    # Rows in the alphabetical order of their labels in this language (å, ä, ö last).
    order = sorted(table.index, key=lambda a: swedish_key(str(actor_labels.get(a, a))))
    table, counts = table.loc[order], counts.loc[order]
    seen, expected = seen.loc[order], expected.loc[order]
    y = [escape(f"{actor_labels.get(a, a)} ({int(counts.loc[a].iloc[0])})") for a in table.index]
    # On the wall the numbers go without "%" (the slide says percent): wider cells' worth.
    cell = "{:.0f}" if big else "{:.0%}"
    # Per cell: interviews seeing the role, and how many of them as an expectation.
    customdata = [
        [[int(s), int(e)] for s, e in zip(s_row, e_row, strict=True)]
        for s_row, e_row in zip(seen.values, expected.values, strict=True)
    ]
    hover = (
        "%{y} → %{x}: %{z:.0%}<br>"
        + _("interviews seeing the role: %(seen)s, of which expectations: %(expected)s")
        % {"seen": "%{customdata[0]}", "expected": "%{customdata[1]}"}
        + "<extra></extra>"
    )
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=[escape(names[r]) for r in roles],
            y=y,
            zmin=0,
            zmax=1,
            colorscale=[[0, "#ffffff"], [1, AMBER if expected_only else BLUE]],
            text=[
                [cell.format(v * 100 if big else v) if v else "" for v in row]
                for row in table.values
            ],
            texttemplate="%{text}",
            customdata=customdata,
            hovertemplate=hover,
            colorbar={"tickformat": ".0%"},
            showscale=not big,  # on the wall every cell carries its number
        )
    )
    return _layout(
        fig,
        height=max(320, 48 * len(y) + 200),
        big=big,
        xaxis={"tickangle": -40, "automargin": True},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def actor_expectation_rows(
    expectations: pd.DataFrame, names: dict[str, str], actor_labels: dict
) -> list[dict]:
    """The actor chart as a table: per actor type, the roles its interviews see, with how
    many of them expect the role (wish, need, lack), most expected first."""
    rows = []
    order = sorted(
        expectations.actor_type.unique(), key=lambda a: swedish_key(str(actor_labels.get(a, a)))
    )
    position = {role: i for i, role in enumerate(names)}
    for actor_type in order:
        group = expectations[(expectations.actor_type == actor_type) & (expectations.seen > 0)]
        group = group[group.role.isin(position)]
        ranked = sorted(
            zip(group.role, group.seen, group.expected, strict=True),
            key=lambda r: (-r[2], -r[1], position[r[0]]),
        )
        interviews = expectations.loc[expectations.actor_type == actor_type, "interviews"]
        rows.append(
            {
                "label": actor_labels.get(actor_type, actor_type),
                "interviews": int(interviews.iloc[0]) if len(interviews) else 0,
                "roles": [
                    {"name": names[role], "seen": int(s), "expected": int(e)}
                    for role, s, e in ranked
                ],
            }
        )
    return rows


SWEDISH_LAST = str.maketrans({"å": "{", "ä": "|", "ö": "}"})


def swedish_key(text: str) -> str:
    """Sort key in Swedish alphabetical order: å, ä, ö after z (code points give ä, å, ö)."""
    return text.lower().translate(SWEDISH_LAST)


CELL_CODES = {"neither": 0, "claimed_not_seen": 1, "seen_not_claimed": 2, "claimed_and_seen": 3}


def region_heatmap(
    matrix: pd.DataFrame,
    names: dict[str, str],
    region_labels: dict[str, str],
    *,
    cell_url: str = "",
    big: bool = False,
) -> dict:
    """Regions × roles, each cell one of the four: claimed and seen, claimed only, seen only,
    neither. With `cell_url` (a URL with REGION and ROLE in it), the layout's `meta` carries
    it and the regions' and roles' slugs, from which charts.js opens a clicked cell."""
    regions = list(dict.fromkeys(matrix.region))
    roles = [r for r in names if r in set(matrix.role)]
    cells = {
        (region, role): (cell, seen, interviews)
        for region, role, cell, seen, interviews in zip(
            matrix.region,
            matrix.role,
            matrix.cell,
            matrix.seen.tolist(),
            matrix.interviews.tolist(),
            strict=True,
        )
    }
    cell_names = {
        "neither": _("neither"),
        "claimed_not_seen": _("claimed but not seen"),
        "seen_not_claimed": _("seen but not claimed"),
        "claimed_and_seen": _("claimed and seen"),
    }
    z, text = [], []
    for region in regions:
        z_row, text_row = [], []
        for role in roles:
            cell, seen, interviews = cells[(region, role)]
            z_row.append(CELL_CODES[cell])
            text_row.append(f"{cell_names[cell]} · {seen}/{interviews}")
        z.append(z_row)
        text.append(text_row)
    colours = [CELL_COLOURS[k] for k in CELL_CODES]
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / 4, colour], [(i + 1) / 4, colour]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[escape(names[r]) for r in roles],
            y=[escape(region_labels[r]) for r in regions],
            zmin=-0.5,
            zmax=3.5,
            colorscale=scale,
            text=text,
            hovertemplate="%{y} · %{x}<br>%{text}<extra></extra>",
            xgap=2,
            ygap=2,
            showscale=False,
        )
    )
    if cell_url:
        fig.update_layout(meta={"cell_url": cell_url, "regions": regions, "roles": roles})
    return _layout(
        fig,
        height=max(360, 34 * len(regions) + 220),
        big=big,
        # Steeper on the wall: 17 roles' names side by side on a 1024 px projector.
        xaxis={"tickangle": -60 if big else -40, "automargin": True, "side": "top"},
        yaxis={"automargin": True, "autorange": "reversed"},
    )


def round_change(
    change: pd.DataFrame, *, share: str, colour: str, before: str, now: str, big: bool = False
) -> dict:
    """Per role, a line from the earlier round's share to this round's (share is
    "claim_share" or "seen_share"): how the view moved between the two rounds."""
    frame = change.iloc[::-1]  # the largest change at the top
    names = [escape(n) for n in frame.name]
    earlier, current = frame[f"{share}_before"], frame[share]
    lines_x, lines_y = [], []
    for name, a, b in zip(names, earlier, current, strict=True):
        lines_x += [a, b, None]
        lines_y += [name, name, None]
    fig = go.Figure()
    fig.add_scatter(
        x=lines_x,
        y=lines_y,
        mode="lines",
        line={"color": "#adb5bd", "width": 4},
        hoverinfo="skip",
        showlegend=False,
    )
    fig.add_scatter(
        x=earlier,
        y=names,
        mode="markers",
        name=escape(before),
        marker={"color": "#fff", "size": 13, "line": {"color": "#6c757d", "width": 2}},
        hovertemplate="%{y}: %{x:.0%} (" + escape(before) + ")<extra></extra>",
    )
    fig.add_scatter(
        x=current,
        y=names,
        mode="markers",
        name=escape(now),
        marker={"color": colour, "size": 15},
        hovertemplate="%{y}: %{x:.0%} (" + escape(now) + ")<extra></extra>",
    )
    return _layout(
        fig,
        height=max(320, 30 * len(frame) + 90),
        big=big,
        xaxis={"tickformat": ".0%", "range": [-0.03, 1.03], "gridcolor": "#ddd"},
        yaxis={"automargin": True},
    )


def _warm_plotly() -> None:
    """Plotly builds its validators and default template on a process's first figure
    (0.3–0.5 s on a slow machine, each kind of trace its own): pay it when this module is
    imported (at a server's start, see reglab/wsgi.py), not in the first viewer's request."""
    traces = [
        go.Bar(x=[0], y=["a"], orientation="h", marker={"color": BLUE}, text=["a"]),
        go.Scatter(x=[0], y=["a"], mode="markers+text", marker={"symbol": "circle-open"}),
        go.Heatmap(z=[[0]], x=["a"], y=["a"], colorscale=[[0, BLUE], [1, AMBER]], xgap=1),
        go.Scatterpolar(r=[0], theta=["a"], fill="toself"),
    ]
    _layout(go.Figure(traces), height=100, xaxis={"tickformat": ".0%"}, yaxis={"automargin": True})


_warm_plotly()
