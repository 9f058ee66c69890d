"""Compare 2 to 4 member states side by side (`?member_state=NL&member_state=IE`)."""

from functools import partial

import streamlit as st

from explorer.compare import (KEY_FIGURES, MAX_COMPARED, MIN_COMPARED, compare_link, comparison_csv, comparison_workbook,
                              compared_member_states, figure_link, in_force, key_figures, route_matrix)
from explorer.datafiles import file_stem
from explorer.excel import XLSX_MIME
from explorer.figures import salary_thresholds
from explorer.filters import FilterSet
from explorer.geo import PLOTLY_CONFIG
from explorer.vocabulary import label, place_name
from ui.data import app_root, dataset_or_stop, notice_bar
from ui.exports import figure_downloads, link_to_this
from ui.text import link, plain

dataset = dataset_or_stop()
states = dataset.member_states
names = dict(zip(states.index, states["name"]))
here = app_root()

st.title("Compare member states")
notice_bar()

# The address decides when the page is opened from a link, or when the address changed since this
# page last wrote it; otherwise the multiselect does, and the address follows it.
requested = tuple(st.query_params.get_all("member_state"))
if st.session_state.get("compare_written") != requested or "compare_member_states" not in st.session_state:
    chosen, notices = compared_member_states(requested, states.index)
    st.session_state["compare_member_states"] = chosen
    st.session_state["compare_notices"] = (tuple(chosen), notices)
compared = st.multiselect(f"Member states to compare ({MIN_COMPARED} to {MAX_COMPARED})", sorted(names, key=names.get),
                          key="compare_member_states", format_func=names.get, max_selections=MAX_COMPARED,
                          placeholder="Choose member states")
linked, notices = st.session_state["compare_notices"]
if tuple(compared) == linked:  # the link's notices stay until the choice changes
    for notice in notices:
        st.warning(f"Link: {notice}")
if requested != tuple(compared):
    st.query_params["member_state"] = compared
st.session_state["compare_written"] = tuple(compared)
if len(compared) < MIN_COMPARED:
    st.info(f"Choose at least {MIN_COMPARED} member states (at most {MAX_COMPARED}) to compare them side by side.")
    st.stop()

missing = [names[iso2] for iso2 in compared if iso2 not in dataset.curated]
if missing:
    st.info(f"Not yet in the dataset: {', '.join(missing)}. Their columns stay empty; that does not mean they have no route.")

st.header("Key figures", anchor=False)
st.caption("Routes in force on 1 February 2024. Each figure links to the routes behind it on the Explore page. "
           "Thresholds are those of employment routes, in EUR per year at the reference rates.")
figures = key_figures(dataset, compared)
header = "| Key figure | " + " | ".join(plain(names[iso2]) for iso2 in compared) + " |"
lines = [header, "|---|" + "---|" * len(compared)]
for figure, row in zip(KEY_FIGURES, figures.itertuples(index=False)):
    cells = [link(value, figure_link(figure, iso2, here)) for iso2, value in zip(compared, row)]
    lines.append(f"| {figure.label} | " + " | ".join(cells) + " |")
st.markdown("\n".join(lines))

st.header("Route types", anchor=False)
st.caption("Which types of route exist where, with each route's name linking to its record.")
matrix = route_matrix(dataset, compared)
lines = ["| Route type | " + " | ".join(plain(names[iso2]) for iso2 in compared) + " |", "|---|" + "---|" * len(compared)]
for category, cells in matrix.items():
    shown = [" · ".join(link(name, f"{here}country?member_state={iso2}&record={record_id}") for record_id, name in cells[iso2]) or "—"
             for iso2 in compared]
    lines.append(f"| {label('category', category)} | " + " | ".join(shown) + " |")
st.markdown("\n".join(lines) if matrix else "No route in force in these member states.")

st.header("Salary thresholds", anchor=False)
compared_filters = FilterSet(member_state=tuple(compared))
chart = salary_thresholds(in_force(dataset, compared), title="Salary thresholds, routes in force (EUR gross per year)")
st.plotly_chart(chart, config=PLOTLY_CONFIG, key="compare_thresholds", theme=None)
stem = file_stem(compared_filters, "compare")
figure_downloads(chart, "Salary thresholds, routes in force (EUR gross per year)", compared_filters, f"{stem}_thresholds",
                 "compare_chart")

st.header("Summaries and partnerships", anchor=False)
for column, iso2 in zip(st.columns(len(compared)), compared):
    with column:
        st.subheader(names[iso2], anchor=False)
        country = dataset.headers.get(iso2)
        if country is None:
            st.caption("Not yet in the dataset.")
            continue
        st.markdown(plain(country.summary))
        st.markdown("**Partnerships:** " + ("; ".join(
            f"{plain(item.name)} ({plain(', '.join(place_name(code) for code in item.partner_countries) or '—')}) "
            + link("source", item.source_url) for item in country.partnerships) or "none recorded"))
        st.markdown("**Sources**\n\n" + "\n".join(
            f"{number}. {link(source.title, source.url)}, {plain(source.publisher)}"
            for number, source in enumerate(country.sources, start=1)))
        st.page_link("app_pages/country.py", label=f"Country profile of {names[iso2]}", query_params={"member_state": iso2},
                     icon=":material/flag:")

st.header("Download this comparison", anchor=False)
link_here = compare_link(compared, here)
buttons = st.container(horizontal=True)
buttons.download_button("Excel (key figures, route types, routes)", partial(comparison_workbook, dataset, compared, link_here),
                        file_name=f"{stem}.xlsx", mime=XLSX_MIME, on_click="ignore", icon=":material/table_view:")
buttons.download_button("CSV (key figures and route types)", partial(comparison_csv, dataset, compared),
                        file_name=f"{stem}.csv", mime="text/csv", on_click="ignore", icon=":material/download:")
link_to_this("comparison", link_here)
