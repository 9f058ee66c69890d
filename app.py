"""Entry point: page configuration and navigation only. Logic lives in explorer/, layout in app_pages/.

The pages are not in a folder named `pages/`: Streamlit discovers such a folder by itself and, on a
freshly started server, serves a direct link like /country from it without running this file.
"""

import streamlit as st

from ui.style import apply_style

APP_NAME = "EU labour-migration pathways"

# The local favicon is set before st.navigation: otherwise the page's material icon becomes the
# favicon, fetched from a CDN. Given as its static address, it is served as a file, not read and
# registered again on every page run.
st.set_page_config(page_title=APP_NAME, page_icon="/app/static/favicon.png", layout="wide")

navigation = st.navigation(
    [
        st.Page("app_pages/explore.py", title="Explore", icon=":material/map:", default=True, url_path="explore"),
        st.Page("app_pages/country.py", title="Country profile", icon=":material/flag:", url_path="country"),
        st.Page("app_pages/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
        st.Page("app_pages/finder.py", title="Finder", icon=":material/person_search:", url_path="finder"),
        st.Page("app_pages/partnerships.py", title="Partnerships", icon=":material/handshake:", url_path="partnerships"),
        st.Page("app_pages/about.py", title="About & method", icon=":material/info:", url_path="about"),
    ]
)
# Each page its own browser-tab title (WCAG 2.4.2), e.g. "Explore · EU labour-migration pathways".
st.set_page_config(page_title=f"{navigation.title} · {APP_NAME}")
apply_style()
navigation.run()
