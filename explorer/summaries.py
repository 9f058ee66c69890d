"""Counts and key figures shown on the pages, computed from a (filtered) table of pathways."""

from __future__ import annotations

import pandas as pd

from explorer.urlstate import METRICS


def headline(matching: pd.DataFrame, total: int) -> str:
    states = matching["member_state"].nunique()
    noun = "pathway" if total == 1 else "pathways"
    place = "member state" if states == 1 else "member states"
    return f"{len(matching)} of {total} {noun} match, in {states} {place}"


def per_member_state(matching: pd.DataFrame, member_states: pd.DataFrame) -> pd.DataFrame:
    """One row per member state (all 27) with every map metric; metrics are NaN where nothing matches."""
    states = matching["member_state"]
    pathways = states.value_counts()
    table = pd.DataFrame({
        "pathways": pathways,
        "lowest_salary": matching["salary_threshold_eur_year"].groupby(states).min(),
        "quota_share": matching["quota_applies"].eq("true").groupby(states).sum() / pathways,
        "no_language_share": matching["language_requirement"].eq("none").groupby(states).sum() / pathways,
    })
    table = table.reindex(member_states.index)
    table["pathways"] = table["pathways"].fillna(0).astype(int)
    table.insert(0, "name", member_states["name"])
    table.index.name = "iso2"
    return table


def metric_label(metric: str) -> str:
    return METRICS[metric]


def format_metric(metric: str, value: float) -> str:
    if pd.isna(value):
        return "no data"
    if metric == "pathways":
        return f"{int(value)}"
    if metric == "lowest_salary":
        return f"{value:,.0f} EUR/year"
    return f"{value:.0%}"


def country_figures(pathways: pd.DataFrame, iso2: str, member_states: pd.DataFrame, rates: dict[str, float]) -> dict:
    """Key figures of one member state's pathways."""
    own = pathways[pathways["member_state"] == iso2]
    state = member_states.loc[iso2]
    thresholds = own.dropna(subset=["salary_threshold_eur_year"])
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
    if not state["blue_card"]:
        blue_card_text = "does not take part in the EU Blue Card"
    elif blue_card.empty:
        blue_card_text = "no EU Blue Card record yet"
    else:
        first = blue_card.iloc[0]
        blue_card_text = (
            f"{first['salary_threshold_eur_year']:,.0f} EUR/year{in_national(first['salary_threshold_eur_year'])}"
            if pd.notna(first["salary_threshold_eur_year"]) else "threshold not recorded"
        )
    return {
        "pathways": len(own),
        "by_category": own["category"].value_counts().sort_index().to_dict(),
        "lowest_threshold": extreme(thresholds["salary_threshold_eur_year"].idxmin()) if not thresholds.empty else "no fixed threshold",
        "highest_threshold": extreme(thresholds["salary_threshold_eur_year"].idxmax()) if not thresholds.empty else "no fixed threshold",
        "under_quota": int((own["quota_applies"] == "true").sum()),
        "no_language": int((own["language_requirement"] == "none").sum()),
        "blue_card": blue_card_text,
    }
