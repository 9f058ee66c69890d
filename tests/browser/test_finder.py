"""The finder in a real browser: the form filled through its widgets, the address that follows it,
the map drawn offline, and a known fixture route's verdict with its reason."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from explorer.chromium import MAP_DRAWN_JS


def address(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def choose(page, label: str, option: str) -> None:
    """Pick an option of a selectbox or multiselect by typing it, as a person does."""
    box = page.locator(f'input[aria-label="{label}"]')
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def wait_for_address(page, **expected) -> None:
    checks = " && ".join(f"new URLSearchParams(location.search).getAll({name!r}).join('|') === {'|'.join(values)!r}"
                         for name, values in expected.items())
    page.wait_for_function(f"() => {checks}", timeout=20_000)


def test_the_form_fills_the_address_and_shows_the_verdicts_with_the_map_offline(page, app_url):
    page.goto(f"{app_url}/finder")
    page.get_by_role("heading", name="Which routes fit this person?").wait_for(timeout=45_000)
    page.wait_for_function(MAP_DRAWN_JS, timeout=45_000)

    choose(page, "Nationality", "Bangladesh")
    wait_for_address(page, nationality=["BD"])
    page.get_by_role("radiogroup", name="Highest qualification").get_by_text("Higher-education degree", exact=True).click()
    wait_for_address(page, nationality=["BD"], qualification=["higher_education"])
    salary = page.get_by_label("Salary offered, gross per year (optional)", exact=True)
    salary.fill("42000")
    salary.press("Enter")
    wait_for_address(page, salary=["42000"])
    choose(page, "Languages spoken", "German")
    page.keyboard.press("Escape")  # the choice is sent when the list closes
    page.get_by_text("Level in German (CEFR)").wait_for(timeout=20_000)
    wait_for_address(page, language=["de:B1"])
    page.get_by_role("radiogroup", name="Job offer").get_by_text("Has a job offer", exact=True).click()
    wait_for_address(page, nationality=["BD"], qualification=["higher_education"], salary=["42000"], language=["de:B1"],
                     job_offer=["yes"])

    assert address(page) == {"nationality": ["BD"], "qualification": ["higher_education"], "salary": ["42000"],
                             "language": ["de:B1"], "job_offer": ["yes"]}
    page.get_by_role("heading", name=re.compile(r"^6 routes assessed: 1 fit, 3 fit under conditions, 1 cannot tell, "
                                                r"1 do not fit$")).wait_for(timeout=20_000)
    page.get_by_text("Offer EUR 42,000 is below the EUR 45,300 threshold but reaches the reduced EUR 41,041.80 "
                     "(shortage occupations)").wait_for(timeout=20_000)
    blue_card = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="Fixture Blue Card").last
    assert "Fits under conditions" in blue_card.inner_text()
    page.wait_for_function(MAP_DRAWN_JS, timeout=30_000)
    fill = page.evaluate("""() => {
      const gd = document.querySelector('.js-plotly-plot');
      const states = gd.data.find(t => t.type === 'choropleth');
      return states.locations.map((location, i) => [states.customdata[i], location]);
    }""")
    fitted = {}
    for group, location in fill:
        fitted.setdefault(group, []).append(location)
    assert sorted(fitted["Routes that fit (also under conditions)"]) == ["AT", "DE", "PL"]
    assert page.outside_requests == [], page.outside_requests


def test_a_ready_made_profile_link_opens_its_profile(page, app_url):
    page.goto(f"{app_url}/finder")
    page.get_by_role("heading", name="Which routes fit this person?").wait_for(timeout=45_000)
    with page.context.expect_page() as opened:  # links in the page's text open in a new tab
        page.get_by_role("link", name=re.compile("^A Nigerian graduate looking for work")).click()
    profile = opened.value
    profile.get_by_role("heading", name=re.compile(r"^6 routes assessed: 0 fit, 1 fit under conditions, 0 cannot tell, "
                                                   r"5 do not fit$")).wait_for(timeout=45_000)
    assert address(profile) == {"nationality": ["NG"], "qualification": ["higher_education"], "language": ["en:C1"]}
    nationality = profile.locator('[data-testid="stSelectbox"]').filter(has_text="Nationality").first
    shown = nationality.inner_text() + " " + " ".join(box.input_value() for box in nationality.locator("input").all())
    assert "Nigeria" in shown, shown  # the form holds the profile
    assert page.outside_requests == [], page.outside_requests
