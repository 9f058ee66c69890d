"""The app in a real browser: the map draws offline, links and downloads match the CLI."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from explorer.cli import main as cli
from explorer.chromium import MAP_DRAWN_JS
from tests.conftest import FIXTURES

MAP = ".js-plotly-plot"


def open_explore(page, app_url: str, query: str = "") -> None:
    page.goto(f"{app_url}/{query}")
    page.wait_for_function(MAP_DRAWN_JS, timeout=45_000)


def headline(page) -> str:
    return page.get_by_text(re.compile(r"^\d+ of \d+ pathways? match")).inner_text(timeout=20_000)


def test_map_is_drawn_with_no_request_leaving_localhost(page, app_url):
    open_explore(page, app_url)
    shot = Image.open(io.BytesIO(page.locator(MAP).first.screenshot())).convert("RGB")
    colours = dict((colour, count) for count, colour in shot.getcolors(maxcolors=1 << 20))
    # Fixture counts: DE 3 (the maximum: darkest Viridis), AT and GR 1 (the minimum: the teal at the middle of
    # Viridis); the 23 member states without fixture records are drawn as "not yet in the dataset".
    assert colours.get((250, 250, 250), 0) > 10_000, "member states not in the dataset are not drawn"
    assert colours.get((68, 1, 84), 0) > 300, "Germany is not drawn in the darkest colour"
    assert colours.get((38, 130, 142), 0) > 100, "the lowest count is not drawn in the lightest step (teal)"
    assert page.get_by_text("Not yet in the dataset").count() >= 1  # the legend entry
    assert page.outside_requests == [], page.outside_requests


def test_the_map_draws_when_its_geometry_arrives_15_seconds_late(page, app_url):
    # plotly.js gave up after 5 s on every map trace but the first that shared the geometry URL,
    # leaving the map blank on a slow connection or a busy server: the map is now one trace.
    held = []
    page.route("**/eu27.geojson", lambda route: held.append(route))  # hold the request, answer it later
    page.goto(app_url)
    page.wait_for_function("() => document.querySelector('.js-plotly-plot')", timeout=45_000)
    page.wait_for_timeout(15_000)
    assert held, "the map did not ask for its geometry"
    for route in held:
        route.continue_()
    page.wait_for_function(MAP_DRAWN_JS, timeout=20_000)
    assert page.evaluate("() => document.querySelectorAll('.js-plotly-plot .choroplethlocation').length") == 27


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
    assert download.suggested_filename == "eu-labour-pathways_germany_language-no-requirement_ref-2024-02-01.csv"
    downloaded = tmp_path / "browser.csv"
    download.save_as(downloaded)
    assert downloaded.read_bytes() == exported.read_bytes()


GERMANY_ON_MAP = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const trace = gd.data.findIndex(t => t.type === 'choropleth' && t.locations.includes('DE'));
  const path = gd.querySelectorAll('.choroplethlayer .trace')[trace]
    .querySelectorAll('.choroplethlocation')[gd.data[trace].locations.indexOf('DE')];
  const box = path.getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2];
}"""


def test_clicking_a_member_state_opens_its_country_page(page, app_url):
    open_explore(page, app_url)
    x, y = page.evaluate(GERMANY_ON_MAP)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/country\?member_state=DE"), timeout=20_000)
    page.get_by_role("heading", name="Germany").wait_for(timeout=20_000)
    assert page.outside_requests == []


def test_bad_link_parameter_is_named_on_the_page(page, app_url):
    open_explore(page, app_url, "?quota=sometimes")
    assert page.get_by_text("quota=sometimes").count() >= 1
    assert headline(page).startswith("6 of 6")


def test_exported_html_map_draws_from_a_file_with_no_request(page, tmp_path, pathways):
    from explorer.figure_export import figure_html, for_export
    from explorer.figures import choropleth
    from explorer.filters import FilterSet
    from explorer.geo import EU27_URL
    from explorer.reference import load_member_states
    from explorer.summaries import per_member_state

    figure = for_export(choropleth(per_member_state(pathways, load_member_states(), set(pathways["member_state"])), EU27_URL, "pathways"), "map", FilterSet())
    exported = tmp_path / "map.html"
    exported.write_bytes(figure_html(figure, "map"))
    page.goto(exported.as_uri())
    page.wait_for_function(MAP_DRAWN_JS, timeout=30_000)
    assert [url for url in page.outside_requests if not url.startswith("file://")] == []


def test_a_country_link_works_as_the_first_request_to_a_fresh_server(browser):
    from explorer.serving import streamlit_server
    with streamlit_server(env={"EXPLORER_PATHWAYS_DIR": str(FIXTURES)}) as fresh_url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{fresh_url}/country?member_state=PL")
        page.get_by_role("heading", name="Poland").wait_for(timeout=30_000)
        navigation = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        context.close()
    assert [label.split("\n")[-1] for label in navigation] == ["Explore", "Country profile", "Compare", "Finder", "Partnerships",
                                                                  "About & method"]


def test_selecting_a_row_shows_the_record_with_its_provenance(page, app_url):
    page.goto(f"{app_url}/?member_state=DE&view=table")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=45_000)
    page.wait_for_timeout(1500)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first data row's selection box
    page.get_by_role("link", name="Fixture page").first.wait_for(timeout=20_000)
    for label in ("Facts as of", "Last checked", "Legal basis", "Changes after 1 February 2024", "Labour-market test"):
        page.get_by_role("cell", name=label, exact=True).first.wait_for(timeout=20_000)  # waits for what it reads
    assert page.outside_requests == []


def test_closing_a_filter_group_keeps_its_filter(page, app_url):
    open_explore(page, app_url, "?sector=J")
    assert headline(page).startswith("5 of 6")
    page.get_by_text("Category, skill, sector and duration (1 set)").click()  # close the group
    page.wait_for_timeout(1500)
    search = page.get_by_label("Search name, summary, legal basis", exact=True)
    search.fill("Fixture")
    search.press("Enter")
    page.wait_for_function("() => location.search.includes('q=Fixture')", timeout=20_000)
    assert headline(page).startswith("5 of 6")
    assert "sector=J" in page.url


def test_png_and_svg_exports_render_the_map_and_carry_their_context(chromium, pathways):
    from explorer.figure_export import figure_image, for_export
    from explorer.figures import choropleth
    from explorer.filters import FilterSet
    from explorer.geo import EU27_URL
    from explorer.reference import load_member_states
    from explorer.summaries import per_member_state

    state = FilterSet(member_state=("DE", "PL"))
    figure = for_export(choropleth(per_member_state(pathways, load_member_states(), set(pathways["member_state"])), EU27_URL, "pathways"),
                        "Matching pathways per member state", state)
    png = Image.open(io.BytesIO(figure_image(figure, "png")))
    assert png.size == (3200, 1800)  # a 16:9 slide, 1600 x 900 at scale 2
    assert (250, 250, 250) in {colour for _, colour in png.convert("RGB").getcolors(1 << 20)}  # not yet in the dataset
    svg = figure_image(figure, "svg").decode()
    assert svg.count('class="choroplethlocation"') >= 27
    assert "Matching pathways per member state" in svg and "Member states: Germany, Poland" in svg and "Reference date 2024-02-01" in svg


def test_the_websocket_is_compressed(app_url):
    # The table view re-sends its rows on every rerun; permessage-deflate (which browsers ask for)
    # shrinks them several times over. Off by default in Streamlit: .streamlit/config.toml turns it on.
    from websockets.sync.client import connect
    with connect(app_url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"], origin=app_url,
                 open_timeout=20) as stream:
        assert "permessage-deflate" in (stream.response.headers.get("Sec-WebSocket-Extensions") or "")
