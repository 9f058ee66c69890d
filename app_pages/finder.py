"""Finder: which routes fit this person? A short profile kept in the address; every route in scope
with its verdict and the reason for each condition (explorer/finder.py decides them all)."""

import textwrap
from functools import partial

import streamlit as st

from explorer.datafiles import FILE_PREFIX
from explorer.excel import XLSX_MIME
from explorer.figures import FIT_LABEL, fit_map
from explorer.filters import FilterSet
from explorer.finder import (CONDITION_VERDICTS, CONDITIONS, FITS, FITS_UNDER_CONDITIONS, CANNOT_TELL, JOB_OFFER, LEGAL_NOTE,
                             PERMANENT, QUALIFICATIONS, READY_MADE, Profile, assess, by_member_state, counts_in_words,
                             describe_profile, finder_link, fitting, language_codes, not_assessed, parse_profile,
                             profile_query, results_csv, results_workbook, state_breakdown, verdict_counts)
from explorer.geo import EU27_URL, PLOTLY_CONFIG
from explorer.package import REFERENCE_DATE
from explorer.schema import CEFR_LEVELS, NACE_SECTIONS
from explorer.summaries import count_of, per_member_state
from explorer.vocabulary import label, place_name
from ui.data import app_root, dataset_or_stop, notice_bar, world_names
from ui.exports import figure_downloads, link_to_this
from ui.text import link, plain

dataset = dataset_or_stop()
pathways = dataset.pathways
currencies = list(dataset.exchange_rates)
countries = world_names()
languages = language_codes()
here = app_root()
state = st.session_state
BADGE = {"fits": ":green-badge[Fits]", "fits_under_conditions": ":orange-badge[Fits under conditions]",
         "cannot_tell": ":blue-badge[Cannot tell]", "does_not_fit": ":red-badge[Does not fit]"}


def _signature(query) -> tuple:
    return tuple(sorted((name, tuple(value) if isinstance(value, list) else (value,)) for name, value in query.items()))


def _to_widgets(profile: Profile) -> None:
    state["finder_nationality"] = profile.nationality
    state["finder_qualification"] = profile.qualification
    state["finder_experience"] = profile.experience
    state["finder_sector"] = profile.sector
    state["finder_salary"] = profile.salary
    state["finder_currency"] = profile.currency
    state["finder_languages"] = [code for code, _ in profile.languages]
    for code, level in profile.languages:
        state[f"finder_level_{code}"] = level
    state["finder_job_offer"] = profile.job_offer
    state["finder_permanent"] = profile.permanent
    state["finder_all"] = profile.status == "all"


st.title("Which routes fit this person?")
notice_bar()
st.info(LEGAL_NOTE, icon=":material/gavel:")

# The address decides when the page is opened from a link, or when the address changed since this
# page last wrote it; otherwise the widgets decide, and the address follows them.
query = {name: st.query_params.get_all(name) for name in st.query_params}
if state.get("finder_written") != _signature(query) or "finder_qualification" not in state:
    if not query and "finder_saved" in state:  # back from another page: the session keeps the profile
        opened, notices = state["finder_saved"], []
    else:
        opened, notices = parse_profile(query, currencies)
    _to_widgets(opened)
    state["finder_link"] = (_signature(profile_query(opened)), notices)

st.markdown("**Ready-made profiles** (workshop examples; each link opens its profile in a new tab):\n\n" + "\n".join(
    f"- {link(title, finder_link(example, here))}" for title, example in READY_MADE.values()))

with st.container(border=True):
    st.markdown("**The person**")
    left, middle, right = st.columns(3)
    with left:
        st.selectbox("Nationality", list(countries), key="finder_nationality", format_func=countries.get, index=None,
                     placeholder="Choose a country")
        st.radio("Highest qualification", list(QUALIFICATIONS), key="finder_qualification", format_func=QUALIFICATIONS.get)
        st.number_input("Years of professional experience", min_value=0, max_value=60, step=1, key="finder_experience")
    with middle:
        st.selectbox("Sector of the job (optional)", list(NACE_SECTIONS), key="finder_sector", index=None,
                     format_func=lambda code: f"{code} {label('sectors', code)}", placeholder="Any sector")
        st.number_input("Salary offered, gross per year (optional)", min_value=0, max_value=10_000_000_000, step=1000,
                        key="finder_salary", value=None, placeholder="No offer or not known")
        st.selectbox("Currency of the salary", currencies, key="finder_currency",
                     help="Converted to EUR at the reference rates of 1 February 2024")
        st.radio("Job offer", list(JOB_OFFER), key="finder_job_offer", format_func=JOB_OFFER.get, horizontal=True)
    with right:
        spoken = st.multiselect("Languages spoken", list(languages), key="finder_languages", format_func=languages.get,
                                max_selections=8, placeholder="Choose languages")
        for code in spoken:
            state.setdefault(f"finder_level_{code}", "B1")
            st.select_slider(f"Level in {languages[code]} (CEFR)", CEFR_LEVELS, key=f"finder_level_{code}")
        st.radio("Path to permanent residence", list(PERMANENT), key="finder_permanent", format_func=PERMANENT.get,
                 horizontal=True)
        st.checkbox("Also assess routes not in force on the reference date", key="finder_all")

salary = state["finder_salary"]
profile = Profile(
    nationality=state["finder_nationality"], qualification=state["finder_qualification"],
    experience=int(state["finder_experience"] or 0), sector=state["finder_sector"],
    salary=int(salary) if salary else None, currency=state["finder_currency"] if salary else "EUR",
    languages=tuple((code, state[f"finder_level_{code}"]) for code in spoken), job_offer=state["finder_job_offer"],
    permanent=state["finder_permanent"], status="all" if state["finder_all"] else "in_force",
)
linked, notices = state["finder_link"]
if _signature(profile_query(profile)) == linked:  # the link's notices stay until the profile changes
    for notice in notices:
        st.warning(f"Link: {notice}")
written = profile_query(profile)
if _signature(written) != _signature(query):
    st.query_params.from_dict(written)
state["finder_written"] = _signature(written)
state["finder_saved"] = profile

assessments = assess(pathways, profile, dataset.exchange_rates)
counts = verdict_counts(assessments)
st.markdown(f"## {count_of(len(assessments), 'route')} assessed: {counts_in_words(counts)}")
left_out = not_assessed(pathways, profile)
scope = ("Only routes in force on the reference date are assessed" + (
    f"; {count_of(left_out, 'route')} closed before it or introduced later {'is' if left_out == 1 else 'are'} not "
    "(tick “Also assess routes not in force” to include them)." if left_out else ".")
         if profile.status == "in_force" else "All routes are assessed; those not in force on the reference date do not fit.")
st.caption(f"{scope} “Cannot tell” means the data leaves a condition open (recorded as unknown, or not recorded): such routes are "
           "listed with the others, never left out.")

per_state = per_member_state(fitting(pathways, assessments), dataset.member_states, dataset.curated)
profile_lines = textwrap.wrap("Profile: " + "; ".join(describe_profile(profile, dataset.exchange_rates)), 170)
figure = fit_map(per_state, EU27_URL, state_breakdown(assessments), profile_lines)
st.plotly_chart(figure, key="finder_map", config=PLOTLY_CONFIG, theme=None,
                alt=f"Map of the EU member states: {FIT_LABEL} this profile, per member state. The list below gives every route.")
st.caption("Hover over a member state for its routes per verdict.")

stem = f"{FILE_PREFIX}_finder{'_' + place_name(profile.nationality).lower().replace(' ', '-') if profile.nationality else ''}_ref-{REFERENCE_DATE}"
link_here = finder_link(profile, here)
with st.expander("Download the verdicts (CSV, Excel) and the map (PNG, SVG, HTML)"):
    buttons = st.container(horizontal=True)
    buttons.download_button("Excel (verdicts and reasons, profile)",
                            partial(results_workbook, pathways, assessments, profile, dataset.exchange_rates, link_here),
                            file_name=f"{stem}.xlsx", mime=XLSX_MIME, on_click="ignore", icon=":material/table_view:")
    buttons.download_button("CSV (verdicts and reasons)", partial(results_csv, pathways, assessments),
                            file_name=f"{stem}.csv", mime="text/csv", on_click="ignore", icon=":material/download:")
    figure_downloads(figure, f"{FIT_LABEL} the profile, per member state", FilterSet(), f"{stem}_map", "finder_map")

st.header("Routes by member state", anchor=False)
records = pathways.set_index("id")
for iso2, items in by_member_state(assessments).items():
    shown = verdict_counts(items)
    open_by_default = shown[FITS] + shown[FITS_UNDER_CONDITIONS] + shown[CANNOT_TELL] > 0
    with st.expander(f"{plain(place_name(iso2))}: {counts_in_words(shown)}", expanded=open_by_default):
        for item in items:
            record = records.loc[item.route_id]
            head = (f"**{link(item.name, f'{here}country?member_state={iso2}&record={item.route_id}')}** "
                    f"{BADGE[item.verdict]} · {plain(label('category', record['category']))} · "
                    f"Confidence: {plain(label('confidence', record['confidence']))} · "
                    f"Source: {link(record['source_title'], record['source_url'])}")
            reasons = [f"- {CONDITIONS[check.condition]}: **{CONDITION_VERDICTS[check.verdict]}**. {plain(check.reason)}"
                       for check in item.checks]
            st.markdown("\n".join([head, "", *reasons]))

link_to_this("profile", link_here)

