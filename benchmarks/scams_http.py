"""Benchmark: the public check endpoint under gunicorn at a fixed request rate.

Starts gunicorn (a few sync workers) on 127.0.0.1 against a temporary SQLite database with 10,000
imported indicators, raises the public throttle through ``BEATBOOK_PUBLIC_CHECK_RATE``, then sends
``--rate`` requests per second for ``--seconds`` seconds and reports achieved rate, errors and latency.
The load client is ``wrk`` when installed (``apt-get install wrk``): 16 connections sending as fast as
the server answers for ``--seconds`` (at most 20,000 requests); the server holds the rate if it answers
at least that many requests per second with no errors. Without wrk,
a small asyncio client sends at exactly ``--rate`` (open loop, new connection per request).
Only 127.0.0.1 is used. Writes ``benchmarks/results/scams_http.json``.

    .venv/bin/python benchmarks/scams_http.py                     # 300 req/s target, 10 s, 4 workers
    .venv/bin/python benchmarks/scams_http.py --rate 400 --workers 3 --client python
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def one_request(port: int, body: bytes) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
        writer.write(
            b"POST /api/v1/scams/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), 10)
        await asyncio.wait_for(reader.read(), 10)
        writer.close()
        status = int(status_line.split()[1]) if status_line else 0
    except (OSError, TimeoutError, ValueError, IndexError):
        status = 0
    return status, (time.perf_counter() - start) * 1000


async def load(
    port: int, rate: int, seconds: float, bodies: list[bytes]
) -> tuple[list[tuple[int, float]], float]:
    """Open loop: request i is sent at start + i / rate whatever the server does."""
    total = int(rate * seconds)
    tasks = []
    start = time.perf_counter()
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one_request(port, bodies[i % len(bodies)])))
    results = await asyncio.gather(*tasks)
    return results, time.perf_counter() - start


WRK_LUA = """
local bodies = {BODIES}
local i = 0
local done_count = 0
local max_requests = MAXREQ
local pace_ms = PACE
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  return wrk.format(nil, "/api/v1/scams/check", nil, bodies[(i % #bodies) + 1])
end
delay = function()
  return pace_ms
end
response = function(status, headers, body)
  done_count = done_count + 1
  if done_count >= max_requests then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


def run_wrk(
    port: int, bodies: list[bytes], rate: int, seconds: float, connections: int, paced: bool, tmpdir: str
) -> dict:
    """One wrk run; paced: each connection waits connections/rate between requests (holds ``rate``)."""
    lua_bodies = ", ".join("[[" + b.decode() + "]]" for b in bodies)
    # wrk always runs for the full duration, so the request count is the measure; the cap only bounds
    # a very fast server (never more than 20,000 requests in all).
    per_thread_max = 10_000
    script = (
        WRK_LUA.replace("BODIES", lua_bodies)
        .replace("MAXREQ", str(per_thread_max))
        .replace("PACE", str(int(1000 * connections / rate)) if paced else "0")
    )
    path = Path(tmpdir) / ("paced.lua" if paced else "flood.lua")
    path.write_text(script, encoding="utf-8")
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "--timeout",
            "5s",
            "-s",
            str(path),
            f"http://127.0.0.1:{port}/",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("WRKJSON"))
    data = json.loads(line.removeprefix("WRKJSON "))
    errors = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    elapsed = data["duration_us"] / 1e6
    return {
        "mode": f"wrk paced to {rate}/s" if paced else "wrk unpaced (saturation)",
        "connections": connections,
        "requests": data["requests"],
        "elapsed_s": round(elapsed, 2),
        "achieved_rate_per_s": round(data["requests"] / elapsed, 1),
        # At the cap wrk stops early and counts the cut-off requests' time: latency is then not meaningful.
        "cap_reached": data["requests"] >= 2 * per_thread_max,
        "errors": errors,
        "error_detail": {k: data[k] for k in ("connect", "read", "write", "status", "timeout")},
        "latency_ms": {
            "p50": round(data["p50_us"] / 1000, 1),
            "p90": round(data["p90_us"] / 1000, 1),
            "p99": round(data["p99_us"] / 1000, 1),
            "max": round(data["max_us"] / 1000, 1),
            "mean": round(data["mean_us"] / 1000, 1),
        },
    }


def server_cpu_seconds(pid: int) -> float:
    """User+system CPU of the gunicorn master and its workers (Linux /proc), to cost one request."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        pids += [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return float("nan")
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help=">1: gunicorn gthread workers with keep-alive")
    parser.add_argument("--indicators", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "scams_http.json"))
    args = parser.parse_args()
    if args.rate * args.seconds > 20_000:
        sys.exit("refusing to send more than 20,000 requests")

    tmp = tempfile.TemporaryDirectory(prefix="scams-http-")
    env = {
        **os.environ,
        "BEATBOOK_DATA_DIR": tmp.name,
        "DATABASE_URL": f"sqlite:///{tmp.name}/http.sqlite3",
        "BEATBOOK_PUBLIC_CHECK_RATE": "1000000/min",
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        # Persistent database connections, as a deployment configures them (default 0 = one per request).
        "DATABASE_CONN_MAX_AGE": "600",
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings.base")
    beatbook = [str(VENV_BIN / "python"), "-m", "beatbook"]
    subprocess.run([*beatbook, "migrate", "--verbosity", "0"], env=env, check=True, cwd=REPO)
    rng = random.Random(2024)
    phones = [f"+852{rng.choice('569')}{rng.randrange(10**7):07d}" for _ in range(args.indicators)]
    feed = Path(tmp.name) / "feed.csv"
    feed.write_text("value,type\n" + "\n".join(f"{p},phone" for p in phones) + "\n", encoding="utf-8")
    subprocess.run(
        [
            *beatbook,
            "scams",
            "import",
            str(feed),
            "--format",
            "csv",
            "--level",
            "suspected",
            "--source",
            "HTTP benchmark (synthetic)",
        ],
        env=env,
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )

    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "beatbook.wsgi:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
            "--backlog",
            "2048",
        ],
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        values = [f"{p[4:8]} {p[8:]}" for p in rng.sample(phones, 500)]
        values += [f"+852 {rng.choice('569')}{rng.randrange(10**7):07d}" for _ in range(300)]
        values += [
            "hxxps://bochk.com.hk.secure-login[.]top/login",
            "b0chk.com",
            "18222",
            "wechat:hk_deal_88",
        ] * 50
        rng.shuffle(values)
        bodies = [json.dumps({"value": v}).encode() for v in values]
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
        # Warm every worker (imports, engine data files) before measuring.
        asyncio.run(load(port, 50, 2, bodies))
        cpu_before = server_cpu_seconds(server.pid)
        if use_wrk:
            # Closed loop as fast as the server answers, bounded by time and by rate x seconds requests:
            # the server holds the rate if it answers at least that many per second without errors.
            paced = run_wrk(port, bodies, args.rate, args.seconds, args.connections, False, tmp.name)
            cpu_paced = server_cpu_seconds(server.pid) - cpu_before
        else:
            results, elapsed = asyncio.run(load(port, args.rate, args.seconds, bodies))
            cpu_paced = server_cpu_seconds(server.pid) - cpu_before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if use_wrk:
        main_run, extra = paced, {}
    else:
        statuses: dict[str, int] = {}
        for status, _ms in results:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        latencies = [ms for status, ms in results if status == 200]
        main_run = {
            "mode": f"python asyncio open loop at {args.rate}/s",
            "requests": len(results),
            "elapsed_s": round(elapsed, 2),
            "achieved_rate_per_s": round(len(results) / elapsed, 1),
            "errors": len(results) - statuses.get("200", 0),
            "error_detail": statuses,
            "latency_ms": {
                "p50": round(percentile(latencies, 50), 1),
                "p90": round(percentile(latencies, 90), 1),
                "p99": round(percentile(latencies, 99), 1),
                "max": round(max(latencies), 1),
                "mean": round(statistics.mean(latencies), 1),
            }
            if latencies
            else None,
        }
        extra = {}
    result = {
        "benchmark": "scams_http",
        "command": f"python benchmarks/scams_http.py --rate {args.rate} --seconds {args.seconds:g} "
        f"--workers {args.workers} --threads {args.threads}",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "server": (
            f"gunicorn, {args.workers} sync workers"
            if args.threads <= 1
            else f"gunicorn, {args.workers} gthread workers x {args.threads} threads (keep-alive)"
        )
        + ", 127.0.0.1, SQLite (temporary, DATABASE_CONN_MAX_AGE=600), DEBUG off, new connection per request",
        "indicators_loaded": args.indicators,
        "requested_rate_per_s": args.rate,
        **main_run,
        **extra,
        "server_cpu_ms_per_request": round(1000 * cpu_paced / max(1, main_run["requests"]), 2),
        "capacity_per_cpu_core_per_s": round(main_run["requests"] / cpu_paced) if cpu_paced > 0 else None,
        "holds_rate_without_errors": main_run["errors"] == 0
        and main_run["achieved_rate_per_s"] >= args.rate * 0.97,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    tmp.cleanup()


if __name__ == "__main__":
    main()
