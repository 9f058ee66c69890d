"""Each filter means what the sidebar and the CLI say it means (fixture data, 7 records)."""

from __future__ import annotations

from explorer.filters import FilterState, apply_filters, facet_counts


def ids(pathways, **filters) -> set[str]:
    return set(apply_filters(pathways, FilterState(**filters))["id"])


def test_no_filter_keeps_everything(pathways):
    assert len(apply_filters(pathways, FilterState())) == len(pathways) == 7


def test_member_states_and_greece(pathways):
    assert ids(pathways, member_state=("DE", "AT")) == {"de-blue-card", "de-seasonal", "de-language-route", "at-key-worker"}
    assert ids(pathways, member_state=("GR",)) == {"gr-future-route"}


def test_salary_threshold_exactly_equal_to_offer_is_kept(pathways):
    assert "de-blue-card" in ids(pathways, max_salary=45300)
    assert "de-blue-card" not in ids(pathways, max_salary=45299)


def test_salary_converts_monthly_and_foreign_thresholds(pathways):
    # at-key-worker: 3,000 EUR x 14 = 42,000; pl-work-permit: 4,242 PLN x 12 = 11,736.33 EUR
    assert {"at-key-worker", "pl-work-permit"} <= ids(pathways, max_salary=42000)
    assert "at-key-worker" not in ids(pathways, max_salary=41999)
    assert "pl-work-permit" not in ids(pathways, max_salary=11736)


def test_routes_without_fixed_threshold_stay_unless_excluded(pathways):
    without = {"de-seasonal", "pl-job-seeker", "gr-future-route"}
    assert without <= ids(pathways, max_salary=1000)
    assert ids(pathways, max_salary=1000) == without
    assert ids(pathways, max_salary=1000, without_threshold="exclude") == set()
    assert not without & ids(pathways, without_threshold="exclude")


def test_language_requirement(pathways):
    assert ids(pathways, language=("required",)) == {"de-language-route"}
    assert ids(pathways, language=("none", "bonus_points")) == {"de-blue-card", "de-seasonal", "at-key-worker",
                                                                "pl-job-seeker", "gr-future-route"}
    assert "pl-work-permit" not in ids(pathways, language=("none",))  # unknown is not "none"


def test_cefr_drops_routes_needing_a_higher_level(pathways):
    assert "de-language-route" not in ids(pathways, cefr="A2")  # needs B1
    assert "de-language-route" in ids(pathways, cefr="B1")
    assert "pl-job-seeker" in ids(pathways, cefr="A1")  # A2 only earns bonus points


def test_quota(pathways):
    assert ids(pathways, quota="yes") == {"de-seasonal"}
    no_quota = ids(pathways, quota="no")
    assert "de-seasonal" not in no_quota and "pl-job-seeker" not in no_quota  # unknown is neither
    assert len(no_quota) == 5


def test_labour_market_test_and_job_offer(pathways):
    assert "de-language-route" not in ids(pathways, lmt="no")
    assert "pl-work-permit" not in ids(pathways, lmt="no")  # exempt only for shortage occupations
    assert ids(pathways, job_offer="no") == {"pl-job-seeker", "gr-future-route"}


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
    assert ids(pathways, q="Fixture Act § 1") == ids(pathways)  # legal basis


def test_combined_filters_intersect(pathways):
    assert ids(pathways, member_state=("DE",), language=("none",), max_salary=50000, quota="no") == {"de-blue-card"}


def test_facet_counts_apply_the_other_filters(pathways):
    state = FilterState(member_state=("DE",), language=("none",))
    counts = facet_counts(pathways, state, "member_state")
    assert counts.get("DE") == 2 and counts.get("GR") == 1 and "AT" not in counts
    assert facet_counts(pathways, state, "language") == {"none": 2, "required": 1}
    assert facet_counts(pathways, FilterState(), "quota") == {"no": 5, "yes": 1}
    assert facet_counts(pathways, FilterState(), "sector")["I"] == 7  # six open to all sectors, one listing I
