"""Showing one pathway record: provenance first, then its conditions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.filters import SALARY_MARKS
from explorer.summaries import format_metric
from explorer.urlstate import METRICS
from ui.data import dataset_or_stop
from ui.text import plain

PROVENANCE = ("source_title", "source_publisher", "legal_basis", "as_of", "last_verified", "confidence",
              "changes_after_reference", "additional_sources")
CONDITIONS = ("region", "status", "valid_from", "category", "skill_level", "sectors", "target_nationalities", "job_offer_required",
              "labour_market_test", "quota_applies", "quota_type", "quota_size", "quota_year", "income_requirement",
              "salary_threshold_amount", "salary_threshold_currency", "salary_threshold_period",
              "salary_payments_per_year", "salary_threshold_eur_year", "reduced_threshold_amount",
              "reduced_threshold_condition", "reduced_threshold_eur_year", "language_requirement", "language_level",
              "languages", "qualification_required", "duration_type", "initial_permit_months", "max_stay_months",
              "family_reunification", "path_to_permanent_residence", "employer_change", "processing_days",
              "fee_amount", "fee_currency")
CONFIDENCE_MARK = {"high": "🟢 high", "medium": "🟡 medium", "low": "🔴 low"}


def _shown(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def _fields_table(values: dict[str, str]) -> None:
    # st.dataframe shows cell text as text; st.table would render Markdown from the data.
    st.dataframe(pd.DataFrame({"field": list(values), "value": list(values.values())}), hide_index=True,
                 width="stretch", column_config={"field": st.column_config.TextColumn(width="medium"),
                                                 "value": st.column_config.TextColumn(width="large")})


def _region_name(code: object) -> str:
    return dataset_or_stop().regions.get(code, str(code)) if isinstance(code, str) else ""


def record_details(record: pd.Series) -> None:
    st.subheader(plain(record["name"]), anchor=False)
    where = record["member_state"] + (f", {_region_name(record['region'])}" if isinstance(record["region"], str) else "")
    st.markdown(f"*{plain(record['name_local'])}* · {plain(where)}")
    st.markdown(plain(record["summary"]))
    st.markdown("**Source**")
    st.link_button(plain(f"Open source: {record['source_title']}"[:120]), record["source_url"])
    provenance = {name.replace("_", " "): _shown(record[name]) for name in PROVENANCE}
    provenance["confidence"] = CONFIDENCE_MARK.get(record["confidence"], record["confidence"])
    _fields_table(provenance)
    if isinstance(record["notes"], str) and record["notes"]:
        st.markdown("**Notes**")
        st.markdown(plain(record["notes"]))
    st.markdown("**Conditions**")
    _fields_table({name.replace("_", " "): _shown(record[name]) for name in CONDITIONS})


TABLE_COLUMNS = ["name", "member_state", "category", "skill_level", "salary_threshold_eur_year", "income_requirement",
                 "language_requirement", "quota_applies", "labour_market_test", "status", "confidence", "source_url"]


def pathway_table(rows: pd.DataFrame, key: str, salary_marks: pd.Series | None = None):
    """A sortable table with one selectable row; returns the selected record or None.
    `salary_marks` (explorer.filters.salary_marks), when a salary is tested, adds how each route meets it."""
    shown = rows[TABLE_COLUMNS].reset_index(drop=True)
    if rows["region"].notna().any():  # regional rules: say whose (empty: national)
        shown.insert(2, "region", rows["region"].map(_region_name).to_numpy())
    if salary_marks is not None:
        shown.insert(5, "salary_test", salary_marks.map(SALARY_MARKS).to_numpy())
    event = st.dataframe(
        shown,
        hide_index=True,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        placeholder="—",
        column_config={
            "name": st.column_config.TextColumn("Pathway", width="large"),
            "member_state": st.column_config.TextColumn("MS", width="small"),
            "region": st.column_config.TextColumn("Region", help="Empty: the route's rules are national"),
            "category": "Category",
            "skill_level": "Skill",
            "salary_threshold_eur_year": st.column_config.NumberColumn(
                "Threshold EUR/yr", format="%,.0f",
                help="Derived from the amount the source states, at ECB rates of the reference date. —: no fixed threshold (see Income rule)."),
            "salary_test": st.column_config.TextColumn("Salary offered", help="How the salary offered meets the route's threshold"),
            "income_requirement": st.column_config.TextColumn(
                "Income rule", help="fixed_threshold, or the kind of rule a route without a fixed amount has"),
            "language_requirement": "Language",
            "quota_applies": "Quota",
            "labour_market_test": "Labour-market test",
            "status": "Status",
            "confidence": "Confidence",
            "source_url": st.column_config.LinkColumn("Source", display_text="source ↗"),
        },
    )
    selected = event.selection.rows if event is not None else []
    return rows.iloc[selected[0]] if selected else None


def ranking_table(per_state: pd.DataFrame, metric: str) -> None:
    """The map's values as text, member states with a value first: readable without colour."""
    ordered = per_state[per_state["pathways"] > 0].sort_values(metric, ascending=metric in ("lowest_salary", "blue_card"))
    if ordered.empty:
        st.info("No pathway matches these filters.")
        return
    # A Markdown table: the same text as a grid, without loading the data-grid code for the map view.
    extra = METRICS[metric] if metric != "pathways" else None
    lines = ["| Member state | Pathways |" + (f" {plain(extra)} |" if extra else ""),
             "|---|---:|" + ("---:|" if extra else "")]
    for _, row in ordered.iterrows():
        shown = format_metric(metric, row[metric])
        if metric == "blue_card" and not row["blue_card_member"]:
            shown = "does not take part"
        value = f" {plain(shown)} |" if extra else ""
        lines.append(f"| {plain(row['name'])} | {int(row['pathways'])} |{value}")
    st.markdown("\n".join(lines))
