"""Screenshot a page of a running app in headless Chromium: for looking at what users see.

Run: .venv/bin/python scripts/screenshot.py URL OUT.png [--wait-map] [--height PX] [--wait-ms MS]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from explorer.chromium import CHROMIUM_ARGS, LOCAL_PREFIXES, MAP_DRAWN_JS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--wait-map", action="store_true")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--wait-ms", type=int, default=2500, help="extra time to let the page settle")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        outside = []
        page.on("request", lambda request: outside.append(request.url)
                if not request.url.startswith(LOCAL_PREFIXES) else None)
        page.goto(args.url)
        page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=30000)
        if args.wait_map:
            page.wait_for_function(MAP_DRAWN_JS, timeout=30000)
        page.wait_for_timeout(args.wait_ms)
        page.screenshot(path=args.out)
        print("requests outside localhost:", outside or "none")
        browser.close()


if __name__ == "__main__":
    main()
