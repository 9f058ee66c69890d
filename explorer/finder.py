"""Which routes fit this person? A profile, and for each route a verdict per condition with a
one-line reason, and an overall verdict.

One implementation: the finder page (app_pages/finder.py), the CLI (`python -m explorer finder`),
the exports and the tests call the functions here. Every condition that has an Explore filter
(status, nationality, skill, sector, salary, language level, job offer) is decided by that filter's
own matching rule (`explorer.filters.filter_masks` on `profile_filters(profile)`), so the finder
never contradicts the Explore page on the same input: "does not meet" is exactly what the filter
drops, and "cannot tell" is what it drops because the data says `unknown`, or what it keeps
without being able to test it. The finder then adds what the filters cannot say: why, whether
only a reduced threshold is reached, which language counts, qualification and years of experience,
and a path to permanent residence.

The link parameters of the finder page are declared once, in `PARAMETERS`; `parse_profile` reads
them (never raising on user input: what it cannot use it names in a notice) and `profile_query`
writes them. The CLI options are the same names.
"""

from __future__ import annotations

import functools
import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
import pandas as pd

from explorer.filters import FILTER, IN_FORCE, FilterSet, filter_masks
from explorer.package import METADATA, NOTICE, REFERENCE_DATE
from explorer.schema import CEFR_LEVELS, NACE_SECTIONS
from explorer.urlstate import accepted_values, nationality_codes
from explorer.vocabulary import label, language_name, multiple_in_words, place_name

# --- the verdicts -----------------------------------------------------------------------------

MEETS, UNDER_CONDITIONS, DOES_NOT_MEET, CANNOT_TELL = "meets", "meets_under_conditions", "does_not_meet", "cannot_tell"
CONDITION_VERDICTS = {MEETS: "Meets", UNDER_CONDITIONS: "Meets under conditions", DOES_NOT_MEET: "Does not meet",
                      CANNOT_TELL: "Cannot tell"}
FITS, FITS_UNDER_CONDITIONS, DOES_NOT_FIT = "fits", "fits_under_conditions", "does_not_fit"
VERDICTS = {FITS: "Fits", FITS_UNDER_CONDITIONS: "Fits under conditions", CANNOT_TELL: "Cannot tell",
            DOES_NOT_FIT: "Does not fit"}  # in the order results are shown
VERDICT_PLURAL = {FITS: "fit", FITS_UNDER_CONDITIONS: "fit under conditions", CANNOT_TELL: "cannot tell",
                  DOES_NOT_FIT: "do not fit"}

CONDITIONS = {  # name -> label, in the order they are listed for each route
    "status": "Status",
    "nationality": "Nationality",
    "skill": "Skill level",
    "qualification": "Qualification and experience",
    "sector": "Sector",
    "salary": "Salary",
    "language": "Language",
    "job_offer": "Job offer",
    "permanent": "Path to permanent residence",
}
# The Explore filter that decides each condition ("language" is decided by the `cefr` filter, fed
# the person's level in the languages that count for the route).
FILTER_OF = {"status": "status", "nationality": "nationality", "skill": "skill", "sector": "sector",
             "salary": "max_salary", "language": "cefr", "job_offer": "job_offer"}

# --- the profile ------------------------------------------------------------------------------

QUALIFICATIONS = {"none": "No formal qualification", "vocational": "Vocational qualification",
                  "higher_education": "Higher-education degree"}
QUALIFICATION_ALIASES = {"bachelor": "higher_education", "master": "higher_education", "degree": "higher_education",
                         "university": "higher_education", "phd": "higher_education", "doctorate": "higher_education"}
SKILL_OF = {"none": "low", "vocational": "medium", "higher_education": "high"}  # the level a qualification gives
SKILL_ORDER = ("low", "medium", "high")
HAS_QUALIFICATION = {"none": "no formal qualification", "vocational": "a vocational qualification",
                     "higher_education": "a higher-education degree"}
JOB_OFFER = {"yes": "Has a job offer", "no": "No job offer yet"}
PERMANENT = {"indifferent": "Does not matter", "yes": "Wanted", "no": "Not needed"}
SCOPES = {"in_force": "Routes in force on the reference date", "all": "All routes (also those closed or introduced later)"}
MAX_EXPERIENCE = 60
MAX_LANGUAGES = 8


@dataclass(frozen=True)
class Profile:
    """The person: every field optional except that a blank profile is a person with no formal
    qualification, no experience, no job offer, and no language given. `salary` is gross per year in
    `currency` (EUR or a currency of data/reference/exchange_rates.csv). `languages`: (ISO 639-1
    code, CEFR level) pairs. `status`: which routes are assessed (`in_force`, the default, or `all`)."""

    nationality: str | None = None
    qualification: str = "none"
    experience: int = 0
    sector: str | None = None
    salary: int | None = None
    currency: str = "EUR"
    languages: tuple[tuple[str, str], ...] = ()
    job_offer: str = "no"
    permanent: str = "indifferent"
    status: str = "in_force"


@dataclass(frozen=True)
class Parameter:
    """One link parameter of the finder (also a CLI option, with hyphens)."""

    name: str
    label: str
    doc: str
    repeatable: bool = False


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("nationality", "Nationality", "ISO alpha-2 code of the person's country (e.g. `BD`)"),
    Parameter("qualification", "Highest qualification", "`none`, `vocational`, `higher_education` (`bachelor`, `master`, "
              "`degree` are read as `higher_education`)"),
    Parameter("experience", "Years of professional experience", f"whole years, 0 to {MAX_EXPERIENCE}"),
    Parameter("sector", "Sector of the job", "NACE Rev.2 section letter (e.g. `Q` for health and social work)"),
    Parameter("salary", "Salary offered (gross per year)", "whole amount per year in `currency`"),
    Parameter("currency", "Currency of the salary", "`EUR` (the default) or a currency of "
              "`data/reference/exchange_rates.csv` (converted at the reference rates)"),
    Parameter("language", "Languages", "`<ISO 639-1 code>:<CEFR level>`, repeatable (e.g. `de:B1`)", repeatable=True),
    Parameter("job_offer", "Job offer", "`yes` or `no` (the default)"),
    Parameter("permanent", "Path to permanent residence", "`yes` (wanted), `no`, `indifferent` (the default)"),
    Parameter("status", "Routes assessed", "`in_force` (the default: routes open on 1 February 2024) or `all`"),
)
PARAMETER = {item.name: item for item in PARAMETERS}
_DIGITS = re.compile(r"[0-9]{1,12}")
_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2})\s*[:=]\s*([A-Ca-c][12])\s*$")


@functools.cache
def language_codes() -> dict[str, str]:
    """ISO 639-1 code -> English name, sorted by name: the languages a profile can list."""
    import pycountry
    codes = {language.alpha_2: language_name(language.alpha_2) for language in pycountry.languages if hasattr(language, "alpha_2")}
    return dict(sorted(codes.items(), key=lambda item: item[1]))


def parse_value(name: str, raw: str, currencies: Sequence[str]) -> tuple[object, str | None]:
    """(value, None) for a usable value of one parameter, or (None, why not)."""
    value = str(raw).strip()
    if name == "nationality":
        return (value.upper(), None) if value.upper() in nationality_codes() else (
            None, "is not the ISO code of a country on the list of nationalities")
    if name == "qualification":
        code = QUALIFICATION_ALIASES.get(value.lower(), value.lower())
        return (code, None) if code in QUALIFICATIONS else (None, f"is not one of: {', '.join(QUALIFICATIONS)}")
    if name == "experience":
        if not _DIGITS.fullmatch(value) or int(value) > MAX_EXPERIENCE:
            return None, f"is not a whole number of years from 0 to {MAX_EXPERIENCE}"
        return int(value), None
    if name == "sector":
        return (value.upper(), None) if value.upper() in NACE_SECTIONS else (None, "is not a NACE section letter A to U")
    if name == "salary":
        digits = value.replace(",", "").replace("_", "").replace(" ", "")
        if not _DIGITS.fullmatch(digits) or int(digits) == 0:
            return None, "is not a whole amount per year (digits only, above 0)"
        return int(digits), None
    if name == "currency":
        return (value.upper(), None) if value.upper() in currencies else (
            None, f"is not a currency with a reference rate ({', '.join(currencies)})")
    if name == "language":
        match = _LANGUAGE.match(value)
        if not match:
            return None, "is not a language and level written like de:B1"
        code, level = match.group(1).lower(), match.group(2).upper()
        if code not in language_codes():
            return None, "does not start with an ISO 639-1 language code (two letters, e.g. de)"
        return (code, level), None
    if name == "job_offer":
        return (value.lower(), None) if value.lower() in JOB_OFFER else (None, "is not one of: yes, no")
    if name == "permanent":
        return (value.lower(), None) if value.lower() in PERMANENT else (None, f"is not one of: {', '.join(PERMANENT)}")
    if name == "status":
        return (value.lower(), None) if value.lower() in SCOPES else (None, f"is not one of: {', '.join(SCOPES)}")
    return None, "is not a finder parameter"


def parse_profile(params: Mapping[str, Sequence[str] | str], currencies: Sequence[str]) -> tuple[Profile, list[str]]:
    """(profile, notices) from link parameters (or CLI options); never raises on user input."""
    accepted, notices = accepted_values(params, {item.name: item.repeatable for item in PARAMETERS},
                                        lambda name, text: parse_value(name, text, currencies))
    values: dict[str, object] = {name: found[-1] for name, found in accepted.items() if name != "language"}
    if "language" in accepted:
        levels = dict(accepted["language"])  # the same language twice: the last level given
        if len(levels) > MAX_LANGUAGES:
            notices.append(f"At most {MAX_LANGUAGES} languages are used; the first {MAX_LANGUAGES} were kept.")
        values["languages"] = tuple(list(levels.items())[:MAX_LANGUAGES])
    if values.get("salary") is None and "currency" in values and values["currency"] != "EUR":
        notices.append("A currency was given without a salary; it was ignored.")
        values.pop("currency")
    return Profile(**values), notices


def profile_query(profile: Profile) -> dict[str, list[str] | str]:
    """Link parameters that reproduce the profile; defaults are left out so links stay short."""
    default = Profile()
    query: dict[str, list[str] | str] = {}
    for item in PARAMETERS:
        if item.name == "language":
            if profile.languages:
                query["language"] = [f"{code}:{level}" for code, level in profile.languages]
            continue
        value = getattr(profile, item.name)
        if item.name == "currency" and profile.salary is None:
            continue
        if value != getattr(default, item.name) and value is not None:
            query[item.name] = str(value)
    return query


def finder_link(profile: Profile, base_url: str) -> str:
    return f"{base_url}finder" + (f"?{urlencode(profile_query(profile), doseq=True)}" if profile_query(profile) else "")


def parameter_table() -> str:
    """The README's table of the finder's link parameters."""
    rows = ["| parameter | meaning |", "|---|---|"]
    rows += [f"| `{item.name}` | {item.label}: {item.doc} |" for item in PARAMETERS]
    return "\n".join(rows)


# The ready-made profiles for workshops (links on the page, `--profile` on the CLI).
READY_MADE: dict[str, tuple[str, Profile]] = {
    "care_worker": ("A Bangladeshi care worker (vocational, 3 years, health and care, EUR 30,000 offered, English B2, "
                    "German A2)",
                    Profile(nationality="BD", qualification="vocational", experience=3, sector="Q", salary=30000,
                            languages=(("en", "B2"), ("de", "A2")), job_offer="yes", permanent="yes")),
    "seasonal_worker": ("A Moroccan seasonal agricultural worker (no formal qualification, 2 years, agriculture, "
                        "EUR 15,000 offered, Arabic, French A2)",
                        Profile(nationality="MA", qualification="none", experience=2, sector="A", salary=15000,
                                languages=(("ar", "C2"), ("fr", "A2")), job_offer="yes")),
    "software_engineer": ("An Indian software engineer (degree, 5 years, information and communication, EUR 60,000 "
                          "offered, English C1)",
                          Profile(nationality="IN", qualification="higher_education", experience=5, sector="J",
                                  salary=60000, languages=(("en", "C1"), ("hi", "C2")), job_offer="yes", permanent="yes")),
    "graduate_job_seeker": ("A Nigerian graduate looking for work (degree, no experience, no job offer, English C1)",
                            Profile(nationality="NG", qualification="higher_education", experience=0,
                                    languages=(("en", "C1"),), job_offer="no")),
}


def salary_eur(profile: Profile, rates: Mapping[str, float]) -> float | None:
    """The salary offered in EUR per year at the reference rates, rounded like the thresholds."""
    if profile.salary is None:
        return None
    return round(profile.salary / rates[profile.currency], 2)


def skill_levels(profile: Profile) -> tuple[str, ...]:
    """The skill levels of the routes a person can be considered for: the level their qualification
    gives and those below it; the levels above it too when they have experience, which some routes
    accept instead of a qualification (the qualification condition then decides)."""
    own = SKILL_ORDER.index(SKILL_OF[profile.qualification])
    return SKILL_ORDER if profile.experience > 0 else SKILL_ORDER[: own + 1]


def profile_filters(profile: Profile, rates: Mapping[str, float]) -> FilterSet:
    """The Explore filters that decide the finder's conditions for this profile (all but the
    language level, which depends on the route's languages: see `language_level_for`)."""
    offer = salary_eur(profile, rates)
    return FilterSet(status="in_force", nationality=profile.nationality, skill=skill_levels(profile),
                     sector=(profile.sector,) if profile.sector else (), max_salary=offer,
                     job_offer="no" if profile.job_offer == "no" else None)


def language_level_for(profile: Profile, languages: object) -> str | None:
    """The person's best CEFR level among the languages that count for a route (any language when
    the route does not say which), or None when they have none of them."""
    counted = set(languages.split(";")) if isinstance(languages, str) and languages else None
    levels = [level for code, level in profile.languages if counted is None or code in counted]
    return max(levels, key=CEFR_LEVELS.index) if levels else None


# --- assessing routes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    condition: str  # a key of CONDITIONS
    verdict: str  # a key of CONDITION_VERDICTS
    reason: str  # one line, plain words


@dataclass(frozen=True)
class Assessment:
    route_id: str
    member_state: str
    name: str
    verdict: str  # a key of VERDICTS
    checks: tuple[Check, ...] = field(default_factory=tuple)

    def check(self, condition: str) -> Check | None:
        return next((item for item in self.checks if item.condition == condition), None)


def overall(checks: Sequence[Check]) -> str:
    verdicts = {item.verdict for item in checks}
    if DOES_NOT_MEET in verdicts:
        return DOES_NOT_FIT
    if CANNOT_TELL in verdicts:
        return CANNOT_TELL
    if UNDER_CONDITIONS in verdicts:
        return FITS_UNDER_CONDITIONS
    return FITS


def money(amount: float, currency: str = "EUR") -> str:
    """'EUR 45,300', 'EUR 41,041.80'."""
    text = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{currency} {text}"


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _names(codes: list[str], limit: int = 6) -> str:
    names = [place_name(code) for code in codes]
    return ", ".join(names) if len(names) <= limit else f"{', '.join(names[:limit])} and {len(names) - limit} more"


def _reduced_groups(route) -> str:
    reasons = route["reduced_threshold_reason"]
    if isinstance(reasons, str) and reasons:
        return ", ".join(label("reduced_threshold_reason", code).lower() for code in reasons.split(";"))
    condition = route["reduced_threshold_condition"]
    return condition[:80] + ("…" if len(condition) > 80 else "") if isinstance(condition, str) else "some applicants"


def _status(route, kept: bool) -> Check:
    if kept:
        pilot = " (a pilot)" if route["status"] == "pilot" else ""
        return Check("status", MEETS, f"In force on the reference date ({REFERENCE_DATE}){pilot}")
    if route["status"] == "closed":
        return Check("status", DOES_NOT_MEET, "Closed before the reference date")
    since = f" (from {route['valid_from']})" if isinstance(route["valid_from"], str) else ""
    return Check("status", DOES_NOT_MEET, f"Introduced after the reference date{since}")


def _nationality(route, profile: Profile, kept: bool) -> Check:
    listed = route["target_nationalities"]
    country = place_name(profile.nationality)
    if listed == "all":
        return Check("nationality", MEETS, "Open to all nationalities")
    if kept:
        return Check("nationality", MEETS, f"Open to nationals of listed countries, {country} among them")
    return Check("nationality", DOES_NOT_MEET, f"Open only to nationals of {_names(listed.split(';'))}; not {country}")


def _skill(route, profile: Profile, kept: bool) -> Check:
    level = route["skill_level"]
    own = SKILL_OF[profile.qualification]
    if level == "any":
        return Check("skill", MEETS, "Open whatever the skill level")
    words = label("skill_level", level).lower()
    if not kept:
        return Check("skill", DOES_NOT_MEET, f"A {words}-skill route; the profile's qualification gives a "
                                             f"{label('skill_level', own).lower()} level and no experience")
    if SKILL_ORDER.index(level) <= SKILL_ORDER.index(own):
        return Check("skill", MEETS, f"A {words}-skill route; the profile's qualification reaches that level")
    return Check("skill", UNDER_CONDITIONS, f"A {words}-skill route; without the qualification, only where experience "
                                            "counts instead (see qualification)")


def _qualification(route, profile: Profile) -> Check:
    required = route["qualification_required"]
    minimum = route["min_experience_years"]
    minimum = None if _missing(minimum) else int(minimum)
    years = profile.experience
    has = f"{years} year{'s' if years != 1 else ''} of experience"
    degree = profile.qualification == "higher_education"
    if required == "unknown":
        return Check("qualification", CANNOT_TELL, "The qualification required is not recorded")
    if required == "higher_education_or_experience":
        if degree:
            return Check("qualification", MEETS, "A degree (or experience instead) is required; the profile has a degree")
        if minimum is None:
            if years == 0:
                return Check("qualification", DOES_NOT_MEET, "A degree or equivalent experience is required; the profile has neither")
            return Check("qualification", CANNOT_TELL, f"No degree; the record does not say how many years of experience "
                                                       f"can replace it (the profile has {has})")
        if years >= minimum:
            return Check("qualification", UNDER_CONDITIONS, f"No degree, but {has} reach the {minimum} years that can "
                                                            "replace it for some applicants (see the record)")
        return Check("qualification", DOES_NOT_MEET, f"No degree, and {has} are fewer than the {minimum} years that can replace it")
    if required == "professional_experience":
        if minimum is None:
            if years == 0:
                return Check("qualification", DOES_NOT_MEET, "Professional experience is required; the profile has none")
            return Check("qualification", CANNOT_TELL, f"Professional experience is required; the record does not say "
                                                       f"how many years (the profile has {has})")
        if years >= minimum:
            return Check("qualification", MEETS, f"At least {minimum} years of experience required; the profile has {years}")
        return Check("qualification", DOES_NOT_MEET, f"At least {minimum} years of experience required; the profile has {years}")
    extra = ""
    if minimum is not None:
        if years < minimum:
            return Check("qualification", DOES_NOT_MEET, f"At least {minimum} years of experience required; the profile has {years}")
        extra = f", and {has} (at least {minimum} required)"
    if required == "none":
        return Check("qualification", MEETS, "No qualification required" + extra)
    if required == "vocational":
        if profile.qualification in ("vocational", "higher_education"):
            return Check("qualification", MEETS, "A vocational qualification is required; the profile has "
                                                 f"{HAS_QUALIFICATION[profile.qualification]}" + extra)
        return Check("qualification", DOES_NOT_MEET, "A vocational qualification is required; the profile has none")
    if degree:
        return Check("qualification", MEETS, "A higher-education degree is required; the profile has one" + extra)
    return Check("qualification", DOES_NOT_MEET, "A higher-education degree is required; the profile has "
                                                 f"{HAS_QUALIFICATION[profile.qualification]}")


def _sector(route, profile: Profile, kept: bool) -> Check:
    sectors = route["sectors"]
    wanted = label("sectors", profile.sector)
    if sectors == "all":
        return Check("sector", MEETS, "Open to all sectors")
    if kept:
        return Check("sector", MEETS, f"Open to the sector {wanted}")
    return Check("sector", DOES_NOT_MEET, f"Only for {label('sectors', sectors)}; not {wanted}")


NO_AMOUNT = {
    "none": (MEETS, "No income condition"),
    "collective_agreement": (UNDER_CONDITIONS, "Pay must match the collective agreement or local pay; no amount to compare with"),
    "minimum_wage": (UNDER_CONDITIONS, "Pay must reach the statutory minimum wage; the amount is not recorded"),
    "means_of_subsistence": (UNDER_CONDITIONS, "Proof of sufficient means is asked; no amount recorded"),
    "unknown": (CANNOT_TELL, "The income rule is not recorded"),
}


def _salary(route, profile: Profile, offer: float | None, kept: bool) -> Check:
    threshold, reduced = route["salary_threshold_eur_year"], route["reduced_threshold_eur_year"]
    if _missing(threshold) and route["income_requirement"] == "reference_multiple":
        return Check("salary", CANNOT_TELL, f"The threshold is {multiple_in_words(route)}; "
                                            "no source states its amount on the reference date")
    if _missing(threshold):
        verdict, reason = NO_AMOUNT.get(route["income_requirement"], (CANNOT_TELL, "No amount recorded"))
        return Check("salary", verdict, reason)
    asked = f"the {money(threshold)} threshold"
    if route["salary_threshold_currency"] not in (None, "EUR") and isinstance(route["salary_threshold_currency"], str):
        asked += " (converted at the reference rate)"
    has_reduced = not _missing(reduced)
    reduced_text = f"the reduced {money(reduced)} ({_reduced_groups(route)})" if has_reduced else ""
    if offer is None:
        return Check("salary", CANNOT_TELL, f"No salary given to compare with {asked} a year")
    said = f"Offer {money(profile.salary, profile.currency)}"
    if profile.currency != "EUR":
        said += f" ({money(offer)} at the reference rate)"
    if not kept:
        return Check("salary", DOES_NOT_MEET, f"{said} is below {asked}" + (f" and {reduced_text}" if has_reduced else ""))
    if threshold <= offer:
        return Check("salary", MEETS, f"{said} reaches {asked}")
    return Check("salary", UNDER_CONDITIONS, f"{said} is below {asked} but reaches {reduced_text}")


def _language(route, profile: Profile, best: str | None, kept: bool) -> Check:
    requirement, level, languages = route["language_requirement"], route["language_level"], route["languages"]
    if requirement == "none":
        return Check("language", MEETS, "No language requirement for the first permit")
    if requirement == "unknown":
        return Check("language", CANNOT_TELL, "The language requirement is not recorded")
    named = " or ".join(language_name(code) for code in languages.split(";")) if isinstance(languages, str) else ""
    if requirement == "bonus_points":
        return Check("language", MEETS, "Languages only earn points; not a condition")
    person = {code: own for code, own in profile.languages}
    if _missing(level):
        if not named:
            return Check("language", CANNOT_TELL, "A language is required; neither the language nor the level is recorded")
        if best is None:
            return Check("language", DOES_NOT_MEET, f"{named} is required (level not recorded); the profile has no {named}")
        return Check("language", CANNOT_TELL, f"{named} is required; the level is not recorded")
    if not named:  # a level, but not which language
        if best is None:
            return Check("language", DOES_NOT_MEET, f"Level {level} is required (the language is not recorded); the "
                                                    "profile lists no language")
        if not kept:
            return Check("language", DOES_NOT_MEET, f"Level {level} is required (the language is not recorded); the "
                                                    f"profile's best level is {best}")
        return Check("language", CANNOT_TELL, f"Level {level} is required, but cannot tell which language (not recorded)")
    if best is None:
        return Check("language", DOES_NOT_MEET, f"{level} in {named} is required; the profile has no {named}")
    spoken = ", ".join(f"{language_name(code)} {person[code]}" for code in languages.split(";") if code in person)
    if not kept:
        return Check("language", DOES_NOT_MEET, f"{level} in {named} is required; the profile has {spoken}")
    return Check("language", MEETS, f"{level} in {named} is required; the profile has {spoken}")


def _job_offer(route, profile: Profile, kept: bool) -> Check:
    required = route["job_offer_required"]
    if profile.job_offer == "yes":
        return Check("job_offer", MEETS, {"true": "A job offer is required; the profile has one",
                                          "false": "No job offer needed (the profile has one)"}.get(
            required, "The profile has a job offer (whether one is required is not recorded)"))
    if kept:
        return Check("job_offer", MEETS, "No job offer needed")
    if required == "unknown":
        return Check("job_offer", CANNOT_TELL, "Whether a job offer is required is not recorded")
    return Check("job_offer", DOES_NOT_MEET, "A job offer is required; the profile has none")


PERMANENT_VERDICTS = {
    "yes": (MEETS, "The route can lead to permanent residence"),
    "conditional": (UNDER_CONDITIONS, "The route can lead to permanent residence under conditions"),
    "no": (DOES_NOT_MEET, "The route does not lead to permanent residence"),
    "unknown": (CANNOT_TELL, "Whether the route leads to permanent residence is not recorded"),
}


def assess(pathways: pd.DataFrame, profile: Profile, rates: Mapping[str, float]) -> list[Assessment]:
    """Every route in scope (in force on the reference date, or all with `status=all`), in the
    dataset's order, with a verdict and a reason per condition. None is left out."""
    filters = profile_filters(profile, rates)
    masks = filter_masks(pathways, filters)
    offer = salary_eur(profile, rates)
    best = [language_level_for(profile, languages) for languages in pathways["languages"]]
    cefr_kept = np.ones(len(pathways), dtype=bool)
    for level in set(best) - {None}:  # the `cefr` filter, fed each route's own level
        chosen = np.array([item == level for item in best])
        cefr_kept[chosen] = FILTER["cefr"].match(pathways, level)[chosen]
    in_scope = masks["status"] if profile.status == "in_force" else np.ones(len(pathways), dtype=bool)
    results = []
    for position, route in enumerate(pathways.to_dict("records")):
        if not in_scope[position]:
            continue
        kept = {name: bool(mask[position]) for name, mask in masks.items()}
        checks = [_status(route, kept["status"])]
        if profile.nationality:
            checks.append(_nationality(route, profile, kept["nationality"]))
        checks.append(_skill(route, profile, kept["skill"]))
        checks.append(_qualification(route, profile))
        if profile.sector:
            checks.append(_sector(route, profile, kept["sector"]))
        checks.append(_salary(route, profile, offer, kept.get("max_salary", True)))
        checks.append(_language(route, profile, best[position], bool(cefr_kept[position])))
        checks.append(_job_offer(route, profile, kept.get("job_offer", True)))
        if profile.permanent == "yes":
            verdict, reason = PERMANENT_VERDICTS[route["path_to_permanent_residence"]]
            checks.append(Check("permanent", verdict, reason))
        results.append(Assessment(route["id"], route["member_state"], route["name"], overall(checks), tuple(checks)))
    return results


def verdict_counts(assessments: Sequence[Assessment]) -> dict[str, int]:
    counted = Counter(item.verdict for item in assessments)
    return {verdict: counted.get(verdict, 0) for verdict in VERDICTS}


def counts_in_words(counts: Mapping[str, int]) -> str:
    """'2 fit, 1 fit under conditions, 3 cannot tell, 10 do not fit' (every verdict named, even 0)."""
    return ", ".join(f"{counts.get(verdict, 0)} {VERDICT_PLURAL[verdict]}" for verdict in VERDICTS)


def not_assessed(pathways: pd.DataFrame, profile: Profile) -> int:
    """How many routes the scope leaves out (not in force on the reference date)."""
    return 0 if profile.status == "all" else int((~pathways["status"].isin(IN_FORCE)).sum())


def by_member_state(assessments: Sequence[Assessment]) -> dict[str, list[Assessment]]:
    """Assessments per member state (by name), each list ordered fits, under conditions, cannot tell, does not fit."""
    order = list(VERDICTS)
    grouped: dict[str, list[Assessment]] = {}
    for item in sorted(assessments, key=lambda item: (place_name(item.member_state), order.index(item.verdict), item.name)):
        grouped.setdefault(item.member_state, []).append(item)
    return grouped


def fitting(pathways: pd.DataFrame, assessments: Sequence[Assessment]) -> pd.DataFrame:
    """The routes that fit, fully or under conditions (the rows the map counts)."""
    ids = {item.route_id for item in assessments if item.verdict in (FITS, FITS_UNDER_CONDITIONS)}
    return pathways[pathways["id"].isin(ids)]


def state_breakdown(assessments: Sequence[Assessment]) -> dict[str, str]:
    """Per member state, its counts in words (the map's hover text)."""
    return {state: counts_in_words(verdict_counts(items)) for state, items in by_member_state(assessments).items()}


# --- the profile and the results in words (page, exports, CLI) --------------------------------


def describe_profile(profile: Profile, rates: Mapping[str, float]) -> list[str]:
    """The profile in plain words, one line per answer."""
    lines = [f"Nationality: {place_name(profile.nationality) if profile.nationality else 'not given'}",
             f"Highest qualification: {QUALIFICATIONS[profile.qualification]}",
             f"Professional experience: {profile.experience} year{'s' if profile.experience != 1 else ''}",
             f"Sector: {label('sectors', profile.sector) if profile.sector else 'not given'}"]
    if profile.salary is None:
        lines.append("Salary offered: not given")
    else:
        eur = "" if profile.currency == "EUR" else f" ({money(salary_eur(profile, rates))} at the reference rate)"
        lines.append(f"Salary offered: {money(profile.salary, profile.currency)} gross a year{eur}")
    spoken = ", ".join(f"{language_name(code)} {level}" for code, level in profile.languages)
    lines.append(f"Languages: {spoken or 'none given'}")
    lines.append(f"Job offer: {'yes' if profile.job_offer == 'yes' else 'no'}")
    lines.append(f"Path to permanent residence: {PERMANENT[profile.permanent].lower()}")
    lines.append(f"Routes assessed: {SCOPES[profile.status].lower()} ({REFERENCE_DATE})")
    return lines


LEGAL_NOTE = ("A visual aid, not legal advice: the verdicts compare the profile with the conditions recorded in this "
              "dataset on the reference date. Check the national authority of the member state before relying on them.")


def results_table(pathways: pd.DataFrame, assessments: Sequence[Assessment]) -> pd.DataFrame:
    """One row per route assessed, in words: member state, route, verdict, each condition's verdict
    and reason, confidence and source. What the CSV and Excel exports hold."""
    records = pathways.set_index("id")
    rows = []
    for state, items in by_member_state(assessments).items():
        for item in items:
            record = records.loc[item.route_id]
            row = {"Member state": place_name(state), "Route": item.name, "Record id": item.route_id,
                   "Verdict": VERDICTS[item.verdict]}
            for name, text in CONDITIONS.items():
                check = item.check(name)
                row[f"{text}: verdict"] = CONDITION_VERDICTS[check.verdict] if check else "Not asked"
                row[f"{text}: reason"] = check.reason if check else ""
            row["Confidence"] = label("confidence", record["confidence"])
            row["Source"] = record["source_title"]
            row["Source address"] = record["source_url"]
            rows.append(row)
    columns = ["Member state", "Route", "Record id", "Verdict",
               *[f"{text}: {part}" for text in CONDITIONS.values() for part in ("verdict", "reason")],
               "Confidence", "Source", "Source address"]
    return pd.DataFrame(rows, columns=columns)


def results_csv(pathways: pd.DataFrame, assessments: Sequence[Assessment]) -> bytes:
    from explorer.datafiles import safe_cell
    table = results_table(pathways, assessments).map(safe_cell)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def results_workbook(pathways: pd.DataFrame, assessments: Sequence[Assessment], profile: Profile,
                     rates: Mapping[str, float], link: str) -> bytes:
    """Excel: the verdicts and reasons, and a sheet with the profile, the link, citation and licence."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from explorer.datafiles import safe_cell
    from explorer.excel import add_sheet

    table = results_table(pathways, assessments)
    workbook = Workbook()
    workbook.remove(workbook.active)
    widths = [16, 40, 24, 20] + [18, 50] * len(CONDITIONS) + [12, 40, 50]
    sheet = add_sheet(workbook, "Verdicts", list(table.columns),
                      [[safe_cell(value) for value in row] for row in table.itertuples(index=False)], widths)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    licence = METADATA["licenses"][0]
    counts = verdict_counts(assessments)
    add_sheet(workbook, "Profile and notes", ["", ""], [
        ["Title", f"{METADATA['title']}: which routes fit this profile"],
        *[["Profile", line] for line in describe_profile(profile, rates)],
        ["Routes assessed", f"{len(assessments)}: {counts_in_words(counts)}"],
        ["Not assessed", f"{not_assessed(pathways, profile)} routes not in force on the reference date"],
        ["Reference date", REFERENCE_DATE],
        ["Link to this profile", link],
        ["Citation", METADATA["citation"]],
        ["Licence", f"{licence['title']} ({licence['name']}), {licence['path']}"],
        ["Not legal advice", LEGAL_NOTE],
        ["Notice", NOTICE],
    ], [22, 120])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the command line (`python -m explorer finder`; explorer/cli.py adds the subcommand) --------


def add_cli(commands) -> None:
    """The `finder` subcommand: one option per link parameter (hyphens for underscores)."""
    finder = commands.add_parser("finder", help="which routes fit a profile: verdicts and reasons as CSV or Excel")
    for item in PARAMETERS:
        finder.add_argument("--" + item.name.replace("_", "-"), dest=item.name, action="append" if item.repeatable else "store",
                            help=f"{item.label}: {item.doc}".replace("`", "").replace("%", "%%"))
    finder.add_argument("--profile", choices=list(READY_MADE), help="start from a ready-made profile (options given "
                        "as well replace its answers)")
    finder.add_argument("--out", type=Path, help="output file: .csv (verdicts and reasons) or .xlsx (with the profile)")


def run_cli(dataset, args) -> int:
    """Assess every route in scope for the profile the options give; print the counts, write the file.
    A bad value stops it with a message (exit 2) and writes nothing."""
    import sys

    given = {item.name: getattr(args, item.name) for item in PARAMETERS if getattr(args, item.name) is not None}
    base = profile_query(READY_MADE[args.profile][1]) if args.profile else {}
    profile, notices = parse_profile({**base, **given}, list(dataset.exchange_rates))
    if args.out is not None and args.out.suffix not in (".csv", ".xlsx"):
        notices.append(f"--out {args.out.name}: the file must end in .csv or .xlsx.")
    if notices:
        for notice in notices:
            notice = re.sub(r"`(\w+)=(.*?)` was ignored: it ", lambda match: f"--{match.group(1).replace('_', '-')} "
                            f"{match.group(2)}: ", notice)
            print(notice.replace("`", "").replace("link parameter", "option"), file=sys.stderr)
        return 2
    assessments = assess(dataset.pathways, profile, dataset.exchange_rates)
    counts = verdict_counts(assessments)
    print("; ".join(describe_profile(profile, dataset.exchange_rates)))
    print(f"{len(assessments)} routes assessed: {counts_in_words(counts)}")
    if left_out := not_assessed(dataset.pathways, profile):
        print(f"{left_out} routes not in force on the reference date were not assessed (--status all includes them)")
    if args.out is not None:
        link = finder_link(profile, "http://localhost:8501/")
        content = (results_workbook(dataset.pathways, assessments, profile, dataset.exchange_rates, link)
                   if args.out.suffix == ".xlsx" else results_csv(dataset.pathways, assessments))
        args.out.write_bytes(content)
        print(f"wrote {len(assessments)} rows to {args.out}")
    return 0
