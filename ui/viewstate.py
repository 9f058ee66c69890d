"""The Explore page's filters as widgets, kept in step with the URL.

The URL is parsed and written by explorer.urlstate (the same rules as the CLI); this module only
moves values between the URL, the widgets and a copy kept in the session, so that a view survives
a visit to another page. Widget values are always the codes of explorer.filters.FILTERS: labels
are a display concern only (Streamlit identifies a multiselect's value by its label, so a label
that changed between two runs would come back as a value).
"""

from __future__ import annotations

import streamlit as st

from explorer.filters import FILTERS, UNKNOWN_CAPABLE, Filter, FilterSet
from explorer.urlstate import VIEWS, Display, parse_query, to_query

_SAVED = "explore_view"
_SIGNATURE = "explore_url_signature"
_LINK = "explore_link"  # (signature of the link the page was opened with, its notices)


def key(name: str) -> str:
    return f"filter_{name}"


def unknown_key(name: str) -> str:
    """The checkbox that includes routes whose value is unknown for filter `name`."""
    return f"filter_unknown_{name}"


def _signature(query) -> tuple:
    return tuple(sorted((name, tuple(value) if isinstance(value, list) else (value,)) for name, value in query.items()))


def widget_value(item: Filter, value: object) -> object:
    """A filter's value as its widget holds it."""
    if item.repeatable:
        return list(value)
    if item.kind == "flag":
        return value is not None
    return value


def filter_value(item: Filter, shown: object) -> object:
    """A filter's value from what its widget holds."""
    if item.repeatable:
        return tuple(shown or ())
    if item.kind == "flag":
        return next(iter(item.choices)) if shown else None
    if item.kind == "number":
        return int(shown) if shown is not None else None
    if shown is None or shown == "":
        return item.default
    return shown


def _to_widgets(filters: FilterSet, display: Display) -> None:
    for item in FILTERS:
        if item.name == "unknown":
            for name in UNKNOWN_CAPABLE:
                st.session_state[unknown_key(name)] = name in filters.unknown
        else:
            st.session_state[key(item.name)] = widget_value(item, getattr(filters, item.name))
    st.session_state["metric"] = display.metric
    st.session_state["view"] = VIEWS[display.view]


def seed_widgets(filters: FilterSet, names: tuple[str, ...]) -> None:
    """Give widgets that are drawn again (a filter group reopened) their values back."""
    for item in FILTERS:
        if item.name in names:
            st.session_state.setdefault(key(item.name), widget_value(item, getattr(filters, item.name)))


def clear_filters() -> None:
    """Button callback: every filter back to its default (the URL follows at the end of the run)."""
    _to_widgets(FilterSet(), display_from_widgets())


def display_from_widgets() -> Display:
    """The display as the widgets hold it. The metric's widget exists only while the map view is
    open, so otherwise the metric saved with the view is kept (nothing is lost by visiting a tab)."""
    label = st.session_state.get("view")
    view = next((name for name, shown in VIEWS.items() if shown == label), Display.view)
    saved = st.session_state.get(_SAVED, (None, Display()))[1]
    return Display(metric=st.session_state.get("metric") or saved.metric, view=view)


def keep_metric(display: Display) -> None:
    """Give the metric's widget its value back when the map view opens again."""
    st.session_state.setdefault("metric", display.metric)


def filters_from_widgets() -> FilterSet:
    """The filters as the widgets hold them. A widget inside a closed filter group is not drawn, and
    Streamlit drops its value; the value saved with the view is used instead, so nothing is lost."""
    saved = st.session_state.get(_SAVED, (FilterSet(), None))[0]
    values = {}
    for item in FILTERS:
        if item.name == "unknown":
            continue
        if key(item.name) in st.session_state:
            values[item.name] = filter_value(item, st.session_state[key(item.name)])
        else:
            values[item.name] = getattr(saved, item.name)
    # Including unknown values means something only while their filter is set.
    values["unknown"] = tuple(name for name in UNKNOWN_CAPABLE if values[name] not in (None, ())
                              and st.session_state.get(unknown_key(name), name in saved.unknown))
    return FilterSet(**values)


def load_view(member_states) -> list[str]:
    """Put the URL's view into the widgets when the URL changed; return notices about the link,
    which last only while the view is the one the link opened."""
    query = {name: st.query_params.get_all(name) for name in st.query_params}
    signature = _signature(query)
    widgets_present = key("member_state") in st.session_state
    if signature != st.session_state.get(_SIGNATURE) or not widgets_present:
        if not query and _SAVED in st.session_state:
            # Back from another page: the URL is bare, the session still has the user's view.
            filters, display = st.session_state[_SAVED]
            notices: list[str] = []
        else:
            filters, display, notices = parse_query(query, member_states)
        _to_widgets(filters, display)
        st.session_state[_LINK] = (_signature(to_query(filters, display)), notices)
    link_signature, notices = st.session_state.get(_LINK, ((), []))
    return notices if link_signature == _signature(to_query(filters_from_widgets(), display_from_widgets())) else []


def save_view(filters: FilterSet, display: Display) -> None:
    """Write the view to the URL (so the address bar is always a link to it) and to the session."""
    st.session_state[_SAVED] = (filters, display)
    query = to_query(filters, display)
    if _signature(query) != _signature({name: st.query_params.get_all(name) for name in st.query_params}):
        st.query_params.from_dict(query)
    st.session_state[_SIGNATURE] = _signature(query)
