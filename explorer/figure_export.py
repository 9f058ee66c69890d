"""Figures as files people take into slides and reports: PNG, SVG and offline HTML, each carrying
its title, the filters in words, the caveats shown in the app, and a footer (reference date,
source, licence) that never overlaps the plot."""

from __future__ import annotations

import functools
import html
import shlex
import tempfile
import textwrap
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from explorer.filters import FilterSet, describe_filters
from explorer.geo import geo_assets_file, geo_assets_script, load_eu27
from explorer.package import METADATA, REFERENCE_DATE
from explorer.chromium import OFFLINE_FLAGS, chromium_path

# A 16:9 slide; the bottom margin holds the footer below the axis labels.
SLIDE_WIDTH, SLIDE_HEIGHT = 1600, 900
FOOTER_SPACE = 120


def _html_text(text: str) -> str:
    """Text placed in HTML (plotly titles, page titles): escaped."""
    return html.escape(text, quote=False)


def image_export_problem() -> str | None:
    """Why PNG/SVG export cannot work here, or None when it can (kaleido needs a Chromium)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "PNG and SVG export needs the kaleido package, which is not installed."
    if chromium_path() is None:
        return "PNG and SVG export needs Chromium on this computer (for example `apt-get install chromium`)."
    return None


def footer_text() -> str:
    licence = METADATA["licenses"][0]
    return (f"Reference date {REFERENCE_DATE}. Source: {METADATA['title']} explorer, each route's official source in the "
            f"data. Licence {licence['name']}. A visual aid, not official information.")


def for_export(figure: go.Figure, title: str, filters: FilterSet | list[str]) -> go.Figure:
    """A slide-sized copy that carries its context when it leaves the app: the title, the filters in
    words (a FilterSet, or the lines of another page's filters) and the caveats shown in the app
    (`layout.meta["caveats"]`) under it, and the footer in the bottom margin, below the axis labels."""
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    described = filters if isinstance(filters, list) else describe_filters(filters)
    lines = textwrap.wrap("Filters: " + "; ".join(described), 170) + list(meta.get("caveats", []))
    exported = go.Figure(figure)
    for trace in exported.data:
        if trace.type == "choropleth" and isinstance(trace.geojson, str):
            trace.geojson = load_eu27()  # an exported map must draw without the app serving it
    subtitle = "".join(f"<br><sup>{_html_text(line)}</sup>" for line in lines)
    exported.update_layout(
        title=dict(text=f"<b>{_html_text(title)}</b>{subtitle}", x=0.01, xanchor="left", y=1, yref="container",
                   yanchor="top", pad=dict(t=24), font=dict(size=22)),
        margin=dict(t=90 + 24 * len(lines), b=FOOTER_SPACE, l=30, r=30), width=SLIDE_WIDTH, height=SLIDE_HEIGHT,
    )
    exported.add_annotation(
        text=_html_text(footer_text()), name="footer", xref="paper", yref="paper", x=0, y=0, xanchor="left",
        yanchor="bottom", yshift=-(FOOTER_SPACE - 12), showarrow=False, align="left", font=dict(size=13, color="#444"),
    )
    return exported


def _is_map(figure: go.Figure) -> bool:
    return any(trace.type == "choropleth" for trace in figure.data)


@functools.cache
def offline_chromium() -> str:
    """The local Chromium, started with its background services off. kaleido's own command line
    lacks --disable-background-networking, and without it Chromium makes DNS look-ups at start."""
    chromium = chromium_path()
    if chromium is None:
        raise RuntimeError(image_export_problem())
    wrapper = Path(tempfile.mkdtemp(prefix="eu-pathways-")) / "chromium-offline"
    flags = " ".join(shlex.quote(flag) for flag in OFFLINE_FLAGS)
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(chromium)} "$@" {flags}\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper)


def figure_image(figure: go.Figure, fmt: str) -> bytes:
    """PNG or SVG of an exported figure at slide size, rendered by kaleido in the local Chromium
    with nothing fetched: no MathJax (kaleido's default loads it from a CDN), the map's topojson
    preloaded, Chromium's background networking off."""
    import kaleido

    width = figure.layout.width or SLIDE_WIDTH
    height = figure.layout.height or SLIDE_HEIGHT
    opts = {"format": fmt, "width": width, "height": height, "scale": 2 if fmt == "png" else 1}
    page = kaleido.PageGenerator(mathjax=False, others=[geo_assets_file().as_uri()])
    return kaleido.calc_fig_sync(figure, opts=opts, kopts={"page_generator": page, "path": offline_chromium()})


def figure_html(figure: go.Figure, title: str) -> bytes:
    """A self-contained HTML file (plotly.js and, for maps, the topojson inlined) that works with no network."""
    html = pio.to_html(figure, include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    head = f"<head><title>{_html_text(title)}</title>"
    if _is_map(figure):
        head += f"<script>{geo_assets_script()}</script>"
    return html.replace("<head>", head, 1).encode("utf-8")
