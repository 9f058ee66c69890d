"""The Explore page on a projector-sized screen (1280x720) and on a phone (390x844)."""

from __future__ import annotations

import re

import pytest

from explorer.chromium import LOCAL_PREFIXES, MAP_DRAWN_JS

MAP = ".js-plotly-plot"
HEADLINE = re.compile(r"^\d+ of \d+ pathways? match")


@pytest.fixture
def sized_page(browser, request):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.outside_requests = []
    page.on("request", lambda request: None if request.url.startswith(LOCAL_PREFIXES) else page.outside_requests.append(request.url))
    yield page
    context.close()


def box(locator) -> dict:
    return locator.evaluate("element => { const r = element.getBoundingClientRect();"
                            " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width}; }")


@pytest.mark.parametrize("sized_page", [(1280, 720)], indirect=True)
def test_headline_and_map_show_without_scrolling_on_a_1280x720_screen(sized_page, app_url):
    page = sized_page
    page.goto(app_url)
    page.wait_for_function(MAP_DRAWN_JS, timeout=45_000)
    page.wait_for_timeout(1000)
    height = page.viewport_size["height"]
    headline = box(page.get_by_role("heading", name=HEADLINE))
    assert 0 <= headline["top"] and headline["bottom"] <= height, headline
    chart = box(page.locator(MAP).first)
    assert 0 <= chart["top"] < height, f"the map starts below the fold: {chart}"
    assert height - chart["top"] >= 350, f"less than 350 px of the 520 px map show without scrolling: {chart}"
    shapes_on_screen = page.evaluate(f"() => [...document.querySelectorAll('{MAP} .choroplethlocation')]"
                                     f".filter(shape => shape.getBoundingClientRect().top < {height}).length")
    assert shapes_on_screen > 0, "no member state of the map is on screen without scrolling"
    assert page.outside_requests == []


@pytest.mark.parametrize("sized_page", [(390, 844)], indirect=True)
def test_map_ranking_and_table_are_full_width_on_a_phone(sized_page, app_url):
    page = sized_page
    page.goto(app_url)
    page.wait_for_function(MAP_DRAWN_JS, timeout=45_000)
    page.wait_for_timeout(1000)
    width = page.viewport_size["width"]
    ranking = page.get_by_role("table").filter(has_text="Member state")
    for name, element in (("map", page.locator(MAP).first), ("ranking", ranking)):
        element.scroll_into_view_if_needed()
        assert element.is_visible(), name
        shown = box(element)
        assert shown["width"] > 300 and shown["left"] >= 0 and shown["right"] <= width, (name, shown)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways"

    page.goto(f"{app_url}/?view=table")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=45_000)
    grid.scroll_into_view_if_needed()
    assert grid.is_visible()
    shown = box(grid)
    assert shown["width"] > 300 and shown["left"] >= 0 and shown["right"] <= width, shown
    assert page.outside_requests == []
