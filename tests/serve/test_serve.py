"""`safecity serve`: the command, its page, and its limits, with websocket clients on loopback."""

from __future__ import annotations

import asyncio
import re
import shlex
import signal
import sys
import time

import aiohttp
import pytest

from game.cli.serve_cmd import session_command
from tests.serve.helpers import new_class, safecity, serving

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="serves with POSIX processes")


def wait_until(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


async def first_frame(session: aiohttp.ClientSession, url: str, timeout: float = 30.0):
    """Open a game over the websocket and wait for its first screen output; returns the socket."""
    ws = await asyncio.wait_for(session.ws_connect(url + "ws?width=100&height=30"), 10)
    deadline = time.monotonic() + timeout
    while True:
        message = await asyncio.wait_for(ws.receive(), max(0.1, deadline - time.monotonic()))
        if message.type == aiohttp.WSMsgType.BINARY:
            return ws
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise AssertionError(f"closed before the first frame: {message}")


def test_the_session_command_is_our_module_with_quoted_values():
    command = session_command(code="K7M-QX4", url="sqlite:////tmp/a b;rm -rf x/c.db")
    assert command.startswith("exec ")
    words = shlex.split(command[len("exec "):])
    assert words[1:] == ["-m", "game.serve.entry", "--class", "K7M-QX4", "--db", "sqlite:////tmp/a b;rm -rf x/c.db"]


def test_an_unknown_or_closed_class_is_refused_at_start(tmp_path):
    url = f"sqlite:///{tmp_path / 'class.db'}"
    code = new_class(url)
    from game.classroom.codes import new_code
    other = next(c for c in iter(new_code, None) if c != code)
    unknown = safecity("serve", "--class", other, "--db", url)
    assert unknown.returncode == 1 and "no class" in unknown.stderr
    assert safecity("class", "close", code, "--db", url).returncode == 0
    closed = safecity("serve", "--class", code, "--db", url)
    assert closed.returncode == 1 and "closed" in closed.stderr


def test_the_page_names_the_game_and_asks_nothing_of_other_sites():
    with serving() as served:
        async def fetch():
            async with aiohttp.ClientSession() as session, session.get(served.url) as response:
                return response.status, await response.text()
        status, page = asyncio.run(fetch())
    assert status == 200
    assert "<title>Safe City</title>" in page and 'name="viewport"' in page
    assert "surveillance" in page
    own = f"//127.0.0.1:{served.port}/"
    external = [u for u in re.findall(r"""(?:https?:)?//[^\s"')]+""", page)
                if "www.w3.org/2000/svg" not in u and not u.startswith(own)]
    assert external == [], external


def test_the_next_player_after_the_last_place_is_told_the_class_is_full_and_a_closed_tab_ends_its_game():
    with serving("--max-players", "1") as served:
        async def scenario():
            async with aiohttp.ClientSession() as session:
                ws = await first_frame(session, served.url)
                assert wait_until(lambda: len(served.sessions()) == 1, 10)
                async with session.get(served.url) as response:
                    assert response.status == 503
                    assert "The class is full" in await response.text()
                late = await asyncio.wait_for(session.ws_connect(served.url + "ws"), 10)
                message = await asyncio.wait_for(late.receive(), 10)
                assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                await late.close()
                await ws.close()
        asyncio.run(scenario())
        assert wait_until(lambda: served.sessions() == served.games() == [], 15), "the closed tab's game still runs"
        async def again():
            async with aiohttp.ClientSession() as session, session.get(served.url) as response:
                return response.status
        assert asyncio.run(again()) == 200


def test_an_idle_game_ends():
    with serving("--idle-minutes", "0.03") as served:        # about 2 seconds
        async def scenario():
            async with aiohttp.ClientSession() as session:
                ws = await first_frame(session, served.url)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    message = await asyncio.wait_for(ws.receive(), 30)
                    if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        return True
                return False
        assert asyncio.run(scenario()), "the idle game did not end"
        assert wait_until(lambda: served.sessions() == served.games() == [], 15)


def test_ctrl_c_ends_every_game():
    with serving() as served:
        async def scenario():
            async with aiohttp.ClientSession() as session:
                sockets = [await first_frame(session, served.url) for _ in range(2)]
                assert wait_until(lambda: len(served.sessions()) == 2, 10)
                pids = served.sessions() + served.games()
                served.process.send_signal(signal.SIGINT)
                for ws in sockets:
                    try:
                        while not ws.closed:
                            message = await asyncio.wait_for(ws.receive(), 20)
                            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                                aiohttp.WSMsgType.ERROR):
                                break
                    except asyncio.TimeoutError:
                        pass
                return pids
        pids = asyncio.run(scenario())
        served.process.wait(timeout=20)
        from pathlib import Path
        assert wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in pids), 10)
