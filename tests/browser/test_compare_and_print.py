"""The compare page from a link, and the country page as it prints."""

from __future__ import annotations

import io

from pypdf import PdfReader

CHART = ".js-plotly-plot .scatterlayer .point"


def test_a_compare_link_draws_the_matrix_and_the_chart_offline(page, app_url):
    page.goto(f"{app_url}/compare?member_state=DE&member_state=el&member_state=PL")
    page.get_by_role("heading", name="Key figures").wait_for(timeout=45_000)
    page.get_by_role("cell", name="Routes in force on the reference date").wait_for(timeout=20_000)
    page.get_by_role("link", name="Fixture Blue Card").wait_for(timeout=20_000)  # the matrix, linking the record
    page.wait_for_function(f"() => document.querySelectorAll('{CHART}').length >= 3", timeout=30_000)
    headers = page.locator("table").first.locator("th").all_inner_texts()
    assert headers == ["Key figure", "Germany", "Greece", "Poland"]
    assert "member_state=GR" in page.evaluate("location.href")  # EL accepted, written back as the ISO code
    assert page.outside_requests == [], page.outside_requests


def test_the_record_link_of_the_matrix_opens_the_record(page, app_url):
    page.goto(f"{app_url}/compare?member_state=DE&member_state=AT")
    with page.context.expect_page() as opened:  # links in the page's text open in a new tab
        page.get_by_role("link", name="Fixture seasonal work").click()
    record = opened.value
    record.get_by_text("The route this link points to:").wait_for(timeout=30_000)
    record.get_by_role("heading", name="Fixture seasonal work").first.wait_for(timeout=20_000)
    assert "record=de-seasonal" in record.evaluate("location.href")
    assert page.outside_requests == []


def test_a_printed_country_page_has_the_whole_table_and_sources_without_the_sidebar(page, app_url):
    page.goto(f"{app_url}/country?member_state=DE")
    page.get_by_role("heading", name="Routes in force on the reference date").wait_for(timeout=45_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    page.emulate_media(media="print")
    # Wait for what is read: the print styles apply with the next style pass after the switch.
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=10_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(state="hidden", timeout=10_000)
    printed = page.locator(".st-key-print-only table")
    printed.wait_for(state="visible", timeout=10_000)
    assert printed.locator("tbody tr").count() == 3  # every route in force, not the rows a grid shows
    text = " ".join(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text().split())
    for expected in ("Fixture Blue Card", "Fixture route needing German", "Fixture seasonal work", "Fixture source"):
        assert expected in text
    assert "Choose a member state" not in text and "Download" not in text
    assert page.outside_requests == []
