"""The web server of `safecity serve`: textual-serve's Server with a limit on players, an idle
time-out, our own page (no request leaves for a font service) and no access log (no addresses)."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

TEMPLATES = Path(__file__).parent / "templates"
DESCRIPTION = ("A game about urban surveillance: you decide, the city changes. "
               "Your choices are saved on this server as you play.")


class GameServer(Server):
    """One game process per browser tab, at most `max_players` at once."""

    def __init__(self, command: str, *, host: str = "127.0.0.1", port: int = 8000, max_players: int = 40,
                 idle_seconds: float = 20 * 60, title: str = "Safe City", announce: str = ""):
        super().__init__(command, host=host, port=port, title=title, public_url="")
        self.templates_path = TEMPLATES
        self.max_players = max_players
        self.idle_seconds = idle_seconds
        self.announce = announce
        self.sessions: set[AppService] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    # -- what the page and the console show ---------------------------------------------------

    def initialize_logging(self) -> None:
        """Errors only, and never a request line: no student's address is logged."""
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def on_startup(self, app: web.Application) -> None:
        if self.announce:
            print(self.announce, flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl-C: end every session (each game is saved after every choice)."""
        for websocket in list(self.sockets):
            await websocket.close()
        for service in list(self.sessions):
            _kill(service)

    @property
    def players(self) -> int:
        return len(self.sockets)

    def full(self) -> bool:
        return self.players >= self.max_players

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full():
            response = aiohttp_jinja2.render_template(
                "full.html", request, {"title": self.title, "max_players": self.max_players}, status=503)
            response.headers["Retry-After"] = "30"
            return response
        return await self._index(request)

    @aiohttp_jinja2.template("app_index.html")
    async def _index(self, request: web.Request) -> dict[str, Any]:
        # Addresses relative to the page: right behind a proxy with HTTPS as on a laptop.
        scheme = "wss" if request.secure or request.headers.get("X-Forwarded-Proto") == "https" else "ws"
        return {
            "font_size": max(8, min(32, to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title, "description": DESCRIPTION},
        }

    # -- one websocket, one game process ---------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.full():
            # Opened the page before the last place went: say so, and end this one.
            await websocket.close(code=1013, message=b"the class is full")
            return websocket
        self.sockets.add(websocket)
        width = max(20, min(400, to_int(request.query.get("width", "80"), 80)))
        height = max(10, min(200, to_int(request.query.get("height", "24"), 24)))
        service: AppService | None = None
        try:
            service = AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=websocket.close, download_manager=self.download_manager, debug=False)
            self.sessions.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
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

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """The browser's keys and sizes, until the tab closes or the player has been idle too long."""
        last_activity = time.monotonic()
        while True:
            remaining = self.idle_seconds - (time.monotonic() - last_activity)
            if remaining <= 0:
                await websocket.close(code=1000, message=b"idle")
                return
            try:
                message = await websocket.receive(timeout=remaining)
            except asyncio.TimeoutError:
                continue
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                return
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
