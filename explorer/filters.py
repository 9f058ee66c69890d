"""The filter rules. The app, the CLI export and the benchmark all call `apply_filters`.

Semantics a user can rely on (tests pin each one):
- An empty selection means "no restriction".
- `max_salary` keeps routes whose threshold in EUR per year is at or below the salary offered.
  Routes without a fixed threshold (no amount) stay in unless `without_threshold` is "exclude".
- `cefr` keeps routes whose required language level is at or below the person's level. Routes
  with a language requirement of unknown level stay in (the data cannot rule them out).
- `quota` "no" keeps routes known to have no quota; "yes" keeps routes known to have one.
- `lmt` "no" keeps routes with no labour-market test; `job_offer` "no" keeps routes that need
  no job offer. Routes where these are `unknown` are not kept by those filters.
- `nationality` keeps routes open to all nationals or listing that country.
- `q` matches name, local name, summary and legal basis, ignoring case and accents.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields, replace

import pandas as pd

from explorer.schema import CEFR_LEVELS, NACE_SECTIONS


@dataclass(frozen=True)
class FilterState:
    member_state: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    skill: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    duration: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    cefr: str | None = None
    quota: str | None = None  # "yes" | "no"
    max_salary: int | None = None  # EUR gross per year
    without_threshold: str | None = None  # "exclude" drops routes without a fixed threshold
    lmt: str | None = None  # "no"
    job_offer: str | None = None  # "no"
    nationality: str | None = None  # ISO alpha-2
    q: str = ""

    def without(self, name: str) -> "FilterState":
        """The same filters with one of them cleared (for facet counts)."""
        default = next(field.default for field in fields(self) if field.name == name)
        return replace(self, **{name: default})

    def is_empty(self) -> bool:
        return self == FilterState()


def fold(text: str) -> str:
    """Lower case without accents, so 'Carte de séjour' matches 'sejour'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _listed(cell: str, wanted: tuple[str, ...] | str) -> bool:
    """For `;`-separated cells where `all` matches anything."""
    if cell == "all":
        return True
    values = set(cell.split(";"))
    return bool(values & set((wanted,) if isinstance(wanted, str) else wanted))


def _mask(pathways: pd.DataFrame, state: FilterState) -> pd.Series:
    keep = pd.Series(True, index=pathways.index)
    if state.member_state:
        keep &= pathways["member_state"].isin(state.member_state)
    if state.category:
        keep &= pathways["category"].isin(state.category)
    if state.skill:
        keep &= pathways["skill_level"].isin(state.skill)
    if state.sector:
        keep &= pathways["sectors"].map(lambda cell: _listed(cell, state.sector)).astype(bool)
    if state.duration:
        keep &= pathways["duration_type"].isin(state.duration)
    if state.language:
        keep &= pathways["language_requirement"].isin(state.language)
    if state.cefr:
        rank = CEFR_LEVELS.index(state.cefr)
        level = pathways["language_level"]
        needs_more = (
            pathways["language_requirement"].eq("required")
            & level.notna()
            & level.map(lambda value: CEFR_LEVELS.index(value) > rank if isinstance(value, str) else False).astype(bool)
        )
        keep &= ~needs_more
    if state.quota == "yes":
        keep &= pathways["quota_applies"].eq("true")
    elif state.quota == "no":
        keep &= pathways["quota_applies"].eq("false")
    threshold = pathways["salary_threshold_eur_year"]
    if state.max_salary is not None:
        keep &= threshold.isna() | (threshold <= state.max_salary)
    if state.without_threshold == "exclude":
        keep &= threshold.notna()
    if state.lmt == "no":
        keep &= pathways["labour_market_test"].eq("no")
    if state.job_offer == "no":
        keep &= pathways["job_offer_required"].eq("false")
    if state.nationality:
        keep &= pathways["target_nationalities"].map(lambda cell: _listed(cell, state.nationality)).astype(bool)
    if state.q.strip():
        needle = fold(state.q.strip())
        haystack = (
            pathways[["name", "name_local", "summary", "legal_basis"]].fillna("").astype(str).agg(" ".join, axis=1)
        )
        keep &= haystack.map(lambda text: needle in fold(text)).astype(bool)
    return keep


def apply_filters(pathways: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The records that match every filter, in the dataset's order."""
    return pathways[_mask(pathways, state)]


FACET_COLUMNS = {
    "member_state": "member_state",
    "category": "category",
    "skill": "skill_level",
    "sector": "sectors",
    "duration": "duration_type",
    "language": "language_requirement",
    "quota": "quota_applies",
}


def facet_counts(pathways: pd.DataFrame, state: FilterState, name: str) -> dict[str, int]:
    """How many pathways each value of filter `name` would leave, the other filters applied."""
    others = apply_filters(pathways, state.without(name))
    column = others[FACET_COLUMNS[name]]
    if name == "sector":
        # A route open to `all` sectors counts under every section.
        return {letter: int(column.map(lambda cell: _listed(cell, letter)).astype(bool).sum()) for letter in NACE_SECTIONS}
    if name == "quota":
        column = column.map({"true": "yes", "false": "no"}).dropna()
    return column.value_counts().to_dict()


def without_threshold_mask(pathways: pd.DataFrame) -> pd.Series:
    """Routes the income filter cannot test: no fixed threshold in EUR per year."""
    return pathways["salary_threshold_eur_year"].isna()
