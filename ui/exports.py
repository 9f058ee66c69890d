"""Download buttons for a figure: PNG and SVG rendered server-side (kaleido), and offline HTML.

Each file is built only when its button is clicked (a callable `data`), never on a rerun.
"""

import streamlit as st

from explorer.figure_export import figure_html, figure_image, for_export, image_export_problem
from explorer.filters import FilterSet

MIME = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html"}


def figure_downloads(figure, title: str, filters: FilterSet | list[str], stem: str, key: str) -> None:
    problem = image_export_problem()

    def build(fmt: str):
        def content() -> bytes:
            exported = for_export(figure, title, filters)
            return figure_html(exported, title) if fmt == "html" else figure_image(exported, fmt)
        return content

    columns = st.columns(3)
    for column, fmt in zip(columns, ("png", "svg", "html")):
        needs_chromium = fmt != "html"
        column.download_button(
            "HTML (works offline)" if fmt == "html" else fmt.upper(), build(fmt), file_name=f"{stem}.{fmt}",
            mime=MIME[fmt], key=f"{key}_{fmt}", on_click="ignore", width="stretch", icon=":material/download:",
            disabled=needs_chromium and problem is not None,
            help=(problem if needs_chromium and problem else f"{title}, with its filters, reference date and source"),
        )
    if problem:
        st.caption(f"{problem} The chart's own toolbar (camera icon) still downloads a PNG.")
