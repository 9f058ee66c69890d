"""About & method: the prose lives in docs/about.md."""

import streamlit as st

from explorer.package import DOCS_DIR, METADATA, REFERENCE_DATE
from explorer.summaries import coverage_note
from ui.data import dataset_or_stop, notice_bar

st.title("About & method")
notice_bar()
st.markdown((DOCS_DIR / "about.md").read_text(encoding="utf-8"))

dataset = dataset_or_stop()
st.subheader("The dataset in numbers", anchor=False)
counts = dataset.pathways["member_state"].value_counts().sort_index()
st.markdown(f"{len(dataset.pathways)} pathways in {len(counts)} member states, reference date {REFERENCE_DATE}. "
            f"Licence: [{METADATA['licenses'][0]['title']}]({METADATA['licenses'][0]['path']}).")
st.caption(coverage_note(dataset.pathways, dataset.member_states))
st.dataframe(counts.rename("pathways").rename_axis("member state"), width="content")
st.caption("Exchange rates to EUR (ECB reference rates of the reference date):")
st.dataframe({currency: rate for currency, rate in dataset.exchange_rates.items() if currency != "EUR"}, width="content")
