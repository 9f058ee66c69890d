"""The Explore page's filter widgets. Each option shows how many pathways it would leave."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from explorer.filters import FilterState, facet_counts
from explorer.schema import CEFR_LEVELS, NACE_SECTIONS, Category, DurationType, SkillLevel
from ui.viewstate import QUOTA_OPTIONS, key

NACE_NAMES = {
    "A": "Agriculture, forestry, fishing", "B": "Mining", "C": "Manufacturing", "D": "Energy supply",
    "E": "Water, waste", "F": "Construction", "G": "Trade", "H": "Transport, storage",
    "I": "Accommodation, food", "J": "Information, communication", "K": "Finance, insurance",
    "L": "Real estate", "M": "Professional, scientific, technical", "N": "Administrative, support",
    "O": "Public administration", "P": "Education", "Q": "Health, social work", "R": "Arts, recreation",
    "S": "Other services", "T": "Households as employers", "U": "Extraterritorial bodies",
}
LANGUAGE_LABELS = {"none": "No requirement", "bonus_points": "Bonus points only", "required": "Required"}
QUOTA_LABELS = {"any": "Any", "no": "No quota", "yes": "Under a quota"}


def _label(text: str) -> str:
    return text.replace("_", " ").capitalize().replace("Eu ", "EU ")


def _with_count(names: dict[str, str], counts: dict[str, int]):
    return lambda value: f"{names.get(value, _label(value))} ({counts.get(value, 0)})"


def filter_sidebar(pathways: pd.DataFrame, member_states: pd.DataFrame, world_names: dict[str, str]) -> None:
    """Draw the filters; their values are read back with ui.viewstate.state_from_widgets()."""
    from ui.viewstate import state_from_widgets

    current: FilterState = state_from_widgets()
    names = dict(zip(member_states.index, member_states["name"]))
    with st.sidebar:
        st.header("Filters")
        if st.button("Clear all filters", width="stretch", disabled=current.is_empty()):
            for name in FilterState.__dataclass_fields__:
                st.session_state.pop(key(name), None)
            st.session_state["reset_filters"] = True
            st.rerun()

        counts = facet_counts(pathways, current, "member_state")
        st.multiselect("Member states", sorted(names, key=names.get), key=key("member_state"),
                       format_func=_with_count(names, counts), placeholder="All 27 member states")
        st.button("All 27 member states", on_click=lambda: st.session_state.update({key("member_state"): []}),
                  disabled=not current.member_state, width="stretch")

        counts = facet_counts(pathways, current, "category")
        st.multiselect("Category", Category.__args__, key=key("category"), format_func=_with_count({}, counts),
                       placeholder="Any category")
        counts = facet_counts(pathways, current, "skill")
        st.multiselect("Skill level", SkillLevel.__args__, key=key("skill"), format_func=_with_count({}, counts),
                       placeholder="Any skill level")
        counts = facet_counts(pathways, current, "sector")
        st.multiselect("Sector (NACE section)", NACE_SECTIONS, key=key("sector"),
                       format_func=_with_count({code: f"{code} {name}" for code, name in NACE_NAMES.items()}, counts),
                       placeholder="Any sector")
        counts = facet_counts(pathways, current, "duration")
        st.multiselect("Duration", DurationType.__args__, key=key("duration"), format_func=_with_count({}, counts),
                       placeholder="Any duration")

        st.subheader("Language")
        counts = facet_counts(pathways, current, "language")
        st.pills("Language requirement", list(LANGUAGE_LABELS), selection_mode="multi", key=key("language"),
                 format_func=_with_count(LANGUAGE_LABELS, counts))
        st.selectbox("Highest CEFR level the person has", CEFR_LEVELS, index=None, key=key("cefr"),
                     placeholder="Any level", help="Drops routes that require a higher level. Routes whose level is unknown stay in.")

        st.subheader("Quota and labour market")
        counts = facet_counts(pathways, current, "quota")
        st.segmented_control("Labour-market quota", list(QUOTA_OPTIONS), key=key("quota"),
                             format_func=lambda value: QUOTA_LABELS[value] if value == "any" else f"{QUOTA_LABELS[value]} ({counts.get(value, 0)})")
        st.checkbox("No labour-market test", key=key("lmt"))
        st.checkbox("No job offer needed", key=key("job_offer"))

        st.subheader("Income")
        st.number_input("Salary offered (EUR gross per year)", min_value=0, max_value=10_000_000, step=1000,
                        value=None, key=key("max_salary"), placeholder="Any salary",
                        help="Keeps routes whose threshold, converted to EUR per year, is at or below this salary.")
        st.checkbox("Exclude routes without a fixed threshold", key=key("without_threshold"),
                    help="Routes tied to a collective agreement, the minimum wage or no amount cannot be tested against a salary; by default they stay in and are marked.")

        st.subheader("Person")
        st.selectbox("Open to nationals of", list(world_names), index=None, key=key("nationality"),
                     format_func=lambda code: world_names.get(code, code), placeholder="Any nationality")
        st.text_input("Search name, summary, legal basis", key=key("q"), placeholder="e.g. nurse, § 18, saisonnier")
