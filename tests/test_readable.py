"""No internal code reaches a reader: every page (AppTest) and every export in words is walked for
codes such as `eu_blue_card`, `exempt_if_shortage` or `true`/`unknown` cells, and for ISO codes on
chart axes. The CSV and the data package keep the codes on purpose (the data contract); links
and notices about link parameters speak the address's language and are left out."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from explorer.datafiles import file_stem
from explorer.excel import workbook_bytes
from explorer.figure_export import for_export
from explorer.figures import categories_by_state, choropleth, salary_thresholds
from explorer.filters import FILTERS, FilterSet, apply_filters
from explorer.geo import EU27_URL
from explorer.schema import CSV_COLUMNS
from explorer.summaries import per_member_state
from explorer.urlstate import METRICS
from explorer.vocabulary import CODEBOOK
from tests.conftest import FIXTURES
from tests.test_app import run_page

# Codes that can only be codes: those with an underscore (values and the record's column names).
CODE_WORDS = {code for entries in CODEBOOK.values() for code in entries if "_" in code} | {
    column for column in CSV_COLUMNS if "_" in column}
CODE_PATTERN = re.compile(r"(?<![\w/=&?])(" + "|".join(sorted(map(re.escape, CODE_WORDS), key=len, reverse=True)) + r")(?![\w=])")
BARE_CELLS = {"true", "false", "unknown", "yes", "no", "none", "high", "medium", "low", "any"}


def raw_codes(texts) -> set[str]:
    found = set()
    for text in texts:
        if not isinstance(text, str):
            continue
        found.update(CODE_PATTERN.findall(text))
        if text in BARE_CELLS:
            found.add(text)
    return found


def is_about_the_address(text: str) -> bool:
    return text.startswith(("Link to this view", "Link:")) or "link parameter" in text


def page_texts(app: AppTest) -> list[str]:
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        texts += [element.value for element in app.get(kind)]
    texts += [element.label for element in app.get("checkbox")]
    texts += [element.label for element in app.get("button")] + [element.label for element in app.get("download_button")]
    for metric in app.get("metric"):
        texts += [metric.label, metric.value]
    for frame in app.dataframe:
        table = frame.value
        config = json.loads(frame.proto.columns or "{}")
        # the header a reader sees: the configured label, else the column's name
        texts += [config.get(str(column), {}).get("label", str(column)) for column in table.columns]
        for column in table.columns:
            texts += [value for value in table[column] if isinstance(value, str)]
    for chart in app.get("plotly_chart"):
        texts += figure_texts(json.loads(chart.proto.spec))
    return [text for text in texts if not is_about_the_address(str(text))]


def figure_texts(spec: dict) -> list[str]:
    texts = []
    for trace in spec.get("data", []):
        for key in ("name", "hovertemplate"):
            texts.append(trace.get(key))
        for key in ("text", "y", "customdata"):
            values = trace.get(key)
            if isinstance(values, list):
                texts += [value for value in values if isinstance(value, str)]
    layout = spec.get("layout", {})
    texts.append(json.dumps(layout.get("title", {})))
    for axis in ("xaxis", "yaxis"):
        texts += [value for value in layout.get(axis, {}).get("categoryarray", []) if isinstance(value, str)]
    return texts


def iso_codes_on_axes(spec: dict) -> list[str]:
    values = [value for axis in ("xaxis", "yaxis") for value in spec.get("layout", {}).get(axis, {}).get("categoryarray", [])]
    return [value for value in values if isinstance(value, str) and re.fullmatch(r"[A-Z]{2}", value)]


@pytest.fixture(autouse=True)
def fixture_records(monkeypatch):
    monkeypatch.setenv("EXPLORER_PATHWAYS_DIR", str(FIXTURES))


PAGES = [
    ("explore", {}),
    ("explore", {"view": "table", "max_salary": "42000", "status": "all"}),
    ("explore", {"view": "charts", "status": "all"}),
    *[("explore", {"metric": metric, "language": "none", "lmt": "no", "category": "eu_blue_card"}) for metric in METRICS],
    ("country", {"member_state": "DE"}),
    ("country", {"member_state": "PL"}),
    ("country", {"member_state": "AT"}),
    ("compare", {"member_state": ["DE", "AT", "PL", "GR"]}),
    ("partnerships", {}),
    ("partnerships", {"partner": "BD"}),
    ("finder", {"nationality": "BD", "qualification": "higher_education", "salary": "42000", "language": ["de:B1", "en:C1"],
                "job_offer": "yes", "permanent": "yes", "sector": "Q"}),
    ("finder", {"status": "all", "qualification": "vocational", "experience": "3", "salary": "50000", "currency": "PLN"}),
    ("about", {}),
]


@pytest.mark.parametrize("page, params", PAGES, ids=[f"{page}-{'&'.join(params)}" for page, params in PAGES])
def test_no_raw_code_on_any_page(page, params):
    app = run_page(page, **params)
    assert raw_codes(page_texts(app)) == set()
    for chart in app.get("plotly_chart"):
        assert iso_codes_on_axes(json.loads(chart.proto.spec)) == []


def test_every_filter_line_is_in_words(pathways):
    every = FilterSet(member_state=("DE",), language=("none",), quota="no", max_salary=30000, status="all",
                      category=("eu_blue_card",), skill=("medium",), sector=("J",), duration=("temporary_renewable",),
                      cefr="B1", lmt="no", job_offer="no", no_threshold="exclude", confidence=("high",),
                      nationality="IN", q="card", unknown=("language",))
    assert set(every.active()) == {item.name for item in FILTERS}
    from explorer.filters import describe_filters
    assert raw_codes(describe_filters(every)) == set()
    assert raw_codes([file_stem(every)]) == set()


def test_excel_sheet_of_routes_is_in_words(fixture_dataset):
    matching = apply_filters(fixture_dataset.pathways, FilterSet(status="all"))
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes(matching, FilterSet(status="all"), "http://x/", {})))
    rows = list(workbook["Pathways"].values)
    cells = [cell for row in rows for cell in row if isinstance(cell, str)]
    # the record id and source addresses are identifiers, not codes to translate
    cells = [cell for cell in cells if not re.fullmatch(r"[a-z]{2}-[a-z0-9-]+|https://\S+", cell)]
    assert raw_codes(cells) == set()


def test_exported_figures_are_in_words(fixture_dataset):
    from explorer.reference import load_member_states
    matching = apply_filters(fixture_dataset.pathways, FilterSet(status="all"))
    per_state = per_member_state(matching, load_member_states(), set(matching["member_state"]))
    figures = [choropleth(per_state, EU27_URL, metric) for metric in METRICS]
    figures += [categories_by_state(matching), salary_thresholds(matching)]
    for figure in figures:
        spec = for_export(figure, "Title", FilterSet(status="all", category=("eu_blue_card",))).to_plotly_json()
        assert raw_codes(figure_texts(spec)) == set()
        assert iso_codes_on_axes(spec) == []
