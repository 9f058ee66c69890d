"""Explore: filter the pathways, see them on the map, in a table and in charts, export what is shown."""

import streamlit as st

from explorer.export import csv_bytes, data_package_zip, describe_filters, file_stem, view_link
from explorer.figures import categories_by_state, choropleth, salary_thresholds
from explorer.filters import apply_filters, without_threshold_mask
from explorer.summaries import headline, per_member_state
from explorer.urlstate import METRICS
from ui.data import dataset_or_stop, eu27, notice_bar, world_names
from ui.exports import figure_downloads
from ui.records import pathway_table, ranking_table, record_details
from ui.sidebar import filter_sidebar
from ui.text import plain
from ui.viewstate import load_view, metric_value, save_view, state_from_widgets

dataset = dataset_or_stop()
pathways = dataset.pathways
notices = load_view(dataset.member_states.index)

st.title("Labour-migration pathways in the EU")
notice_bar()
for notice in notices:
    st.warning(f"Link: {notice}")

filter_sidebar(pathways, dataset.member_states, world_names())
state = state_from_widgets()
matching = apply_filters(pathways, state)

st.markdown(f"### {headline(matching, len(pathways))}")
if describe_filters(state):
    st.caption("Filters: " + plain("; ".join(describe_filters(state))))

metric = st.segmented_control("Colour the map by", list(METRICS), key="metric", format_func=METRICS.get,
                              required=True) or metric_value()
save_view(state, metric)

per_state = per_member_state(matching, dataset.member_states)
map_figure = choropleth(per_state, eu27(), metric)
map_column, ranking_column = st.columns([3, 2])
with map_column:
    event = st.plotly_chart(map_figure, key="map", on_select="rerun", selection_mode="points",
                            config={"displaylogo": False, "scrollZoom": False})
    st.caption("Click a member state to open its country profile. Grey: no matching pathway.")
clicked = [point.get("location") for point in (event.selection.points if event else []) if point.get("location")]
if clicked:
    st.switch_page("pages/country.py", query_params={"member_state": clicked[0]})
with ranking_column:
    ranking_table(per_state, metric)

untestable = int(without_threshold_mask(matching).sum())
if state.max_salary is not None and untestable:
    st.info(f"{untestable} matching pathway(s) have no fixed salary threshold, so the salary filter cannot test them; "
            "they are kept and show an empty threshold. Tick “Exclude routes without a fixed threshold” to drop them.")

st.subheader("Matching pathways", anchor=False)
selected = pathway_table(matching, key="results")
if selected is not None:
    with st.container(border=True):
        record_details(selected)
else:
    st.caption("Select a row to see the whole record with its source.")

link = view_link(state, metric)
csv_column, zip_column = st.columns(2)
csv_column.download_button(f"Download CSV ({len(matching)} rows)", csv_bytes(matching), file_name=f"{file_stem(state)}.csv",
                           mime="text/csv", on_click="ignore", icon="⬇️", width="stretch")
zip_column.download_button(f"Download data package ({len(matching)} rows, zip)",
                           lambda: data_package_zip(matching, state, link), file_name=f"{file_stem(state)}.zip",
                           mime="application/zip", on_click="ignore", icon="📦", width="stretch")

st.subheader("Charts", anchor=False)
category_tab, salary_tab, map_tab = st.tabs(["By category", "Salary thresholds", "Map export"])
with category_tab:
    figure = categories_by_state(matching)
    st.plotly_chart(figure, config={"displaylogo": False})
    figure_downloads(figure, file_stem(state, "by-category"), "by_category")
with salary_tab:
    figure = salary_thresholds(matching)
    st.plotly_chart(figure, config={"displaylogo": False})
    figure_downloads(figure, file_stem(state, "salary-thresholds"), "salary")
with map_tab:
    figure_downloads(map_figure, file_stem(state, f"map-{metric}"), "map")

st.caption(f"Link to this view (the address bar holds it too): {plain(link)}")
