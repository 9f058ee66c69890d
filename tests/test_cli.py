"""`python -m explorer` validates and exports with the same filters as the app."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from explorer.cli import main
from explorer.filters import FilterSet, apply_filters
from tests.conftest import FIXTURES, edit_record


def test_validate_prints_counts_per_member_state(capsys):
    assert main(["--data", str(FIXTURES), "validate"]) == 0
    out = capsys.readouterr().out
    assert "DE     3  Germany" in out and "GR     1  Greece" in out
    assert "PL     2  Poland        labour-market test   0%   quota  50%*" in out  # share unknown, over the 10% target
    assert out.strip().endswith("ok: 8 pathways in 4 of 27 member states, reference date 2024-02-01")


def test_validate_fails_with_file_record_and_field(data_dir, capsys):
    edit_record(data_dir, "de.yaml", "de-blue-card", salary_threshold_period="week")
    assert main(["--data", str(data_dir), "validate"]) == 1
    err = capsys.readouterr().err
    assert f"{data_dir / 'de.yaml'}: de-blue-card: salary_threshold_period: Input should be 'month' or 'year'" in err


def test_export_writes_exactly_the_filtered_rows(tmp_path, pathways, capsys):
    out = tmp_path / "x.csv"
    assert main(["--data", str(FIXTURES), "export", "--out", str(out), "--member-state", "DE", "--member-state", "el",
                 "--language", "none", "--max-salary", "45300", "--quota", "no"]) == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    expected = apply_filters(pathways, FilterSet(member_state=("DE", "GR"), language=("none",), max_salary=45300, quota="no"))
    assert list(written["id"]) == list(expected["id"]) == ["de-blue-card"]  # gr-future-route opened after the reference date
    assert "1 of 6 pathways match, in 1 member state" in capsys.readouterr().out


def test_export_names_the_unknowns_left_out_and_includes_them_on_request(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["--data", str(FIXTURES), "export", "--out", str(out), "--member-state", "PL", "--language", "none"]) == 0
    printed = capsys.readouterr().out
    assert "0 of 6 pathways match" in printed
    assert "1 route(s) with an unknown language requirement left out; --unknown language includes them" in printed
    assert main(["--data", str(FIXTURES), "export", "--out", str(out), "--member-state", "PL", "--language", "none",
                 "--unknown", "language"]) == 0
    assert "1 of 6 pathways match" in capsys.readouterr().out


def test_export_status_all_counts_every_route(tmp_path, capsys):
    assert main(["--data", str(FIXTURES), "export", "--out", str(tmp_path / "x.csv"), "--status", "all"]) == 0
    assert "8 of 8 pathways match, in 4 member states" in capsys.readouterr().out


def test_export_refuses_a_salary_that_is_not_ascii_digits(tmp_path, capsys):
    assert main(["--data", str(FIXTURES), "export", "--out", str(tmp_path / "x.csv"), "--max-salary", "²"]) == 2
    assert "max_salary=" in capsys.readouterr().err


def test_export_refuses_bad_filter_values_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert main(["--data", str(FIXTURES), "export", "--out", str(out), "--quota", "maybe"]) == 2
    assert "quota=maybe" in capsys.readouterr().err
    assert not out.exists()


def test_export_zip(tmp_path):
    out = tmp_path / "x.zip"
    assert main(["--data", str(FIXTURES), "export", "--out", str(out), "--category", "seasonal_work"]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_module_entry_point_runs_on_the_real_data():
    done = subprocess.run([sys.executable, "-m", "explorer", "validate"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1].startswith("ok: ")
