"""Download buttons for a figure: PNG and SVG rendered server-side (kaleido), and offline HTML; the
link to the page's view.

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


def link_to_this(what: str, link: str) -> None:
    """"Link to this view" as a button that opens the link with a copy button beside it. Shown as code,
    never as a Markdown link. Inside a popover, the code block's highlighter (1.5 MB of JavaScript)
    loads when it is opened, not on every first visit ahead of the map (about 1 s of the time to map)."""
    with st.popover(f"Link to this {what}", icon=":material/link:"):
        st.caption("The address bar holds it too; the button beside it copies it:")
        st.code(link, language=None, wrap_lines=True)
