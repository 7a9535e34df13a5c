"""The headless layers never load the UI toolkit (checked in a fresh interpreter)."""

import subprocess
import sys

HEADLESS = ["game.model.scenario", "game.loader", "game.engine.runtime", "game.engine.view", "game.engine.saves",
            "game.language.expressions", "game.cli.check", "game.cli.play_plain", "game.session",
            "game.analysis.lint", "game.analysis.explore", "game.analysis.exhaustive", "game.analysis.graph",
            "game.analysis.json_schema", "game.cli.explore_cmd", "game.cli.graph_cmd", "game.cli.main",
            "game.classroom.scoring", "game.classroom.records", "game.classroom.store", "game.classroom.outbox",
            "game.classroom.flow", "game.classroom.results", "game.cli.class_cmd", "game.cli.join_plain"]


def test_engine_and_loader_import_neither_textual_nor_rich():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in HEADLESS)
            + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            + "print(','.join(bad))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""


def test_only_the_loader_imports_yaml():
    code = ("import sys\nimport game.engine.runtime, game.engine.view, game.engine.saves, game.classroom.scoring\n"
            "print('yaml' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr


def test_the_game_does_not_load_the_class_store():
    """SQLAlchemy and psycopg cost seconds to import: only the class commands load them."""
    code = ("import sys\nimport game.cli.main, game.ui.app, game.session, game.classroom.records, "
            "game.classroom.outbox\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'psycopg') "
            "or m == 'game.classroom.store')))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""


# What each part of the package may import (read statically from every file, imports inside
# functions included). Lowest first: the model and the condition language know nothing above them;
# the loader and the engine know neither each other nor any front end; the screens never import
# the condition language (they show what the engine's view computed, they never evaluate a rule).
MAY_IMPORT = {
    "model": set(), "i18n": set(), "paths": set(),
    "language": {"model"},
    "loader": {"model", "language", "i18n", "paths"},
    "engine": {"model", "language", "i18n", "paths"},
    "analysis": {"model", "language", "loader", "engine", "i18n", "paths"},
    "session": {"model", "loader", "engine", "i18n", "paths"},
    "latest_game": {"model", "loader", "engine", "paths"},
    "settings": {"engine", "paths"},
    "classroom": {"model", "loader", "engine", "i18n", "paths", "session"},
    "ui": {"model", "loader", "engine", "i18n", "paths", "session", "settings", "classroom", "latest_game"},
    "dashboard": {"model", "loader", "engine", "i18n", "paths", "session", "settings", "classroom", "ui"},
    "report": {"model", "loader", "engine", "i18n", "paths", "classroom", "dashboard"},
    "serve": {"model", "loader", "engine", "i18n", "paths", "session", "settings", "classroom", "ui"},
    "locale": set(),
    "schema": set(),
    "cli": None,        # the commands put everything together
    "__main__": {"cli"},
    "__init__": set(),
}
TOOLKITS = {"textual", "rich"}
MAY_DRAW = {"ui", "dashboard", "serve"}


def imports_by_part():
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "game"
    found = {}
    for path in package.rglob("*.py"):
        part = path.relative_to(package).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                found.setdefault(part, set()).add((name, f"{path.relative_to(package.parent)}:{node.lineno}"))
    return found


def test_every_part_imports_only_the_layers_below_it():
    wrong = []
    for part, imported in imports_by_part().items():
        assert part in MAY_IMPORT, f"game/{part} is new: say what it may import in MAY_IMPORT"
        allowed = MAY_IMPORT[part]
        for name, where in imported:
            top = name.split(".")
            if top[0] == "game" and len(top) > 1 and allowed is not None and top[1] != part \
                    and top[1] not in allowed:
                wrong.append(f"{where}: game/{part} imports {name}")
            if top[0] in TOOLKITS and part not in MAY_DRAW:
                wrong.append(f"{where}: game/{part} imports {name} (only {sorted(MAY_DRAW)} draw)")
    assert wrong == []
