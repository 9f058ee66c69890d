"""`python -m explorer bench --burst N` on the fixture data: a small burst (3 sessions, settle 2 s).

Not a browser test (it speaks Streamlit's websocket protocol itself), so it runs in `make test` and
`make test-fast`; two servers are started in turn and the whole run takes about 15 s.
"""

from __future__ import annotations

import time

import pytest

from explorer.burst import BurstReport, measure, report_lines
from explorer.cli import build_parser
from tests.conftest import FIXTURES

SESSIONS = 3
SETTLE = 2.0


@pytest.fixture(scope="module")
def burst() -> tuple[BurstReport, float]:
    started = time.monotonic()
    report = measure(SESSIONS, settle=SETTLE, data=FIXTURES, timeout=40)
    return report, time.monotonic() - started


def test_every_session_reaches_a_complete_page(burst):
    report, elapsed = burst
    for page in (report.explore, report.floor):
        assert len(page.results) == SESSIONS
        assert page.errors == [], page.errors
        for result in page.results:
            assert result.complete and result.error is None
            assert 0 < result.open_seconds < result.seconds
            assert result.plotly_charts >= 1  # the map on Explore, the chart on the floor page
    assert report.errors == 0 and report.verdicts["errors"]
    assert elapsed < 60


def test_the_report_has_its_fields(burst):
    report, _ = burst
    fields = report.fields()
    assert set(fields) >= {"explore", "floor", "errors", "p95_ratio", "memory_growth", "verdicts", "ok"}
    assert set(fields["verdicts"]) == {"errors", "p95_ratio", "memory"}
    for page in (fields["explore"], fields["floor"]):
        assert page["sessions"] == page["complete"] == SESSIONS and page["errors"] == 0
        assert 0 < page["p50_ms"] <= page["p95_ms"] <= page["max_ms"]
        assert page["settle_s"] == SETTLE
        assert 0 < page["rss_before_mb"] <= page["rss_peak_mb"]
        assert page["rss_after_mb"] > 0
    text = "\n".join(report_lines(report))
    for phrase in ("Explore (map)", "floor (one plotly chart)", "budget errors: 0", "budget p95:", "budget memory:"):
        assert phrase in text
    assert text.splitlines()[-1] in ("all burst budgets met", "BURST BUDGET MISSED")


def test_bench_takes_the_burst_options():
    args = build_parser().parse_args(["bench", "--burst", "50", "--settle", "2", "--query", "quota=no"])
    assert (args.burst, args.settle, args.query) == (50, 2.0, "quota=no")
    assert build_parser().parse_args(["bench"]).settle == 60
