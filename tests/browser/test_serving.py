"""The app served by two processes behind HAProxy (`make serve`), in a real browser: a download made
on one process is fetched from that process, and the page works on each."""

from __future__ import annotations

import re

import pytest

from explorer.cli import main as cli
from explorer.serving import WORKER_HEADER, proxied_workers
from tests.browser.test_browser import open_explore
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def proxied_url(chromium, haproxy):
    with proxied_workers(2, env={"EXPLORER_PATHWAYS_DIR": str(FIXTURES)}) as served:
        yield served.url


@pytest.mark.parametrize("visit", [1, 2])  # two fresh browsers: new browsers go to each process in turn
def test_a_download_through_the_proxy_equals_the_cli_export(browser, proxied_url, tmp_path, visit):
    exported = tmp_path / "cli.csv"
    assert cli(["--data", str(FIXTURES), "export", "--out", str(exported), "--member-state", "DE", "--language", "none"]) == 0
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    workers = set()
    page.on("response", lambda response: workers.add(response.headers.get(WORKER_HEADER.lower())))
    try:
        open_explore(page, proxied_url, "?member_state=DE&language=none")
        with page.expect_download() as download_info:
            page.get_by_role("button", name=re.compile(r"Download CSV \(2 rows\)")).click()
        downloaded = tmp_path / "browser.csv"
        download_info.value.save_as(downloaded)
    finally:
        context.close()
    assert downloaded.read_bytes() == exported.read_bytes()
    assert len(workers - {None}) == 1, f"one browser was answered by several processes: {workers}"
