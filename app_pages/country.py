"""Country profile: one member state's summary, key figures and pathways (`?member_state=DE`)."""

from functools import partial

import streamlit as st

from explorer.compare import MAX_COMPARED
from explorer.partnerships import of_member_state
from explorer.datafiles import csv_bytes, file_stem, view_link
from explorer.factsheet import PDF_MIME, factsheet_pdf, factsheet_problem
from explorer.factsheet import file_name as factsheet_file_name
from explorer.excel import XLSX_MIME, workbook_bytes
from explorer.filters import IN_FORCE, FilterSet
from explorer.vocabulary import label, place_name
from explorer.reference import normalise_member_state
from explorer.urlstate import shown_value
from explorer.summaries import count_of, country_figures
from ui.data import app_root, dataset_or_stop, notice_bar
from ui.records import pathway_table, print_table, record_details
from ui.text import link, plain

dataset = dataset_or_stop()
states = dataset.member_states
names = dict(zip(states.index, states["name"]))

title_slot = st.empty()  # the title goes above the selector, once the member state is known
requested = st.query_params.get("member_state")
iso2 = normalise_member_state(requested, states.index) if requested else None
if requested and iso2 is None:
    st.warning(f"Link: `member_state={shown_value(requested)}` is not an EU member state code; choose one below.")

chosen = st.selectbox("Choose a member state", sorted(names, key=names.get), index=sorted(names, key=names.get).index(iso2) if iso2 else None,
                      format_func=names.get, placeholder="Choose a member state")
if chosen is None:
    title_slot.title("Country profile")
    notice_bar()
    st.info("Choose a member state, or click one on the Explore map.")
    st.stop()
if st.query_params.get("member_state") != chosen:
    st.query_params["member_state"] = chosen

state = states.loc[chosen]
title_slot.title(state["name"])
notice_bar()

header = dataset.headers.get(chosen)
own = dataset.pathways[dataset.pathways["member_state"] == chosen]
if header is None:
    st.info(f"{state['name']} is not yet in the dataset: no route has been curated for it so far, which does not "
            f"mean it has none. {dataset.coverage}")
else:
    st.markdown(plain(header.summary))
    meta = st.columns(2)
    meta[0].markdown(f"**Deciding authority:** {plain(header.deciding_authority)}")
    meta[1].link_button("National immigration portal ↗", header.immigration_portal)
    if header.partnerships:
        st.markdown("**Talent and skills-mobility partnerships**")
        for partnership in header.partnerships:
            partners = ", ".join(place_name(code) for code in partnership.partner_countries) or "—"
            st.markdown(f"- **{plain(partnership.name)}** ({plain(partners)}): {plain(partnership.note)} "
                        + link("source", partnership.source_url))
    listed = of_member_state(dataset.partnerships, chosen)
    if not listed.empty:
        st.markdown(f"**In the partnerships data ({len(listed)}):** " + " · ".join(
            f"{plain(row.name)} ({plain(label('partnership_kind', row.kind))})" for row in listed.itertuples()))
        st.page_link("app_pages/partnerships.py", label=f"{state['name']}'s partnerships on the world map",
                     icon=":material/handshake:", query_params={"member_state": chosen})
    st.markdown(f"**Sources of this summary ({len(header.sources)})**\n\n" + "\n".join(
        f"{number}. {link(source.title, source.url)}, {plain(source.publisher)}, {plain(source.date or 'undated')}"
        for number, source in enumerate(header.sources, start=1)))

with st.container(key="screen-only"):
    actions = st.columns(2)
    with actions[0]:
        others = [code for code in sorted(names, key=names.get) if code != chosen]
        with_whom = st.multiselect(f"Compare {state['name']} with…", others, key="compare_with", format_func=names.get,
                                   max_selections=MAX_COMPARED - 1, placeholder="Choose up to three member states")
        if with_whom:
            st.page_link("app_pages/compare.py", label=f"Compare {', '.join([state['name'], *(names[code] for code in with_whom)])}",
                         icon=":material/compare_arrows:", query_params={"member_state": [chosen, *with_whom]})
    if header is not None:
        problem = factsheet_problem()
        actions[1].download_button("Fact sheet (PDF, A4)", partial(factsheet_pdf, dataset, chosen),
                                   file_name=factsheet_file_name(chosen, dataset), mime=PDF_MIME, on_click="ignore",
                                   icon=":material/picture_as_pdf:", disabled=problem is not None,
                                   help=problem or "Key figures, every route in force with its conditions, partnerships and "
                                                   "numbered sources on one sheet (front and back)")

linked_record = st.query_params.get("record")
if linked_record:
    match = own[own["id"] == linked_record]
    if match.empty:
        st.warning(f"Link: `record={shown_value(linked_record)}` is not a route of {state['name']} in the dataset.")
    else:
        with st.container(border=True):
            st.caption("The route this link points to:")
            record_details(match.iloc[0])

if not own.empty:
    figures = country_figures(dataset.pathways, chosen, states, dataset.exchange_rates, dataset.regions)
    cols = st.columns(4)
    cols[0].metric("Routes in force on the reference date", figures["pathways"])
    cols[1].metric("Under a quota", figures["under_quota"],
                   help=f"{figures['quota_unknown']} route(s) with an unknown quota are not counted" if figures["quota_unknown"] else None)
    cols[2].metric("No language requirement", figures["no_language"])
    cols[3].metric("EU Blue Card threshold (EUR/year)", figures["blue_card_shown"])
    if figures["blue_card_eur"] is None or "(" in figures["blue_card"]:
        cols[3].caption(plain(figures["blue_card"]))
    st.markdown(f"**Lowest threshold among employment routes:** {plain(figures['lowest_threshold'])}  \n"
                f"**Highest threshold among employment routes:** {plain(figures['highest_threshold'])}")
    st.markdown("**Routes by category:** " + plain(", ".join(f"{label('category', name)} {count}" for name, count in figures["by_category"].items())))

    in_force = own[own["status"].isin(IN_FORCE)]
    st.header("Routes in force on the reference date", anchor=False)
    if in_force["region"].notna().any():
        # Regional rules: national routes first, then each region's, so the table reads by region.
        in_force = in_force.assign(_order=in_force["region"].fillna("")).sort_values(["_order", "id"]).drop(columns="_order")
        per_region = in_force["region"].map(lambda code: dataset.regions.get(code, code) if isinstance(code, str) else "national")
        st.caption(f"{state['name']} sets some conditions by region: "
                   + plain(", ".join(f"{name} {count}" for name, count in per_region.value_counts(sort=False).items())))
    selected = pathway_table(in_force, key="country_table")
    with st.container(key="print-only"):  # the data grid prints only the rows in view: the whole table, for print
        st.markdown(print_table(in_force, dataset.regions))
    if selected is not None:
        with st.container(border=True):
            record_details(selected)
    country_view = FilterSet(member_state=(chosen,))
    csv_column, excel_column = st.columns(2)
    csv_column.download_button(f"Download CSV ({count_of(len(in_force), 'row')})", csv_bytes(in_force),
                               file_name=f"{file_stem(country_view)}.csv", mime="text/csv", on_click="ignore",
                               icon=":material/download:", width="stretch")
    excel_column.download_button(f"Download Excel ({count_of(len(in_force), 'row')})",
                                 partial(workbook_bytes, in_force, country_view,
                                         view_link(country_view, base_url=app_root()), dataset.regions),
                                 file_name=f"{file_stem(country_view)}.xlsx", mime=XLSX_MIME, on_click="ignore",
                                 icon=":material/table_view:", width="stretch")
    others = own[~own["status"].isin(IN_FORCE)]
    if not others.empty:
        st.header("Not in force on the reference date", anchor=False)
        st.caption("Routes introduced after 1 February 2024, or closed before it: not counted in the figures above.")
        selected_other = pathway_table(others, key="country_other_table")
        if selected_other is not None:
            with st.container(border=True):
                record_details(selected_other)
