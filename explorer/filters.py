"""The filters, each declared once in `FILTERS`, and their matching rules.

The URL contract (explorer.urlstate), the CLI options (explorer.cli), the sidebar (ui.sidebar),
the filter description on exports (explorer.export) and the README's table of link parameters
are built from these declarations, and tests check that each covers every filter. Adding a filter
means one `Filter(...)` entry with its matching rule, and a test.

What each filter means (tests pin every rule):
- An empty selection means "no restriction".
- `status`: by default only routes in force on the reference date count (status `active` or
  `pilot`); `introduced_after`, `closed` or `all` bring the others in.
- `skill`: a person's skill level matches routes for that level and routes open to any level.
- `sector`: a sector matches routes listing it and routes open to all sectors.
- `max_salary`: a route matches when the salary offered reaches its threshold (EUR gross per
  year, at the reference rates); when it reaches only the reduced threshold, the route stays and
  is marked "only under the reduced threshold". Routes without a fixed threshold stay, marked,
  unless `no_threshold=exclude`.
- `cefr`: drops routes that require a higher level than the person has; a requirement whose
  level is not recorded stays (the data cannot rule it out).
- `language`, `quota`, `lmt`, `job_offer` test a value that may be `unknown`. Such routes do not
  match, and `unknown_dropped` says how many each filter left out for that reason;
  `unknown=<filter name>` includes them.
- `nationality`: routes open to all nationals or listing that country.
- `q`: name, local name, summary, legal basis and region, ignoring case and accents.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, make_dataclass

import numpy as np
import pandas as pd

from explorer.schema import CEFR_LEVELS, NACE_SECTIONS
from explorer.vocabulary import labels, place_name

Mask = np.ndarray

STATUS_SCOPES: dict[str, tuple[str, ...] | None] = {
    "in_force": ("active", "pilot"),
    "introduced_after": ("introduced_after_reference",),
    "closed": ("closed",),
    "all": None,
}
IN_FORCE = STATUS_SCOPES["in_force"]


def fold(text: str) -> str:
    """Lower case without accents, so 'Carte de séjour' matches 'sejour'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


SEARCHED_COLUMNS = ["name", "name_local", "summary", "legal_basis"]


def search_text(pathways: pd.DataFrame, regions: dict[str, str] | None = None) -> pd.Series:
    """The folded text that `q` searches (with the region's code and name); the loader stores it as
    the `search_text` column."""
    if "search_text" in pathways:
        return pathways["search_text"]
    region = pathways["region"].map(lambda code: f"{code} {(regions or {}).get(code, '')}" if isinstance(code, str) else "")
    return pathways[SEARCHED_COLUMNS].fillna("").astype(str).agg(" ".join, axis=1).str.cat(region, sep=" ").map(fold)


def listed(cells: pd.Series, wanted: tuple[str, ...] | str) -> Mask:
    """For `;`-separated cells where `all` matches anything."""
    wanted_set = {wanted} if isinstance(wanted, str) else set(wanted)
    return np.fromiter((cell == "all" or not wanted_set.isdisjoint(cell.split(";")) for cell in cells),
                       dtype=bool, count=len(cells))


def _in(column: str) -> Callable[[pd.DataFrame, tuple[str, ...]], Mask]:
    return lambda pathways, value: pathways[column].isin(value).to_numpy()


def _equals(column: str, meaning: dict[str, str]) -> Callable[[pd.DataFrame, str], Mask]:
    """A filter value that stands for one value of the column (quota=no -> quota_applies false)."""
    return lambda pathways, value: pathways[column].eq(meaning[value]).to_numpy()


def _status(pathways: pd.DataFrame, value: str) -> Mask:
    statuses = STATUS_SCOPES[value]
    return np.ones(len(pathways), dtype=bool) if statuses is None else pathways["status"].isin(statuses).to_numpy()


def _skill(pathways: pd.DataFrame, value: tuple[str, ...]) -> Mask:
    return pathways["skill_level"].isin((*value, "any")).to_numpy()


def _cefr(pathways: pd.DataFrame, level: str) -> Mask:
    rank = CEFR_LEVELS.index(level)
    required = pathways["language_level"].map(lambda value: CEFR_LEVELS.index(value) if isinstance(value, str) else -1)
    return ~(pathways["language_requirement"].eq("required") & (required > rank)).to_numpy()


def _max_salary(pathways: pd.DataFrame, offer: int) -> Mask:
    threshold = pathways["salary_threshold_eur_year"].to_numpy()
    reduced = pathways["reduced_threshold_eur_year"].to_numpy()
    return np.isnan(threshold) | (threshold <= offer) | (reduced <= offer)


def _search(pathways: pd.DataFrame, text: str) -> Mask:
    needle = fold(text.strip())
    return np.fromiter((needle in cell for cell in search_text(pathways)), dtype=bool, count=len(pathways))


@dataclass(frozen=True)
class Filter:
    """One filter: its link parameter (also the CLI option and the FilterSet field), how it is
    shown, which values it takes, and how it matches records."""

    name: str
    label: str
    doc: str  # one line: what the filter does (README table, CLI help, widget help)
    kind: str  # "choice", "flag" (one choice, on or off), "member_state", "country", "number", "text"
    widget: str  # how the sidebar draws it: multiselect, pills, segmented, checkbox, selectbox, number, text
    group: str = ""  # the sidebar group it sits in ("" for the main filters, always shown)
    choices: dict[str, str] = field(default_factory=dict)  # code -> label, in display order
    repeatable: bool = False
    default: object = None
    maximum: int | None = None
    match: Callable[[pd.DataFrame, object], Mask] | None = None
    unknown_column: str = ""  # records with `unknown` here do not match; the filter can include them
    unknown_phrase: str = ""  # "an unknown language requirement"
    describe: Callable[[object], str] | None = None  # the value in words, when the labels do not say it

    def empty(self) -> object:
        return () if self.repeatable else self.default

    def words(self, value: object) -> str:
        """The value in plain words, for the filter line on the page and on exports."""
        if self.describe is not None:
            return self.describe(value)
        values = value if isinstance(value, tuple) else (value,)
        return ", ".join(self.choices.get(str(item), str(item)) for item in values)


SALARY_MAXIMUM = 10_000_000

FILTERS: tuple[Filter, ...] = (
    Filter("member_state", "Member states", "ISO alpha-2 code, repeatable; `EL` is accepted for Greece",
           kind="member_state", widget="multiselect", repeatable=True, match=_in("member_state"),
           describe=lambda value: ", ".join(place_name(code) for code in value)),
    Filter("language", "Language requirement",
           "`none`, `bonus_points`, `required`; repeatable. Routes whose requirement is unknown are left out and "
           "counted (see `unknown`)", kind="choice", widget="pills", repeatable=True,
           choices={code: text for code, text in labels("language_requirement").items() if code != "unknown"},
           match=_in("language_requirement"), unknown_column="language_requirement",
           unknown_phrase="an unknown language requirement"),
    Filter("quota", "Labour-market quota",
           "`no`: only routes known to have no quota; `yes`: only routes under a quota (unknown: left out and counted)",
           kind="choice", widget="segmented", choices={"no": "No quota", "yes": "Under a quota"},
           match=_equals("quota_applies", {"no": "false", "yes": "true"}), unknown_column="quota_applies",
           unknown_phrase="an unknown quota", describe=lambda value: {"no": "only routes without a quota",
                                                                       "yes": "only routes under a quota"}[value]),
    Filter("max_salary", "Salary offered (EUR gross per year)",
           "salary offered, whole EUR gross per year: keeps routes whose threshold, or reduced threshold, is at or "
           "below it (the latter marked); routes without a fixed threshold stay, marked",
           kind="number", widget="number", maximum=SALARY_MAXIMUM, match=_max_salary,
           describe=lambda value: f"{value:,}"),
    Filter("status", "Status on the reference date",
           "`in_force` (the default: routes open on 1 February 2024), `introduced_after`, `closed`, `all`",
           kind="choice", widget="segmented", default="in_force",
           choices={"in_force": "In force", "introduced_after": "Introduced later", "closed": "Closed", "all": "All"},
           match=_status, describe=lambda value: {"in_force": "in force", "introduced_after": "introduced after it",
                                                  "closed": "closed before it",
                                                  "all": "all routes (in force, introduced later, closed)"}[value]),
    Filter("category", "Category", "pathway category (see `docs/schema.md`), repeatable", kind="choice",
           widget="multiselect", group="Category, skill, sector and duration", repeatable=True, choices=labels("category"),
           match=_in("category")),
    Filter("skill", "Skill level of the person",
           "`high`, `medium`, `low`; repeatable. Routes open to any skill level always match",
           kind="choice", widget="multiselect", group="Category, skill, sector and duration", repeatable=True,
           choices={code: text for code, text in labels("skill_level").items() if code != "any"}, match=_skill),
    Filter("sector", "Sector (NACE section)",
           "NACE Rev.2 section letter, repeatable; routes open to all sectors always match", kind="choice",
           widget="multiselect", group="Category, skill, sector and duration", repeatable=True,
           choices={code: f"{code} {labels('sectors')[code]}" for code in NACE_SECTIONS},
           match=lambda pathways, value: listed(pathways["sectors"], value)),
    Filter("duration", "Duration", "`short_term`, `temporary_renewable`, `permanent`; repeatable", kind="choice",
           widget="multiselect", group="Category, skill, sector and duration", repeatable=True,
           choices=labels("duration_type"),
           match=_in("duration_type")),
    Filter("cefr", "Highest CEFR level the person has",
           "CEFR level (`A1`..`C2`): drops routes requiring more (routes whose level is not recorded stay)",
           kind="choice", widget="selectbox", group="More conditions", choices={level: level for level in CEFR_LEVELS},
           match=_cefr),
    Filter("lmt", "Labour-market test", "`no`: only routes without a labour-market test (unknown: left out and counted)",
           kind="flag", widget="checkbox", group="More conditions", choices={"no": "No labour-market test"},
           match=_equals("labour_market_test", {"no": "no"}), unknown_column="labour_market_test",
           unknown_phrase="an unknown labour-market test", describe=lambda value: "not required"),
    Filter("job_offer", "Job offer", "`no`: only routes that need no job offer (unknown: left out and counted)",
           kind="flag", widget="checkbox", group="More conditions", choices={"no": "No job offer needed"},
           match=_equals("job_offer_required", {"no": "false"}), unknown_column="job_offer_required",
           unknown_phrase="an unknown job-offer requirement", describe=lambda value: "not required"),
    Filter("no_threshold", "Routes without a fixed threshold",
           "`exclude`: drop routes without a fixed threshold (by default they stay, marked)", kind="flag",
           widget="checkbox", group="More conditions", choices={"exclude": "Exclude routes without a fixed threshold"},
           match=lambda pathways, value: ~np.isnan(pathways["salary_threshold_eur_year"].to_numpy()),
           describe=lambda value: "excluded"),
    Filter("confidence", "Confidence of the record", "`high`, `medium`, `low`; repeatable (see `docs/schema.md`)",
           kind="choice", widget="multiselect", group="More conditions", repeatable=True,
           choices=labels("confidence"), match=_in("confidence")),
    Filter("nationality", "Open to nationals of",
           "ISO alpha-2 code: only routes open to all nationals or listing that country", kind="country",
           widget="selectbox", group="Nationality", match=lambda pathways, value: listed(pathways["target_nationalities"], value),
           describe=place_name),
    Filter("q", "Search text", "text searched in name, local name, summary, legal basis and region (case and accents ignored)",
           kind="text", widget="text", default="", match=_search),
)
UNKNOWN_CAPABLE = {item.name: item for item in FILTERS if item.unknown_column}
FILTERS += (
    Filter("unknown", "Routes with an unknown value included for",
           f"name of a filter ({', '.join(f'`{name}`' for name in UNKNOWN_CAPABLE)}) whose routes with an unknown value "
           "are included; repeatable", kind="choice", widget="unknown", repeatable=True,
           choices={name: item.label for name, item in UNKNOWN_CAPABLE.items()}),
)
FILTER = {item.name: item for item in FILTERS}

FilterSet = make_dataclass(
    "FilterSet",
    [(item.name, object, field(default=item.empty())) for item in FILTERS],
    frozen=True,
    namespace={
        "__doc__": "The value of every filter (the defaults: no restriction, routes in force).",
        "is_default": lambda self: self == FilterSet(),
        "active": lambda self: [item.name for item in FILTERS if getattr(self, item.name) != item.empty()],
    },
)


def filter_masks(pathways: pd.DataFrame, filters: FilterSet) -> dict[str, Mask]:
    """One boolean mask per active filter, keyed by the filter's name."""
    masks: dict[str, Mask] = {}
    for item in FILTERS:
        value = getattr(filters, item.name)
        if item.match is None or value is None or value == () or (isinstance(value, str) and not value.strip()):
            continue  # no restriction
        mask = np.asarray(item.match(pathways, value), dtype=bool)
        if item.unknown_column and item.name in filters.unknown:
            mask = mask | pathways[item.unknown_column].eq("unknown").to_numpy()
        masks[item.name] = mask
    return masks


def _combined(size: int, masks: dict[str, Mask], leave_out: str | None = None) -> Mask:
    keep = np.ones(size, dtype=bool)
    for name, mask in masks.items():
        if name != leave_out:
            keep &= mask
    return keep


def apply_filters(pathways: pd.DataFrame, filters: FilterSet) -> pd.DataFrame:
    """The records that match every filter, in the dataset's order."""
    return pathways[_combined(len(pathways), filter_masks(pathways, filters))]


def scope_size(pathways: pd.DataFrame, filters: FilterSet) -> int:
    """How many records the status filter admits: the T of "N of T pathways"."""
    return int(_status(pathways, filters.status).sum())


def unknown_dropped(pathways: pd.DataFrame, filters: FilterSet) -> dict[str, int]:
    """For each active filter that leaves out routes whose value is `unknown` (and is not told to
    include them): how many routes matching every other filter it left out for that reason."""
    masks = filter_masks(pathways, filters)
    dropped = {}
    for name, item in UNKNOWN_CAPABLE.items():
        if name in masks and name not in filters.unknown:
            others = _combined(len(pathways), masks, leave_out=name)
            dropped[name] = int((others & pathways[item.unknown_column].eq("unknown").to_numpy()).sum())
    return dropped


def facet_counts(pathways: pd.DataFrame, filters: FilterSet, name: str, column: str) -> dict[str, int]:
    """How many routes have each value of `column` among those matching every filter but `name`."""
    masks = filter_masks(pathways, filters)
    return dict(Counter(pathways[column].to_numpy()[_combined(len(pathways), masks, leave_out=name)]))


SALARY_MARKS = {
    "meets": "meets the threshold",
    "reduced_only": "only under the reduced threshold (conditions)",
    "no_threshold": "no fixed threshold: not tested",
}


def salary_marks(pathways: pd.DataFrame, offer: int) -> pd.Series:
    """For each route the salary filter keeps, how: meets, reduced_only or no_threshold (codes of SALARY_MARKS)."""
    threshold = pathways["salary_threshold_eur_year"]
    marks = np.where(threshold.isna(), "no_threshold", np.where(threshold <= offer, "meets", "reduced_only"))
    return pd.Series(marks, index=pathways.index)


def describe_filters(filters: FilterSet) -> list[str]:
    """The filters of a view in plain words, one line each. The status always has a line: even by
    default it restricts the view (to routes in force on the reference date)."""
    names = ["status", *(name for name in filters.active() if name != "status")]
    return [f"{FILTER[name].label}: {FILTER[name].words(getattr(filters, name))}" for name in names]
