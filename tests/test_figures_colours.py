"""The map's colours meet WCAG 2.1 AA non-text contrast (1.4.11, 3:1): the lowest step of the scale
against both "no value" fills, and the outline that marks "not yet in the dataset" against the page."""

from __future__ import annotations

import pytest

from explorer.figures import NO_VALUE_GREY, NOT_CURATED, NOT_CURATED_OUTLINE, SEQUENTIAL, choropleth
from explorer.geo import EU27_URL
from explorer.reference import load_member_states
from explorer.summaries import per_member_state

NON_TEXT = 3.0  # WCAG 2.1 SC 1.4.11


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[index:index + 2], 16) / 255 for index in (0, 2, 4)]
    red, green, blue = (value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_matches_the_wcag_examples():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the usual "lightest AA grey"
    assert contrast("#fde725", "#d0d0d0") == pytest.approx(1.22, abs=0.01)  # the old lowest step and grey


@pytest.mark.parametrize("fill", [NO_VALUE_GREY, NOT_CURATED], ids=["no matching pathway", "not yet in the dataset"])
def test_every_step_of_the_scale_stands_out_from_the_no_value_fills(fill):
    lowest = SEQUENTIAL[0][1]
    assert contrast(lowest, fill) >= NON_TEXT, (lowest, fill, round(contrast(lowest, fill), 2))
    # the scale darkens monotonically, so every other step contrasts more
    steps = [colour for _, colour in SEQUENTIAL]
    assert [luminance(colour) for colour in steps] == sorted((luminance(colour) for colour in steps), reverse=True)


def test_not_yet_in_the_dataset_is_told_apart_by_its_outline():
    assert contrast(NOT_CURATED_OUTLINE, "#ffffff") >= NON_TEXT  # the shape is visible on the white page
    assert contrast(NOT_CURATED_OUTLINE, NOT_CURATED) >= NON_TEXT


def colour_at(colorscale, z: float) -> str:
    """The colour a value gets on a stepped scale: the last stop at or below it (the bands are flat)."""
    return [colour for position, colour in colorscale if position <= z + 1e-9][-1]


def test_the_map_uses_these_colours(pathways):
    only_germany_and_poland = pathways[pathways["member_state"].isin(["DE", "PL"])]
    figure = choropleth(per_member_state(only_germany_and_poland, load_member_states(), {"AT", "DE", "PL"}), EU27_URL, "pathways")
    states = figure.data[0]
    fill = {location: colour_at(states.colorscale, z) for location, z in zip(states.locations, states.z)}
    outline = dict(zip(states.locations, states.marker.line.color))
    assert fill["FR"] == NOT_CURATED and outline["FR"] == NOT_CURATED_OUTLINE  # not yet in the dataset
    assert fill["AT"] == NO_VALUE_GREY and outline["AT"] == "white"  # in the dataset, no match
    assert fill["PL"] == SEQUENTIAL[0][1] and fill["DE"] == SEQUENTIAL[-1][1]  # fewest and most routes
