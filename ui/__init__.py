"""Streamlit-side helpers shared by the pages: cached loading, URL sync, safe text."""
