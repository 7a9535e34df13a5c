"""What textual-serve starts for each browser tab when the pre-loaded starter runs (preload.py).

It is run with `python -I -S` (no site, no imports beyond the standard library: it starts in a
few milliseconds), hands its standard input, output and error and its arguments to the starter,
waits for the game's exit status and exits with it. If the starter cannot be reached, it becomes
the game itself, as if no starter were running.

    python -I -S attach.py SOCKET [game arguments...]
"""

import json
import os
import socket
import struct
import sys


def main() -> None:
    path, arguments = sys.argv[1], sys.argv[2:]
    try:
        starter = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        starter.connect(path)
        body = json.dumps({"argv": arguments, "env": dict(os.environ)}).encode("utf-8")
        socket.send_fds(starter, [struct.pack(">I", len(body)) + body], [0, 1, 2])
    except OSError:
        os.execv(sys.executable, [sys.executable, "-m", "game.serve.entry", *arguments])
    status = b""
    while len(status) < 4:
        try:
            chunk = starter.recv(4 - len(status))
        except OSError:
            break
        if not chunk:
            break
        status += chunk
    code = struct.unpack(">i", status)[0] if len(status) == 4 else 1
    os._exit(code if 0 <= code < 256 else 1)


if __name__ == "__main__":
    main()
