"""About & method: the prose lives in docs/about.md."""

import re

import pandas as pd
import streamlit as st

from explorer.package import DOCS_DIR, METADATA, REFERENCE_DATE
from explorer.summaries import dataset_size
from ui.data import dataset_or_stop, notice_bar

st.title("About & method")
notice_bar()
# docs/about.md writes its sections as ###; here they sit right under the page title, so they are
# shown one level up (h2): heading levels go in order, without an h1 -> h3 jump (WCAG 1.3.1).
st.markdown(re.sub(r"^### ", "## ", (DOCS_DIR / "about.md").read_text(encoding="utf-8"), flags=re.MULTILINE))

dataset = dataset_or_stop()
st.header("The dataset in numbers", anchor=False)
counts = dataset.pathways["member_state"].value_counts().sort_index()
st.markdown(f"{dataset_size(dataset.pathways, dataset.member_states)}, reference date {REFERENCE_DATE}. "
            f"Licence: [{METADATA['licenses'][0]['title']}]({METADATA['licenses'][0]['path']}).")
st.caption(dataset.coverage)
st.dataframe(counts.rename("pathways").rename_axis("member state"), width="content")
st.caption("Exchange rates to EUR (ECB reference rates of the reference date):")
st.dataframe(pd.Series({currency: rate for currency, rate in dataset.exchange_rates.items() if currency != "EUR"},
                       name="units per EUR").rename_axis("currency"), width="content")
