"""Figures are built from plain specs without plotly's validation (for speed); validating them must
change nothing, or the browser would draw something other than what the exports show."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from explorer.figures import categories_by_state, choropleth, map_groups, salary_thresholds
from explorer.filters import FilterSet, apply_filters
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
    empty = apply_filters(pathways, FilterSet(q="nothing matches this"))
    yield choropleth(per_member_state(empty, load_member_states(), CURATED), EU27_URL, "pathways")
    yield categories_by_state(empty)
    yield salary_thresholds(empty)


@pytest.mark.parametrize("index", range(9))
def test_validating_a_figure_changes_nothing(pathways, index):
    figure = list(_figures(pathways))[index]
    validated = go.Figure(figure.to_dict())  # raises on an unknown attribute or a bad value
    assert _without_template(validated) == _without_template(figure)


def test_map_colours_follow_the_metric(pathways):
    every_route = apply_filters(pathways, FilterSet(status="all"))
    figure = choropleth(per_member_state(every_route, load_member_states(), CURATED), EU27_URL, "pathways")
    # One map trace (a shared geometry URL would leave further traces blank after 5 s), the colour
    # bar, and one legend entry: every fixture member state has a match, so no "no matching pathway".
    states, colour_bar, swatch = figure.data
    groups = map_groups(figure)
    assert swatch.type == "scattergeo" and swatch.name == "Not yet in the dataset" and swatch.showlegend
    assert len(groups["Not yet in the dataset"]) == 23 and set(groups["Matching pathways"]) == {"DE", "PL", "AT", "GR"}
    scale = colour_bar.marker
    assert scale.colorscale[0][1] == "#26828e" and scale.colorscale[-1][1] == "#440154"  # Viridis' darker half, high = dark
    assert (scale.cmin, scale.cmax) == (1.0, 3.0) and scale.showscale and not states.showscale
    z = dict(zip(states.locations, states.z))
    assert z["GR"] < z["AT"] == z["PL"] < z["DE"] == 1.0  # 1, 2, 2, 3 routes: darker with more
    hover = dict(zip(states.locations, states.text))
    assert "not in force on the reference date" in hover["GR"] and "not in force" not in hover["DE"]


def test_blue_card_metric_says_who_does_not_take_part(pathways):
    per_state = per_member_state(apply_filters(pathways, FilterSet()), load_member_states(), CURATED | {"IE"})
    per_state.loc["IE", "pathways"] = 2  # Ireland with routes of its own, none of them a Blue Card
    figure = choropleth(per_state, EU27_URL, "blue_card")
    hover = dict(zip(figure.data[0].locations, figure.data[0].text))
    groups = map_groups(figure)
    assert {state: hover[state] for state in groups["EU Blue Card threshold (EUR/year)"]} == {"DE": "Germany: 45,300 EUR/year"}
    no_value = {state: hover[state] for state in groups["No matching pathway or no value"]}
    assert no_value["IE"] == "Ireland: does not take part in the EU Blue Card"
    assert no_value["AT"] == "Austria: no matching EU Blue Card route with a threshold"
    assert no_value["GR"] == "Greece: no matching pathway"


def test_lowest_threshold_counts_employment_routes_and_shares_only_known_values(pathways):
    per_state = per_member_state(apply_filters(pathways, FilterSet()), load_member_states(), CURATED)
    assert per_state.loc["DE", "lowest_salary"] == 30000  # the skilled-worker route, not an allowance
    assert per_state.loc["PL", "quota_share"] == 0.0 and per_state.loc["PL", "quota_unknown"] == 1
    assert per_state.loc["PL", "no_language_share"] == 0.0 and per_state.loc["PL", "no_language_unknown"] == 1


def test_no_match_and_not_covered_are_told_apart(pathways):
    only_germany = apply_filters(pathways, FilterSet(member_state=("DE",)))
    figure = choropleth(per_member_state(only_germany, load_member_states(), CURATED), EU27_URL, "pathways")
    by_name = {name: set(states) for name, states in map_groups(figure).items()}
    legend = [trace.name for trace in figure.data if trace.showlegend]
    assert legend == ["Not yet in the dataset", "No matching pathway"]  # outlined squares, after the map traces
    assert by_name["Not yet in the dataset"] == set(load_member_states().index) - CURATED
    assert by_name["No matching pathway"] == {"AT", "GR", "PL"}
    assert by_name["Matching pathways"] == {"DE"}
