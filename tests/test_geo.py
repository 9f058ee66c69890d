"""The shipped map geometry: 27 member states, small, within Europe."""

from __future__ import annotations

from explorer.geo import load_eu27, load_world_names
from explorer.package import GEO_DIR
from explorer.reference import load_member_states


def _points(coordinates):
    if isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _points(part)


def test_eu27_has_each_member_state_once():
    features = load_eu27()["features"]
    codes = [feature["properties"]["iso2"] for feature in features]
    assert sorted(codes) == sorted(load_member_states().index)


def test_eu27_is_small_enough_to_ship_in_every_map():
    assert (GEO_DIR / "eu27.geojson").stat().st_size < 300 * 1024


def test_eu27_is_clipped_to_europe():
    for feature in load_eu27()["features"]:
        for lon, lat in _points(feature["geometry"]["coordinates"]):
            assert -32 <= lon <= 45 and 26 <= lat <= 72, (feature["properties"]["iso2"], lon, lat)


def test_world_has_partner_countries_by_iso2():
    names = load_world_names()
    assert names["BD"] == "Bangladesh" and names["MA"] == "Morocco" and len(names) > 200


def test_the_app_serves_the_same_geometry_it_ships():
    from explorer.geo import STATIC_EU27
    assert STATIC_EU27.read_bytes() == (GEO_DIR / "eu27.geojson").read_bytes(), "run scripts/build_geo.py"


def test_plotly_topojson_is_shipped_and_preloadable():
    import json

    from explorer.geo import TOPOJSON_FILE, geo_assets_script
    assert json.loads(TOPOJSON_FILE.read_text())["type"] == "Topology"
    script = geo_assets_script()
    assert script.startswith("window.PlotlyGeoAssets") and '"world_110m"' in script
