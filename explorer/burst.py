"""`python -m explorer bench --burst N`: N Streamlit sessions opened at once, as browsers open them.

For the app (Explore, the default page, on the data of `--data`) and then for the floor of this stack
(`scripts/bench_floor_app.py`, one small plotly chart), one server at a time, each started here on a
free local port (explorer.serving.streamlit_server). With `--workers N` the app is served as
`python -m explorer serve` serves it, by N processes behind HAProxy (explorer.serving.proxied_workers);
the floor page is always one process, the floor of this stack:

1. warm-up: one session per process runs the page to the end (imports, `st.cache_resource` loads) and
   closes, then one more, timed alone on the warm server; the memory is then read: the warm baseline;
2. burst: N sessions start at the same moment. Each does what a browser does on opening the page:
   GET the page's HTML, GET /_stcore/health (which sets the XSRF cookie) and /_stcore/host-config,
   keeping the cookies the server sets and sending them back, then opens the websocket /_stcore/stream (subprotocol `streamlit` with the XSRF token, same-origin
   `Origin`, the cookie) and sends a `rerun_script` BackMsg holding the query string, the page and the
   browser context; it then reads ForwardMsgs until `script_finished`. A session is complete when
   the script finished successfully, no exception element came, and the map (a plotly choropleth;
   on the floor page, its plotly chart) was delivered. Its time runs from its first GET to that
   `script_finished`. The browser's static files (JS, CSS, fonts) are not fetched: a returning
   browser has them cached, and they are not part of the script run measured here;
3. every session keeps its websocket open until all are complete (or timed out), then all close;
   the memory (RSS of the serving processes and their children, read from /proc, sampled every 50 ms)
   is reported before, at the peak of the burst, and `settle` seconds after all sessions closed.

Budgets (exit 1 when one is missed): no session fails; Explore's p95 at most 1.5 x the floor page's
p95 under the same burst; the app's memory `settle` seconds after the burst within 20 % of its warm
baseline. Streamlit keeps a closed session for reconnection for `server.disconnectedSessionTTL`
seconds (120 by default), which a settle time shorter than that includes.

Traffic goes to the local server only (checked), every await has a timeout, and the number of
sessions and messages is bounded: the run stops by itself.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from websockets.asyncio.client import connect

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from explorer.package import ROOT

BURST_RATIO_BUDGET = 1.5
MEMORY_RETURN_BUDGET = 0.20
FLOOR_APP = ROOT / "scripts" / "bench_floor_app.py"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
SESSION_TIMEOUT = 180.0  # seconds for one session to reach a complete page
HTTP_TIMEOUT = 30.0
MAX_MESSAGES = 10_000  # ForwardMsgs read per session at most
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
SAMPLE_INTERVAL = 0.05
XSRF_COOKIE = "_streamlit_xsrf"
# No proxy from the environment: every request goes straight to the local server.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# -- memory, from /proc ---------------------------------------------------------------------------

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _parent_of(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat[stat.rindex(")") + 2:].split()[1])  # fields after "(comm)": state, ppid, ...


def process_tree(*pids: int) -> list[int]:
    """The processes and all their descendants that are alive now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent = _parent_of(entry)
            if parent is not None:
                children.setdefault(parent, []).append(int(entry))
    tree, todo = [], list(pids)
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def tree_rss(pids: list[int], members: list[int] | None = None) -> int:
    """Resident memory in bytes of processes and their children (/proc/PID/statm); `members`: the trees, if known."""
    total = 0
    for member in members or process_tree(*pids):
        try:
            total += int(Path(f"/proc/{member}/statm").read_text().split()[1]) * _PAGE_SIZE
        except (OSError, IndexError, ValueError):
            pass  # ended meanwhile
    return total


def server_pid(port: int) -> int:
    """The streamlit process that streamlit_server started on `port` (a child of this process)."""
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and _parent_of(entry) == me:
            try:
                argv = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in argv and b"--server.port" in argv and argv[argv.index(b"--server.port") + 1] == str(port).encode():
                return int(entry)
    raise RuntimeError(f"no streamlit process of ours on port {port}")


# -- one session ----------------------------------------------------------------------------------

@dataclass
class SessionResult:
    complete: bool = False
    error: str | None = None
    seconds: float | None = None  # first GET to script_finished
    open_seconds: float | None = None  # first GET to websocket open
    messages: int = 0
    received_bytes: int = 0
    plotly_charts: int = 0


def _get(url: str, cookies: dict[str, str]) -> int:
    """GET as a browser does: with the cookies the server set so far, keeping the ones it sets now
    (the XSRF cookie; behind `serve`, the cookie that keeps a browser on one process)."""
    request = urllib.request.Request(url, headers={"Cookie": _cookie_header(cookies)} if cookies else {})
    with _HTTP.open(request, timeout=HTTP_TIMEOUT) as response:
        response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            cookies[name.strip()] = value.strip()
    return response.status


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def rerun_message(base: str, page: str, query: str) -> bytes:
    """The BackMsg a browser sends once its websocket is open: run the script for this page and link."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query
    state.page_name = page
    context = state.context_info
    context.timezone, context.timezone_offset, context.locale = "UTC", 0, "en-US"
    context.url = f"{base}/{page}" + (f"?{query}" if query else "")
    context.is_embedded, context.color_scheme = False, "light"
    return message.SerializeToString()


async def open_session(base: str, page: str, query: str, wants_map: bool, pool: concurrent.futures.Executor,
                       release: asyncio.Event, settled: Callable[[], None] = lambda: None,
                       timeout: float = SESSION_TIMEOUT) -> SessionResult:
    """Open the page as a browser does and read until the first complete page; hold the session open until
    `release` is set. `settled` is called once, when the session is complete or has failed."""
    result = SessionResult()
    told = False
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    deadline = started + timeout

    def left() -> float:
        return max(0.001, deadline - time.perf_counter())

    try:
        page_url = f"{base}/{page}" + (f"?{query}" if query else "")
        cookies: dict[str, str] = {}
        status = await asyncio.wait_for(loop.run_in_executor(pool, _get, page_url, cookies), left())
        status_health = await asyncio.wait_for(loop.run_in_executor(pool, _get, f"{base}/_stcore/health", cookies), left())
        await asyncio.wait_for(loop.run_in_executor(pool, _get, f"{base}/_stcore/host-config", cookies), left())
        if status != 200 or status_health != 200:
            raise RuntimeError(f"HTTP {status} for the page, {status_health} for health")
        xsrf = cookies.get(XSRF_COOKIE)
        subprotocols = ["streamlit", xsrf] if xsrf else ["streamlit"]
        headers = {"Cookie": _cookie_header(cookies)} if cookies else {}
        async with connect(base.replace("http", "ws", 1) + "/_stcore/stream", origin=base, subprotocols=subprotocols,
                           additional_headers=headers, proxy=None, max_size=MAX_MESSAGE_BYTES, open_timeout=left(),
                           close_timeout=5, ping_interval=None) as websocket:
            result.open_seconds = time.perf_counter() - started
            await asyncio.wait_for(websocket.send(rerun_message(base, page, query)), left())
            map_seen = False
            while result.messages < MAX_MESSAGES:
                data = await asyncio.wait_for(websocket.recv(decode=False), left())
                result.messages += 1
                result.received_bytes += len(data)
                message = ForwardMsg()
                message.ParseFromString(data)
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    element = message.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        raise RuntimeError(f"exception in the script: {element.exception.message[:200]}")
                    if element.WhichOneof("type") == "plotly_chart":
                        result.plotly_charts += 1
                        map_seen |= not wants_map or "choropleth" in element.plotly_chart.spec
                elif kind == "page_not_found":
                    raise RuntimeError(f"page not found: {page!r}")
                elif kind == "script_finished":
                    if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the script asked for a rerun: the page comes with the next run
                    if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                        raise RuntimeError(f"script finished with status {message.script_finished}")
                    if not map_seen:
                        raise RuntimeError("script finished without the map" if wants_map else "script finished without its chart")
                    result.seconds = time.perf_counter() - started
                    result.complete = True
                    told = True
                    settled()
                    break
            else:
                raise RuntimeError(f"no script_finished in {MAX_MESSAGES} messages")
            # Like a browser tab that stays open: the session lives until every session of the burst is done.
            await asyncio.wait_for(release.wait(), left() + 10)
    except Exception as error:  # noqa: BLE001 - any failure of a session is counted and named
        if not result.complete:
            result.error = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    finally:
        if not told:
            settled()
    return result


# -- one burst against one server -----------------------------------------------------------------

@dataclass
class PageBurst:
    """One server under one burst: per-session results and the server's memory."""

    page: str
    sessions: int
    settle: float
    workers: int = 1  # Streamlit processes serving the page (more than 1: behind HAProxy)
    results: list[SessionResult] = field(default_factory=list)
    warm_ms: float | None = None  # the warm-up session alone
    rss_before: int = 0
    rss_peak: int = 0
    rss_after: int = 0
    wall_seconds: float = 0.0

    @property
    def times_ms(self) -> list[float]:
        return [result.seconds * 1000 for result in self.results if result.complete]

    @property
    def errors(self) -> list[str]:
        return [result.error or "incomplete" for result in self.results if not result.complete]

    def percentile_ms(self, share: float) -> float | None:
        times = sorted(self.times_ms)
        return times[min(len(times) - 1, round(share * (len(times) - 1)))] if times else None

    @property
    def p50_ms(self) -> float | None:
        return self.percentile_ms(0.5)

    @property
    def p95_ms(self) -> float | None:
        return self.percentile_ms(0.95)

    @property
    def max_ms(self) -> float | None:
        return max(self.times_ms, default=None)

    @property
    def open_p95_ms(self) -> float | None:
        opened = sorted(result.open_seconds * 1000 for result in self.results if result.open_seconds is not None)
        return opened[min(len(opened) - 1, round(0.95 * (len(opened) - 1)))] if opened else None

    def fields(self) -> dict:
        return {"page": self.page, "sessions": self.sessions, "workers": self.workers, "complete": len(self.times_ms), "errors": len(self.errors),
                "p50_ms": self.p50_ms, "p95_ms": self.p95_ms, "max_ms": self.max_ms, "open_p95_ms": self.open_p95_ms, "warm_ms": self.warm_ms,
                "rss_before_mb": self.rss_before / 2**20, "rss_peak_mb": self.rss_peak / 2**20,
                "rss_after_mb": self.rss_after / 2**20, "settle_s": self.settle, "wall_s": self.wall_seconds}


def _check_local(base: str) -> None:
    if urlsplit(base).hostname not in LOCAL_HOSTS:
        raise RuntimeError(f"the burst only targets a server on this machine, not {base}")


async def _burst(base: str, pids: list[int], label: str, page: str, query: str, wants_map: bool, sessions: int,
                 settle: float, timeout: float, workers: int = 1) -> PageBurst:
    report = PageBurst(label, sessions, settle, workers)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(sessions, 64))) as pool:
        warm_release = asyncio.Event()
        warm_release.set()  # the warm-up session closes as soon as it is complete
        # One session per process loads imports and caches (new browsers go to each process in turn);
        # the last is one session alone on a warm server.
        for _ in range(workers + 1):
            warm = await open_session(base, page, query, wants_map, pool, warm_release, timeout=timeout)
            if not warm.complete:
                raise RuntimeError(f"{label}: the warm-up session failed: {warm.error}")
        report.warm_ms = warm.seconds * 1000
        await asyncio.sleep(1)
        report.rss_before = report.rss_peak = tree_rss(pids)

        sampling = asyncio.Event()

        async def sample() -> None:
            members, scanned = process_tree(*pids), time.monotonic()
            while not sampling.is_set():
                if time.monotonic() - scanned > 1:  # children (a kaleido Chromium) come and go; rescan each second
                    members, scanned = process_tree(*pids), time.monotonic()
                report.rss_peak = max(report.rss_peak, tree_rss(pids, members))
                try:
                    await asyncio.wait_for(sampling.wait(), SAMPLE_INTERVAL)
                except TimeoutError:
                    pass

        sampler = asyncio.create_task(sample())
        release, all_settled = asyncio.Event(), asyncio.Event()
        unsettled = [sessions]

        def settled() -> None:
            unsettled[0] -= 1
            if unsettled[0] == 0:
                all_settled.set()

        started = time.perf_counter()
        tasks = [asyncio.create_task(open_session(base, page, query, wants_map, pool, release, settled, timeout))
                 for _ in range(sessions)]
        try:
            await asyncio.wait_for(all_settled.wait(), timeout + 5)
        except TimeoutError:
            pass  # sessions still without a result count as failed (their own timeout names it)
        report.wall_seconds = time.perf_counter() - started
        report.rss_peak = max(report.rss_peak, tree_rss(pids))
        release.set()  # all sessions close at once
        done, late = await asyncio.wait(tasks, timeout=30)
        for task in late:
            task.cancel()
        report.results = [task.result() if task in done else SessionResult(error="did not close in time") for task in tasks]
        sampling.set()
        await asyncio.wait_for(sampler, 5)
    await asyncio.sleep(settle)
    report.rss_after = tree_rss(pids)
    return report


def measure_page(script: Path, label: str, page: str, query: str, wants_map: bool, sessions: int, settle: float,
                 env: dict[str, str] | None = None, timeout: float = SESSION_TIMEOUT, workers: int = 1) -> PageBurst:
    """One burst on `script`, served by one Streamlit process (`make run`), or with `workers` > 1 by that
    many processes behind HAProxy (`make serve`: explorer.serving.proxied_workers)."""
    from explorer.serving import proxied_workers, streamlit_server

    with contextlib.ExitStack() as stack:
        if workers > 1:
            served = stack.enter_context(proxied_workers(workers, script=script, env=env))
            base, pids = served.url, served.pids
        else:
            base = stack.enter_context(streamlit_server(script, env=env))
            pids = [server_pid(urlsplit(base).port)]
        _check_local(base)
        # A thread of its own: the caller may already run an event loop (Playwright's sync API does).
        with concurrent.futures.ThreadPoolExecutor(1) as runner:
            return runner.submit(asyncio.run, _burst(base, pids, label, page, query, wants_map, sessions, settle,
                                                      timeout, workers)).result()


# -- both servers, the budgets, the report --------------------------------------------------------

@dataclass
class BurstReport:
    explore: PageBurst
    floor: PageBurst

    @property
    def errors(self) -> int:
        return len(self.explore.errors) + len(self.floor.errors)

    @property
    def ratio(self) -> float | None:
        if self.explore.p95_ms is None or not self.floor.p95_ms:
            return None
        return self.explore.p95_ms / self.floor.p95_ms

    @property
    def memory_growth(self) -> float:
        """The app's memory `settle` seconds after the burst, relative to its warm baseline (0.1 = +10 %)."""
        return self.explore.rss_after / self.explore.rss_before - 1

    @property
    def verdicts(self) -> dict[str, bool]:
        return {"errors": self.errors == 0,
                "p95_ratio": self.ratio is not None and self.ratio <= BURST_RATIO_BUDGET,
                "memory": self.memory_growth <= MEMORY_RETURN_BUDGET}

    @property
    def ok(self) -> bool:
        return all(self.verdicts.values())

    def fields(self) -> dict:
        return {"explore": self.explore.fields(), "floor": self.floor.fields(), "errors": self.errors,
                "p95_ratio": self.ratio, "memory_growth": self.memory_growth, "verdicts": self.verdicts, "ok": self.ok}


def measure(sessions: int, settle: float = 60, query: str = "", data: Path | None = None,
            timeout: float = SESSION_TIMEOUT, workers: int = 1) -> BurstReport:
    """Explore (the app's default page, served by `workers` processes) and then the floor page (one
    process: the stack's floor), each on its own server, under the same burst."""
    if not 1 <= sessions <= 500:
        raise ValueError("--burst takes 1 to 500 sessions")
    env = {"EXPLORER_PATHWAYS_DIR": str(Path(data).resolve())} if data is not None else None
    explore = measure_page(ROOT / "app.py", "Explore (map)", "", query, True, sessions, settle, env, timeout, workers)
    floor = measure_page(FLOOR_APP, "floor (one plotly chart)", "", "", False, sessions, settle, env, timeout)
    return BurstReport(explore, floor)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def report_lines(report: BurstReport) -> list[str]:
    explore, floor = report.explore, report.floor
    lines = [f"burst: {explore.sessions} sessions opened at once on each server (GET page, health, host-config; "
             f"websocket /_stcore/stream, rerun_script, read to script_finished); memory = RSS of the serving "
             f"processes and their children",
             f"Explore served by {explore.workers} Streamlit process(es)"
             + (" behind HAProxy (python -m explorer serve)" if explore.workers > 1 else " (make run)")
             + "; the floor page by one",
             f"{'page':<26}{'sessions':>9}{'complete':>9}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}"
             f"{'1 alone':>8}{'ws open p95':>12}{'burst s':>8}{'RSS warm MB':>12}{'peak MB':>8}{'after ' + format(explore.settle, 'g') + ' s MB':>14}"]
    for burst in (explore, floor):
        lines.append(f"{burst.page:<26}{burst.sessions:>9}{len(burst.times_ms):>9}{len(burst.errors):>7}{_ms(burst.p50_ms):>8}"
                     f"{_ms(burst.p95_ms):>8}{_ms(burst.max_ms):>8}{_ms(burst.warm_ms):>8}{_ms(burst.open_p95_ms):>12}{burst.wall_seconds:>8.1f}"
                     f"{burst.rss_before / 2**20:>12.0f}{burst.rss_peak / 2**20:>8.0f}{burst.rss_after / 2**20:>14.0f}")
    for burst in (explore, floor):
        kinds: dict[str, int] = {}
        for error in burst.errors:
            kinds[error] = kinds.get(error, 0) + 1
        lines += [f"  {burst.page}: {count} x {error}" for error, count in sorted(kinds.items(), key=lambda item: -item[1])[:5]]
    verdicts = {name: "ok" if good else "missed" for name, good in report.verdicts.items()}
    lines.append(f"budget errors: {report.errors} [budget 0: {verdicts['errors']}]")
    ratio = "-" if report.ratio is None else f"{report.ratio:.2f}"
    lines.append(f"budget p95: Explore {_ms(explore.p95_ms)} ms, floor {_ms(floor.p95_ms)} ms, ratio {ratio}"
                 f" [budget <= {BURST_RATIO_BUDGET}: {verdicts['p95_ratio']}]")
    lines.append(f"budget memory: app {explore.rss_after / 2**20:.0f} MB {explore.settle:g} s after the burst vs "
                 f"{explore.rss_before / 2**20:.0f} MB warm baseline, {report.memory_growth:+.0%}"
                 f" [budget <= +{MEMORY_RETURN_BUDGET:.0%}: {verdicts['memory']}]")
    lines.append("all burst budgets met" if report.ok else "BURST BUDGET MISSED")
    return lines


def run(sessions: int, settle: float = 60, query: str = "", data: Path | None = None, workers: int = 1) -> int:
    try:
        report = measure(sessions, settle, query, data, workers=workers)
    except (RuntimeError, ValueError) as error:  # a server that does not start, a page that fails alone
        print(f"burst: not measured: {error}", file=sys.stderr)
        return 1
    print("\n".join(report_lines(report)))
    return 0 if report.ok else 1
