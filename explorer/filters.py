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
from collections import Counter
from dataclasses import dataclass

import numpy as np
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


SEARCHED_COLUMNS = ["name", "name_local", "summary", "legal_basis"]


def search_text(pathways: pd.DataFrame) -> pd.Series:
    """The folded text that `q` searches; the loader stores it as the `search_text` column."""
    if "search_text" in pathways:
        return pathways["search_text"]
    return pathways[SEARCHED_COLUMNS].fillna("").astype(str).agg(" ".join, axis=1).map(fold)


def _cefr_too_high(pathways: pd.DataFrame, level: str) -> pd.Series:
    rank = CEFR_LEVELS.index(level)
    required = pathways["language_level"].map(lambda value: CEFR_LEVELS.index(value) if isinstance(value, str) else -1)
    return pathways["language_requirement"].eq("required") & (required > rank)


def filter_masks(pathways: pd.DataFrame, state: FilterState) -> dict[str, pd.Series]:
    """One boolean mask per active filter, keyed by the filter's name."""
    masks: dict[str, pd.Series] = {}
    if state.member_state:
        masks["member_state"] = pathways["member_state"].isin(state.member_state)
    if state.category:
        masks["category"] = pathways["category"].isin(state.category)
    if state.skill:
        masks["skill"] = pathways["skill_level"].isin(state.skill)
    if state.sector:
        masks["sector"] = pathways["sectors"].map(lambda cell: _listed(cell, state.sector)).astype(bool)
    if state.duration:
        masks["duration"] = pathways["duration_type"].isin(state.duration)
    if state.language:
        masks["language"] = pathways["language_requirement"].isin(state.language)
    if state.cefr:
        masks["cefr"] = ~_cefr_too_high(pathways, state.cefr)
    if state.quota in ("yes", "no"):
        masks["quota"] = pathways["quota_applies"].eq("true" if state.quota == "yes" else "false")
    threshold = pathways["salary_threshold_eur_year"]
    if state.max_salary is not None:
        masks["max_salary"] = threshold.isna() | (threshold <= state.max_salary)
    if state.without_threshold == "exclude":
        masks["without_threshold"] = threshold.notna()
    if state.lmt == "no":
        masks["lmt"] = pathways["labour_market_test"].eq("no")
    if state.job_offer == "no":
        masks["job_offer"] = pathways["job_offer_required"].eq("false")
    if state.nationality:
        masks["nationality"] = pathways["target_nationalities"].map(lambda cell: _listed(cell, state.nationality)).astype(bool)
    if state.q.strip():
        needle = fold(state.q.strip())
        masks["q"] = search_text(pathways).map(lambda text: needle in text).astype(bool)
    return masks


def _combined(pathways: pd.DataFrame, masks: dict[str, pd.Series], leave_out: str | None = None) -> np.ndarray:
    keep = np.ones(len(pathways), dtype=bool)
    for name, mask in masks.items():
        if name != leave_out:
            keep &= mask.to_numpy(dtype=bool)
    return keep


def apply_filters(pathways: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The records that match every filter, in the dataset's order."""
    return pathways[_combined(pathways, filter_masks(pathways, state))]


FACET_COLUMNS = {
    "member_state": "member_state",
    "category": "category",
    "skill": "skill_level",
    "sector": "sectors",
    "duration": "duration_type",
    "language": "language_requirement",
    "quota": "quota_applies",
}


def facet_counts(pathways: pd.DataFrame, state: FilterState, name: str,
                 masks: dict[str, pd.Series] | None = None) -> dict[str, int]:
    """How many pathways each value of filter `name` would leave, the other filters applied."""
    masks = filter_masks(pathways, state) if masks is None else masks
    # Plain Python over the few hundred kept values: far cheaper than pandas for a table this size.
    values = pathways[FACET_COLUMNS[name]].to_numpy()[_combined(pathways, masks, leave_out=name)]
    if name == "sector":
        # A route open to `all` sectors counts under every section.
        open_to_all = sum(1 for cell in values if cell == "all")
        listed = Counter(code for cell in values if cell != "all" for code in cell.split(";"))
        return {letter: open_to_all + listed[letter] for letter in NACE_SECTIONS}
    if name == "quota":
        return dict(Counter({"true": "yes", "false": "no"}[value] for value in values if value != "unknown"))
    return dict(Counter(values))


def all_facet_counts(pathways: pd.DataFrame, state: FilterState) -> dict[str, dict[str, int]]:
    """facet_counts for every facet, computing each filter once."""
    masks = filter_masks(pathways, state)
    return {name: facet_counts(pathways, state, name, masks) for name in FACET_COLUMNS}


def without_threshold_mask(pathways: pd.DataFrame) -> pd.Series:
    """Routes the income filter cannot test: no fixed threshold in EUR per year."""
    return pathways["salary_threshold_eur_year"].isna()
