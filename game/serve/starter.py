"""The server's side of the pre-loaded starter (preload.py): start it, give each tab the command
that attaches to it, and end it with the server."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

ATTACH = Path(__file__).with_name("attach.py")


class Starter:
    def __init__(self, arguments: list[str]):
        self.arguments = arguments
        self.folder: str | None = None
        self.process: subprocess.Popen | None = None

    @staticmethod
    def possible() -> bool:
        """Forking needs a POSIX system and Unix sockets that carry descriptors."""
        import socket
        return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "SO_PEERCRED")

    @property
    def socket_path(self) -> str:
        return os.path.join(self.folder or "", "starter.sock")

    @property
    def command(self) -> str:
        """Each tab's command: a few milliseconds of Python that hands the tab to the starter."""
        return "exec " + shlex.join([sys.executable, "-I", "-S", str(ATTACH), self.socket_path, *self.arguments])

    def start(self) -> None:
        from textual_serve.app_service import AppService

        self.folder = tempfile.mkdtemp(prefix="safecity-serve-")     # mode 0700: this user only
        # The games' environment as textual-serve gives it: Textual reads some of it once, at import.
        environment = AppService._build_environment(SimpleNamespace(debug=False), 80, 24)
        self.process = subprocess.Popen([sys.executable, "-m", "game.serve.preload", self.socket_path,
                                         str(os.getpid())], env=environment, stdin=subprocess.DEVNULL)

    def alive(self) -> bool:
        """Started, and ready (its socket is there); a tab opened before that starts the slow way."""
        return (self.process is not None and self.process.poll() is None
                and os.path.exists(self.socket_path))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=8)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
