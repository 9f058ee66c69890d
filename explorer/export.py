"""Exports of exactly what is shown: CSV, a data-package zip, and figures as PNG, SVG and HTML."""

from __future__ import annotations

import copy
import html
import functools
import io
import json
import re
import shlex
import tempfile
import zipfile
from urllib.parse import urlencode
from dataclasses import fields
from pathlib import Path
from typing import get_args

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from explorer.filters import FilterSet, describe_filters
from explorer.geo import geo_assets_file, geo_assets_script, load_eu27
from explorer.package import DOCS_DIR, METADATA, NOTICE, REFERENCE_DATE
from explorer.serving import OFFLINE_FLAGS, chromium_path
from explorer.schema import CSV_COLUMNS, INTEGER_COLUMNS, NUMBER_COLUMNS, Pathway, _base_type
from explorer.urlstate import Display, to_query

FILE_PREFIX = "eu-labour-pathways"


def _html_text(text: str) -> str:
    """Text placed in HTML (plotly titles, page titles): escaped."""
    return html.escape(text, quote=False)


def _number_text(value: float) -> str:
    if pd.isna(value):
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def csv_text(pathways: pd.DataFrame) -> str:
    """The contract columns, numbers as the source wrote them (no trailing .0), UTF-8, LF."""
    table = pathways[CSV_COLUMNS].copy()
    for column in NUMBER_COLUMNS:
        table[column] = table[column].map(_number_text)
    return table.to_csv(index=False, lineterminator="\n")


def csv_bytes(pathways: pd.DataFrame) -> bytes:
    return csv_text(pathways).encode("utf-8")


# --- datapackage.json -------------------------------------------------------------------------

def field_descriptions() -> dict[str, str]:
    """The `| `field` | rule |` rows of docs/schema.md, by field name."""
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \|$", (DOCS_DIR / "schema.md").read_text(encoding="utf-8"), re.MULTILINE)
    descriptions: dict[str, str] = {}
    for name, text in rows:
        descriptions.setdefault(name, re.sub(r"[`*]", "", text).strip())
    return descriptions


def table_schema() -> dict:
    """Frictionless Table Schema of the CSV, from the `Pathway` model and docs/schema.md."""
    descriptions = field_descriptions()
    schema_fields = []
    for name in CSV_COLUMNS:
        field: dict = {"name": name, "description": descriptions.get(name, "")}
        info = Pathway.model_fields.get(name)
        if name in INTEGER_COLUMNS:
            field["type"] = "integer"
        elif name in NUMBER_COLUMNS:
            field["type"] = "number"
        else:
            field["type"] = "string"
        constraints: dict = {}
        if info is not None:
            choices = get_args(_base_type(info.annotation))
            if choices and all(isinstance(choice, str) for choice in choices):
                constraints["enum"] = list(choices)
            if info.is_required():
                constraints["required"] = True
        if name == "id":
            constraints["unique"] = True
        if constraints:
            field["constraints"] = constraints
        schema_fields.append(field)
    return {"fields": schema_fields, "primaryKey": ["id"]}


def datapackage(extra: dict | None = None) -> dict:
    package = copy.deepcopy(METADATA)
    package["resources"] = [
        {
            "name": "pathways",
            "path": "pathways.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(),
        }
    ]
    package.update(extra or {})
    return package


def datapackage_text(extra: dict | None = None) -> str:
    return json.dumps(datapackage(extra), indent=2, ensure_ascii=False) + "\n"


# --- describing a view ------------------------------------------------------------------------

def file_stem(filters: FilterSet, what: str = "") -> str:
    """A readable file name for a download, e.g. eu-labour-pathways_DE+FR_language-none_ref-2024-02-01."""
    parts = [FILE_PREFIX]
    if what:
        parts.append(what)
    query = to_query(filters)
    tokens = []
    for name, value in query.items():
        text = "+".join(value) if isinstance(value, list) else value
        tokens.append(text if name == "member_state" else f"{name}-{text}")
    slug = re.sub(r"[^A-Za-z0-9+_.-]+", "-", "_".join(tokens)).strip("-_")[:80] or "all"
    parts.extend([slug, f"ref-{REFERENCE_DATE}"])
    return "_".join(parts)


def view_link(filters: FilterSet, display: Display | None = None, base_url: str = "http://localhost:8501/") -> str:
    """A link to the Explore page (the app's default page, served at its root) with this view."""
    query = urlencode(to_query(filters, display or Display()), doseq=True)
    return base_url + ("?" + query if query else "")


def readme_text(filters: FilterSet, rows: int, link: str) -> str:
    lines = describe_filters(filters)
    licence = METADATA["licenses"][0]
    return "\n".join(
        [
            f"# {METADATA['title']}: filtered export",
            "",
            f"Rows: {rows}",
            f"Reference date of the data: {REFERENCE_DATE}",
            "",
            "## Filters applied",
            *[f"- {line}" for line in lines],
            "",
            f"Link to this view: {link}",
            "",
            "## Citation",
            METADATA["citation"],
            "",
            "## Licence",
            f"{licence['title']} ({licence['name']}), {licence['path']}",
            "",
            "## Notice",
            NOTICE,
            "",
            "Each row names the page its facts were read from (source_url), when (last_verified) and how sure we are "
            "(confidence). Salary thresholds in EUR per year are derived from the amounts as the sources state them, "
            "at the ECB reference rates of the reference date (see datapackage.json).",
            "",
        ]
    )


def data_package_zip(matching: pd.DataFrame, filters: FilterSet, link: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pathways.csv", csv_bytes(matching))
        archive.writestr("datapackage.json", datapackage_text({"filters": describe_filters(filters), "view": link}))
        archive.writestr("README.md", readme_text(filters, len(matching), link))
    return buffer.getvalue()


# --- figures ----------------------------------------------------------------------------------

def image_export_problem() -> str | None:
    """Why PNG/SVG export cannot work here, or None when it can (kaleido needs a Chromium)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "PNG and SVG export needs the kaleido package, which is not installed."
    if chromium_path() is None:
        return "PNG and SVG export needs Chromium on this computer (for example `apt-get install chromium`)."
    return None


def for_export(figure: go.Figure, title: str, filters: FilterSet) -> go.Figure:
    """A copy that carries its context when it leaves the app: title, filters, reference date, source."""
    described = "; ".join(describe_filters(filters))
    exported = go.Figure(figure)
    for trace in exported.data:
        if trace.type == "choropleth" and isinstance(trace.geojson, str):
            trace.geojson = load_eu27()  # an exported map must draw without the app serving it
    exported.update_layout(
        title=dict(text=f"{_html_text(title)}<br><sup>{_html_text(described)[:180]}</sup>", x=0.01, xanchor="left"),
        margin=dict(t=80, b=60, l=20, r=20),
    )
    exported.add_annotation(
        text=_html_text(f"Reference date {REFERENCE_DATE}. EU labour-migration pathways explorer, {METADATA['licenses'][0]['name']}. "
                     "A visual aid, not official information."),
        xref="paper", yref="paper", x=0, y=-0.04, yanchor="top", xanchor="left", showarrow=False, font=dict(size=11, color="#555"),
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


def figure_image(figure: go.Figure, fmt: str, width: int = 1100, height: int | None = None) -> bytes:
    """PNG or SVG of a figure, rendered by kaleido in the local Chromium with nothing fetched:
    no MathJax (kaleido's default loads it from a CDN), the map's topojson preloaded, Chromium's
    background networking off."""
    import kaleido

    if _is_map(figure):
        width, height = 1000, 900
    opts = {"format": fmt, "width": width, "height": height or figure.layout.height or 500, "scale": 2 if fmt == "png" else 1}
    page = kaleido.PageGenerator(mathjax=False, others=[geo_assets_file().as_uri()])
    return kaleido.calc_fig_sync(figure, opts=opts, kopts={"page_generator": page, "path": offline_chromium()})


def figure_html(figure: go.Figure, title: str) -> bytes:
    """A self-contained HTML file (plotly.js and, for maps, the topojson inlined) that works with no network."""
    html = pio.to_html(figure, include_plotlyjs=True, full_html=True, config={"displaylogo": False})
    head = f"<head><title>{_html_text(title)}</title>"
    if _is_map(figure):
        head += f"<script>{geo_assets_script()}</script>"
    return html.replace("<head>", head, 1).encode("utf-8")
