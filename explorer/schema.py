"""The pathway record: the public contract of the dataset.

`Pathway` validates one record as curated in `data/pathways/<iso2>.yaml`. `CSV_COLUMNS` is the
column order of every CSV the project writes. `docs/schema.md` documents each field; a test
keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
import re
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from explorer.package import REFERENCE_DATE

Category = Literal[
    "eu_blue_card", "highly_skilled", "skilled_worker", "general_work_permit",
    "shortage_occupation", "seasonal_work", "intra_corporate_transfer", "researcher",
    "trainee_or_apprentice", "job_seeker", "self_employed", "entrepreneur_startup", "investor",
    "youth_mobility", "digital_nomad", "service_provider", "bilateral_or_pilot", "other",
]
SkillLevel = Literal["high", "medium", "low", "any"]
Status = Literal["active", "pilot", "closed", "introduced_after_reference"]
TriState = Literal["true", "false", "unknown"]
LabourMarketTest = Literal["yes", "no", "exempt_if_shortage", "unknown"]
QuotaType = Literal["none", "national_annual", "sectoral", "per_nationality", "per_employer", "programme"]
IncomeRequirement = Literal[
    "none", "fixed_threshold", "reference_multiple", "collective_agreement", "minimum_wage", "means_of_subsistence",
    "unknown",
]
Period = Literal["month", "year"]
LanguageRequirement = Literal["none", "bonus_points", "required", "unknown"]
Cefr = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
Qualification = Literal[
    "none", "vocational", "higher_education", "higher_education_or_experience",
    "professional_experience", "unknown",
]
DurationType = Literal["short_term", "temporary_renewable", "permanent"]
YesNo = Literal["yes", "no", "conditional", "unknown"]
Confidence = Literal["high", "medium", "low"]
ReducedThresholdReason = Literal["shortage_occupation", "recent_graduate", "young_age", "other"]
REDUCED_THRESHOLD_REASONS: tuple[str, ...] = ReducedThresholdReason.__args__

CEFR_LEVELS: tuple[str, ...] = Cefr.__args__
NACE_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")

# The fields the filters use; each is known or `unknown` with a note saying what was looked for.
CORE_FILTER_FIELDS = ("job_offer_required", "labour_market_test", "quota_applies", "income_requirement",
                      "language_requirement", "qualification_required")

_ISO2 = re.compile(r"^[A-Z]{2}$")
_ISO639_1 = re.compile(r"^[a-z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


ECHO_LIMIT = 200


def clip(text: str) -> str:
    """Text from the data as shown in a problem message: cut, so that no message is ever huge."""
    return text if len(text) <= ECHO_LIMIT else text[:ECHO_LIMIT] + "…"


def quoted(*values: object) -> str:
    """Values from the data as quoted in a problem message: repr, comma-separated, clipped."""
    return clip(", ".join(map(repr, values)))


def _tri_state(value: object) -> object:
    """YAML gives true/false as booleans; the CSV and the filters use the words."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _joined(value: object) -> object:
    """Accept a YAML list where the contract has a `;`-separated text."""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return value


def _date_text(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_date(value: str | None) -> str | None:
    if value is not None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{quoted(value)} is not a date written YYYY-MM-DD") from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"{quoted(value)} is not a date written YYYY-MM-DD")
    return value


def _check_month(value: str | None) -> str | None:
    if value is not None and not _MONTH.match(value):
        raise ValueError(f"{quoted(value)} is not a month written YYYY-MM")
    return value


def _check_https(value: str | None) -> str | None:
    if value is not None and not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        raise ValueError(f"{quoted(value)} is not an https:// URL")
    return value


def _check_codes(pattern: re.Pattern[str], what: str, allow_all: bool):
    def check(value: str | None) -> str | None:
        if value is None:
            return value
        if allow_all and value == "all":
            return value
        bad = [code for code in value.split(";") if not pattern.match(code)]
        if bad:
            raise ValueError(f"{quoted(*bad)} {'is' if len(bad) == 1 else 'are'} not {what}")
        return value
    return check


def _check_sectors(value: str) -> str:
    if value == "all":
        return value
    bad = [code for code in value.split(";") if code not in NACE_SECTIONS]
    if bad:
        raise ValueError(f"{quoted(*bad)}: sectors are `all` or NACE Rev.2 section letters A-U")
    return value


def _check_reasons(value: str) -> str:
    bad = [code for code in value.split(";") if code not in REDUCED_THRESHOLD_REASONS]
    if bad:
        raise ValueError(f"{quoted(*bad)}: reasons are `;`-separated codes among {', '.join(REDUCED_THRESHOLD_REASONS)}")
    return value


Text = Annotated[str, Field(min_length=1)]
TriStateField = Annotated[TriState, BeforeValidator(_tri_state)]
DateText = Annotated[str, BeforeValidator(_date_text), AfterValidator(_check_date)]
MonthText = Annotated[str, BeforeValidator(_date_text), AfterValidator(_check_month)]
HttpsUrl = Annotated[str, AfterValidator(_check_https)]
CurrencyCode = Annotated[str, AfterValidator(_check_codes(_CURRENCY, "an ISO 4217 currency code", False))]
NationalityList = Annotated[
    str, BeforeValidator(_joined), AfterValidator(_check_codes(_ISO2, "ISO 3166-1 alpha-2 codes", True))
]
LanguageList = Annotated[
    str, BeforeValidator(_joined), AfterValidator(_check_codes(_ISO639_1, "ISO 639-1 language codes", False))
]
SectorList = Annotated[str, BeforeValidator(_joined), AfterValidator(_check_sectors)]
ReasonList = Annotated[str, BeforeValidator(_joined), AfterValidator(_check_reasons)]
UrlList = Annotated[str, BeforeValidator(_joined)]
# Numbers are finite and under a ceiling far above any real figure, so that a runaway value is
# refused and every value fits the 64-bit integer columns and gives a finite EUR figure.
Count = Annotated[int, Field(gt=0, le=10_000_000, strict=True)]
Year = Annotated[int, Field(ge=2000, le=2100, strict=True)]
Payments = Annotated[int, Field(gt=0, le=24, strict=True)]
Months = Annotated[int, Field(gt=0, le=240, strict=True)]
Days = Annotated[int, Field(gt=0, le=730, strict=True)]
ExperienceYears = Annotated[int, Field(gt=0, le=50, strict=True)]
Amount = Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)]
Multiple = Annotated[float, Field(gt=0, le=10, allow_inf_nan=False)]
Percent = Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)]
Fee = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]


class Pathway(BaseModel):
    """One labour-migration pathway as curated. Field order is the CSV column order."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    member_state: str
    region: str | None = None
    name: Text
    name_local: Text
    summary: Text
    category: Category
    skill_level: SkillLevel
    sectors: SectorList
    target_nationalities: NationalityList
    status: Status
    valid_from: DateText | None = None
    job_offer_required: TriStateField
    labour_market_test: LabourMarketTest
    quota_applies: TriStateField
    quota_type: QuotaType
    quota_size: Count | None = None
    quota_year: Year | None = None
    quota_share_percent: Percent | None = None
    income_requirement: IncomeRequirement
    salary_threshold_amount: Amount | None = None
    salary_threshold_currency: CurrencyCode | None = None
    salary_threshold_period: Period | None = None
    salary_payments_per_year: Payments | None = None
    salary_threshold_multiple: Multiple | None = None
    salary_threshold_reference: Text | None = None
    reduced_threshold_amount: Amount | None = None
    reduced_threshold_reason: ReasonList | None = None
    reduced_threshold_condition: Text | None = None
    language_requirement: LanguageRequirement
    language_level: Cefr | None = None
    languages: LanguageList | None = None
    qualification_required: Qualification
    min_experience_years: ExperienceYears | None = None
    duration_type: DurationType
    initial_permit_months: Months | None = None
    max_stay_months: Months | None = None
    family_reunification: YesNo = "unknown"
    path_to_permanent_residence: YesNo = "unknown"
    employer_change: YesNo = "unknown"
    processing_days: Days | None = None
    fee_amount: Fee | None = None
    fee_currency: CurrencyCode | None = None
    legal_basis: Text
    source_url: HttpsUrl
    source_title: Text
    source_publisher: Text
    additional_sources: UrlList | None = None
    as_of: MonthText
    last_verified: DateText
    confidence: Confidence
    changes_after_reference: str | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Pathway":
        problems = list(consistency_problems(self))
        if problems:
            # One ValueError per record; the loader splits "field: message" lines back out.
            raise ValueError("\n".join(f"{field}: {message}" for field, message in problems))
        return self


def consistency_problems(record: Pathway):
    """Rules that tie fields together. Yields (field, message)."""
    if not _ID.match(record.id):
        yield "id", f"{quoted(record.id)} is not `<iso2>-<slug>` in lower case with hyphens"
    elif record.id[:2] != record.member_state.lower():
        yield "id", f"{quoted(record.id)} must start with the member state's code {record.member_state.lower()!r}-"

    if record.region is not None:
        if not _REGION.match(record.region):
            yield "region", f"{quoted(record.region)} is not an ISO 3166-2 subdivision code such as BE-VLG"
        elif record.region[:2] != record.member_state:
            yield "region", f"{record.region!r} is not a subdivision of {record.member_state}"

    if record.status == "introduced_after_reference":
        if record.valid_from is None:
            yield "valid_from", "required when status is introduced_after_reference"
        elif record.valid_from <= REFERENCE_DATE:
            yield "valid_from", f"{record.valid_from} is not after the reference date {REFERENCE_DATE}"

    if record.quota_applies == "true" and record.quota_type == "none":
        yield "quota_type", "quota_applies is true, so quota_type cannot be none"
    if record.quota_applies != "true" and record.quota_type != "none":
        yield "quota_type", f"{record.quota_type!r} given but quota_applies is {record.quota_applies}"
    if record.quota_size is not None and record.quota_applies != "true":
        yield "quota_size", f"a quota size is given but quota_applies is {record.quota_applies}"
    if record.quota_size is not None and record.quota_year is None:
        yield "quota_year", "required with quota_size"
    if record.quota_share_percent is not None and record.quota_type != "per_employer":
        yield "quota_share_percent", f"a share of an employer's staff is given but quota_type is {record.quota_type}"

    amount_given = record.salary_threshold_amount is not None
    if record.income_requirement == "fixed_threshold" and not amount_given:
        yield "salary_threshold_amount", "required when income_requirement is fixed_threshold"
    if amount_given and record.income_requirement not in ("fixed_threshold", "minimum_wage", "means_of_subsistence"):
        yield "salary_threshold_amount", f"an amount is given but income_requirement is {record.income_requirement}"
    if amount_given or record.reduced_threshold_amount is not None:
        if record.salary_threshold_currency is None:
            yield "salary_threshold_currency", "required with a threshold amount"
        if record.salary_threshold_period is None:
            yield "salary_threshold_period", "required with a threshold amount"
    multiple_given = record.salary_threshold_multiple is not None
    if record.income_requirement == "reference_multiple":
        if amount_given:
            yield "salary_threshold_amount", "a stated amount makes the rule fixed_threshold (keep the multiple beside it)"
        if not multiple_given:
            yield "salary_threshold_multiple", "required when income_requirement is reference_multiple"
    if multiple_given and record.income_requirement not in ("reference_multiple", "fixed_threshold"):
        yield "salary_threshold_multiple", f"a multiple is given but income_requirement is {record.income_requirement}"
    if multiple_given != (record.salary_threshold_reference is not None):
        yield "salary_threshold_reference", "salary_threshold_multiple and salary_threshold_reference go together"
    if record.salary_threshold_period == "month" and record.salary_payments_per_year is None:
        yield "salary_payments_per_year", "required when the threshold is monthly (12, or 14 where the source counts 14 salaries)"
    if record.reduced_threshold_amount is not None:
        if not amount_given:
            yield "reduced_threshold_amount", "given without a main salary_threshold_amount"
        if record.reduced_threshold_condition is None:
            yield "reduced_threshold_condition", "required with a reduced_threshold_amount"
        if record.reduced_threshold_reason is None:
            yield "reduced_threshold_reason", "required with a reduced_threshold_amount (codes: " + ", ".join(
                REDUCED_THRESHOLD_REASONS) + ")"
    elif record.reduced_threshold_reason is not None:
        yield "reduced_threshold_reason", "given without a reduced_threshold_amount"

    if record.language_level is not None and record.language_requirement not in ("required", "bonus_points"):
        yield "language_level", f"a CEFR level is given but language_requirement is {record.language_requirement}"
    unknown_core = [name for name in CORE_FILTER_FIELDS if getattr(record, name) == "unknown"]
    if unknown_core and not (record.notes or "").strip():
        yield "notes", f"{', '.join(unknown_core)} {'is' if len(unknown_core) == 1 else 'are'} unknown: say what was looked for"
    if record.fee_amount is not None and record.fee_currency is None:
        yield "fee_currency", "required with fee_amount"

    if record.additional_sources:
        for url in record.additional_sources.split(";"):
            try:
                _check_https(url.strip())
            except ValueError as error:
                yield "additional_sources", str(error)


DERIVED_COLUMNS = {
    "salary_threshold_eur_year": "salary_payments_per_year",
    "reduced_threshold_eur_year": "reduced_threshold_condition",
}
"""Derived columns and the curated column each follows in the CSV."""


def csv_columns() -> list[str]:
    columns: list[str] = []
    for name in Pathway.model_fields:
        columns.append(name)
        columns.extend(derived for derived, after in DERIVED_COLUMNS.items() if after == name)
    return columns


def _base_type(annotation: object) -> object:
    """int for `Annotated[int, ...] | None`, and so on."""
    while get_origin(annotation) in (Annotated, Union, UnionType):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    return annotation


CSV_COLUMNS: list[str] = csv_columns()
INTEGER_COLUMNS = [name for name, info in Pathway.model_fields.items() if _base_type(info.annotation) is int]
NUMBER_COLUMNS = [
    name for name, info in Pathway.model_fields.items() if _base_type(info.annotation) is float
] + list(DERIVED_COLUMNS)
