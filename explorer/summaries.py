"""Counts and key figures shown on the pages, computed from a (filtered) table of pathways."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection

import pandas as pd

from explorer.filters import IN_FORCE



# The reference tool's main filters; the share of `unknown` in each is reported per member state.
UNKNOWN_TRACKED = {"labour_market_test": "labour-market test", "quota_applies": "quota",
                   "income_requirement": "income", "language_requirement": "language"}
UNKNOWN_TARGET = 0.10


def unknown_shares(pathways: pd.DataFrame) -> pd.DataFrame:
    """Per member state (rows) and tracked field (columns), the share of records whose value is `unknown`."""
    flags = pathways[list(UNKNOWN_TRACKED)].eq("unknown")
    return flags.groupby(pathways["member_state"]).mean()


def count_of(number: int, noun: str) -> str:
    """'1 route', '2 routes'."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def headline(matching: pd.DataFrame, total: int) -> str:
    states = matching["member_state"].nunique()
    noun = "pathway" if total == 1 else "pathways"
    place = "member state" if states == 1 else "member states"
    return f"{len(matching)} of {total} {noun} match, in {states} {place}"


# Routes whose threshold is a wage for a job: not trainee allowances, not the income a job seeker,
# self-employed person, investor or digital nomad must show, not means of subsistence.
NOT_EMPLOYMENT = {"trainee_or_apprentice", "job_seeker", "self_employed", "entrepreneur_startup", "investor",
                  "youth_mobility", "digital_nomad"}


def employment_thresholds(pathways: pd.DataFrame) -> pd.Series:
    """Thresholds (EUR/year) of employment routes only: what "lowest threshold" compares."""
    employment = ~pathways["category"].isin(NOT_EMPLOYMENT) & pathways["income_requirement"].ne("means_of_subsistence")
    return pathways["salary_threshold_eur_year"].where(employment)


def per_member_state(matching: pd.DataFrame, member_states: pd.DataFrame, curated: Collection[str]) -> pd.DataFrame:
    """One row per member state (all 27) with every map metric; metrics are NaN where nothing matches.

    `curated`: the member states that have records in the dataset at all, so that a map can tell
    "no pathway matches" from "not yet in the dataset". Shares count known values only; the
    `*_unknown` columns say how many were unknown.
    """
    count: Counter[str] = Counter()
    quota: Counter[str] = Counter()
    quota_unknown: Counter[str] = Counter()
    no_language: Counter[str] = Counter()
    language_unknown: Counter[str] = Counter()
    lowest: dict[str, float] = {}
    blue_card_thresholds: dict[str, set[float]] = {}
    not_in_force: Counter[str] = Counter()
    for state, salary, employment_salary, category, quota_applies, language, status in zip(
        matching["member_state"], matching["salary_threshold_eur_year"], employment_thresholds(matching),
        matching["category"], matching["quota_applies"], matching["language_requirement"], matching["status"]
    ):
        count[state] += 1
        not_in_force[state] += status not in IN_FORCE
        quota[state] += quota_applies == "true"
        quota_unknown[state] += quota_applies == "unknown"
        no_language[state] += language == "none"
        language_unknown[state] += language == "unknown"
        if employment_salary == employment_salary and employment_salary < lowest.get(state, math.inf):  # not NaN
            lowest[state] = float(employment_salary)
        if category == "eu_blue_card" and salary == salary:
            blue_card_thresholds.setdefault(state, set()).add(float(salary))
    nan = math.nan

    def share(part: Counter[str], unknown: Counter[str], state: str) -> float:
        known = count[state] - unknown[state]
        return part[state] / known if known else nan

    states = member_states.index
    return pd.DataFrame(
        {
            "name": member_states["name"],
            "curated": [state in curated for state in states],
            "blue_card_member": member_states["blue_card"],
            "pathways": [count[state] for state in states],
            "not_in_force": [not_in_force[state] for state in states],
            "blue_card": [min(blue_card_thresholds.get(state, [nan])) for state in states],
            "blue_card_variants": [len(blue_card_thresholds.get(state, ())) for state in states],
            "lowest_salary": [lowest.get(state, nan) for state in states],
            "quota_share": [share(quota, quota_unknown, state) for state in states],
            "quota_unknown": [quota_unknown[state] for state in states],
            "no_language_share": [share(no_language, language_unknown, state) for state in states],
            "no_language_unknown": [language_unknown[state] for state in states],
        },
        index=pd.Index(states, name="iso2"),
    )


def dataset_size(pathways: pd.DataFrame, member_states: pd.DataFrame) -> str:
    """'349 pathways in 22 of 27 member states': the one sentence the CLI, the About page and the
    README give for the dataset's size."""
    covered = pathways["member_state"].nunique()
    return f"{len(pathways)} pathways in {covered} of {len(member_states)} member states"


README_COVERAGE_START = "<!-- coverage: written by `python -m explorer build`, do not edit -->"
README_COVERAGE_END = "<!-- /coverage -->"


def readme_coverage(pathways: pd.DataFrame, member_states: pd.DataFrame, partnerships: int) -> str:
    """The README's paragraph on what the dataset covers, between its two markers."""
    return (f"{README_COVERAGE_START}\n**The dataset today: {dataset_size(pathways, member_states)}**, "
            f"plus {partnerships} partnerships. {coverage_note(pathways, member_states)}\n{README_COVERAGE_END}")


def with_readme_coverage(readme: str, paragraph: str) -> str:
    """README text with its coverage paragraph replaced (the markers must be there once)."""
    start, end = readme.index(README_COVERAGE_START), readme.index(README_COVERAGE_END) + len(README_COVERAGE_END)
    return readme[:start] + paragraph + readme[end:]


def coverage_note(pathways: pd.DataFrame, member_states: pd.DataFrame) -> str:
    """Which member states the dataset covers so far, in one sentence."""
    covered = sorted(set(pathways["member_state"]))
    if len(covered) == len(member_states):
        return f"The dataset covers all {len(member_states)} member states."
    missing = sorted(set(member_states.index) - set(covered))
    names = member_states["name"]
    if len(missing) < len(covered):  # name the shorter list: one line on a projector
        return (f"The dataset covers {len(covered)} of {len(member_states)} member states so far; not yet in it: "
                f"{', '.join(names[missing])} (which does not mean they have no pathway).")
    return (f"The dataset covers {len(covered)} of {len(member_states)} member states so far ({', '.join(names[covered])}); "
            "the others are marked “not yet in the dataset”, which does not mean they have no pathway.")


def format_metric(metric: str, value: float) -> str:
    if pd.isna(value):
        return "no data"
    if metric == "pathways":
        return f"{int(value)}"
    if metric in ("lowest_salary", "blue_card"):
        return f"{value:,.0f} EUR/year"
    return f"{value:.0%}"


def ranking(per_state: pd.DataFrame, metric: str) -> list[tuple[str, int, str]]:
    """The map's values as rows (member state, pathways, the metric in words), the member states with
    matching pathways only, best first: what the ranking beside the map lists."""
    ordered = per_state[per_state["pathways"] > 0].sort_values(metric, ascending=metric in ("lowest_salary", "blue_card"))
    return [(name, int(pathways), "does not take part" if metric == "blue_card" and not member else format_metric(metric, value))
            for name, pathways, value, member in zip(ordered["name"], ordered["pathways"], ordered[metric], ordered["blue_card_member"])]


def country_figures(pathways: pd.DataFrame, iso2: str, member_states: pd.DataFrame, rates: dict[str, float],
                    regions: dict[str, str] | None = None) -> dict:
    """Key figures of one member state's routes in force on the reference date. The lowest and
    highest thresholds are those of employment routes (see `employment_thresholds`)."""
    own = pathways[(pathways["member_state"] == iso2) & pathways["status"].isin(IN_FORCE)]
    state = member_states.loc[iso2]
    regions = regions or {}
    thresholds = own.assign(salary_threshold_eur_year=employment_thresholds(own)).dropna(subset=["salary_threshold_eur_year"])
    currency = state["currency"]

    def in_national(eur: float) -> str:
        if currency == "EUR":
            return ""
        return f" ({eur * rates[currency]:,.0f} {currency})"

    def extreme(row_index) -> str:
        if thresholds.empty:
            return "no fixed threshold"
        row = thresholds.loc[row_index]
        return f"{row['salary_threshold_eur_year']:,.0f} EUR/year{in_national(row['salary_threshold_eur_year'])}: {row['name']}"

    blue_card = own[own["category"] == "eu_blue_card"]
    recorded = blue_card.dropna(subset=["salary_threshold_eur_year"])
    blue_card_eur = None  # one figure, or None when there is none or it varies by region
    blue_card_shown = "—"
    if not state["blue_card"]:
        blue_card_text = f"{state['name']} does not take part in the EU Blue Card"
    elif blue_card.empty:
        blue_card_text = "no EU Blue Card record yet"
    elif recorded.empty:
        blue_card_text = "threshold not recorded"
    elif recorded["salary_threshold_eur_year"].nunique() > 1:
        amounts = recorded["salary_threshold_eur_year"]
        blue_card_shown = f"{amounts.min():,.0f}–{amounts.max():,.0f}"
        blue_card_text = "varies by region: " + "; ".join(
            f"{row.salary_threshold_eur_year:,.0f} EUR/year ({regions.get(row.region, row.region) if isinstance(row.region, str) else 'national'})"
            for row in recorded.sort_values("salary_threshold_eur_year").itertuples())
        if len(recorded) < len(blue_card):
            blue_card_text += f"; {len(blue_card) - len(recorded)} region(s) without a recorded threshold"
    else:
        blue_card_eur = float(recorded.iloc[0]["salary_threshold_eur_year"])
        blue_card_shown = f"{blue_card_eur:,.0f}"
        blue_card_text = f"{blue_card_eur:,.0f} EUR/year{in_national(blue_card_eur)}"
    return {
        "pathways": len(own),
        "by_category": own["category"].value_counts().sort_index().to_dict(),
        "lowest_threshold": extreme(thresholds["salary_threshold_eur_year"].idxmin()) if not thresholds.empty else "no fixed threshold",
        "highest_threshold": extreme(thresholds["salary_threshold_eur_year"].idxmax()) if not thresholds.empty else "no fixed threshold",
        "under_quota": int((own["quota_applies"] == "true").sum()),
        "quota_unknown": int((own["quota_applies"] == "unknown").sum()),
        "no_language": int((own["language_requirement"] == "none").sum()),
        "language_unknown": int((own["language_requirement"] == "unknown").sum()),
        "no_labour_market_test": int((own["labour_market_test"] == "no").sum()),
        "labour_market_test_unknown": int((own["labour_market_test"] == "unknown").sum()),
        "confidence": {level: int(count) for level, count in own["confidence"].value_counts().items()},
        "blue_card": blue_card_text,
        "blue_card_eur": blue_card_eur,
        "blue_card_shown": blue_card_shown,
    }
