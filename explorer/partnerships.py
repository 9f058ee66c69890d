"""The partnerships dataset (`data/partnerships/partnerships.yaml`, layout in
`data/research/PARTNERSHIPS.md`): EU Talent Partnerships, EU-funded pilot projects, bilateral
agreements, national programmes and skills-mobility partnerships, each with its member states,
partner countries, sectors and source. Validated like the pathways (`file: id: field: problem`),
and filtered by filters declared once in `PARTNERSHIP_FILTERS`, in the address like Explore's.
"""

from __future__ import annotations

from dataclasses import field, make_dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator

from explorer.filters import Filter, listed
from explorer.schema import NACE_SECTIONS, Confidence
from explorer.urlstate import accepted_values, parse_value
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

    def parse(name: str, text: str) -> tuple[object, str | None]:
        value, problem = parse_value(PARTNERSHIP_FILTER[name], text, member_states)
        if name == "partner" and value in set(member_states):
            return None, "is an EU member state, not a partner country"
        return value, problem

    accepted, notices = accepted_values(params, {item.name: item.repeatable for item in PARTNERSHIP_FILTERS}, parse)
    values = {name: tuple(dict.fromkeys(found)) if PARTNERSHIP_FILTER[name].repeatable else found[-1]
              for name, found in accepted.items()}
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

