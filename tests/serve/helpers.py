"""Start `safecity serve` on a free loopback port, and find the game processes it runs."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def safecity(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=60,
                          **kwargs)


def new_class(db_url: str, *extra: str) -> str:
    import json

    done = safecity("class", "new", "--db", db_url, "--format", "json", "--name", "Test", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])["code"]


class Served:
    def __init__(self, process: subprocess.Popen, port: int):
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"

    def sessions(self) -> list[int]:
        """The processes this server has started for its open browser tabs (one per tab): the game
        itself, or the small process that attached the tab to a game forked by the starter."""
        return session_pids(self.process.pid)

    def games(self) -> list[int]:
        """The game processes themselves: started directly, or forked by the pre-loaded starter."""
        starters = children(self.process.pid, b"game.serve.preload")
        return children(self.process.pid, b"game.serve.entry") + [g for s in starters for g in children(s)]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


def session_pids(parent: int) -> list[int]:
    return children(parent, b"game.serve.entry") + children(parent, b"attach.py")


def children(parent: int, marker: bytes = b"") -> list[int]:
    """Processes whose parent is `parent` and whose command line contains `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and marker in cmdline:
            found.append(int(entry.name))
    return found


@contextlib.contextmanager
def serving(*args: str, env: dict | None = None, wait: float = 30.0):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **(env or {})})
    served = Served(process, port)
    try:
        deadline = time.monotonic() + wait
        while True:
            if process.poll() is not None:
                raise AssertionError(f"safecity serve ended: {process.stdout.read()}")
            try:
                with urllib.request.urlopen(served.url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("safecity serve did not answer") from None
                time.sleep(0.2)
        yield served
    finally:
        served.stop()


class CuttableLine:
    """A TCP relay in front of the server whose connections the test can cut at once: a dropped
    network or a closed laptop lid, as the browser and the server see it."""

    def __init__(self, target_port: int):
        import asyncio
        import threading

        self.target_port = target_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.loop = asyncio.new_event_loop()
        self.writers: set = set()
        ready = threading.Event()

        async def serve():
            self.server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
            ready.set()

        self.thread = threading.Thread(target=lambda: (self.loop.run_until_complete(serve()),
                                                       self.loop.run_forever()), daemon=True)
        self.thread.start()
        ready.wait(10)

    async def _relay(self, reader, writer):
        import asyncio

        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        self.writers |= {writer, up_writer}

        async def pipe(source, sink):
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                sink.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    def cut(self) -> None:
        """Drop every open connection, both ways, without a goodbye."""
        def drop():
            for writer in list(self.writers):
                transport = writer.transport
                if transport is not None and not transport.is_closing():
                    transport.abort()
            self.writers.clear()
        self.loop.call_soon_threadsafe(drop)

    def close(self) -> None:
        self.cut()
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
