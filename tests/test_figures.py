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


CURATED = {"AT", "DE", "GR", "PL"}  # the fixture member states


def _without_template(figure: go.Figure) -> dict:
    spec = figure.to_plotly_json()
    spec["layout"].pop("template", None)
    return spec


def _figures(pathways):
    per_state = per_member_state(pathways, load_member_states(), CURATED)
    yield from (choropleth(per_state, EU27_URL, metric) for metric in METRICS)
    yield categories_by_state(pathways)
    yield salary_thresholds(pathways)
    empty = apply_filters(pathways, FilterState(q="nothing matches this"))
    yield choropleth(per_member_state(empty, load_member_states(), CURATED), EU27_URL, "pathways")
    yield categories_by_state(empty)
    yield salary_thresholds(empty)


@pytest.mark.parametrize("index", range(9))
def test_validating_a_figure_changes_nothing(pathways, index):
    figure = list(_figures(pathways))[index]
    validated = go.Figure(figure.to_dict())  # raises on an unknown attribute or a bad value
    assert _without_template(validated) == _without_template(figure)


def test_map_colours_follow_the_metric(pathways):
    figure = choropleth(per_member_state(pathways, load_member_states(), CURATED), EU27_URL, "pathways")
    uncovered, coloured = figure.data  # every fixture member state has a match: no "no matching pathway" trace
    assert uncovered.name == "Not yet in the dataset" and len(uncovered.locations) == 23
    assert set(coloured.locations) == {"DE", "PL", "AT", "GR"}
    assert coloured.colorscale[0][1] == "#fde725" and coloured.colorscale[-1][1] == "#440154"  # Viridis, high = dark
    assert dict(zip(coloured.locations, coloured.z)) == {"AT": 1.0, "DE": 3.0, "GR": 1.0, "PL": 2.0}


def test_no_match_and_not_covered_are_told_apart(pathways):
    only_germany = apply_filters(pathways, FilterState(member_state=("DE",)))
    figure = choropleth(per_member_state(only_germany, load_member_states(), CURATED), EU27_URL, "pathways")
    by_name = {trace.name: set(trace.locations) for trace in figure.data}
    assert by_name["Not yet in the dataset"] == set(load_member_states().index) - CURATED
    assert by_name["No matching pathway"] == {"AT", "GR", "PL"}
    assert by_name["Matching pathways"] == {"DE"}
