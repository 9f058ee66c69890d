"""Every page runs (Streamlit AppTest, no browser) on the fixture data; links set the view."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from explorer.package import ROOT
from tests.conftest import FIXTURES, edit_record

TIMEOUT = 30


@pytest.fixture(autouse=True)
def fixture_records(monkeypatch):
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))


def run_page(page: str, **params) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if page != "explore":
        app.switch_page(f"app_pages/{page}.py")
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [error.value for error in app.exception]
    return app


def markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def test_explore_shows_every_pathway_by_default():
    app = run_page("explore")
    assert "6 of 6 pathways match, in 3 member states" in markdown(app)  # in force on the reference date
    assert any("Reference date: 2024-02-01" in caption.value for caption in app.caption)
    assert any(caption.value.replace("\\", "") == "Filters: Status on the reference date: in force" for caption in app.caption)


def test_explore_link_parameters_set_filters_and_headline():
    app = run_page("explore", member_state=["DE", "el"], language="none", max_salary="45300", status="all")
    assert "3 of 8 pathways match, in 2 member states" in markdown(app)
    assert app.multiselect(key="filter_member_state").value == ["DE", "GR"]
    assert app.number_input(key="filter_max_salary").value == 45300


def test_explore_writes_the_view_back_to_the_url():
    app = run_page("explore", quota="no", language="none")
    app.number_input(key="filter_max_salary").set_value(30000).run()
    query = {name: value if isinstance(value, list) else [value] for name, value in app.query_params.items()}
    assert query == {"max_salary": ["30000"], "quota": ["no"], "language": ["none"]}


def test_explore_names_bad_link_parameters_without_failing():
    app = run_page("explore", quota="maybe", member_state="XX")
    warnings = " ".join(warning.value for warning in app.warning)
    assert "quota=maybe" in warnings and "member_state=XX" in warnings
    assert "6 of 6 pathways match" in markdown(app)


def test_explore_with_no_match_says_so():
    app = run_page("explore", q="no such route anywhere")
    assert "0 of 6 pathways match, in 0 member states" in markdown(app)


def test_country_page_shows_the_member_state():
    app = run_page("country", member_state="PL")
    assert app.title[0].value == "Poland"
    assert [metric.value for metric in app.metric][:3] == ["2", "0", "0"]


def test_country_page_accepts_el_and_rejects_unknown_codes():
    assert run_page("country", member_state="EL").title[0].value == "Greece"
    app = run_page("country", member_state="QQ")
    assert "member_state=QQ" in app.warning[0].value


def test_about_page_states_reference_date_and_counts():
    app = run_page("about")
    assert "1 February 2024" in markdown(app)
    assert "8 pathways in 4 of 27 member states" in markdown(app)


def test_bad_data_shows_one_readable_error_not_a_traceback(tmp_path, monkeypatch):
    import shutil
    planted = tmp_path / "pathways"
    shutil.copytree(FIXTURES, planted)
    edit_record(planted, "de.yaml", "de-seasonal", quota_size=12, quota_applies=False, quota_type="none")
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(planted))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not app.exception
    assert "did not pass validation" in app.error[0].value
    assert "de.yaml: de-seasonal: quota_size: a quota size is given but quota_applies is false" in app.code[0].value


def test_views_open_from_the_link_and_keep_the_metric():
    app = run_page("explore", view="table", metric="quota_share")
    assert len(app.dataframe) == 1  # the results table; the map view is not built
    assert not any(chart.proto.spec and '"choropleth"' in chart.proto.spec for chart in app.get("plotly_chart"))
    app = run_page("explore", metric="quota_share")
    assert app.selectbox(key="metric").value == "quota_share"
    assert app.query_params["metric"] in ("quota_share", ["quota_share"])


def test_clear_all_filters_clears_them_and_the_link():
    app = run_page("explore", language="none", quota="no")
    assert "1 of 6 pathways match" in markdown(app)
    next(button for button in app.button if button.label == "Clear all filters").click().run()
    assert "6 of 6 pathways match" in markdown(app)
    assert dict(app.query_params) == {}


def test_a_filter_from_the_link_opens_its_group_and_says_so():
    app = run_page("explore", sector="J")
    assert "5 of 6 pathways match" in markdown(app)  # the routes open to all sectors, not de-seasonal (A;I)
    group = next(expander for expander in app.expander if expander.label.startswith("Category, skill, sector and duration"))
    assert group.label.endswith("(1 set)")
    assert app.multiselect(key="filter_sector").value == ["J"]


def headline_of(app: AppTest) -> str:
    """The headline without its Markdown heading marks."""
    return next(element.value.lstrip("# ") for element in app.markdown if " pathways match" in element.value
                or " pathway match" in element.value)


def query_of(app: AppTest) -> dict[str, list[str]]:
    return {name: value if isinstance(value, list) else [value] for name, value in app.query_params.items()}


def test_changing_filters_one_after_the_other_keeps_every_selection():
    """The sequence that used to corrupt the member-state value once its count changed."""
    app = run_page("explore")
    app.multiselect(key="filter_member_state").set_value(["PL"]).run()
    assert headline_of(app) == "2 of 6 pathways match, in 1 member state"
    app.pills(key="filter_language").set_value(["none"]).run()
    assert headline_of(app) == "0 of 6 pathways match, in 0 member states"
    app.segmented_control(key="filter_quota").set_value("no").run()
    app.text_input(key="filter_q").set_value("fixture").run()
    assert app.multiselect(key="filter_member_state").value == ["PL"]
    assert query_of(app) == {"member_state": ["PL"], "language": ["none"], "quota": ["no"], "q": ["fixture"]}


def test_unknown_values_left_out_are_counted_and_can_be_included():
    app = run_page("explore", member_state="PL", language="none")
    box = app.checkbox(key="filter_unknown_language")
    assert box.label == "1 route with an unknown language requirement is not shown: include them"
    box.check().run()
    assert headline_of(app) == "1 of 6 pathways match, in 1 member state"
    assert query_of(app)["unknown"] == ["language"]


def test_link_notices_go_once_the_view_changes():
    app = run_page("explore", quota="sometimes")
    assert any("quota=sometimes" in warning.value for warning in app.warning)
    app.pills(key="filter_language").set_value(["none"]).run()
    assert not any("quota=sometimes" in warning.value for warning in app.warning)


def test_every_filter_has_its_widget_holding_the_code():
    from explorer.filters import FILTERS
    app = run_page("explore", category="eu_blue_card", cefr="B1", nationality="IN", status="all")
    shown = {name: app.session_state[f"filter_{name}"] for name in
             [item.name for item in FILTERS if item.name != "unknown"] if f"filter_{name}" in app.session_state}
    assert set(shown) == {item.name for item in FILTERS if item.name != "unknown"}
    assert shown["category"] == ["eu_blue_card"] and shown["cefr"] == "B1" and shown["status"] == "all"


def test_salary_offer_marks_routes_under_the_reduced_threshold():
    app = run_page("explore", member_state="DE", max_salary="42000", view="table")
    assert "3 of 6 pathways match" in headline_of(app)
    assert [info.value[:40] for info in app.info] == ["1 matching route reaches only a reduced ", "1 matching route has no fixed salary thr"]
    table = app.dataframe[0].value
    assert dict(zip(table["name"], table["salary_test"]))["Fixture Blue Card"] == "only under the reduced threshold (conditions)"
