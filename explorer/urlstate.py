"""A view <-> URL query parameters. The parameter names are a public contract.

The filter parameters are the declarations in explorer.filters.FILTERS; `metric` and `view` say
how the matching routes are shown. `parse_query` never raises on user input: what it cannot use,
it ignores and names in a notice. The CLI parses its options with the same code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields

from explorer.filters import FILTER, FILTERS, Filter, FilterSet
from explorer.geo import load_world_names
from explorer.reference import normalise_member_state

METRICS = {
    "pathways": "Matching pathways",
    "blue_card": "EU Blue Card threshold (EUR/year)",
    "lowest_salary": "Lowest threshold among employment routes (EUR/year)",
    "quota_share": "Share under a quota (of routes with a known quota)",
    "no_language_share": "Share with no language requirement (of known)",
}
VIEWS = {"map": "Map", "table": "Table", "charts": "Charts"}


@dataclass(frozen=True)
class Display:
    """How the matching pathways are shown (not which ones): the map's metric and the open view."""

    metric: str = "pathways"
    view: str = "map"


DISPLAY_PARAMETERS = {
    "metric": (tuple(METRICS), "what colours the map: " + ", ".join(f"`{name}`" for name in METRICS)),
    "view": (tuple(VIEWS), "which view is open: `map` (the default), `table` or `charts`"),
}
PARAMETERS = (*(item.name for item in FILTERS), *DISPLAY_PARAMETERS)
MAX_QUERY_LENGTH = 200
_DIGITS = re.compile(r"[0-9]{1,12}")


@functools.cache
def nationality_codes() -> frozenset[str]:
    """The ISO codes a nationality can take: the countries of the world map."""
    return frozenset(load_world_names())


def parse_value(item: Filter, raw: str, member_states) -> tuple[object, str | None]:
    """(value, None) for a usable value of one filter, or (None, why not)."""
    value = raw.strip()
    if item.kind == "member_state":
        code = normalise_member_state(value, member_states)
        return (code, None) if code else (None, "is not an EU member state code (ISO alpha-2; EL is accepted for Greece)")
    if item.kind == "number":
        digits = value.replace(",", "").replace("_", "").replace(" ", "")
        if not _DIGITS.fullmatch(digits):  # ASCII digits only: "²" passes isdigit() but not int()
            return None, "is not a whole number of euros per year"
        if item.maximum is not None and int(digits) > item.maximum:
            return None, f"is above the largest value accepted ({item.maximum:,})"
        return int(digits), None
    if item.kind == "country":
        if value.upper() in nationality_codes():  # the countries the nationality list offers
            return value.upper(), None
        return None, "is not the ISO code of a country on the list of nationalities"
    if item.kind == "text":
        return value[:MAX_QUERY_LENGTH], None
    candidate = value.upper() if value.upper() in item.choices else value.lower()
    if candidate in item.choices:
        return candidate, None
    return None, f"is not one of: {', '.join(item.choices)}"


def accepted_values(params: Mapping[str, Sequence[str] | str], repeatable: Mapping[str, bool],
                    parse: Callable[[str, str], tuple[object, str | None]]) -> tuple[dict[str, list], list[str]]:
    """The values `parse(name, text)` accepts for each parameter named in `repeatable` (only the
    last given for one that is not repeatable), and a notice for each name or value it cannot use.
    The part of link parsing every page shares; each page turns the values into its own state."""
    values: dict[str, list] = {}
    notices: list[str] = []
    for name, raw in params.items():
        given = [raw] if isinstance(raw, str) else [str(item) for item in raw]
        if name not in repeatable:
            notices.append(f"Unknown link parameter `{shown_value(name)}` was ignored.")
            continue
        if not repeatable[name] and len(given) > 1:
            notices.append(f"`{name}` was given {len(given)} times; the last value was used.")
            given = given[-1:]
        for text in given:
            value, problem = parse(name, text)
            if problem:
                notices.append(f"`{name}={shown_value(text)}` was ignored: it {problem}.")
            else:
                values.setdefault(name, []).append(value)
    return values, notices


def parse_query(params: Mapping[str, Sequence[str] | str], member_states) -> tuple[FilterSet, Display, list[str]]:
    """(filters, display, notices) from query parameters; `member_states` are the valid ISO codes."""

    def parse(name: str, text: str) -> tuple[object, str | None]:
        if name in DISPLAY_PARAMETERS:
            choices = DISPLAY_PARAMETERS[name][0]
            value = text.strip().lower()
            return (value, None) if value in choices else (None, f"is not one of: {', '.join(choices)}")
        return parse_value(FILTER[name], text, member_states)

    repeatable = {name: name in FILTER and FILTER[name].repeatable for name in PARAMETERS}
    accepted, notices = accepted_values(params, repeatable, parse)
    searched = params.get("q")
    if "q" in accepted and len((searched if isinstance(searched, str) else list(searched)[-1]).strip()) > MAX_QUERY_LENGTH:
        notices.append(f"The search text was cut to {MAX_QUERY_LENGTH} characters.")
    filters = {name: tuple(dict.fromkeys(found)) if repeatable[name] else found[-1]
               for name, found in accepted.items() if name in FILTER}
    display = {name: found[-1] for name, found in accepted.items() if name in DISPLAY_PARAMETERS}
    return FilterSet(**filters), Display(**display), notices


def shown_value(text: str) -> str:
    """User text as it may appear in a notice: short, one line, no markup characters."""
    clean = re.sub(r"[^\w .,:;@+=/-]", "?", text)[:40]
    return clean + ("…" if len(text) > 40 else "")


def to_query(filters: FilterSet, display: Display | None = None) -> dict[str, list[str] | str]:
    """Query parameters that reproduce the view; defaults are left out so links stay short."""
    query: dict[str, list[str] | str] = {}
    for item in FILTERS:
        value = getattr(filters, item.name)
        if value == item.empty() or value in (None, ""):
            continue
        query[item.name] = list(value) if isinstance(value, tuple) else str(value)
    display = display or Display()
    for field in fields(display):
        value = getattr(display, field.name)
        if value != field.default:
            query[field.name] = value
    return query


def parameter_table() -> str:
    """The README's table of link parameters, built from the declarations (a test compares them)."""
    rows = ["| parameter | meaning |", "|---|---|"]
    rows += [f"| `{item.name}` | {item.doc} |" for item in FILTERS]
    rows += [f"| `{name}` | {doc} |" for name, (_, doc) in DISPLAY_PARAMETERS.items()]
    return "\n".join(rows)
