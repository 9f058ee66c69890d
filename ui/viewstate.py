"""The Explore page's filters as widgets, kept in step with the URL.

The URL is parsed and written by explorer.urlstate (the same rules as the CLI); this module only
moves values between the URL, the widgets and a copy kept in the session, so that a view survives
a visit to another page.
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from explorer.filters import FilterState
from explorer.urlstate import VIEWS, Display, parse_query, to_query

_SAVED = "explore_view"
_SIGNATURE = "explore_url_signature"
_NOTICES = "explore_url_notices"
QUOTA_OPTIONS = {"any": None, "no": "no", "yes": "yes"}


def key(name: str) -> str:
    return f"filter_{name}"


def _signature(query) -> tuple:
    return tuple(sorted((name, tuple(value) if isinstance(value, list) else (value,)) for name, value in query.items()))


def _widget_values(state: FilterState) -> dict[str, object]:
    """Each filter as its widget holds it."""
    values = {}
    for field in fields(state):
        value = getattr(state, field.name)
        if field.name == "quota":
            value = next(option for option, meaning in QUOTA_OPTIONS.items() if meaning == value)
        elif field.name in ("without_threshold", "lmt", "job_offer"):
            value = value is not None
        elif isinstance(value, tuple):
            value = list(value)
        values[field.name] = value
    return values


def _to_widgets(state: FilterState, display: Display) -> None:
    for name, value in _widget_values(state).items():
        st.session_state[key(name)] = value
    st.session_state["metric"] = display.metric
    st.session_state["view"] = VIEWS[display.view]


def seed_widgets(state: FilterState, names: tuple[str, ...]) -> None:
    """Give widgets that are drawn again (a filter group reopened) their values back."""
    widget_values = _widget_values(state)
    for name in names:
        st.session_state.setdefault(key(name), widget_values[name])


def clear_filters() -> None:
    """Button callback: every filter back to its default (the URL follows at the end of the run)."""
    _to_widgets(FilterState(), display_from_widgets())


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


def state_from_widgets() -> FilterState:
    """The filters as the widgets hold them. A widget inside a closed filter group is not drawn, and
    Streamlit drops its value; the value saved with the view is used instead, so nothing is lost."""
    saved_state = st.session_state.get(_SAVED, (FilterState(), None))[0]
    values = {}
    for field in fields(FilterState):
        if key(field.name) not in st.session_state:
            values[field.name] = getattr(saved_state, field.name)
            continue
        value = st.session_state[key(field.name)]
        if field.name == "quota":
            value = QUOTA_OPTIONS.get(value or "any")
        elif field.name == "without_threshold":
            value = "exclude" if value else None
        elif field.name in ("lmt", "job_offer"):
            value = "no" if value else None
        elif field.name == "max_salary":
            value = int(value) if value is not None else None
        elif field.name == "q":
            value = value or ""
        elif isinstance(field.default, tuple):
            value = tuple(value or ())
        values[field.name] = value
    return FilterState(**values)


def load_view(member_states) -> list[str]:
    """Put the URL's view into the widgets when the URL changed; return notices about the link."""
    query = {name: st.query_params.get_all(name) for name in st.query_params}
    widgets_present = key("member_state") in st.session_state
    if _signature(query) == st.session_state.get(_SIGNATURE) and widgets_present:
        return st.session_state.get(_NOTICES, [])
    if not query and _SAVED in st.session_state:
        # Back from another page: the URL is bare, the session still has the user's view.
        state, display = st.session_state[_SAVED]
        notices: list[str] = []
    else:
        state, display, notices = parse_query(query, member_states)
    _to_widgets(state, display)
    st.session_state[_NOTICES] = notices
    return notices


def save_view(state: FilterState, display: Display) -> None:
    """Write the view to the URL (so the address bar is always a link to it) and to the session."""
    st.session_state[_SAVED] = (state, display)
    query = to_query(state, display)
    if _signature(query) != _signature({name: st.query_params.get_all(name) for name in st.query_params}):
        st.query_params.from_dict(query)
    st.session_state[_SIGNATURE] = _signature(query)
