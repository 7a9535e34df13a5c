"""A district set-up, as docs/deploy.md describes it: two `safecity serve` instances of one class
behind nginx (the documentation's own configuration, over HTTPS with a test certificate, under a
path), one PostgreSQL server for both. Students join through the proxy, land on both instances,
and a student whose connection drops comes back to the same game.

Needs nginx, openssl and PostgreSQL: skipped without them on a developer's machine, failed under
CI (.ci/run installs them).
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import yarl
import pytest

from game.classroom.store import open_store
from game.serve.server import SEAT_COOKIE
from tests.serve.helpers import free_port, new_class, serving
from tests.serve.test_serve import first_frame, wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="serves with POSIX processes")
DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def needed(program: str) -> str:
    found = shutil.which(program) or next((p for p in (f"/usr/sbin/{program}",) if Path(p).exists()), None)
    if found is None:
        message = f"needs {program} (apt-get install nginx-light openssl)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def documented_nginx() -> str:
    (config,) = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    return config


@pytest.fixture
def proxy(tmp_path):
    """start(ports) -> the class's https address through nginx, configured as documented."""
    nginx, openssl = needed("nginx"), needed("openssl")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True)
    running = []

    def start(ports: list[int]) -> str:
        port = free_port()
        config = (documented_nginx()
                  .replace("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;")
                  .replace("/etc/letsencrypt/live/play.example.org/fullchain.pem", str(tmp_path / "cert.pem"))
                  .replace("/etc/letsencrypt/live/play.example.org/privkey.pem", str(tmp_path / "key.pem"))
                  .replace("127.0.0.1:8001", f"127.0.0.1:{ports[0]}")
                  .replace("127.0.0.1:8002", f"127.0.0.1:{ports[1]}"))
        temp = "".join(f"{kind}_temp_path {tmp_path / kind};\n" for kind in
                       ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (tmp_path / "nginx.conf").write_text(
            f"daemon off;\nmaster_process off;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'} warn;\n"
            f"events {{ worker_connections 256; }}\nhttp {{\n{temp}{config}\n}}\n")
        process = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        running.append(process)
        assert wait_until(lambda: _answers(port) or process.poll() is not None, 15)
        assert process.poll() is None, process.stdout.read()
        return f"https://127.0.0.1:{port}/5ea/"

    yield start
    for process in running:
        process.terminate()
        process.wait(10)


def _answers(port: int) -> bool:
    import socket
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_two_instances_behind_the_documented_proxy_share_one_postgresql(tmp_path, postgres_server, proxy):
    url = postgres_server.create_database(f"district_{os.getpid()}")
    code = new_class(url, "tutorial", "--seed", "7")
    homes = [tmp_path / "home-a", tmp_path / "home-b"]
    with serving("--class", code, "--db", url, env={"SAFECITY_HOME": str(homes[0])}) as first, \
            serving("--class", code, "--db", url, env={"SAFECITY_HOME": str(homes[1])}) as second:
        instances = [first, second]
        address = proxy([first.port, second.port])

        def joined() -> list:
            with open_store(url) as store:
                return store.participants(code)

        def answers(participant_id: str) -> int:
            with open_store(url) as store:
                return sum(e.kind == "quiz_answer" for e in store.events(code, participant_id))

        async def client(token: str | None = None):
            jar = aiohttp.CookieJar(unsafe=True)
            session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False), cookie_jar=jar)
            if token:
                jar.update_cookies({SEAT_COOKIE: token})
            async with session.get(address) as page:
                assert page.status == 200
                set_cookie = page.headers.getall("Set-Cookie", [])
            return session, set_cookie

        async def open_game(session) -> tuple:
            before = [set(i.sessions()) for i in instances]
            ws = await first_frame(session, address)
            assert wait_until(lambda: any(set(i.sessions()) - b for i, b in zip(instances, before)), 10)
            where = next(n for n, (i, b) in enumerate(zip(instances, before)) if set(i.sessions()) - b)
            return ws, where

        async def type_keys(ws, *chunks: str) -> None:
            for chunk in chunks:
                await ws.send_json(["stdin", chunk])
                await asyncio.sleep(1.0)

        async def district():
            students = []           # (session, token, pseudonym, instance)
            for n in range(12):     # until both instances have students (the proxy spreads the seats)
                token = secrets.token_urlsafe(32)
                session, set_cookie = await client(token if n else None)
                if n == 0:          # a browser without a seat gets one, marked Secure over HTTPS
                    assert any("Secure" in c and SEAT_COOKIE in c for c in set_cookie), set_cookie
                    token = session.cookie_jar.filter_cookies(yarl.URL(address))[SEAT_COOKIE].value
                ws, where = await open_game(session)
                pseudonym = f"Heron-{n + 10}"
                await asyncio.sleep(2.0)                    # the join screen comes up
                await type_keys(ws, pseudonym, "\r")
                assert wait_until(lambda: pseudonym in [p.pseudonym for p in joined()], 30), pseudonym
                students.append((session, token, pseudonym, where, ws))
                if {s[3] for s in students} == {0, 1}:
                    break
            assert {s[3] for s in students} == {0, 1}, "the proxy sent every browser to one instance"

            # Every connection drops; each student comes back through the proxy to their own game.
            for session, token, pseudonym, where, ws in students:
                await ws.close()
            for instance in instances:
                assert wait_until(lambda: instance.sessions() == instance.games() == [], 20)
            for session, token, pseudonym, where, _ws in students:
                ws, again = await open_game(session)
                assert again == where, "a returning browser went to another instance"
                await asyncio.sleep(2.0)
                await type_keys(ws, "\r")                   # the pseudonym is ready: Enter
                participant = next(p for p in joined() if p.pseudonym == pseudonym)
                await asyncio.sleep(2.0)                    # the quiz opens where it was
                await type_keys(ws, "1", "2", "6")          # answer the first item (any kind)
                assert wait_until(lambda: answers(participant.id) >= 1, 30), f"{pseudonym} did not come back"
                await ws.close()
                await session.close()
            return len(students)

        count = asyncio.run(district())
    people = joined()
    assert len(people) == count and len({p.pseudonym for p in people}) == count   # nobody joined twice
    with open_store(url) as store:
        assert sum(e.kind == "joined" for e in store.events(code)) == count
