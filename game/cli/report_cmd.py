"""`safecity class report CODE -o report.html` and `safecity guide [SCENARIO] -o guide.html`."""

from __future__ import annotations

import sys

from game.model.safe_text import printable_line

EXIT_DATA, EXIT_USAGE = 1, 2


def add_report_arguments(parser) -> None:
    parser.add_argument("code", help="the class's join code, e.g. K7M-QX4")
    parser.add_argument("--db", help="database URL (default: $SAFECITY_DB, else an SQLite file in the data folder)")
    parser.add_argument("--output", "-o", help="the file to write (default: report-CODE.html, or .csv)")
    parser.add_argument("--format", choices=("html", "csv"), default="html",
                        help="html (the printable report, default) or csv (the anonymous rows)")
    parser.add_argument("--lang", help="the report's language (default: the class's)")


def add_guide_parser(sub) -> None:
    guide = sub.add_parser("guide", help="a printable lesson guide: plan, quiz sheets with the answer key, glossary")
    guide.add_argument("scenario", nargs="?", help="a scenario folder or a shipped scenario's name (default: Safe City)")
    guide.add_argument("--output", "-o", help="the file to write (default: guide-SCENARIO.html)")
    guide.add_argument("--lang", help="the guide's language (en, fr; default: the scenario's)")


def write(path: str, text: str, command: str) -> int:
    from pathlib import Path

    from game.engine.safe_files import write_atomically

    try:
        write_atomically(Path(path), text.encode("utf-8"))
    except OSError as problem:
        sys.stderr.write(printable_line(f"safecity {command}: cannot write {path}: "
                                        f"{problem.strerror or problem}") + "\n")
        return EXIT_DATA
    print(printable_line(f"Wrote {path}"))
    return 0


def run_report(args) -> int:
    from game.cli.class_cmd import export_rows, the_class, to_csv
    from game.cli.dashboard_cmd import class_scenario
    from game.i18n import set_language

    with the_class(args) as (store, record):
        if args.format == "csv":
            return write(args.output or f"report-{record.code}.csv", to_csv(record.code, export_rows(store, record)),
                         "class report")
        if args.lang and args.lang not in ("en", "fr"):
            sys.stderr.write(printable_line(f"safecity class report: no language {args.lang!r} (en, fr)") + "\n")
            return EXIT_USAGE
        set_language(args.lang or record.language or "en")
        scenario = class_scenario(record)
        from game.report.data import gather
        from game.report.report import render_report

        page = render_report(gather(store, record, scenario))
    return write(args.output or f"report-{record.code}.html", page, "class report")


def run_guide(args) -> int:
    from game.cli.common import load_or_report
    from game.i18n import set_language
    from game.paths import resolve_scenario, scenario_path_problem

    path = resolve_scenario(args.scenario)
    if path is None or scenario_path_problem(path):
        sys.stderr.write(printable_line(f"safecity guide: no scenario at {args.scenario!r} "
                                        f"({scenario_path_problem(path) if path else 'safecity list'})") + "\n")
        return EXIT_USAGE
    from game.session import LoadFailed, load_for_play

    try:
        scenario = load_for_play(path, args.lang)
    except LoadFailed as failure:
        if load_or_report(path, "guide") is None:
            return EXIT_DATA
        sys.stderr.write(printable_line(f"safecity guide: {failure.message}") + "\n")
        return EXIT_USAGE
    set_language(args.lang or scenario.language or "en")
    from game.report.guide import render_guide

    name = path.resolve().name if path.is_dir() else path.resolve().parent.name
    return write(args.output or f"guide-{name}.html", render_guide(scenario), "guide")
