"""The partnerships world map (pydeck) draws in a real browser with nothing fetched from outside."""

from __future__ import annotations

import io

from PIL import Image

DECK = '[data-testid="stDeckGlJsonChart"]'


def drawn_colours(page) -> dict:
    shot = Image.open(io.BytesIO(page.locator(DECK).first.screenshot())).convert("RGB")
    return {colour: count for count, colour in shot.getcolors(maxcolors=1 << 22)}


def test_the_world_map_draws_arcs_and_countries_offline(page, app_url):
    page.goto(f"{app_url}/partnerships?partner=BD")
    page.locator(DECK).first.wait_for(timeout=45_000)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stDeckGlJsonChart\"] canvas').length > 0",
                           timeout=30_000)
    page.wait_for_timeout(3000)  # the grey countries arrive from this machine's static file
    colours = drawn_colours(page)
    grey = sum(count for (r, g, b), count in colours.items() if r == g == b and 200 <= r <= 230)
    blue_arcs = sum(count for (r, g, b), count in colours.items() if b > 150 and r < 60 and 80 < g < 140)
    assert grey > 20_000, "the world's countries are not drawn"
    assert blue_arcs > 200, "no EU Talent Partnership arc (blue) is drawn"
    assert page.get_by_text("Fixture Talent Partnership with Bangladesh").count() >= 1
    assert page.outside_requests == [], page.outside_requests


def test_a_filter_chosen_on_the_page_is_kept_in_the_address(page, app_url):
    page.goto(f"{app_url}/partnerships")
    page.get_by_text("3 of 3 partnerships match").wait_for(timeout=45_000)
    box = page.locator('input[aria-label="Partner country"]')
    box.click()
    box.fill("Morocco")
    page.get_by_role("option", name="Morocco", exact=True).click()
    page.get_by_text("1 of 3 partnerships match").wait_for(timeout=20_000)
    assert "partner=MA" in page.evaluate("location.href")
    assert page.outside_requests == []
