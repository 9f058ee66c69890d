"""Start the app: one Streamlit server on a free local port (browser tests, the benchmark), or several
Streamlit processes behind HAProxy (`python -m explorer serve --workers N`, `make serve WORKERS=N`).

One Streamlit process runs every page on one core (Python's lock). For a workshop where many people
open the same link at once, `serve` starts N processes on local ports and HAProxy, a standard reverse
proxy (Debian package `haproxy`), on the public port. HAProxy sets a cookie on a browser's first
request and sends all its later ones (the websocket, downloads) to the same process, which holds that
browser's session; the processes share one cookie secret, so a browser whose process went down is
sent to another and starts again from its link.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from explorer.package import ROOT

WORKER_COOKIE = "EXPLORER_WORKER"
WORKER_HEADER = "X-Explorer-Worker"
MAX_WORKERS = 16
# No proxy from the environment: the health checks go straight to this machine.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    url: str  # what a browser opens
    pids: list[int]  # the processes serving it (their memory is the app's memory)
    running: Callable[[], bool]  # whether all of them still run


def _streamlit(script: Path, port: int, env: dict[str, str] | None, address: str | None = None,
               log=subprocess.PIPE) -> subprocess.Popen:
    """`log`: where the process's output goes (a pipe, read if it fails to start; a file; None: this terminal)."""
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    if address:
        command += ["--server.address", address]
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                            stderr=subprocess.STDOUT, text=True)


def _wait_until_healthy(url: str, processes: list[subprocess.Popen], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with _HTTP.open(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        ended = next((process for process in processes if process.poll() is not None), None)
        if ended is not None or time.monotonic() > deadline:
            output = ended.stdout.read() if ended is not None and ended.stdout else ""
            raise RuntimeError(f"the app did not start on {url}" + (f":\n{output[-2000:]}" if output else ""))
        time.sleep(0.3)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def streamlit_server(script: Path = ROOT / "app.py", env: dict[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """Run `streamlit run script` on a free port; yields its base URL."""
    port = free_port()
    process = _streamlit(script, port, env)
    url = f"http://localhost:{port}"
    try:
        _wait_until_healthy(url, [process], timeout)
        yield url
    finally:
        _stop([process])


def haproxy_path() -> str | None:
    return shutil.which("haproxy") or next((path for path in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")
                                            if os.access(path, os.X_OK)), None)


def haproxy_config(address: str, port: int, worker_ports: list[int]) -> str:
    """HAProxy's configuration: each browser sticks to one Streamlit process (a cookie HAProxy sets)."""
    servers = "\n".join(f"    server worker{number} 127.0.0.1:{worker_port} cookie worker{number} check inter 2s"
                        for number, worker_port in enumerate(worker_ports, 1))
    return f"""\
# Written by explorer.serving for `python -m explorer serve`.
global
    maxconn 4096

defaults
    mode http
    option redispatch
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    # A Streamlit websocket stays open while the tab is open.
    timeout tunnel 12h

frontend explorer
    bind {address}:{port}
    default_backend streamlit

backend streamlit
    # New browsers in turn to each process; then each browser stays with its process: its session lives there.
    balance roundrobin
    cookie {WORKER_COOKIE} insert indirect nocache httponly
    option httpchk GET /_stcore/health
    # Which process answered: for the tests and for reading a browser's network log.
    http-response set-header {WORKER_HEADER} %[srv_name]
{servers}
"""


@contextlib.contextmanager
def proxied_workers(workers: int, port: int | None = None, address: str = "127.0.0.1", script: Path = ROOT / "app.py",
                    env: dict[str, str] | None = None, timeout: float = 90, log=subprocess.DEVNULL) -> Iterator[Served]:
    """`workers` Streamlit processes on local ports behind HAProxy on `address:port` (a free local port
    if none); yields the address to open and the processes' ids. `log`: where their output goes (a file,
    or None for this terminal); never a pipe that nobody reads, which would stop a long-running server."""
    if not 1 <= workers <= MAX_WORKERS:
        raise ValueError(f"--workers takes 1 to {MAX_WORKERS} processes")
    haproxy = haproxy_path()
    if haproxy is None:
        raise RuntimeError("HAProxy is not installed (Debian: apt-get install haproxy); one process (`make run`, `bench --burst N --workers 1`) runs without it")
    port = port or free_port()
    # One secret for all: a browser's XSRF cookie, set by one process, is valid on every other.
    shared = {**(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    worker_ports = [free_port() for _ in range(workers)]
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="explorer-serve-") as folder:
        config = Path(folder) / "haproxy.cfg"
        config.write_text(haproxy_config(address, port, worker_ports), encoding="utf-8")
        try:
            processes += [_streamlit(script, worker_port, shared, address="127.0.0.1", log=log) for worker_port in worker_ports]
            for worker_port in worker_ports:
                _wait_until_healthy(f"http://127.0.0.1:{worker_port}", processes, timeout)
            # -db: in the foreground, a child of ours; -W: master-worker (stops cleanly on SIGTERM).
            processes.append(subprocess.Popen([haproxy, "-db", "-W", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT))
            url = f"http://{'localhost' if address in ('127.0.0.1', '0.0.0.0') else address}:{port}"
            _wait_until_healthy(url, processes, timeout)
            yield Served(url, [process.pid for process in processes], lambda: all(process.poll() is None for process in processes))
        finally:
            _stop(processes)


def serve(workers: int, port: int, address: str, data: Path) -> int:
    """`python -m explorer serve`: run until Ctrl-C, or until one of the processes ends."""
    try:
        with proxied_workers(workers, port, address, env={"EXPLORER_PATHWAYS_DIR": str(data.resolve())}, log=None) as served:
            print(f"The app is served at {served.url} by {workers} Streamlit process(es) behind HAProxy "
                  f"(listening on {address}:{port}). Ctrl-C stops them.", flush=True)
            while served.running():
                time.sleep(1)
            print("serve: a process ended; stopping the others", file=sys.stderr)
            return 1
    except (RuntimeError, ValueError) as error:
        print(f"serve: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
