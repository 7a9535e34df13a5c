"""`safecity serve`: each browser gets a seat token; its game finds its way back, and the page says
why a connection ended."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from game.serve.server import SEAT_COOKIE, seat_hash
from tests.serve.helpers import serving
from tests.serve.test_serve import first_frame, wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="serves with POSIX processes")


async def open_page(session: aiohttp.ClientSession, url: str):
    async with session.get(url) as response:
        return response.status, response.headers.getall("Set-Cookie", []), await response.text()


def test_a_browser_gets_a_private_seat_cookie_once():
    with serving() as served:
        async def visit():
            # A jar that keeps cookies of an IP address, as browsers do.
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
                first = await open_page(session, served.url)
                second = await open_page(session, served.url)
                return first, second
        (status, cookies, page), (_status, again, _page) = asyncio.run(visit())
    assert status == 200 and len(cookies) == 1
    cookie = cookies[0]
    assert cookie.startswith(SEAT_COOKIE + "=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert again == []                        # kept: the same browser is the same seat
    # Addresses relative to the page: it works under a path behind a proxy.
    assert 'src="static/js/textual.js"' in page and "ws://" not in page and 'href="/' not in page


def test_the_game_process_sees_the_seat_hash_never_the_token():
    token = "T" * 43
    with serving() as served:
        async def play():
            async with aiohttp.ClientSession(cookies={SEAT_COOKIE: token}) as session:
                ws = await first_frame(session, served.url)
                assert wait_until(lambda: len(served.sessions()) == 1, 10)
                (pid,) = served.sessions()
                words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                await ws.close()
                return words
        words = asyncio.run(play())
    assert b"--seat" in words and seat_hash(token).encode() in words
    assert not any(token.encode() in word for word in words)


def test_the_page_learns_why_its_game_ended():
    token = "U" * 43
    with serving("--idle-minutes", "0.03", "--max-players", "1") as served:
        async def scenario():
            async with aiohttp.ClientSession(cookies={SEAT_COOKIE: token}) as session:
                async def status():
                    async with session.get(served.url + "status") as response:
                        assert response.headers["Cache-Control"] == "no-store"
                        return await response.json()
                before = await status()
                ws = await first_frame(session, served.url)
                async with aiohttp.ClientSession(cookies={SEAT_COOKIE: "V" * 43}) as other:
                    late = await other.ws_connect(served.url + "ws?width=80&height=24")
                    closed = await asyncio.wait_for(late.receive(), 10)
                    async with other.get(served.url + "status") as response:
                        late_status = await response.json()
                while not ws.closed:                     # the idle time-out (about 2 s)
                    message = await asyncio.wait_for(ws.receive(), 30)
                    if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        break
                deadline = time.monotonic() + 10
                while (after := await status())["ended"] != "idle" and time.monotonic() < deadline:
                    await asyncio.sleep(0.2)
                return before, closed, late_status, after
        before, closed, late_status, after = asyncio.run(scenario())
    assert before == {"ended": "", "full": False}
    assert closed.type == aiohttp.WSMsgType.CLOSE and late_status["ended"] == "full"
    assert after["ended"] == "idle"


def test_the_pages_speak_the_class_language(tmp_path):
    from tests.serve.helpers import new_class
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    code = new_class(url, "--lang", "fr")
    with serving("--class", code, "--db", url, "--max-players", "1") as served:
        async def visit():
            async with aiohttp.ClientSession() as session:
                return await open_page(session, served.url)
        _status, _cookies, page = asyncio.run(visit())
    assert '<html lang="fr">' in page and "Reprendre ma partie" in page


@pytest.mark.parametrize("how, why", [("quit", "quit"), ("crash", "crashed")])
def test_a_game_that_ends_closes_its_page_with_the_reason(how, why):
    import os
    import signal
    token = "W" * 43
    with serving() as served:
        async def scenario():
            async with aiohttp.ClientSession(cookies={SEAT_COOKIE: token}) as session:
                ws = await first_frame(session, served.url)
                assert wait_until(lambda: len(served.sessions()) == 1, 10)
                if how == "quit":
                    await ws.send_json(["stdin", "\x11"])          # ctrl+q
                else:
                    os.kill((served.games() or served.sessions())[0], signal.SIGKILL)
                while True:
                    message = await asyncio.wait_for(ws.receive(), 30)
                    if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        break
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    async with session.get(served.url + "status") as response:
                        status = await response.json()
                    if status["ended"]:
                        return status
                    await asyncio.sleep(0.2)
                return status
        assert asyncio.run(scenario())["ended"] == why
        assert wait_until(lambda: served.sessions() == served.games() == [], 15)
