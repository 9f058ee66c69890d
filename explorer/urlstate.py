"""View state <-> URL query parameters. The parameter names are a public contract.

`parse_query` never raises on user input: what it cannot use, it ignores and names in a notice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from explorer.filters import FilterState
from explorer.reference import normalise_member_state
from explorer.schema import CEFR_LEVELS, NACE_SECTIONS, Category, DurationType, SkillLevel

METRICS = {
    "pathways": "Matching pathways",
    "lowest_salary": "Lowest salary threshold (EUR/year)",
    "quota_share": "Share under a quota",
    "no_language_share": "Share with no language requirement",
}
VIEWS = {"map": "Map", "table": "Table", "charts": "Charts"}


@dataclass(frozen=True)
class Display:
    """How the matching pathways are shown (not which ones): the map's metric and the open view."""

    metric: str = "pathways"
    view: str = "map"

REPEATABLE = ("member_state", "category", "skill", "sector", "duration", "language")
CHOICES: dict[str, tuple[str, ...]] = {
    "category": Category.__args__,
    "skill": SkillLevel.__args__,
    "sector": NACE_SECTIONS,
    "duration": DurationType.__args__,
    "language": ("none", "bonus_points", "required"),
    "cefr": CEFR_LEVELS,
    "quota": ("yes", "no"),
    "no_threshold": ("exclude",),
    "lmt": ("no",),
    "job_offer": ("no",),
    "metric": tuple(METRICS),
    "view": tuple(VIEWS),
}
# URL name -> FilterState field, where they differ.
_FIELD_OF = {"no_threshold": "without_threshold"}
_PARAM_OF = {field: param for param, field in _FIELD_OF.items()}
MAX_QUERY_LENGTH = 200
DISPLAY_PARAMETERS = ("metric", "view")
PARAMETERS = (*REPEATABLE, "cefr", "quota", "max_salary", "no_threshold", "lmt", "job_offer", "nationality", "q",
              *DISPLAY_PARAMETERS)


def parse_query(params: Mapping[str, Sequence[str] | str], member_states) -> tuple[FilterState, Display, list[str]]:
    """(filters, display, notices) from query parameters; `member_states` are the valid ISO codes."""
    notices: list[str] = []
    values: dict[str, object] = {}
    for name, raw in params.items():
        given = [raw] if isinstance(raw, str) else list(raw)
        if name not in PARAMETERS:
            notices.append(f"Unknown link parameter `{_shown(name)}` was ignored.")
            continue
        if name not in REPEATABLE and len(given) > 1:
            notices.append(f"`{name}` was given {len(given)} times; the last value was used.")
            given = given[-1:]
        accepted = [value for value in (_accept(name, item, member_states, notices) for item in given) if value is not None]
        if not accepted:
            continue
        key = _FIELD_OF.get(name, name)
        values[key] = tuple(dict.fromkeys(accepted)) if name in REPEATABLE else accepted[-1]
    display = Display(**{name: values.pop(name) for name in DISPLAY_PARAMETERS if name in values})
    return FilterState(**values), display, notices


def _accept(name: str, raw: str, member_states, notices: list[str]):
    value = raw.strip()
    problem = None
    if name == "member_state":
        code = normalise_member_state(value, member_states)
        if code:
            return code
        problem = "is not an EU member state code (ISO alpha-2; EL is accepted for Greece)"
    elif name == "max_salary":
        digits = value.replace(",", "").replace("_", "")
        if digits.isdigit() and len(digits) <= 9:
            return int(digits)
        problem = "is not a whole number of euros per year"
    elif name == "nationality":
        if re.fullmatch(r"[A-Za-z]{2}", value):
            return value.upper()
        problem = "is not a two-letter ISO country code"
    elif name == "q":
        if len(value) > MAX_QUERY_LENGTH:
            notices.append(f"The search text was cut to {MAX_QUERY_LENGTH} characters.")
        return value[:MAX_QUERY_LENGTH]
    else:
        choices = CHOICES[name]
        candidate = value.upper() if name in ("sector", "cefr") else value.lower()
        if candidate in choices:
            return candidate
        problem = f"is not one of: {', '.join(choices)}"
    notices.append(f"`{name}={_shown(value)}` was ignored: it {problem}.")
    return None


def _shown(text: str) -> str:
    """User text as it may appear in a notice: short, one line, no markup characters."""
    clean = re.sub(r"[^\w .,:;@+=/-]", "?", text)[:40]
    return clean + ("…" if len(text) > 40 else "")


def to_query(state: FilterState, display: Display | None = None) -> dict[str, list[str] | str]:
    """Query parameters that reproduce the view; defaults are left out so links stay short."""
    query: dict[str, list[str] | str] = {}
    for field in fields(state):
        value = getattr(state, field.name)
        if value in (None, "", ()):
            continue
        param = _PARAM_OF.get(field.name, field.name)
        query[param] = list(value) if isinstance(value, tuple) else str(value)
    display = display or Display()
    for field in fields(display):
        value = getattr(display, field.name)
        if value != field.default:
            query[field.name] = value
    return query
