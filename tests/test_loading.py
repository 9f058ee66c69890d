"""The loader refuses bad data with one error naming file, record id and field."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import yaml

from explorer.loading import _LOADER, DataValidationError, _StrictLoader, load_dataset
from explorer.package import PATHWAYS_DIR, ROOT
from tests.conftest import FIXTURES, edit_record


def problems_of(folder) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load_dataset(folder)
    return [str(problem) for problem in caught.value.problems]


def test_fixture_dataset_loads_with_every_contract_column(fixture_dataset):
    from explorer.schema import CSV_COLUMNS
    assert list(fixture_dataset.pathways.columns) == [*CSV_COLUMNS, "search_text"]
    assert len(fixture_dataset.pathways) == 8


def test_duplicate_id_across_files_is_refused(data_dir):
    edit_record(data_dir, "pl.yaml", "pl-job-seeker", id="pl-work-permit")
    assert "tests/fixtures" not in problems_of(data_dir)[0]  # the planted copy, not the fixture, is named
    assert any(problem.endswith("pl.yaml: pl-work-permit: id: duplicate id (first used in " + str(data_dir / "pl.yaml") + ")")
               for problem in problems_of(data_dir))


def test_unknown_enum_value_names_file_record_and_field(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", category="seasonal")
    [problem] = problems_of(data_dir)
    assert problem.startswith(f"{data_dir / 'de.yaml'}: de-seasonal: category: ")
    assert "'seasonal_work'" in problem


def test_threshold_without_currency_or_period_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", salary_threshold_currency=None, salary_threshold_period=None)
    found = problems_of(data_dir)
    assert any(": de-blue-card: salary_threshold_currency: required with a threshold amount" in p for p in found)
    assert any(": de-blue-card: salary_threshold_period: required with a threshold amount" in p for p in found)


def test_monthly_threshold_needs_payments_per_year(data_dir):
    edit_record(data_dir, "at.yaml", "at-key-worker", salary_payments_per_year=None)
    assert any("at-key-worker: salary_payments_per_year: required when the threshold is monthly" in p for p in problems_of(data_dir))


def test_non_https_source_url_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", source_url="http://example.org/page")
    [problem] = problems_of(data_dir)
    assert ": de-seasonal: source_url: 'http://example.org/page' is not an https:// URL" in problem


def test_quota_size_without_quota_applies_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", quota_size=100, quota_year=2024)
    assert any(": de-blue-card: quota_size: a quota size is given but quota_applies is false" in p for p in problems_of(data_dir))


def test_unknown_member_state_code_is_refused(data_dir):
    (data_dir / "xx.yaml").write_text((data_dir / "pl.yaml").read_text().replace("member_state: PL", "member_state: XX"))
    found = problems_of(data_dir)
    assert any("xx.yaml: -: member_state: 'XX' is not an EU member state code" in p for p in found)
    assert any("xx.yaml: -: file name: 'xx' is not a member state" in p for p in found)


def test_every_problem_is_listed_at_once(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", skill_level="very high")
    edit_record(data_dir, "pl.yaml", "pl-job-seeker", source_url="ftp://x")
    edit_record(data_dir, "at.yaml", "at-key-worker", confidence=None)
    found = problems_of(data_dir)
    assert [p.split(": ")[1:3] for p in found] == [["at-key-worker", "confidence"], ["de-blue-card", "skill_level"],
                                                   ["pl-job-seeker", "source_url"]]


def test_misspelled_field_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", quota_sise=10)
    assert any(": de-seasonal: quota_sise: unknown field" in p for p in problems_of(data_dir))


def test_typed_derived_figure_is_refused(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", salary_threshold_eur_year=99999)
    assert any("de-blue-card: salary_threshold_eur_year: is derived by the loader" in p for p in problems_of(data_dir))


def test_unknown_core_field_needs_a_note(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", labour_market_test="unknown", notes=None)
    assert any("de-seasonal: notes: labour_market_test is unknown: say what was looked for" in p for p in problems_of(data_dir))


def test_route_after_reference_needs_a_later_valid_from(data_dir):
    edit_record(data_dir, "el.yaml", "gr-future-route", valid_from="2023-12-01")
    assert any("gr-future-route: valid_from: 2023-12-01 is not after the reference date 2024-02-01" in p
               for p in problems_of(data_dir))


def test_broken_yaml_names_the_line(data_dir):
    (data_dir / "de.yaml").write_text("member_state: DE\npathways:\n  - id: [unclosed\n")
    [problem] = problems_of(data_dir)
    assert "de.yaml: -: line" in problem and "not valid YAML" in problem


def test_yaml_no_stays_text_not_false(data_dir):
    text = (data_dir / "de.yaml").read_text()
    assert "labour_market_test: 'no'" in text
    (data_dir / "de.yaml").write_text(text.replace("labour_market_test: 'no'", "labour_market_test: no"))
    dataset = load_dataset(data_dir)
    assert set(dataset.pathways.loc[dataset.pathways["member_state"] == "DE", "labour_market_test"]) == {"no", "yes"}


def test_greece_file_written_el_is_stored_as_gr(fixture_dataset):
    assert fixture_dataset.pathways.set_index("id").loc["gr-future-route", "member_state"] == "GR"
    assert "GR" in fixture_dataset.headers


def test_eur_per_year_is_derived_from_amount_period_payments_and_rate(fixture_dataset):
    rows = fixture_dataset.pathways.set_index("id")
    # 4,242 PLN a month, 12 payments, at 4.3373 PLN per EUR (ECB, 1 Feb 2024)
    assert rows.loc["pl-work-permit", "salary_threshold_eur_year"] == pytest.approx(4242 * 12 / 4.3373, abs=0.01)
    # Austria counts 14 monthly salaries
    assert rows.loc["at-key-worker", "salary_threshold_eur_year"] == 42000
    # annual EUR amounts pass through; the reduced threshold is derived the same way
    assert rows.loc["de-blue-card", "salary_threshold_eur_year"] == 45300
    assert rows.loc["de-blue-card", "reduced_threshold_eur_year"] == pytest.approx(41041.8)
    assert rows["salary_threshold_eur_year"].isna().sum() == 4


def test_currency_without_exchange_rate_is_refused(data_dir):
    edit_record(data_dir, "pl.yaml", "pl-work-permit", salary_threshold_currency="USD")
    assert any("pl-work-permit: salary_threshold_currency: no exchange rate for USD" in p for p in problems_of(data_dir))


def test_a_region_must_be_listed_and_belong_to_the_member_state(data_dir):
    edit_record(data_dir, "de.yaml", "de-seasonal", region="BE-VLG")
    edit_record(data_dir, "at.yaml", "at-key-worker", region="AT-9")
    problems = problems_of(data_dir)
    assert any("de-seasonal: region: 'BE-VLG' is not a subdivision of DE" in p for p in problems)
    assert any("at-key-worker: region: 'AT-9' is not in data/reference/regions.csv" in p for p in problems)


DE = (FIXTURES / "de.yaml").read_bytes()


def de_with(old: str, new: str) -> bytes:
    assert old.encode() in DE
    return DE.replace(old.encode(), new.encode())


BILLION_LAUGHS = b"member_state: DE\nlol0: &l0 lol\n" + b"".join(
    b"lol%d: &l%d [%s]\n" % (i, i, b", ".join([b"*l%d" % (i - 1)] * 9)) for i in range(1, 10)
) + b"pathways:\n- id: de-laughs\n  name: *l9\n"

# name, content of de.yaml, the problem after "<folder>/de.yaml: " (record id: field: message)
UNREADABLE = [
    ("latin-1 text", DE.decode().encode("latin-1"), "-: line 37: not UTF-8 text (byte 0xa7)"),
    ("random bytes", random.Random(1).randbytes(4096), "-: line 1: not UTF-8 text (byte 0xf5)"),
    ("PNG renamed .yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "-: line 1: not UTF-8 text (byte 0x89)"),
    ("UTF-8 with a NUL byte", b"member_state: DE\npathways: [\x00]\n", "-: file: not valid YAML: unacceptable character #x0000"),
    ("integer over 2^63", de_with("quota_size: 5000", "quota_size: 99999999999999999999999"),
     "de-seasonal: quota_size: Input should be less than or equal to 10000000"),
    ("integer 2^63 - 1, not exact as a float", de_with("quota_size: 5000", "quota_size: 9223372036854775807"),
     "de-seasonal: quota_size: Input should be less than or equal to 10000000"),
    ("quota year 1", de_with("quota_year: 2024", "quota_year: 1"),
     "de-seasonal: quota_year: Input should be greater than or equal to 2000"),
    (".inf", de_with("salary_threshold_amount: 45300", "salary_threshold_amount: .inf"),
     "de-blue-card: salary_threshold_amount: Input should be a finite number"),
    ("-.inf", de_with("reduced_threshold_amount: 41041.8", "reduced_threshold_amount: -.inf"),
     "de-blue-card: reduced_threshold_amount: Input should be a finite number"),
    (".nan", de_with("salary_threshold_amount: 45300", "salary_threshold_amount: .nan"),
     "de-blue-card: salary_threshold_amount: Input should be a finite number"),
    ("1e400, text that reads as infinity", de_with("salary_threshold_amount: 45300", "salary_threshold_amount: 1e400"),
     "de-blue-card: salary_threshold_amount: Input should be a finite number"),
    ("infinite fee", de_with("confidence: high\n  salary", "confidence: high\n  fee_amount: .inf\n  fee_currency: EUR\n  salary"),
     "de-blue-card: fee_amount: Input should be a finite number"),
    ("amount over the ceiling", de_with("salary_threshold_amount: 45300", "salary_threshold_amount: 1.0e+300"),
     "de-blue-card: salary_threshold_amount: Input should be less than or equal to 1000000000"),
    ("billion laughs", BILLION_LAUGHS, "-: line 2: not valid YAML: anchors and aliases (&name, *name) are not allowed"),
    ("explicit tag", de_with("labour_market_test: 'no'", "labour_market_test: !!bool yes"),
     "-: line 30: not valid YAML: tags (!name, !!type) are not allowed"),
    ("nested 100,000 deep", b"member_state: DE\npathways: " + b"[" * 100_000 + b"]" * 100_000,
     "-: file: not valid YAML: nested too deeply"),
    ("100 KB value", de_with("source_url: https://example.org/route", "source_url: http://" + "x" * 100_000),
     "de-blue-card: source_url: 'http://" + "x" * 192 + "… is not an https:// URL"),
    ("top-level keys of mixed types", b"1: one\nzero: 0\n" + DE, "-: 1: unknown top-level key"),
]


def validate(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", "--data", str(folder), "validate"], cwd=ROOT,
                          capture_output=True, encoding="utf-8", errors="replace", timeout=60)


@pytest.mark.parametrize("content, expected", [case[1:] for case in UNREADABLE], ids=[case[0] for case in UNREADABLE])
def test_unreadable_data_is_one_short_problem_line_not_a_traceback(data_dir, content, expected):
    (data_dir / "de.yaml").write_bytes(content)
    done = validate(data_dir)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[1].startswith(f"  {data_dir / 'de.yaml'}: {expected}")
    assert max(map(len, done.stderr.splitlines())) < 400  # echoed values are cut to 200 characters


def test_a_file_that_cannot_be_read_is_one_problem(data_dir):
    (data_dir / "de.yaml").unlink()
    (data_dir / "de.yaml").mkdir()
    assert problems_of(data_dir) == [f"{data_dir / 'de.yaml'}: -: file: cannot be read: Is a directory"]


LOADERS = list(dict.fromkeys([_StrictLoader, _LOADER]))  # one loader where PyYAML lacks libyaml


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_each_yaml_loader_keeps_the_projects_rules(loader):
    text = "a: no\nb: on\nc: true\nd: 2024-02-01\ne: 2024-02\nf: 1.5\ng: 7\nh: ~\n"
    assert yaml.load(text, Loader=loader) == {"a": "no", "b": "on", "c": True, "d": "2024-02-01", "e": "2024-02",
                                              "f": 1.5, "g": 7, "h": None}
    with pytest.raises(yaml.YAMLError, match="anchors and aliases"):
        yaml.load("a: &x 1\nb: *x\n", Loader=loader)
    with pytest.raises(yaml.YAMLError, match="tags"):
        yaml.load("a: !!str 1\n", Loader=loader)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: only the pure-Python loader exists")
def test_libyaml_loader_reads_the_real_data_exactly_as_the_pure_python_one():
    assert _LOADER is not _StrictLoader
    for path in sorted(PATHWAYS_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast, reference = yaml.load(text, Loader=_LOADER), yaml.load(text, Loader=_StrictLoader)
        assert fast == reference, path.name
        assert repr(fast) == repr(reference), path.name  # the same types too: 1 == 1.0 == True in Python


# A record's fields that must go together: (changes to de-blue-card, the problem the loader names)
TIED_FIELDS = [
    ({"income_requirement": "reference_multiple", "salary_threshold_amount": None, "salary_threshold_currency": None,
      "salary_threshold_period": None, "reduced_threshold_amount": None, "reduced_threshold_reason": None,
      "reduced_threshold_condition": None},
     "salary_threshold_multiple: required when income_requirement is reference_multiple"),
    ({"income_requirement": "reference_multiple", "salary_threshold_multiple": 1.5,
      "salary_threshold_reference": "the average gross annual salary"},
     "salary_threshold_amount: a stated amount makes the rule fixed_threshold (keep the multiple beside it)"),
    ({"salary_threshold_multiple": 1.5}, "salary_threshold_reference: salary_threshold_multiple and salary_threshold_reference go together"),
    ({"quota_share_percent": 35}, "quota_share_percent: a share of an employer's staff is given but quota_type is none"),
    ({"quota_applies": True, "quota_type": "per_employer", "quota_share_percent": 135},
     "quota_share_percent: Input should be less than or equal to 100"),
]


@pytest.mark.parametrize("changes, problem", TIED_FIELDS, ids=[problem.split(":")[0] + str(i) for i, (_, problem) in enumerate(TIED_FIELDS)])
def test_fields_that_go_together_are_checked(data_dir, changes, problem):
    edit_record(data_dir, "de.yaml", "de-blue-card", **changes)
    found = problems_of(data_dir)
    assert any(f": de-blue-card: {problem}" in line for line in found), found
