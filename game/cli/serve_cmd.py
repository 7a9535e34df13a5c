"""`safecity serve`: students play the same game in a browser, with nothing to install.

One game process per browser tab (textual-serve); the saves live on this computer. The command
each tab runs is built here, from validated values only: no path or option ever comes from
the browser.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys

from game.model.safe_text import printable_line

EXIT_DATA = 1
EXIT_USAGE = 2


def add_parser(sub) -> None:
    serve = sub.add_parser("serve", help="let students play in a browser (nothing to install)")
    serve.add_argument("scenario", nargs="?", help="a scenario folder or a shipped scenario's name (solo games)")
    serve.add_argument("--class", dest="code", metavar="CODE",
                       help="every browser opens the join screen of this class")
    serve.add_argument("--db", help="the class database URL (with --class)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1: this computer only; "
                            "0.0.0.0: the whole network)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument("--max-players", type=int, default=40, help="at most this many games at once (default 40)")
    serve.add_argument("--idle-minutes", type=float, default=20.0,
                       help="end a game nobody has touched for this long (default 20; it is saved anyway)")
    serve.add_argument("--no-preload", action="store_true",
                       help="start each game as a fresh process (slower to open; the default forks each "
                            "game from a process that has loaded everything once)")


def session_arguments(scenario: str | None = None, code: str | None = None, url: str | None = None) -> list[str]:
    """The game's arguments for each browser tab, from validated values only."""
    words = []
    if code:
        words += ["--class", code]
        if url:
            words += ["--db", url]
    elif scenario:
        words.append(scenario)
    return words


def session_command(scenario: str | None = None, code: str | None = None, url: str | None = None) -> str:
    """The shell command each browser tab runs: our interpreter, our entry module, quoted values."""
    return "exec " + shlex.join([sys.executable, "-m", "game.serve.entry",
                                 *session_arguments(scenario, code, url)])


def network_urls(host: str, port: int) -> list[str]:
    """The addresses students type: this computer's own address when listening on all of them."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return [f"http://{host}:{port}/"]
    if not address.is_unspecified:
        shown = f"[{host}]" if address.version == 6 else host
        return [f"http://{shown}:{port}/"]
    found = []
    try:   # the address this computer would use to reach the network (no packet is sent)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            found.append(probe.getsockname()[0])
    except OSError:
        pass
    return [f"http://{ip}:{port}/" for ip in found] or [f"http://{socket.gethostname()}:{port}/"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def qr_text(url: str) -> str:
    from game.dashboard.qr import qr_lines   # the class dashboard draws the same code

    return "\n".join(qr_lines(url)) + "\n"


def run_serve(args) -> int:
    err = sys.stderr
    if not 1 <= args.port <= 65535:
        err.write("safecity serve: --port must be between 1 and 65535\n")
        return EXIT_USAGE
    if args.max_players < 1 or args.idle_minutes <= 0:
        err.write("safecity serve: --max-players and --idle-minutes must be positive\n")
        return EXIT_USAGE
    if args.code and args.scenario:
        err.write("safecity serve: give a scenario or --class, not both (a class has its scenario)\n")
        return EXIT_USAGE
    if args.db and not args.code:
        err.write("safecity serve: --db goes with --class\n")
        return EXIT_USAGE

    if args.code:
        checked = _check_class(args.code, args.db)
        if isinstance(checked, int):
            return checked
        code, what, lang = checked
        arguments = session_arguments(code=code, url=args.db)
    else:
        checked = _check_scenario(args.scenario)
        if isinstance(checked, int):
            return checked
        path, what = checked
        arguments = session_arguments(scenario=str(path) if args.scenario else None)
        from game.settings import Settings
        lang = Settings.load().language or "en"

    lines = [f"Safe City: {what}"]
    if is_loopback(args.host):
        lines.append(f"Open http://127.0.0.1:{args.port}/ in a browser on this computer "
                     f"(--host 0.0.0.0 lets other computers on the network play).")
    else:
        urls = network_urls(args.host, args.port)
        lines.append("This game is reachable from the network: anyone who can reach this computer can play.")
        lines.append(f"Students type: {urls[0]}")
        lines.append(qr_text(urls[0]))
    lines.append(f"At most {args.max_players} players at once; a game idle for {args.idle_minutes:g} minutes ends "
                 f"(it is saved after every choice). Press Ctrl+C to stop.")

    from game.i18n import set_language
    from game.serve.server import GameServer

    set_language(lang)      # the pages' words: the class's language
    server = GameServer(arguments, preload=not args.no_preload, host=args.host, port=args.port,
                        max_players=args.max_players,
                        idle_seconds=args.idle_minutes * 60, announce="\n".join(lines), lang=lang)
    try:
        server.serve()
    except OSError as problem:
        err.write(printable_line(f"safecity serve: cannot listen on {args.host}:{args.port}: {problem.strerror}")
                  + "\n")
        return EXIT_DATA
    return 0


def _check_class(typed: str, url: str | None):
    """(code, description) of an open class, or an exit code after saying why not."""
    from game.classroom import flow
    from game.classroom.store import StoreError

    try:
        store, record = flow.open_class(typed, url)
    except flow.JoinRefused as refused:
        sys.stderr.write(printable_line(f"safecity serve: {refused}") + "\n")
        return EXIT_DATA
    except StoreError as problem:
        sys.stderr.write(printable_line(f"safecity serve: {problem}") + "\n")
        return EXIT_DATA
    store.close()
    if record.closed:
        sys.stderr.write(printable_line(f"safecity serve: class {record.code} is closed: no one can join it "
                                        f"(safecity class new makes another)") + "\n")
        return EXIT_DATA
    return (record.code, printable_line(f"class {record.code} ({record.name}: {record.title})"),
            record.language or "en")


def _check_scenario(typed: str | None):
    """(path, description) of a scenario that loads, or an exit code after saying why not."""
    from game.cli.common import load_or_report
    from game.paths import resolve_scenario, scenario_path_problem

    path = resolve_scenario(typed)
    if path is None:
        sys.stderr.write(printable_line(f"safecity serve: no scenario named {typed!r} (safecity list)") + "\n")
        return EXIT_USAGE
    problem = scenario_path_problem(path)
    if problem:
        sys.stderr.write(printable_line(f"safecity serve: {path}: {problem}") + "\n")
        return EXIT_USAGE
    scenario = load_or_report(path, "serve")
    if scenario is None:
        return EXIT_DATA
    return path.resolve(), printable_line(f"solo games of {scenario.title}")
