"""A game starter with everything already imported: each browser tab's game is forked from it.

Starting a fresh Python for every tab costs most of a second of one core in imports (Textual,
SQLAlchemy, the scenario loader); a class opening 30 tabs at once waits for all of them. This
process does the imports once, then waits on a private Unix socket. For each tab, textual-serve
starts the tiny `attach.py`, which hands this process its standard input, output and error and
its arguments; this process forks a child that runs the game (`game.serve.entry`) on them, and
reports the child's exit status back, so textual-serve sees an ordinary process.

Safety: the socket sits in a folder only this user can enter, and a connection from another
user is refused (SO_PEERCRED). A child runs the same entry point, with the same argument checks,
as the command line would. The loop is single-threaded, so forking is safe.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import struct
import sys

MAX_REQUEST = 256 * 1024        # arguments and environment of one game
CHILD_GRACE = 3.0               # seconds between asking a child to stop and ending it


def warm() -> None:
    """Import what every game needs, before any fork (shared, copy-on-write, by every child)."""
    import markdown_it  # noqa: F401
    import sqlalchemy  # noqa: F401
    import textual.drivers.web_driver  # noqa: F401

    import game.classroom.flow  # noqa: F401
    import game.classroom.store  # noqa: F401
    import game.serve.entry  # noqa: F401
    import game.ui.app  # noqa: F401
    import game.ui.widgets.markdown_content  # noqa: F401
    import game.loader  # noqa: F401
    import game.session  # noqa: F401
    import game.ui.screens.ending  # noqa: F401
    import game.ui.screens.join  # noqa: F401
    import game.ui.screens.play  # noqa: F401
    import game.ui.screens.quiz  # noqa: F401
    import game.ui.screens.title  # noqa: F401


def read_request(connection: socket.socket) -> tuple[dict, list[int]]:
    """(request, [stdin, stdout, stderr]) from a new connection; raises ValueError if malformed."""
    connection.settimeout(5)
    data, fds, _flags, _addr = socket.recv_fds(connection, 65536, 3)
    try:
        if len(fds) != 3 or len(data) < 4:
            raise ValueError("a request brings three descriptors and a length")
        size = struct.unpack(">I", data[:4])[0]
        if size > MAX_REQUEST:
            raise ValueError("request too large")
        body = data[4:]
        while len(body) < size:
            chunk = connection.recv(size - len(body))
            if not chunk:
                raise ValueError("request cut short")
            body += chunk
        request = json.loads(body.decode("utf-8"))
        if not (isinstance(request, dict) and isinstance(request.get("argv"), list)
                and all(isinstance(a, str) for a in request["argv"]) and isinstance(request.get("env"), dict)):
            raise ValueError("request has the wrong shape")
    except (ValueError, OSError):
        for fd in fds:
            os.close(fd)
        raise
    connection.settimeout(None)
    return request, fds


def same_user(connection: socket.socket) -> bool:
    try:
        credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (AttributeError, OSError):
        return False
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid == os.getuid()


def run_child(request: dict, fds: list[int]) -> None:
    """In the forked child: become the tab's game process, and never return."""
    code = 1
    try:
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        _die_with_parent()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in request["env"].items()})
        from game.serve import entry
        sys.argv = ["safecity-serve-session", *request["argv"]]
        code = entry.main(request["argv"]) or 0
    except SystemExit as ended:
        code = ended.code if isinstance(ended.code, int) else 1
    except BaseException:       # noqa: BLE001 - the tab's stderr gets the trouble, as from a process
        import traceback
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _die_with_parent() -> None:
    """Linux: the child ends if this starter ends, so no game outlives the server."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)       # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve(path: str, parent: int) -> None:
    warm()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(128)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    children: dict[int, socket.socket] = {}     # child pid -> its attach connection
    stopping: dict[int, float] = {}             # child pid -> when it was asked to stop
    running = True

    def stop(_signum, _frame):
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the server's Ctrl+C reaches us too: it ends us itself
    import time

    while running and os.getppid() == parent:
        for key, _events in selector.select(timeout=0.2):
            if key.fileobj is listener:
                try:
                    connection, _ = listener.accept()
                except OSError:
                    continue
                if not same_user(connection):
                    connection.close()
                    continue
                try:
                    request, fds = read_request(connection)
                except (ValueError, OSError):
                    connection.close()
                    continue
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    connection.close()
                    for other in children.values():
                        other.close()
                    run_child(request, fds)
                for fd in fds:
                    os.close(fd)
                children[pid] = connection
                selector.register(connection, selectors.EVENT_READ, pid)
            else:       # an attach process went away (its tab closed, or it was killed): end its game
                pid = key.data
                try:
                    gone = key.fileobj.recv(1) == b""
                except OSError:
                    gone = True
                if gone and pid in children and pid not in stopping:
                    _signal(pid, signal.SIGTERM)
                    stopping[pid] = time.monotonic()
                    selector.unregister(key.fileobj)
        now = time.monotonic()
        for pid, since in list(stopping.items()):
            if now - since > CHILD_GRACE:
                _signal(pid, signal.SIGKILL)
        _reap(children, stopping, selector)

    for pid in list(children):
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + CHILD_GRACE
    while children and time.monotonic() < deadline:
        _reap(children, stopping, selector)
        time.sleep(0.05)
    for pid in list(children):
        _signal(pid, signal.SIGKILL)
    listener.close()
    try:
        os.unlink(path)
    except OSError:
        pass


def _reap(children: dict, stopping: dict, selector) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        connection = children.pop(pid, None)
        stopping.pop(pid, None)
        if connection is None:
            continue
        code = os.waitstatus_to_exitcode(status)
        try:
            selector.unregister(connection)
        except (KeyError, ValueError):
            pass
        try:
            connection.sendall(struct.pack(">i", code))
        except OSError:
            pass
        connection.close()


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
