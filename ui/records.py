"""Showing one pathway record: provenance first, then its conditions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from urllib.parse import urlsplit

from explorer.filters import SALARY_MARKS
from explorer.partnerships import of_pathway
from explorer.summaries import format_metric
from explorer.vocabulary import (FIELD_LABELS, amount_in_words, coded_in_words, label, language_names, number_text,
                                 place_name, route_in_words)
from explorer.urlstate import METRICS
from ui.data import dataset_or_stop
from ui.text import link, plain

PROVENANCE = ("source_publisher", "legal_basis", "as_of", "last_verified", "confidence", "changes_after_reference")
CONDITIONS = ("region", "status", "valid_from", "category", "skill_level", "sectors", "target_nationalities", "job_offer_required",
              "labour_market_test", "quota_applies", "quota_type", "quota_size", "quota_year", "quota_share_percent",
              "income_requirement",
              "salary_threshold_amount", "salary_threshold_multiple", "salary_threshold_reference", "salary_threshold_eur_year", "reduced_threshold_amount", "reduced_threshold_condition",
              "reduced_threshold_reason", "reduced_threshold_eur_year", "language_requirement", "language_level", "languages",
              "qualification_required", "min_experience_years",
              "duration_type", "initial_permit_months", "max_stay_months", "family_reunification",
              "path_to_permanent_residence", "employer_change", "processing_days", "fee_amount")
# A coloured badge and the word: the colour is never the only signal, and no emoji (Debian's
# Chromium has no emoji font and would draw an empty box).
CONFIDENCE_BADGE = {"high": ":green-badge[High]", "medium": ":orange-badge[Medium]", "low": ":red-badge[Low]"}


def _empty(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _value(record: pd.Series, name: str) -> str:
    """One field of a record in words, as Markdown-safe text."""
    value = record[name]
    if _empty(value):
        return "—"
    if name == "salary_threshold_amount" or name == "reduced_threshold_amount":
        return plain(amount_in_words(record, name))
    if name == "fee_amount":
        return plain(f"{number_text(value)} {record['fee_currency'] or ''}".strip())
    if name in ("salary_threshold_eur_year", "reduced_threshold_eur_year"):
        return plain(f"{value:,.0f} EUR per year (at the reference rates)")
    if name == "languages":
        return plain(language_names(value))
    if (words := coded_in_words(name, value, dataset_or_stop().regions)) is not None:
        return plain(words)
    if isinstance(value, float):
        return plain(number_text(value))
    return plain(value)


def _fields(record: pd.Series, names: tuple[str, ...]) -> None:
    """Field and value as a two-column Markdown table: long text wraps in full, data text escaped."""
    rows = [f"| {FIELD_LABELS[name]} | {_value(record, name).replace(chr(10), ' ')} |" for name in names]
    st.markdown("\n".join(["| Field | Value |", "|---|---|", *rows]))


def _region_name(code: object) -> str:
    return dataset_or_stop().regions.get(code, str(code)) if isinstance(code, str) else ""


def record_details(record: pd.Series) -> None:
    st.subheader(plain(record["name"]), anchor=False)
    where = place_name(record["member_state"]) + (f", {_region_name(record['region'])}" if isinstance(record["region"], str) else "")
    st.markdown(f"*{plain(record['name_local'])}* · {plain(where)}")
    st.markdown(plain(record["summary"]))
    st.markdown(f"**Source:** {link(record['source_title'], record['source_url'])} · confidence "
                f"{CONFIDENCE_BADGE.get(record['confidence'], plain(record['confidence']))}")
    _fields(record, PROVENANCE)
    if isinstance(record["additional_sources"], str) and record["additional_sources"]:
        urls = [url.strip() for url in record["additional_sources"].split(";") if url.strip()]
        st.markdown("**Additional sources:** " + " · ".join(link(urlsplit(url).netloc, url) for url in urls))
    if isinstance(record["notes"], str) and record["notes"]:
        st.markdown("**Notes**")
        st.markdown(plain(record["notes"]))
    using = of_pathway(dataset_or_stop().partnerships, record["id"])
    if not using.empty:
        st.markdown("**Partnerships whose participants use this route:** " + " · ".join(
            link(row.name, f"partnerships?member_state={record['member_state']}") for row in using.itertuples()))
    st.markdown("**Conditions**")
    _fields(record, CONDITIONS)


TABLE_COLUMNS = ["name", "member_state", "category", "skill_level", "salary_threshold_eur_year", "income_requirement",
                 "language_requirement", "quota_applies", "labour_market_test", "status", "confidence", "source_url"]
LABELLED_COLUMNS = ["category", "skill_level", "income_requirement", "language_requirement", "quota_applies",
                    "labour_market_test", "status", "confidence"]


def pathway_table(rows: pd.DataFrame, key: str, salary_marks: pd.Series | None = None):
    """A sortable table with one selectable row; returns the selected record or None.
    `salary_marks` (explorer.filters.salary_marks), when a salary is tested, adds how each route meets it."""
    shown = rows[TABLE_COLUMNS].reset_index(drop=True)
    for column in LABELLED_COLUMNS:
        shown[column] = shown[column].map(lambda code, field=column: label(field, code))
    shown["member_state"] = shown["member_state"].map(place_name)
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
            "member_state": st.column_config.TextColumn("Member state"),
            "region": st.column_config.TextColumn("Region", help="Empty: the route's rules are national"),
            "category": "Category",
            "skill_level": "Skill",
            "salary_threshold_eur_year": st.column_config.NumberColumn(
                "Threshold EUR/yr", format="%,.0f",
                help="Derived from the amount the source states, at ECB rates of the reference date. —: no fixed threshold (see Income rule)."),
            "salary_test": st.column_config.TextColumn("Salary offered", help="How the salary offered meets the route's threshold"),
            "income_requirement": st.column_config.TextColumn(
                "Income rule", help="A fixed salary threshold, or the kind of rule a route without a fixed amount has"),
            "language_requirement": "Language",
            "quota_applies": "Quota",
            "labour_market_test": "Labour-market test",
            "status": "Status on 1 Feb 2024",
            "confidence": "Confidence",
            "source_url": st.column_config.LinkColumn("Source", display_text="source ↗"),
        },
    )
    selected = event.selection.rows if event is not None else []
    return rows.iloc[selected[0]] if selected else None


def ranking_table(rows: list[tuple[str, int, str]], metric: str) -> None:
    """The map's values as text (explorer.summaries.ranking): readable without colour."""
    if not rows:
        st.info("No pathway matches these filters.")
        return
    # A Markdown table: the same text as a grid, without loading the data-grid code for the map view.
    extra = METRICS[metric] if metric != "pathways" else None
    lines = ["| Member state | Pathways |" + (f" {plain(extra)} |" if extra else ""),
             "|---|---:|" + ("---:|" if extra else "")]
    lines += [f"| {plain(name)} | {pathways} |" + (f" {plain(shown)} |" if extra else "") for name, pathways, shown in rows]
    st.markdown("\n".join(lines))


PRINTED = {"name": "Route", "type": "Type", "skill": "Skill", "threshold": "Salary threshold as stated",
           "eur": "EUR per year", "lmt": "Labour-market test", "quota": "Quota", "language": "Language"}


def print_table(rows: pd.DataFrame, regions: dict[str, str]) -> str:
    """Every route as a Markdown table in words, with its source: what a printed page shows."""
    lines = ["| " + " | ".join(PRINTED.values()) + " | Source |", "|" + "---|" * (len(PRINTED) + 1)]
    for _, record in rows.iterrows():
        route = route_in_words(record, regions)
        route["name"] += f" ({route['region']})" if route["region"] else ""
        cells = [plain(route[key]) for key in PRINTED]
        lines.append("| " + " | ".join(cells) + f" | {link(urlsplit(record['source_url']).netloc, record['source_url'])} |")
    return "\n".join(lines)
