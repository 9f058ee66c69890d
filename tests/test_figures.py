"""Figures are built from plain specs without plotly's validation (for speed); validating them must
change nothing, or the browser would draw something other than what the exports show."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from explorer.figures import categories_by_state, choropleth, salary_thresholds
from explorer.filters import FilterState, apply_filters
from explorer.geo import EU27_URL
from explorer.reference import load_member_states
from explorer.summaries import per_member_state
from explorer.urlstate import METRICS


def _without_template(figure: go.Figure) -> dict:
    spec = figure.to_plotly_json()
    spec["layout"].pop("template", None)
    return spec


def _figures(pathways):
    per_state = per_member_state(pathways, load_member_states())
    yield from (choropleth(per_state, EU27_URL, metric) for metric in METRICS)
    yield categories_by_state(pathways)
    yield salary_thresholds(pathways)
    empty = apply_filters(pathways, FilterState(q="nothing matches this"))
    yield choropleth(per_member_state(empty, load_member_states()), EU27_URL, "pathways")
    yield categories_by_state(empty)
    yield salary_thresholds(empty)


@pytest.mark.parametrize("index", range(9))
def test_validating_a_figure_changes_nothing(pathways, index):
    figure = list(_figures(pathways))[index]
    validated = go.Figure(figure.to_dict())  # raises on an unknown attribute or a bad value
    assert _without_template(validated) == _without_template(figure)


def test_map_colours_follow_the_metric(pathways):
    figure = choropleth(per_member_state(pathways, load_member_states()), EU27_URL, "pathways")
    grey, coloured = figure.data
    assert set(coloured.locations) == {"DE", "PL", "AT", "GR"} and len(grey.locations) == 23
    assert coloured.colorscale[0][1] == "#fde725" and coloured.colorscale[-1][1] == "#440154"  # Viridis, high = dark
    assert dict(zip(coloured.locations, coloured.z)) == {"AT": 1.0, "DE": 3.0, "GR": 1.0, "PL": 2.0}
