"""Real-browser fixtures: the app served on a free port (fixture data), headless Debian Chromium.

Locally the browser tests skip, with the reason, when Chromium is missing; under CI (CI=true)
a missing Chromium fails them instead.
"""

from __future__ import annotations

import pytest

from explorer.chromium import CHROMIUM_ARGS, LOCAL_PREFIXES, chromium_path
from explorer.serving import streamlit_server
from tests.conftest import FIXTURES, required_program


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> str:
    return required_program(chromium_path(), "the browser tests (Chromium)", "apt-get install chromium")


@pytest.fixture(scope="session")
def app_url(chromium) -> str:
    with streamlit_server(env={"EXPLORER_PATHWAYS_DIR": str(FIXTURES)}) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request leaving localhost in `page.outside_requests`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    page = context.new_page()
    page.outside_requests = []
    page.on("request", lambda request: None if request.url.startswith(LOCAL_PREFIXES) else page.outside_requests.append(request.url))
    yield page
    context.close()
