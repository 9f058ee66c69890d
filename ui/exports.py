"""Download buttons for a figure: PNG and SVG rendered server-side (kaleido), and offline HTML."""

import streamlit as st

from explorer.export import figure_html, figure_image, image_export_problem


@st.cache_data(show_spinner=False, max_entries=64)
def _image(figure_json: str, fmt: str) -> bytes:
    import plotly.io as pio
    return figure_image(pio.from_json(figure_json), fmt)


def figure_downloads(figure, stem: str, key: str) -> None:
    problem = image_export_problem()
    columns = st.columns(3)
    figure_json = figure.to_json()
    for column, fmt in zip(columns[:2], ("png", "svg")):
        column.download_button(
            f"{fmt.upper()}", (lambda fmt=fmt: _image(figure_json, fmt)), file_name=f"{stem}.{fmt}",
            mime="image/png" if fmt == "png" else "image/svg+xml", key=f"{key}_{fmt}", on_click="ignore",
            disabled=problem is not None, width="stretch", help=problem or f"Rendered on the server as {fmt.upper()}.",
        )
    columns[2].download_button(
        "HTML (works offline)", lambda: figure_html(figure, stem), file_name=f"{stem}.html", mime="text/html",
        key=f"{key}_html", on_click="ignore", width="stretch",
    )
    if problem:
        st.caption(f"{problem} The chart's own toolbar (camera icon) still downloads a PNG.")
