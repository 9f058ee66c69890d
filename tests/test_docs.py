"""The documentation covers every field, link parameter and command."""

from __future__ import annotations

import re

from explorer.cli import FILTER_OPTIONS
from explorer.export import field_descriptions
from explorer.package import DOCS_DIR, ROOT
from explorer.schema import CSV_COLUMNS
from explorer.urlstate import PARAMETERS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_doc_describes_every_csv_column_and_nothing_else():
    documented = set(field_descriptions())
    assert set(CSV_COLUMNS) <= documented, f"undocumented: {set(CSV_COLUMNS) - documented}"
    assert documented <= set(CSV_COLUMNS), f"documented but not in the schema: {documented - set(CSV_COLUMNS)}"


def test_readme_lists_every_link_parameter():
    table = set(re.findall(r"^\| `(\w+)` \|", README, re.MULTILINE))
    assert set(PARAMETERS) <= table, f"README lacks link parameters {set(PARAMETERS) - table}"


def test_every_cli_filter_is_a_link_parameter():
    assert set(FILTER_OPTIONS) <= set(PARAMETERS)


def test_readme_gives_the_two_setup_commands():
    assert "make run" in README and "make test" in README


def test_about_page_states_the_reference_date_and_notice():
    about = (DOCS_DIR / "about.md").read_text(encoding="utf-8")
    assert "1 February 2024" in about and "Not official information" in about
