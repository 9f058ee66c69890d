"""The documentation covers every field, link parameter and command."""

from __future__ import annotations


from explorer.cli import build_parser, option
from explorer.datapackage import field_descriptions
from explorer.filters import FILTERS
from explorer.package import DOCS_DIR, ROOT
from explorer.schema import CSV_COLUMNS
from explorer.urlstate import parameter_table
from explorer.loading import load_dataset
from explorer.summaries import readme_coverage

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_doc_describes_every_csv_column_and_nothing_else():
    documented = set(field_descriptions())
    assert set(CSV_COLUMNS) <= documented, f"undocumented: {set(CSV_COLUMNS) - documented}"
    assert documented <= set(CSV_COLUMNS), f"documented but not in the schema: {documented - set(CSV_COLUMNS)}"


def test_readme_table_of_link_parameters_is_the_one_built_from_the_declarations():
    assert parameter_table() in README, (
        "README's link-parameter table differs from explorer.urlstate.parameter_table(): paste its output")


def test_every_filter_is_a_cli_export_option_and_nothing_else():
    export = build_parser()._subparsers._group_actions[0].choices["export"]
    options = {text for action in export._actions for text in action.option_strings} - {"-h", "--help", "--out"}
    assert options == {option(item.name) for item in FILTERS}


def test_readme_gives_the_two_setup_commands():
    assert "make run" in README and "make test" in README


def test_about_page_states_the_reference_date_and_notice():
    about = (DOCS_DIR / "about.md").read_text(encoding="utf-8")
    assert "1 February 2024" in about and "Not official information" in about


def test_readme_says_what_the_dataset_covers_as_generated_from_the_data():
    dataset = load_dataset()
    expected = readme_coverage(dataset.pathways, dataset.member_states, len(dataset.partnerships))
    assert expected in README, "README's coverage paragraph is stale: run `python -m explorer build`"
