"""Member states side by side (the /compare page and its exports): key figures, the route types
each has, and their thresholds. Every figure is the country page's own (`country_figures`), and
each links to the Explore table of the routes behind it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from explorer.datafiles import safe_cell, view_link
from explorer.excel import add_sheet, in_words
from explorer.filters import IN_FORCE, FilterSet
from explorer.loading import Dataset
from explorer.package import METADATA, NOTICE, REFERENCE_DATE
from explorer.reference import normalise_member_state
from explorer.schema import CSV_COLUMNS
from explorer.summaries import country_figures
from explorer.urlstate import Display, shown_value
from explorer.vocabulary import FIELD_LABELS, label, labels

MIN_COMPARED, MAX_COMPARED = 2, 4


def compared_member_states(given: Sequence[str], known) -> tuple[list[str], list[str]]:
    """The member states a compare link names (ISO codes in the order given, EL accepted, at most
    MAX_COMPARED), and notices saying what was not used and why. Never raises on user input."""
    codes: list[str] = []
    notices: list[str] = []
    for raw in given:
        code = normalise_member_state(raw, known)
        if code is None:
            notices.append(f"`member_state={shown_value(raw)}` was ignored: it is not an EU member state code "
                           "(ISO alpha-2; EL is accepted for Greece).")
        elif code not in codes:
            codes.append(code)
    if len(codes) > MAX_COMPARED:
        notices.append(f"At most {MAX_COMPARED} member states can be compared; the first {MAX_COMPARED} were kept "
                       f"and {', '.join(codes[MAX_COMPARED:])} left out.")
        codes = codes[:MAX_COMPARED]
    return codes, notices


@dataclass(frozen=True)
class KeyFigure:
    """One row of the comparison: its label and the filters (beyond the member state) that list
    the routes behind it on the Explore page."""

    name: str
    label: str
    routes: dict = field(default_factory=dict)


KEY_FIGURES = (
    KeyFigure("pathways", "Routes in force on the reference date"),
    KeyFigure("blue_card", "EU Blue Card threshold", {"category": ("eu_blue_card",)}),
    KeyFigure("lowest_threshold", "Lowest threshold among employment routes", {"no_threshold": "exclude"}),
    KeyFigure("under_quota", "Routes under a quota", {"quota": "yes"}),
    KeyFigure("no_language", "Routes with no language requirement", {"language": ("none",)}),
    KeyFigure("no_labour_market_test", "Routes with no labour-market test", {"lmt": "no"}),
    KeyFigure("confidence", "Confidence of the records"),
)
# The figures that count routes: each equals the number of routes its link lists (a test checks).
COUNTED = {"pathways", "under_quota", "no_language", "no_labour_market_test"}
UNKNOWN_OF = {"under_quota": "quota_unknown", "no_language": "language_unknown",
              "no_labour_market_test": "labour_market_test_unknown"}


def routes_behind(figure: KeyFigure, iso2: str) -> FilterSet:
    return FilterSet(member_state=(iso2,), **figure.routes)


def figure_link(figure: KeyFigure, iso2: str, base_url: str) -> str:
    return view_link(routes_behind(figure, iso2), Display(view="table"), base_url)


def _in_words(figure: KeyFigure, figures: dict) -> str:
    value = figures[figure.name]
    if figure.name == "confidence":
        return ", ".join(f"{label('confidence', level)} {value[level]}" for level in labels("confidence") if value.get(level))
    if figure.name in UNKNOWN_OF and figures[UNKNOWN_OF[figure.name]]:
        return f"{value} ({figures[UNKNOWN_OF[figure.name]]} unknown)"
    return str(value)


def key_figures(dataset: Dataset, member_states: Sequence[str]) -> pd.DataFrame:
    """Rows: the key figures (labels); columns: the member states (names); cells: the figures in words."""
    names = dataset.member_states["name"]
    columns = {}
    for iso2 in member_states:
        figures = country_figures(dataset.pathways, iso2, dataset.member_states, dataset.exchange_rates, dataset.regions)
        columns[names[iso2]] = [_in_words(figure, figures) for figure in KEY_FIGURES]
    return pd.DataFrame(columns, index=pd.Index([figure.label for figure in KEY_FIGURES], name="Key figure"))


def in_force(dataset: Dataset, member_states: Sequence[str]) -> pd.DataFrame:
    pathways = dataset.pathways
    return pathways[pathways["member_state"].isin(member_states) & pathways["status"].isin(IN_FORCE)]


def route_matrix(dataset: Dataset, member_states: Sequence[str]) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """For each route type (category, in the codebook's order) that exists in at least one of the
    member states: per member state, its routes in force as (id, name)."""
    routes = in_force(dataset, member_states)
    matrix: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for category in labels("category"):
        of_type = routes[routes["category"] == category]
        if of_type.empty:
            continue
        matrix[category] = {iso2: [(row.id, row.name) for row in of_type[of_type["member_state"] == iso2].itertuples()]
                            for iso2 in member_states}
    return matrix


def matrix_table(dataset: Dataset, member_states: Sequence[str]) -> pd.DataFrame:
    """The route matrix as a table of text: route names joined by '; ', empty where none."""
    names = dataset.member_states["name"]
    matrix = route_matrix(dataset, member_states)
    return pd.DataFrame(
        {names[iso2]: ["; ".join(name for _, name in cells[iso2]) for cells in matrix.values()] for iso2 in member_states},
        index=pd.Index([label("category", category) for category in matrix], name="Route type"),
    )


def comparison_csv(dataset: Dataset, member_states: Sequence[str]) -> bytes:
    """One CSV: the key figures, then the route types, one column per member state."""
    figures = key_figures(dataset, member_states).reset_index().rename(columns={"Key figure": "Row"})
    matrix = matrix_table(dataset, member_states).reset_index().rename(columns={"Route type": "Row"})
    matrix["Row"] = "Routes of type: " + matrix["Row"]
    table = pd.concat([figures, matrix], ignore_index=True).map(safe_cell)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def comparison_workbook(dataset: Dataset, member_states: Sequence[str], link: str) -> bytes:
    """Excel: key figures, route types, the routes in force in words, and where it all comes from."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, table in (("Key figures", key_figures(dataset, member_states)),
                         ("Route types", matrix_table(dataset, member_states))):
        sheet = add_sheet(workbook, title, [table.index.name, *table.columns],
                          [[index, *map(safe_cell, row)] for index, row in zip(table.index, table.to_numpy().tolist())],
                          [40, *[45] * len(table.columns)])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet["A"]:
            cell.font = Font(bold=True)
    routes = in_force(dataset, member_states)
    add_sheet(workbook, "Routes", [FIELD_LABELS.get(column, column) for column in CSV_COLUMNS],
              [in_words(row, dataset.regions) for _, row in routes.iterrows()], [18] * len(CSV_COLUMNS))
    names = ", ".join(dataset.member_states["name"][iso2] for iso2 in member_states)
    licence = METADATA["licenses"][0]
    add_sheet(workbook, "About this export", ["", ""], [
        ["Title", f"{METADATA['title']}: {names} compared"],
        ["Reference date", REFERENCE_DATE],
        ["Routes", f"in force on the reference date ({len(routes)})"],
        ["Link to this comparison", link],
        ["Citation", METADATA["citation"]],
        ["Licence", f"{licence['title']} ({licence['name']}), {licence['path']}"],
        ["Notice", NOTICE],
    ], [24, 120])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def compare_link(member_states: Sequence[str], base_url: str) -> str:
    return f"{base_url}compare?" + urlencode({"member_state": list(member_states)}, doseq=True)
