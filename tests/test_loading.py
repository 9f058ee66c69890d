"""The loader refuses bad data with one error naming file, record id and field."""

from __future__ import annotations

import pytest

from explorer.loading import DataValidationError, load_dataset
from tests.conftest import edit_record


def problems_of(folder) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


def test_fixture_dataset_loads_with_every_contract_column(fixture_dataset):
    from explorer.schema import CSV_COLUMNS
    assert list(fixture_dataset.pathways.columns) == [*CSV_COLUMNS, "search_text"]
    assert len(fixture_dataset.pathways) == 8


def test_duplicate_id_across_files_is_refused(data_dir):
    edit_record(data_dir, "pl.yaml", "pl-job-seeker", id="pl-work-permit")
    assert "tests/fixtures" not in problems_of(data_dir)[0]  # the planted copy, not the fixture, is named
    assert any(problem.endswith("pl.yaml: pl-work-permit: id: duplicate id (first used in " + str(data_dir / "pl.yaml") + ")")
               for problem in problems_of(data_dir))


def test_unknown_enum_value_names_file_record_and_field(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", category="seasonal")
    [problem] = problems_of(data_dir)
    assert problem.startswith(f"{data_dir / 'de.yaml'}: de-seasonal: category: ")
    assert "'seasonal_work'" in problem


def test_threshold_without_currency_or_period_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", salary_threshold_currency=None, salary_threshold_period=None)
    found = problems_of(data_dir)
    assert any(": de-blue-card: salary_threshold_currency: required with a threshold amount" in p for p in found)
    assert any(": de-blue-card: salary_threshold_period: required with a threshold amount" in p for p in found)


def test_monthly_threshold_needs_payments_per_year(data_dir):
    edit_record(data_dir, "at.yaml", "at-key-worker", salary_payments_per_year=None)
    assert any("at-key-worker: salary_payments_per_year: required when the threshold is monthly" in p for p in problems_of(data_dir))


def test_non_https_source_url_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", source_url="http://example.org/page")
    [problem] = problems_of(data_dir)
    assert ": de-seasonal: source_url: 'http://example.org/page' is not an https:// URL" in problem


def test_quota_size_without_quota_applies_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", quota_size=100, quota_year=2024)
    assert any(": de-blue-card: quota_size: a quota size is given but quota_applies is false" in p for p in problems_of(data_dir))


def test_unknown_member_state_code_is_refused(data_dir):
    (data_dir / "xx.yaml").write_text((data_dir / "pl.yaml").read_text().replace("member_state: PL", "member_state: XX"))
    found = problems_of(data_dir)
    assert any("xx.yaml: -: member_state: 'XX' is not an EU member state code" in p for p in found)
    assert any("xx.yaml: -: file name: 'xx' is not a member state" in p for p in found)


def test_every_problem_is_listed_at_once(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", skill_level="very high")
    edit_record(data_dir, "pl.yaml", "pl-job-seeker", source_url="ftp://x")
    edit_record(data_dir, "at.yaml", "at-key-worker", confidence=None)
    found = problems_of(data_dir)
    assert [p.split(": ")[1:3] for p in found] == [["at-key-worker", "confidence"], ["de-blue-card", "skill_level"],
                                                   ["pl-job-seeker", "source_url"]]


def test_misspelled_field_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", quota_sise=10)
    assert any(": de-seasonal: quota_sise: unknown field" in p for p in problems_of(data_dir))


def test_typed_derived_figure_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", salary_threshold_eur_year=99999)
    assert any("de-blue-card: salary_threshold_eur_year: is derived by the loader" in p for p in problems_of(data_dir))


def test_unknown_core_field_needs_a_note(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", labour_market_test="unknown", notes=None)
    assert any("de-seasonal: notes: labour_market_test is unknown: say what was looked for" in p for p in problems_of(data_dir))


def test_route_after_reference_needs_a_later_valid_from(data_dir):
    edit_record(data_dir, "el.yaml", "gr-future-route", valid_from="2023-12-01")
    assert any("gr-future-route: valid_from: 2023-12-01 is not after the reference date 2024-02-01" in p
               for p in problems_of(data_dir))


def test_broken_yaml_names_the_line(data_dir):
    (data_dir / "de.yaml").write_text("member_state: DE\npathways:\n  - id: [unclosed\n")
    [problem] = problems_of(data_dir)
    assert "de.yaml: -: line" in problem and "not valid YAML" in problem


def test_yaml_no_stays_text_not_false(data_dir):
    text = (data_dir / "de.yaml").read_text()
    assert "labour_market_test: 'no'" in text
    (data_dir / "de.yaml").write_text(text.replace("labour_market_test: 'no'", "labour_market_test: no"))
    dataset = load_dataset(data_dir)
    assert set(dataset.pathways.loc[dataset.pathways["member_state"] == "DE", "labour_market_test"]) == {"no", "yes"}


def test_greece_file_written_el_is_stored_as_gr(fixture_dataset):
    assert fixture_dataset.pathways.set_index("id").loc["gr-future-route", "member_state"] == "GR"
    assert "GR" in fixture_dataset.headers


def test_eur_per_year_is_derived_from_amount_period_payments_and_rate(fixture_dataset):
    rows = fixture_dataset.pathways.set_index("id")
    # 4,242 PLN a month, 12 payments, at 4.3373 PLN per EUR (ECB, 1 Feb 2024)
    assert rows.loc["pl-work-permit", "salary_threshold_eur_year"] == pytest.approx(4242 * 12 / 4.3373, abs=0.01)
    # Austria counts 14 monthly salaries
    assert rows.loc["at-key-worker", "salary_threshold_eur_year"] == 42000
    # annual EUR amounts pass through; the reduced threshold is derived the same way
    assert rows.loc["de-blue-card", "salary_threshold_eur_year"] == 45300
    assert rows.loc["de-blue-card", "reduced_threshold_eur_year"] == pytest.approx(41041.8)
    assert rows["salary_threshold_eur_year"].isna().sum() == 4


def test_currency_without_exchange_rate_is_refused(data_dir):
    edit_record(data_dir, "pl.yaml", "pl-work-permit", salary_threshold_currency="USD")
    assert any("pl-work-permit: salary_threshold_currency: no exchange rate for USD" in p for p in problems_of(data_dir))


def test_a_region_must_be_listed_and_belong_to_the_member_state(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", region="BE-VLG")
    edit_record(data_dir, "at.yaml", "at-key-worker", region="AT-9")
    problems = problems_of(data_dir)
    assert any("de-seasonal: region: 'BE-VLG' is not a subdivision of DE" in p for p in problems)
    assert any("at-key-worker: region: 'AT-9' is not in data/reference/regions.csv" in p for p in problems)
