"""The local Chromium, run offline: found on the machine, started with every background service off.
Used by PNG/SVG export (kaleido), the browser tests, the benchmark and scripts/screenshot.py."""

from __future__ import annotations

import shutil

# Chromium's own services (extension updates, the default search engine's preconnect, sync, ...)
# look up outside hosts at start, even headless: measured with strace, Debian's Chromium resolved
# clients2.google.com and start.duckduckgo.com. These flags keep every run of it on this machine;
# the resolver rule answers "not found" for every host but localhost, without asking any DNS server.
OFFLINE_FLAGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-extensions", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", *OFFLINE_FLAGS]
# The Explore map is drawn when all 27 member states are on it as SVG paths.
MAP_DRAWN_JS = "() => document.querySelectorAll('.js-plotly-plot .choroplethlocation').length >= 27"
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")


def chromium_path() -> str | None:
    return next(filter(None, (shutil.which(name) for name in ("chromium", "chromium-browser"))), None)
