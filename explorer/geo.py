"""The map geometry shipped in data/geo/ (built by scripts/build_geo.py)."""

from __future__ import annotations

import json
from pathlib import Path

from explorer.package import GEO_DIR


def load_eu27(geo_dir: Path = GEO_DIR) -> dict:
    """GeoJSON FeatureCollection of the 27 member states, property `iso2`."""
    return json.loads((geo_dir / "eu27.geojson").read_text(encoding="utf-8"))


def load_world_names(geo_dir: Path = GEO_DIR) -> dict[str, str]:
    """ISO alpha-2 -> country name for every country on the world map, sorted by name."""
    world = json.loads((geo_dir / "world.geojson").read_text(encoding="utf-8"))
    names = {feature["properties"]["iso2"]: feature["properties"]["name"] for feature in world["features"]}
    return dict(sorted(names.items(), key=lambda item: item[1]))
