"""Compare page: the URL contract, figures equal to the country pages', the routes behind each
figure, and the exports (fixture data)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from explorer.compare import (COUNTED, KEY_FIGURES, comparison_csv, comparison_workbook, compared_member_states,
                              key_figures, routes_behind, route_matrix)
from explorer.filters import apply_filters
from explorer.summaries import country_figures
from tests.test_app import markdown, run_page

KNOWN = ["AT", "DE", "FR", "GR", "IE", "NL", "PL"]


@pytest.mark.parametrize("given, expected, notices", [
    (["NL", "IE"], ["NL", "IE"], 0),
    (["el", "de"], ["GR", "DE"], 0),  # EL is Greece, any case
    (["DE", "de", "AT"], ["DE", "AT"], 0),  # the same member state twice counts once
    (["DE", "XX"], ["DE"], 1),  # not a member state: named
    (["DE", "AT", "PL", "GR", "FR"], ["DE", "AT", "PL", "GR"], 1),  # five: the first four, and a notice
])
def test_compare_link_member_states(given, expected, notices):
    codes, said = compared_member_states(given, KNOWN)
    assert codes == expected
    assert len(said) == notices


def test_each_counted_figure_equals_the_routes_its_link_lists(fixture_dataset):
    pathways = fixture_dataset.pathways
    for iso2 in ("DE", "AT", "PL", "GR"):
        figures = country_figures(pathways, iso2, fixture_dataset.member_states, fixture_dataset.exchange_rates)
        for figure in KEY_FIGURES:
            if figure.name in COUNTED:
                assert figures[figure.name] == len(apply_filters(pathways, routes_behind(figure, iso2))), (iso2, figure.name)


def test_key_figures_are_the_country_figures_in_words(fixture_dataset):
    table = key_figures(fixture_dataset, ["DE", "AT"])
    assert list(table.columns) == ["Germany", "Austria"]
    germany = table["Germany"]
    assert germany["Routes in force on the reference date"] == "3"
    assert germany["EU Blue Card threshold"] == "45,300 EUR/year"
    assert germany["Routes under a quota"] == "1"  # the seasonal route
    assert germany["Confidence of the records"] == "High 3"


def test_route_matrix_lists_each_route_under_its_type(fixture_dataset):
    matrix = route_matrix(fixture_dataset, ["DE", "PL"])
    assert matrix["eu_blue_card"] == {"DE": [("de-blue-card", "Fixture Blue Card")], "PL": []}
    assert "investor" not in matrix  # the Austrian investor route is closed, and Austria is not compared


def test_comparison_exports_open_with_every_part(fixture_dataset):
    workbook = load_workbook(io.BytesIO(comparison_workbook(fixture_dataset, ["DE", "AT"], "http://localhost:8501/compare?x")))
    assert workbook.sheetnames == ["Key figures", "Route types", "Routes", "About this export"]
    assert workbook["Key figures"]["B1"].value == "Germany"
    assert workbook["Routes"].max_row == 1 + 4  # DE 3 + AT 1 in force
    text = comparison_csv(fixture_dataset, ["DE", "AT"]).decode()
    assert text.splitlines()[0] == "Row,Germany,Austria"
    assert "Routes of type: EU Blue Card,Fixture Blue Card," in text


@pytest.fixture
def fixture_records(monkeypatch):
    from tests.conftest import FIXTURES
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))


def _cells(app, row_label: str) -> list[str]:
    """The cells of one row of the key-figures table, link targets dropped."""
    line = next(line for line in markdown(app).splitlines() if line.startswith(f"| {row_label} |"))
    return [re.sub(r"\[(.*?)\]\(.*?\)", r"\1", cell).strip() for cell in line.strip("|").split("|")[1:]]


@pytest.mark.parametrize("states", [["DE", "AT"], ["DE", "AT", "PL"], ["DE", "AT", "PL", "el"]])
def test_compare_link_shows_figures_matrix_chart_and_summaries(fixture_records, states):
    app = run_page("compare", member_state=states)
    text = markdown(app)
    assert "| Key figure | Germany | Austria |" in text
    assert "| EU Blue Card | [Fixture Blue Card](http://localhost:8501/country?member_state=DE&record=de-blue-card) |" in text
    assert len(_cells(app, "Routes in force on the reference date")) == len(states)
    assert len(app.get("plotly_chart")) == 1
    assert [subheader.value for subheader in app.subheader][: len(states)] == [
        {"DE": "Germany", "AT": "Austria", "PL": "Poland", "el": "Greece"}[code] for code in states]
    assert app.query_params["member_state"] == [code.upper().replace("EL", "GR") for code in states]
    assert not app.warning


@pytest.mark.parametrize("states, says", [
    (["DE"], "Choose at least 2 member states"),
    (["DE", "AT", "PL", "GR", "FR"], "At most 4 member states can be compared"),
])
def test_compare_link_with_one_or_five_gives_a_clear_notice(fixture_records, states, says):
    app = run_page("compare", member_state=states)
    shown = " ".join(element.value for element in [*app.warning, *app.info])
    assert says in shown


def test_compare_figures_equal_the_country_pages(fixture_records):
    compare = run_page("compare", member_state=["DE", "AT"])
    for column, iso2 in enumerate(["DE", "AT"]):
        country = run_page("country", member_state=iso2)
        metrics = {metric.label: metric.value for metric in country.metric}
        assert _cells(compare, "Routes in force on the reference date")[column] == metrics["Routes in force on the reference date"]
        assert _cells(compare, "Routes under a quota")[column].split(" ")[0] == metrics["Under a quota"]
        assert _cells(compare, "Routes with no language requirement")[column] == metrics["No language requirement"]


def test_country_page_links_to_a_record_and_to_compare(fixture_records):
    app = run_page("country", member_state="DE", record="de-seasonal")
    assert any(subheader.value == "Fixture seasonal work" for subheader in app.subheader)
    assert "Fact sheet (PDF, A4)" in [button.proto.label for button in app.get("download_button")]
    app.multiselect(key="compare_with").set_value(["AT"]).run()
    links = app.get("page_link")
    assert any("Compare Germany, Austria" in element.proto.label for element in links)
    bad = run_page("country", member_state="DE", record="<b>x</b>")
    assert "is not a route of Germany" in bad.warning[0].value


def test_explore_offers_to_compare_the_member_states_chosen(fixture_records):
    app = run_page("explore", member_state=["DE", "AT"])
    assert [element.proto.label for element in app.get("page_link")] == ["Compare Germany, Austria side by side"]
    assert not run_page("explore", member_state=["DE"]).get("page_link")
