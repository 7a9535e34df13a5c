"""What each browser tab runs: always the full-screen Textual game, never the plain player.

textual-serve starts this without a terminal on stdin and stdout; `safecity` itself would then
fall back to the plain player, which the browser cannot show. The server builds the command
line from validated values only: `--class CODE [--db URL]`, or a scenario folder it checked.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="safecity-serve-session")
    parser.add_argument("scenario", nargs="?")
    parser.add_argument("--class", dest="code")
    parser.add_argument("--db")
    args = parser.parse_args(argv)

    from game.i18n import set_language
    from game.settings import Settings

    settings = Settings.load()
    set_language(settings.language or "en")
    from game.ui.app import SafeCityApp

    if args.code:
        # Every tab shares the server's data folder: never offer one student another's pseudonym.
        app = SafeCityApp(None, settings=settings, join=(args.code, args.db), shared=True)
    else:
        app = SafeCityApp(args.scenario, settings=settings)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
