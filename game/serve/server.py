"""The web server of `safecity serve`: textual-serve's Server with a limit on players, an idle
time-out, our own page (no request leaves for a font service) and no access log (no addresses)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import secrets
import shlex
import signal
import sys
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.i18n import N_, _, _f
from game.serve.starter import Starter

TEMPLATES = Path(__file__).parent / "templates"
DESCRIPTION = N_("A game about urban surveillance: you decide, the city changes. "
                 "Your choices are saved on this server as you play.")
# A random token the server gives each browser (an HttpOnly cookie): the tab's game is tied to it, so
# a reloaded page or a dropped connection finds its own game again and nobody else's. It says nothing
# about the student; the game processes only ever see its hash.
SEAT_COOKIE = "safecity_seat"
SEAT_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}\Z")
SEAT_DAYS = 30
REMEMBERED_ENDINGS = 2000        # why recent connections ended, for the "connection lost" message


def seat_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()[:32]


class GameServer(Server):
    """One game process per browser tab, at most `max_players` at once."""

    def __init__(self, arguments: list[str], *, preload: bool = True, host: str = "127.0.0.1", port: int = 8000,
                 max_players: int = 40,
                 idle_seconds: float = 20 * 60, title: str = "Safe City", announce: str = "", lang: str = "en"):
        super().__init__(_direct_command(arguments), host=host, port=port, title=title, public_url="")
        self.arguments = arguments
        self.starter = Starter(arguments) if preload and Starter.possible() else None
        self.templates_path = TEMPLATES
        self.max_players = max_players
        self.idle_seconds = idle_seconds
        self.announce = announce
        self.lang = lang
        self.sessions: set[AppService] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self.endings: OrderedDict[str, str] = OrderedDict()   # seat hash -> why its last connection ended

    # -- what the page and the console show ---------------------------------------------------

    def initialize_logging(self) -> None:
        """Errors only, and never a request line: no student's address is logged."""
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        if self.starter is not None:
            self.starter.start()
        if self.announce:
            print(self.announce, flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl-C: end every session (each game is saved after every choice)."""
        for websocket in list(self.sockets):
            await websocket.close()
        for service in list(self.sessions):
            _kill(service)
        if self.starter is not None:
            self.starter.stop()

    @property
    def players(self) -> int:
        return len(self.sockets)

    def full(self) -> bool:
        return self.players >= self.max_players

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full():
            response = aiohttp_jinja2.render_template("full.html", request, self.words(), status=503)
            response.headers["Retry-After"] = "30"
        else:
            response = aiohttp_jinja2.render_template("app_index.html", request, self.page_values(request))
        response.headers["Cache-Control"] = "no-store"
        if not SEAT_TOKEN.match(request.cookies.get(SEAT_COOKIE, "")):
            response.set_cookie(SEAT_COOKIE, secrets.token_urlsafe(32), max_age=SEAT_DAYS * 24 * 3600,
                                httponly=True, samesite="Strict", secure=_secure(request) or None)
        return response

    def words(self) -> dict[str, Any]:
        """The program words of the pages, in the class's language."""
        return {
            "lang": self.lang, "title": self.title, "max_players": self.max_players,
            "description": _(DESCRIPTION),
            "needs_js": _("This game needs JavaScript."),
            "start": _("Start"),
            "full_title": _("The class is full"),
            "full_text": _f("{title} already has {count} players on this computer. Ask your teacher, "
                            "or try again when someone has finished.", title=self.title, count=self.max_players),
            "try_again": _("Try again"),
            "lost": _("The connection to the game was lost (the network, a closed lid, or the server). "
                      "Your game is saved on the server."),
            "idle": _("Your game ended because nobody touched it for a while. It is saved on the server."),
            "quit": _("You left the game. It is saved on the server."),
            "crashed": _("The game stopped unexpectedly. It is saved on the server: resume it."),
            "unreachable": _("The server cannot be reached. Your game is saved on it: try again in a moment, "
                             "or ask your teacher."),
            "resume": _("Resume my game"),
        }

    def page_values(self, request: web.Request) -> dict[str, Any]:
        return {
            **self.words(),
            "font_size": max(8, min(32, to_int(request.query.get("fontsize", "16"), 16))),
            # Relative addresses: the same page works on a laptop, behind a proxy, under a path, with HTTPS.
            "config": {"static": {"url": "static/"}},
            "application": {"name": self.title, "description": _(DESCRIPTION)},
        }

    async def handle_status(self, request: web.Request) -> web.Response:
        """Why this browser's last connection ended, for the page's "connection lost" message."""
        token = request.cookies.get(SEAT_COOKIE, "")
        ended = self.endings.get(seat_hash(token), "") if SEAT_TOKEN.match(token) else ""
        return web.json_response({"ended": ended, "full": self.full()}, headers={"Cache-Control": "no-store"})

    def remember_ending(self, seat: str, why: str) -> None:
        self.endings[seat] = why
        self.endings.move_to_end(seat)
        while len(self.endings) > REMEMBERED_ENDINGS:
            self.endings.popitem(last=False)

    # -- one websocket, one game process ---------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        token = request.cookies.get(SEAT_COOKIE, "")
        # No cookie (refused by the browser): a seat of its own for this tab only, so nothing is shared.
        seat = seat_hash(token if SEAT_TOKEN.match(token) else secrets.token_urlsafe(32))
        if self.full():
            # Opened the page before the last place went: say so, and end this one.
            self.remember_ending(seat, "full")
            await websocket.close(code=1013, message=b"the class is full")
            return websocket
        self.endings.pop(seat, None)
        self.sockets.add(websocket)
        width = max(20, min(400, to_int(request.query.get("width", "80"), 80)))
        height = max(10, min(200, to_int(request.query.get("height", "24"), 24)))
        service: AppService | None = None
        ended: dict[str, str] = {}          # what ended the game, when the game ended it

        async def game_quit() -> None:      # the game said goodbye (the player quit)
            ended.setdefault("why", "quit")
            await websocket.close()

        def game_gone(_task: asyncio.Task) -> None:   # its output stopped: quit, or crashed
            if not websocket.closed:
                ended.setdefault("why", "crashed")
                asyncio.ensure_future(websocket.close(code=1011, message=b"the game stopped"))

        try:
            command = self.starter.command if self.starter is not None and self.starter.alive() else self.command
            service = AppService(f"{command} --seat {shlex.quote(seat)}", write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=game_quit,
                                 download_manager=self.download_manager, debug=False)
            self.sessions.add(service)
            await service.start(width, height)
            service._task.add_done_callback(game_gone)
            why = await self._process_messages(websocket, service)
            self.remember_ending(seat, ended.get("why", why))
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - one tab's trouble must not stop the class
            logging.getLogger("safecity.serve").error("a session ended with an error: %s", type(error).__name__)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await _stop(service)
                self.sessions.discard(service)
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> str:
        """The browser's keys and sizes, until the tab closes, the game ends or the player has been idle
        too long; returns "idle", or "closed" (the tab, the network or the game closed the connection)."""
        last_activity = time.monotonic()
        while True:
            remaining = self.idle_seconds - (time.monotonic() - last_activity)
            if remaining <= 0:
                await websocket.close(code=1000, message=b"idle")
                return "idle"
            try:
                message = await websocket.receive(timeout=remaining)
            except asyncio.TimeoutError:
                continue
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                return "closed"
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                last_activity = time.monotonic()
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                last_activity = time.monotonic()
                width = max(20, min(400, to_int(str(data.get("width", 80)), 80)))
                height = max(10, min(200, to_int(str(data.get("height", 24)), 24)))
                await app_service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    # -- running --------------------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=_loader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/status", self.handle_status, name="status"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def _make_app(self) -> web.Application:
        return self.make_app()

    def serve(self, debug: bool = False) -> None:
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        except NotImplementedError:
            pass
        web.run_app(self.make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    access_log=None, print=lambda *args: None, shutdown_timeout=5)


def _direct_command(arguments: list[str]) -> str:
    return "exec " + shlex.join([sys.executable, "-m", "game.serve.entry", *arguments])


def _secure(request: web.Request) -> bool:
    return request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"


def _loader(path: Path):
    import jinja2
    return jinja2.FileSystemLoader(str(path))


async def _stop(service: AppService) -> None:
    """Ask the game to quit; if it has not within a few seconds, end its process."""
    try:
        await asyncio.wait_for(service.stop(), timeout=5)
    except (asyncio.TimeoutError, asyncio.CancelledError, Exception):  # noqa: BLE001
        pass
    _kill(service)


def _kill(service: AppService) -> None:
    process = getattr(service, "_process", None)
    if process is not None and process.returncode is None:
        try:
            process.kill()
        except ProcessLookupError:
            pass
