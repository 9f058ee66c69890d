"""PDF fact sheets: generated offline for every member state in the dataset, with real text that
names the member state, the reference date, every route in force and the sources."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from explorer.chromium import chromium_path
from explorer.cli import main as cli
from explorer.factsheet import factsheet_html, factsheet_pdfs, number_ranges
from explorer.filters import IN_FORCE
from explorer.loading import load_dataset
from tests.conftest import FIXTURES, edit_record

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="the PDF is printed by Chromium (apt-get install chromium)")


def words(text: str) -> str:
    """Text with every run of white space as one space (a PDF breaks lines inside table cells), and
    no break after a hyphen ("third- country" where a line ended)."""
    return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(text.split()))


def pdf_pages(pdf: bytes) -> list[str]:
    return [words(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_number_ranges():
    assert number_ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7, 8"


def test_data_text_is_escaped_in_the_page(data_dir):
    edit_record(data_dir, "de.yaml", "de-blue-card", name="<img src=x onerror=alert(1)> Blue Card")
    html = factsheet_html(load_dataset(data_dir), "DE")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; Blue Card" in html


def test_the_page_asks_for_nothing_outside_the_file(fixture_dataset):
    html = factsheet_html(fixture_dataset, "DE")
    # Links to the sources are fine (Chromium does not follow them when printing); nothing is loaded.
    for loads in ("src=", "<link", "url(", "@import", "<script", "<iframe"):
        assert loads not in html, loads


@needs_chromium
def test_every_fixture_member_state_gets_its_sheet(fixture_dataset):
    pathways = fixture_dataset.pathways
    states = sorted(fixture_dataset.curated)
    for iso2, pdf in factsheet_pdfs(fixture_dataset, states).items():
        pages = pdf_pages(pdf)
        front = pages[0]
        name = fixture_dataset.member_states.loc[iso2, "name"]
        assert len(pages) == 2, f"{name}: front (facts) and back (partnerships and sources) expected"
        assert front.startswith(name) and "1 February 2024" in front and "2024-02-01" in front
        in_force = pathways[(pathways["member_state"] == iso2) & pathways["status"].isin(IN_FORCE)]
        for route in in_force["name"]:
            assert words(route) in front, f"{name}: route {route!r} not on the front page"
        first_source = fixture_dataset.headers[iso2].sources[0]
        assert words(first_source.title) in pages[1] and first_source.url in pages[1].replace(" ", "")
        assert "Creative Commons Attribution 4.0" in " ".join(pages)
    later = factsheet_pdfs(fixture_dataset, ["GR"])["GR"]
    assert "Changes since the reference date".upper() in pdf_pages(later)[0].upper()


@needs_chromium
def test_cli_writes_one_sheet_or_all_of_them(tmp_path, capsys):
    out = tmp_path / "greece.pdf"
    assert cli(["--data", str(FIXTURES), "factsheet", "--member-state", "EL", "--out", str(out)]) == 0
    assert pdf_pages(out.read_bytes())[0].startswith("Greece")
    archive = tmp_path / "all.zip"
    assert cli(["--data", str(FIXTURES), "factsheet", "--all", "--out", str(archive)]) == 0
    names = zipfile.ZipFile(archive).namelist()
    assert len(names) == 4 and "eu-labour-pathways_factsheet_germany_ref-2024-02-01.pdf" in names
    assert cli(["--data", str(FIXTURES), "factsheet", "--member-state", "FR", "--out", str(out)]) == 2
    assert "not a member state in the dataset" in capsys.readouterr().err


@needs_chromium
def test_real_data_sheets_name_every_route_in_force():
    dataset = load_dataset()
    pathways = dataset.pathways
    for iso2, pdf in factsheet_pdfs(dataset, sorted(dataset.curated)).items():
        pages = pdf_pages(pdf)
        name = dataset.member_states.loc[iso2, "name"]
        # Front: the facts (a country with many routes runs onto a second page); back: partnerships and sources.
        assert 2 <= len(pages) <= 3, f"{name}: {len(pages)} pages"
        assert pages[0].startswith(name) and "1 February 2024" in pages[0]
        text = " ".join(pages)
        in_force = pathways[(pathways["member_state"] == iso2) & pathways["status"].isin(IN_FORCE)]
        missing = [route for route in in_force["name"] if words(route) not in text]
        assert not missing, f"{name}: {missing}"
