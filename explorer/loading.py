"""Load the curated YAML files, validate every record, derive EUR figures.

`load_dataset` returns a clean `Dataset` or raises one `DataValidationError` that lists every
problem as `file: record id: field: what is wrong`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from explorer.filters import search_text
from explorer.geo import load_world_names
from explorer.package import PATHWAYS_DIR, REFERENCE_DIR, ROOT
from explorer.partnerships import COLUMNS as PARTNERSHIP_COLUMNS, EXTRA_COUNTRIES, LIST_COLUMNS as PARTNERSHIP_LIST_COLUMNS
from explorer.partnerships import PARTNERSHIPS_FILE, PartnershipRecord
from explorer.reference import load_exchange_rates, load_member_states, load_regions, normalise_member_state
from explorer.summaries import coverage_note
from explorer.schema import CSV_COLUMNS, INTEGER_COLUMNS, NUMBER_COLUMNS, HttpsUrl, Pathway, clip, quoted

_BOOL = ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))


class _StrictRules:
    """YAML 1.2 booleans only: `no`, `yes`, `on`, `off` stay text; dates stay text; no anchors or tags."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL[0], "tag:yaml.org,2002:timestamp")]
        + ([_BOOL] if first in "tTfF" else [])
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        # Hand-written records need neither. Aliases let a small file ("billion laughs") expand into
        # gigabytes of values and messages; explicit tags (`!!bool yes`) crash PyYAML's constructors.
        event = self.peek_event()
        if event.anchor is not None:  # alias events carry their anchor's name too
            problem = "anchors and aliases (&name, *name) are not allowed: write each value out"
        elif event.tag is not None:
            problem = "tags (!name, !!type) are not allowed: write the plain value"
        else:
            return super().compose_node(parent, index)
        raise yaml.composer.ComposerError(None, None, problem, event.start_mark)


class _StrictLoader(_StrictRules, yaml.SafeLoader):
    """Pure Python: used where PyYAML lacks libyaml, and the reference the tests compare with."""


if yaml.__with_libyaml__:
    class _StrictCLoader(_StrictRules, yaml.composer.Composer, yaml.cyaml.CParser,
                         yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml scans and parses (about 5x faster); composing stays in Python, unlike CSafeLoader,
        whose C composer recurses on the C stack and crashes the process on deeply nested input."""

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


_LOADER = _StrictCLoader if yaml.__with_libyaml__ else _StrictLoader


@dataclass(frozen=True)
class Problem:
    file: str
    record_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record_id}: {self.field}: {self.message}"


class DataValidationError(Exception):
    """Every problem found in the data, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the pathway data:\n{lines}")


class Partnership(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    partner_countries: list[str] = []
    note: str = Field(min_length=1)
    source_url: HttpsUrl


class HeaderSource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    url: HttpsUrl
    date: str | None = None  # publication or "last updated" date where the page shows one

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> str | None:
        if value is None:
            return None
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(value)):
            raise ValueError(f"{quoted(value)} is not YYYY-MM-DD or YYYY-MM")
        return str(value)


class CountryHeader(BaseModel):
    """The per-country summary users read first."""

    model_config = ConfigDict(extra="forbid")
    summary: str
    immigration_portal: HttpsUrl
    deciding_authority: str = Field(min_length=1)
    partnerships: list[Partnership] = []
    sources: list[HeaderSource] = Field(min_length=1)

    @field_validator("summary")
    @classmethod
    def _length(cls, value: str) -> str:
        words = len(value.split())
        if not 120 <= words <= 250:
            raise ValueError(f"the summary has {words} words; it must have 120 to 250")
        return value


# eq=False: a dataset is compared and hashed by identity, so that explorer.views can cache what each
# filter set shows per loaded dataset.
@dataclass(frozen=True, eq=False)
class Dataset:
    pathways: pd.DataFrame  # one row per record: CSV_COLUMNS then search_text; sorted by member state, id
    headers: dict[str, CountryHeader]  # by ISO alpha-2
    member_states: pd.DataFrame  # data/reference/member_states.csv, indexed by iso2
    exchange_rates: dict[str, float]  # units per EUR
    regions: dict[str, str]  # data/reference/regions.csv: English name by code
    partnerships: pd.DataFrame  # data/partnerships/partnerships.yaml (explorer.partnerships), `;`-separated lists
    # Computed once here, not on every page run: what every page says about the dataset's reach.
    curated: frozenset[str] = field(init=False)  # the member states with records in the dataset
    coverage: str = field(init=False)  # summaries.coverage_note: which member states it covers so far

    def __post_init__(self) -> None:
        object.__setattr__(self, "curated", frozenset(self.pathways["member_state"]))
        object.__setattr__(self, "coverage", coverage_note(self.pathways, self.member_states))


def load_dataset(pathways_dir: Path = PATHWAYS_DIR, reference_dir: Path = REFERENCE_DIR) -> Dataset:
    member_states = load_member_states(reference_dir)
    rates = load_exchange_rates(reference_dir)
    regions = load_regions(reference_dir)
    problems: list[Problem] = []
    records: list[dict] = []
    headers: dict[str, CountryHeader] = {}
    first_file_of_id: dict[str, str] = {}

    files = sorted(pathways_dir.glob("*.yaml")) + sorted(pathways_dir.glob("*.yml"))
    if not files:
        problems.append(Problem(shown_path(pathways_dir), "-", "-", "no member-state files (*.yaml) found"))
    for path in files:
        shown = shown_path(path)
        file_records, file_header, file_problems = _read_file(path, shown, member_states.index)
        problems.extend(file_problems)
        if file_header is not None:
            headers[file_header[0]] = file_header[1]
        for record in file_records:
            if record.id in first_file_of_id:
                problems.append(Problem(shown, record.id, "id", f"duplicate id (first used in {first_file_of_id[record.id]})"))
                continue
            first_file_of_id[record.id] = shown
            if record.region is not None and record.region not in regions:
                problems.append(Problem(shown, record.id, "region", f"{record.region!r} is not in data/reference/regions.csv"))
            row = record.model_dump()
            for derived, message in _derive_eur(row, rates):
                problems.append(Problem(shown, record.id, derived, message))
            records.append(row)

    # The partnerships live beside the pathways' folder (data/partnerships, tests/fixtures/partnerships).
    partnerships, partnership_problems = read_partnerships(pathways_dir.parent / "partnerships", member_states.index,
                                                           set(first_file_of_id))
    problems.extend(partnership_problems)
    if problems:
        raise DataValidationError(problems)
    table = _typed(pd.DataFrame(records, columns=CSV_COLUMNS))
    table["search_text"] = search_text(table, regions)  # folded once here, searched on every interaction
    # Text as Python objects, not pandas' default Arrow-backed strings: on a few hundred rows, selecting
    # rows and counting per member state is 2-4 times faster (every interaction and page run does both).
    table = table.astype({column: object for column in table.columns if table[column].dtype == "str"})
    return Dataset(table.sort_values(["member_state", "id"], ignore_index=True), headers, member_states, rates, regions,
                   partnerships.sort_values("id", ignore_index=True))


def shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_yaml(path: Path, shown: str) -> tuple[object, list[Problem]]:
    """A data file's content under the strict rules, or the problem that stops it being read."""
    try:
        data = path.read_bytes()
        return yaml.load(data.decode("utf-8"), Loader=_LOADER), []
    except OSError as error:
        return None, [Problem(shown, "-", "file", f"cannot be read: {error.strerror}")]
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [Problem(shown, "-", f"line {line}", f"not UTF-8 text (byte 0x{data[error.start]:02x}): "
                              "is it a YAML file? Save it as UTF-8")]
    except RecursionError:
        return None, [Problem(shown, "-", "file", "not valid YAML: nested too deeply")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]  # a ReaderError has no `problem`
        return None, [Problem(shown, "-", where, f"not valid YAML: {clip(problem)}")]


def _read_file(path: Path, shown: str, known_states: pd.Index):
    problems: list[Problem] = []
    content, unreadable = read_yaml(path, shown)
    if unreadable:
        return [], None, unreadable
    if not isinstance(content, dict) or not isinstance(content.get("pathways"), list):
        return [], None, [Problem(shown, "-", "-", "expected a mapping with `member_state`, `header` and a `pathways` list")]

    unknown_keys = set(content) - {"member_state", "header", "pathways"}
    for key in sorted(unknown_keys, key=str):
        problems.append(Problem(shown, "-", clip(str(key)), "unknown top-level key"))

    file_state = normalise_member_state(path.stem, known_states)
    declared = normalise_member_state(str(content.get("member_state", "")), known_states)
    if file_state is None:
        problems.append(Problem(shown, "-", "file name", f"{path.stem!r} is not a member state's ISO alpha-2 code"))
    if declared is None:
        problems.append(Problem(shown, "-", "member_state", f"{quoted(content.get('member_state'))} is not an EU member state code"))
    elif file_state is not None and declared != file_state:
        problems.append(Problem(shown, "-", "member_state", f"{declared} does not match the file name {path.name}"))
    state = declared or file_state
    if state is None:
        return [], None, problems

    header = None
    try:
        header = (state, CountryHeader.model_validate(content.get("header")))
    except ValidationError as error:
        problems.extend(problems_from(error, shown, "header"))

    records: list[Pathway] = []
    for position, raw in enumerate(content["pathways"], start=1):
        record_id = clip(str(raw.get("id", f"record #{position}"))) if isinstance(raw, dict) else f"record #{position}"
        if not isinstance(raw, dict):
            problems.append(Problem(shown, record_id, "-", "a record must be a mapping of field: value"))
            continue
        given_state = raw.get("member_state")
        if given_state is not None and normalise_member_state(str(given_state), known_states) != state:
            problems.append(Problem(shown, record_id, "member_state", f"{quoted(given_state)} differs from the file's {state}"))
            continue
        typed_derived = [name for name in ("salary_threshold_eur_year", "reduced_threshold_eur_year") if name in raw]
        for name in typed_derived:
            problems.append(Problem(shown, record_id, name, "is derived by the loader; remove it from the YAML"))
        if typed_derived:
            continue
        try:
            records.append(Pathway.model_validate({**raw, "member_state": state}))
        except ValidationError as error:
            problems.extend(problems_from(error, shown, record_id))
    return records, header, problems


_MESSAGES = {
    "missing": "required but missing",
    "extra_forbidden": "unknown field (not in docs/schema.md)",
}


def problems_from(error: ValidationError, shown: str, record_id: str) -> list[Problem]:
    problems = []
    for item in error.errors():
        location = clip(".".join(str(part) for part in item["loc"])) or "-"
        message = _MESSAGES.get(item["type"], item["msg"].removeprefix("Value error, "))
        if item["type"] == "value_error" and not item["loc"]:
            # Cross-field rules arrive as "field: message" lines from Pathway._consistent.
            for line in message.splitlines():
                field, _, text = line.partition(": ")
                problems.append(Problem(shown, record_id, field, text))
            continue
        problems.append(Problem(shown, record_id, location, message))
    return problems


def read_partnerships(folder: Path, member_states: Iterable[str], pathway_ids: set[str]):
    """(table, problems) for `folder/partnerships.yaml`; an empty table when the file is absent.
    List fields are stored `;`-separated, like the pathways' sectors."""
    path = folder / PARTNERSHIPS_FILE
    if not path.exists():
        return pd.DataFrame(columns=PARTNERSHIP_COLUMNS), []
    shown = shown_path(path)
    content, problems = read_yaml(path, shown)
    if problems:
        return pd.DataFrame(columns=PARTNERSHIP_COLUMNS), problems
    if not isinstance(content, dict) or not isinstance(content.get("partnerships"), list) or set(content) != {"partnerships"}:
        return pd.DataFrame(columns=PARTNERSHIP_COLUMNS), [Problem(shown, "-", "-", "expected a mapping with one key, a `partnerships` list")]
    members = set(member_states)
    countries = set(load_world_names()) | EXTRA_COUNTRIES
    rows, seen = [], set()
    for position, raw in enumerate(content["partnerships"], start=1):
        record_id = str(raw.get("id", f"record #{position}"))[:60] if isinstance(raw, dict) else f"record #{position}"
        try:
            record = PartnershipRecord.model_validate(raw)
        except ValidationError as error:
            problems.extend(problems_from(error, shown, record_id))
            continue
        if record.id in seen:
            problems.append(Problem(shown, record.id, "id", "duplicate id"))
        seen.add(record.id)
        for code in record.member_states:
            if code not in members:
                problems.append(Problem(shown, record.id, "member_states", f"{code!r} is not an EU member state code (GR for Greece)"))
        for code in record.partner_countries:
            if code in members or code not in countries:
                problems.append(Problem(shown, record.id, "partner_countries",
                                        f"{code!r} is not a non-EU country code on the world map"))
        for pathway in record.pathway_ids:
            if pathway not in pathway_ids:
                problems.append(Problem(shown, record.id, "pathway_ids", f"{pathway!r} is not a pathway record id"))
        row = record.model_dump(mode="json")
        rows.append({name: ";".join(map(str, row[name])) if name in PARTNERSHIP_LIST_COLUMNS else row[name] for name in PARTNERSHIP_COLUMNS})
    return pd.DataFrame(rows, columns=PARTNERSHIP_COLUMNS), problems


def _derive_eur(row: dict, rates: dict[str, float]):
    """Fill salary_threshold_eur_year and reduced_threshold_eur_year. Yields problems."""
    currency = row["salary_threshold_currency"]
    for amount_field, derived in (("salary_threshold_amount", "salary_threshold_eur_year"),
                                  ("reduced_threshold_amount", "reduced_threshold_eur_year")):
        row[derived] = None
        amount = row[amount_field]
        if amount is None:
            continue
        if currency not in rates:
            yield "salary_threshold_currency", f"no exchange rate for {currency} in data/reference/exchange_rates.csv"
            return
        payments = row["salary_payments_per_year"] if row["salary_threshold_period"] == "month" else 1
        row[derived] = round(amount * payments / rates[currency], 2)


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    for column in INTEGER_COLUMNS:
        table[column] = table[column].astype("Int64")
    for column in NUMBER_COLUMNS:
        table[column] = pd.to_numeric(table[column]).astype("float64")
    return table
