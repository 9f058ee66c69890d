"""The view as an Excel workbook people open in a spreadsheet: the routes in words (labels, not
codes), the codebook, and a sheet with the filters, reference date, citation and licence."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from explorer.datafiles import safe_cell
from explorer.datapackage import codebook_rows
from explorer.filters import FilterSet, describe_filters
from explorer.package import METADATA, NOTICE, REFERENCE_DATE
from explorer.partnerships import COLUMNS as PARTNERSHIP_COLUMNS, split
from explorer.schema import CSV_COLUMNS
from explorer.vocabulary import FIELD_LABELS, coded_in_words, labels, place_name

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDE_COLUMNS = {"summary": 60, "notes": 60, "changes_after_reference": 40, "name": 40, "legal_basis": 30}
def in_words(row: pd.Series, regions: dict[str, str]) -> list[object]:
    """One record as people read it: labels for codes, names for places, numbers as numbers."""
    values = []
    for column in CSV_COLUMNS:
        value = row[column]
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            values.append(None)
        elif (words := coded_in_words(column, value, regions)) is not None:
            values.append(words)
        elif isinstance(value, float) and value.is_integer():
            values.append(int(value))
        else:
            values.append(safe_cell(value))
    return values


def add_sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[object]], widths: list[int]):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def workbook_bytes(matching: pd.DataFrame, filters: FilterSet, link: str, regions: dict[str, str]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    widths = [WIDE_COLUMNS.get(column, 18) for column in CSV_COLUMNS]
    pathways = add_sheet(workbook, "Pathways", [FIELD_LABELS.get(column, column) for column in CSV_COLUMNS],
                      [in_words(row, regions) for _, row in matching.iterrows()], widths)
    for column, width in zip(pathways.iter_cols(min_row=2), widths):
        if width >= 40:
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    add_sheet(workbook, "Codebook", ["Field", "Code", "Label", "Definition"],
           [[FIELD_LABELS.get(row["field"], row["field"]), row["code"], row["label"], row["definition"]]
            for row in codebook_rows()], [28, 30, 36, 80])
    licence = METADATA["licenses"][0]
    about = [
        ["Title", f"{METADATA['title']}: the routes shown"],
        ["Rows", len(matching)],
        ["Reference date", REFERENCE_DATE],
        *[["Filter", line] for line in describe_filters(filters)],
        ["Link to this view", link],
        ["Citation", METADATA["citation"]],
        ["Licence", f"{licence['title']} ({licence['name']}), {licence['path']}"],
        ["Notice", NOTICE],
        ["Codes", "The sheet 'Pathways' shows labels; the CSV export and the data package keep the codes, "
                  "which the sheet 'Codebook' explains."],
    ]
    add_sheet(workbook, "About this export", ["", ""], about, [22, 120])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PARTNERSHIP_WORDS = {"kind": "partnership_kind", "status_at_reference": "partnership_status", "status_today": "partnership_status",
         "offers": "partnership_offer", "skill_levels": "skill_level", "sectors": "sectors"}
PARTNERSHIP_PLACES = ("member_states", "partner_countries")


def partnerships_workbook(shown: pd.DataFrame, filter_lines: list[str]) -> bytes:
    """Excel: the partnerships in words (labels and country names), and where they come from."""
    def in_words(name: str, value: str) -> str:
        if name in PARTNERSHIP_PLACES:
            return ", ".join(place_name(code) for code in split(value))
        if name in PARTNERSHIP_WORDS:
            return "; ".join(labels(PARTNERSHIP_WORDS[name]).get(code, code) for code in split(value))
        return safe_cell(value)

    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheet(workbook, "Partnerships", [name.replace("_", " ").capitalize() for name in PARTNERSHIP_COLUMNS],
              [[in_words(name, row[name]) for name in PARTNERSHIP_COLUMNS] for _, row in shown.iterrows()], [30] * len(PARTNERSHIP_COLUMNS))
    licence = METADATA["licenses"][0]
    add_sheet(workbook, "About this export", ["", ""], [
        ["Title", f"{METADATA['title']}: partnerships"], ["Rows", len(shown)], ["Reference date", REFERENCE_DATE],
        *[["Filter", line] for line in filter_lines], ["Citation", METADATA["citation"]],
        ["Licence", f"{licence['title']} ({licence['name']}), {licence['path']}"], ["Notice", NOTICE],
    ], [22, 120])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
