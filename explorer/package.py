"""Where the data lives, and the dataset's own metadata (data/metadata.yaml, written by hand)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
PATHWAYS_DIR = DATA_DIR / "pathways"
REFERENCE_DIR = DATA_DIR / "reference"
GEO_DIR = DATA_DIR / "geo"
DOCS_DIR = ROOT / "docs"
README_PATH = ROOT / "README.md"
DATAPACKAGE_PATH = PATHWAYS_DIR / "datapackage.json"
PATHWAYS_CSV_PATH = PATHWAYS_DIR / "pathways.csv"
CODEBOOK_CSV_PATH = PATHWAYS_DIR / "codebook.csv"
PARTNERSHIPS_CSV_PATH = PATHWAYS_DIR / "partnerships.csv"  # in the data package's folder, beside pathways.csv
METADATA_PATH = DATA_DIR / "metadata.yaml"


def pathways_dir() -> Path:
    """The curated records; EXPLORER_PATHWAYS_DIR points the app at another folder (tests use fixtures)."""
    return Path(os.environ.get("EXPLORER_PATHWAYS_DIR") or PATHWAYS_DIR)


def read_datapackage(path: Path = DATAPACKAGE_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


METADATA: dict = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
# The one place the reference date is stated is data/metadata.yaml.
REFERENCE_DATE: str = METADATA["reference_date"]
NOTICE = (
    "A visual aid, not official information. Entry rules change often: check the national "
    "authority of the member state before relying on any figure."
)
