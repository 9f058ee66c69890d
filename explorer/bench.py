"""`python -m explorer bench`: performance of the full dataset against the budgets.

Measures cold load and validation, of the dataset and of copies 3 and 10 times its size (every
record repeated under another id: load must stay linear as the dataset grows); one interaction (filters, facet counts, summaries, all three
figures built and serialised as Streamlit sends them) over random filter combinations; the size
of the figures; and with --browser, the time from navigation to the map drawn on the Explore page
against the floor of this stack (a Streamlit page holding one small plotly chart), alternating,
on a quiet machine and again while another process keeps one core busy.
Exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import contextlib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import yaml

from explorer.figure_export import for_export
from explorer.figures import categories_by_state, choropleth, salary_thresholds
from explorer.filters import FILTERS, UNKNOWN_CAPABLE, FilterSet, apply_filters, facet_counts, scope_size, unknown_dropped
from explorer.geo import EU27_URL
from explorer.loading import Dataset, load_dataset
from explorer.package import ROOT, pathways_dir
from explorer.summaries import headline, per_member_state
from explorer.urlstate import METRICS

INTERACTION_P95_BUDGET_MS = 50.0
MAP_FIGURE_BUDGET_KB = 400.0
BROWSER_RATIO_BUDGET = {"quiet": 1.15, "busy": 1.25}
LOAD_SCALES = (1, 3, 10)
FLOOR_APP = ROOT / "scripts" / "bench_floor_app.py"


def random_filters(rng: random.Random, member_states: list[str]) -> tuple[FilterSet, str]:
    """A filter combination such as users make: a few filters at a time, sometimes none."""
    samples = {
        "member_state": lambda: tuple(rng.sample(member_states, rng.randint(1, 4))),
        "max_salary": lambda: rng.randrange(10_000, 90_000, 1000),
        "nationality": lambda: rng.choice(("IN", "BD", "MA", "US", "UA", "RS")),
        "q": lambda: rng.choice(("card", "seasonal", "research", "talent", "permit", "zz")),
    }
    changes = {}
    for item in rng.sample(FILTERS, rng.randint(0, 4)):
        if item.name in samples:
            changes[item.name] = samples[item.name]()
        elif item.repeatable:
            changes[item.name] = tuple(rng.sample(list(item.choices), rng.randint(1, min(3, len(item.choices)))))
        else:
            changes[item.name] = rng.choice(list(item.choices))
    return FilterSet(**changes), rng.choice(list(METRICS))


def interaction(dataset: Dataset, filters: FilterSet, metric: str) -> list[str]:
    """What one rerun of the Explore page computes; returns the serialised figures."""
    matching = apply_filters(dataset.pathways, filters)
    unknown_dropped(dataset.pathways, filters)
    for name, item in UNKNOWN_CAPABLE.items():  # the counts shown beside these filters (at most)
        facet_counts(dataset.pathways, filters, name, item.unknown_column)
    headline(matching, scope_size(dataset.pathways, filters))
    per_state = per_member_state(matching, dataset.member_states, dataset.curated)
    figures = [choropleth(per_state, EU27_URL, metric), categories_by_state(matching), salary_thresholds(matching)]
    return [figure.to_json() for figure in figures]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class _NoAliases(yaml.SafeDumper):
    """The loader refuses anchors and aliases, which a dump of repeated objects would write."""

    def ignore_aliases(self, data) -> bool:
        return True


def scaled_copy(source: Path, times: int, target: Path) -> None:
    """The member-state files of `source` with every record repeated `times` times (ids made unique)."""
    for path in sorted(source.glob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        records = content["pathways"]
        content["pathways"] = [{**record, "id": record["id"] if copy == 0 else f"{record['id']}-copy{copy}"}
                               for copy in range(times) for record in records]
        (target / path.name).write_text(yaml.dump(content, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load_times(source: Path, repeats: int = 3) -> list[tuple[int, int, float]]:
    """(scale, records, best load time in ms) for the dataset at each of LOAD_SCALES."""
    results = []
    for scale in LOAD_SCALES:
        with tempfile.TemporaryDirectory() as folder:
            scaled_copy(source, scale, Path(folder))
            best, records = float("inf"), 0
            for _ in range(repeats):
                started = time.perf_counter()
                records = len(load_dataset(Path(folder)).pathways)
                best = min(best, (time.perf_counter() - started) * 1000)
        results.append((scale, records, best))
    return results


def run(dataset: Dataset, interactions: int = 300, browser: bool = False, rounds: int = 9) -> int:
    ok = True
    started = time.perf_counter()
    fresh = load_dataset(pathways_dir())
    load_ms = (time.perf_counter() - started) * 1000
    print(f"dataset: {len(fresh.pathways)} pathways in {fresh.pathways['member_state'].nunique()} member states")
    print(f"load + validate (YAML -> checked DataFrame): {load_ms:.0f} ms (first, cold)")
    scaled = load_times(pathways_dir())
    base_per_record = scaled[0][2] / scaled[0][1]
    for scale, records, best in scaled:
        print(f"load at {scale:>2}x the data: {records:>5} records in {best:.0f} ms (best of 3), "
              f"{best / records:.2f} ms a record ({best / records / base_per_record:.2f}x the 1x rate)")

    rng = random.Random(20240201)
    states = list(dataset.member_states.index)
    combos = [random_filters(rng, states) for _ in range(interactions)]
    for state, metric in combos[:10]:  # warm-up: imports, first-call caches
        interaction(dataset, state, metric)
    timings = []
    for state, metric in combos:
        started = time.perf_counter()
        interaction(dataset, state, metric)
        timings.append((time.perf_counter() - started) * 1000)
    p50, p95 = statistics.median(timings), percentile(timings, 0.95)
    verdict = "ok" if p95 < INTERACTION_P95_BUDGET_MS else "OVER BUDGET"
    ok &= p95 < INTERACTION_P95_BUDGET_MS
    print(f"interaction over {interactions} random filter combinations (counts beside 2 filters, unknowns dropped, 3 figures):"
          f" median {p50:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms"
          f" [budget p95 < {INTERACTION_P95_BUDGET_MS:.0f} ms: {verdict}]")

    figures = interaction(dataset, FilterSet(), "pathways")
    map_kb = len(figures[0].encode()) / 1024
    exported_kb = len(for_export(choropleth(per_member_state(dataset.pathways, dataset.member_states, dataset.curated), EU27_URL, "pathways"),
                                 "map", FilterSet()).to_json().encode()) / 1024
    verdict = "ok" if map_kb < MAP_FIGURE_BUDGET_KB else "OVER BUDGET"
    ok &= map_kb < MAP_FIGURE_BUDGET_KB
    print(f"map figure as sent to the browser: {map_kb:.1f} KB (geometry by URL, fetched once: "
          f"{(ROOT / 'static' / 'eu27.geojson').stat().st_size / 1024:.0f} KB) [budget < {MAP_FIGURE_BUDGET_KB:.0f} KB: {verdict}]")
    print(f"map figure exported with its geometry embedded: {exported_kb:.1f} KB")
    print(f"all figures of the Explore page: {sum(len(text.encode()) for text in figures) / 1024:.1f} KB")

    if browser:
        ok &= browser_benchmark(rounds)
    print("all budgets met" if ok else "BUDGET EXCEEDED")
    return 0 if ok else 1


CHART_DRAWN = "() => document.querySelectorAll('.js-plotly-plot .main-svg .bars .point').length >= 3"


@contextlib.contextmanager
def one_core_busy() -> Iterator[None]:
    """Another process spinning on one core for the duration: a machine doing something else."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


def browser_benchmark(rounds: int = 9) -> bool:
    """Navigation to map drawn on Explore vs navigation to chart drawn on the floor page, alternating,
    quiet and with one core busy."""
    from playwright.sync_api import sync_playwright

    from explorer.chromium import CHROMIUM_ARGS, MAP_DRAWN_JS, chromium_path
    from explorer.serving import streamlit_server

    chromium = chromium_path()
    if chromium is None:
        print("browser: Chromium not installed (apt-get install chromium): not measured")
        return False
    ok = True
    with streamlit_server() as app_url, streamlit_server(FLOOR_APP) as floor_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

        def timed(url: str, drawn: str) -> float:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_function(drawn, timeout=60_000, polling=20)
            elapsed = (time.perf_counter() - started) * 1000
            context.close()
            return elapsed

        timed(app_url, MAP_DRAWN_JS), timed(floor_url, CHART_DRAWN)  # warm both servers and caches
        for condition, load in (("quiet", contextlib.nullcontext()), ("busy", one_core_busy())):
            explore, floor = [], []
            with load:
                for _ in range(rounds):
                    explore.append(timed(app_url, MAP_DRAWN_JS))
                    floor.append(timed(floor_url, CHART_DRAWN))
            ratio = statistics.median(explore) / statistics.median(floor)
            budget = BROWSER_RATIO_BUDGET[condition]
            ok &= ratio <= budget
            print(f"browser, navigation to drawn, {condition} ({rounds} alternating rounds, medians): Explore map "
                  f"{statistics.median(explore):.0f} ms, floor page with one small plotly chart {statistics.median(floor):.0f} ms, "
                  f"ratio {ratio:.2f} [budget <= {budget}: {'ok' if ratio <= budget else 'OVER BUDGET'}]")
        browser.close()
    return ok
