"""The data package's description: datapackage.json from data/metadata.yaml, the record schema and
docs/schema.md, and the codebook that gives every code its label (explorer.vocabulary)."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from typing import get_args

from explorer.package import DOCS_DIR, METADATA
from explorer.partnerships import COLUMNS, LIST_COLUMNS, PartnershipRecord
from explorer.schema import CSV_COLUMNS, INTEGER_COLUMNS, NUMBER_COLUMNS, Pathway, _base_type
from explorer.vocabulary import CODEBOOK


def field_descriptions() -> dict[str, str]:
    """The rule (last column) of each `| `field` | ... |` row of docs/schema.md, by field name."""
    rows = re.findall(r"^\| `(\w+)` \|(.+)\|$", (DOCS_DIR / "schema.md").read_text(encoding="utf-8"), re.MULTILINE)
    descriptions: dict[str, str] = {}
    for name, cells in rows:
        descriptions.setdefault(name, re.sub(r"[`*]", "", cells.split(" | ")[-1]).strip())
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


def partnership_schema() -> dict:
    """Frictionless Table Schema of partnerships.csv, from the `PartnershipRecord` model."""
    schema_fields = []
    for name in COLUMNS:
        info = PartnershipRecord.model_fields[name]
        field: dict = {"name": name, "type": "string"}
        if name in LIST_COLUMNS:
            field["description"] = "a list, items separated by ';'"
        choices = get_args(_base_type(info.annotation))
        constraints: dict = {}
        if choices and all(isinstance(choice, str) for choice in choices) and name not in LIST_COLUMNS:
            constraints["enum"] = list(choices)
        if info.is_required():
            constraints["required"] = True
        if constraints:
            field["constraints"] = constraints
        schema_fields.append(field)
    return {"fields": schema_fields, "primaryKey": ["id"]}


def datapackage(extra: dict | None = None, partnerships: bool = False) -> dict:
    """The package's description; `partnerships` adds the partnerships resource (the full build
    only: a filtered export carries the pathways and the codebook)."""
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
        },
        {
            "name": "codebook",
            "path": "codebook.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": "The English label and definition of every code used in pathways.csv.",
            "schema": {"fields": [{"name": name, "type": "string"} for name in CODEBOOK_COLUMNS],
                       "primaryKey": ["field", "code"]},
        },
    ]
    if partnerships:
        package["resources"].append({
            "name": "partnerships", "path": "partnerships.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "description": "Talent Partnerships, pilot projects, bilateral and national programmes (data/partnerships/, "
                           "layout in data/research/PARTNERSHIPS.md), one row each.",
            "schema": partnership_schema(),
        })
    package.update(extra or {})
    return package


def datapackage_text(extra: dict | None = None, partnerships: bool = False) -> str:
    return json.dumps(datapackage(extra, partnerships), indent=2, ensure_ascii=False) + "\n"


# --- describing a view ------------------------------------------------------------------------



CODEBOOK_COLUMNS = ["field", "code", "label", "definition"]


def codebook_rows() -> list[dict[str, str]]:
    """One row per field and code, in the codebook's order."""
    return [{"field": field, "code": code, "label": text, "definition": definition}
            for field, entries in CODEBOOK.items() for code, (text, definition) in entries.items()]


def codebook_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CODEBOOK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(codebook_rows())
    return buffer.getvalue().encode("utf-8")
