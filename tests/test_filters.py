"""Each filter means what explorer.filters' docstring says (fixture data: 8 records, 6 in force)."""

from __future__ import annotations

import pytest

from explorer.filters import (FILTERS, FilterSet, apply_filters, describe_filters, facet_counts, salary_marks, scope_size,
                              unknown_dropped)

IN_FORCE = {"de-blue-card", "de-seasonal", "de-language-route", "at-key-worker", "pl-work-permit", "pl-job-seeker"}


def ids(pathways, **filters) -> set[str]:
    return set(apply_filters(pathways, FilterSet(**filters))["id"])


def test_by_default_only_routes_in_force_on_the_reference_date_count(pathways):
    assert ids(pathways) == IN_FORCE
    assert scope_size(pathways, FilterSet()) == 6


@pytest.mark.parametrize("status, expected", [
    ("in_force", IN_FORCE),
    ("introduced_after", {"gr-future-route"}),
    ("closed", {"at-closed-route"}),
    ("all", IN_FORCE | {"gr-future-route", "at-closed-route"}),
])
def test_status_brings_the_other_routes_in(pathways, status, expected):
    assert ids(pathways, status=status) == expected
    assert scope_size(pathways, FilterSet(status=status)) == len(expected)


def test_member_states_and_greece(pathways):
    assert ids(pathways, member_state=("DE", "AT")) == {"de-blue-card", "de-seasonal", "de-language-route", "at-key-worker"}
    assert ids(pathways, member_state=("GR",)) == set()  # its only route opened after the reference date
    assert ids(pathways, member_state=("GR",), status="all") == {"gr-future-route"}


@pytest.mark.parametrize("skill, expected", [
    (("medium",), {"de-language-route", "at-key-worker", "pl-work-permit", "pl-job-seeker"}),  # + open to any level
    (("high",), {"de-blue-card", "pl-job-seeker"}),
    (("low",), {"de-seasonal", "pl-job-seeker"}),
    (("high", "low"), {"de-blue-card", "de-seasonal", "pl-job-seeker"}),
])
def test_skill_level_matches_its_routes_and_routes_open_to_any_level(pathways, skill, expected):
    assert ids(pathways, skill=skill) == expected


@pytest.mark.parametrize("offer, kept, mark", [
    (45300, True, "meets"),          # exactly the threshold
    (45299, True, "reduced_only"),   # below it, above the reduced 41,041.80
    (41042, True, "reduced_only"),
    (41041, False, None),            # below the reduced threshold too
])
def test_salary_against_the_threshold_and_the_reduced_threshold(pathways, offer, kept, mark):
    matching = apply_filters(pathways, FilterSet(max_salary=offer))
    assert ("de-blue-card" in set(matching["id"])) is kept
    if kept:
        marks = dict(zip(matching["id"], salary_marks(matching, offer)))
        assert marks["de-blue-card"] == mark


def test_salary_converts_monthly_and_foreign_thresholds(pathways):
    # at-key-worker: 3,000 EUR x 14 = 42,000; pl-work-permit: 4,242 PLN x 12 = 11,736.33 EUR
    assert {"at-key-worker", "pl-work-permit"} <= ids(pathways, max_salary=42000)
    assert "at-key-worker" not in ids(pathways, max_salary=41999)
    assert "pl-work-permit" not in ids(pathways, max_salary=11736)


def test_routes_without_fixed_threshold_stay_marked_unless_excluded(pathways):
    without = {"de-seasonal", "pl-job-seeker"}
    matching = apply_filters(pathways, FilterSet(max_salary=1000))
    assert set(matching["id"]) == without
    assert set(salary_marks(matching, 1000)) == {"no_threshold"}
    assert ids(pathways, max_salary=1000, no_threshold="exclude") == set()
    assert not without & ids(pathways, no_threshold="exclude")


def test_language_requirement(pathways):
    assert ids(pathways, language=("required",)) == {"de-language-route"}
    assert ids(pathways, language=("none", "bonus_points")) == {"de-blue-card", "de-seasonal", "at-key-worker",
                                                                "pl-job-seeker"}


@pytest.mark.parametrize("name, value, unknown_id", [
    ("language", ("none",), "pl-work-permit"),
    ("quota", "no", "pl-job-seeker"),
])
def test_unknown_values_are_left_out_counted_and_can_be_included(pathways, name, value, unknown_id):
    filters = FilterSet(**{name: value})
    assert unknown_id not in ids(pathways, **{name: value})
    assert unknown_dropped(pathways, filters)[name] == 1
    included = FilterSet(**{name: value, "unknown": (name,)})
    assert unknown_id in set(apply_filters(pathways, included)["id"])
    assert name not in unknown_dropped(pathways, included)


def test_unknown_count_respects_the_other_filters(pathways):
    assert unknown_dropped(pathways, FilterSet(language=("none",), member_state=("DE",))) == {"language": 0}
    assert unknown_dropped(pathways, FilterSet(member_state=("PL",))) == {}  # no filter that tests an unknown value


def test_cefr_drops_routes_needing_a_higher_level(pathways):
    assert "de-language-route" not in ids(pathways, cefr="A2")  # needs B1
    assert "de-language-route" in ids(pathways, cefr="B1")
    assert "pl-job-seeker" in ids(pathways, cefr="A1")  # A2 only earns bonus points


def test_quota(pathways):
    assert ids(pathways, quota="yes") == {"de-seasonal"}
    assert ids(pathways, quota="no") == IN_FORCE - {"de-seasonal", "pl-job-seeker"}  # unknown is neither


def test_labour_market_test_and_job_offer(pathways):
    assert "de-language-route" not in ids(pathways, lmt="no")
    assert "pl-work-permit" not in ids(pathways, lmt="no")  # exempt only for shortage occupations
    assert ids(pathways, job_offer="no") == {"pl-job-seeker"}


def test_nationality_matches_all_or_listed(pathways):
    assert "de-language-route" in ids(pathways, nationality="RS")
    assert "de-language-route" not in ids(pathways, nationality="IN")
    assert "de-blue-card" in ids(pathways, nationality="IN")


def test_sector_matches_listed_or_all(pathways):
    assert "de-seasonal" in ids(pathways, sector=("I",))
    assert "de-seasonal" not in ids(pathways, sector=("J",))
    assert "de-blue-card" in ids(pathways, sector=("J",))  # open to all sectors


def test_search_ignores_case_and_accents(pathways):
    assert ids(pathways, q="DEUTSCHKENNTNISSE") == {"de-language-route"}
    assert ids(pathways, q="zezwolenie na prace") == {"pl-work-permit"}  # local name, accent-free query
    assert ids(pathways, q="Fixture Act § 1") == IN_FORCE  # legal basis


def test_combined_filters_intersect(pathways):
    assert ids(pathways, member_state=("DE",), language=("none",), max_salary=50000, quota="no") == {"de-blue-card"}


def test_counts_beside_a_filter_apply_the_other_filters(pathways):
    filters = FilterSet(member_state=("DE",), language=("none",))
    assert facet_counts(pathways, filters, "language", "language_requirement") == {"none": 2, "required": 1}
    assert facet_counts(pathways, FilterSet(), "quota", "quota_applies") == {"false": 4, "true": 1, "unknown": 1}


def test_the_filter_line_uses_labels_and_always_states_the_status():
    assert describe_filters(FilterSet()) == ["Status on the reference date: in force"]
    lines = describe_filters(FilterSet(language=("none",), category=("eu_blue_card",), lmt="no", unknown=("language",)))
    assert lines[1:] == ["Language requirement: No requirement", "Category: EU Blue Card", "Labour-market test: not required",
                         "Routes with an unknown value included for: Language requirement"]


def test_every_filter_has_a_rule_or_changes_one():
    for item in FILTERS:
        assert item.match is not None or item.name == "unknown", item.name
        assert item.label and item.doc, item.name


def test_confidence_keeps_records_of_the_chosen_levels(pathways):
    rated = pathways.assign(confidence=["high", "low", "medium", "high", "high", "low", "high", "medium"])  # in id order
    assert ids(rated, confidence=("low",)) == {"at-key-worker"}  # gr-future-route is low too, but not in force
    assert ids(rated, confidence=("medium", "low")) == {"at-key-worker", "de-blue-card", "pl-work-permit"}


def test_every_value_the_schema_allows_has_a_label_and_a_definition():
    from typing import get_args

    from explorer.schema import Pathway, _base_type
    from explorer.vocabulary import CODEBOOK, FIELD_LABELS
    for name, info in Pathway.model_fields.items():
        choices = get_args(_base_type(info.annotation))
        if choices and all(isinstance(choice, str) for choice in choices) and name not in ("language_level",):
            assert set(choices) <= set(CODEBOOK[name]), (name, set(choices) - set(CODEBOOK[name]))
            assert all(label and definition for label, definition in CODEBOOK[name].values()), name
        assert name in FIELD_LABELS, name
