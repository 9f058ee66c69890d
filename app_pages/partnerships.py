"""Talent and skills-mobility partnerships on a world map (`?partner=BD&member_state=DE&kind=...`)."""

from functools import partial

import streamlit as st

from explorer.datafiles import FILE_PREFIX, partnerships_csv, view_link
from explorer.excel import XLSX_MIME, partnerships_workbook
from explorer.filters import FilterSet, apply_filters
from explorer.package import REFERENCE_DATE
from explorer.partnership_map import partnership_deck, partnership_figure
from explorer.partnerships import (KIND_COLOURS, PARTNERSHIP_FILTERS, PartnershipFilters, apply_partnership_filters, arcs,
                                   describe_partnership_filters, parse_partnership_query, partnership_query,
                                   split)
from explorer.summaries import count_of
from explorer.urlstate import Display
from explorer.vocabulary import label, labels, place_name
from ui.data import app_root, dataset_or_stop, notice_bar
from ui.exports import figure_downloads
from ui.text import link, plain

dataset = dataset_or_stop()
partnerships = dataset.partnerships
member_states = dataset.member_states.index
here = app_root()
PREFIX = "partnership_"

st.title("Talent and skills-mobility partnerships")
notice_bar("Who works with whom: EU Talent Partnerships, EU-funded pilot projects, bilateral agreements and national "
           "programmes, each with its source.")

# The address decides when the page is opened from a link or the address changed since the page
# wrote it; then the widgets decide and the address follows. A click on the map sets the partner
# country (or member state) before the widgets are drawn.
requested = {name: st.query_params.get_all(name) for name in st.query_params}
signature = tuple(sorted((name, tuple(values)) for name, values in requested.items()))
if st.session_state.get(PREFIX + "written") != signature:
    filters, notices = parse_partnership_query(requested, member_states)
    for item in PARTNERSHIP_FILTERS:
        value = getattr(filters, item.name)
        st.session_state[PREFIX + item.name] = list(value) if item.repeatable else value
    for notice in notices:
        st.warning(f"Link: {notice}")
clicked = st.session_state.pop(PREFIX + "clicked", None)
if clicked in member_states:
    st.session_state[PREFIX + "member_state"] = [clicked]
elif clicked:
    st.session_state[PREFIX + "partner"] = clicked

partner_codes = sorted({code for cell in partnerships["partner_countries"] for code in split(cell)}, key=place_name)
columns = st.columns([2, 2, 2, 2, 2])
options = {"partner": partner_codes, "member_state": sorted(member_states, key=place_name)}
for column, item in zip(columns, PARTNERSHIP_FILTERS):
    key = PREFIX + item.name
    if item.repeatable:
        choices = options.get(item.name, list(item.choices))
        column.multiselect(item.label, choices, key=key, format_func=lambda code, item=item: item.choices.get(code) or place_name(code),
                           help=item.doc.replace("`", ""), placeholder="Any")
    else:
        if st.session_state.get(key) not in options[item.name]:
            st.session_state[key] = None
        column.selectbox(item.label, options[item.name], key=key, format_func=place_name, index=None, placeholder="Any",
                         help=item.doc.replace("`", ""))
chosen = {item.name: (tuple(st.session_state[PREFIX + item.name]) if item.repeatable else st.session_state[PREFIX + item.name])
          for item in PARTNERSHIP_FILTERS}
filters = PartnershipFilters(**{name: value for name, value in chosen.items() if value})
query = partnership_query(filters)
st.session_state[PREFIX + "written"] = tuple(sorted((name, tuple(value) if isinstance(value, list) else (value,))
                                                    for name, value in query.items()))
if signature != st.session_state[PREFIX + "written"]:
    st.query_params.from_dict(query)

shown = apply_partnership_filters(partnerships, filters)
lines = arcs(shown)
st.markdown(f"## {len(shown)} of {count_of(len(partnerships), 'partnership')} match")
st.caption("Filters: " + plain("; ".join(describe_partnership_filters(filters))))

legend = " · ".join(f"<span style='display:inline-block;width:12px;height:12px;background:rgb{KIND_COLOURS[code]};"
                    f"vertical-align:middle'></span> {label('partnership_kind', code)}" for code in labels("partnership_kind"))
st.html(f"<div style='font-size:0.9rem'>Arcs from partner country to member state, by kind: {legend}. "
        "Wider: more programmes. Countries: blue, member states; orange, partner countries in the data.</div>")
event = st.pydeck_chart(partnership_deck(lines), on_select="rerun", selection_mode="single-object", key=PREFIX + "map",
                        height=520, alt="World map of the partnerships shown: arcs from partner countries to member states. "
                                        "The table below lists the same partnerships.")
picked = [item.get("properties", {}).get("iso2") for item in (event.selection.objects.get("countries", []) if event else [])]
if picked and picked[0] and picked[0] not in (filters.partner, *filters.member_state):
    st.session_state[PREFIX + "clicked"] = picked[0]
    st.rerun()
st.caption("Click a country to select it. Hover an arc for its programmes.")

if filters.partner:
    partner = filters.partner
    st.header(f"{place_name(partner)}: partnerships and legal routes", anchor=False)
    for record in shown.itertuples():
        period = " to ".join(part for part in (record.start, record.end) if part) or "dates not found"
        members = ", ".join(place_name(code) for code in split(record.member_states)) or "no member state named"
        st.markdown(f"- **{plain(record.name)}** ({plain(label('partnership_kind', record.kind))}; {plain(members)}; "
                    f"{plain(period)}; on 1 February 2024: {plain(label('partnership_status', record.status_at_reference))}) "
                    + link("source", record.source_url))
    sectors = sorted({code for cell in shown["sectors"] for code in split(cell)})
    st.markdown("**Sectors targeted:** " + (plain("; ".join(label("sectors", code) for code in sectors)) or "not stated"))
    involved = sorted({code for cell in shown["member_states"] for code in split(cell)}, key=place_name)
    st.subheader(f"Legal routes open to nationals of {place_name(partner)}", anchor=False)
    st.caption("Routes in force on 1 February 2024 that are open to all nationals or list this country (the Explore "
               "page's nationality rule), in the member states these partnerships involve.")
    for code in involved:
        routes = apply_filters(dataset.pathways, FilterSet(member_state=(code,), nationality=partner))
        if code not in dataset.curated:
            st.markdown(f"**{place_name(code)}:** not yet in the dataset.")
            continue
        names = " · ".join(link(row.name, f"{here}country?member_state={code}&record={row.id}") for row in routes.itertuples())
        every = view_link(FilterSet(member_state=(code,), nationality=partner), Display(view="table"), here)
        st.markdown(f"**{place_name(code)}** ({link(count_of(len(routes), 'route'), every)}): {names or 'none'}")

st.header("Partnerships shown", anchor=False)
table = shown.assign(
    kind=shown["kind"].map(lambda code: label("partnership_kind", code)),
    partner_countries=shown["partner_countries"].map(lambda cell: ", ".join(place_name(code) for code in split(cell))),
    member_states=shown["member_states"].map(lambda cell: ", ".join(place_name(code) for code in split(cell))),
    status_at_reference=shown["status_at_reference"].map(lambda code: label("partnership_status", code)),
    status_today=shown["status_today"].map(lambda code: label("partnership_status", code)),
    confidence=shown["confidence"].map(lambda code: label("confidence", code)),
)[["name", "kind", "partner_countries", "member_states", "status_at_reference", "status_today", "start", "end", "budget",
   "confidence", "source_url"]]
st.dataframe(table, hide_index=True, key=PREFIX + "table", placeholder="—", column_config={
    "name": st.column_config.TextColumn("Partnership", width="large"), "kind": "Kind", "partner_countries": "Partner countries",
    "member_states": "Member states", "status_at_reference": "Status on 1 Feb 2024", "status_today": "Status today",
    "start": "Start", "end": "End", "budget": "Budget (as stated)", "confidence": "Confidence",
    "source_url": st.column_config.LinkColumn("Source", display_text="source ↗"),
})

stem = f"{FILE_PREFIX}_partnerships_ref-{REFERENCE_DATE}"
buttons = st.container(horizontal=True)
buttons.download_button(f"Download CSV ({count_of(len(shown), 'row')})", partial(partnerships_csv, shown), file_name=f"{stem}.csv",
                        mime="text/csv", on_click="ignore", icon=":material/download:", help="The data: codes, lists separated by ;")
buttons.download_button(f"Download Excel ({count_of(len(shown), 'row')})",
                        partial(partnerships_workbook, shown, describe_partnership_filters(filters)), file_name=f"{stem}.xlsx",
                        mime=XLSX_MIME, on_click="ignore", icon=":material/table_view:", help="In words, with the filters and the licence")
downloads = st.expander("Download the map (PNG, SVG, HTML)", key=PREFIX + "downloads", on_change="rerun")
if downloads.open:  # built on demand
    with downloads:
        st.caption("pydeck cannot save an image offline: the download draws the same arcs with plotly.")
        figure_downloads(partnership_figure(lines, "Partnerships: partner countries and member states"), "Partnerships",
                         describe_partnership_filters(filters), f"{stem}_map", PREFIX + "figure")
