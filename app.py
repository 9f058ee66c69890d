"""Entry point: page configuration and navigation only. Logic lives in explorer/, layout in app_pages/.

The pages are not in a folder named `pages/`: Streamlit discovers such a folder by itself and, on a
freshly started server, serves a direct link like /country from it without running this file.
"""

import streamlit as st

st.set_page_config(page_title="EU labour-migration pathways", page_icon="assets/favicon.png", layout="wide")

navigation = st.navigation(
    [
        st.Page("app_pages/explore.py", title="Explore", icon=":material/map:", default=True, url_path="explore"),
        st.Page("app_pages/country.py", title="Country profile", icon=":material/flag:", url_path="country"),
        st.Page("app_pages/about.py", title="About & method", icon=":material/info:", url_path="about"),
    ]
)
navigation.run()
