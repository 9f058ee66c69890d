"""Every code the data uses, with the English label people read and a one-line definition.

One home for words: pages, charts, tooltips, filter descriptions, file names and the Excel export
take their labels from here, and the data package ships it as `codebook.csv`. The CSV keeps the
codes (the data contract). A test checks that every value the schema allows has an entry.
Member-state and country names come from data/reference and data/geo (see `place_name`).
"""

from __future__ import annotations

import re

from functools import cache

# field -> code -> (label, definition)
CODEBOOK: dict[str, dict[str, tuple[str, str]]] = {
    "category": {
        "eu_blue_card": ("EU Blue Card", "The EU-wide permit for highly qualified employment (Directive (EU) 2021/1883)."),
        "highly_skilled": ("Highly skilled (national)", "A national permit for highly qualified or highly paid workers."),
        "skilled_worker": ("Skilled worker", "A permit for workers with a vocational or academic qualification."),
        "general_work_permit": ("General work permit", "The general permit to work for an employer, open to most occupations."),
        "shortage_occupation": ("Shortage occupation", "A route open to occupations on a shortage list."),
        "seasonal_work": ("Seasonal work", "Work tied to a season, for a limited number of months a year."),
        "intra_corporate_transfer": ("Intra-corporate transfer", "A transfer within a company group from outside the EU."),
        "researcher": ("Researcher", "Research under a hosting agreement or research contract."),
        "trainee_or_apprentice": ("Trainee or apprentice", "Vocational training, traineeships and apprenticeships."),
        "job_seeker": ("Job seeker", "A stay to look for work, with no job offer yet."),
        "self_employed": ("Self-employed", "Work on one's own account or as a freelancer."),
        "entrepreneur_startup": ("Entrepreneur or start-up", "Founding or running an innovative or start-up business."),
        "investor": ("Investor", "A stay tied to an investment in the member state."),
        "youth_mobility": ("Youth mobility", "Working-holiday and youth-mobility schemes for young people."),
        "digital_nomad": ("Digital nomad", "Remote work for employers or clients outside the member state."),
        "service_provider": ("Service provider", "Workers posted to provide a service for a foreign employer."),
        "bilateral_or_pilot": ("Bilateral or pilot programme", "A route created by a bilateral agreement or a pilot project."),
        "other": ("Other", "A route that fits none of the other categories."),
    },
    "skill_level": {
        "high": ("High", "Highly qualified: usually a degree or equivalent experience."),
        "medium": ("Medium", "A vocational qualification or comparable experience."),
        "low": ("Low", "No particular qualification."),
        "any": ("Any level", "Open whatever the skill level."),
    },
    "status": {
        "active": ("In force", "Open on the reference date."),
        "pilot": ("Pilot (in force)", "A pilot open on the reference date."),
        "closed": ("Closed", "Closed before the reference date."),
        "introduced_after_reference": ("Introduced later", "Opened after the reference date."),
    },
    "labour_market_test": {
        "yes": ("Required", "A test of the domestic labour market applies to every application."),
        "no": ("None", "No labour-market test."),
        "exempt_if_shortage": ("Required, except for shortage occupations",
                               "The test applies unless the occupation is on a shortage or similar list."),
        "unknown": ("Unknown", "Not found in the sources; the record's notes say what was looked for."),
    },
    "quota_applies": {
        "true": ("Under a quota", "A numerical cap can stop the application."),
        "false": ("No quota", "The permit is granted once its conditions are met."),
        "unknown": ("Unknown", "Not found in the sources; the record's notes say what was looked for."),
    },
    "quota_type": {
        "none": ("None", "No cap."),
        "national_annual": ("National annual cap", "A number of permits for the whole country per year."),
        "sectoral": ("Cap per sector or occupation list", "A cap for a sector or an occupation list."),
        "per_nationality": ("Cap per nationality", "A cap for the nationals of one country, or per embassy."),
        "per_employer": ("Cap per employer", "A cap on the share or number of foreign workers one employer may hire."),
        "programme": ("Cap on one programme", "A number of places for one programme or scheme."),
    },
    "income_requirement": {
        "none": ("None", "No income or means condition."),
        "fixed_threshold": ("Fixed salary threshold", "A stated minimum salary."),
        "reference_multiple": ("Multiple of a reference pay",
                               "A stated multiple of a published figure such as the national average salary; "
                               "no source states the amount for the reference date."),
        "collective_agreement": ("Pay as in the collective agreement",
                                 "Pay must match the collective agreement or comparable local workers; no amount."),
        "minimum_wage": ("Minimum wage", "The statutory minimum wage is the floor."),
        "means_of_subsistence": ("Means of subsistence", "Proof of sufficient means, not a salary condition."),
        "unknown": ("Unknown", "Not found in the sources; the record's notes say what was looked for."),
    },
    "language_requirement": {
        "none": ("No requirement", "No language condition for the first permit."),
        "bonus_points": ("Bonus points only", "Language earns points but is not a condition."),
        "required": ("Required", "Proof of a language is a condition of the first permit."),
        "unknown": ("Unknown", "Not found in the sources; the record's notes say what was looked for."),
    },
    "qualification_required": {
        "none": ("None", "No qualification required."),
        "vocational": ("Vocational", "A vocational qualification."),
        "higher_education": ("Higher education", "A university degree."),
        "higher_education_or_experience": ("Higher education or experience", "A degree or equivalent professional experience."),
        "professional_experience": ("Professional experience", "Years of experience in the occupation."),
        "unknown": ("Unknown", "Not found in the sources; the record's notes say what was looked for."),
    },
    "duration_type": {
        "short_term": ("Short term", "A stay limited to months (for example seasonal work)."),
        "temporary_renewable": ("Temporary, renewable", "A fixed-term permit that can be renewed."),
        "permanent": ("Permanent", "A permanent residence permit from the start."),
    },
    "job_offer_required": {
        "true": ("Required", "A job offer or contract is a condition."),
        "false": ("Not required", "No job offer is needed."),
        "unknown": ("Unknown", "Not found in the sources; the record's notes say what was looked for."),
    },
    "family_reunification": {
        "yes": ("Yes", "Allowed."), "no": ("No", "Not allowed."),
        "conditional": ("Under conditions", "Allowed under conditions (see the notes)."),
        "unknown": ("Unknown", "Not found in the sources."),
    },
    "reduced_threshold_reason": {
        "shortage_occupation": ("Shortage occupations", "Occupations on a shortage list or in particular need of workers, as the condition names them."),
        "recent_graduate": ("Recent graduates", "Graduates within a stated time of their degree (career starters)."),
        "young_age": ("Under an age limit", "Applicants younger than an age the condition states (for example under 30)."),
        "other": ("Other groups", "Another group the condition names (for example trainees, listed occupations); see its text."),
    },
    "salary_threshold_period": {
        "month": ("per month", "The amount is stated per month."),
        "year": ("per year", "The amount is stated per year."),
    },
    "confidence": {
        "high": ("High", "Every filter fact read on an official page for the reference date."),
        "medium": ("Medium", "Some facts from secondary sources, or from a page dated after the reference date."),
        "low": ("Low", "Important facts unconfirmed."),
    },
    "sectors": {
        "all": ("All sectors", "Open to every sector."),
        "A": ("Agriculture, forestry, fishing", "NACE Rev.2 section A."), "B": ("Mining", "NACE Rev.2 section B."),
        "C": ("Manufacturing", "NACE Rev.2 section C."), "D": ("Energy supply", "NACE Rev.2 section D."),
        "E": ("Water, waste", "NACE Rev.2 section E."), "F": ("Construction", "NACE Rev.2 section F."),
        "G": ("Trade", "NACE Rev.2 section G."), "H": ("Transport, storage", "NACE Rev.2 section H."),
        "I": ("Accommodation, food", "NACE Rev.2 section I."), "J": ("Information, communication", "NACE Rev.2 section J."),
        "K": ("Finance, insurance", "NACE Rev.2 section K."), "L": ("Real estate", "NACE Rev.2 section L."),
        "M": ("Professional, scientific, technical", "NACE Rev.2 section M."),
        "N": ("Administrative, support", "NACE Rev.2 section N."), "O": ("Public administration", "NACE Rev.2 section O."),
        "P": ("Education", "NACE Rev.2 section P."), "Q": ("Health, social work", "NACE Rev.2 section Q."),
        "R": ("Arts, recreation", "NACE Rev.2 section R."), "S": ("Other services", "NACE Rev.2 section S."),
        "T": ("Households as employers", "NACE Rev.2 section T."), "U": ("Extraterritorial bodies", "NACE Rev.2 section U."),
    },
}
# Fields coded alike share an entry.
CODEBOOK["path_to_permanent_residence"] = CODEBOOK["family_reunification"]
CODEBOOK["employer_change"] = CODEBOOK["family_reunification"]

# The partnerships dataset's codes (data/research/PARTNERSHIPS.md), apart from the pathways' codebook.
PARTNERSHIP_CODEBOOK: dict[str, dict[str, tuple[str, str]]] = {
    "partnership_kind": {
        "eu_talent_partnership": ("EU Talent Partnership", "A Talent Partnership between the EU and a partner country."),
        "eu_funded_pilot": ("EU-funded pilot project", "A Migration Partnership Facility or other EU-funded pilot project."),
        "bilateral_agreement": ("Bilateral agreement", "A bilateral labour or migration agreement or memorandum."),
        "national_programme": ("National programme", "A member state's own placement or recruitment programme."),
        "skills_mobility_partnership": ("Skills-mobility partnership", "Another skills-mobility partnership (EMN definition)."),
    },
    "partnership_status": {
        "active": ("Active", "Running on the date concerned."),
        "planned": ("Planned", "Announced, not started."),
        "ended": ("Ended", "Over by the date concerned."),
        "unknown": ("Unknown", "Not found in the sources."),
    },
    "partnership_offer": {
        "training_in_partner_country": ("Training in the partner country", ""),
        "training_in_member_state": ("Training in the member state", ""),
        "placement": ("Job matching and placement", ""),
        "recognition": ("Recognition of qualifications", ""),
        "language_courses": ("Language courses", ""),
        "pre_departure_orientation": ("Pre-departure orientation", ""),
        "return_reintegration": ("Return and reintegration", ""),
        "capacity_building": ("Capacity building of institutions", ""),
        "other": ("Other", ""),
    },
}

# The record's fields as people read them (column headers of the Excel export, the record view).
FIELD_LABELS = {
    "id": "Record id", "member_state": "Member state", "region": "Region", "name": "Pathway", "name_local": "Official name",
    "summary": "Summary", "category": "Category", "skill_level": "Skill level", "sectors": "Sectors",
    "target_nationalities": "Open to nationals of", "status": "Status on 1 February 2024", "valid_from": "In force from",
    "job_offer_required": "Job offer", "labour_market_test": "Labour-market test", "quota_applies": "Quota",
    "quota_type": "Kind of quota", "quota_size": "Quota size", "quota_year": "Quota year",
    "quota_share_percent": "Share of an employer's staff (%)",
    "income_requirement": "Income rule",
    "salary_threshold_multiple": "Threshold as a multiple", "salary_threshold_reference": "Multiple of", "salary_threshold_amount": "Salary threshold (as the source states it)",
    "salary_threshold_currency": "Currency", "salary_threshold_period": "Period",
    "salary_payments_per_year": "Salary payments per year", "salary_threshold_eur_year": "Threshold, EUR per year",
    "reduced_threshold_amount": "Reduced threshold (as stated)", "reduced_threshold_reason": "Reduced threshold: groups",
    "reduced_threshold_condition": "Reduced threshold applies to",
    "reduced_threshold_eur_year": "Reduced threshold, EUR per year", "language_requirement": "Language requirement",
    "language_level": "Language level (CEFR)", "languages": "Languages that count", "qualification_required": "Qualification",
    "min_experience_years": "Minimum experience (years)",
    "duration_type": "Duration", "initial_permit_months": "First permit (months)", "max_stay_months": "Longest stay (months)",
    "family_reunification": "Family reunification", "path_to_permanent_residence": "Path to permanent residence",
    "employer_change": "Change of employer", "processing_days": "Decision time (days)", "fee_amount": "Fee",
    "fee_currency": "Fee currency", "legal_basis": "Legal basis", "source_url": "Source", "source_title": "Source title",
    "source_publisher": "Source publisher", "additional_sources": "Additional sources", "as_of": "Facts as of",
    "last_verified": "Last checked", "confidence": "Confidence", "changes_after_reference": "Changes after 1 February 2024",
    "notes": "Notes",
}


def _entries(field: str) -> dict[str, tuple[str, str]]:
    """A field's codes, from the pathways' codebook or the partnerships'."""
    return CODEBOOK.get(field) or PARTNERSHIP_CODEBOOK.get(field, {})


def label(field: str, code: object) -> str:
    """The label of one coded value; `;`-separated lists (sectors) are labelled item by item."""
    if code is None or (isinstance(code, float) and code != code):
        return ""
    entries = _entries(field)
    text = str(code)
    if field in ("sectors", "reduced_threshold_reason") and text != "all":
        return "; ".join(entries.get(item, (item, ""))[0] for item in text.split(";"))
    return entries.get(text, (text, ""))[0]


def labels(field: str) -> dict[str, str]:
    """code -> label for one field, in the codebook's order."""
    return {code: entry[0] for code, entry in _entries(field).items()}


@cache
def _place_names() -> dict[str, str]:
    from explorer.geo import load_world_names
    from explorer.reference import load_member_states
    names = dict(load_world_names())
    names.update(dict(zip(*load_member_states()[["iso2", "name"]].T.to_numpy())))
    names["XK"] = names.get("XK", "Kosovo")
    return names


def place_name(code: str) -> str:
    """The English name of a member state or partner country from its ISO alpha-2 code."""
    return _place_names().get(code, code)


def coded_in_words(field: str, value: str, regions: dict[str, str]) -> str | None:
    """A coded field of a record in words (places by name, regions by name, codes by label), or
    None when the field is not coded. The record view and the Excel export both read it."""
    if field == "member_state":
        return place_name(value)
    if field == "region":
        return regions.get(value, value)
    if field == "target_nationalities":
        return place_names(value)
    if field in CODEBOOK:
        return label(field, value)
    return None


def place_names(codes: str) -> str:
    """'all' or a `;`-separated list of ISO codes, as names."""
    if codes == "all":
        return "All nationalities"
    return ", ".join(place_name(code) for code in codes.split(";"))


def number_text(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def multiple_in_words(record) -> str:
    """'1.5 × the average gross annual salary of the previous year'; '' when the record has none."""
    multiple = record["salary_threshold_multiple"]
    if multiple is None or multiple != multiple:
        return ""
    return f"{number_text(multiple)} × {record['salary_threshold_reference']}"


def amount_in_words(record, field: str) -> str:
    """A threshold amount as the source states it: '6,245 EUR per month × 12 payments'. `field`
    is `salary_threshold_amount` or `reduced_threshold_amount`; '' when the record has none."""
    value = record[field]
    if value is None or value != value:
        return ""
    payments = record["salary_payments_per_year"]
    per = label("salary_threshold_period", record["salary_threshold_period"])
    times = (f" × {int(payments)} payments" if record["salary_threshold_period"] == "month"
             and payments is not None and payments == payments else "")
    return f"{number_text(value)} {record['salary_threshold_currency']} {per}{times}"


@cache
def language_name(code: str) -> str:
    """English name of an ISO 639-1 language code ('de' -> 'German'); the code if unknown."""
    import pycountry

    language = pycountry.languages.get(alpha_2=code)
    return re.sub(r"\s*\(.*\)$", "", language.name) if language else code


def language_names(codes: str) -> str:
    """'de;en' -> 'German, English'."""
    return ", ".join(language_name(code) for code in codes.split(";") if code)


def language_in_words(record) -> str:
    """'Required: B1, German': the requirement, with its level and languages where recorded."""
    text = label("language_requirement", record["language_requirement"])
    level, languages = record["language_level"], record["languages"]
    details = [part for part in (level if isinstance(level, str) else "",
                                 language_names(languages) if isinstance(languages, str) else "") if part]
    return f"{text}: {', '.join(details)}" if details else text


def _region_unless_named(route: str, region: str) -> str:
    """The region's name, unless the route's name already says it ('… (Flanders)')."""
    short = re.findall(r"\(([^)]*)\)", region)
    return "" if any(name and name in route for name in [region, *short]) else region


def route_in_words(record, regions: dict[str, str]) -> dict[str, str]:
    """A route's key conditions in words, as the fact sheet and the printed country page list them."""
    eur = record["salary_threshold_eur_year"]
    threshold = amount_in_words(record, "salary_threshold_amount")
    if reduced := amount_in_words(record, "reduced_threshold_amount"):
        threshold += f" (reduced: {reduced})"
    region = regions.get(record["region"], "") if isinstance(record["region"], str) else ""
    return {
        "name": record["name"],
        "region": _region_unless_named(record["name"], region),
        "type": label("category", record["category"]),
        "skill": label("skill_level", record["skill_level"]),
        "threshold": threshold or multiple_in_words(record) or label("income_requirement", record["income_requirement"]),
        "eur": f"{eur:,.0f}" if eur == eur else "",
        "lmt": label("labour_market_test", record["labour_market_test"]),
        "quota": label("quota_applies", record["quota_applies"]),
        "language": language_in_words(record),
    }
