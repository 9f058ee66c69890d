"""A little CSS for what Streamlit's theme options cannot set: a compact top of the page, so that on a
1280x720 screen the Explore headline and the map show without scrolling, and a full-width ranking on a
phone (tests/browser/test_layout.py). Colours stay in the theme (.streamlit/config.toml). Injected once
per page run by app.py; a <style>-only st.html takes no space on the page.
"""

import streamlit as st

CSS = """
<style>
/* Less empty space above the title (Streamlit leaves 6rem; its header bar is 3.75rem high). */
.stApp .stMainBlockContainer { padding-top: 4rem; }
/* Smaller page titles and section headings: h1 2.75rem -> 2rem, h2 2.25rem -> 1.5rem. */
.stApp .stMain h1 { font-size: 2rem; padding: 0 0 0.25rem; }
.stApp .stMain h2 { font-size: 1.5rem; padding: 0.5rem 0 0; }
/* On a phone, where columns stack, the map's ranking table takes the whole width like the map above it. */
@media (max-width: 640px) { .stApp .stMain [data-testid="stMarkdownContainer"] table { width: 100%; } }
/* Printing a page (country profile): no sidebar, header, widgets or buttons; the data grid, which
   prints only its visible rows, gives way to the full table written for print (.st-key-print-only). */
.st-key-print-only { display: none; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], .stSelectbox, .stMultiSelect, .stDownloadButton, .stButton,
  .stLinkButton, .stPageLink, .stDataFrame, .st-key-screen-only { display: none !important; }
  .st-key-print-only { display: block !important; }
  .stApp .stMainBlockContainer { padding: 0 !important; max-width: 100% !important; }
  .st-key-print-only table { font-size: 8pt; }
  .st-key-print-only th, .st-key-print-only td { padding: 2px 4px !important; }
}
</style>
"""


def apply_style() -> None:
    st.html(CSS)
