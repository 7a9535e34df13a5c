"""Entry point of `safecity` and `python -m game`."""

from __future__ import annotations

import argparse
import os
import sys

from game import __version__
from game.model.safe_text import printable_line, shorten
from game.paths import resolve_scenario, scenario_path_problem, shipped_scenarios

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 with a short usage line, as argparse does, but name the fix
        self.print_usage(sys.stderr)
        # argparse repeats unrecognised arguments as typed: they may hold escape sequences.
        self.exit(EXIT_USAGE, f"{self.prog}: {printable_line(message)}\n(see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="safecity", description="Safe City: play and write scenarios about urban surveillance.")
    parser.add_argument("--version", action="version", version=f"safecity {__version__}")
    parser.add_argument("--lang", dest="top_lang", metavar="LANG",
                        help="the language of the title screen and the game (en, fr), as `play --lang`")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    play = sub.add_parser("play", help="play a scenario (the shipped one by default)")
    play.add_argument("scenario", nargs="?", help="a scenario folder, or the name of a shipped scenario")
    play.add_argument("--plain", action="store_true", help="plain text: for screen readers, pipes and scripts")
    play.add_argument("--seed", type=int, help="the random seed (one per class: everyone meets the same events)")
    play.add_argument("--lang", help="play in this language, if the scenario has a translation")
    play.add_argument("--variant", help="start a variant of the scenario (e.g. express)")
    play.add_argument("--continue", dest="resume", action="store_true",
                      help="continue your latest unfinished game (or the one named by --save)")
    play.add_argument("--save", metavar="SAVE",
                      help="a save file, or a saved game's id from `safecity saves` (every game gets its own "
                           "otherwise)")
    play.add_argument("--replace", action="store_true",
                      help="with --save and a new game: start over in that save, replacing the game it holds")
    play.add_argument("--force", action="store_true",
                      help="continue a save that does not quite fit the scenario (values brought within range)")
    play.add_argument("--replay", help="a comma-separated list of choice ids to play first (with --seed)")
    play.add_argument("--from", dest="at", metavar="SCENE", help="start at this scene (for writers testing)")
    play.add_argument("--watch", action=argparse.BooleanOptionalAction, default=None,
                      help="reload the story when its files change (default: on for your own stories, "
                           "off for the shipped ones)")
    play.add_argument("--set", dest="values", action="append", default=[], metavar="NAME=VALUE", type=_name_value,
                      help="start with this meter or flag value, e.g. --set trust=20 --set school_gates=true")

    check = sub.add_parser("check", help="check a scenario for mistakes")
    check.add_argument("scenario", help="a scenario folder (or its scenario.yaml)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    schema = sub.add_parser("schema", help="print the JSON Schema of the story format, for editors")
    schema.add_argument("--kind", choices=("scenario", "part"), default="scenario",
                        help="scenario: the main scenario.yaml (default); part: a file it includes")
    schema.add_argument("--output", metavar="FILE", help="write the schema to FILE instead of printing it")

    sub.add_parser("list", help="list the shipped scenarios")

    explore = sub.add_parser("explore", help="play many random games: coverage, endings, failures to replay")
    explore.add_argument("scenario", help="a scenario folder")
    explore.add_argument("--runs", type=int, default=1000, help="how many games (default 1000)")
    explore.add_argument("--seed", type=int, default=0, help="the first seed; run n uses seed+n")
    explore.add_argument("--variant", help="explore a variant (e.g. express)")
    explore.add_argument("--prefer-unused", action="store_true", help="prefer the choices taken least so far")
    explore.add_argument("--lang", help="measure reading time in this translation (e.g. fr)")
    explore.add_argument("--strategy", default="random",
                         choices=("random", "most-surveillance", "least-surveillance", "cheapest", "mixed"),
                         help="how the games choose: at random (default), or a scripted player")
    explore.add_argument("--strategies", action="store_true",
                         help="balance: the endings and minutes of every scripted player, side by side")
    explore.add_argument("--json", action="store_true", help="a JSON report, for CI")
    explore.add_argument("--exhaustive", action="store_true",
                         help="try every choice and outcome from every reachable state (small stories)")
    explore.add_argument("--meters", choices=("exact", "extremes"), default="exact",
                         help="with --exhaustive: exact (every state) or extremes (in each situation, only the "
                              "games with a new lowest or highest meter: large stories)")
    explore.add_argument("--max-states", type=int, default=200_000, help="with --exhaustive: stop after this many")
    explore.add_argument("--max-seconds", type=float, default=30.0, help="with --exhaustive: stop after this long")

    graph = sub.add_parser("graph", help="draw the story map (Mermaid, Graphviz DOT or SVG)")
    graph.add_argument("scenario", help="a scenario folder")
    graph.add_argument("--format", choices=("mermaid", "dot", "svg"), default="mermaid")
    graph.add_argument("--output", "-o", help="write to this file (a .md file gets a Mermaid code block)")
    graph.add_argument("--coverage", type=int, default=0, metavar="RUNS",
                       help="colour scenes by how many of RUNS random games reach them (red: never)")

    saves_cmd = sub.add_parser("saves", help="list saved games, or delete some")
    saves_cmd.add_argument("action", nargs="?", choices=("list", "delete"), default="list")
    saves_cmd.add_argument("ids", nargs="*", metavar="ID", help="with delete: the saved games to delete")
    saves_cmd.add_argument("--scenario", help="only the saves of this scenario (its id)")
    saves_cmd.add_argument("--finished", action="store_true", help="with delete: every finished game")
    saves_cmd.add_argument("--yes", action="store_true", help="with delete: do not ask for confirmation")
    saves_cmd.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    from game.cli.class_cmd import add_parser as add_class_parser
    add_class_parser(sub)

    join = sub.add_parser("join", help="join a class with its code (students)")
    join.add_argument("code", help="the code your teacher gives, e.g. K7M-QX4")
    join.add_argument("--pseudonym", help="your pseudonym (not your real name); asked if not given")
    join.add_argument("--db", help="the class database URL, if your teacher gives one")
    join.add_argument("--plain", action="store_true", help="plain text: for screen readers, pipes and scripts")

    quiz = sub.add_parser("quiz", help="practise the quiz alone and see your score with explanations")
    quiz.add_argument("scenario", nargs="?", help="a scenario folder or a shipped scenario's name")
    quiz.add_argument("--form", help="which form (A or B; default: the first)")
    quiz.add_argument("--lang", help="the language, if the scenario has a translation")
    quiz.add_argument("--plain", action="store_true", help="plain text: for screen readers, pipes and scripts")

    from game.cli.serve_cmd import add_parser as add_serve_parser
    add_serve_parser(sub)

    from game.cli.report_cmd import add_guide_parser
    add_guide_parser(sub)

    new = sub.add_parser("new", help="create a small working scenario to start from")
    new.add_argument("folder", help="the folder to create, e.g. story/my-town")
    paths = sub.add_parser("paths", help="where saves, settings and class files are kept on this computer")
    paths.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    completion = sub.add_parser("completion", help="print a shell completion script (bash, zsh, tcsh)")
    completion.add_argument("shell", choices=("bash", "zsh", "tcsh"))
    from game.cli.examples import add_examples

    add_examples(parser)
    return parser


def _name_value(text: str) -> str:
    """--set NAME=VALUE: refused at once (exit 2) when it is not of that form."""
    from game.engine.runtime import GameError, parse_values

    try:
        parse_values([text])
    except GameError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "saves" and args.action == "delete":
        # `saves delete --yes ID`: argparse gives the ids up once an option came first; take them back.
        args.ids += [word for word in extra if not word.startswith("-") or word == "-"]
        extra = [word for word in extra if word.startswith("-") and word != "-"]
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.top_lang and getattr(args, "lang", None) is None and hasattr(args, "lang"):
        args.lang = args.top_lang     # `safecity --lang fr play` is `safecity play --lang fr`
    try:
        if args.command in ("check", "explore", "graph"):
            problem = scenario_path_problem(args.scenario)
            if problem:
                return _bad_path(args.command, args.scenario, problem)
        if args.command == "check":
            from game.cli.check import run_check
            return run_check(args.scenario, args.format)
        if args.command == "schema":
            from game.cli.schema_cmd import run_schema
            return run_schema(args.kind, args.output)
        if args.command == "explore":
            from game.cli.explore_cmd import run_exhaustive, run_explore
            if args.exhaustive:
                return run_exhaustive(args.scenario, args.variant, args.max_states, args.max_seconds, args.json,
                                      meters=args.meters)
            if args.strategies:
                from game.cli.explore_cmd import run_strategies
                return run_strategies(args.scenario, args.runs, args.seed, args.variant, args.json, language=args.lang)
            return run_explore(args.scenario, args.runs, args.seed, args.variant, args.prefer_unused, args.json,
                               strategy=args.strategy, language=args.lang)
        if args.command == "graph":
            from game.cli.graph_cmd import run_graph
            return run_graph(args.scenario, args.format, args.output, args.coverage)
        if args.command == "new":
            from game.cli.new_cmd import run_new
            return run_new(args.folder)
        if args.command == "paths":
            from game.cli.paths_cmd import run_paths
            return run_paths(args.format == "json")
        if args.command == "completion":
            from game.cli.paths_cmd import run_completion
            return run_completion(parser, args.shell)
        if args.command == "serve":
            from game.cli.serve_cmd import run_serve
            return run_serve(args)
        if args.command == "guide":
            from game.cli.report_cmd import run_guide
            return run_guide(args)
        if args.command == "class":
            from game.cli.class_cmd import run_class
            return run_class(args)
        if args.command == "join":
            if args.plain or args.pseudonym or not _full_screen():
                from game.cli.join_plain import run_join
                return run_join(args.code, args.pseudonym, args.db)
            return run_join_app(args.code, args.db, args.top_lang)
        if args.command == "quiz":
            from game.cli.quiz_cmd import run_quiz_cmd
            if args.plain or not _full_screen():
                return run_quiz_cmd(args.scenario, args.form, args.lang)
            return run_quiz_app(args.scenario, args.form, args.lang)
        if args.command == "saves":
            from game.cli.saves_cmd import run_saves
            return run_saves(args)
        if args.command == "list":
            for name, path in shipped_scenarios().items():
                print(f"{name}\t{path}")
            return 0
        if args.command is None:
            return play(None, title=True, language=args.top_lang)
        return play(args)
    except KeyboardInterrupt:
        print()
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the last resort: a player never sees a traceback
        if os.environ.get("SAFECITY_DEBUG", "") not in ("", "0"):
            raise
        return _report_crash(error)


def _bad_path(command: str, path, problem: str) -> int:
    sys.stderr.write(f"safecity {command}: {shorten(str(path))}: {problem}\n")
    return EXIT_USAGE


def _report_crash(error: BaseException) -> int:
    """One line for the player; the traceback in a file, for whoever fixes the bug."""
    import traceback

    where = _write_crash_file(traceback.format_exc())
    what = shorten(f"{type(error).__name__}: {error}", 200)
    if where:
        tail = f"details were written to {printable_line(str(where))}"
    else:
        tail = "details could not be written (SAFECITY_DEBUG=1 shows them)"
    try:
        sys.stderr.write(f"safecity: unexpected error: {what}; {tail}\n")
    except (OSError, ValueError):
        pass
    return 1


def _write_crash_file(details: str):
    """Write `details` to a new crash-*.txt in the user's data folder (else the temp folder)."""
    import tempfile
    import time
    from pathlib import Path

    from game.engine.saves import saves_dir

    header = (f"safecity {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
              f"arguments: {sys.argv[1:]!r}\n\n")
    name = time.strftime("crash-%Y%m%d-%H%M%S") + f"-{os.getpid()}.txt"
    for folder in (saves_dir().parent, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            with open(path, "x", encoding="utf-8", errors="replace") as file:
                file.write(header + details)
            return path
        except OSError:
            continue
    return None


def _capable_terminal() -> bool:
    """False for TERM=dumb, and for no TERM at all outside Windows: such a terminal gets plain text."""
    term = os.environ.get("TERM", "")
    if term == "dumb":
        return False
    return bool(term) or sys.platform == "win32"


def play(args, title: bool = False, language: str | None = None) -> int:
    """The Textual game in a terminal; the plain player with --plain, when not in a terminal,
    or in a terminal that cannot show it (TERM=dumb or unset)."""
    path = resolve_scenario(args.scenario if args else None)
    if args is not None and args.resume and not args.scenario:
        from game.latest_game import story_to_continue

        path = story_to_continue(args.save) or path   # the tutorial's game too, not only Safe City's
    if path is not None and args is not None and args.scenario:
        problem = scenario_path_problem(path)
        if problem:
            return _bad_path("play", path, problem)
    interactive = sys.stdin.isatty() and sys.stdout.isatty() and _capable_terminal()
    if not interactive or (args is not None and (args.plain or args.replay)):
        # Pipes, scripts, screen readers: the same game as plain lines of text.
        from game.cli.play_plain import run_plain
        if args is None:
            return run_plain(path, language=language)
        return run_plain(path, seed=args.seed, language=args.lang, variant=args.variant, resume=args.resume,
                         save_path=args.save, force=args.force, replay=args.replay, at=args.at,
                         values=args.values, replace=args.replace)
    return run_app(path, args, title, language)


def _full_screen() -> bool:
    """The full-screen game can be shown: a terminal on both ends that can draw it."""
    return sys.stdin.isatty() and sys.stdout.isatty() and _capable_terminal()


def run_quiz_app(scenario: str | None, form: str | None, language: str | None) -> int:
    from game.cli.quiz_cmd import practice_items

    found = practice_items(scenario, form, language)     # says why on stderr when it cannot
    if isinstance(found, int):
        return found
    path, chosen = found
    return _run_app_with(language, practice=(path, chosen, language))


def _run_app_with(language: str | None = None, **kwargs) -> int:
    from game.i18n import set_language, system_language
    from game.settings import Settings

    settings = Settings.load()
    set_language(language or settings.language or system_language() or "en")
    from game.ui import collector

    collector.pause()     # until the first screen is drawn: a quicker start
    from game.ui.app import SafeCityApp

    app = SafeCityApp(None, settings=settings, **kwargs)
    app.run()
    if app.return_code and app.error:
        sys.stderr.write(f"safecity: {printable_line(app.error)}\n")
    if app.joined is not None and not app.joined.path.finished:
        from game.classroom.flow import come_back
        from game.i18n import _f
        print(printable_line(_f("To come back later: {command}", command=come_back(app.joined))))
    return app.return_code or 0


def run_join_app(code: str, url: str | None, language: str | None = None) -> int:
    return _run_app_with(language, join=(code, url))


def run_app(path, args, title: bool, language: str | None = None) -> int:
    from game.i18n import set_language, system_language
    from game.settings import Settings

    settings = Settings.load()
    language = args.lang if args else language
    set_language(language or settings.language or system_language() or "en")
    from game.ui import collector

    collector.pause()     # until the first screen is drawn: a quicker start
    from game.ui.app import SafeCityApp  # after the language is set: screens translate their key labels

    app = SafeCityApp(path, seed=args.seed if args else None, language=language,
                      variant=args.variant if args else None, resume=bool(args and args.resume),
                      save_path=args.save if args else None, settings=settings, skip_title=not title,
                      force=bool(args and args.force), replace=bool(args and args.replace),
                      at=args.at if args else None, values=args.values if args else None,
                      watch=getattr(args, "watch", None) if args else None)
    app.run()
    if app.return_code and app.error:
        sys.stderr.write(f"safecity: {printable_line(app.error)}\n")
    return app.return_code or 0
