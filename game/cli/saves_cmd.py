"""`safecity saves`: every saved game with its scenario, date and turn; `saves delete` removes some."""

from __future__ import annotations

import json
import os
import sys
import time

from game.engine import saves
from game.model.safe_text import printable_line

EXIT_DATA, EXIT_USAGE = 1, 2


def status(info: saves.SaveInfo) -> str:
    if info.problem and not info.recoverable:
        return "damaged"
    if info.in_use:
        return "open in another window"
    state = "finished" if info.ended else "in progress"
    return state + (" (from its backup)" if info.problem else "")


def when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else "-"


def as_json(info: saves.SaveInfo) -> dict:
    return {"id": info.id, "path": str(info.path), "scenario": info.scenario_id, "title": info.scenario_title,
            "turn": info.turn, "variant": info.variant, "language": info.language, "finished": info.ended,
            "started_at": info.started_at, "saved_at": info.saved_at, "status": status(info),
            "problem": info.problem}


def run_saves(args) -> int:
    if args.action == "delete":
        return delete(args)
    if args.ids or args.finished or args.yes:
        sys.stderr.write("safecity saves: IDs, --finished and --yes go with `safecity saves delete`\n")
        return EXIT_USAGE
    infos = saves.list_saves(args.scenario)
    if args.format == "json":
        print(json.dumps({"folder": str(saves.saves_dir()), "saves": [as_json(i) for i in infos]}, indent=1))
        return 0
    print(printable_line(f"Saved games in {saves.saves_dir()}"))
    if not infos:
        print("  (none)")
        return 0
    rows = [("ID", "SCENARIO", "TURN", "STATUS", "SAVED")]
    rows += [(info.id, info.scenario_title or info.scenario_id or "?", str(info.turn) if not info.problem or
              info.recoverable else "-", status(info), when(info.saved_at)) for info in infos]
    rows = [tuple(printable_line(cell)[:60] for cell in row) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    damaged = [i for i in infos if i.problem]
    for info in damaged:
        print(printable_line(f"  {info.id}: {info.problem}"))
    print("Continue one with: safecity play --continue --save ID;  delete: safecity saves delete ID")
    return 0


def delete(args) -> int:
    if args.format == "json" and not args.yes:
        sys.stderr.write("safecity saves delete: --format json needs --yes (nothing can be asked)\n")
        return EXIT_USAGE
    if not args.ids and not args.finished:
        sys.stderr.write("safecity saves delete: name the saved games to delete (their IDs), or --finished\n")
        return EXIT_USAGE
    targets = []
    for name in args.ids:
        path = saves.find_save(name)
        if not os.path.lexists(path):
            sys.stderr.write(printable_line(f"safecity saves delete: there is no saved game `{name}`") + "\n")
            return EXIT_DATA
        if path.parent != saves.saves_dir():
            sys.stderr.write(printable_line(f"safecity saves delete: {path} is not in the saves folder; "
                                            f"only saved games listed by `safecity saves` are deleted") + "\n")
            return EXIT_DATA
        targets.append(path)
    if args.finished:
        targets += [i.path for i in saves.list_saves(args.scenario) if i.ended and i.path not in targets]
    if not targets:
        print("No saved game to delete.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            sys.stderr.write("safecity saves delete: add --yes to delete without being asked\n")
            return EXIT_USAGE
        names = ", ".join(p.stem for p in targets)
        answer = input(printable_line(f"Delete {len(targets)} saved game(s) ({names})? [y/N] ")).strip().lower()
        if answer not in ("y", "yes", "o", "oui"):
            print("Nothing was deleted.")
            return 0
    deleted, failed = [], []
    for path in targets:
        try:
            saves.delete_save(path)
            deleted.append(path.stem)
        except (saves.SaveError, OSError) as err:
            failed.append(printable_line(f"{path.stem}: {err}"))
    if args.format == "json":
        print(json.dumps({"deleted": deleted, "failed": failed}))
    else:
        for name in deleted:
            print(f"deleted {name}")
        for line in failed:
            sys.stderr.write(f"safecity saves delete: {line}\n")
    return EXIT_DATA if failed else 0
