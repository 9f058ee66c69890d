"""The Explore page's filter widgets, drawn from the declarations in explorer.filters.FILTERS.

Option labels never change while the page is open (they carry no live counts): Streamlit keeps a
multiselect's value by its label. Counts per value are shown beside the widgets instead.
"""

from __future__ import annotations

import streamlit as st

from explorer import views
from explorer.loading import Dataset
from explorer.summaries import count_of
from explorer.filters import FILTERS, UNKNOWN_CAPABLE, Filter, FilterSet
from ui.viewstate import clear_filters, filters_from_widgets, key, seed_widgets, unknown_key

# Counts are shown under the main filters whose value can be unknown (language, quota), unknown included.
COUNTED = {name: item.unknown_column for name, item in UNKNOWN_CAPABLE.items() if not item.group}
QUOTA_VALUES = {"true": "yes", "false": "no"}


def _counts_caption(dataset: Dataset, filters: FilterSet, item: Filter) -> None:
    counts = views.facets(dataset, filters, item.name, COUNTED[item.name])
    if item.name == "quota":
        counts = {QUOTA_VALUES.get(value, value): count for value, count in counts.items()}
    parts = [f"{label} {counts.get(code, 0)}" for code, label in item.choices.items()]
    parts.append(f"unknown {counts.get('unknown', 0)}")
    st.caption("Routes with the other filters: " + " · ".join(parts))


def _widget(item: Filter, member_state_names: dict[str, str], world_names: dict[str, str]) -> None:
    """One filter's widget; its value (a code, never a label) lives under key(item.name)."""
    label, help_text, widget_key = item.label, item.doc.replace("`", ""), key(item.name)
    if item.kind == "member_state":
        st.multiselect(label, sorted(member_state_names, key=member_state_names.get), key=widget_key,
                       format_func=member_state_names.get, placeholder="All 27 member states",
                       help="Empty means all 27. The × in the box clears the selection in one click.")
    elif item.kind == "country":
        st.selectbox(label, list(world_names), index=None, key=widget_key, format_func=lambda code: world_names.get(code, code),
                     placeholder="Any nationality", help=help_text)
    elif item.widget == "multiselect":
        st.multiselect(label, list(item.choices), key=widget_key, format_func=item.choices.get, placeholder="Any", help=help_text)
    elif item.widget == "pills":
        st.pills(label, list(item.choices), selection_mode="multi", key=widget_key, format_func=item.choices.get, help=help_text)
    elif item.widget == "segmented":
        st.segmented_control(label, list(item.choices), key=widget_key, format_func=item.choices.get, help=help_text,
                             required=item.default is not None)
    elif item.widget == "selectbox":
        st.selectbox(label, list(item.choices), index=None, key=widget_key, format_func=item.choices.get, placeholder="Any",
                     help=help_text)
    elif item.widget == "checkbox":
        st.checkbox(next(iter(item.choices.values())), key=widget_key, help=help_text)
    elif item.widget == "number":
        st.number_input(label, min_value=0, max_value=item.maximum, step=1000, value=None, key=widget_key,
                        placeholder="Any salary", help=help_text)
    elif item.widget == "text":
        st.text_input("Search name, summary, legal basis", key=widget_key, placeholder="e.g. nurse, § 18, saisonnier",
                      help=help_text)


def _group(title: str, filters: FilterSet, items: list[Filter], draw) -> None:
    """A collapsible group of filters, open when one of them is set. Its widgets are built only
    while it is open, which keeps the first page load light; closed, its values live in the view."""
    names = tuple(item.name for item in items)
    active = sum(name in filters.active() for name in names)
    group = st.expander(f"{title} ({active} set)" if active else title, expanded=bool(active),
                        key=f"group_{names[0]}", on_change="rerun")
    if group.open:
        with group:
            seed_widgets(filters, names)
            for item in items:
                draw(item)


def filter_sidebar(dataset: Dataset, world_names: dict[str, str]) -> None:
    """Draw the filters; their values are read back with ui.viewstate.filters_from_widgets().

    The main filters of the reference tool (member state, language, quota, income), the status and
    the search are always shown; the rest sit in groups that open when one of their filters is set.
    """
    current = filters_from_widgets()
    names = dict(zip(dataset.member_states.index, dataset.member_states["name"]))

    def draw(item: Filter) -> None:
        _widget(item, names, world_names)
        if item.name in COUNTED:
            _counts_caption(dataset, current, item)

    with st.sidebar:
        st.header("Filters")
        st.button("Clear all filters", on_click=clear_filters, disabled=current.is_default(), width="stretch",
                  icon=":material/filter_alt_off:")
        groups: dict[str, list[Filter]] = {}
        searched = [item for item in FILTERS if item.widget == "text"]
        for item in searched:
            draw(item)
        for item in FILTERS:
            if item.widget in ("text", "unknown"):
                continue  # the search is drawn first; unknown inclusion sits beside the headline
            if item.group:
                groups.setdefault(item.group, []).append(item)
            else:
                draw(item)
        for title, items in groups.items():
            _group(title, current, items, draw)


def unknown_inclusion(dropped: dict[str, int], filters: FilterSet) -> None:
    """Beside the headline: for each active filter that leaves out routes whose value is unknown,
    how many it left out (`dropped`: explorer.filters.unknown_dropped), and a box that includes them
    (the link's `unknown=` parameter)."""
    for name, item in UNKNOWN_CAPABLE.items():
        included = name in filters.unknown
        if name not in filters.active() or not (included or dropped.get(name)):
            continue
        label = (f"Routes with {item.unknown_phrase} are included (untick to leave them out)" if included else
                 f"{count_of(dropped[name], 'route')} with {item.unknown_phrase} {'is' if dropped[name] == 1 else 'are'} "
                 "not shown: include them")
        st.checkbox(label, key=unknown_key(name),
                    help=f"The “{item.label}” filter cannot tell whether these routes match: the data says unknown.")
