"""`python -m explorer serve --workers N`: several Streamlit processes behind HAProxy, each browser kept on one.

The proxy tests need Debian's haproxy: locally they skip, with the reason, when it is missing; under
CI (CI=true, where .ci/run installs it) a missing HAProxy fails them instead.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import urllib.request

import pytest

from explorer import burst
from explorer.cli import build_parser
from explorer.serving import WORKER_COOKIE, WORKER_HEADER, haproxy_config, proxied_workers
from tests.conftest import FIXTURES

_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def test_the_proxy_keeps_each_browser_on_one_process():
    config = haproxy_config("0.0.0.0", 8501, [9001, 9002, 9003])
    assert "bind 0.0.0.0:8501" in config
    assert f"cookie {WORKER_COOKIE} insert indirect nocache" in config
    assert [line.split()[2] for line in config.splitlines() if line.strip().startswith("server ")] == [
        "127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"]
    assert "timeout tunnel" in config  # an open tab's websocket is not cut after a minute


def test_serve_takes_its_options():
    args = build_parser().parse_args(["serve"])
    assert (args.workers, args.port, args.address) == (2, 8501, "0.0.0.0")
    assert build_parser().parse_args(["serve", "--workers", "3", "--port", "8600"]).workers == 3
    assert build_parser().parse_args(["bench", "--burst", "5"]).workers == 2  # a workshop is served as `make serve` serves it
    assert build_parser().parse_args(["bench", "--burst", "5", "--workers", "1"]).workers == 1


def test_a_bad_number_of_workers_is_a_message():
    with pytest.raises(ValueError, match="1 to 16"):
        with proxied_workers(0):
            pass


@pytest.fixture(scope="module")
def served(haproxy):
    with proxied_workers(2, env={"EXPLORER_PATHWAYS_DIR": str(FIXTURES)}) as served:
        yield served


def get(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with _HTTP.open(request, timeout=30) as response:
        response.read()
        return response.headers


def test_new_browsers_go_to_each_process_in_turn_and_then_stay(served):
    first_visits = [get(f"{served.url}/") for _ in range(4)]
    assigned = [headers[WORKER_HEADER] for headers in first_visits]
    assert set(assigned) == {"worker1", "worker2"}
    for headers in first_visits:  # the cookie names the process that answered
        assert f"{WORKER_COOKIE}={headers[WORKER_HEADER]}" in headers["Set-Cookie"]
    for process in ("worker1", "worker2"):  # later requests with the cookie: always that process
        answers = {get(f"{served.url}/_stcore/health", cookie=f"{WORKER_COOKIE}={process}")[WORKER_HEADER] for _ in range(4)}
        assert answers == {process}


def test_sessions_through_the_proxy_reach_a_complete_page(served):
    async def open_sessions():
        release = asyncio.Event()
        release.set()
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            return await asyncio.gather(*(burst.open_session(served.url, "", "", True, pool, release, timeout=60) for _ in range(4)))

    # A thread of its own: Playwright's sync API (the browser tests) may already run an event loop here.
    with concurrent.futures.ThreadPoolExecutor(1) as runner:
        results = runner.submit(asyncio.run, open_sessions()).result()
    assert [result.error for result in results] == [None] * 4
    assert all(result.complete and result.plotly_charts >= 1 for result in results)
    assert len(served.pids) == 3 and served.running()  # two Streamlit processes and HAProxy


def test_the_burst_measures_the_app_served_by_several_processes(haproxy):
    report = burst.measure(3, settle=1, data=FIXTURES, timeout=40, workers=2)
    assert report.errors == 0
    assert report.explore.workers == 2 and report.floor.workers == 1
    # Both processes' memory: each holds its own copy of the app.
    assert report.explore.rss_before > 1.5 * report.floor.rss_before
    assert "Explore served by 2 Streamlit process(es) behind HAProxy" in "\n".join(burst.report_lines(report))
