"""Exports of exactly what is shown, as data: CSV (the contract: codes), a data-package zip, file
names and links that say what they hold."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import urlencode

import pandas as pd

from explorer.datapackage import codebook_csv, datapackage_text
from explorer.filters import FILTER, FilterSet, describe_filters
from explorer.package import METADATA, NOTICE, REFERENCE_DATE
from explorer.schema import CSV_COLUMNS, NUMBER_COLUMNS
from explorer.urlstate import Display, to_query

FILE_PREFIX = "eu-labour-pathways"


def _number_text(value: float) -> str:
    if pd.isna(value):
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


# A cell starting with one of these is run as a formula by spreadsheets (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula, kept as text: prefixed with a quote (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(pathways: pd.DataFrame) -> str:
    """The contract columns, numbers as the source wrote them (no trailing .0), text cells safe to
    open in a spreadsheet (`safe_cell`), UTF-8, LF."""
    table = pathways[CSV_COLUMNS].copy()
    for column in CSV_COLUMNS:
        table[column] = table[column].map(_number_text) if column in NUMBER_COLUMNS else table[column].map(safe_cell)
    return table.to_csv(index=False, lineterminator="\n")


def csv_bytes(pathways: pd.DataFrame) -> bytes:
    return csv_text(pathways).encode("utf-8")


def partnerships_csv(partnerships: pd.DataFrame) -> bytes:
    """The partnerships as data (codes; lists `;`-separated), text cells safe in a spreadsheet."""
    return partnerships.map(safe_cell).to_csv(index=False, lineterminator="\n").encode("utf-8")


def file_stem(filters: FilterSet, what: str = "") -> str:
    """A readable file name for a download, in words: e.g.
    eu-labour-pathways_map_germany+france_language-no-requirement_ref-2024-02-01."""
    parts = [FILE_PREFIX]
    if what:
        parts.append(what)
    tokens = []
    for name in filters.active():
        item = FILTER[name]
        words = item.words(getattr(filters, name))
        text = words.replace(", ", "+") if name == "member_state" else f"{name}-{words}"
        tokens.append(re.sub(r"[^a-z0-9+]+", "-", text.lower()).strip("-"))
    parts.extend(["_".join(tokens)[:80].strip("-_") or "all", f"ref-{REFERENCE_DATE}"])
    return "_".join(parts)


def view_link(filters: FilterSet, display: Display | None = None, base_url: str = "http://localhost:8501/") -> str:
    """A link to the Explore page (the app's default page, served at its root) with this view."""
    query = urlencode(to_query(filters, display or Display()), doseq=True)
    return base_url + ("?" + query if query else "")


def readme_text(filters: FilterSet, rows: int, link: str) -> str:
    lines = describe_filters(filters)
    licence = METADATA["licenses"][0]
    return "\n".join(
        [
            f"# {METADATA['title']}: filtered export",
            "",
            f"Rows: {rows}",
            f"Reference date of the data: {REFERENCE_DATE}",
            "",
            "## Filters applied",
            *[f"- {line}" for line in lines],
            "",
            f"Link to this view: {link}",
            "",
            "## Citation",
            METADATA["citation"],
            "",
            "## Licence",
            f"{licence['title']} ({licence['name']}), {licence['path']}",
            "",
            "## Fact sheets",
            "Each country page of the explorer offers a PDF fact sheet (`python -m explorer factsheet`). Cite one as: "
            f"<member state>, fact sheet. {METADATA['citation']} Its back page lists the sources of every figure on it.",
            "",
            "## Notice",
            NOTICE,
            "",
            "Each row names the page its facts were read from (source_url), when (last_verified) and how sure we are "
            "(confidence). Salary thresholds in EUR per year are derived from the amounts as the sources state them, "
            "at the ECB reference rates of the reference date (see datapackage.json).",
            "",
            "A text cell that would start with =, +, -, @, a tab or a carriage return is written with a leading ' so that "
            "a spreadsheet shows it as text instead of running it as a formula (OWASP, CSV injection). "
            "codebook.csv gives every code its English label and definition.",
            "",
        ]
    )


def data_package_zip(matching: pd.DataFrame, filters: FilterSet, link: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pathways.csv", csv_bytes(matching))
        archive.writestr("datapackage.json", datapackage_text({"filters": describe_filters(filters), "view": link}))
        archive.writestr("codebook.csv", codebook_csv())
        archive.writestr("README.md", readme_text(filters, len(matching), link))
    return buffer.getvalue()
