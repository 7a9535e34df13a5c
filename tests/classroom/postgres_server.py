"""A throw-away PostgreSQL server in a temporary folder, for the tests and the benchmark.

PostgreSQL refuses to run as root, so when the tests run as root (here and in CI) the
server runs as the `postgres` system user (or `nobody`) through runuser. It listens on
127.0.0.1 at a free port, trusts local connections, and its socket stays in its folder.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def find_bin() -> Path | None:
    """The folder of initdb and pg_ctl (the newest installed version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parent.parent.name.split(".")])
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unprivileged_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a postgres nor a nobody user exists to run PostgreSQL")


class PostgresServer:
    """start() / stop() / url(database) / create_database(name)."""

    def __init__(self, bin_dir: Path, *, fsync: bool = False):
        self.bin = Path(bin_dir)
        self.port = free_port()
        self.fsync = fsync
        self.folder = Path(tempfile.mkdtemp(prefix="safecity-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.user = _unprivileged_user()
        if self.user:
            info = pwd.getpwnam(self.user)
            os.chown(self.folder, info.pw_uid, info.pw_gid)
        self._initdb()

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder)
        if run.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed ({run.returncode}):\n{run.stdout}\n{run.stderr}\n{log}")
        return run

    def _initdb(self) -> None:
        self._run(self.bin / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=200"
                   + ("" if self.fsync else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"))
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "60", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        except Exception:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new, empty database; its URL."""
        import psycopg
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                                     autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
                return self.url(name)
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


@contextmanager
def benchmark_server():
    """A started server with fsync on, as a school's would run (None when PostgreSQL is not installed);
    removed on leaving. For the benchmarks, which print a line and go on without it."""
    bin_dir = find_bin()
    if bin_dir is None:
        print("\nPostgreSQL: skipped (initdb and pg_ctl not found)")
        yield None
        return
    server = PostgresServer(bin_dir, fsync=True)
    try:
        server.start()
        server.version = server._run(bin_dir / "postgres", "--version").stdout.strip()
        yield server
    finally:
        server.remove()
