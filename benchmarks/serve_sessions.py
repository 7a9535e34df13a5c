"""Browser play under load: N students opening `safecity serve` at once, through websocket clients.

For N = 1, 10, 20, 30 (by default) a fresh server (`safecity serve`, solo games, loopback) is
started, N websocket clients open together as N browser tabs would, and this script measures:

| figure | what |
|---|---|
| first frame | from opening the websocket to the first screen output (median and worst) |
| memory per session | resident memory (VmRSS) of each game process once every title screen is drawn (median) |
| key latency | a key sent through the websocket (Down / Up on the title screen, one tab after another, every tab in turn) to the first screen output it causes (median and p90) |
| keys all at once | the same, every tab pressing a key at the same moment (median) |

Ratios are against the one-session figures. It is a report, not a test: it exits 0.

    uv run python benchmarks/serve_sessions.py [--sessions 1,10,20,30] [--keys 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.serve.helpers import free_port, session_pids  # noqa: E402

KEYS = ("\x1b[B", "\x1b[A")      # Down, Up: the title screen's menu moves, the screen redraws


def start_server(n: int, home: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port),
                                "--max-players", str(n + 5)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "SAFECITY_HOME": home})
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return process, url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit("safecity serve did not start")
            time.sleep(0.2)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def quiet(ws, seconds: float = 1.0, limit: float = 60.0) -> None:
    """Read until the session has sent nothing for `seconds` (its screen is drawn)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            await asyncio.wait_for(ws.receive(), seconds)
        except asyncio.TimeoutError:
            return


async def open_tab(session, url: str) -> tuple[object, float]:
    started = time.monotonic()
    ws = await session.ws_connect(url.replace("http", "ws") + "ws?width=100&height=30")
    while True:
        message = await asyncio.wait_for(ws.receive(), 120)
        if message.type == aiohttp.WSMsgType.BINARY:
            return ws, time.monotonic() - started
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise SystemExit(f"a session closed before its first frame: {message}")


async def key_latency(ws, key: str) -> float:
    started = time.monotonic()
    await ws.send_json(["stdin", key])
    while True:
        message = await asyncio.wait_for(ws.receive(), 30)
        if message.type == aiohttp.WSMsgType.BINARY:
            latency = time.monotonic() - started
            await quiet(ws, 0.15, 5)
            return latency


async def measure(n: int, keys: int) -> dict:
    with tempfile.TemporaryDirectory() as home:
        process, url = start_server(n, home)
        try:
            async with aiohttp.ClientSession() as session:
                opened = await asyncio.gather(*(open_tab(session, url) for _ in range(n)))
                sockets = [ws for ws, _ in opened]
                firsts = [t for _, t in opened]
                await asyncio.gather(*(quiet(ws) for ws in sockets))
                pids = session_pids(process.pid)
                memory = [rss_mb(pid) for pid in pids]
                latencies = []
                for round_ in range(keys):       # every tab in turn, as a class presses keys here and there
                    for ws in sockets:
                        latencies.append(await key_latency(ws, KEYS[round_ % 2]))
                together = []                    # every tab presses a key at the same moment
                for round_ in range(keys):
                    together += await asyncio.gather(*(key_latency(ws, KEYS[round_ % 2]) for ws in sockets))
                for ws in sockets:
                    await ws.close()
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    latencies.sort()
    return {
        "n": n, "sessions_seen": len(pids),
        "first_median": statistics.median(firsts), "first_worst": max(firsts),
        "rss_median": statistics.median(memory) if memory else float("nan"),
        "rss_total": sum(memory),
        "key_median": statistics.median(latencies) * 1000,
        "key_p90": latencies[int(len(latencies) * 0.9) - 1] * 1000 if latencies else float("nan"),
        "together_median": statistics.median(together) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,20,30")
    parser.add_argument("--keys", type=int, default=10, help="keys per tab (default 10)")
    args = parser.parse_args()
    rows = [asyncio.run(measure(int(n), args.keys)) for n in args.sessions.split(",")]
    base = rows[0]
    print(f"{'tabs':>4} | {'first frame median (s)':>22} | {'worst (s)':>9} | {'RSS/session (MB)':>16} | "
          f"{'RSS all (MB)':>12} | {'key median (ms)':>15} | {'key p90 (ms)':>12} | {'keys all at once, median (ms)':>29}")
    for r in rows:
        print(f"{r['n']:>4} | {r['first_median']:>9.2f} (x{r['first_median'] / base['first_median']:>5.1f}) | "
              f"{r['first_worst']:>9.2f} | {r['rss_median']:>7.1f} (x{r['rss_median'] / base['rss_median']:.2f}) | "
              f"{r['rss_total']:>12.0f} | {r['key_median']:>6.1f} (x{r['key_median'] / base['key_median']:>4.1f}) | "
              f"{r['key_p90']:>12.1f} | {r['together_median']:>29.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
