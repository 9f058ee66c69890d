"""The partnerships on a world map: a pydeck (deck.gl) map for the page, arcs from each partner
country to each member state it works with, coloured by kind, as wide as the number of programmes;
and a plotly rendition of the same arcs for PNG/SVG export, which pydeck cannot make offline.

No base map: `map_provider=None`, so no tile, style or font is requested; the countries are drawn
from data/geo/world.geojson (simplified, explorer.geo.world_geometry).
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pydeck

from explorer.geo import WORLD_URL, country_anchors, world_geometry
from explorer.partnerships import KIND_COLOURS
from explorer.vocabulary import label, place_name

BLANK_STYLE_URL = "app/static/blank-map-style.json"
MEMBER_FILL = [49, 104, 142, 150]
PARTNER_FILL = [230, 159, 0, 150]
OTHER_FILL = [222, 222, 222, 255]
OUTLINE = [255, 255, 255, 255]


def _arc_rows(arcs: pd.DataFrame) -> list[dict]:
    anchors = country_anchors()
    rows = []
    for arc in arcs.itertuples():
        if arc.partner not in anchors or arc.member_state not in anchors:
            continue
        names = "; ".join(arc.programmes)
        rows.append({
            "from": list(anchors[arc.partner]), "to": list(anchors[arc.member_state]),
            "colour": [*KIND_COLOURS[arc.kind], 210], "width": 1 + 1.5 * arc.count,
            # deck.gl's "text" tooltip sets the text as text: data never becomes HTML.
            "tooltip": f"{place_name(arc.partner)} → {place_name(arc.member_state)} ({label('partnership_kind', arc.kind)}, "
                       f"{arc.count}): {names}",
        })
    return rows


class CompactDeck(pydeck.Deck):
    """pydeck writes its JSON indented (three times the bytes); Streamlit sends what `to_json` returns."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


def partnership_deck(arcs: pd.DataFrame) -> pydeck.Deck:
    """Grey countries (loaded by the browser from this machine), the member states (blue) and
    partner countries (orange) of the arcs shown drawn over them, and the arcs."""
    members = set(arcs["member_state"])
    partners = set(arcs["partner"])
    involved = []
    for feature in world_geometry()["features"]:
        code = feature["properties"]["iso2"]
        if code in members or code in partners:
            involved.append({"type": "Feature", "geometry": feature["geometry"], "properties": {
                "iso2": code, "fill": MEMBER_FILL if code in members else PARTNER_FILL,
                "tooltip": place_name(code) + (" (member state)" if code in members else " (partner country)")}})
    world = pydeck.Layer("GeoJsonLayer", data=WORLD_URL, id="world", stroked=True, filled=True,
                         get_fill_color=OTHER_FILL, get_line_color=OUTLINE, line_width_min_pixels=0.5)
    countries = pydeck.Layer("GeoJsonLayer", data={"type": "FeatureCollection", "features": involved}, id="countries",
                             pickable=True, stroked=True, filled=True, get_fill_color="properties.fill",
                             get_line_color=OUTLINE, line_width_min_pixels=0.5)
    lines = pydeck.Layer("ArcLayer", data=_arc_rows(arcs), id="arcs", pickable=True, get_source_position="from",
                         get_target_position="to", get_source_color="colour", get_target_color="colour",
                         get_width="width", width_units="pixels")
    # Streamlit draws a CARTO base map (fetched from the internet) under any deck without a map
    # style; this style, served from this machine, is a plain background with nothing to fetch.
    return CompactDeck(layers=[world, countries, lines], map_provider=None, map_style=BLANK_STYLE_URL,
                       initial_view_state=pydeck.ViewState(longitude=20, latitude=30, zoom=1.2),
                       tooltip={"text": "{tooltip}"})


def partnership_figure(arcs: pd.DataFrame, title: str) -> go.Figure:
    """The same arcs on a plotly map, for PNG/SVG/HTML export (pydeck has no offline image export)."""
    anchors = country_anchors()
    data = []
    shown_kinds = set()
    for arc in arcs.itertuples():
        if arc.partner not in anchors or arc.member_state not in anchors:
            continue
        (lon0, lat0), (lon1, lat1) = anchors[arc.partner], anchors[arc.member_state]
        name = label("partnership_kind", arc.kind)
        colour = "rgb({},{},{})".format(*KIND_COLOURS[arc.kind])
        data.append(go.Scattergeo(lon=[lon0, lon1], lat=[lat0, lat1], mode="lines", name=name, legendgroup=arc.kind,
                                  showlegend=arc.kind not in shown_kinds, hoverinfo="skip",
                                  line={"width": 1 + 1.5 * arc.count, "color": colour}))
        shown_kinds.add(arc.kind)
    ends = sorted(set(arcs["partner"]) | set(arcs["member_state"]))
    data.append(go.Scattergeo(lon=[anchors[code][0] for code in ends if code in anchors],
                              lat=[anchors[code][1] for code in ends if code in anchors], mode="markers",
                              marker={"size": 5, "color": "#333333"}, showlegend=False, hoverinfo="skip"))
    figure = go.Figure(data)
    figure.update_layout(
        title={"text": title, "x": 0.01}, height=560, margin={"l": 0, "r": 0, "t": 50, "b": 0},
        legend={"title": {"text": "Kind (width: number of programmes)"}},
        geo={"projection": {"type": "natural earth"}, "showland": True, "landcolor": "#e6e6e6", "showcountries": True,
             "countrycolor": "white", "showocean": False, "showframe": False, "lataxis": {"range": [-40, 72]},
             "lonaxis": {"range": [-120, 150]}},
    )
    return figure
