"""WCAG 2.1 AA in a real browser: an axe-core scan of every page, page titles, heading levels, the map's
accessible name, and the filters reached and used from the keyboard.

axe-core comes from the axe-playwright-python package, which ships axe.min.js: it is injected into the
page as text, so the scan fetches nothing (each test checks that no request leaves localhost).
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from explorer.chromium import LOCAL_PREFIXES, MAP_DRAWN_JS

APP_NAME = "EU labour-migration pathways"
FAILING_IMPACTS = {"serious", "critical"}
# Tall enough for each whole page to be on screen: axe checks the contrast of text it can see.
TALL = {"width": 1280, "height": 2400}

PAGES = [
    ("/", "Explore", MAP_DRAWN_JS),
    ("/country?member_state=DE", "Country profile", "() => [...document.querySelectorAll('h1')].some(h => h.innerText === 'Germany')"),
    ("/compare?member_state=DE&member_state=AT", "Compare",
     "() => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length >= 3"),
    ("/partnerships?partner=BD", "Partnerships",
     "() => document.querySelectorAll('[data-testid=\"stDeckGlJsonChart\"] canvas').length > 0"),
    ("/about", "About & method", "() => document.querySelectorAll('[data-testid=\"stDataFrame\"]').length >= 2"),
]


@pytest.fixture
def tall_page(browser):
    context = browser.new_context(viewport=TALL)
    page = context.new_page()
    page.outside_requests = []
    page.on("request", lambda request: None if request.url.startswith(LOCAL_PREFIXES) else page.outside_requests.append(request.url))
    yield page
    context.close()


def open_page(page, app_url: str, path: str, drawn: str) -> None:
    page.goto(f"{app_url}{path}")
    page.wait_for_function(drawn, timeout=45_000)
    page.wait_for_timeout(1500)  # let late elements (captions after the map, the share link) settle


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} node(s)): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['html'][:140]}")
            lines.extend(f"      {check['message']}" for check in node["any"] + node["all"] + node["none"])
    return "\n".join(lines)


def test_axe_ships_its_script_inside_the_package():
    assert Axe().axe_script.startswith("/*! axe v4")


@pytest.mark.parametrize("path, title, drawn", PAGES, ids=[title for _, title, _ in PAGES])
def test_axe_finds_no_serious_or_critical_violation(tall_page, app_url, path, title, drawn):
    open_page(tall_page, app_url, path, drawn)
    violations = Axe().run(tall_page).response["violations"]
    print(f"\naxe on {path}:\n{report(violations) or 'no violation'}")  # shown with -s, and on failure
    failing = [violation for violation in violations if violation["impact"] in FAILING_IMPACTS]
    assert not failing, report(failing)
    assert tall_page.outside_requests == [], tall_page.outside_requests


@pytest.mark.parametrize("path, title, drawn", PAGES, ids=[title for _, title, _ in PAGES])
def test_each_page_has_its_own_title_and_headings_in_order(page, app_url, path, title, drawn):
    open_page(page, app_url, path, drawn)
    assert page.title() == f"{title} · {APP_NAME}"
    levels = page.evaluate("() => [...document.querySelectorAll('[data-testid=\"stMain\"] :is(h1,h2,h3,h4,h5,h6)')]"
                           ".map(heading => Number(heading.tagName[1]))")
    assert levels[:1] == [1] and levels.count(1) == 1, levels
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:])), f"a heading level is skipped: {levels}"


def test_the_map_has_an_accessible_name_and_a_text_alternative(page, app_url):
    open_page(page, app_url, "/", MAP_DRAWN_JS)
    figure = page.get_by_role("figure", name=re.compile(r"^Map of the EU member states: Matching pathways\."))
    assert figure.count() == 1 and figure.locator(".js-plotly-plot").count() == 1
    ranking = page.get_by_role("table").filter(has_text="Member state")  # the same values as text
    assert ranking.get_by_role("row").count() == 4  # a header and the 3 member states with a match


def test_filters_are_reached_and_used_from_the_keyboard(page, app_url):
    open_page(page, app_url, "/", MAP_DRAWN_JS)
    reached = []
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => { const e = document.activeElement;"
                                     " return e.closest('[data-testid=\"stSidebar\"]') ? (e.getAttribute('aria-label') || e.labels?.[0]?.innerText"
                                     " || e.innerText || '').trim() : null; }"))
        if reached[-1] == "Member states":
            break
    assert "Search name, summary, legal basis" in reached and reached[-1] == "Member states", reached
    page.keyboard.type("Germ")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('member_state=DE')", timeout=20_000)
    page.get_by_text(re.compile(r"^\d+ of 6 pathways match, in 1 member state$")).wait_for(timeout=20_000)
    assert page.outside_requests == []
