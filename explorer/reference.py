"""The 27 member states and the exchange rates to EUR, from data/reference/."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from explorer.package import REFERENCE_DIR

# The EU writes Greece as EL; ISO 3166-1 writes GR. Records store GR and accept both.
EU_CODE_ALIASES = {"EL": "GR"}


def load_member_states(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """One row per member state, indexed by ISO alpha-2 code."""
    table = pd.read_csv(reference_dir / "member_states.csv", dtype=str, keep_default_na=False)
    if len(table) != 27 or table["iso2"].duplicated().any():
        raise ValueError(f"{reference_dir / 'member_states.csv'}: expected 27 distinct member states, found {table['iso2'].nunique()}")
    table["blue_card"] = table["blue_card"].map({"true": True, "false": False})
    return table.set_index("iso2", drop=False)


def load_exchange_rates(reference_dir: Path = REFERENCE_DIR) -> dict[str, float]:
    """Units of each currency per 1 EUR at the reference date."""
    table = pd.read_csv(reference_dir / "exchange_rates.csv", dtype={"currency": str})
    return dict(zip(table["currency"], table["units_per_eur"].astype(float)))


def load_regions(reference_dir: Path = REFERENCE_DIR) -> dict[str, str]:
    """English names of the regions records may name, by code (BE-VLG: Flemish Region (Flanders))."""
    table = pd.read_csv(reference_dir / "regions.csv", dtype=str, keep_default_na=False)
    return dict(zip(table["code"], table["name"]))


def normalise_member_state(code: str, known: set[str] | pd.Index) -> str | None:
    """ISO alpha-2 for a code as users write it (any case, EL for Greece); None if not a member state."""
    upper = code.strip().upper()
    upper = EU_CODE_ALIASES.get(upper, upper)
    return upper if upper in known else None
