"""`safecity class ...`: the facilitator's commands for class sessions.

new, list, show, dashboard, close, delete, export, purge. Every command takes `--db URL` (or the
SAFECITY_DB variable; an SQLite file in the data folder otherwise) and `--format json`
for scripts. Exit codes: 0 done, 1 a problem with the data (unknown code, database
unavailable), 2 a bad invocation.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict

from game.model.safe_text import printable_line

EXIT_DATA, EXIT_USAGE = 1, 2
QUIZ_SETTINGS = ("pre,post", "pre", "post", "none")
DURATION = re.compile(r"(\d{1,5})\s*([dhw])\Z")
CSV_FIELDS = ("class", "participant", "seq", "kind", "at", "scene", "turn", "phase", "form", "item", "answer",
              "confidence", "correct", "choice", "outcome", "ending", "ms", "data")


def add_parser(sub) -> None:
    cls = sub.add_parser("class", help="class sessions: open a class, follow it, export or delete its data")
    actions = cls.add_subparsers(dest="action", required=True, metavar="ACTION")

    def common(parser, code=True):
        if code:
            parser.add_argument("code", help="the class's join code, e.g. K7M-QX4")
        parser.add_argument("--db", help="database URL (default: $SAFECITY_DB, else an SQLite file in the data folder)")
        parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
        return parser

    new = common(actions.add_parser("new", help="open a class and print its join code"), code=False)
    new.add_argument("scenario", nargs="?", help="a scenario folder or a shipped scenario's name (default: Safe City)")
    new.add_argument("--name", required=True, help='what to call the class, e.g. "2nde B" (no student names)')
    new.add_argument("--variant", help="e.g. express (about 15 minutes)")
    new.add_argument("--lang", help="the language the class plays in (en, fr)")
    new.add_argument("--seed", type=int, help="the class seed (default: a random one, printed)")
    new.add_argument("--quiz", choices=QUIZ_SETTINGS, default="pre,post", metavar="QUIZ",
                     help="which quizzes: pre,post (the default), pre, post or none")
    new.add_argument("--vote", action="store_true",
                     help="a class vote: you play one game on the projector (safecity class vote CODE) and the "
                          "students vote on each decision from their devices")
    common(actions.add_parser("list", help="every class in the database"), code=False)
    common(actions.add_parser("show", help="who joined, where each student is, how many finished"))
    from game.cli.dashboard_cmd import add_arguments as dashboard_arguments
    dashboard_arguments(actions.add_parser("dashboard", help="the class on a projector, live, and the debrief "
                                                             "walk-through (full screen)"))
    common(actions.add_parser("close", help="no more joins (students already in can finish)"))
    from game.cli.report_cmd import add_report_arguments
    add_report_arguments(actions.add_parser("report", help="a printable report of the class (one HTML file, "
                                                           "charts included), or its anonymous rows as CSV"))
    dashboard_arguments(actions.add_parser("vote", help="a class vote on the projector: your game, the votes live "
                                                        "(the dashboard, on its vote screen)"))
    release = common(actions.add_parser("release", help="let a student continue from another browser "
                                        "(browser play ties a pseudonym to the browser that began it)"))
    release.add_argument("pseudonym", help="the student's pseudonym, as they typed it")
    delete = common(actions.add_parser("delete", help="delete a class and all of its data"))
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    export = actions.add_parser("export", help="the class's anonymous rows, as CSV or JSON")
    export.add_argument("code")
    export.add_argument("--db")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--output", "-o", help="write to this file instead of printing")
    export.add_argument("--with-pseudonyms", action="store_true",
                        help="add the pseudonyms (otherwise students are S01, S02...)")
    purge = common(actions.add_parser("purge", help="delete every class older than a duration"), code=False)
    purge.add_argument("--older-than", required=True, metavar="AGE", help="e.g. 30d, 12h, 2w")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def run_class(args) -> int:
    from game.classroom.store import StoreError

    try:
        return ACTIONS[args.action](args)
    except NoSuchClass as missing:
        return missing.exit_code
    except StoreError as problem:
        return fail(args, str(problem))


def fail(args, message: str, code: int = EXIT_DATA) -> int:
    if getattr(args, "format", "text") == "json":
        print(json.dumps({"error": message}))
    sys.stderr.write(printable_line(f"safecity class {args.action}: {message}") + "\n")
    return code


def store_for(args):
    from game.classroom.store import open_store
    return open_store(args.db)


class NoSuchClass(Exception):
    """The code names no class; `exit_code` is what the command returns (the message is out)."""

    def __init__(self, exit_code: int):
        super().__init__(exit_code)
        self.exit_code = exit_code


@contextmanager
def the_class(args):
    """(store, class record) for the command's code; the store is closed afterwards."""
    from game.classroom import codes

    store = store_for(args)
    try:
        code = codes.normalise(args.code)
        record = store.get_class(code) if code else None
        if record is None:
            raise NoSuchClass(fail(args, f"there is no class with the code {printable_line(repr(args.code))}"))
        yield store, record
    finally:
        store.close()


def record_json(record) -> dict:
    return asdict(record)


def new(args) -> int:
    from game.classroom import codes
    from game.classroom.records import ClassRecord
    from game.classroom.store import ClassExists, display_url
    from game.paths import resolve_scenario
    from game.session import LoadFailed, load_for_play

    name = " ".join(args.name.split())
    if not name or len(name) > 60 or printable_line(name) != name:
        return fail(args, "the class name must be 1 to 60 printable characters", EXIT_USAGE)
    path = resolve_scenario(args.scenario)
    if path is None:
        return fail(args, "no scenario found; give the path of a scenario folder", EXIT_USAGE)
    try:
        scenario = load_for_play(path, args.lang)
    except LoadFailed as failure:
        for d in failure.diagnostics[:10]:
            sys.stderr.write(d.format() + "\n")
        return fail(args, failure.message, EXIT_USAGE if failure.usage else EXIT_DATA)
    if args.variant and args.variant not in scenario.variants:
        known = ", ".join(scenario.variants) or "none"
        return fail(args, f"the scenario has no variant {args.variant!r} (known: {known})", EXIT_USAGE)
    if args.quiz != "none" and not scenario.quiz:
        return fail(args, "this scenario has no quiz: use --quiz none", EXIT_USAGE)
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    store = store_for(args)
    try:
        for _attempt in range(20):
            record = ClassRecord(codes.new_code(), name, scenario.id, str(args.scenario or path), scenario.title,
                                 args.variant or "", args.lang or scenario.language, seed, args.quiz, time.time(),
                                 mode="vote" if args.vote else "play")
            try:
                store.create_class(record)
                break
            except ClassExists:
                continue
        else:
            return fail(args, "could not find a free join code; try again")
        where = display_url(store.url)
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps({**record_json(record), "database": where}))
        return 0
    print(printable_line(f"Class “{name}” is open: {scenario.title}"
                         + (f", {args.variant}" if args.variant else "") + f", in {record.language}."))
    print()
    print(f"    Join code:  {record.code}")
    print(f"    Seed:       {seed}   (everyone meets the same events)")
    print(f"    Quiz:       {args.quiz}")
    if args.vote:
        print("    Mode:       class vote: you play on the projector, the students vote on each decision")
    print()
    if args.vote:
        print(f"Run the vote on the projector: safecity class vote {record.code}")
    print("Students join with:")
    print(f"    safecity join {record.code}")
    print("(or \"Join a class\" on the title screen). They choose a pseudonym; no names are stored.")
    print(printable_line(f"Results are kept in {where}."))
    print(f"Follow the class: safecity class show {record.code}    Close it: safecity class close {record.code}")
    return 0


def list_classes(args) -> int:
    store = store_for(args)
    try:
        records = store.list_classes()
        counts = {r.code: len(store.participants(r.code)) for r in records}
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps({"classes": [{**record_json(r), "students": counts[r.code]} for r in records]}, indent=1))
        return 0
    if not records:
        print("No class yet. Open one with: safecity class new --name \"2nde B\"")
        return 0
    for r in records:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(r.created_at))
        state = "closed" if r.closed else "open"
        print(printable_line(f"{r.code}  {r.name}  {r.title}{' (' + r.variant + ')' if r.variant else ''}  "
                             f"{when}  {counts[r.code]} student(s)  {state}"))
    return 0


def where_is(progress: dict | None) -> str:
    """A student's place, in words, from their last recorded event."""
    if not progress:
        return "joined"
    kind = progress.get("last_kind") or progress.get("kind") or ""
    if progress.get("finished") or kind == "finished":
        return "finished"
    if kind in ("quiz_answer", "quiz_done"):
        return "quiz"
    if kind == "ending":
        return "game over"
    if kind in ("choice", "undo"):
        return f"playing, turn {progress.get('turn', 0)}"
    return "joined"


def show(args) -> int:
    with the_class(args) as (store, record):
        participants = store.participants(record.code)
        progress = store.progress(record.code)
        events = store.events(record.code) if record.quiz != "none" else []
    rows = [{"pseudonym": p.pseudonym, "form_order": p.form_order, "where": where_is(progress.get(p.id))}
            for p in participants]
    finished = sum(r["where"] == "finished" for r in rows)
    quiz = quiz_summary(record, events)
    if args.format == "json":
        print(json.dumps({"class": record_json(record), "students": rows, "joined": len(rows),
                          "finished": finished, "quiz": quiz}, indent=1))
        return 0
    print(printable_line(f"{record.code}  {record.name}: {record.title}"
                         + (f" ({record.variant})" if record.variant else "")
                         + f", seed {record.seed}, quiz {record.quiz}, {'closed' if record.closed else 'open'}"))
    print(f"{len(rows)} joined, {finished} finished")
    for row in rows:
        print(printable_line(f"  {row['pseudonym']:<24} {row['where']}"))
    if quiz:
        print(quiz_lines(quiz))
    return 0


def quiz_summary(record, events) -> dict | None:
    """The class's quiz before and after: discernment (d') and accuracy, as numbers for JSON."""
    from dataclasses import asdict as fields_of

    from game.classroom.results import compare
    from game.paths import resolve_scenario
    from game.session import LoadFailed, load_for_play

    if not any(e.kind == "quiz_answer" for e in events):
        return None
    try:
        scenario = load_for_play(resolve_scenario(record.scenario_path), record.language or None)
    except LoadFailed:
        return None   # the scenario is not on this machine: the counts above still stand
    return {measure: fields_of(compare(events, scenario, measure)) for measure in ("d_prime", "accuracy")}


def quiz_lines(quiz: dict) -> str:
    def number(value, digits=2):
        return "-" if value is None else f"{value:.{digits}f}"

    lines = ["Quiz, before and after (students who took both):"]
    for measure, label in (("d_prime", "discernment d'"), ("accuracy", "share right")):
        c = quiz[measure]
        lines.append(f"  {label}: before {number(c['pre_mean'])}, after {number(c['post_mean'])}, change "
                     f"{number(c['mean_diff'])} (95% CI {number(c['ci_low'])} to {number(c['ci_high'])}), "
                     f"d_z {number(c['d_z'])}, {c['paired']} student(s)")
    lines += [f"  {note}" for note in quiz["d_prime"]["notes"]]
    return "\n".join(lines)


def close(args) -> int:
    with the_class(args) as (store, record):
        store.close_class(record.code)
    if args.format == "json":
        print(json.dumps({"closed": record.code}))
    else:
        print(f"Class {record.code} is closed: no one else can join; students already in can finish.")
    return 0


def run_report(args) -> int:
    from game.cli.report_cmd import run_report as report
    return report(args)


def run_vote(args) -> int:
    """The dashboard on its vote screen (a class made with `class new --vote`)."""
    from game.cli.dashboard_cmd import run_dashboard
    return run_dashboard(args, start="vote")


def release(args) -> int:
    """Browser play: untie a pseudonym from the browser that began it (a new computer, cookies cleared)."""
    from game.classroom.student import StudentPath

    with the_class(args) as (_store, record):
        path = StudentPath.find(record.code, args.pseudonym)
    if path is None:
        return fail(args, printable_line(f"no game of {args.pseudonym!r} in class {record.code} was begun on this "
                                         f"computer (run this where `safecity serve` runs)"))
    was_tied = bool(path.seat)
    path.seat = ""
    path.store()
    if args.format == "json":
        print(json.dumps({"released": path.pseudonym, "class": record.code, "was_tied": was_tied}))
    else:
        print(printable_line(f"{path.pseudonym} can now continue class {record.code} from the next browser that "
                             f"joins with this pseudonym."))
    return 0


def confirmed(args, question: str) -> bool | None:
    """True to go on, False if the user said no, None when nobody can be asked (exit 2)."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        return None
    return input(question + " [y/N] ").strip().lower() in ("y", "yes", "o", "oui")


def remove_class_files(code: str) -> int:
    from game.classroom.student import remove_class_files as remove
    return remove(code)


def delete(args) -> int:
    with the_class(args) as (store, record):
        answer = confirmed(args, printable_line(f"Delete class {record.code} ({record.name}) and all of its data?"))
        if answer is None:
            return fail(args, "add --yes to delete without being asked", EXIT_USAGE)
        if not answer:
            print("Nothing was deleted.")
            return 0
        counts = store.delete_class(record.code)
    files = remove_class_files(record.code)     # what browser play and joins kept on this computer
    if args.format == "json":
        print(json.dumps({"deleted": record.code, "rows": counts, "files": files}))
    else:
        print(f"Deleted class {record.code} and all of its data: {counts.get('participants', 0)} student(s), "
              f"{counts.get('events', 0)} recorded step(s)"
              + (f", and {files} file(s) of its students' games on this computer." if files else "."))
    return 0


def purge(args) -> int:
    match = DURATION.match(args.older_than.strip().lower())
    if not match:
        return fail(args, "--older-than takes a number and d, h or w: 30d, 12h, 2w", EXIT_USAGE)
    seconds = int(match.group(1)) * {"h": 3600, "d": 86400, "w": 7 * 86400}[match.group(2)]
    store = store_for(args)
    try:
        old = [r for r in store.list_classes() if r.created_at < time.time() - seconds]
        if not old:
            if args.format == "json":
                print(json.dumps({"deleted": []}))
            else:
                print("No class is that old.")
            return 0
        answer = confirmed(args, f"Delete {len(old)} class(es) older than {args.older_than} and all of their data?")
        if answer is None:
            return fail(args, "add --yes to delete without being asked", EXIT_USAGE)
        if not answer:
            print("Nothing was deleted.")
            return 0
        deleted = store.purge(seconds)
    finally:
        store.close()
    for code in deleted:
        remove_class_files(code)
    if args.format == "json":
        print(json.dumps({"deleted": deleted}))
    else:
        print(f"Deleted {len(deleted)} class(es): {', '.join(deleted)}")
    return 0


def export_rows(store, record, participants=None) -> list[dict]:
    """The class's steps, one row each, students named S01, S02... in join order (anonymous)."""
    participants = store.participants(record.code) if participants is None else participants
    labels = {p.id: f"S{n:02d}" for n, p in enumerate(participants, 1)}
    return [{"participant": labels.get(e.participant_id, "?"), "seq": e.seq, "kind": e.kind, "at": round(e.at, 3),
             "scene": e.scene, "turn": e.turn, "data": e.data} for e in store.events(record.code)]


def export(args) -> int:
    with the_class(args) as (store, record):
        participants = store.participants(record.code)
        rows = export_rows(store, record, participants)
    labels = {p.id: f"S{n:02d}" for n, p in enumerate(participants, 1)}
    students = [{"participant": labels[p.id], "form_order": p.form_order, "joined_at": round(p.joined_at),
                 **({"pseudonym": p.pseudonym} if args.with_pseudonyms else {})} for p in participants]
    if args.format == "json":
        text = json.dumps({"class": {k: v for k, v in record_json(record).items() if k != "scenario_path"},
                           "students": students, "events": rows}, ensure_ascii=False, indent=1)
    else:
        text = to_csv(record.code, rows)
    if args.output:
        from pathlib import Path

        from game.engine.safe_files import write_atomically
        write_atomically(Path(args.output), text.encode("utf-8"))
        print(f"Wrote {len(rows)} rows to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def to_csv(code: str, rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = dict(row["data"])
        flat = {key: data.pop(key, "") for key in ("phase", "form", "item", "answer", "confidence", "correct",
                                                   "choice", "outcome", "ending", "ms")}
        writer.writerow({"class": code, "participant": row["participant"], "seq": row["seq"], "kind": row["kind"],
                         "at": row["at"], "scene": row["scene"], "turn": row["turn"],
                         **{k: _cell(v) for k, v in flat.items()},
                         "data": json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""})
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def dashboard(args) -> int:
    from game.cli.dashboard_cmd import run_dashboard
    return run_dashboard(args)


ACTIONS = {"new": new, "list": list_classes, "show": show, "dashboard": dashboard, "close": close, "delete": delete,
           "export": export, "purge": purge, "release": release, "vote": run_vote, "report": run_report}
