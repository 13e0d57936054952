"""Plotly figures that compare townships' rates: the reach–cases quadrant scatter, the funnel plot and monthly
small multiples. Each township point carries its code as customdata, so a click can select it."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from fraudfree.charts import FONT, SELECTED_LINE

QUADRANT_COLOURS = {"consolidate": "#1b7837", "investigate": "#e08214", "watch": "#4a7fb5", "priority": "#b2182b"}
# Where each quadrant's name sits: (x, y) in paper coordinates and the text's anchors.
QUADRANT_CORNERS = {
    "priority": (0.01, 0.99, "left", "top"),
    "investigate": (0.99, 0.99, "right", "top"),
    "watch": (0.01, 0.01, "left", "bottom"),
    "consolidate": (0.99, 0.01, "right", "bottom"),
}
FUNNEL_COLOURS = {
    "above_998": "#b2182b",
    "above_95": "#ef8a62",
    "within": "#6b8fb3",
    "below_95": "#7fbf7b",
    "below_998": "#1b7837",
}
REFERENCE_LINE = "#666666"
MAX_LABELS = 40  # more points than this and names only show on hover


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        font={"family": FONT},
        plot_bgcolor="#ffffff",
        clickmode="event+select",
        dragmode=False,
    )
    fig.update_xaxes(gridcolor="#eeeeee", zeroline=False)
    fig.update_yaxes(gridcolor="#eeeeee", zeroline=False)
    return fig


def _marker_lines(codes: pd.Series, selected) -> dict:
    chosen = codes.isin(selected).to_numpy()
    return {"color": np.where(chosen, SELECTED_LINE, "#ffffff").tolist(), "width": np.where(chosen, 3, 1).tolist()}


def _opacity(codes: pd.Series, selected) -> list[float] | float:
    return np.where(codes.isin(selected), 0.95, 0.45).tolist() if selected else 0.85


def quadrant_scatter(
    frame: pd.DataFrame,
    x_label: str,
    y_label: str,
    county_x: float,
    county_y: float,
    quadrant_names: dict[str, str],
    x_format,
    y_format,
    county_label: str,
    selected: tuple[str, ...] = (),
) -> go.Figure:
    """Reach (x) against cases (y), one bubble per township (code, name, x, y, population, quadrant), sized by
    population, coloured by quadrant, with dashed lines at the county values and each quadrant named in its corner."""
    points = frame.dropna(subset=["x", "y"])
    largest = float(points["population"].max()) if points["population"].notna().any() else 1.0
    fig = go.Figure()
    for quadrant, colour in QUADRANT_COLOURS.items():
        group = points[points["quadrant"] == quadrant]
        if group.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=group["x"],
                y=group["y"],
                mode="markers+text" if len(points) <= MAX_LABELS else "markers",
                text=group["name"],
                textposition="top center",
                textfont={"size": 10, "color": "#333333"},
                name=quadrant_names[quadrant],
                customdata=group["code"],
                marker={
                    "size": group["population"].fillna(0).clip(lower=0),
                    "sizemode": "area",
                    "sizeref": 2.0 * largest / 34**2,
                    "sizemin": 5,
                    "color": colour,
                    "opacity": _opacity(group["code"], selected),
                    "line": _marker_lines(group["code"], selected),
                },
                hovertext=[
                    f"{n}<br>{x_label}: {x_format(x)}<br>{y_label}: {y_format(y)}"
                    for n, x, y in zip(group["name"], group["x"], group["y"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    if math.isfinite(county_x):
        fig.add_vline(x=county_x, line={"dash": "dash", "color": REFERENCE_LINE, "width": 1})
    if math.isfinite(county_y):
        fig.add_hline(
            y=county_y,
            line={"dash": "dash", "color": REFERENCE_LINE, "width": 1},
            annotation_text=county_label,
            annotation_position="bottom right",
            annotation_font={"size": 10, "color": REFERENCE_LINE},
        )
    for quadrant, (x, y, xanchor, yanchor) in QUADRANT_CORNERS.items():
        fig.add_annotation(
            x=x,
            y=y,
            xref="paper",
            yref="paper",
            xanchor=xanchor,
            yanchor=yanchor,
            text=quadrant_names[quadrant],
            showarrow=False,
            font={"size": 11, "color": QUADRANT_COLOURS[quadrant]},
            bgcolor="rgba(255,255,255,0.8)",
        )
    # Headroom above and to the right keeps the corner names clear of the points.
    fig.update_xaxes(title={"text": x_label}, range=[0, _top(points["x"], county_x, 1.12)])
    fig.update_yaxes(title={"text": y_label}, range=[0, _top(points["y"], county_y, 1.25)])
    return _layout(fig, 440)


def _top(values: pd.Series, reference: float, headroom: float) -> float:
    finite = [v for v in (*values.tolist(), reference) if math.isfinite(v)]
    return max(max(finite, default=0.0) * headroom, 1e-9)


def funnel_plot(
    points: pd.DataFrame,
    limits: pd.DataFrame,
    county_rate: float,
    labels: dict[str, str],
    rate_format,
    selected: tuple[str, ...] = (),
) -> go.Figure:
    """Case rate per 10,000 (points: code, name, population, rate, position) against population, with the county
    rate and the 95 % and 99.8 % limits (limits: population, low_95, high_95, low_99.8, high_99.8).

    `labels` holds the texts: x, y, county, limit_95, limit_998, and one per funnel position."""
    fig = go.Figure()
    for level, dash in (("99.8", "dash"), ("95", "dot")):
        name = labels["limit_998" if level == "99.8" else "limit_95"]
        for side in ("low", "high"):
            fig.add_trace(
                go.Scatter(
                    x=limits["population"],
                    y=limits[f"{side}_{level}"],
                    mode="lines",
                    line={"color": "#888888", "dash": dash, "width": 1.2},
                    name=name,
                    legendgroup=level,
                    showlegend=side == "high",
                    hoverinfo="skip",
                )
            )
    if math.isfinite(county_rate) and not limits.empty:
        fig.add_trace(
            go.Scatter(
                x=[limits["population"].min(), limits["population"].max()],
                y=[county_rate, county_rate],
                mode="lines",
                line={"color": REFERENCE_LINE, "width": 1.5},
                name=labels["county"],
                hoverinfo="skip",
            )
        )
    shown = points.dropna(subset=["population", "rate"])
    fig.add_trace(
        go.Scatter(
            x=shown["population"],
            y=shown["rate"],
            mode="markers+text" if len(shown) <= MAX_LABELS else "markers",
            text=shown["name"],
            textposition="top center",
            textfont={"size": 10, "color": "#333333"},
            customdata=shown["code"],
            marker={
                "size": 11,
                "color": [FUNNEL_COLOURS.get(p, "#999999") for p in shown["position"]],
                "opacity": _opacity(shown["code"], selected),
                "line": _marker_lines(shown["code"], selected),
            },
            hovertext=[
                f"{n}<br>{labels['y']}: {rate_format(r)}<br>{labels[p] if p else ''}"
                for n, r, p in zip(shown["name"], shown["rate"], shown["position"], strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    wide = not shown.empty and shown["population"].max() > 20 * max(shown["population"].min(), 1)
    fig.update_xaxes(title={"text": labels["x"]}, type="log" if wide else "linear")
    fig.update_yaxes(title={"text": labels["y"]}, rangemode="tozero")
    return _layout(fig, 420)


def small_multiples(
    panels: pd.DataFrame, rate_label: str, county_label: str, month_tickformat: str, columns: int = 3
) -> go.Figure:
    """One small panel per township (panels: code, name, month, case_rate_per_10k, county_rate_per_10k) on shared
    axes, the county's monthly rate dashed in each; `columns` panels a row keep them readable on a phone."""
    codes = list(dict.fromkeys(panels["code"]))
    names = panels.drop_duplicates("code").set_index("code")["name"]
    columns = max(min(columns, len(codes)), 1)
    rows = max(math.ceil(len(codes) / columns), 1)
    fig = make_subplots(
        rows=rows,
        cols=columns,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=[names[c] for c in codes],
        vertical_spacing=min(0.6 / rows, 0.12),
        horizontal_spacing=0.04,
    )
    for i, code in enumerate(codes):
        panel = panels[panels["code"] == code]
        row, col = i // columns + 1, i % columns + 1
        fig.add_trace(
            go.Scatter(
                x=panel["month"],
                y=panel["county_rate_per_10k"],
                mode="lines",
                line={"color": "#999999", "dash": "dash", "width": 1},
                name=county_label,
                legendgroup="county",
                showlegend=i == 0,
                hoverinfo="skip",
            ),
            row=row,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=panel["month"],
                y=panel["case_rate_per_10k"],
                mode="lines+markers",
                marker={"size": 4},
                line={"color": "#b2182b", "width": 1.5},
                name=rate_label,
                legendgroup="township",
                showlegend=i == 0,
                hovertemplate=f"{names[code]} %{{x|{month_tickformat}}}: %{{y:.2f}}<extra></extra>",
            ),
            row=row,
            col=col,
        )
    fig.update_annotations(font={"size": 11})
    # One scale for every panel, so a township's height is comparable with its neighbours'.
    months = pd.to_datetime(panels["month"])
    fig.update_xaxes(
        matches="x",
        range=[months.min(), months.max()] if len(months) else None,
        showticklabels=True,
        tickformat=month_tickformat,
        nticks=3,
        tickangle=0,
        tickfont={"size": 9},
        gridcolor="#eeeeee",
    )
    fig.update_yaxes(matches="y", rangemode="tozero", tickfont={"size": 9}, gridcolor="#eeeeee")
    fig.update_layout(
        height=90 + 130 * rows,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": 1.0, "yanchor": "top", "x": 0, "yref": "container"},
        font={"family": FONT},
        plot_bgcolor="#ffffff",
        hovermode="closest",
    )
    return fig
