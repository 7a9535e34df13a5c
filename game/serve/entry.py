"""What each browser tab runs: always the full-screen Textual game, never the plain player.

textual-serve starts this without a terminal on stdin and stdout; `safecity` itself would then
fall back to the plain player, which the browser cannot show. The server builds the command
line from validated values only: `--class CODE [--db URL]`, or a scenario folder it checked,
and `--seat`, the hash of the browser's seat token (never the token itself).
"""

from __future__ import annotations

import argparse
import os
import re
import sys

SEAT = re.compile(r"[0-9a-f]{32}\Z")


def seat_home(seat: str) -> str:
    """A solo player's own data folder on the server: no tab sees another's saves or settings."""
    from game.engine.saves import saves_dir

    return str(saves_dir().parent / "browser-seats" / seat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="safecity-serve-session")
    parser.add_argument("scenario", nargs="?")
    parser.add_argument("--class", dest="code")
    parser.add_argument("--db")
    parser.add_argument("--seat")
    args = parser.parse_args(argv)
    seat = args.seat if args.seat and SEAT.match(args.seat) else None

    if seat and not args.code:
        os.environ["SAFECITY_HOME"] = seat_home(seat)

    from game.i18n import set_language
    from game.settings import Settings

    settings = Settings.load()
    set_language(settings.language or "en")
    from game.ui import collector

    collector.pause()     # until the first screen is drawn: a quicker start in each tab
    from game.ui.app import SafeCityApp

    if args.code:
        # Every tab shares the server's data folder: never offer one student another's pseudonym.
        app = SafeCityApp(None, settings=settings, join=(args.code, args.db), shared=True, seat=seat)
    else:
        app = SafeCityApp(args.scenario, settings=settings)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
