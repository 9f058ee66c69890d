"""Links reproduce a view; odd parameters are ignored with a notice naming them."""

from __future__ import annotations

import pandas as pd
import pytest

from explorer.filters import FILTERS, FilterSet
from explorer.urlstate import PARAMETERS, Display, parse_query, to_query

STATES = pd.Index(["AT", "DE", "GR", "PL", "FR"])


def test_round_trip_of_every_parameter():
    state = FilterSet(member_state=("DE", "FR"), category=("eu_blue_card",), skill=("high",), sector=("J",),
                      duration=("permanent",), language=("none", "bonus_points"), cefr="B1", quota="no",
                      max_salary=30000, no_threshold="exclude", lmt="no", job_offer="no", nationality="IN",
                      q="nurse", status="all", unknown=("language", "quota"), confidence=("high",))
    display = Display(metric="lowest_salary", view="table")
    query = to_query(state, display)
    assert set(query) == set(PARAMETERS)
    assert parse_query(query, STATES) == (state, display, [])


def test_default_view_has_an_empty_query():
    assert to_query(FilterSet()) == {}
    assert parse_query({}, STATES) == (FilterSet(), Display(metric="pathways", view="map"), [])


def test_el_and_lower_case_are_accepted_for_member_states():
    state, _, notices = parse_query({"member_state": ["el", "de", "DE"]}, STATES)
    assert state.member_state == ("GR", "DE") and notices == []


def test_malformed_values_are_ignored_with_a_notice_naming_them():
    state, display, notices = parse_query(
        {"member_state": ["DE", "XX"], "quota": "maybe", "max_salary": "30k", "cefr": "D1", "metric": "colour",
         "language": ["none", "fluent"], "utm_source": "mail"}, STATES)
    assert state == FilterSet(member_state=("DE",), language=("none",)) and display == Display()
    text = " ".join(notices)
    for fragment in ("member_state=XX", "quota=maybe", "max_salary=30k", "cefr=D1", "metric=colour",
                     "language=fluent", "`utm_source`"):
        assert fragment in text
    assert len(notices) == 7


@pytest.mark.parametrize("raw", ["²", "①", "3e4", "-5", "30k", "٣٠٠٠٠", "99999999999"])
def test_salary_takes_ascii_whole_numbers_in_the_widget_range_only(raw):
    state, _, notices = parse_query({"max_salary": raw}, STATES)
    assert state.max_salary is None and "max_salary=" in notices[0]


def test_every_filter_is_a_link_parameter_and_back():
    assert set(PARAMETERS) == {item.name for item in FILTERS} | {"metric", "view"}


def test_unknown_takes_only_filters_that_test_an_unknown_value():
    state, _, notices = parse_query({"unknown": ["language", "member_state"]}, STATES)
    assert state.unknown == ("language",) and "unknown=member_state" in notices[0]


def test_old_skill_any_is_named_not_silently_applied():
    state, _, notices = parse_query({"skill": ["medium", "any"]}, STATES)
    assert state.skill == ("medium",) and "skill=any" in notices[0]


def test_salary_with_thousands_separators_is_understood():
    assert parse_query({"max_salary": "30,000"}, STATES)[0].max_salary == 30000


def test_single_valued_parameter_given_twice_uses_the_last_and_says_so():
    state, _, notices = parse_query({"quota": ["yes", "no"]}, STATES)
    assert state.quota == "no" and "given 2 times" in notices[0]


def test_notices_do_not_echo_markup_or_long_text():
    _, _, notices = parse_query({"<script>alert(1)</script>" * 5: "x"}, STATES)
    assert "<" not in notices[0] and len(notices[0]) < 120


def test_overlong_search_text_is_cut():
    state, _, notices = parse_query({"q": "a" * 500}, STATES)
    assert len(state.q) == 200 and notices


def test_a_nationality_the_list_does_not_offer_is_named_not_applied_unseen():
    state, _, notices = parse_query({"nationality": "ZZ"}, STATES)
    assert state.nationality is None and "nationality=ZZ" in notices[0]
    assert parse_query({"nationality": "bd"}, STATES)[0].nationality == "BD"
