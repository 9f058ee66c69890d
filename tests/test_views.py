"""explorer.views: what Explore shows is computed once per filter set and shared by every session.

Sharing is only safe while nobody modifies the shared objects: these tests run the page's views the way
people use them (map, table with a selected row, charts, a tested salary, another metric) and then check
that what the cache hands out still equals a fresh computation.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from explorer import views
from explorer.figures import choropleth
from explorer.filters import apply_filters
from explorer.geo import EU27_URL
from explorer.package import ROOT
from explorer.summaries import per_member_state, ranking
from explorer.urlstate import parse_query
from tests.conftest import FIXTURES
from ui.data import _dataset

LINKS = [
    {},
    {"member_state": ["DE", "GR"], "max_salary": "45300"},
    {"view": "table", "max_salary": "45300", "status": "all"},
    {"view": "charts", "quota": "no"},
    {"metric": "lowest_salary", "language": "none"},
]


def test_one_filter_set_is_computed_once_and_shared(fixture_dataset):
    filters, _, _ = parse_query({"member_state": "DE"}, fixture_dataset.member_states.index)
    again, _, _ = parse_query({"member_state": ["de"]}, fixture_dataset.member_states.index)
    assert views.matching(fixture_dataset, filters) is views.matching(fixture_dataset, again)
    assert views.map_figure(fixture_dataset, filters, "pathways") is views.map_figure(fixture_dataset, again, "pathways")
    pd.testing.assert_frame_equal(views.matching(fixture_dataset, filters), apply_filters(fixture_dataset.pathways, filters))


def test_another_dataset_gets_its_own_results(fixture_dataset, data_dir):
    from explorer.loading import load_dataset

    other = load_dataset(data_dir)
    filters, _, _ = parse_query({}, other.member_states.index)
    assert views.matching(other, filters) is not views.matching(fixture_dataset, filters)


@pytest.mark.parametrize("link", LINKS, ids=lambda link: "&".join(f"{key}={value}" for key, value in link.items()) or "default")
def test_a_page_run_leaves_the_shared_results_unchanged(monkeypatch, link):
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for name, value in link.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    if link.get("view") == "table":  # a selected row opens the whole record
        app.session_state["results"] = {"selection": {"rows": [0], "columns": []}}
        app.run()
        assert not app.exception, [error.value for error in app.exception]

    dataset = _dataset(str(FIXTURES))  # the object the page used: st.cache_resource is per process
    filters, display, _ = parse_query(link, dataset.member_states.index)
    metric = display.metric or "pathways"
    pd.testing.assert_frame_equal(views.matching(dataset, filters), apply_filters(dataset.pathways, filters))
    fresh = per_member_state(apply_filters(dataset.pathways, filters), dataset.member_states, dataset.curated)
    pd.testing.assert_frame_equal(views.member_state_values(dataset, filters), fresh)
    assert views.ranked(dataset, filters, metric) == ranking(fresh, metric)
    assert views.map_figure(dataset, filters, metric).to_json() == choropleth(fresh, EU27_URL, metric).to_json()
