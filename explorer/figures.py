"""Plotly figures. Nothing here fetches anything: the map draws from the shipped GeoJSON
on a blank background (`white-bg`), so it renders with no network."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from explorer.summaries import format_metric, metric_label

# Viridis is perceptually uniform and readable with the common colour-vision deficiencies.
SEQUENTIAL = px.colors.sequential.Viridis_r
NO_MATCH_GREY = "#d0d0d0"
CATEGORY_COLOURS = px.colors.qualitative.Safe + px.colors.qualitative.Pastel
MAP_CENTER = {"lat": 53.0, "lon": 10.0}
FONT = dict(family="sans-serif", size=13)


def choropleth(per_state: pd.DataFrame, geojson: dict, metric: str) -> go.Figure:
    """EU-27 map of one metric; member states without a value are drawn grey with a legend entry."""
    values = per_state[metric]
    has_value = values.notna() & (per_state["pathways"] > 0)
    shown = per_state[has_value]
    empty = per_state[~has_value]
    label = metric_label(metric)
    figure = go.Figure()
    figure.add_trace(
        go.Choroplethmap(
            geojson=geojson,
            featureidkey="properties.iso2",
            locations=empty.index,
            z=[0] * len(empty),
            colorscale=[[0, NO_MATCH_GREY], [1, NO_MATCH_GREY]],
            showscale=False,
            name="No matching pathway" if metric == "pathways" else "No value",
            showlegend=True,
            text=[f"{name}: {'no matching pathway' if count == 0 else 'no value'}" for name, count in zip(empty["name"], empty["pathways"])],
            hovertemplate="%{text}<extra></extra>",
            marker_line_color="white",
            marker_line_width=0.8,
        )
    )
    if not shown.empty:
        zmin, zmax = (0, 1) if metric.endswith("_share") else (shown[metric].min(), shown[metric].max())
        if zmin == zmax:
            zmin = 0 if metric == "pathways" else zmin * 0.9
        figure.add_trace(
            go.Choroplethmap(
                geojson=geojson,
                featureidkey="properties.iso2",
                locations=shown.index,
                z=shown[metric],
                zmin=zmin,
                zmax=zmax,
                colorscale=SEQUENTIAL,
                colorbar=dict(title=dict(text=label.replace(" (", "<br>("), side="top"), thickness=14, len=0.7, x=0.86, xanchor="left",
                              tickformat=".0%" if metric.endswith("_share") else ",.0f"),
                name=label,
                showlegend=False,
                text=[f"{name}: {format_metric(metric, value)}" for name, value in zip(shown["name"], shown[metric])],
                hovertemplate="%{text}<extra></extra>",
                marker_line_color="white",
                marker_line_width=0.8,
            )
        )
    figure.update_layout(
        map=dict(style="white-bg", center=MAP_CENTER, zoom=2.6, domain=dict(x=[0, 0.84], y=[0, 1])),
        margin=dict(l=0, r=0, t=0, b=0),
        height=600,
        font=FONT,
        legend=dict(x=0.01, y=0.99, bgcolor="rgba(255,255,255,0.85)", itemclick=False, itemdoubleclick=False),
        paper_bgcolor="white",
        clickmode="event+select",
    )
    return figure


def categories_by_state(matching: pd.DataFrame) -> go.Figure:
    """Stacked bars: matching pathways by category, per member state."""
    counts = matching.groupby(["member_state", "category"]).size().reset_index(name="pathways")
    figure = px.bar(
        counts, x="member_state", y="pathways", color="category",
        color_discrete_sequence=CATEGORY_COLOURS,
        labels={"member_state": "Member state", "pathways": "Matching pathways", "category": "Category"},
        category_orders={"member_state": sorted(counts["member_state"].unique())},
    )
    figure.update_layout(title="Matching pathways by category", font=FONT, height=420, margin=dict(t=50, l=10, r=10, b=10),
                         legend=dict(font=dict(size=11)), plot_bgcolor="white")
    figure.update_yaxes(gridcolor="#eee", dtick=1 if counts["pathways"].max() <= 10 else None)
    return figure


def salary_thresholds(matching: pd.DataFrame) -> go.Figure:
    """One point per route with a fixed threshold, EUR per year, by member state."""
    with_threshold = matching.dropna(subset=["salary_threshold_eur_year"])
    figure = px.strip(
        with_threshold, x="member_state", y="salary_threshold_eur_year", color="category",
        color_discrete_sequence=CATEGORY_COLOURS,
        hover_name="name", hover_data={"member_state": True, "salary_threshold_eur_year": ":,.0f", "category": True},
        labels={"member_state": "Member state", "salary_threshold_eur_year": "Salary threshold (EUR gross per year)", "category": "Category"},
        category_orders={"member_state": sorted(with_threshold["member_state"].unique())},
    )
    figure.update_traces(marker=dict(size=10, line=dict(width=1, color="white")), jitter=0.35)
    skipped = len(matching) - len(with_threshold)
    title = "Salary thresholds of matching pathways"
    if skipped:
        title += f"<br><sup>{skipped} matching pathway(s) without a fixed threshold are not shown</sup>"
    figure.update_layout(title=title, font=FONT, height=420, margin=dict(t=60, l=10, r=10, b=10),
                         legend=dict(font=dict(size=11)), plot_bgcolor="white")
    figure.update_yaxes(gridcolor="#eee", tickformat=",.0f", rangemode="tozero")
    return figure
