"""The app in a real browser: the map draws offline, links and downloads match the CLI."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from explorer.cli import main as cli
from tests.conftest import FIXTURES

MAP = ".js-plotly-plot"


def open_explore(page, app_url: str, query: str = "") -> None:
    page.goto(f"{app_url}/{query}")
    page.wait_for_selector(f"{MAP} canvas", timeout=45_000)
    page.wait_for_function("document.querySelector('.js-plotly-plot') && document.querySelector('.js-plotly-plot')._fullLayout", timeout=20_000)
    page.wait_for_timeout(1500)  # let maplibre paint its first frame


def headline(page) -> str:
    return page.get_by_text(re.compile(r"^\d+ of \d+ pathways? match")).inner_text(timeout=20_000)


def test_map_is_drawn_with_no_request_leaving_localhost(page, app_url):
    open_explore(page, app_url)
    shot = Image.open(io.BytesIO(page.locator(MAP).first.screenshot()))
    colours = shot.convert("RGB").getcolors(maxcolors=1 << 16) or []
    viridis_dark = [count for count, (r, g, b) in colours if b > r + 40 and g < 100]  # purple-blue of the scale
    assert len(colours) > 50 and viridis_dark, "the map area looks blank"
    assert page.get_by_text("No matching pathway").count() >= 1  # the grey legend entry
    assert page.outside_requests == [], page.outside_requests


@pytest.mark.parametrize("query, cli_args", [
    ("?member_state=DE&member_state=EL&language=none&max_salary=45300",
     ["--member-state", "DE", "--member-state", "EL", "--language", "none", "--max-salary", "45300"]),
    ("?quota=no&lmt=no", ["--quota", "no", "--lmt", "no"]),
])
def test_link_shows_the_same_count_as_the_cli_export(page, app_url, tmp_path, capsys, query, cli_args):
    assert cli(["--data", str(FIXTURES), "export", "--out", str(tmp_path / "x.csv"), *cli_args]) == 0
    expected = re.search(r"(\d+ of \d+ pathways? match, in \d+ member states?)", capsys.readouterr().out).group(1)
    open_explore(page, app_url, query)
    assert headline(page) == expected
    assert page.outside_requests == []


def test_csv_download_equals_the_cli_export(page, app_url, tmp_path):
    exported = tmp_path / "cli.csv"
    assert cli(["--data", str(FIXTURES), "export", "--out", str(exported), "--member-state", "DE", "--language", "none"]) == 0
    open_explore(page, app_url, "?member_state=DE&language=none")
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"Download CSV \(2 rows\)")).click()
    download = download_info.value
    assert download.suggested_filename == "eu-labour-pathways_DE_language-none_ref-2024-02-01.csv"
    downloaded = tmp_path / "browser.csv"
    download.save_as(downloaded)
    assert downloaded.read_bytes() == exported.read_bytes()


def test_clicking_a_member_state_opens_its_country_page(page, app_url):
    open_explore(page, app_url)
    box = page.locator(f"{MAP} .nsewdrag, {MAP} canvas").first.bounding_box()
    plot = page.locator(MAP).first.bounding_box()
    # Germany's middle (10.4E, 51.1N) sits just below the map centre (10E, 53N): see explorer.figures.
    x = plot["x"] + plot["width"] * 0.42 + 3
    y = plot["y"] + plot["height"] / 2 + 26
    assert box is not None
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/country\?member_state=DE"), timeout=20_000)
    page.get_by_role("heading", name="Germany").wait_for(timeout=20_000)
    assert page.outside_requests == []


def test_bad_link_parameter_is_named_on_the_page(page, app_url):
    open_explore(page, app_url, "?quota=sometimes")
    assert page.get_by_text("quota=sometimes").count() >= 1
    assert headline(page).startswith("7 of 7")
