"""Browser play under load: N students opening `safecity serve` at once, through websocket clients.

For N = 1, 10, 20, 30 (by default) a fresh server (`safecity serve`, solo games, loopback) is
started, N websocket clients open together as N browser tabs would, and this script measures,
in both ways `serve` can start games: `preload` (the default: each game is forked from a
process that has imported everything once, after it is ready) and `fresh` (`--no-preload`:
one new Python process per tab):

| figure | what |
|---|---|
| first frame | from opening the websocket to the first screen output (median and worst) |
| memory per session | proportional memory (PSS: shared pages split between the processes sharing them) of everything started for the games (the games, the processes attaching tabs, the starter) once every title screen is drawn, divided by N; and the resident memory (RSS) of one game (median), which counts shared pages in full |
| key latency | a key sent through the websocket (Down / Up on the title screen, one tab after another, every tab in turn) to the first screen output it causes (median and p90) |
| keys all at once | the same, every tab pressing a key at the same moment (median) |

Ratios are against the one-session figures. It is a report, not a test: it exits 0.

    uv run python benchmarks/serve_sessions.py [--sessions 1,10,20,30] [--keys 10] [--modes preload,fresh]
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
from tests.serve.helpers import children, free_port, session_pids  # noqa: E402

KEYS = ("\x1b[B", "\x1b[A")      # Down, Up: the title screen's menu moves, the screen redraws


def start_server(n: int, home: str, mode: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port),
                                "--max-players", str(n + 5), *(["--no-preload"] if mode == "fresh" else [])],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "SAFECITY_HOME": home})
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                if mode == "fresh" or starters(process.pid):
                    return process, url
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit("safecity serve did not start")
            time.sleep(0.2)


def starters(server: int) -> list[int]:
    """The server's pre-loaded starter, once its socket is there (ready to fork games)."""
    ready = []
    for pid in children(server, b"game.serve.preload"):
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if Path(words[words.index(b"game.serve.preload") + 1].decode()).exists():
            ready.append(pid)
    return ready


def everything(server: int) -> tuple[list[int], list[int]]:
    """(the game processes, every process started for them: games, attach processes, the starter)."""
    tabs = session_pids(server)
    starter = children(server, b"game.serve.preload")
    games = children(server, b"game.serve.entry") + [g for s in starter for g in children(s)]
    return games, sorted(set(tabs + starter + games))


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


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


async def measure(n: int, keys: int, mode: str) -> dict:
    with tempfile.TemporaryDirectory() as home:
        process, url = start_server(n, home, mode)
        try:
            async with aiohttp.ClientSession() as session:
                opened = await asyncio.gather(*(open_tab(session, url) for _ in range(n)))
                sockets = [ws for ws, _ in opened]
                firsts = [t for _, t in opened]
                await asyncio.gather(*(quiet(ws) for ws in sockets))
                pids, started = everything(process.pid)
                memory = [rss_mb(pid) for pid in pids]
                pss = sum(pss_mb(pid) for pid in started)
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
        "n": n, "mode": mode, "sessions_seen": len(pids), "pss_per_session": pss / n,
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
    parser.add_argument("--modes", default="preload,fresh", help="preload, fresh or both (default)")
    args = parser.parse_args()
    print("Ratios: against one tab in the same way of starting; 'vs fresh': against --no-preload with as many tabs.")
    print(f"{'way':>7} | {'tabs':>4} | {'first frame median (s)':>22} | {'worst (s)':>9} | {'vs fresh':>8} | "
          f"{'PSS/session (MB)':>16} | {'RSS of a game (MB)':>18} | {'key median (ms)':>15} | {'key p90 (ms)':>12} | "
          f"{'keys all at once, median (ms)':>29}")
    rows = {}
    for n in (int(x) for x in args.sessions.split(",")):
        for mode in args.modes.split(","):
            rows[mode, n] = asyncio.run(measure(n, args.keys, mode))
    first_n = int(args.sessions.split(",")[0])
    for (mode, n), r in rows.items():
        base = rows[mode, first_n]
        fresh = rows.get(("fresh", n))
        versus = f"x{r['first_worst'] / fresh['first_worst']:.2f}" if fresh else "-"
        print(f"{mode:>7} | {n:>4} | {r['first_median']:>9.2f} (x{r['first_median'] / base['first_median']:>5.1f}) | "
              f"{r['first_worst']:>9.2f} | {versus:>8} | {r['pss_per_session']:>16.1f} | "
              f"{r['rss_median']:>18.1f} | {r['key_median']:>6.1f} (x{r['key_median'] / base['key_median']:>4.1f}) | "
              f"{r['key_p90']:>12.1f} | {r['together_median']:>29.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
