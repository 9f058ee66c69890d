"""The partnerships dataset: validated with loud errors, filtered by declared filters that round-trip
through the address, drawn from local data only, and the facts the seed documents state."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from openpyxl import load_workbook

from explorer.excel import partnerships_workbook
from explorer.geo import STATIC_WORLD, world_geometry_text
from explorer.loading import DataValidationError, load_dataset
from explorer.partnership_map import partnership_deck, partnership_figure
from explorer.partnerships import (PartnershipFilters, apply_partnership_filters, arcs, parse_partnership_query,
                                   partnership_query)
from tests.conftest import FIXTURES
from tests.test_app import markdown, run_page

MEMBER_STATES = load_dataset(FIXTURES).member_states.index


@pytest.fixture
def partnership_dir(tmp_path):
    """A writable copy of the fixture data with its partnerships, for planting bad records."""
    import shutil
    shutil.copytree(FIXTURES, tmp_path / "pathways")
    shutil.copytree(FIXTURES.parent / "partnerships", tmp_path / "partnerships")
    return tmp_path


@pytest.mark.parametrize("field, value, says", [
    ("kind", "friendship", "kind"),
    ("member_states", ["DE", "XX"], "'XX' is not an EU member state code"),
    ("partner_countries", ["FR"], "'FR' is not a non-EU country code"),
    ("pathway_ids", ["de-nowhere"], "'de-nowhere' is not a pathway record id"),
    ("sectors", ["Z"], "not NACE Rev.2 section letters: Z"),
    ("start", "last spring", "start"),
    ("colour", "blue", "unknown field"),
])
def test_a_bad_partnership_fails_loudly_with_file_id_and_field(partnership_dir, field, value, says):
    path = partnership_dir / "partnerships" / "partnerships.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["partnerships"][0][field] = value
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_dataset(partnership_dir / "pathways")
    problem = error.value.problems[0]
    assert problem.file.endswith("partnerships.yaml") and problem.record_id == "fixture-bd-talent"
    assert says in f"{problem.field}: {problem.message}"


@pytest.mark.parametrize("query, kept", [
    ({}, ["fixture-bd-bilateral", "fixture-bd-talent", "fixture-ma-pilot"]),
    ({"partner": "bd"}, ["fixture-bd-bilateral", "fixture-bd-talent"]),
    ({"member_state": ["EL"]}, ["fixture-bd-bilateral"]),  # EL is Greece
    ({"kind": ["eu_funded_pilot"], "sector": ["A"]}, ["fixture-ma-pilot"]),
    ({"status": ["planned"]}, ["fixture-bd-talent"]),
    ({"partner": "MA", "member_state": ["PL"]}, []),
])
def test_filters_keep_the_right_partnerships_and_round_trip_through_the_address(fixture_dataset, query, kept):
    filters, notices = parse_partnership_query(query, MEMBER_STATES)
    assert notices == []
    assert list(apply_partnership_filters(fixture_dataset.partnerships, filters)["id"]) == kept
    assert parse_partnership_query(partnership_query(filters), MEMBER_STATES)[0] == filters


def test_bad_link_values_are_named_not_fatal():
    filters, notices = parse_partnership_query({"partner": "DE", "kind": ["war"], "colour": "red"}, MEMBER_STATES)
    assert filters == PartnershipFilters()
    assert len(notices) == 3 and "`partner=DE` was ignored" in notices[0]


def test_arcs_join_partner_countries_to_member_states(fixture_dataset):
    table = arcs(fixture_dataset.partnerships)
    bangladesh = table[table["partner"] == "BD"].set_index("member_state")
    assert sorted(bangladesh.index) == ["DE", "GR", "PL"]
    assert bangladesh.loc["DE", "programmes"] == ["Fixture Talent Partnership with Bangladesh"]


def test_the_map_asks_for_nothing_outside_this_machine(fixture_dataset):
    spec = partnership_deck(arcs(fixture_dataset.partnerships)).to_json()
    assert "http" not in spec and "mapbox" not in spec.lower() and "carto" not in spec.lower()
    layers = json.loads(spec)["layers"]
    assert [layer["id"] for layer in layers] == ["world", "countries", "arcs"]
    assert json.loads(spec)["mapStyle"] == "app/static/blank-map-style.json"
    assert json.loads(spec).get("mapProvider") is None
    figure = partnership_figure(arcs(fixture_dataset.partnerships), "Partnerships")
    assert {trace.name for trace in figure.data if trace.showlegend} == {"EU Talent Partnership", "EU-funded pilot project",
                                                                         "Bilateral agreement"}


def test_the_served_world_file_is_current():
    assert STATIC_WORLD.read_text(encoding="utf-8") == world_geometry_text(), "run `make build`"


def test_workbook_is_in_words(fixture_dataset):
    workbook = load_workbook(io.BytesIO(partnerships_workbook(fixture_dataset.partnerships, ["Partner country: Bangladesh"])))
    rows = list(workbook["Partnerships"].values)
    first = dict(zip(rows[0], rows[1]))
    assert first["Kind"] == "Bilateral agreement" and first["Partner countries"] == "Bangladesh"
    assert first["Member states"] == "Greece"


# ---- The real data ----

SEED_PARTNERSHIPS = ["eu-bangladesh-talent-partnership", "ilo-supporting-talent-partnership-bangladesh", "palim-belgium-morocco",
                     "mentor-ii-italy-morocco-tunisia", "digital-explorers-lithuania-nigeria", "wafira-spain-morocco",
                     "thamm-north-africa", "triple-win-nurses-germany", "luxembourg-cabo-verde-young-professionals"]


def test_real_partnerships_cover_the_seeds_with_30_or_more_records():
    partnerships = load_dataset().partnerships.set_index("id")
    assert len(partnerships) >= 30
    assert set(SEED_PARTNERSHIPS) <= set(partnerships.index)


def test_the_ilo_bangladesh_project_facts_from_the_seeds():
    # Seed 002: "The Talent Partnership Project (EUR 3 million, 2024-2027) will be collaboratively implemented by the
    # Bureau of Manpower, Employment and Training (BMET) and the International Labour Organization (ILO,) ..."
    project = load_dataset().partnerships.set_index("id").loc["ilo-supporting-talent-partnership-bangladesh"]
    assert project["budget"] == "EUR 3 million"
    assert project["start"].startswith("2024") and project["end"].startswith("2027")
    assert project["partner_countries"] == "BD"


# ---- The page ----

@pytest.fixture
def fixture_records(monkeypatch):
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))


def test_a_partner_link_shows_its_partnerships_and_the_routes_open_to_its_nationals(fixture_records):
    app = run_page("partnerships", partner="BD")
    text = markdown(app)
    assert "2 of 3 partnerships match" in text
    assert "**Fixture Talent Partnership with Bangladesh** (EU Talent Partnership; Germany, Poland;" in text
    assert "[Fixture Blue Card](http://localhost:8501/country?member_state=DE&record=de-blue-card)" in text
    assert "(http://localhost:8501/?member_state=DE&nationality=BD&view=table)" in text
    assert "not bold" not in text  # notes are not shown as Markdown, and never as HTML
    assert app.selectbox(key="partnership_partner").value == "BD"


def test_the_filters_write_the_address(fixture_records):
    app = run_page("partnerships", kind=["eu_funded_pilot"])
    assert "1 of 3 partnerships match" in markdown(app)
    app.multiselect(key="partnership_member_state").set_value(["AT"]).run()
    query = {name: value if isinstance(value, list) else [value] for name, value in app.query_params.items()}
    assert query == {"kind": ["eu_funded_pilot"], "member_state": ["AT"]}
    assert "1 of 3 partnerships match" in markdown(app)
