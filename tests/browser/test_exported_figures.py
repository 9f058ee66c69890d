"""Exported charts and maps are slide-ready: drawn in Chromium from the exported file, each has its
title, the filters in words, the caveats shown in the app, and a footer whose box stays clear of
the axis labels, the legend and the colour bar, inside a 16:9 page."""

from __future__ import annotations

import pytest

from explorer.figure_export import SLIDE_HEIGHT, SLIDE_WIDTH, figure_html, for_export
from explorer.figures import categories_by_state, choropleth, salary_thresholds
from explorer.filters import FilterSet, apply_filters
from explorer.geo import EU27_URL
from explorer.reference import load_member_states
from explorer.summaries import per_member_state

BOXES = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const footer = [...document.querySelectorAll('.annotation')].find(a => a.textContent.includes('Reference date'));
  const labels = [...document.querySelectorAll('.xtick text, .ytick text, .g-xtitle, .g-ytitle, .legend, .colorbar')]
    .filter(el => el.getBoundingClientRect().width > 0).map(box);
  const svg = document.querySelector('.main-svg');
  return {footer: footer ? box(footer) : null, labels, page: box(svg), title: document.querySelector('.gtitle').textContent};
}"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def exported(kind: str, pathways):
    filters = FilterSet(status="all", member_state=("DE", "AT", "PL", "GR"))
    matching = apply_filters(pathways, filters)
    if kind == "map":
        per_state = per_member_state(matching, load_member_states(), set(pathways["member_state"]))
        return for_export(choropleth(per_state, EU27_URL, "pathways"), "Matching pathways per member state", filters)
    build = categories_by_state if kind == "categories" else salary_thresholds
    return for_export(build(matching), "A chart", filters)


@pytest.mark.parametrize("kind", ["map", "categories", "salary"])
def test_exported_figure_has_its_context_and_a_footer_clear_of_the_plot(page, tmp_path, pathways, kind):
    figure = exported(kind, pathways)
    assert (figure.layout.width, figure.layout.height) == (SLIDE_WIDTH, SLIDE_HEIGHT)  # 16:9
    path = tmp_path / f"{kind}.html"
    path.write_bytes(figure_html(figure, kind))
    page.goto(path.as_uri())
    page.wait_for_selector(".annotation", timeout=30_000)
    found = page.evaluate(BOXES)
    assert found["footer"] is not None, "no footer"
    assert "Filters: Status on the reference date: all routes" in found["title"] and "Germany" in found["title"]
    footer, whole = found["footer"], found["page"]
    assert whole[0] <= footer[0] and footer[2] <= whole[2] and footer[3] <= whole[3], "the footer leaves the page"
    assert [box for box in found["labels"] if overlaps(box, footer)] == []
    if kind == "salary":  # the routes without a threshold, said in the app, stay said on the slide
        assert "without a fixed threshold are not shown" in found["title"]
