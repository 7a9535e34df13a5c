"""`safecity class dashboard CODE`: the class on the projector, live from its database, and the
debrief walk-through. A full-screen terminal app; `safecity class show` is the plain-text view."""

from __future__ import annotations

import sys

from game.model.safe_text import is_web_url, printable_line

EXIT_DATA, EXIT_USAGE = 1, 2


def add_arguments(parser) -> None:
    parser.add_argument("code", help="the class's join code, e.g. K7M-QX4")
    parser.add_argument("--db", help="database URL (default: $SAFECITY_DB, else an SQLite file in the data folder)")
    parser.add_argument("--url", help="the address students open in a browser, shown with its QR code "
                                      "(default: this computer's network address and --port, as "
                                      "`safecity serve --host 0.0.0.0` gives)")
    parser.add_argument("--port", type=int, default=8000, help="the port of `safecity serve` (default 8000)")
    parser.add_argument("--no-qr", action="store_true", help="show the join code only, without a browser address")
    parser.add_argument("--names", action="store_true",
                        help="show the students' pseudonyms (hidden by default: S01, S02... on the screen)")
    parser.add_argument("--contrast", choices=("normal", "high"), default="normal",
                        help="high: white and yellow on black, for a pale projector")
    parser.add_argument("--lang", help="the dashboard's language (default: the class's)")


def join_url(args) -> str | None:
    """The browser address to show, or None after saying why it cannot be used."""
    if args.no_qr:
        return ""
    if args.url:
        if not is_web_url(args.url):
            sys.stderr.write(printable_line(f"safecity class dashboard: --url must be an http:// or https:// "
                                            f"address, not {args.url!r}") + "\n")
            return None
        return args.url
    if not 1 <= args.port <= 65535:
        sys.stderr.write("safecity class dashboard: --port must be between 1 and 65535\n")
        return None
    from game.cli.serve_cmd import network_urls
    return network_urls("0.0.0.0", args.port)[0]


def run_dashboard(args, start: str = "arrival") -> int:
    from game.cli.class_cmd import fail, the_class

    url = join_url(args)
    if url is None:
        return EXIT_USAGE
    with the_class(args) as (store, record):
        if start == "vote" and record.mode != "vote":
            return fail(args, f"class {record.code} is not a class vote: each student plays their own game "
                              f"(safecity class new --vote makes a class vote)", EXIT_USAGE)
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return fail(args, "the dashboard needs a terminal; `safecity class show CODE` prints the class as "
                              "text", EXIT_USAGE)
        from game.i18n import set_language
        from game.settings import Settings

        set_language(args.lang or record.language or Settings.load().language or "en")
        scenario = class_scenario(record)
        from game.dashboard.app import DashboardApp   # after the language: key labels are translated

        vote = None
        if start == "vote":
            from game.classroom.vote import ClassVote
            from game.engine.saves import SaveError
            from game.session import LoadFailed
            try:
                vote = ClassVote.open(store, record)
            except LoadFailed as failure:
                return fail(args, failure.message)
            except SaveError as trouble:
                return fail(args, f"the vote's game cannot be opened: {trouble}")
        app = DashboardApp(store, record, scenario, join_url=url, names=args.names,
                           high_contrast=args.contrast == "high", start=start, vote=vote)
        try:
            app.run()
        finally:
            if vote is not None:
                vote.close_game()
    return app.return_code or 0


def class_scenario(record):
    """The class's scenario as its students play it, or None when it is not on this computer
    (the dashboard then shows counts and choice ids)."""
    from game.paths import resolve_scenario
    from game.session import LoadFailed, load_for_play

    path = resolve_scenario(record.scenario_path)
    if path is None:
        return None
    try:
        return load_for_play(path, record.language or None)
    except LoadFailed:
        return None
