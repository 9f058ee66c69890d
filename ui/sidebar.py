"""The Explore page's filter widgets. Each option shows how many pathways it would leave."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from explorer.filters import FilterState, all_facet_counts
from explorer.schema import CEFR_LEVELS, NACE_SECTIONS, Category, DurationType, SkillLevel
from ui.viewstate import QUOTA_OPTIONS, clear_filters, key, seed_widgets, state_from_widgets

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


def _group(title: str, state: FilterState, names: tuple[str, ...], draw: Callable[[], None]) -> None:
    """A collapsible group of filters, open when one of them is set. `draw` builds its widgets only
    while it is open, which keeps the first page load light; closed, its values live in the view."""
    active = sum(getattr(state, name) != getattr(FilterState(), name) for name in names)
    group = st.expander(f"{title} ({active} set)" if active else title, expanded=bool(active),
                        key=f"group_{names[0]}", on_change="rerun")
    if group.open:
        with group:
            seed_widgets(state, names)
            draw()


def filter_sidebar(pathways: pd.DataFrame, member_states: pd.DataFrame, world_names: dict[str, str]) -> None:
    """Draw the filters; their values are read back with ui.viewstate.state_from_widgets().

    The main filters of the reference tool (member state, language, quota, income) and the search
    are always shown; the rest sit in groups that open when one of their filters is set.
    """
    current: FilterState = state_from_widgets()
    facets = all_facet_counts(pathways, current)
    names = dict(zip(member_states.index, member_states["name"]))
    with st.sidebar:
        st.header("Filters")
        st.button("Clear all filters", on_click=clear_filters, disabled=current.is_empty(), width="stretch",
                  icon=":material/filter_alt_off:")
        st.text_input("Search name, summary, legal basis", key=key("q"), placeholder="e.g. nurse, § 18, saisonnier")

        st.multiselect("Member states", sorted(names, key=names.get), key=key("member_state"),
                       format_func=_with_count(names, facets["member_state"]), placeholder="All 27 member states",
                       help="Empty means all 27. The × in the box clears the selection in one click.")
        st.pills("Language requirement", list(LANGUAGE_LABELS), selection_mode="multi", key=key("language"),
                 format_func=_with_count(LANGUAGE_LABELS, facets["language"]),
                 help="Routes whose language requirement is unknown match none of these.")
        quota_counts = facets["quota"]
        st.segmented_control("Labour-market quota", list(QUOTA_OPTIONS), key=key("quota"),
                             format_func=lambda value: QUOTA_LABELS[value] if value == "any" else f"{QUOTA_LABELS[value]} ({quota_counts.get(value, 0)})")
        st.number_input("Salary offered (EUR gross per year)", min_value=0, max_value=10_000_000, step=1000,
                        value=None, key=key("max_salary"), placeholder="Any salary",
                        help="Keeps routes whose threshold, converted to EUR per year, is at or below this salary.")

        def kind_of_route() -> None:
            st.multiselect("Category", Category.__args__, key=key("category"), format_func=_with_count({}, facets["category"]),
                           placeholder="Any category")
            st.multiselect("Skill level", SkillLevel.__args__, key=key("skill"), format_func=_with_count({}, facets["skill"]),
                           placeholder="Any skill level")
            st.multiselect("Sector (NACE section)", NACE_SECTIONS, key=key("sector"),
                           format_func=_with_count({code: f"{code} {name}" for code, name in NACE_NAMES.items()}, facets["sector"]),
                           placeholder="Any sector")
            st.multiselect("Duration", DurationType.__args__, key=key("duration"), format_func=_with_count({}, facets["duration"]),
                           placeholder="Any duration")

        def more_conditions() -> None:
            st.selectbox("Highest CEFR level the person has", CEFR_LEVELS, index=None, key=key("cefr"), placeholder="Any level",
                         help="Drops routes that require a higher level. Routes whose level is unknown stay in.")
            st.checkbox("No labour-market test", key=key("lmt"))
            st.checkbox("No job offer needed", key=key("job_offer"))
            st.checkbox("Exclude routes without a fixed threshold", key=key("without_threshold"),
                        help="Routes tied to a collective agreement, the minimum wage or no amount cannot be tested against "
                             "a salary; by default they stay in and are marked.")

        def nationality() -> None:
            st.selectbox("Open to nationals of", list(world_names), index=None, key=key("nationality"),
                         format_func=lambda code: world_names.get(code, code), placeholder="Any nationality")

        _group("Category, skill, sector and duration", current, ("category", "skill", "sector", "duration"), kind_of_route)
        _group("More conditions", current, ("cefr", "lmt", "job_offer", "without_threshold"), more_conditions)
        _group("Nationality", current, ("nationality",), nationality)
