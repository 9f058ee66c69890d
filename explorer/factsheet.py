"""One A4 fact sheet per member state, as a PDF: an HTML page from the data (Jinja2, every value
escaped) printed by the local Chromium, offline. Text stays text: selectable and searchable.

`python -m explorer factsheet --member-state PL --out pl.pdf`, `--all --out factsheets.zip`, and
the download on each country page all call `factsheet_pdfs`.
"""

from __future__ import annotations

import datetime
import io
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jinja2

from explorer.chromium import OFFLINE_FLAGS, chromium_path
from explorer.compare import KEY_FIGURES, key_figures
from explorer.filters import IN_FORCE
from explorer.loading import Dataset
from explorer.package import METADATA, NOTICE, REFERENCE_DATE
from explorer.vocabulary import label, labels, place_name, route_in_words

TEMPLATES = Path(__file__).parent / "templates"
PDF_MIME = "application/pdf"
FILE_PREFIX = "eu-labour-pathways_factsheet"


def reference_date_words() -> str:
    date = datetime.date.fromisoformat(REFERENCE_DATE)
    return f"{date.day} {date:%B %Y}"


def file_name(iso2: str, dataset: Dataset) -> str:
    name = dataset.member_states["name"][iso2].lower().replace(" ", "-")
    return f"{FILE_PREFIX}_{name}_ref-{REFERENCE_DATE}.pdf"


def number_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1–3, 5'."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


class _Sources:
    """Numbered sources, each address once, in the order first cited."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self._number: dict[str, int] = {}

    def cite(self, url: str, title: str, publisher: str = "") -> int:
        if url not in self._number:
            self.items.append({"url": url, "title": title, "publisher": publisher})
            self._number[url] = len(self.items)
        return self._number[url]


def factsheet_context(dataset: Dataset, iso2: str) -> dict:
    """Everything the fact sheet shows, in words (labels, not codes)."""
    header = dataset.headers[iso2]
    own = dataset.pathways[dataset.pathways["member_state"] == iso2]
    in_force = own[own["status"].isin(IN_FORCE)]
    # Routes by type (in the codebook's order), then by name: the table reads like the chart beside it.
    order = {code: index for index, code in enumerate(labels("category"))}
    in_force = in_force.assign(_order=in_force["category"].map(order)).sort_values(["_order", "name"]).drop(columns="_order")
    sources = _Sources()
    summary_numbers = [sources.cite(source.url, source.title, source.publisher) for source in header.sources]
    figures = key_figures(dataset, [iso2]).iloc[:, 0]
    counts = in_force["category"].value_counts(sort=False).reindex(list(order)).dropna().astype(int)
    most = int(counts.max()) if len(counts) else 1
    routes = [{**route_in_words(record, dataset.regions),
               "source": sources.cite(record["source_url"], record["source_title"], record["source_publisher"])}
              for _, record in in_force.iterrows()]
    changes = [{"name": record.name,
                "what": f"introduced after the reference date{f', from {record.valid_from}' if isinstance(record.valid_from, str) else ''} "
                        f"({label('category', record.category)})",
                "source": sources.cite(record.source_url, record.source_title, record.source_publisher)}
               for record in own[own["status"] == "introduced_after_reference"].itertuples()]
    partnerships = [{"name": item.name, "partners": ", ".join(place_name(code) for code in item.partner_countries),
                     "note": item.note, "source": sources.cite(item.source_url, item.name)}
                    for item in header.partnerships]
    licence = METADATA["licenses"][0]
    unknown = int(in_force[["labour_market_test", "quota_applies", "language_requirement"]].eq("unknown").any(axis=1).sum())
    return {
        "name": dataset.member_states["name"][iso2],
        "reference_date": REFERENCE_DATE,
        "reference_date_words": reference_date_words(),
        "summary": header.summary,
        "summary_sources": number_ranges(summary_numbers),
        "authority": header.deciding_authority,
        "portal": header.immigration_portal,
        "figures": [(figure.label, figures[figure.label]) for figure in KEY_FIGURES],
        "by_type": [(label("category", category), int(count), round(80 * count / most)) for category, count in counts.items()],
        "routes": routes,
        "changes": changes,
        "partnerships": partnerships,
        "sources": sources.items,
        "notice": NOTICE,
        "citation": METADATA["citation"],
        "licence": f"{licence['title']} ({licence['name']})",
        "routes_note": "“Unknown”: not found in the sources." if unknown else "",
    }


_ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                  undefined=jinja2.StrictUndefined)


def factsheet_html(dataset: Dataset, iso2: str) -> str:
    return _ENVIRONMENT.get_template("factsheet.html").render(**factsheet_context(dataset, iso2))


def factsheet_problem() -> str | None:
    """Why PDFs cannot be printed here, or None when they can."""
    if chromium_path() is None:
        return "The PDF fact sheet needs Chromium on this computer (for example `apt-get install chromium`)."
    return None


def _print_pdf(html_path: Path) -> bytes:
    """The page printed to PDF by the local Chromium, in a profile of its own, nothing fetched."""
    chromium = chromium_path()
    if chromium is None:
        raise RuntimeError(factsheet_problem())
    pdf_path = html_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="eu-pathways-profile-") as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", *OFFLINE_FLAGS, f"--user-data-dir={profile}",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri()],
                       check=True, capture_output=True, timeout=120)
    return pdf_path.read_bytes()


def factsheet_pdfs(dataset: Dataset, member_states: Iterable[str],
                   progress: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """PDF bytes by ISO code, printed four at a time; `progress` hears each member state as it is done."""
    codes = list(member_states)
    with tempfile.TemporaryDirectory(prefix="eu-pathways-factsheets-") as folder:
        pages = {}
        for iso2 in codes:
            pages[iso2] = Path(folder) / f"{iso2}.html"
            pages[iso2].write_text(factsheet_html(dataset, iso2), encoding="utf-8")

        def printed(iso2: str) -> bytes:
            pdf = _print_pdf(pages[iso2])
            if progress:
                progress(iso2)
            return pdf

        with ThreadPoolExecutor(max_workers=4) as pool:
            return dict(zip(codes, pool.map(printed, codes)))


def factsheet_pdf(dataset: Dataset, iso2: str) -> bytes:
    return factsheet_pdfs(dataset, [iso2])[iso2]


def factsheets_zip(dataset: Dataset, member_states: Iterable[str], progress: Callable[[str], None] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for iso2, pdf in factsheet_pdfs(dataset, member_states, progress).items():
            archive.writestr(file_name(iso2, dataset), pdf)
    return buffer.getvalue()
