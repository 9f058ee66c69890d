"""Explore: filter the pathways and see them as a map, a table or charts; export what is shown.

Only the open view is built (st.tabs with state tracking), so the map view does not pay for the
table's data grid or the charts.
"""

from functools import partial

import streamlit as st

from explorer.compare import MAX_COMPARED, MIN_COMPARED
from explorer.datafiles import csv_bytes, data_package_zip, file_stem, view_link
from explorer.excel import XLSX_MIME, workbook_bytes
from explorer import views
from explorer.figures import categories_by_state, salary_thresholds
from explorer.filters import describe_filters, salary_marks
from explorer.geo import PLOTLY_CONFIG
from explorer.summaries import count_of
from explorer.urlstate import METRICS, VIEWS
from explorer.vocabulary import place_name
from ui.data import app_root, dataset_or_stop, notice_bar, world_names
from ui.exports import figure_downloads, link_to_this
from ui.records import pathway_table, ranking_table, record_details
from ui.sidebar import filter_sidebar, unknown_inclusion
from ui.text import plain
from ui.viewstate import display_from_widgets, filters_from_widgets, keep_metric, load_view, save_view

dataset = dataset_or_stop()
pathways = dataset.pathways
notices = load_view(dataset.member_states.index)

st.title("Labour-migration pathways in the EU")
# The notice and the coverage in one caption: with a compact top, the headline and the map show on a
# 1280x720 screen without scrolling.
notice_bar(dataset.coverage)
for notice in notices:
    st.warning(f"Link: {notice}")

# Filters are read from the session before their widgets are drawn (in the sidebar, below), so the
# map, the slowest element to draw, reaches the browser first.
filters = filters_from_widgets()
matching = views.matching(dataset, filters)  # shared by every session with these filters: never modified

st.markdown(f"## {views.headline_text(dataset, filters)}")
st.caption("Filters: " + plain("; ".join(describe_filters(filters))))
unknown_inclusion(views.dropped_as_unknown(dataset, filters), filters)
if MIN_COMPARED <= len(filters.member_state) <= MAX_COMPARED:
    st.page_link("app_pages/compare.py", label=f"Compare {', '.join(map(place_name, filters.member_state))} side by side",
                 icon=":material/compare_arrows:", query_params={"member_state": list(filters.member_state)})
if filters.max_salary is not None:
    marks = salary_marks(matching, filters.max_salary).value_counts()
    reduced, untested = int(marks.get("reduced_only", 0)), int(marks.get("no_threshold", 0))
    if reduced:
        st.info(f"{count_of(reduced, 'matching route')} {'reaches' if reduced == 1 else 'reach'} only a reduced threshold "
                "(for example for shortage occupations or young graduates: conditions apply); marked in the table.")
    if untested:
        st.info(f"{count_of(untested, 'matching route')} {'has' if untested == 1 else 'have'} no fixed salary threshold, so "
                "the salary filter cannot test them; they are kept and marked in the table. Tick “Exclude routes without "
                "a fixed threshold” to drop them.")

map_tab, table_tab, charts_tab = st.tabs(list(VIEWS.values()), key="view", on_change="rerun")
display = display_from_widgets()
here = app_root()  # Explore is the default page: its links open the app's root, never /explore
link = view_link(filters, display, here)
if map_tab.open:
    with map_tab:
        keep_metric(display)
        metric = st.session_state["metric"] or display.metric
        map_column, ranking_column = st.columns([3, 2])
        map_figure = views.map_figure(dataset, filters, metric)
        # The map is sent first (its chart code is the largest the browser loads); the metric's selector
        # is drawn after it, beside the map, above its ranking.
        with map_column:
            event = st.plotly_chart(map_figure, key="map", on_select="rerun", selection_mode="points", config=PLOTLY_CONFIG, theme=None,
                                    alt=f"Map of the EU member states: {METRICS[metric]}. The table after it lists the same values.")
            st.caption("Click a member state to open its country profile.")
        clicked = [point.get("location") for point in (event.selection.points if event else []) if point.get("location")]
        if clicked:
            st.switch_page("app_pages/country.py", query_params={"member_state": clicked[0]})
        with ranking_column:
            st.selectbox("Colour the map by", list(METRICS), key="metric", format_func=METRICS.get)
            ranking_table(views.ranked(dataset, filters, metric), metric)
        downloads = st.expander("Download this map (PNG, SVG, HTML)", key="map_downloads", on_change="rerun")
        if downloads.open:  # built on demand: the first view of the page stays light
            with downloads:
                figure_downloads(map_figure, f"{METRICS[metric]} per member state", filters, file_stem(filters, f"map-{metric}"), "map")

if table_tab.open:
    with table_tab:
        marks = salary_marks(matching, filters.max_salary) if filters.max_salary is not None else None
        selected = pathway_table(matching, key="results", salary_marks=marks)
        if selected is not None:
            with st.container(border=True):
                record_details(selected)
        else:
            st.caption("Select a row to see the whole record with its source.")

if charts_tab.open:
    with charts_tab:
        for key, title, build in (("by_category", "Matching pathways by category", categories_by_state),
                                  ("salary", "Salary thresholds of matching pathways (EUR gross per year)", salary_thresholds)):
            figure = build(matching)
            st.plotly_chart(figure, config=PLOTLY_CONFIG, key=f"chart_{key}", theme=None)
            figure_downloads(figure, title, filters, file_stem(filters, key.replace("_", "-")), key)

# The downloads come after the views: on a 1280x720 projector the map then starts high on the screen.
# One row of buttons as wide as their labels (wrapping on a phone), never cut short like in equal columns.
csv_column = excel_column = zip_column = st.container(horizontal=True)
csv_column.download_button(f"Download CSV ({count_of(len(matching), 'row')})", partial(csv_bytes, matching),
                           file_name=f"{file_stem(filters)}.csv", mime="text/csv", on_click="ignore",
                           icon=":material/download:", width="stretch", help="The data contract: codes, as in the data package")

excel_column.download_button(f"Download Excel ({count_of(len(matching), 'row')})",
                             partial(workbook_bytes, matching, filters, link, dataset.regions), file_name=f"{file_stem(filters)}.xlsx",
                             mime=XLSX_MIME, on_click="ignore", icon=":material/table_view:", width="stretch",
                             help="In words (labels, not codes), with the codebook and the filters, citation and licence")
zip_column.download_button(f"Download data package ({count_of(len(matching), 'row')}, zip)",
                           partial(data_package_zip, matching, filters, link), file_name=f"{file_stem(filters)}.zip",
                           mime="application/zip", on_click="ignore", icon=":material/folder_zip:", width="stretch")


filter_sidebar(dataset, world_names())
shown = display_from_widgets()  # after the widgets of the open view have run
save_view(filters, shown)
link_to_this("view", view_link(filters, shown, here))
