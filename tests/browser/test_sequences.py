"""Filters used as people use them: one change after another through the widgets, and links opened
in a fresh browser. After each step the address, the headline and `python -m explorer export` with
the same parameters must agree."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

from explorer.cli import main as cli
from explorer.cli import option
from explorer.package import ROOT
from explorer.chromium import MAP_DRAWN_JS
from explorer.urlstate import DISPLAY_PARAMETERS
from tests.conftest import FIXTURES

HEADLINE = re.compile(r"^\d+ of \d+ pathways? match, in \d+ member states?$")


def address(page) -> dict[str, list[str]]:
    """The address bar as the user sees it (Playwright's page.url can lag behind history.pushState)."""
    href = page.evaluate("location.href")
    return {name: sorted(values) for name, values in parse_qs(urlsplit(href).query).items()}


def wait_until(condition, what: str, timeout: float = 25.0):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def cli_headline(query: dict[str, list[str]], tmp_path, capsys) -> str:
    args = [arg for name, values in query.items() if name not in DISPLAY_PARAMETERS
            for value in values for arg in (option(name), value)]
    capsys.readouterr()
    assert cli(["--data", str(FIXTURES), "export", "--out", str(tmp_path / "step.csv"), *args]) == 0
    return re.search(r"(\d+ of \d+ pathways? match, in \d+ member states?)", capsys.readouterr().out).group(1)


def shown_headline(page) -> str:
    texts = page.locator('[data-testid="stMarkdownContainer"] :is(h2, h3)').all_inner_texts()
    return next((text.strip() for text in texts if HEADLINE.match(text.strip())), "")


def member_state_box(page):
    return page.locator('input[aria-label="Member states"]')


def add_member_state(name: str):
    def act(page):
        box = member_state_box(page)
        box.click()
        box.fill(name)
        page.get_by_role("option", name=name, exact=True).click()
        page.locator('[data-testid="stMultiSelectTagsContainer"]').get_by_text(name, exact=True).wait_for()
        page.keyboard.press("Escape")  # the choice is sent when the list closes
    return act


def press_pill(group: str, label: str):
    return lambda page: page.get_by_role("toolbar", name=group).get_by_role("button", name=label, exact=True).click()


def press_segment(group: str, label: str):
    return lambda page: page.get_by_role("radiogroup", name=group).get_by_role("radio", name=label, exact=True).click()


def fill_salary(amount: str):
    def act(page):
        field = page.get_by_label("Salary offered (EUR gross per year)", exact=True)
        field.fill(amount)
        field.press("Enter")
    return act


def remove_last_member_state(page):
    member_state_box(page).click()
    page.keyboard.press("Backspace")
    page.keyboard.press("Escape")


def tick_no_labour_market_test(page):
    page.get_by_text("More conditions", exact=True).click()
    page.get_by_text("No labour-market test", exact=True).click()


STEPS = [  # (what a person does, the address it must give)
    (add_member_state("Poland"), {"member_state": ["PL"]}),
    (press_pill("Language requirement", "No requirement"), {"member_state": ["PL"], "language": ["none"]}),
    (press_segment("Labour-market quota", "No quota"), {"member_state": ["PL"], "language": ["none"], "quota": ["no"]}),
    (add_member_state("Germany"), {"member_state": ["DE", "PL"], "language": ["none"], "quota": ["no"]}),
    (lambda page: page.get_by_text(re.compile("unknown language requirement is not shown")).click(),
     {"member_state": ["DE", "PL"], "language": ["none"], "quota": ["no"], "unknown": ["language"]}),
    (fill_salary("42000"),
     {"member_state": ["DE", "PL"], "language": ["none"], "quota": ["no"], "unknown": ["language"], "max_salary": ["42000"]}),
    (press_segment("Status on the reference date", "All"),
     {"member_state": ["DE", "PL"], "language": ["none"], "quota": ["no"], "unknown": ["language"], "max_salary": ["42000"],
      "status": ["all"]}),
    (tick_no_labour_market_test,
     {"member_state": ["DE", "PL"], "language": ["none"], "quota": ["no"], "unknown": ["language"], "max_salary": ["42000"],
      "status": ["all"], "lmt": ["no"]}),
    (lambda page: page.get_by_role("tab", name="Table").click(),
     {"member_state": ["DE", "PL"], "language": ["none"], "quota": ["no"], "unknown": ["language"], "max_salary": ["42000"],
      "status": ["all"], "lmt": ["no"], "view": ["table"]}),
    (remove_last_member_state,
     {"member_state": ["PL"], "language": ["none"], "quota": ["no"], "unknown": ["language"], "max_salary": ["42000"],
      "status": ["all"], "lmt": ["no"], "view": ["table"]}),
    (press_segment("Labour-market quota", "No quota"),
     {"member_state": ["PL"], "language": ["none"], "unknown": ["language"], "max_salary": ["42000"], "status": ["all"],
      "lmt": ["no"], "view": ["table"]}),
    (press_pill("Language requirement", "No requirement"),
     {"member_state": ["PL"], "max_salary": ["42000"], "status": ["all"], "lmt": ["no"], "view": ["table"]}),
]


def test_a_sequence_of_filter_changes_keeps_address_headline_and_cli_in_step(page, app_url, tmp_path, capsys):
    page.goto(f"{app_url}/")
    page.wait_for_function(MAP_DRAWN_JS, timeout=45_000)
    for number, (act, expected) in enumerate(STEPS, start=1):
        act(page)
        expected = {name: sorted(values) for name, values in expected.items()}
        wait_until(lambda: address(page) == expected, f"step {number}: address {expected}, got {address(page)}")
        wanted = cli_headline(expected, tmp_path, capsys)
        wait_until(lambda: shown_headline(page) == wanted, f"step {number}: headline {wanted!r}, shown {shown_headline(page)!r}")
        assert member_state_box(page).count() == 1
    assert page.outside_requests == []


PAGE_NOT_FOUND = "Page not found"
WARNING = '[data-testid="stAlertContentWarning"]'


def open_fresh(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.goto(url)
    return context, page


def test_the_link_to_this_view_opens_the_same_view_in_a_fresh_browser(page, browser, app_url):
    page.goto(f"{app_url}/?member_state=DE&language=none&max_salary=42000&view=table")
    page.get_by_role("button", name=re.compile("Link to this view")).click(timeout=30_000)  # opens it, with its copy button
    link = page.locator('[data-testid="stCode"] code').last.inner_text(timeout=30_000).strip()
    assert urlsplit(link).path == "/"  # Explore is served at the root
    wanted = wait_until(lambda: shown_headline(page), "the headline")
    context, fresh = open_fresh(browser, link)
    try:
        wait_until(lambda: shown_headline(fresh) == wanted, f"the same headline {wanted!r} in a fresh browser")
        assert fresh.get_by_text(PAGE_NOT_FOUND).count() == 0
        assert fresh.locator(WARNING).count() == 0
    finally:
        context.close()


def test_every_link_in_the_readme_opens_with_no_dialog_and_no_warning(browser, app_url):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = sorted(set(re.findall(r"http://localhost:8501(/[^\s`)]*)", readme)))
    assert len(links) >= 2
    for path in links:
        context, fresh = open_fresh(browser, app_url + path)
        try:
            fresh.locator('[data-testid="stSidebarNav"]').wait_for(timeout=30_000)
            if path.startswith("/country"):
                fresh.get_by_role("heading", name="Germany").wait_for(timeout=30_000)
            else:
                wait_until(lambda: shown_headline(fresh), f"the headline of {path}")
            assert fresh.get_by_text(PAGE_NOT_FOUND).count() == 0, path
            assert fresh.locator(WARNING).count() == 0, path
        finally:
            context.close()
