"""Bench stage "web": requests per second and latency of the desk's map data endpoint under load.

`khabar serve` runs in one process on 127.0.0.1 over a store of synthetic control changes; a
second process (this module's `load` command) sends a bounded number of GET /api/map?as_of=DAY
requests from several threads over keep-alive connections, and prints one JSON line.

    python -m khabar.bench.observations --db FILE --observations N [--days 120]
    python -m khabar.bench.web_stage load --url URL --first DAY --days N --requests N --threads N

Two phases: "cold" asks each day once, one request at a time (every answer compiles control
for its day); "load" then sends --requests over the same days from --threads threads (answers
come from the desk's per-day cache, which a write to the database empties).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

OBSERVATIONS = 20_000
REQUESTS = 3_000
THREADS = 8


def _percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (nearest rank) of values, in milliseconds."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return round(ordered[k] * 1000, 2)


def _get(conn: http.client.HTTPConnection, path: str) -> float:
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Accept": "application/json"})
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != 200 or b'"controllers"' not in body:
        raise RuntimeError(f"GET {path}: HTTP {resp.status}")
    return time.perf_counter() - t0


def load(url: str, first: date, days: int, requests: int, threads: int) -> dict[str, Any]:
    """Run the cold and warm phases against a desk; return their figures."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    paths = [f"/api/map?as_of={(first + timedelta(i)).isoformat()}" for i in range(days)]
    cold_conn = http.client.HTTPConnection(host, port, timeout=120)
    cold = [_get(cold_conn, p) for p in paths]
    cold_conn.close()

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        mine: list[float] = []
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            try:
                mine.append(_get(conn, paths[i % len(paths)]))
            except (OSError, RuntimeError, http.client.HTTPException) as e:
                with lock:
                    errors.append(str(e))
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=120)
        conn.close()
        with lock:
            latencies.extend(mine)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    t0 = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.perf_counter() - t0
    return {"cold_requests": len(cold), "cold_median_ms": round(statistics.median(cold) * 1000, 1),
            "cold_p99_ms": _percentile(cold, 99), "requests": len(latencies), "errors": len(errors),
            "seconds": seconds, "rps": round(len(latencies) / seconds, 1) if seconds else None,
            "p50_ms": _percentile(latencies, 50), "p99_ms": _percentile(latencies, 99),
            "threads": threads, "days": days}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"khabar serve exited with code {proc.returncode}")
        try:
            urllib.request.urlopen(url + "/api/status", timeout=5).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"khabar serve did not answer within {seconds:.0f} s")


def run(b: Any) -> list[dict[str, Any]]:
    """The bench stage: store, serve, load from a second process; one row per phase."""
    from khabar.bench.observations import first_day, store_command
    from khabar.bench.runner import StageError, khabar_command, run_command
    from khabar.theatres.loader import load

    a = b.args
    first = first_day(load(a.theatre))
    db = b.workdir / "web.db"
    me = [sys.executable, "-m", "khabar.bench.web_stage"]
    if not db.exists():
        run_command(store_command(db, OBSERVATIONS, a.days, a.seed, a.theatre), b.workdir,
                    "web-store")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(b.workdir / "web-serve.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen([*khabar_command(), "serve", "--db", str(db), "--port", str(port),
                               "--theatre", a.theatre], stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, server)
        _, peak, out = run_command([*me, "load", "--url", url, "--first", first.isoformat(),
                                    "--days", str(a.days), "--requests", str(REQUESTS), "--threads",
                                    str(THREADS)], b.workdir, "web-load")
    except RuntimeError as e:
        raise StageError(f"web: {e}") from None
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    r = json.loads(out.strip().splitlines()[-1])
    base = {"docs": None, "words": None, "docs_per_s": None, "words_per_s": None, "peak_mb": None}
    return [
        {**base, "stage": "web map cold", "seconds": round(r["cold_median_ms"] / 1000, 4),
         "rps": None, "p99_ms": r["cold_p99_ms"],
         "notes": f"GET /api/map?as_of=DAY from a second process on loopback, one request at a time "
                  f"for {r['cold_requests']} different days, each compiling control over "
                  f"{OBSERVATIONS:,} observations: median {r['cold_median_ms']:.0f} ms, p99 "
                  f"{r['cold_p99_ms']:.0f} ms (seconds column = median)"},
        {**base, "stage": "web map load", "seconds": round(r["seconds"], 4), "rps": r["rps"],
         "p99_ms": r["p99_ms"],
         "notes": f"{r['requests']:,} GET /api/map requests over {r['days']} days from {r['threads']} "
                  f"threads of a second process (keep-alive, loopback) to `khabar serve` (uvicorn, "
                  f"one process): {r['rps']:,.0f} requests/s, p50 {r['p50_ms']:.1f} ms, p99 "
                  f"{r['p99_ms']:.1f} ms, {r['errors']} errors; answers from the per-day cache"},
    ]


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m khabar.bench.web_stage")
    sub = p.add_subparsers(dest="what", required=True)
    ld = sub.add_parser("load")
    ld.add_argument("--url", required=True)
    ld.add_argument("--first", required=True, type=date.fromisoformat)
    ld.add_argument("--days", type=int, default=120)
    ld.add_argument("--requests", type=int, default=REQUESTS)
    ld.add_argument("--threads", type=int, default=THREADS)
    a = p.parse_args(argv)
    print(json.dumps(load(a.url, a.first, a.days, a.requests, a.threads)))


if __name__ == "__main__":
    main()
