"""Plotly figures shared by the pages. Maps are drawn as plain polygons: no tiles, no CDN, fitted to the boundaries."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import shape

from fraudfree.kinds import VOCABULARIES

VENUE_TYPES = VOCABULARIES["venue_type"]

# Sequential colours, light to dark (ColorBrewer YlOrRd / GnBu), for 5 classes.
HIGH_IS_BAD = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
HIGH_IS_GOOD = ("#f0f9e8", "#bae4bc", "#7bccc4", "#43a2ca", "#0868ac")
NO_DATA = "#d9d9d9"
SELECTED_LINE = "#111111"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"


def _rings(geometry) -> list[tuple[np.ndarray, np.ndarray]]:
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    return [np.asarray(p.exterior.coords).T for p in polygons if not p.is_empty]


def _class_breaks(values: np.ndarray, classes: int) -> np.ndarray:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.array([])
    return np.unique(np.quantile(finite, np.linspace(0, 1, classes + 1)))


def township_map(
    boundaries: pd.DataFrame,
    values: pd.DataFrame,
    value_label: str,
    value_format,
    high_is_bad: bool = True,
    selected: tuple[str, ...] = (),
    show_labels: bool | None = None,
) -> go.Figure:
    """A choropleth of `values` (code, name, value) over `boundaries` (township_code, geojson) in 5 quantile classes.

    Each township also gets a marker at a point inside it carrying its code as customdata, so that a click
    selects it. `value_format` turns a number into display text.
    """
    frame = boundaries.merge(values, left_on="township_code", right_on="code", how="left")
    geometries = [shape(json.loads(g)) for g in frame["geojson"]]
    numbers = frame["value"].to_numpy(float)
    breaks = _class_breaks(numbers, 5)
    palette = HIGH_IS_BAD if high_is_bad else HIGH_IS_GOOD
    classes = np.where(
        np.isfinite(numbers),
        np.clip(np.searchsorted(breaks, numbers, side="right") - 1, 0, max(len(breaks) - 2, 0)),
        -1,
    )
    fig = go.Figure()
    for cls in sorted(set(classes.tolist())):
        xs, ys = [], []
        for i in np.flatnonzero(classes == cls):
            for x, y in _rings(geometries[i]):
                xs += [*x, None]
                ys += [*y, None]
        if cls < 0:
            color, name = NO_DATA, "—"
        else:
            color = palette[min(cls, len(palette) - 1)]
            name = f"{value_format(breaks[cls])} – {value_format(breaks[min(cls + 1, len(breaks) - 1)])}"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=color,
                mode="lines",
                name=name,
                line={"color": "#ffffff", "width": 1},
                hoverinfo="skip",
            )
        )
    for code in selected:
        for i in np.flatnonzero(frame["township_code"].to_numpy() == code):
            for x, y in _rings(geometries[i]):
                fig.add_trace(
                    go.Scatter(
                        x=x,
                        y=y,
                        mode="lines",
                        line={"color": SELECTED_LINE, "width": 3},
                        hoverinfo="skip",
                        showlegend=False,
                    )
                )
    points = [g.representative_point() for g in geometries]
    labels = frame["name"].fillna(frame["township_code"])
    show_labels = len(frame) <= 40 if show_labels is None else show_labels
    fig.add_trace(
        go.Scatter(
            x=[p.x for p in points],
            y=[p.y for p in points],
            mode="markers+text" if show_labels else "markers",
            text=labels if show_labels else None,
            textposition="middle center",
            textfont={"size": 11, "color": "#222222"},
            marker={"size": 14 if show_labels else 6, "color": "rgba(0,0,0,0.01)"},
            customdata=frame["township_code"],
            hovertext=[
                f"{n}<br>{value_label}: {value_format(v) if math.isfinite(v) else '—'}"
                for n, v in zip(labels, numbers, strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
            name="township",
        )
    )
    mid_lat = float(np.mean([p.y for p in points])) if points else 0.0
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / max(math.cos(math.radians(mid_lat)), 0.1))
    fig.update_xaxes(visible=False)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"title": {"text": value_label}, "orientation": "h", "y": -0.02, "yanchor": "top"},
        plot_bgcolor="#ffffff",
        font={"family": FONT},
        clickmode="event+select",
        dragmode=False,
        height=460,
    )
    return fig


def monthly_trend(
    frame: pd.DataFrame, bars: str, bar_label: str, line: str, line_label: str, month_format
) -> go.Figure:
    """Bars for one monthly measure and a line on a second axis for another (e.g. cases against people reached)."""
    months = [month_format(m) for m in frame["month"]]
    return bars_and_line(months, frame[bars], bar_label, frame[line], line_label)


def bars_and_line(x, bars, bar_label: str, line, line_label: str, x_title: str | None = None) -> go.Figure:
    """Bars on the left axis and a line on a right axis over the same categories (months, days …)."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=list(x), y=bars, name=bar_label, marker_color="#d6604d"))
    fig.add_trace(
        go.Scatter(x=list(x), y=line, name=line_label, yaxis="y2", mode="lines+markers", line={"color": "#2166ac"})
    )
    fig.update_layout(
        xaxis={"title": {"text": x_title}} if x_title else {},
        yaxis={"title": {"text": bar_label}, "rangemode": "tozero"},
        yaxis2={
            "title": {"text": line_label},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
        },
        legend={"orientation": "h", "y": 1.12},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"family": FONT},
        height=340,
        hovermode="x unified",
    )
    return fig


def rank_intervals(
    frame: pd.DataFrame,
    groups: dict[str, tuple[str, str]],
    axis_label: str,
    ranked: int,
    selected: tuple[str, ...] = (),
) -> go.Figure:
    """Each area's rank interval as a horizontal line with a dot at its median rank, best at the top.

    `frame` has code, name (unique), rank_low, rank_median, rank_high, group and hover (text); `groups` maps each
    group to (legend label, colour) in legend order; `ranked` is how many areas were ranked (the axis runs from 1
    to it). Selected areas get a black outline; clicks carry the code.
    """
    ordered = frame.sort_values(["rank_median", "rank_low", "name"], ascending=False, kind="stable")
    fig = go.Figure()
    for group, (label, color) in groups.items():
        part = ordered[ordered["group"] == group]
        if part.empty:
            continue
        median = part["rank_median"].to_numpy(float)
        fig.add_trace(
            go.Scatter(
                x=median,
                y=part["name"],
                mode="markers",
                name=label,
                marker={
                    "color": color,
                    "size": 9,
                    "line": {"color": [SELECTED_LINE if c in selected else color for c in part["code"]], "width": 2},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": part["rank_high"].to_numpy(float) - median,
                    "arrayminus": median - part["rank_low"].to_numpy(float),
                    "color": color,
                    "thickness": 3,
                    "width": 0,
                },
                customdata=part["code"],
                hovertext=part["hover"],
                hoverinfo="text",
            )
        )
    fig.update_xaxes(title={"text": axis_label}, range=[0.5, ranked + 0.5], zeroline=False)
    fig.update_yaxes(categoryorder="array", categoryarray=ordered["name"].tolist(), automargin=True)
    fig.update_layout(
        height=max(260, 22 * len(ordered) + 110),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
        font={"family": FONT},
        plot_bgcolor="#ffffff",
        clickmode="event+select",
        dragmode=False,
    )
    return fig


# Colour-blind-safe qualitative colours (Paul Tol's "safe", as plotly ships it, less its grey, kept for 其他).
CATEGORY_COLOURS = (
    "#88ccee",
    "#cc6677",
    "#ddcc77",
    "#117733",
    "#332288",
    "#aa4499",
    "#44aa99",
    "#999933",
    "#882255",
    "#661100",
)
OTHER_COLOUR, BLANK_COLOUR = "#888888", "#cccccc"
OUTLINE_FILL, OUTLINE_LINE = "#f3f3f3", "#b0b0b0"  # townships drawn as a background, without values


def vocabulary_colours(values) -> dict:
    """A fixed colour per value of a vocabulary (in its order), so a method or venue type keeps its colour on every
    chart; 其他 is grey and blank (None) light grey."""
    colours = {v: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, v in enumerate(v for v in values if v != "其他")}
    return {**colours, "其他": OTHER_COLOUR, None: BLANK_COLOUR}


def _category_layout(fig: go.Figure, height: int) -> go.Figure:
    """Legend above the plot and narrow margins: readable on a phone-width screen."""
    fig.update_layout(
        legend={
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "title": {"text": ""},
            "traceorder": "normal",
        },
        margin={"l": 10, "r": 30, "t": 10, "b": 10},
        font={"family": FONT},
        height=height,
        barmode="stack",
    )
    return fig


def stacked_bars(
    frame: pd.DataFrame,
    category: str,
    group: str,
    value: str,
    value_label: str,
    categories,
    category_format=str,
    group_format=str,
    colours: dict | None = None,
    horizontal: bool = False,
) -> go.Figure:
    """Bars of `value` per `category` (in the order of `categories`, e.g. every month of a period, empty ones
    kept), stacked by `group`, largest group first."""
    labels = [category_format(c) for c in categories]
    position = {c: i for i, c in enumerate(categories)}
    colours = colours or {}
    order = frame.groupby(group, dropna=False)[value].sum().sort_values(ascending=False).index
    fig = go.Figure()
    for member in order:
        rows = frame[frame[group].isna()] if pd.isna(member) else frame[frame[group] == member]
        totals = rows.groupby(category)[value].sum()
        ys = [0] * len(categories)
        for key, total in totals.items():
            if key in position:
                ys[position[key]] = total
        name = group_format(None if pd.isna(member) else member)
        colour = colours.get(None if pd.isna(member) else member)
        xy = {"x": ys, "y": labels, "orientation": "h"} if horizontal else {"x": labels, "y": ys}
        fig.add_trace(
            go.Bar(
                **xy,
                name=name,
                marker_color=colour,
                hovertemplate=f"{name}: %{{{'x' if horizontal else 'y'}:,}}<extra></extra>",
            )
        )
    axis = {"title": {"text": value_label}, "rangemode": "tozero"}
    if horizontal:
        fig.update_layout(xaxis=axis, yaxis={"autorange": "reversed", "type": "category"})
    else:
        fig.update_layout(yaxis=axis, xaxis={"type": "category"}, hovermode="x unified")
    return _category_layout(fig, max(300, 60 + 28 * len(categories)) if horizontal else 380)


def ranked_bars(frame: pd.DataFrame, label: str, value: str, value_label: str, value_format=str) -> go.Figure:
    """Horizontal bars, largest on top, each with its value written beside it."""
    ranked = frame.dropna(subset=[value]).sort_values(value, ascending=False)
    fig = go.Figure(
        go.Bar(
            x=ranked[value],
            y=ranked[label],
            orientation="h",
            marker_color=CATEGORY_COLOURS[0],
            text=[value_format(v) for v in ranked[value]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis={"title": {"text": value_label}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "type": "category"},
    )
    return _category_layout(fig, max(260, 60 + 28 * len(ranked)))


def venue_map(
    boundaries: pd.DataFrame,
    names: pd.Series,
    venues: pd.DataFrame,
    type_format=str,
    hover_format=None,
    selected: tuple[str, ...] = (),
) -> go.Figure:
    """Venues as points (lon, lat) coloured by venue_type over plain township outlines (township_map's drawing,
    without values). `names`: township code → name; `hover_format(venue)` gives a venue's hover text from its row.
    A click on a township or a venue carries the township's code as customdata, as on township_map."""
    outline = pd.DataFrame({"code": names.index, "name": names.to_numpy(), "value": np.nan})
    background = township_map(boundaries, outline, "", str, selected=selected)
    background.update_traces(showlegend=False)
    background.update_traces(fillcolor=OUTLINE_FILL, line={"color": OUTLINE_LINE}, selector={"fill": "toself"})
    *areas, township_points = background.data  # township_map draws the clickable names last
    township_points.hovertext = [names.get(code, code) for code in boundaries["township_code"]]
    colours = vocabulary_colours(VENUE_TYPES)
    located = venues.dropna(subset=["lon", "lat"])
    points = [
        go.Scatter(
            x=rows["lon"],
            y=rows["lat"],
            mode="markers",
            name=type_format(venue_type),
            marker={
                "size": 8,
                "color": colours.get(venue_type, OTHER_COLOUR),
                "line": {"color": "#ffffff", "width": 0.5},
            },
            customdata=rows["township_code"],
            hovertext=[hover_format(r) for r in rows.itertuples()] if hover_format else rows["name"],
            hoverinfo="text",
        )
        for venue_type, rows in located.groupby("venue_type", sort=False)
    ]
    # Township names stay on top of the venues, so that they can be read and clicked.
    fig = go.Figure(data=[*areas, *points, township_points], layout=background.layout)
    fig.update_layout(
        legend={"title": {"text": ""}, "orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
    )
    return fig
