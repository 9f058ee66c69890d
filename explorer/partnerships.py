"""The partnerships dataset (`data/partnerships/partnerships.yaml`, layout in
`data/research/PARTNERSHIPS.md`): EU Talent Partnerships, EU-funded pilot projects, bilateral
agreements, national programmes and skills-mobility partnerships, each with its member states,
partner countries, sectors and source. Validated like the pathways (`file: id: field: problem`),
and filtered by filters declared once in `PARTNERSHIP_FILTERS`, in the address like Explore's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field, make_dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, ValidationError, field_validator

from explorer.filters import Filter, listed
from explorer.geo import load_world_names
from explorer.schema import NACE_SECTIONS, Confidence
from explorer.vocabulary import labels, place_name

PARTNERSHIPS_FILE = "partnerships.yaml"

Kind = Literal["eu_talent_partnership", "eu_funded_pilot", "bilateral_agreement", "national_programme",
               "skills_mobility_partnership"]
Offer = Literal["training_in_partner_country", "training_in_member_state", "placement", "recognition", "language_courses",
                "pre_departure_orientation", "return_reintegration", "capacity_building", "other"]
StatusAtReference = Literal["active", "planned", "ended", "unknown"]
StatusToday = Literal["active", "ended", "unknown"]
PartialDate = Field(default="", pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")
# Kosovo: not in ISO 3166-1; XK is the code the EU and Natural Earth's world map use.
EXTRA_COUNTRIES = {"XK"}

# Colours of the kinds on the map (Okabe-Ito, readable with the common colour-vision deficiencies),
# as RGB for deck.gl and hex for plotly.
KIND_COLOURS = {
    "eu_talent_partnership": (0, 114, 178),
    "eu_funded_pilot": (230, 159, 0),
    "bilateral_agreement": (0, 158, 115),
    "national_programme": (204, 121, 167),
    "skills_mobility_partnership": (86, 180, 233),
}


class PartnershipRecord(BaseModel):
    """One partnership, programme or pilot project."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    kind: Kind
    member_states: list[str] = []
    partner_countries: list[str] = Field(min_length=1)
    sectors: list[str] = []
    sectors_as_stated: str = ""
    occupations: str = ""
    skill_levels: list[Literal["high", "medium", "low"]] = []
    offers: list[Offer] = []
    start: str = PartialDate
    end: str = PartialDate
    status_at_reference: StatusAtReference
    status_today: StatusToday
    status_today_as_of: str = PartialDate
    funders: str = ""
    implementers: str = ""
    budget: str = ""
    scale: str = ""
    pathway_ids: list[str] = []
    source_url: AnyHttpUrl  # the page read: some official pages are stored only at an http address
    source_title: str = Field(min_length=1)
    source_publisher: str = Field(min_length=1)
    additional_sources: list[AnyHttpUrl] = []
    as_of: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    last_verified: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    confidence: Confidence
    notes: str = ""

    @field_validator("sectors")
    @classmethod
    def _nace(cls, value: list[str]) -> list[str]:
        wrong = [item for item in value if item not in NACE_SECTIONS]
        if wrong:
            raise ValueError(f"not NACE Rev.2 section letters: {', '.join(map(str, wrong))}")
        return value


COLUMNS = list(PartnershipRecord.model_fields)
LIST_COLUMNS = [name for name, info in PartnershipRecord.model_fields.items() if str(info.annotation).startswith("list")]


def read_partnerships(folder: Path, member_states: Iterable[str], pathway_ids: set[str]):
    """(table, problems) for `folder/partnerships.yaml`; an empty table when the file is absent.
    List fields are stored `;`-separated, like the pathways' sectors."""
    from explorer.loading import Problem, problems_from, read_yaml, shown_path

    path = folder / PARTNERSHIPS_FILE
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS), []
    shown = shown_path(path)
    content, problems = read_yaml(path, shown)
    if problems:
        return pd.DataFrame(columns=COLUMNS), problems
    if not isinstance(content, dict) or not isinstance(content.get("partnerships"), list) or set(content) != {"partnerships"}:
        return pd.DataFrame(columns=COLUMNS), [Problem(shown, "-", "-", "expected a mapping with one key, a `partnerships` list")]
    members = set(member_states)
    countries = set(load_world_names()) | EXTRA_COUNTRIES
    rows, seen = [], set()
    for position, raw in enumerate(content["partnerships"], start=1):
        record_id = str(raw.get("id", f"record #{position}"))[:60] if isinstance(raw, dict) else f"record #{position}"
        try:
            record = PartnershipRecord.model_validate(raw)
        except ValidationError as error:
            problems.extend(problems_from(error, shown, record_id))
            continue
        if record.id in seen:
            problems.append(Problem(shown, record.id, "id", "duplicate id"))
        seen.add(record.id)
        for code in record.member_states:
            if code not in members:
                problems.append(Problem(shown, record.id, "member_states", f"{code!r} is not an EU member state code (GR for Greece)"))
        for code in record.partner_countries:
            if code in members or code not in countries:
                problems.append(Problem(shown, record.id, "partner_countries",
                                        f"{code!r} is not a non-EU country code on the world map"))
        for pathway in record.pathway_ids:
            if pathway not in pathway_ids:
                problems.append(Problem(shown, record.id, "pathway_ids", f"{pathway!r} is not a pathway record id"))
        row = record.model_dump(mode="json")
        rows.append({name: ";".join(map(str, row[name])) if name in LIST_COLUMNS else row[name] for name in COLUMNS})
    return pd.DataFrame(rows, columns=COLUMNS), problems


def split(cell: str) -> list[str]:
    return [item for item in str(cell).split(";") if item]


# ---- Filters of the partnerships page, declared once (address, widgets, descriptions) ----

def _has_any(column: str):
    return lambda table, value: np.fromiter((not set(value).isdisjoint(split(cell)) for cell in table[column]),
                                            dtype=bool, count=len(table))


STATUS_WHEN = {"at_reference": "status_at_reference", "today": "status_today"}
PARTNERSHIP_FILTERS: tuple[Filter, ...] = (
    Filter("partner", "Partner country", "ISO alpha-2 code of a partner country (outside the EU), e.g. `BD`",
           kind="country", widget="selectbox", match=lambda table, value: listed(table["partner_countries"], value),
           describe=place_name),
    Filter("member_state", "Member states", "ISO alpha-2 code, repeatable; `EL` is accepted for Greece",
           kind="member_state", widget="multiselect", repeatable=True, match=_has_any("member_states"),
           describe=lambda value: ", ".join(place_name(code) for code in value)),
    Filter("kind", "Kind", "kind of partnership, repeatable: " + ", ".join(f"`{code}`" for code in labels("partnership_kind")),
           kind="choice", widget="multiselect", repeatable=True, choices=labels("partnership_kind"),
           match=lambda table, value: table["kind"].isin(value).to_numpy()),
    Filter("sector", "Sector (NACE section)", "NACE Rev.2 section letter, repeatable", kind="choice", widget="multiselect",
           repeatable=True, choices={code: f"{code} {labels('sectors')[code]}" for code in NACE_SECTIONS},
           match=_has_any("sectors")),
    Filter("status", "Status on 1 February 2024", "`active`, `planned`, `ended`, `unknown`; repeatable", kind="choice",
           widget="multiselect", repeatable=True, choices=labels("partnership_status"),
           match=lambda table, value: table["status_at_reference"].isin(value).to_numpy()),
)
PARTNERSHIP_FILTER = {item.name: item for item in PARTNERSHIP_FILTERS}
PartnershipFilters = make_dataclass(
    "PartnershipFilters", [(item.name, object, field(default=item.empty())) for item in PARTNERSHIP_FILTERS], frozen=True,
    namespace={"__doc__": "The value of every filter of the partnerships page (the defaults: no restriction).",
               "active": lambda self: [item.name for item in PARTNERSHIP_FILTERS if getattr(self, item.name) != item.empty()]})


def parse_partnership_query(params, member_states) -> tuple[PartnershipFilters, list[str]]:
    """(filters, notices) from the page's address; never raises on user input."""
    from explorer.urlstate import parse_value, shown_value

    values, notices = {}, []
    for name, raw in params.items():
        given = [raw] if isinstance(raw, str) else list(raw)
        item = PARTNERSHIP_FILTER.get(name)
        if item is None:
            notices.append(f"Unknown link parameter `{shown_value(name)}` was ignored.")
            continue
        accepted = []
        for text in given if item.repeatable else given[-1:]:
            value, problem = parse_value(item, text, member_states)
            if item.name == "partner" and value in set(member_states):
                value, problem = None, "is an EU member state, not a partner country"
            if problem:
                notices.append(f"`{name}={shown_value(text)}` was ignored: it {problem}.")
            else:
                accepted.append(value)
        if accepted:
            values[name] = tuple(dict.fromkeys(accepted)) if item.repeatable else accepted[-1]
    return PartnershipFilters(**values), notices


def partnership_query(filters: PartnershipFilters) -> dict[str, list[str] | str]:
    return {name: list(value) if isinstance(value, tuple) else value
            for name in filters.active() for value in [getattr(filters, name)]}


def apply_partnership_filters(table: pd.DataFrame, filters: PartnershipFilters) -> pd.DataFrame:
    keep = np.ones(len(table), dtype=bool)
    for name in filters.active():
        keep &= np.asarray(PARTNERSHIP_FILTER[name].match(table, getattr(filters, name)), dtype=bool)
    return table[keep]


def describe_partnership_filters(filters: PartnershipFilters) -> list[str]:
    return [f"{PARTNERSHIP_FILTER[name].label}: {PARTNERSHIP_FILTER[name].words(getattr(filters, name))}"
            for name in filters.active()] or ["none (every partnership)"]


def arcs(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (partner country, member state, kind) with the programmes on it: what the map draws."""
    rows: dict[tuple[str, str, str], list[str]] = {}
    for record in table.itertuples():
        for partner in split(record.partner_countries):
            for member in split(record.member_states):
                rows.setdefault((partner, member, record.kind), []).append(record.name)
    return pd.DataFrame([{"partner": partner, "member_state": member, "kind": kind, "programmes": names, "count": len(names)}
                         for (partner, member, kind), names in sorted(rows.items())],
                        columns=["partner", "member_state", "kind", "programmes", "count"])


def of_pathway(table: pd.DataFrame, pathway_id: str) -> pd.DataFrame:
    """The partnerships whose participants use a given pathway record."""
    return table[[pathway_id in split(cell) for cell in table["pathway_ids"]]]


def of_member_state(table: pd.DataFrame, iso2: str) -> pd.DataFrame:
    return table[[iso2 in split(cell) for cell in table["member_states"]]]


WORDS = {"kind": "partnership_kind", "status_at_reference": "partnership_status", "status_today": "partnership_status",
         "offers": "partnership_offer", "skill_levels": "skill_level", "sectors": "sectors"}
PLACES = ("member_states", "partner_countries")


def partnerships_workbook(shown: pd.DataFrame, filter_lines: list[str]) -> bytes:
    """Excel: the partnerships in words (labels and country names), and where they come from."""
    import io

    from openpyxl import Workbook

    from explorer.datafiles import safe_cell
    from explorer.excel import add_sheet
    from explorer.package import METADATA, NOTICE, REFERENCE_DATE

    def in_words(name: str, value: str) -> str:
        if name in PLACES:
            return ", ".join(place_name(code) for code in split(value))
        if name in WORDS:
            return "; ".join(labels(WORDS[name]).get(code, code) for code in split(value))
        return safe_cell(value)

    workbook = Workbook()
    workbook.remove(workbook.active)
    add_sheet(workbook, "Partnerships", [name.replace("_", " ").capitalize() for name in COLUMNS],
              [[in_words(name, row[name]) for name in COLUMNS] for _, row in shown.iterrows()], [30] * len(COLUMNS))
    licence = METADATA["licenses"][0]
    add_sheet(workbook, "About this export", ["", ""], [
        ["Title", f"{METADATA['title']}: partnerships"], ["Rows", len(shown)], ["Reference date", REFERENCE_DATE],
        *[["Filter", line] for line in filter_lines], ["Citation", METADATA["citation"]],
        ["Licence", f"{licence['title']} ({licence['name']}), {licence['path']}"], ["Notice", NOTICE],
    ], [22, 120])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
