"""The pre-loaded starter: once it is ready, each tab's game is forked from it (no Python start,
no imports), behaves as a process of its own, and ends with its tab and with the server."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.serve.helpers import children, serving
from tests.serve.test_serve import first_frame, wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="forks POSIX processes")


def starter_ready(served) -> int | None:
    """The starter's pid once its socket is there."""
    for pid in children(served.process.pid, b"game.serve.preload"):
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        socket_path = words[words.index(b"game.serve.preload") + 1].decode()
        if Path(socket_path).exists():
            return pid
    return None


def test_a_tab_gets_a_game_forked_from_the_starter_and_it_ends_with_the_tab():
    with serving() as served:
        assert wait_until(lambda: starter_ready(served), 30), "the starter never became ready"
        starter = starter_ready(served)

        async def tab():
            async with aiohttp.ClientSession() as session:
                ws = await first_frame(session, served.url)
                assert wait_until(lambda: len(served.games()) == 1, 10)
                forked = children(starter)
                game = served.games()
                await ws.send_json(["stdin", "\x1b[B"])        # a key reaches the forked game
                message = await asyncio.wait_for(ws.receive(), 10)
                await ws.close()
                return forked, game, message
        forked, game, message = asyncio.run(tab())
        assert game == forked, "the game was not forked from the starter"
        assert message.type == aiohttp.WSMsgType.BINARY
        assert wait_until(lambda: served.sessions() == served.games() == [], 15), "the closed tab's game still runs"
        assert Path(f"/proc/{starter}").exists()
    assert wait_until(lambda: not Path(f"/proc/{starter}").exists(), 15), "the starter outlived the server"


def test_without_preload_each_tab_starts_its_own_game():
    with serving("--no-preload") as served:
        async def tab():
            async with aiohttp.ClientSession() as session:
                ws = await first_frame(session, served.url)
                found = served.games(), children(served.process.pid, b"game.serve.preload")
                await ws.close()
                return found
        games, starters = asyncio.run(tab())
    assert len(games) == 1 and starters == []
