"""Hostile text in a link is shown as text: no link to an outside address appears, no Markdown
escapes leak into what people read, and no bidirectional control can reverse the app's sentence;
numbers the widgets could not hold are named, never applied unseen, and nothing shows a traceback."""

from __future__ import annotations

import pytest

from explorer.chromium import MAP_DRAWN_JS

CASES = [  # (path and query, text that must be shown, text that must not be)
    ("/?q=http://evil.example/login", "Search text: http", "\\"),
    ("/?q=www.evil.example%20and%20%60tick%60%20%E2%80%AEdesrever", "desrever", "\u202e"),
    ("/?q=mail%20me%40evil.example", "Search text: mail me", "\\"),
    ("/country?member_state=%60x%60%5C%E2%80%AEzz", "is not an EU member state code", "\\"),
    ("/?max_salary=%C2%B2", "max_salary=", "Traceback"),
    ("/?max_salary=%E2%91%A0", "max_salary=", "Traceback"),
    ("/?max_salary=99999999999", "is above the largest value accepted", "Traceback"),
    ("/?q=%5Bclick%5D(http://evil.example)", "Search text: [click]", "\\"),
]


@pytest.mark.parametrize("path, shown, absent", CASES, ids=[case[0][:40] for case in CASES])
def test_hostile_link_text_is_shown_as_text(page, app_url, path, shown, absent):
    page.goto(app_url + path)
    page.get_by_text(shown, exact=False).first.wait_for(timeout=30_000)
    if not path.startswith("/country"):
        page.wait_for_function(MAP_DRAWN_JS, timeout=45_000)
    body = page.locator("section.main, [data-testid='stMain']").first.inner_text()
    assert absent not in body
    assert "Traceback" not in body
    assert page.locator('a[href*="evil"]').count() == 0
    assert page.outside_requests == []
