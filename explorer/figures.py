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
from explorer.vocabulary import label, place_name

# Viridis is perceptually uniform and readable with the common colour-vision deficiencies. Only its
# darker half (#440154 high .. #26828e low): its lowest step keeps at least 3:1 against both fills
# below (WCAG 2.1 1.4.11; tests/test_figures_colours.py), the full scale's yellow had 1.2:1.
SEQUENTIAL = plotly.colors.make_colorscale(plotly.colors.sequential.Viridis_r[5:])  # [position, colour] pairs
NO_VALUE_GREY = "#dcdcdc"  # no matching pathway (or no value): 3.3:1 against the lowest step
# Not yet in the dataset: near-white with a dark grey outline (4.5:1 against the page), told apart
# from "no matching pathway" by its outline, not by its fill alone.
NOT_CURATED = "#fafafa"
NOT_CURATED_OUTLINE = "#767676"
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


def _legend_swatch(name: str, colour: str) -> dict:
    """A legend entry with an outlined square: plotly draws a choropleth's legend swatch without
    its outline, and the near-white "not yet in the dataset" would vanish against the page."""
    return {"type": "scattergeo", "lon": [None], "lat": [None], "mode": "markers", "name": name, "showlegend": True,
            "hoverinfo": "skip", "marker": {"symbol": "square", "size": 13, "color": colour,
                                            "line": {"color": NOT_CURATED_OUTLINE, "width": 1.5}}}


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


# The map is ONE choropleth trace: plotly.js fetches a geometry URL once per figure, and makes every
# further trace that shares the URL wait at most 5 s for it, then leaves it blank. The kinds of
# member state are bands of one colour scale: z 0 "not yet in the dataset", z 0.05 "no value",
# values from 0.1 to 1 on the sequential scale (the colour bar is drawn by a marker-only trace).
_UNCOVERED_Z, _NO_VALUE_Z, _VALUES_FROM = 0.0, 0.05, 0.1


def _map_colorscale() -> list[list]:
    return [[0.0, NOT_CURATED], [0.025, NOT_CURATED], [0.0251, NO_VALUE_GREY], [0.075, NO_VALUE_GREY],
            [0.0751, SEQUENTIAL[0][1]],
            *([_VALUES_FROM + (1 - _VALUES_FROM) * position, colour] for position, colour in SEQUENTIAL)]


def map_groups(figure: go.Figure) -> dict[str, list[str]]:
    """The map's member states by what they show ('Not yet in the dataset', 'No matching
    pathway', the metric's label): the group is each location's customdata."""
    groups: dict[str, list[str]] = {}
    for trace in figure.data:
        if trace.type == "choropleth":
            for location, group in zip(trace.locations, trace.customdata):
                groups.setdefault(group, []).append(location)
    return groups


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
    places: list[tuple] = []  # per member state: location, z, hover text, group, outline colour, outline width
    legend: list[dict] = []
    no_value_name = "No matching pathway" if metric == "pathways" else "No matching pathway or no value"
    for states, level, colour, line, name, describe in (
        (uncovered, _UNCOVERED_Z, NOT_CURATED, (NOT_CURATED_OUTLINE, 1), "Not yet in the dataset", lambda row: "not yet in the dataset"),
        (empty, _NO_VALUE_Z, NO_VALUE_GREY, ("white", 0.8), no_value_name, lambda row: _no_value_text(row, metric)),
    ):
        places += [(row.Index, level, f"{row.name}: {describe(row)}", name, *line) for row in states.itertuples()]
        if len(states):
            legend.append(_legend_swatch(name, colour))
    colour_bar: list[dict] = []
    if not shown.empty:
        values = shown[metric].astype(float)
        zmin, zmax = (0.0, 1.0) if metric.endswith("_share") else (values.min(), values.max())
        if zmin == zmax:
            zmin = 0.0 if metric == "pathways" else zmin * 0.9
        places += [(row.Index, _VALUES_FROM + (1 - _VALUES_FROM) * (value - zmin) / (zmax - zmin), _value_text(row, metric),
                    label, "white", 0.8) for row, value in zip(shown.itertuples(), values)]
        colorbar = {"title": {"text": label.replace(" (", "<br>("), "side": "top"}, "thickness": 14, "len": 0.7,
                    "x": 0.88, "xanchor": "left", "tickformat": ".0%" if metric.endswith("_share") else ",.0f"}
        if metric == "pathways":  # whole numbers: ticks at fractions would print the same label twice
            colorbar["dtick"] = max(1, round((zmax - zmin) / 5))
        colour_bar.append({"type": "scattergeo", "lon": [None], "lat": [None], "mode": "markers", "name": label,
                           "showlegend": False, "hoverinfo": "skip",
                           "marker": {"color": [zmin, zmax], "cmin": zmin, "cmax": zmax, "colorscale": SEQUENTIAL,
                                      "showscale": True, "colorbar": colorbar, "opacity": 0}})
    locations, z, text, groups, outline, width = (list(column) for column in zip(*places))
    data = [{"type": "choropleth", "geojson": geojson, "featureidkey": "properties.iso2", "locationmode": "geojson-id",
             "name": label, "locations": locations, "z": z, "zmin": 0, "zmax": 1, "colorscale": _map_colorscale(),
             "showscale": False, "showlegend": False, "customdata": groups, "text": text,
             "hovertemplate": "%{text}<extra></extra>", "marker": {"line": {"color": outline, "width": width}}},
            *colour_bar, *legend]
    layout = {
        "geo": BLANK_GEO, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 520, "font": FONT,
        "paper_bgcolor": "white", "dragmode": False, "clickmode": "event+select",
        "legend": {"x": 0.01, "y": 0.01, "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.85)", "itemclick": False,
                   "itemdoubleclick": False},
    }
    return _figure(data, layout)


# One colour per category, the same in every chart whatever the filters.
CATEGORY_COLOUR = {category: CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)] for index, category in enumerate(Category.__args__)}


def _chart_layout(title: str, x_title: str, names: list[str], caveats: list[str]) -> dict:
    """A horizontal chart: member-state names on the y axis (read without tilting the head, and
    never under the footer of an export), values along x; caveats under the title and in `meta`
    so that an export keeps them."""
    subtitle = "".join(f"<br><sup>{html.escape(caveat, quote=False)}</sup>" for caveat in caveats)
    return {
        "title": {"text": title + subtitle, "x": 0.01, "xanchor": "left"}, "font": FONT,
        "height": max(440, 150 + 34 * len(names)), "margin": {"t": 80 + 18 * len(caveats), "l": 10, "r": 10, "b": 60},
        "plot_bgcolor": "white", "meta": {"caveats": caveats},
        "legend": {"title": {"text": "Category"}, "font": {"size": 11}, "traceorder": "normal"},
        "yaxis": {"title": {"text": ""}, "type": "category", "categoryorder": "array", "categoryarray": names[::-1],
                  "automargin": True, "linecolor": "#767676"},
        "xaxis": {"title": {"text": x_title, "standoff": 8}, "gridcolor": "#e5e5e5", "rangemode": "tozero", "automargin": True,
                  "zerolinecolor": "#767676"},
    }


def _not_shown(matching: pd.DataFrame, shown: set[str], why: str) -> list[str]:
    """A caveat naming the member states with matching routes that a chart leaves out."""
    missing = sorted(place_name(state) for state in set(matching["member_state"]) - shown)
    return [f"Not in the chart: {', '.join(missing)} ({why})."] if missing else []


def categories_by_state(matching: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars: matching pathways by category, per member state (most first)."""
    counts = Counter(zip(matching["category"], matching["member_state"]))
    per_state = Counter(matching["member_state"])
    states = sorted(per_state, key=lambda state: (-per_state[state], place_name(state)))
    names = [place_name(state) for state in states]
    few = len(counts) <= 40  # values written on the bars while they stay readable
    data = []
    for category in sorted(set(matching["category"]), key=lambda code: label("category", code)):
        bars = [(place_name(state), counts[category, state]) for state in states if counts[category, state]]
        text = label("category", category)
        data.append({"type": "bar", "orientation": "h", "name": text, "y": [name for name, _ in bars],
                     "x": [count for _, count in bars], "marker": {"color": CATEGORY_COLOUR[category]},
                     **({"text": [str(count) for _, count in bars], "textposition": "inside", "insidetextanchor": "middle"} if few else {}),
                     "hovertemplate": f"{html.escape(text)}: %{{x}} in %{{y}}<extra></extra>"})
    layout = _chart_layout("Matching pathways by category", "Matching pathways", names, [])
    layout["barmode"] = "stack"
    if per_state and max(per_state.values()) <= 10:
        layout["xaxis"]["dtick"] = 1
    return _figure(data, layout)


def salary_thresholds(matching: pd.DataFrame, title: str = "Salary thresholds of matching pathways") -> go.Figure:
    """One point per route with a fixed threshold, in EUR per year, by member state; an open
    circle on the same line for a reduced threshold (which applies only under conditions)."""
    points: dict[str, list[tuple[str, float, str]]] = {}
    reduced: list[tuple[str, float, str]] = []
    for state, amount, lower, name, category in zip(matching["member_state"], matching["salary_threshold_eur_year"],
                                                    matching["reduced_threshold_eur_year"], matching["name"],
                                                    matching["category"]):
        if amount == amount:  # not NaN: the route has a fixed threshold
            points.setdefault(category, []).append((state, float(amount), name))
            if lower == lower:
                reduced.append((state, float(lower), name))
    shown_states = {state for rows in points.values() for state, _, _ in rows}
    states = sorted(shown_states, key=place_name)
    names = [place_name(state) for state in states]
    few = sum(len(rows) for rows in points.values()) <= 15
    data = [
        {"type": "scatter", "mode": "markers+text" if few else "markers", "name": label("category", category),
         "y": [place_name(state) for state, _, _ in rows], "x": [amount for _, amount, _ in rows],
         "text": [f"{amount:,.0f}" for _, amount, _ in rows] if few else None, "textposition": "top center",
         "customdata": _text(name for _, _, name in rows),
         "marker": {"color": CATEGORY_COLOUR[category], "size": 11, "line": {"width": 1, "color": "white"}},
         "hovertemplate": "<b>%{customdata}</b><br>%{y}: %{x:,.0f} EUR/year<br>"
                          + html.escape(label("category", category)) + "<extra></extra>"}
        for category, rows in sorted(points.items(), key=lambda item: label("category", item[0]))
    ]
    if reduced:
        data.append({"type": "scatter", "mode": "markers", "name": "Reduced threshold (conditions apply)",
                     "y": [place_name(state) for state, _, _ in reduced], "x": [amount for _, amount, _ in reduced],
                     "customdata": _text(name for _, _, name in reduced),
                     "marker": {"symbol": "circle-open", "color": "#333333", "size": 12, "line": {"width": 2}},
                     "hovertemplate": "<b>%{customdata}</b><br>%{y}: reduced threshold %{x:,.0f} EUR/year<extra></extra>"})
    skipped = len(matching) - sum(len(rows) for rows in points.values())
    caveats = []
    if skipped:
        caveats.append(f"{skipped} matching pathway(s) without a fixed threshold are not shown.")
    caveats += _not_shown(matching, shown_states, "no matching route with a fixed threshold")
    if reduced:
        caveats.append("Open circles: reduced thresholds, which apply only under conditions "
                       "(for example shortage occupations or recent graduates).")
    layout = _chart_layout(title, "Salary threshold (EUR gross per year)", names, caveats)
    layout["xaxis"]["tickformat"] = ",.0f"
    return _figure(data, layout)


FIT_LABEL = "Routes that fit (also under conditions)"


def fit_map(per_state: pd.DataFrame, geojson: dict | str, breakdown: dict[str, str], caveats: list[str]) -> go.Figure:
    """The finder's map: per member state, how many routes fit the profile (fully or under
    conditions). `per_state` is `summaries.per_member_state` of the fitting routes; `breakdown`
    gives each member state's counts per verdict in words (hover text); `caveats` (the profile in
    words) go with the figure into its exports. The map of `choropleth`, so it draws offline alike."""
    figure = choropleth(per_state, geojson, "pathways")
    renamed = {METRICS["pathways"]: FIT_LABEL, "No matching pathway": "No route fits"}
    for trace in figure.data:
        if trace.type == "choropleth":
            trace.name = FIT_LABEL
            trace.customdata = [renamed.get(group, group) for group in trace.customdata]
            trace.text = [html.escape(f"{place_name(code)}: {breakdown[code]}" if code in breakdown
                                      else f"{place_name(code)}: not yet in the dataset", quote=False) for code in trace.locations]
        elif trace.showlegend:
            trace.name = renamed.get(trace.name, trace.name)
        else:  # the colour bar
            trace.name = FIT_LABEL
            trace.marker.colorbar.title.text = FIT_LABEL.replace(" (", "<br>(")
    figure.layout.meta = {"caveats": caveats}
    return figure
