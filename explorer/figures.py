"""Plotly figures. Nothing here fetches anything from outside: the map is an SVG choropleth of
the EU-27 shapes shipped in this repository, every base layer off (see explorer.geo).

Figures are built from plain specs with plotly's per-property validation skipped: the specs use
only known attributes (the browser tests render every one of them), and building through
plotly-express or validated objects costs 5-20x more, which would break the 50 ms budget of
one interaction (see `python -m explorer bench`).
"""

from __future__ import annotations

import html
from collections import Counter

import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from explorer.schema import Category
from explorer.summaries import format_metric
from explorer.urlstate import METRICS

# Viridis is perceptually uniform and readable with the common colour-vision deficiencies.
SEQUENTIAL = plotly.colors.make_colorscale(plotly.colors.sequential.Viridis_r)  # [position, colour] pairs
NO_VALUE_GREY = "#d0d0d0"
NOT_CURATED = "#f4f4f4"  # with a grey outline: a member state the dataset does not cover yet
CATEGORY_COLOURS = plotly.colors.qualitative.Safe + plotly.colors.qualitative.Pastel
FONT = {"family": "sans-serif", "size": 13}


def _text(values) -> list[str]:
    """Data text for hover labels, which plotly reads as (limited) HTML: escaped."""
    return [html.escape(str(value), quote=False) for value in values]


def _figure(data: list[dict], layout: dict) -> go.Figure:
    # No plotly template: the app applies Streamlit's theme, the layouts set what exports need,
    # and copying the default template costs ~3 ms a figure.
    return go.Figure({"data": data, "layout": {"template": "none", **layout}}, _validate=False)


# Europe as the map frames it (lon/lat): the member states, not their overseas territories.
EUROPE_LON = [-12.0, 35.0]
EUROPE_LAT = [34.0, 71.0]
BLANK_GEO = {
    "scope": "world", "resolution": 110, "projection": {"type": "mercator"}, "bgcolor": "white",
    "lonaxis": {"range": EUROPE_LON}, "lataxis": {"range": EUROPE_LAT}, "domain": {"x": [0, 0.86], "y": [0, 1]},
    **{f"show{layer}": False for layer in ("frame", "coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")},
}


def _no_value_text(row, metric: str) -> str:
    if row.pathways == 0:
        return "no matching pathway"
    if metric == "blue_card" and not row.blue_card_member:
        return "does not take part in the EU Blue Card"
    if metric == "blue_card":
        return "no matching EU Blue Card route with a threshold"
    if metric == "lowest_salary":
        return "no matching employment route with a fixed threshold"
    return "no known value"


def _value_text(row, metric: str) -> str:
    """Hover text: the value, the unknowns a share leaves out, and routes not in force that are counted."""
    text = f"{row.name}: {format_metric(metric, getattr(row, metric))}"
    if metric == "blue_card" and row.blue_card_variants > 1:
        text += f" (the lowest of {row.blue_card_variants} regional thresholds)"
    unknown = {"quota_share": row.quota_unknown, "no_language_share": row.no_language_unknown}.get(metric, 0)
    if unknown:
        text += f" ({unknown} unknown not counted)"
    if row.not_in_force:
        text += f"<br>includes {row.not_in_force} route(s) not in force on the reference date"
    return text


def choropleth(per_state: pd.DataFrame, geojson: dict | str, metric: str) -> go.Figure:
    """EU-27 map of one metric; member states without a value are grey, with a legend entry.

    `geojson` is the FeatureCollection itself or the URL the app serves it from (explorer.geo).
    Show it with `config=explorer.geo.PLOTLY_CONFIG` so that plotly.js finds its topojson locally.
    """
    has_value = per_state[metric].notna() & (per_state["pathways"] > 0)
    shown = per_state[has_value]
    empty = per_state[~has_value & per_state["curated"]]
    uncovered = per_state[~per_state["curated"]]
    label = METRICS[metric]
    common = {"type": "choropleth", "geojson": geojson, "featureidkey": "properties.iso2", "locationmode": "geojson-id",
              "hovertemplate": "%{text}<extra></extra>", "marker": {"line": {"color": "white", "width": 0.8}}}
    data = []
    for states, colour, outline, name, text in (
        (uncovered, NOT_CURATED, "#b0b0b0", "Not yet in the dataset", lambda row: "not yet in the dataset"),
        (empty, NO_VALUE_GREY, "white", "No matching pathway" if metric == "pathways" else "No matching pathway or no value",
         lambda row: _no_value_text(row, metric)),
    ):
        if len(states):
            data.append({
                **common, "locations": list(states.index), "z": [0] * len(states), "showscale": False, "showlegend": True,
                "colorscale": [[0, colour], [1, colour]], "marker": {"line": {"color": outline, "width": 0.8}}, "name": name,
                "text": [f"{row.name}: {text(row)}" for row in states.itertuples()],
            })
    if not shown.empty:
        values = shown[metric].astype(float)
        zmin, zmax = (0.0, 1.0) if metric.endswith("_share") else (values.min(), values.max())
        if zmin == zmax:
            zmin = 0.0 if metric == "pathways" else zmin * 0.9
        data.append({
            **common,
            "locations": list(shown.index), "z": list(values), "zmin": zmin, "zmax": zmax, "colorscale": SEQUENTIAL,
            "showlegend": False, "name": label,
            "text": [_value_text(row, metric) for row in shown.itertuples()],
            "colorbar": {"title": {"text": label.replace(" (", "<br>("), "side": "top"}, "thickness": 14, "len": 0.7,
                         "x": 0.88, "xanchor": "left", "tickformat": ".0%" if metric.endswith("_share") else ",.0f"},
        })
        if metric == "pathways":  # whole numbers: ticks at fractions would print the same label twice
            data[-1]["colorbar"]["dtick"] = max(1, round((zmax - zmin) / 5))
    layout = {
        "geo": BLANK_GEO, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 600, "font": FONT,
        "paper_bgcolor": "white", "dragmode": False, "clickmode": "event+select",
        "legend": {"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)", "itemclick": False, "itemdoubleclick": False},
    }
    return _figure(data, layout)


# One colour per category, the same in every chart whatever the filters.
CATEGORY_COLOUR = {category: CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)] for index, category in enumerate(Category.__args__)}


def _chart_layout(title: str, y_title: str, states: list[str]) -> dict:
    return {
        "title": {"text": title, "x": 0.01, "xanchor": "left"}, "font": FONT, "height": 440,
        "margin": {"t": 70, "l": 10, "r": 10, "b": 10},
        "plot_bgcolor": "white", "legend": {"title": {"text": "Category"}, "font": {"size": 11}},
        "xaxis": {"title": {"text": "Member state"}, "type": "category", "categoryorder": "array", "categoryarray": states,
                  "automargin": True, "linecolor": "#999"},
        "yaxis": {"title": {"text": y_title, "standoff": 12}, "gridcolor": "#eee", "rangemode": "tozero", "automargin": True,
                  "zerolinecolor": "#999"},
    }


def categories_by_state(matching: pd.DataFrame) -> go.Figure:
    """Stacked bars: matching pathways by category, per member state."""
    counts = Counter(zip(matching["category"], matching["member_state"]))
    states = sorted(set(matching["member_state"]))
    data = []
    for category in sorted(set(matching["category"])):
        bars = [(state, counts[category, state]) for state in states if counts[category, state]]
        data.append({"type": "bar", "name": category, "x": [state for state, _ in bars], "y": [count for _, count in bars],
                     "marker": {"color": CATEGORY_COLOUR[category]},
                     "hovertemplate": f"{category}: %{{y}} in %{{x}}<extra></extra>"})
    layout = _chart_layout("Matching pathways by category", "Matching pathways", states)
    layout["barmode"] = "stack"
    per_state = Counter(matching["member_state"])
    if per_state and max(per_state.values()) <= 10:
        layout["yaxis"]["dtick"] = 1
    return _figure(data, layout)


def salary_thresholds(matching: pd.DataFrame) -> go.Figure:
    """One point per route with a fixed threshold, in EUR per year, by member state."""
    points: dict[str, list[tuple[str, float, str]]] = {}
    for state, amount, name, category in zip(matching["member_state"], matching["salary_threshold_eur_year"],
                                             matching["name"], matching["category"]):
        if amount == amount:  # not NaN: the route has a fixed threshold
            points.setdefault(category, []).append((state, float(amount), name))
    states = sorted({state for rows in points.values() for state, _, _ in rows})
    data = [
        {"type": "box", "name": category, "x": [state for state, _, _ in rows], "y": [amount for _, amount, _ in rows],
         "text": _text(name for _, _, name in rows), "boxpoints": "all", "jitter": 0.35, "pointpos": 0, "hoveron": "points",
         "fillcolor": "rgba(255,255,255,0)", "line": {"color": "rgba(255,255,255,0)"},
         "marker": {"color": CATEGORY_COLOUR[category], "size": 10, "line": {"width": 1, "color": "white"}},
         "hovertemplate": "<b>%{text}</b><br>%{x}: %{y:,.0f} EUR/year<br>" + category + "<extra></extra>"}
        for category, rows in sorted(points.items())
    ]
    skipped = len(matching) - sum(len(rows) for rows in points.values())
    title = "Salary thresholds of matching pathways"
    if skipped:
        title += f"<br><sup>{skipped} matching pathway(s) without a fixed threshold are not shown</sup>"
    layout = _chart_layout(title, "Salary threshold (EUR gross per year)", states)
    layout["boxmode"] = "overlay"
    layout["yaxis"]["tickformat"] = ",.0f"
    return _figure(data, layout)
