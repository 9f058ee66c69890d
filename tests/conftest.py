"""Shared fixtures: the small fictional dataset in tests/fixtures, planted bad records, and the
programs some tests need (HAProxy; Chromium in tests/browser)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from explorer.loading import Dataset, load_dataset
from explorer.serving import haproxy_path

FIXTURES = Path(__file__).parent / "fixtures" / "pathways"


def required_program(path: str | None, needed_for: str, install: str) -> str:
    """The program's path. Missing, the tests that need it skip locally with the reason, and fail
    under CI (CI=true), where .ci/run installs it."""
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{needed_for} need it under CI ({install})")
        pytest.skip(f"not installed ({install}): {needed_for} skipped")
    return path


@pytest.fixture(scope="session")
def haproxy() -> str:
    return required_program(haproxy_path(), "the serving tests (HAProxy)", "apt-get install haproxy")


@pytest.fixture(scope="session")
def fixture_dataset() -> Dataset:
    return load_dataset(FIXTURES)


@pytest.fixture
def pathways(fixture_dataset):
    return fixture_dataset.pathways


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A writable copy of the fixture records, for planting bad data."""
    target = tmp_path / "pathways"
    shutil.copytree(FIXTURES, target)
    return target


def edit_record(folder: Path, file: str, record_id: str, **changes) -> None:
    """Change fields of one record in a fixture YAML file (None removes the field)."""
    path = folder / file
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = next(item for item in content["pathways"] if item["id"] == record_id)
    for name, value in changes.items():
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
