"""Entry point: page configuration and navigation only. Logic lives in explorer/, layout in pages/."""

import streamlit as st

st.set_page_config(page_title="EU labour-migration pathways", page_icon="assets/favicon.png", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/explore.py", title="Explore", icon=":material/map:", default=True, url_path="explore"),
        st.Page("pages/country.py", title="Country profile", icon=":material/flag:", url_path="country"),
        st.Page("pages/about.py", title="About & method", icon=":material/info:", url_path="about"),
    ]
)
navigation.run()
