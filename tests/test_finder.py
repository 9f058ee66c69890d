"""The finder (explorer/finder.py): each condition's edge cases, agreement with the Explore filters,
every route in force assessed, and the same verdicts through the function, the CLI and the page."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from explorer.cli import main as cli
from explorer.filters import FILTER, UNKNOWN_CAPABLE, FilterSet, IN_FORCE, apply_filters, filter_masks
from explorer.finder import (CANNOT_TELL, CONDITIONS, DOES_NOT_FIT, DOES_NOT_MEET, FILTER_OF, FITS, FITS_UNDER_CONDITIONS,
                             MEETS, READY_MADE, UNDER_CONDITIONS, VERDICTS, Profile, assess, language_level_for,
                             not_assessed, parse_profile, profile_filters, profile_query, results_csv, results_workbook,
                             verdict_counts)
from explorer.loading import DataValidationError, load_dataset
from tests.conftest import FIXTURES, edit_record
from tests.test_readable import raw_codes

CURRENCIES = ["EUR", "PLN", "CZK"]


@pytest.fixture(scope="module")
def fixture_data():
    return load_dataset(FIXTURES)


@pytest.fixture(scope="module")
def real_data():
    return load_dataset()


def check(pathways, rates, profile: Profile, route_id: str, condition: str):
    """The verdict and reason of one condition of one route."""
    assessment = next(item for item in assess(pathways, profile, rates) if item.route_id == route_id)
    found = assessment.check(condition)
    return (found.verdict, found.reason), assessment.verdict


def with_route(pathways: pd.DataFrame, route_id: str, **changes) -> pd.DataFrame:
    """The fixture table with some fields of one route changed (the loader's columns, typed alike)."""
    changed = pathways.copy()
    row = changed.index[changed["id"] == route_id][0]
    for name, value in changes.items():
        if pd.api.types.is_float_dtype(changed[name]):
            changed.at[row, name] = float("nan") if value is None else value
        elif pd.api.types.is_integer_dtype(changed[name]):
            changed.at[row, name] = pd.NA if value is None else value
        else:
            changed[name] = changed[name].astype(object)
            changed.at[row, name] = value
    return changed


OFFER = dict(nationality="BD", qualification="higher_education", job_offer="yes")


# --- salary -------------------------------------------------------------------------------------

def test_salary_exactly_at_the_threshold_meets_it(fixture_data):
    (verdict, reason), overall = check(fixture_data.pathways, fixture_data.exchange_rates, Profile(**OFFER, salary=45300),
                                       "de-blue-card", "salary")
    assert verdict == MEETS and reason == "Offer EUR 45,300 reaches the EUR 45,300 threshold"
    assert overall == FITS


def test_salary_reaching_only_the_reduced_threshold_meets_it_under_conditions(fixture_data):
    (verdict, reason), overall = check(fixture_data.pathways, fixture_data.exchange_rates, Profile(**OFFER, salary=42000),
                                       "de-blue-card", "salary")
    assert verdict == UNDER_CONDITIONS
    assert reason == ("Offer EUR 42,000 is below the EUR 45,300 threshold but reaches the reduced EUR 41,041.80 "
                      "(shortage occupations)")
    assert overall == FITS_UNDER_CONDITIONS


def test_salary_below_both_thresholds_does_not_meet(fixture_data):
    (verdict, reason), overall = check(fixture_data.pathways, fixture_data.exchange_rates, Profile(**OFFER, salary=41041),
                                       "de-blue-card", "salary")
    assert verdict == DOES_NOT_MEET and "below the EUR 45,300 threshold and the reduced EUR 41,041.80" in reason
    assert overall == DOES_NOT_FIT


def test_a_salary_in_another_currency_is_converted_at_the_reference_rates(fixture_data):
    # pl-work-permit: PLN 4,242 a month x 12 = PLN 50,904 a year
    rates = fixture_data.exchange_rates
    (verdict, reason), _ = check(fixture_data.pathways, rates, Profile(**OFFER, salary=50904, currency="PLN"),
                                 "pl-work-permit", "salary")
    assert verdict == MEETS and reason.startswith("Offer PLN 50,904 (EUR 11,736.33 at the reference rate) reaches")
    (verdict, _), _ = check(fixture_data.pathways, rates, Profile(**OFFER, salary=50903, currency="PLN"), "pl-work-permit", "salary")
    assert verdict == DOES_NOT_MEET


def test_no_salary_given_cannot_tell_against_a_threshold_and_no_amount_is_not_a_failure(fixture_data):
    rates = fixture_data.exchange_rates
    assert check(fixture_data.pathways, rates, Profile(**OFFER), "de-blue-card", "salary")[0][0] == CANNOT_TELL
    assert check(fixture_data.pathways, rates, Profile(**OFFER, salary=1000), "de-seasonal", "salary")[0] == (
        UNDER_CONDITIONS, "Pay must match the collective agreement or local pay; no amount to compare with")
    unknown = with_route(fixture_data.pathways, "de-seasonal", income_requirement="unknown")
    assert check(unknown, rates, Profile(**OFFER, salary=1000), "de-seasonal", "salary")[0] == (
        CANNOT_TELL, "The income rule is not recorded")


def test_a_threshold_known_only_as_a_multiple_cannot_tell_and_says_the_rule(fixture_data):
    multiple = with_route(fixture_data.pathways, "de-seasonal", income_requirement="reference_multiple",
                          salary_threshold_multiple=1.5, salary_threshold_reference="the average gross annual salary")
    assert check(multiple, fixture_data.exchange_rates, Profile(**OFFER, salary=90000), "de-seasonal", "salary")[0] == (
        CANNOT_TELL, "The threshold is 1.5 × the average gross annual salary; no source states its amount on the reference date")


# --- language -----------------------------------------------------------------------------------

def test_the_right_language_at_the_level_meets_it(fixture_data):
    profile = Profile(nationality="RS", languages=(("de", "B1"), ("en", "C1")))
    (verdict, reason), _ = check(fixture_data.pathways, fixture_data.exchange_rates, profile, "de-language-route", "language")
    assert verdict == MEETS and reason == "B1 in German is required; the profile has German B1"


def test_the_right_language_at_too_low_a_level_does_not_meet(fixture_data):
    profile = Profile(nationality="RS", languages=(("de", "A2"), ("en", "C2")))
    (verdict, reason), _ = check(fixture_data.pathways, fixture_data.exchange_rates, profile, "de-language-route", "language")
    assert verdict == DOES_NOT_MEET and reason == "B1 in German is required; the profile has German A2"


def test_the_level_in_another_language_does_not_meet(fixture_data):
    profile = Profile(nationality="RS", languages=(("fr", "C2"),))
    (verdict, reason), _ = check(fixture_data.pathways, fixture_data.exchange_rates, profile, "de-language-route", "language")
    assert verdict == DOES_NOT_MEET and reason == "B1 in German is required; the profile has no German"


def test_a_level_without_the_language_recorded_cannot_tell_which_language(fixture_data):
    pathways = with_route(fixture_data.pathways, "de-language-route", languages=None)
    profile = Profile(nationality="RS", languages=(("fr", "B2"),))
    (verdict, reason), _ = check(pathways, fixture_data.exchange_rates, profile, "de-language-route", "language")
    assert verdict == CANNOT_TELL and "cannot tell which language" in reason
    low = Profile(nationality="RS", languages=(("fr", "A1"),))
    assert check(pathways, fixture_data.exchange_rates, low, "de-language-route", "language")[0][0] == DOES_NOT_MEET


def test_any_of_the_languages_that_count_meets_it(fixture_data):
    pathways = with_route(fixture_data.pathways, "de-language-route", languages="de;en")
    profile = Profile(nationality="RS", languages=(("en", "B2"),))
    assert check(pathways, fixture_data.exchange_rates, profile, "de-language-route", "language")[0] == (
        MEETS, "B1 in German or English is required; the profile has English B2")


# --- unknown values give "cannot tell" -----------------------------------------------------------

@pytest.mark.parametrize("changes, profile, condition", [
    ({}, Profile(), "language"),  # pl-work-permit: language requirement unknown in the fixture
    ({"job_offer_required": "unknown"}, Profile(job_offer="no"), "job_offer"),
    ({"qualification_required": "unknown"}, Profile(), "qualification"),
    ({"path_to_permanent_residence": "unknown"}, Profile(permanent="yes"), "permanent"),
    ({"income_requirement": "unknown", "salary_threshold_amount": None, "salary_threshold_eur_year": float("nan")},
     Profile(salary=30000), "salary"),
])
def test_unknown_values_give_cannot_tell(fixture_data, changes, profile, condition):
    pathways = with_route(fixture_data.pathways, "pl-work-permit", **changes)
    (verdict, reason), overall = check(pathways, fixture_data.exchange_rates, profile, "pl-work-permit", condition)
    assert verdict == CANNOT_TELL and "not recorded" in reason
    assert overall in (CANNOT_TELL, DOES_NOT_FIT)  # never "fits" while a condition is open


def test_overall_verdict_is_cannot_tell_when_nothing_fails_but_something_is_open(fixture_data):
    profile = Profile(qualification="vocational", salary=60000, job_offer="yes")
    assessment = next(item for item in assess(fixture_data.pathways, profile, fixture_data.exchange_rates)
                      if item.route_id == "pl-work-permit")
    assert assessment.verdict == CANNOT_TELL
    assert [check.condition for check in assessment.checks if check.verdict != MEETS] == ["language"]


# --- qualification, experience, skill, nationality, sector, job offer, status -------------------

@pytest.mark.parametrize("qualification, experience, minimum, expected", [
    ("higher_education", 0, 3, MEETS),
    ("vocational", 3, 3, UNDER_CONDITIONS),  # exactly the years that replace the degree
    ("vocational", 2, 3, DOES_NOT_MEET),
    ("vocational", 2, None, CANNOT_TELL),  # the record does not say how many years
    ("none", 0, None, DOES_NOT_MEET),
])
def test_experience_instead_of_a_degree(fixture_data, qualification, experience, minimum, expected):
    pathways = with_route(fixture_data.pathways, "de-blue-card", qualification_required="higher_education_or_experience",
                          min_experience_years=minimum)
    profile = Profile(qualification=qualification, experience=experience)
    assert check(pathways, fixture_data.exchange_rates, profile, "de-blue-card", "qualification")[0][0] == expected


def test_professional_experience_against_the_stated_minimum(fixture_data):
    pathways = with_route(fixture_data.pathways, "at-key-worker", qualification_required="professional_experience",
                          min_experience_years=2)
    rates = fixture_data.exchange_rates
    assert check(pathways, rates, Profile(experience=2), "at-key-worker", "qualification")[0] == (
        MEETS, "At least 2 years of experience required; the profile has 2")
    assert check(pathways, rates, Profile(experience=1), "at-key-worker", "qualification")[0][0] == DOES_NOT_MEET


def test_skill_level_follows_the_qualification_and_experience(fixture_data):
    rates = fixture_data.exchange_rates
    assert check(fixture_data.pathways, rates, Profile(qualification="vocational"), "de-blue-card", "skill")[0][0] == DOES_NOT_MEET
    assert check(fixture_data.pathways, rates, Profile(qualification="vocational", experience=4), "de-blue-card",
                 "skill")[0][0] == UNDER_CONDITIONS
    assert check(fixture_data.pathways, rates, Profile(qualification="higher_education"), "de-seasonal", "skill")[0][0] == MEETS


def test_nationality_sector_and_job_offer(fixture_data):
    rates = fixture_data.exchange_rates
    pathways = fixture_data.pathways
    assert check(pathways, rates, Profile(nationality="RS"), "de-language-route", "nationality")[0][0] == MEETS
    assert check(pathways, rates, Profile(nationality="BD"), "de-language-route", "nationality")[0] == (
        DOES_NOT_MEET, "Open only to nationals of Albania, Bosnia and Herzegovina, Serbia; not Bangladesh")
    assert check(pathways, rates, Profile(sector="A"), "de-seasonal", "sector")[0][0] == MEETS
    assert check(pathways, rates, Profile(sector="J"), "de-seasonal", "sector")[0][0] == DOES_NOT_MEET
    assert check(pathways, rates, Profile(job_offer="no"), "de-seasonal", "job_offer")[0][0] == DOES_NOT_MEET
    assert check(pathways, rates, Profile(job_offer="no"), "pl-job-seeker", "job_offer")[0][0] == MEETS


def test_only_routes_in_force_are_assessed_by_default_and_all_on_request(fixture_data):
    pathways, rates = fixture_data.pathways, fixture_data.exchange_rates
    default = assess(pathways, Profile(), rates)
    assert {item.route_id for item in default} == set(pathways.loc[pathways["status"].isin(IN_FORCE), "id"])
    assert not_assessed(pathways, Profile()) == 2
    every = {item.route_id: item for item in assess(pathways, Profile(status="all"), rates)}
    assert set(every) == set(pathways["id"])
    assert every["gr-future-route"].check("status").reason == "Introduced after the reference date (from 2024-06-01)"
    assert every["at-closed-route"].verdict == DOES_NOT_FIT


# --- agreement with the Explore filters ---------------------------------------------------------

PROFILES = [
    *[profile for _, profile in READY_MADE.values()],
    Profile(nationality="RS", qualification="vocational", salary=42000, languages=(("de", "A2"),), job_offer="no"),
    Profile(nationality="AL", qualification="none", experience=0, sector="A", salary=30000, job_offer="no"),
    Profile(qualification="higher_education", salary=45300, languages=(("de", "B1"), ("fr", "C1")), job_offer="yes"),
    Profile(nationality="PH", qualification="vocational", experience=1, sector="Q", salary=200000, currency="PLN",
            languages=(("pl", "A1"),), job_offer="no", permanent="yes"),
    Profile(),
]


@pytest.mark.parametrize("which", ["fixture_data", "real_data"])
@pytest.mark.parametrize("profile", PROFILES, ids=[f"profile{number}" for number in range(len(PROFILES))])
def test_the_finder_agrees_with_the_explore_filters_on_every_route(request, which, profile):
    data = request.getfixturevalue(which)
    pathways, rates = data.pathways, data.exchange_rates
    assessments = {item.route_id: item for item in assess(pathways, profile, rates)}
    filters = profile_filters(profile, rates)
    masks = filter_masks(pathways, filters)
    in_force = pathways["status"].isin(IN_FORCE).to_numpy()
    for position, route in enumerate(pathways.to_dict("records")):
        if not in_force[position]:
            assert route["id"] not in assessments  # out of scope, counted by not_assessed
            continue
        item = assessments[route["id"]]
        for condition, name in FILTER_OF.items():
            found = item.check(condition)
            if name == "cefr":
                level = language_level_for(profile, route["languages"])
                if level is None:
                    continue  # the person has none of the languages that count: the level filter cannot say it
                kept = bool(FILTER["cefr"].match(pathways.iloc[[position]], level)[0])
            elif name not in masks:
                assert found is None or found.verdict != DOES_NOT_MEET, (route["id"], condition)
                continue
            else:
                kept = bool(masks[name][position])
            unknown = name in UNKNOWN_CAPABLE and route[UNKNOWN_CAPABLE[name].unknown_column] == "unknown"
            if kept:
                assert found.verdict != DOES_NOT_MEET, (route["id"], condition, found)
            elif unknown:
                assert found.verdict == CANNOT_TELL, (route["id"], condition, found)
            else:
                assert found.verdict == DOES_NOT_MEET, (route["id"], condition, found)
    # and as a whole: the routes none of whose filter-backed conditions fails are what apply_filters keeps
    passed = {route_id for route_id, item in assessments.items()
              if not any(check.verdict == DOES_NOT_MEET or (check.verdict == CANNOT_TELL and check.condition == "job_offer")
                         for check in item.checks if check.condition in FILTER_OF and check.condition != "language")}
    assert passed == set(apply_filters(pathways, filters)["id"])


def test_every_route_in_force_appears_with_a_verdict_and_reasons(real_data):
    pathways = real_data.pathways
    for _, profile in READY_MADE.values():
        assessments = assess(pathways, profile, real_data.exchange_rates)
        assert [item.route_id for item in assessments] == list(pathways.loc[pathways["status"].isin(IN_FORCE), "id"])
        assert all(item.verdict in VERDICTS and item.checks and all(check.reason for check in item.checks)
                   for item in assessments)
        assert sum(verdict_counts(assessments).values()) == len(assessments)


# --- the link contract --------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(READY_MADE))
def test_a_profile_link_reproduces_the_profile(name):
    profile = READY_MADE[name][1]
    assert parse_profile(profile_query(profile), CURRENCIES) == (profile, [])


def test_bad_link_values_are_named_and_ignored():
    profile, notices = parse_profile({"nationality": "XX", "salary": "lots", "language": ["de:B1", "klingon", "de:Z9"],
                                      "qualification": "Bachelor", "experience": "-1", "shoe_size": "44",
                                      "job_offer": ["no", "yes"]}, CURRENCIES)
    assert profile == Profile(qualification="higher_education", languages=(("de", "B1"),), job_offer="yes")
    said = " ".join(notices)
    for expected in ("nationality=XX", "salary=lots", "language=klingon", "language=de:Z9", "experience=-1",
                     "Unknown link parameter `shoe_size`", "`job_offer` was given 2 times"):
        assert expected in said


# --- the same verdicts through the function, the CLI and the page --------------------------------

def page_verdicts(app) -> dict[str, str]:
    """record id -> verdict label, read from the route blocks of the finder page."""
    found = {}
    for element in app.markdown:
        match = re.match(r"\*\*\[.*?\]\(.*?record=([a-z0-9-]+)\)\*\* :\w+-badge\[([^\]]+)\]", element.value)
        if match:
            found[match.group(1)] = match.group(2)
    return found


@pytest.mark.parametrize("name", list(READY_MADE))
def test_ready_made_profiles_give_the_same_verdicts_in_the_function_the_cli_and_the_page(
        fixture_data, monkeypatch, tmp_path, capsys, name):
    from tests.test_app import markdown, run_page
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))
    profile = READY_MADE[name][1]
    expected = {item.route_id: VERDICTS[item.verdict] for item in assess(fixture_data.pathways, profile,
                                                                         fixture_data.exchange_rates)}
    out = tmp_path / "fit.csv"
    assert cli(["--data", str(FIXTURES), "finder", "--profile", name, "--out", str(out)]) == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert dict(zip(written["Record id"], written["Verdict"])) == expected
    app = run_page("finder", **profile_query(profile))
    assert page_verdicts(app) == expected
    counts = verdict_counts(assess(fixture_data.pathways, profile, fixture_data.exchange_rates))
    assert f"{counts[FITS]} fit, {counts[FITS_UNDER_CONDITIONS]} fit under conditions" in markdown(app)
    assert not app.warning


def test_cli_bad_values_exit_2_with_a_message_and_write_nothing(tmp_path, capsys):
    out = tmp_path / "fit.csv"
    assert cli(["--data", str(FIXTURES), "finder", "--nationality", "XX", "--language", "german", "--out", str(out)]) == 2
    said = capsys.readouterr().err
    assert "--nationality XX" in said and "--language german" in said and "Traceback" not in said
    assert not out.exists()
    assert cli(["--data", str(FIXTURES), "finder", "--currency", "USD", "--salary", "1000"]) == 2


def test_the_issue_example_runs(tmp_path, capsys):
    out = tmp_path / "fit.csv"
    assert cli(["--data", str(FIXTURES), "finder", "--nationality", "BD", "--qualification", "bachelor", "--salary", "38000",
                "--currency", "EUR", "--language", "de:B1", "--language", "en:C1", "--job-offer", "yes",
                "--out", str(out)]) == 0
    assert "6 routes assessed" in capsys.readouterr().out
    assert len(pd.read_csv(out)) == 6


# --- the page -----------------------------------------------------------------------------------

def test_page_writes_the_profile_to_the_address_and_names_bad_links(monkeypatch):
    from tests.test_app import markdown, run_page
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))
    app = run_page("finder")
    app.selectbox(key="finder_nationality").set_value("RS").run()
    app.number_input(key="finder_salary").set_value(42000).run()
    app.multiselect(key="finder_languages").set_value(["de"]).run()
    query = {name: value if isinstance(value, list) else [value] for name, value in app.query_params.items()}
    assert query == {"nationality": ["RS"], "salary": ["42000"], "language": ["de:B1"]}
    assert page_verdicts(app)["de-language-route"] == "Does not fit"  # it needs a job offer, which the profile lacks
    assert "Language: **Meets**. B1 in German is required; the profile has German B1" in markdown(app)
    bad = run_page("finder", nationality="<b>x</b>", salary="1e9", currency="XYZ")
    said = " ".join(warning.value for warning in bad.warning)
    assert "nationality=?b?x?/b?" in said and "salary=1e9" in said and "currency=XYZ" in said


def test_every_verdict_is_shown_none_hidden(monkeypatch):
    from tests.test_app import run_page
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))
    app = run_page("finder", status="all", job_offer="yes", qualification="higher_education")
    assert len(page_verdicts(app)) == 8
    assert any("Cannot tell" in value for value in page_verdicts(app).values())


# --- exports ------------------------------------------------------------------------------------

def test_exports_hold_the_verdicts_and_reasons_in_words(fixture_data):
    profile = READY_MADE["software_engineer"][1]
    assessments = assess(fixture_data.pathways, profile, fixture_data.exchange_rates)
    table = pd.read_csv(io.BytesIO(results_csv(fixture_data.pathways, assessments)), dtype=str, keep_default_na=False)
    assert len(table) == 6 and {"Verdict", "Salary: verdict", "Salary: reason", "Source address"} <= set(table.columns)
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook(fixture_data.pathways, assessments, profile,
                                                                  fixture_data.exchange_rates, "http://x/finder?y")))
    assert workbook.sheetnames == ["Verdicts", "Profile and notes"]
    cells = [cell for row in workbook["Verdicts"].values for cell in row if isinstance(cell, str)]
    cells = [cell for cell in cells if not re.fullmatch(r"[a-z]{2}-[a-z0-9-]+|https://\S+", cell)]
    assert raw_codes(cells) == set()
    notes = dict(row for row in workbook["Profile and notes"].values if row[0] != "Profile")
    assert "not legal advice" in notes["Not legal advice"]
    assert set(CONDITIONS) >= {check.condition for item in assessments for check in item.checks}


# --- schema additions ---------------------------------------------------------------------------

def test_a_reduced_threshold_needs_its_reason_in_codes(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", reduced_threshold_reason=None)
    with pytest.raises(DataValidationError, match="reduced_threshold_reason: required with a reduced_threshold_amount"):
        load_dataset(data_dir)
    edit_record(data_dir, "de.yaml", "de-blue-card", reduced_threshold_reason="shortage_occupation;age")
    with pytest.raises(DataValidationError, match="'age': reasons are"):
        load_dataset(data_dir)


def test_minimum_experience_is_a_whole_number_of_years(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", min_experience_years=3)
    assert load_dataset(data_dir).pathways.set_index("id").loc["de-blue-card", "min_experience_years"] == 3
    edit_record(data_dir, "de.yaml", "de-blue-card", min_experience_years="three")
    with pytest.raises(DataValidationError, match="min_experience_years"):
        load_dataset(data_dir)


def test_the_real_records_with_a_reduced_threshold_say_for_whom(real_data):
    rows = real_data.pathways.set_index("id")
    reduced = rows[rows["reduced_threshold_amount"].notna()]
    assert len(reduced) >= 8 and reduced["reduced_threshold_reason"].notna().all()
    assert rows.loc["de-eu-blue-card", "reduced_threshold_reason"] == "shortage_occupation;recent_graduate;other"
    assert rows.loc["nl-highly-skilled-migrant", "reduced_threshold_reason"] == "young_age"
    assert rows.loc["de-eu-blue-card", "min_experience_years"] == 3  # IT specialists without a degree (summary)
    assert rows.loc["lu-eu-blue-card", "min_experience_years"] == 5


def test_filterset_of_a_profile_is_in_words():
    from explorer.filters import describe_filters
    lines = describe_filters(profile_filters(READY_MADE["care_worker"][1], {"EUR": 1.0}))
    assert raw_codes(lines) == set()
    assert FilterSet().status == "in_force"


def test_readme_table_of_finder_parameters_is_the_one_built_from_the_declarations():
    from explorer.finder import parameter_table
    from explorer.package import ROOT
    assert parameter_table() in (ROOT / "README.md").read_text(encoding="utf-8")
