"""Command line: `python -m explorer validate|export|build|factsheet|finder|bench|serve`.

`export` takes the same filters as the app's links, parsed by the same code (explorer.urlstate),
so a filter means the same thing everywhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from explorer.datafiles import csv_bytes, data_package_zip, partnerships_csv, view_link
from explorer.datapackage import codebook_csv, datapackage_text
from explorer.excel import workbook_bytes
from explorer.geo import STATIC_WORLD, world_geometry_text
from explorer.filters import FILTER, FILTERS, apply_filters, scope_size, unknown_dropped
from explorer.finder import add_cli as add_finder_cli, run_cli as run_finder_cli
from explorer.loading import DataValidationError, load_dataset
from explorer.reference import normalise_member_state
from explorer.package import (PARTNERSHIPS_CSV_PATH, CODEBOOK_CSV_PATH, DATAPACKAGE_PATH, PATHWAYS_CSV_PATH, PATHWAYS_DIR,
                              README_PATH, REFERENCE_DATE, REFERENCE_DIR, pathways_dir)
from explorer.summaries import (UNKNOWN_TARGET, UNKNOWN_TRACKED, dataset_size, headline, readme_coverage, unknown_shares,
                                with_readme_coverage)
from explorer.urlstate import parse_query
from explorer.vocabulary import label

# Every filter is an export option (--member-state for member_state), declared in explorer.filters.
def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m explorer", description="EU labour-migration pathways explorer")
    parser.add_argument("--data", type=Path, default=pathways_dir(), help="folder of member-state YAML files")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="validate the data and print counts per member state")
    export = commands.add_parser("export", help="write the filtered pathways as CSV (or a data-package zip)")
    export.add_argument("--out", type=Path, required=True, help="output file: .csv (codes), .xlsx (labels, codebook, filters) or .zip (data package)")
    for item in FILTERS:
        export.add_argument(option(item.name), dest=item.name, action="append" if item.repeatable else "store",
                            help=item.doc.replace("`", "").replace("%", "%%"))
    commands.add_parser("build", help="regenerate data/pathways/pathways.csv, codebook.csv and datapackage.json")
    factsheet = commands.add_parser("factsheet", help="write the PDF fact sheet of a member state, or of all of them (zip)")
    chosen = factsheet.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--member-state", dest="member_state", help="ISO alpha-2 code (EL is accepted for Greece)")
    chosen.add_argument("--all", action="store_true", help="every member state in the dataset, as a zip of PDFs")
    factsheet.add_argument("--out", type=Path, required=True, help="output file: .pdf for one member state, .zip with --all")
    add_finder_cli(commands)
    bench = commands.add_parser("bench", help="measure load, interaction and figure sizes against the budgets")
    bench.add_argument("--interactions", type=int, default=300)
    bench.add_argument("--rounds", type=int, default=9, help="browser rounds, alternating with the floor page")
    bench.add_argument("--browser", action="store_true", help="also time the map in headless Chromium")
    bench.add_argument("--burst", type=int, metavar="N", help="instead: open N Streamlit sessions at once (websocket protocol)"
                       " on the app and on the floor page, each served here; time to complete page, memory")
    bench.add_argument("--settle", type=float, default=60, metavar="SECONDS",
                       help="with --burst: when to read the server's memory after the sessions close (default 60)")
    bench.add_argument("--query", default="", help="with --burst: the link query string every session opens Explore with")
    bench.add_argument("--workers", type=int, default=2, metavar="N",
                       help="with --burst: serve the app as `serve --workers N` (`make serve`) does, N processes behind "
                            "HAProxy: a workshop's set-up (default 2); 1: one process, as `make run`. The floor page "
                            "is always one process")
    serve = commands.add_parser("serve", help="serve the app with several Streamlit processes behind HAProxy (a workshop)")
    serve.add_argument("--workers", type=int, default=2, metavar="N", help="Streamlit processes (default 2: one per core here)")
    serve.add_argument("--port", type=int, default=8501, help="the port browsers open (default 8501, as `make run`)")
    serve.add_argument("--address", default="0.0.0.0", help="the address to listen on (default: every interface, as `make run`)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        dataset = load_dataset(args.data, REFERENCE_DIR)
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 1

    if args.command == "validate":
        counts = dataset.pathways["member_state"].value_counts().sort_index()
        shares = unknown_shares(dataset.pathways)
        print(f"member state  records  share unknown: {', '.join(UNKNOWN_TRACKED.values())}  (* over {UNKNOWN_TARGET:.0%})")
        for state, count in counts.items():
            unknown = "  ".join(f"{label} {shares.loc[state, field]:4.0%}{'*' if shares.loc[state, field] > UNKNOWN_TARGET else ' '}"
                                for field, label in UNKNOWN_TRACKED.items())
            print(f"{state}  {count:4d}  {dataset.member_states.loc[state, 'name']:<12}  {unknown}")
        kinds = dataset.partnerships["kind"].map(lambda code: label("partnership_kind", code)).value_counts()
        print(f"partnerships: {len(dataset.partnerships)} (" + ", ".join(f"{name} {count}" for name, count in kinds.items()) + ")")
        print(f"ok: {dataset_size(dataset.pathways, dataset.member_states)}, reference date {REFERENCE_DATE}")
        return 0

    if args.command == "export":
        params = {item.name: getattr(args, item.name) for item in FILTERS if getattr(args, item.name) is not None}
        filters, display, notices = parse_query(params, dataset.member_states.index)
        if notices:
            for notice in notices:
                print(notice.replace("`", ""), file=sys.stderr)
            return 2
        matching = apply_filters(dataset.pathways, filters)
        link = view_link(filters, display)
        if args.out.suffix == ".zip":
            content = data_package_zip(matching, filters, link)
        elif args.out.suffix == ".xlsx":
            content = workbook_bytes(matching, filters, link, dataset.regions)
        else:
            content = csv_bytes(matching)
        args.out.write_bytes(content)
        print(f"{headline(matching, scope_size(dataset.pathways, filters))}; wrote {len(matching)} rows to {args.out}")
        for name, count in unknown_dropped(dataset.pathways, filters).items():
            if count:
                print(f"{count} route(s) with {FILTER[name].unknown_phrase} left out; {option('unknown')} {name} includes them")
        return 0

    if args.command == "build":
        if args.data.resolve() != PATHWAYS_DIR.resolve():
            print("build regenerates the committed files from data/pathways only", file=sys.stderr)
            return 2
        PATHWAYS_CSV_PATH.write_bytes(csv_bytes(dataset.pathways))
        CODEBOOK_CSV_PATH.write_bytes(codebook_csv())
        PARTNERSHIPS_CSV_PATH.write_bytes(partnerships_csv(dataset.partnerships))
        STATIC_WORLD.write_text(world_geometry_text(), encoding="utf-8")
        DATAPACKAGE_PATH.write_text(datapackage_text(partnerships=True), encoding="utf-8")
        README_PATH.write_text(with_readme_coverage(README_PATH.read_text(encoding="utf-8"), readme_coverage(
            dataset.pathways, dataset.member_states, len(dataset.partnerships))), encoding="utf-8")
        print(f"wrote {PATHWAYS_CSV_PATH} ({len(dataset.pathways)} rows), {PARTNERSHIPS_CSV_PATH} "
              f"({len(dataset.partnerships)} rows), {CODEBOOK_CSV_PATH}, {DATAPACKAGE_PATH} and the coverage paragraph of {README_PATH}")
        return 0

    if args.command == "factsheet":
        return write_factsheets(dataset, args)

    if args.command == "finder":
        return run_finder_cli(dataset, args)

    if args.command == "serve":
        from explorer.serving import serve
        return serve(args.workers, args.port, args.address, args.data)

    if args.command == "bench":
        if args.burst:
            from explorer.burst import run as burst
            return burst(args.burst, args.settle, args.query, args.data, args.workers)
        from explorer.bench import run
        return run(dataset, args.interactions, args.browser, args.rounds)
    return 2


def write_factsheets(dataset, args) -> int:
    from explorer.factsheet import factsheet_pdf, factsheet_problem, factsheets_zip

    if problem := factsheet_problem():
        print(problem.replace("`", ""), file=sys.stderr)
        return 2
    if args.all:
        codes = sorted(dataset.curated, key=lambda code: dataset.member_states.loc[code, "name"])
        done = []

        def progress(iso2: str) -> None:
            done.append(iso2)
            print(f"[{len(done)}/{len(codes)}] {dataset.member_states.loc[iso2, 'name']}", file=sys.stderr)

        args.out.write_bytes(factsheets_zip(dataset, codes, progress))
        print(f"wrote {len(codes)} fact sheets to {args.out}")
        return 0
    iso2 = normalise_member_state(args.member_state, dataset.member_states.index)
    if iso2 is None or iso2 not in dataset.curated:
        known = ", ".join(sorted(dataset.curated))
        print(f"{args.member_state!r} is not a member state in the dataset (these are: {known})", file=sys.stderr)
        return 2
    args.out.write_bytes(factsheet_pdf(dataset, iso2))
    print(f"wrote the fact sheet of {dataset.member_states.loc[iso2, 'name']} to {args.out}")
    return 0
